import { followSchema, type JsonSchema, type OpenApiDocument } from './openapi-document';

/** Nesting the page follows; deeper (or cyclic) schemas are shown by type only. */
export const MAX_SCHEMA_DEPTH = 8;

/** A limit or rule of a value, named for the page to say in its language. */
export type SchemaConstraint =
  | { kind: 'minLength' | 'maxLength' | 'minimum' | 'maximum' | 'exclusiveMinimum' | 'exclusiveMaximum' | 'minItems' | 'maxItems'; value: number }
  | { kind: 'pattern' | 'format' | 'default' | 'mediaType'; value: string };

/** A schema as the page shows it: a type, its limits, and what it holds. */
export interface DescribedSchema {
  /** The JSON type (`string`, `integer`, `object`, `array`, …), or `any`. */
  type: string;
  /** For an array: the described type of its items. */
  items?: DescribedSchema;
  nullable: boolean;
  constraints: SchemaConstraint[];
  /** The only values allowed, when they are listed. */
  values?: string[];
  description?: string;
  /** For an object: its properties, required ones first as declared. */
  properties?: DescribedProperty[];
  /** For a map: the type of each value. */
  valuesOf?: DescribedSchema;
  /** Alternatives (other than null), when the value may take several shapes. */
  variants?: DescribedSchema[];
}

export interface DescribedProperty {
  name: string;
  required: boolean;
  schema: DescribedSchema;
}

const NUMBER_CONSTRAINTS = ['minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems'] as const;

/** Describes a JSON schema of the document for the page, following `$ref`s. */
export function describeSchema(document: OpenApiDocument, raw: JsonSchema, depth = 0): DescribedSchema {
  const schema = followSchema(document, raw);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const isNull = (s: JsonSchema) => s.type === 'null';
    const others = alternatives.filter((s) => !isNull(s));
    const nullable = others.length < alternatives.length;
    if (others.length === 1) {
      const only = describeSchema(document, others[0]!, depth);
      return { ...only, nullable: true, description: schema.description ?? only.description };
    }
    return {
      type: 'oneOf',
      nullable,
      constraints: [],
      description: schema.description,
      variants: depth < MAX_SCHEMA_DEPTH ? others.map((s) => describeSchema(document, s, depth + 1)) : [],
    };
  }

  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const nullable = types.includes('null');
  const type = types.find((t) => t !== 'null') ?? (schema.const !== undefined ? typeof schema.const : 'any');
  const described: DescribedSchema = { type, nullable, constraints: constraintsOf(schema), description: schema.description };
  if (schema.enum) described.values = schema.enum.map((value) => String(value));
  if (schema.const !== undefined) described.values = [String(schema.const)];
  if (depth >= MAX_SCHEMA_DEPTH) return described;

  if (type === 'array' && schema.items) described.items = describeSchema(document, schema.items, depth + 1);
  if (type === 'object' && schema.properties) {
    const required = new Set(schema.required ?? []);
    described.properties = Object.entries(schema.properties).map(([name, property]) => ({
      name,
      required: required.has(name),
      schema: describeSchema(document, property, depth + 1),
    }));
  }
  if (type === 'object' && typeof schema.additionalProperties === 'object') {
    described.valuesOf = describeSchema(document, schema.additionalProperties, depth + 1);
  }
  return described;
}

function constraintsOf(schema: JsonSchema): SchemaConstraint[] {
  const constraints: SchemaConstraint[] = [];
  for (const kind of NUMBER_CONSTRAINTS) {
    const value = schema[kind];
    if (typeof value === 'number') constraints.push({ kind, value });
  }
  if (schema.format) constraints.push({ kind: 'format', value: schema.format });
  // An email's pattern says no more than its format does, and far less readably.
  if (schema.pattern && schema.format !== 'email') constraints.push({ kind: 'pattern', value: schema.pattern });
  if (schema.default !== undefined) constraints.push({ kind: 'default', value: JSON.stringify(schema.default) });
  if (schema.contentMediaType) constraints.push({ kind: 'mediaType', value: schema.contentMediaType });
  return constraints;
}
