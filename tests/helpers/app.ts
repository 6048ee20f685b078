import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { expect } from 'vitest';
import { buildApp } from '@tracker/server';
import type { App, AppOptions } from '@tracker/server';
import { problemSchema } from '@tracker/shared';
import type { DatabaseHandle } from '@tracker/db';

/** A stand-in for client/dist, so server tests do not depend on a web app build. */
export function fakeClientDist(): string {
  const root = mkdtempSync(join(tmpdir(), 'tracker-client-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><div id="app">tracker web app</div>');
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'assets', 'main-abc123.js'), 'console.log("app");');
  return root;
}

/** The app on a test database, ready for supertest (`request(app.server)`). */
export async function buildTestApp(
  database: DatabaseHandle,
  options: Omit<AppOptions, 'database'> = {},
): Promise<App> {
  const app = await buildApp({ database, clientDist: fakeClientDist(), ...options });
  await app.ready();
  return app;
}

/** Asserts an RFC 9457 problem answer and returns its body. */
export function expectProblem(response: Response, status: number, type?: string) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = problemSchema.parse(response.body);
  expect(problem.status).toBe(status);
  if (type) expect(problem.type).toBe(type);
  return problem;
}
