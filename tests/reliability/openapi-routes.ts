/**
 * The API's routes as its OpenAPI document describes them, so that tests that must cover every
 * route find new ones by themselves. Only the parts of JSON Schema the document uses are typed.
 */

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
}

export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

export interface Route {
  method: string;
  /** The OpenAPI path, with `{name}` placeholders. */
  path: string;
  parameters: Parameter[];
  /** The JSON request body's schema, if the route takes one. */
  body?: JsonSchema;
  tags: string[];
  /** Whether the operation names a security requirement (needs a signed-in user). */
  secured: boolean;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export function routesOf(document: OpenApiDocument): Route[] {
  const routes: Route[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(operations)) {
      const operation = value as {
        parameters?: Parameter[];
        tags?: string[];
        security?: unknown[];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
      };
      const body = operation.requestBody?.content?.['application/json']?.schema;
      routes.push({
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        ...(body ? { body } : {}),
        tags: operation.tags ?? [],
        secured: (operation.security ?? []).length > 0,
      });
    }
  }
  return routes;
}

/** Follows `$ref`s into the document's components. */
export function resolver(document: OpenApiDocument) {
  const resolve = (schema: JsonSchema): JsonSchema => {
    if (!schema.$ref) return schema;
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`unresolved ${schema.$ref}`);
    return resolve(target);
  };
  return resolve;
}

/** The JSON types a schema admits, or undefined when it admits anything. */
export function admittedTypes(
  schema: JsonSchema,
  resolve: (schema: JsonSchema) => JsonSchema,
): Set<string> | undefined {
  const s = resolve(schema);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) {
    const union = new Set<string>();
    for (const alternative of alternatives) {
      const types = admittedTypes(alternative, resolve);
      if (!types) return undefined;
      for (const type of types) union.add(type);
    }
    return union;
  }
  const typeOf = (value: unknown) =>
    value === null ? 'null' : Number.isInteger(value) ? 'integer' : typeof value;
  if (s.const !== undefined) return new Set([typeOf(s.const)]);
  if (s.enum) return new Set(s.enum.map(typeOf));
  if (s.type) return new Set(Array.isArray(s.type) ? s.type : [s.type]);
  return undefined;
}

const SAMPLE_STRINGS = ['ZZ', 'fuzz-sample', '2030-01-01', 'sample', 'x'];

/**
 * A value the schema accepts, built from its constraints (or undefined if this simple builder
 * cannot make one). References to other records get ids that do not exist.
 */
export function sampleValue(
  schema: JsonSchema,
  resolve: (schema: JsonSchema) => JsonSchema,
): { value: unknown } | undefined {
  const s = resolve(schema);
  if (s.const !== undefined) return { value: s.const };
  if (s.enum) return { value: s.enum[0] };
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) {
    for (const alternative of alternatives) {
      const sample = sampleValue(alternative, resolve);
      if (sample) return sample;
    }
    return undefined;
  }
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const name of s.required ?? []) {
        const property = s.properties?.[name];
        const sample = property ? sampleValue(property, resolve) : undefined;
        if (!sample) return undefined;
        value[name] = sample.value;
      }
      return { value };
    }
    case 'integer':
    case 'number': {
      let value = 2_000_000_000;
      if (s.maximum !== undefined) value = Math.min(value, s.maximum);
      if (s.minimum !== undefined) value = Math.max(value, s.minimum);
      return { value };
    }
    case 'string': {
      if (s.format === 'email') return { value: 'nobody.fuzz@example.org' };
      if (s.format === 'date-time') return { value: '2030-01-01T00:00:00Z' };
      const fits = (text: string) =>
        (!s.pattern || new RegExp(s.pattern, 'u').test(text)) &&
        text.length >= (s.minLength ?? 0) &&
        text.length <= (s.maxLength ?? Infinity);
      const found = SAMPLE_STRINGS.find(fits) ?? 'x'.repeat(s.minLength ?? 1);
      return fits(found) ? { value: found } : undefined;
    }
    case 'boolean':
      return { value: false };
    case 'null':
      return { value: null };
    case 'array': {
      if (!s.minItems) return { value: [] };
      const item = s.items ? sampleValue(s.items, resolve) : undefined;
      return item ? { value: Array.from({ length: s.minItems }, () => item.value) } : undefined;
    }
    default:
      return undefined;
  }
}
