import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useProcessDatabase } from '../helpers/database.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../server/dist/cli/create-user.js', import.meta.url));

/** `npm run user:create`: the only way to the first admin; there are no built-in accounts. */
describe('the create-user command', () => {
  let env: Record<string, string>;

  useProcessDatabase('migrated', (settings) => {
    env = { PATH: process.env.PATH!, ...settings };
  });

  const createUser = (args: string[], password?: string) =>
    run(process.execPath, [CLI, ...args], {
      env: { ...env, ...(password ? { TRACKER_PASSWORD: password } : {}) },
    });

  it('creates an admin with the password from the environment, never echoing it', async () => {
    const password = 'a long enough secret phrase';
    const { stdout, stderr } = await createUser(
      ['--email', 'First.Admin@Example.org', '--name', 'First Admin'],
      password,
    );
    expect(stdout).toMatch(/created admin first\.admin@example\.org/);
    expect(stdout + stderr).not.toContain(password);
    await expect(
      createUser(['--email', 'first.admin@example.org', '--name', 'Again'], password),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/exists already/) });
  });

  it('refuses a password on the command line and a short password', async () => {
    await expect(
      createUser(['--email', 'x@example.org', '--name', 'X', '--password', 'on the command line']),
    ).rejects.toMatchObject({ code: 1 });
    await expect(
      createUser(['--email', 'y@example.org', '--name', 'Y'], 'short'),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/at least 12/) });
  });

  it('refuses to ask for a password without a terminal', async () => {
    await expect(createUser(['--email', 'z@example.org', '--name', 'Z'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/No terminal/),
    });
  });
});
