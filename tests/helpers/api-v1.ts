import request from 'supertest';
import { expect } from 'vitest';
import type { z } from 'zod';
import type { App } from '@tracker/server';

/**
 * GETs a public API path, expects a 200 with JSON, and returns the body parsed by the shared
 * schema the client uses (so a test fails if the answer drifts from the published shape).
 */
export async function getJson<Schema extends z.ZodType>(
  app: App,
  path: string,
  schema: Schema,
): Promise<z.output<Schema>> {
  const response = await request(app.server).get(path);
  expect(response.status, `${path}: ${response.text.slice(0, 500)}`).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return schema.parse(response.body);
}

/** A query string from repeated and single parameters (`{ status: ['a', 'b'] }`). */
export function query(params: Record<string, string | number | boolean | string[]>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) search.append(name, String(item));
  }
  return search.toString();
}
