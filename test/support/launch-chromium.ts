/// <reference lib="dom" />
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

/** Debian's Chromium, headless, with a fake camera and microphone that need no permission prompt. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--allow-loopback-in-peer-connection',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/**
 * A page script that records every RTCPeerConnection the page creates, so a test can read
 * WebRTC stats the way chrome://webrtc-internals does, without any hook in the application.
 */
export function peerConnectionRecorder(): void {
  const Original = window.RTCPeerConnection;
  const created: RTCPeerConnection[] = [];
  (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = created;
  window.RTCPeerConnection = class extends Original {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      created.push(this);
    }
  } as typeof RTCPeerConnection;
}

export async function recordPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(peerConnectionRecorder);
}

export interface InboundStats {
  video: { framesDecoded: number; trackIdentifier: string }[];
  audio: { packetsReceived: number; trackIdentifier: string }[];
}

/** Inbound RTP streams of all the page's peer connections. */
export function inboundStatsScript(): Promise<InboundStats> {
  const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
  return Promise.all(connections.filter((pc) => pc.connectionState !== 'closed').map((pc) => pc.getStats())).then((reports) => {
    const result: InboundStats = { video: [], audio: [] };
    for (const report of reports) {
      report.forEach((stat: Record<string, unknown>) => {
        if (stat.type !== 'inbound-rtp') return;
        if (stat.kind === 'video') result.video.push({ framesDecoded: Number(stat.framesDecoded ?? 0), trackIdentifier: String(stat.trackIdentifier) });
        if (stat.kind === 'audio') result.audio.push({ packetsReceived: Number(stat.packetsReceived ?? 0), trackIdentifier: String(stat.trackIdentifier) });
      });
    }
    return result;
  });
}

/** The local candidate type of every connected pair of the page's peer connections. */
export function selectedCandidateTypes(): Promise<string[]> {
  const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
  return Promise.all(connections.filter((pc) => pc.connectionState === 'connected').map((pc) => pc.getStats())).then((reports) => {
    const types: string[] = [];
    for (const report of reports) {
      const byId = new Map<string, Record<string, unknown>>();
      report.forEach((stat: Record<string, unknown>) => byId.set(stat.id as string, stat));
      report.forEach((stat: Record<string, unknown>) => {
        if (stat.type === 'candidate-pair' && stat.state === 'succeeded' && stat.nominated) {
          types.push(String(byId.get(stat.localCandidateId as string)?.candidateType));
        }
      });
    }
    return types;
  });
}
