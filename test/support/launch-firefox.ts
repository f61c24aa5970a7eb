/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { peerConnectionRecorder } from './launch-chromium.js';

/** Debian's Firefox ESR (`apt-get install firefox-esr`); `FIREFOX_PATH` overrides it. */
export const FIREFOX_PATH =
  process.env.FIREFOX_PATH ?? ['/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox-esr'].find((p) => fs.existsSync(p)) ?? '/usr/lib/firefox-esr/firefox-esr';

/**
 * Stock Firefox, headless, driven over WebDriver BiDi by puppeteer-core (Playwright can only
 * drive its own patched Firefox build), with a fake camera and microphone that need no
 * permission prompt, English pages, and media that may play without a gesture.
 */
export function launchFirefox(): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: {
      'media.navigator.streams.fake': true,
      'media.navigator.permission.disabled': true,
      'media.autoplay.default': 0,
      'media.autoplay.block-webaudio': false,
      'intl.accept_languages': 'en-US, en',
    },
  });
}

/** Records the page's peer connections as `recordPeerConnections` does in Chromium. */
export async function recordFirefoxPeerConnections(page: Page): Promise<void> {
  await page.evaluateOnNewDocument(peerConnectionRecorder);
}

/**
 * An address Firefox can reach the media ports on. Firefox never pairs its ICE candidates with
 * a loopback remote candidate (not even with `media.peerconnection.ice.loopback`), so a test
 * service whose media worker listens on 127.0.0.1 is unreachable from it: the test service
 * listens on this machine's first external IPv4 address instead (pass it as MEDIASOUP_LISTEN_IP).
 */
export function mediaAddressForFirefox(): string {
  const address = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  if (!address) throw new Error('Firefox needs a non-loopback IPv4 address for WebRTC, and this machine has none');
  return address;
}
