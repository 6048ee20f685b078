import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthSchema } from '@tracker/shared';
import type { App } from '@tracker/server';
import { buildTestApp } from '../../../helpers/app.js';
import { createTestDatabase } from '../../../helpers/database.js';
import type { TestDatabase } from '../../../helpers/database.js';

describe('GET /api/health', () => {
  let database: TestDatabase;
  let app: App;

  beforeAll(async () => {
    database = await createTestDatabase('migrated');
    app = await buildTestApp(database);
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 200 with the database reported healthy', async () => {
    const response = await request(app.server).get('/api/health').expect(200);
    const health = healthSchema.parse(response.body);
    expect(health.status).toBe('ok');
    expect(health.database.status).toBe('ok');
    expect(health.database.engine).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers 503 when the database is gone', async () => {
    await database.destroy();
    const response = await request(app.server).get('/api/health').expect(503);
    const health = healthSchema.parse(response.body);
    expect(health.status).toBe('unavailable');
    expect(health.database.status).toBe('unavailable');
  });
});
