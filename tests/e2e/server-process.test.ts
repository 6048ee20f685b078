import { describe, expect, it } from 'vitest';
import { healthSchema } from '@tracker/shared';
import { useProcessDatabase } from '../helpers/database.js';
import { startServer } from '../helpers/server-process.js';

/**
 * The product as `npm start` runs it: a real process on a real port, migrating and seeding an
 * empty database, shutting down cleanly on SIGTERM, and keeping its data across restarts.
 */
describe('the server process', () => {
  let env: Record<string, string>;

  useProcessDatabase('empty', (settings) => {
    env = settings;
  });

  it('starts on an empty database, answers health, stops on SIGTERM, and keeps data', async () => {
    const first = await startServer(env);
    const health = healthSchema.parse(await (await fetch(`${first.baseUrl}/api/health`)).json());
    expect(health.database.status).toBe('ok');
    expect(first.output()).toContain('seed data loaded');
    expect(await first.stop('SIGTERM')).toBe(0);

    const second = await startServer(env);
    const again = await fetch(`${second.baseUrl}/api/health`);
    expect(again.status).toBe(200);
    expect(second.output()).toContain('database already has data');
    expect(await second.stop('SIGINT')).toBe(0);
  });

  it('refuses to start with an invalid configuration, saying why', async () => {
    await expect(startServer({ ...env, PORT: 'eighty' })).rejects.toThrow(/PORT/);
  });
});
