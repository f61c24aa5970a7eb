import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type ErrorBody } from '@mediation/shared';
import { AppError, INTERNAL_ERROR_MESSAGE, toErrorBody } from '../../server/src/errors/app-error.js';
import { errorHandler } from '../../server/src/http/error-handler.js';

/** The log lines the handler writes, parsed. */
const logLines: Record<string, unknown>[] = [];
const logger = pino(
  { level: 'error' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  }),
);

let server: http.Server;
let url: string;

beforeAll(async () => {
  const app = express();
  app.use(express.json({ limit: '1kb' }));
  app.get('/type-error', () => {
    const record = undefined as unknown as { owner: { name: string } };
    // A bug as it happens: a property of undefined, with the path of a server file in the stack.
    return record.owner.name;
  });
  app.get('/secret-error', () => {
    throw new Error('SQLITE_CONSTRAINT at /srv/mediation/data/mediation.sqlite for 王芳');
  });
  app.get('/app-error', () => {
    throw new AppError(ErrorCode.conflict, 'The agreement is being issued.');
  });
  app.get('/cases/:caseId', (req, res) => {
    res.json({ caseId: req.params.caseId });
  });
  app.post('/body', (req, res) => {
    res.json(req.body);
  });
  app.use(errorHandler(logger));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function answer(path: string, init?: RequestInit): Promise<{ status: number; text: string; body: ErrorBody }> {
  const response = await fetch(`${url}${path}`, init);
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as ErrorBody };
}

describe('the HTTP error handler', () => {
  it('answers a TypeError as INTERNAL with a fixed message and a correlation id found on the log line that holds the error', async () => {
    const { status, text, body } = await answer('/type-error');
    expect(status).toBe(500);
    expect(body).toEqual({ code: ErrorCode.internal, message: INTERNAL_ERROR_MESSAGE, correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(text).not.toMatch(/owner|undefined|TypeError|\.ts/);
    const logged = logLines.find((line) => line.correlationId === body.correlationId);
    expect(logged).toMatchObject({ err: { type: 'TypeError', message: expect.stringContaining("reading 'owner'") } });
    expect((logged!.err as { stack: string }).stack).toContain('error-handler.test.ts');
  });

  it('never shows an unexpected error’s own text, and gives each one its own correlation id', async () => {
    const first = await answer('/secret-error');
    const second = await answer('/secret-error');
    expect(first.text).not.toMatch(/SQLITE|mediation\.sqlite|王芳/);
    expect(first.body.correlationId).not.toBe(second.body.correlationId);
  });

  it('answers an AppError with its own code and message and no correlation id', async () => {
    const { status, body } = await answer('/app-error');
    expect(status).toBe(409);
    expect(body).toEqual({ code: ErrorCode.conflict, message: 'The agreement is being issued.' });
  });

  it('answers malformed JSON with VALIDATION_FAILED and a fixed message that quotes nothing of the body', async () => {
    const { status, text, body } = await answer('/body', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name": <script>' });
    expect(status).toBe(400);
    expect(body).toEqual({ code: ErrorCode.validationFailed, message: 'The request body is not valid JSON.' });
    expect(text).not.toContain('script');
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const { status, body } = await answer('/body', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x'.repeat(4096) }) });
    expect(status).toBe(413);
    expect(body.code).toBe(ErrorCode.payloadTooLarge);
  });

  it('answers an address that is not valid percent-encoding with VALIDATION_FAILED, without quoting it', async () => {
    const { status, text, body } = await answer('/cases/%E0%A4%A');
    expect(status).toBe(400);
    expect(body.code).toBe(ErrorCode.validationFailed);
    expect(text).not.toContain('%E0');
  });

  it('logs nothing for errors that are the request’s own', async () => {
    const before = logLines.length;
    await answer('/body', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    await answer('/app-error');
    expect(logLines.length).toBe(before);
  });
});

describe('the error body a client may see', () => {
  it('carries the correlation id only for errors that were not meant for the client', () => {
    expect(toErrorBody(new RangeError('x'), 'c-1')).toEqual({ code: ErrorCode.internal, message: INTERNAL_ERROR_MESSAGE, correlationId: 'c-1' });
    expect(toErrorBody(new RangeError('x'))).toEqual({ code: ErrorCode.internal, message: INTERNAL_ERROR_MESSAGE });
    expect(toErrorBody(new AppError(ErrorCode.forbidden, 'No.'), 'c-1')).toEqual({ code: ErrorCode.forbidden, message: 'No.' });
  });
});
