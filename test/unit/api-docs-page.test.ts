import { describe, expect, it } from 'vitest';
import { apiRoutes, FileCaseRequest } from '@mediation/shared';
import { curlExample, exampleOf } from '../../client/src/api-docs/curl-example.js';
import { describeSchema } from '../../client/src/api-docs/describe-schema.js';
import { sectionsOf, type OpenApiDocument } from '../../client/src/api-docs/openapi-document.js';
import { buildOpenApiDocument } from '../../server/src/http/openapi/build-openapi-document.js';

/** The document the service serves, as the API page reads it. */
const document = buildOpenApiDocument(apiRoutes) as unknown as OpenApiDocument;
const platform = () => sectionsOf(document).find((section) => section.tag === 'Platform')!;
const fileCase = () => platform().operations.find((entry) => entry.operation.operationId === 'fileCase')!;

describe('the API page’s reading of the OpenAPI document', () => {
  it('puts the platform’s section first, with every operation an API key may call', () => {
    const sections = sectionsOf(document);
    expect(sections[0]!.tag).toBe('Platform');
    const ids = platform().operations.map((entry) => entry.operation.operationId);
    expect(ids).toEqual(expect.arrayContaining(['fileCase', 'listPlatformCommittees', 'platformVerification', 'downloadAgreement']));
    expect(ids).not.toContain('signIn');
  });

  it('describes a request body as nested properties with what is required and each limit', () => {
    const body = describeSchema(document, fileCase().operation.requestBody!.content['application/json']!.schema!);
    const participants = body.properties!.find((p) => p.name === 'participants')!;
    expect(participants).toMatchObject({ required: true, schema: { type: 'array', constraints: [{ kind: 'minItems', value: 1 }, { kind: 'maxItems', value: 7 }] } });
    const role = participants.schema.items!.properties!.find((p) => p.name === 'role')!;
    expect(role.schema.values).toContain('applicant');
    expect(body.properties!.find((p) => p.name === 'waitingRoom')).toMatchObject({ required: false, schema: { constraints: [{ kind: 'default', value: 'true' }] } });
  });

  it('reads a nullable value as its type or null, and the error body through its reference', () => {
    const verification = platform().operations.find((entry) => entry.operation.operationId === 'platformVerification')!;
    const report = describeSchema(document, verification.operation.responses['200']!.content!['application/json']!.schema!);
    expect(report.properties!.find((p) => p.name === 'documentNumber')!.schema).toMatchObject({ type: 'string', nullable: true });
    const error = describeSchema(document, { $ref: '#/components/schemas/ErrorBody' });
    expect(error.properties!.find((p) => p.name === 'code')!.schema.values).toContain('RATE_LIMITED');
  });

  it('makes an example body the service would take, and a curl call with the API key', () => {
    const schema = fileCase().operation.requestBody!.content['application/json']!.schema!;
    expect(FileCaseRequest.safeParse(exampleOf(document, schema)).success).toBe(true);
    const curl = curlExample(document, fileCase(), 'https://mediation.example');
    expect(curl).toContain("curl -X POST 'https://mediation.example/api/v1/committees/<committeeId>/cases'");
    expect(curl).toContain("-H 'Authorization: Bearer mrk_…'");
    expect(curl).toContain('"mediatorEmail": "mediator@example.org"');
  });

  it('sends a PDF to verify as the file itself, and saves a PDF answered', () => {
    const sections = sectionsOf(document).flatMap((section) => section.operations);
    const verify = sections.find((entry) => entry.operation.operationId === 'verifyPdf')!;
    expect(curlExample(document, verify, 'https://m.example')).toMatch(/Content-Type: application\/pdf' \\\n {2}--data-binary @document\.pdf$/);
    const pdf = sections.find((entry) => entry.operation.operationId === 'platformAgreementPdf')!;
    expect(curlExample(document, pdf, 'https://m.example')).toMatch(/-o answer\.pdf$/);
  });
});
