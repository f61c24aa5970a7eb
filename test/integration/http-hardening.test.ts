import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type VerificationReport } from '@mediation/shared';
import type { IssuedAgreementRecord } from '../../server/src/store/records.js';
import { createTestCase } from '../support/create-test-case.js';
import { issueFixtureAgreement } from '../support/issue-fixture-agreement.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

let service: TestService;

beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.stop());

/** The security headers every answer must carry, whatever it is. */
function expectSecurityHeaders(response: Response, what: string): void {
  const csp = response.headers.get('content-security-policy') ?? '';
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values.join(' ')]));
  expect([what, directives.get('default-src')]).toEqual([what, "'self'"]);
  expect([what, directives.get('script-src')]).toEqual([what, "'self'"]);
  expect([what, directives.get('style-src')]).toEqual([what, "'self'"]);
  expect([what, directives.get('frame-ancestors')]).toEqual([what, "'none'"]);
  expect([what, directives.get('object-src')]).toEqual([what, "'none'"]);
  expect([what, directives.get('base-uri')]).toEqual([what, "'none'"]);
  expect([what, directives.get('img-src')]).toEqual([what, "'self' data: blob:"]);
  expect([what, directives.get('connect-src')]).toEqual([what, "'self'"]);
  expect([what, csp]).not.toContain('unsafe-eval');
  expect([what, csp]).not.toContain('unsafe-inline');
  expect([what, response.headers.get('x-content-type-options')]).toEqual([what, 'nosniff']);
  expect([what, response.headers.get('referrer-policy')]).toEqual([what, 'no-referrer']);
  expect([what, response.headers.get('x-frame-options')]).toEqual([what, 'DENY']);
}

describe('security headers', () => {
  it('are on every kind of answer: pages, files, the API, health, errors and Socket.IO', async () => {
    const asset = fs.readdirSync(path.join(service.config.clientDistDir, 'assets')).find((file) => file.endsWith('.js'));
    expect(asset, 'the client must be built (npm run build)').toBeDefined();
    const answers: [string, Promise<Response>, number][] = [
      ['the sign-in page', fetch(`${service.url}/sign-in`), 200],
      ['the start page', fetch(`${service.url}/`), 200],
      ['a static file', fetch(`${service.url}/assets/${asset}`), 200],
      ['an API answer', fetch(`${service.url}/api/verify/MA-2026-000001`), 200],
      ['an API refusal', fetch(`${service.url}/api/cases`), 401],
      ['an unknown API address', fetch(`${service.url}/api/no-such-thing`), 404],
      ['health', fetch(`${service.url}/healthz`), 200],
      ['metrics where not served', fetch(`${service.url}/metrics`), 404],
      ['malformed JSON', fetch(`${service.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }), 400],
      ['Socket.IO long-polling', fetch(`${service.url}/socket.io/?EIO=4&transport=polling`), 200],
    ];
    for (const [what, answer, status] of answers) {
      const response = await answer;
      expect([what, response.status]).toEqual([what, status]);
      expectSecurityHeaders(response, what);
    }
  });
});

describe('errors of the request itself', () => {
  it('an address that is not valid percent-encoding gets VALIDATION_FAILED, without the address echoed', async () => {
    for (const address of ['/api/cases/%E0%A4%A/links', '/api/verify/%E0%A4%A', '/api/cases/%E0%A4%A/agreement.pdf']) {
      const response = await fetch(`${service.url}${address}`);
      const text = await response.text();
      expect([address, response.status]).toEqual([address, 400]);
      expect(JSON.parse(text)).toMatchObject({ code: ErrorCode.validationFailed });
      expect(text).not.toMatch(/%E0|decode param/i);
    }
  });

  it('malformed JSON gets a fixed message quoting nothing of the body', async () => {
    const response = await fetch(`${service.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email": <img src=x>' });
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ code: ErrorCode.validationFailed, message: 'The request body is not valid JSON.' });
    expect(text).not.toContain('img');
  });

  it('a body larger than the endpoint takes gets 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await fetch(`${service.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@b.org', password: 'x'.repeat(64 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: ErrorCode.payloadTooLarge });
  });
});

describe('/metrics on the main port', () => {
  it('is not served when neither METRICS_TOKEN nor METRICS_PORT is configured: 404 NOT_FOUND, not the web client', async () => {
    const response = await fetch(`${service.url}/metrics`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: ErrorCode.notFound });
  });
});

describe('verifying an uploaded PDF', () => {
  let issued: IssuedAgreementRecord;

  beforeAll(async () => {
    const created = await createTestCase(service);
    issued = await issueFixtureAgreement(service, created.caseId);
  }, 60_000);

  async function verify(body: Buffer<ArrayBuffer>): Promise<VerificationReport> {
    const response = await fetch(`${service.url}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body });
    expect(response.status).toBe(200);
    return (await response.json()) as VerificationReport;
  }

  it('calls the issued PDF authentic, a copy with one changed byte tampered, and another PDF not ours', async () => {
    const pdf = Buffer.from(issued.pdf);
    expect(await verify(pdf)).toMatchObject({ authentic: true, tampered: false, documentNumber: issued.documentNumber, pdfSha256: issued.pdfSha256 });

    for (const at of [100, Math.floor(pdf.length / 2), pdf.length - 2]) {
      const changed = Buffer.from(pdf);
      changed[at] = changed[at]! ^ 0x01;
      expect(await verify(changed)).toMatchObject({ authentic: false, tampered: true, documentNumber: issued.documentNumber });
    }

    const foreign = Buffer.from(pdf.toString('latin1').replaceAll(issued.documentNumber, 'MA-1999-000001'), 'latin1');
    expect(await verify(foreign)).toMatchObject({ authentic: false, tampered: false, documentNumber: 'MA-1999-000001', pdfSha256: null });
  });

  it('answers an upload of two million bytes of distinct document numbers clearly: not ours', async () => {
    const body = Buffer.alloc(2 * 1024 * 1024, 0x20);
    // Numbers of a year the service never issued in, so none of them is on record.
    for (let i = 0, at = 0; at + 14 <= body.length; i++, at += 14) body.write(`MA-1999-${String(i % 1e6).padStart(6, '0')}`, at, 'latin1');
    const report = await verify(body);
    expect(report).toMatchObject({ authentic: false, tampered: false, signers: [] });
    expect(report.documentNumber).toMatch(/^MA-1999-\d{6}$/);
  });

  it('keeps answering /healthz while a 19 MB upload is read and checked', async () => {
    const body = Buffer.alloc(19 * 1024 * 1024, 0x20);
    for (let i = 0, at = 0; at + 14 <= body.length; i++, at += 14) body.write(`MA-${2000 + Math.floor(i / 1e6)}-${String(i % 1e6).padStart(6, '0')}`, at, 'latin1');
    let verdict: VerificationReport | undefined;
    const upload = verify(body).then((report) => (verdict = report));
    let answeredDuringUpload = 0;
    while (verdict === undefined) {
      const health = await fetch(`${service.url}/healthz`);
      expect(health.status).toBe(200);
      if (verdict === undefined) answeredDuringUpload++;
    }
    await upload;
    expect(verdict).toMatchObject({ authentic: false, tampered: false });
    expect(answeredDuringUpload).toBeGreaterThan(0);
    // The test's own limit, not a measurement: a look-up per distinct number held the server for 41 s on this body.
  }, 30_000);

  it('refuses a body over 20 MB with 413 PAYLOAD_TOO_LARGE before reading it', async () => {
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(`${service.url}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf', 'content-length': 21 * 1024 * 1024 } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      request.on('error', reject);
      // Only the headers go: the answer comes without the body.
      request.flushHeaders();
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ code: ErrorCode.payloadTooLarge });
  });

  it('refuses a body of another type with VALIDATION_FAILED', async () => {
    const response = await fetch(`${service.url}/api/verify`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'MA-2026-000001' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: ErrorCode.validationFailed });
  });
});
