/**
 * In Chromium: from clicking Join to the first decoded remote video frame, 10 joins of a
 * party into a room where the mediator is already sending; prints the median. Before the
 * click the page has its camera in the device check and has connected ahead (its receive
 * transport is connected), as it has by the time a person has looked at themselves; how long
 * that took from opening the link is printed too. Ends with one JSON line.
 */
import os from 'node:os';
import { launchChromium, recordPeerConnections } from '../../test/support/launch-chromium.js';
import { runDemoSession } from '../../test/support/run-demo-session.js';
import { startTestService } from '../../test/support/start-test-service.js';
import { percentiles } from './percentiles.js';

const JOINS = 10;

const service = await startTestService({ MEDIASOUP_WORKERS: '0' });
const demo = await runDemoSession(service);
const browser = await launchChromium();

const anchorContext = await browser.newContext({ locale: 'en-US' });
const anchor = await anchorContext.newPage();
await anchor.goto(demo.mediatorUrl);
await anchor.getByRole('button', { name: 'Join', exact: true }).click();
await anchor.locator('figure[data-participant-id]').first().waitFor();

const samples: number[] = [];
const preparations: number[] = [];
for (let i = 0; i < JOINS; i++) {
  const context = await browser.newContext({ locale: 'en-US' });
  await recordPeerConnections(context);
  const page = await context.newPage();
  const opened = Date.now();
  await page.goto(demo.partyUrls[0]!);
  const join = page.getByRole('button', { name: 'Join', exact: true });
  await join.waitFor();
  // Wait until the device check has its camera, as a person would before clicking.
  await page.waitForFunction(() => Array.from(document.querySelectorAll("video")).some((v) => v.readyState >= 2));
  // Connected ahead: the join page's receive transport (a peer connection) is up.
  await page.waitForFunction(() =>
    (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.some((pc) => pc.connectionState === 'connected'),
  );
  preparations.push(Date.now() - opened);
  const elapsed = await page.evaluate(async () => {
    const button = Array.from(document.querySelectorAll("button")).find((b) => b.textContent?.trim() === 'Join')!;
    const started = performance.now();
    button.click();
    const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    for (;;) {
      for (const pc of connections) {
        const report = await pc.getStats();
        let decoded = false;
        report.forEach((s: Record<string, unknown>) => {
          if (s.type === 'inbound-rtp' && s.kind === 'video' && Number(s.framesDecoded) > 0) decoded = true;
        });
        if (decoded) return performance.now() - started;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });
  samples.push(elapsed);
  console.log(`  join ${i + 1}: ${elapsed.toFixed(0)} ms`);
  await context.close();
}

await browser.close();
await service.stop();

const p = percentiles(samples);
const sorted = [...samples].sort((a, b) => a - b);
const median = Math.round(((sorted[4]! + sorted[5]!) / 2) * 10) / 10;
const prepared = percentiles(preparations);
const load = os.loadavg().map((value) => value.toFixed(2)).join(' ');
console.log(`\nfirst remote video frame after Join: median ${median} ms, p95 ${p.p95} ms, max ${p.max} ms (${JOINS} joins, load average ${load})`);
console.log(`connected ahead, from opening the link: p50 ${prepared.p50} ms, p95 ${prepared.p95} ms`);
console.log(
  JSON.stringify({
    benchmark: 'first-frame',
    joins: JOINS,
    loadAverage: os.loadavg(),
    medianMs: median,
    ...p,
    connectedAheadMs: prepared,
    targets: { medianAtMost1000ms: median <= 1000, medianAtMost300ms: median <= 300 },
  }),
);
