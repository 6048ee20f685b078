import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { PROBLEM_TYPES } from '@tracker/shared';
import type { App } from '@tracker/server';
import { expectProblem, useTestApp } from '../../helpers/app.js';

describe('web app, API and documentation routing', () => {
  let app: App;

  // Seeded: a recommendation's page is the app only for a recommendation that exists.
  useTestApp('seeded', (opened) => {
    ({ app } = opened);
  });

  it('serves the web app at /', async () => {
    const response = await request(app.server).get('/').expect(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toContain('tracker web app');
  });

  it('answers a history-mode page URL with the web app', async () => {
    const response = await request(app.server).get('/recommendations/12?status=open').expect(200);
    expect(response.text).toContain('tracker web app');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('answers an unknown page with the web app (its not-found page) and status 404', async () => {
    for (const path of ['/no-such-page', '/reports/no-such-report', '/recommendations/abc']) {
      const response = await request(app.server).get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.text).toContain('tracker web app');
    }
  });

  it('answers the page of a recommendation that does not exist with 404', async () => {
    const response = await request(app.server).get('/recommendations/2000000000').expect(404);
    expect(response.text).toContain('tracker web app');
  });

  it('serves hashed assets as immutable', async () => {
    const response = await request(app.server).get('/assets/main-abc123.js').expect(200);
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('never answers an unknown API path with the web app', async () => {
    const response = await request(app.server).get('/api/no-such-thing');
    const problem = expectProblem(response, 404, PROBLEM_TYPES.notFound);
    expect(problem.instance).toBe('/api/no-such-thing');
  });

  it('does not treat a write to a page URL as a page', async () => {
    expectProblem(await request(app.server).post('/recommendations'), 404);
  });

  it('serves the OpenAPI UI at /docs', async () => {
    const response = await request(app.server).get('/docs/').expect(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toContain('swagger');
  });

  it('serves the OpenAPI document at /openapi.json', async () => {
    const response = await request(app.server).get('/openapi.json').expect(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(response.body.paths['/api/health'].get.responses['200']).toBeDefined();
    expect(response.body.paths['/openapi.json']).toBeUndefined();
  });
});
