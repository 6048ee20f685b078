import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildApp } from '@tracker/server';
import type { App, AppOptions } from '@tracker/server';
import { problemSchema } from '@tracker/shared';
import type { DatabaseHandle } from '@tracker/db';
import type { TemplateKind } from './database-templates.js';
import { createTestDatabase } from './database.js';
import type { TestDatabase } from './database.js';

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

/** Starts `app` listening on a free port of the loopback interface: its port and base URL. */
export async function listenOnLoopback(app: App): Promise<{ port: number; baseUrl: string }> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { port, baseUrl: `http://127.0.0.1:${port}` };
}

export interface OpenedTestApp {
  database: TestDatabase;
  app: App;
}

/**
 * A test file's own database (a clone of the `kind` template) and the app on it: opened before the
 * file's tests, handed to `ready` (which keeps them, and may prepare more), closed after them.
 */
export function useTestApp(
  kind: TemplateKind,
  ready: (opened: OpenedTestApp) => void | Promise<void>,
  options: Omit<AppOptions, 'database'> = {},
): void {
  let opened: OpenedTestApp | undefined;
  beforeAll(async () => {
    const database = await createTestDatabase(kind);
    opened = { database, app: await buildTestApp(database, options) };
    await ready(opened);
  });
  afterAll(async () => {
    await opened?.app.close();
    await opened?.database.destroy();
  });
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
