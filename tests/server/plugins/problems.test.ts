import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PROBLEM_TYPES } from '@tracker/shared';
import type { App } from '@tracker/server';
import { buildApp } from '@tracker/server';
import { expectProblem, fakeClientDist } from '../../helpers/app.js';
import { createTestDatabase } from '../../helpers/database.js';
import type { TestDatabase } from '../../helpers/database.js';

describe('error handling', () => {
  let database: TestDatabase;
  let app: App;

  beforeAll(async () => {
    database = await createTestDatabase('migrated');
    app = await buildApp({ database, clientDist: fakeClientDist() });
    // Routes that exist only in this test, to exercise the error handler.
    app.post(
      '/api/test/echo',
      { schema: { body: z.strictObject({ name: z.string().min(2), count: z.number().int() }) } },
      async (req) => req.body,
    );
    app.get('/api/test/crash', async () => {
      throw new Error('secret internal detail: password=hunter2');
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('answers a validation failure with a 400 naming the offending fields', async () => {
    const response = await request(app.server).post('/api/test/echo').send({ name: 'x', extra: 1 });
    const problem = expectProblem(response, 400, PROBLEM_TYPES.validation);
    const paths = problem.errors?.map((error) => error.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.count']));
  });

  it.each([
    {
      name: 'answers malformed JSON with a 400',
      type: 'application/json',
      body: '{"name": ',
      status: 400,
      problem: PROBLEM_TYPES.badRequest,
    },
    {
      name: 'answers an unsupported content type with a 415',
      type: 'application/xml',
      body: '<name/>',
      status: 415,
      problem: PROBLEM_TYPES.unsupportedMediaType,
    },
    {
      name: 'answers a body over the limit with a 413',
      type: 'application/json',
      body: JSON.stringify({ name: 'x'.repeat(2_000_000), count: 1 }),
      status: 413,
      problem: PROBLEM_TYPES.payloadTooLarge,
    },
  ])('$name', async ({ type, body, status, problem }) => {
    const response = await request(app.server)
      .post('/api/test/echo')
      .set('content-type', type)
      .send(body);
    expectProblem(response, status, problem);
  });

  it('answers an unexpected failure with a 500 that leaks nothing', async () => {
    const response = await request(app.server).get('/api/test/crash');
    const problem = expectProblem(response, 500, PROBLEM_TYPES.internal);
    expect(JSON.stringify(problem)).not.toContain('hunter2');
    expect(JSON.stringify(problem)).not.toContain('secret');
  });
});
