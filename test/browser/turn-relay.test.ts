import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, type CreatedCase } from '@mediation/shared';
import { createTestCase, linkOf } from '../support/create-test-case.js';
import { waitUntil } from '../support/headless-participant.js';
import { inboundStatsScript, launchChromium, selectedCandidateTypes, type InboundStats } from '../support/launch-chromium.js';
import { openRoomPage } from '../support/open-room-page.js';
import { startTestService, type TestService } from '../support/start-test-service.js';
import { startTurnServer, type TurnServer } from '../support/start-turn-server.js';

/**
 * People behind a strict firewall: with ICE_TRANSPORT_POLICY=relay the browsers may use
 * nothing but the TURN server (Debian's coturn, started here), with the time-limited
 * credentials the service makes from the shared secret; the video still flows.
 */

let turn: TurnServer;
let service: TestService;
let browser: Browser;
let created: CreatedCase;

beforeAll(async () => {
  turn = await startTurnServer();
  service = await startTestService({ TURN_URLS: turn.url, TURN_SECRET: turn.secret, ICE_TRANSPORT_POLICY: 'relay' });
  browser = await launchChromium();
  created = await createTestCase(service, [{ displayName: 'Applicant A', role: Role.applicant }]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await turn?.stop();
});

const open = (role: Role): Promise<Page> => openRoomPage(browser, linkOf(created, role).url, 'en-US');

describe('media through TURN only', () => {
  it('both browsers relay everything through coturn, and each decodes the other’s video', async () => {
    const mediator = await open(Role.mediator);
    const applicant = await open(Role.applicant);
    for (const page of [mediator, applicant]) {
      await waitUntil(async () => ((await page.evaluate(inboundStatsScript)) as InboundStats).video.some((v) => v.framesDecoded > 0), 45_000);
      const types = await page.evaluate(selectedCandidateTypes);
      expect(types.length).toBeGreaterThan(0);
      expect(new Set(types)).toEqual(new Set(['relay']));
    }
  }, 120_000);
});
