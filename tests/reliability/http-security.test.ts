import { readFileSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, DEFAULT_CLIENT_DIST } from '@tracker/server';
import type { App } from '@tracker/server';
import { PROBLEM_TYPES } from '@tracker/shared';
import { createToken, signInAs } from '../helpers/accounts.js';
import { expectProblem, fakeClientDist } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';

const WRITES_PER_MINUTE = 5;

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | undefined): Map<string, string[]> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

/**
 * Security headers on every answer, a Content-Security-Policy that forbids inline scripts, and the
 * write rate limit: per user (or address), 429 in the problem shape with Retry-After.
 */
describe('security headers and the write rate limit', () => {
  let database: TestDatabase;
  let app: App;

  beforeAll(async () => {
    database = await createTestDatabase('seeded');
    app = await buildApp({
      database,
      clientDist: fakeClientDist(),
      writesPerMinute: WRITES_PER_MINUTE,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('sends a CSP without inline scripts, and the other helmet headers, on pages and the API', async () => {
    for (const path of ['/', '/recommendations/1', '/api/v1/recommendations', '/api/nothing']) {
      const response = await request(app.server).get(path);
      const csp = directives(response.headers['content-security-policy']);
      const scripts = csp.get('script-src') ?? csp.get('default-src');
      expect(scripts, path).toEqual(["'self'"]);
      expect(csp.get('script-src-attr'), path).toEqual(["'none'"]);
      expect(csp.get('object-src'), path).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(response.headers['x-content-type-options'], path).toBe('nosniff');
      expect(response.headers['referrer-policy'], path).toBe('no-referrer');
      expect(response.headers['x-frame-options'], path).toBe('SAMEORIGIN');
    }
  });

  it('gives the API documentation inline styles, and still no inline scripts', async () => {
    const response = await request(app.server).get('/docs/static/swagger-initializer.js');
    expect(response.status).toBe(200);
    const csp = directives(response.headers['content-security-policy']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toContain("'unsafe-inline'");
  });

  it('builds a web app whose index.html has no inline script the policy would block', () => {
    const html = readFileSync(`${DEFAULT_CLIENT_DIST}/index.html`, 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\//);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('limits writes per user, answering 429 with Retry-After in the problem shape', async () => {
    const first = await createToken(app, await signInAs(app, database.db, 'editor'));
    const second = await createToken(app, await signInAs(app, database.db, 'editor'));
    const write = (token: string, day: number) =>
      request(app.server)
        .post('/api/v1/elections')
        .set('authorization', `Bearer ${token}`)
        .send({
          countryCode: 'KZ',
          kind: 'local',
          heldOn: `2031-02-${String(day).padStart(2, '0')}`,
        });

    // Creating the token was the user's first write of the minute.
    for (let day = 1; day < WRITES_PER_MINUTE; day++) {
      expect((await write(first, day)).status).toBe(201);
    }
    const refused = await write(first, 20);
    const problem = expectProblem(refused, 429, PROBLEM_TYPES.tooManyRequests);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(problem.detail).toMatch(/5 changes a minute/);
    // Nothing was written by the refused request.
    const list = await request(app.server).get('/api/v1/elections?country=KZ&pageSize=100');
    expect(list.body.items.some((item: { heldOn: string }) => item.heldOn === '2031-02-20')).toBe(
      false,
    );

    // Another user is counted on their own; reads are never limited.
    expect((await write(second, 21)).status).toBe(201);
    for (let i = 0; i < WRITES_PER_MINUTE * 2; i++) {
      expect((await request(app.server).get('/api/v1/topics')).status).toBe(200);
    }
  });

  it('counts anonymous writes by address', async () => {
    // The sign-ins above were anonymous writes from this address too; users' writes were not.
    let refused: request.Response | undefined;
    for (let i = 0; i <= WRITES_PER_MINUTE && !refused; i++) {
      const response = await request(app.server)
        .post('/api/v1/auth/sign-in')
        .send({ email: `nobody-${i}@example.org`, password: 'wrong' });
      if (response.status === 429) refused = response;
      else expect(response.status).toBe(401);
    }
    expect(refused, 'refused within the limit').toBeDefined();
    expect(expectProblem(refused!, 429).detail).toMatch(/changes a minute/);
    expect(Number(refused!.headers['retry-after'])).toBeGreaterThan(0);
  });
});
