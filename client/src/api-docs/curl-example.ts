import { followSchema, schemesOf, type DocumentedOperation, type JsonSchema, type OpenApiDocument } from './openapi-document';

/** How deep an example body is made; deeper objects are left empty. */
const MAX_EXAMPLE_DEPTH = 6;

/** What a platform's key looks like in examples (a real one is `mrk_` and 43 more characters). */
export const API_KEY_PLACEHOLDER = 'mrk_…';

/** A value that fits the schema, for an example request: its own example where it has one. */
export function exampleOf(document: OpenApiDocument, raw: JsonSchema, depth = 0): unknown {
  const schema = followSchema(document, raw);
  if (schema.example !== undefined) return schema.example;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return exampleOf(document, alternatives.find((s) => s.type !== 'null') ?? alternatives[0]!, depth);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      if (depth >= MAX_EXAMPLE_DEPTH) return {};
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(schema.properties ?? {}).filter(([name]) => required.has(name));
      return Object.fromEntries(entries.map(([name, property]) => [name, exampleOf(document, property, depth + 1)]));
    }
    case 'array':
      return depth >= MAX_EXAMPLE_DEPTH || !schema.items ? [] : Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => exampleOf(document, schema.items!, depth + 1));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      return schema.format === 'email' ? 'someone@example.org' : schema.format === 'date-time' ? '2026-05-01T09:30:00+08:00' : '…';
    default:
      return null;
  }
}

/** Text in single quotes for a POSIX shell. */
function quoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * An example call with curl: the path's parameters as `<name>`, the API key's header
 * where a key may call it (a session's token where only an account may), and an example
 * body made from the schema.
 */
export function curlExample(document: OpenApiDocument, { method, path, operation }: DocumentedOperation, origin: string): string {
  const url = origin + path.replace(/\{(\w+)\}/g, '<$1>');
  const required = (operation.parameters ?? []).filter((p) => p.in === 'query' && p.required);
  const query = required.length ? `?${required.map((p) => `${p.name}=<${p.name}>`).join('&')}` : '';
  const lines = [`curl${method === 'get' ? '' : ` -X ${method.toUpperCase()}`} ${quoted(url + query)}`];

  const schemes = schemesOf(operation);
  if (schemes.includes('apiKey')) lines.push(`-H ${quoted(`Authorization: Bearer ${API_KEY_PLACEHOLDER}`)}`);
  else if (schemes.includes('sessionToken')) lines.push(`-H ${quoted('Authorization: Bearer <session token>')}`);

  const [mediaType, body] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
  if (mediaType === 'application/json' && body?.schema) {
    lines.push(`-H ${quoted('Content-Type: application/json')}`);
    lines.push(`-d ${quoted(JSON.stringify(exampleOf(document, body.schema), null, 2))}`);
  } else if (mediaType) {
    lines.push(`-H ${quoted(`Content-Type: ${mediaType}`)}`);
    lines.push(`--data-binary @document${extensionOf(mediaType)}`);
  }

  const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'))?.[1];
  const [answerType] = Object.keys(success?.content ?? {});
  if (answerType && answerType !== 'application/json') lines.push(`-o answer${extensionOf(answerType)}`);
  return lines.join(' \\\n  ');
}

function extensionOf(mediaType: string): string {
  return mediaType === 'application/pdf' ? '.pdf' : '';
}
