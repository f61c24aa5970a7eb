/**
 * The part of an OpenAPI 3.1 document the API page reads: the service's own
 * /api/openapi.json, generated from the shared route tables.
 */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  example?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  contentMediaType?: string;
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
}

export interface OpenApiMediaType {
  schema?: JsonSchema;
}

export interface OpenApiResponse {
  $ref?: string;
  description?: string;
  content?: Record<string, OpenApiMediaType>;
}

export interface OpenApiOperation {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, OpenApiMediaType> };
  responses: Record<string, OpenApiResponse>;
}

export interface SecurityScheme {
  type: string;
  scheme?: string;
  in?: string;
  name?: string;
  description?: string;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: {
    schemas?: Record<string, JsonSchema>;
    responses?: Record<string, OpenApiResponse>;
    securitySchemes?: Record<string, SecurityScheme>;
  };
}

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One operation as the page lists it. */
export interface DocumentedOperation {
  method: HttpMethod;
  path: string;
  operation: OpenApiOperation;
}

/** A section of the page: a tag and its operations, in the document's order. */
export interface OperationSection {
  tag: string;
  description: string | undefined;
  operations: DocumentedOperation[];
}

/** The operations by tag, in the order the document lists its tags; an operation with two tags is in both. */
export function sectionsOf(document: OpenApiDocument): OperationSection[] {
  const sections = new Map<string, OperationSection>();
  for (const tag of document.tags ?? []) sections.set(tag.name, { tag: tag.name, description: tag.description, operations: [] });
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      for (const tag of operation.tags ?? ['']) {
        if (!sections.has(tag)) sections.set(tag, { tag, description: undefined, operations: [] });
        sections.get(tag)!.operations.push({ method, path, operation });
      }
    }
  }
  return [...sections.values()].filter((section) => section.operations.length > 0);
}

/** What a local `$ref` (`#/components/…`) points at, or undefined. */
export function resolveRef<T>(document: OpenApiDocument, ref: string): T | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node as T | undefined;
}

/** A schema with its `$ref` followed (once per level: the page renders nesting as it goes). */
export function followSchema(document: OpenApiDocument, schema: JsonSchema): JsonSchema {
  return schema.$ref ? { ...resolveRef<JsonSchema>(document, schema.$ref), ...(schema.description && { description: schema.description }) } : schema;
}

/** A response with its `$ref` followed. */
export function followResponse(document: OpenApiDocument, response: OpenApiResponse): OpenApiResponse {
  return response.$ref ? (resolveRef<OpenApiResponse>(document, response.$ref) ?? response) : response;
}

/** The security schemes an operation accepts, any one of them enough; none for a public one. */
export function schemesOf(operation: OpenApiOperation): string[] {
  return (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
}

/** The anchor of an operation or a section on the page. */
export function anchorOf(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
