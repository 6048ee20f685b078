import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { UserRole } from '@tracker/shared';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../server/dist/cli/create-user.js', import.meta.url));

export interface CliUser {
  email: string;
  name: string;
  role: UserRole;
  password: string;
}

/**
 * A browser test's account, `<local>@example.org`, with a passphrase the password rule accepts
 * (every test file has a database of its own, so only its own accounts need to differ).
 */
export function cliUser(local: string, name: string, role: UserRole = 'editor'): CliUser {
  return { email: `${local}@example.org`, name, role, password: 'a long enough test passphrase' };
}

/**
 * Creates a user with the built `npm run user:create` command, in the database the environment
 * names (DATABASE_URL or DATA_DIR), as an operator would. With PGlite this must happen before the
 * server opens the data directory, which it then holds alone.
 */
export async function createUserWithCli(env: Record<string, string>, user: CliUser): Promise<void> {
  await run(
    process.execPath,
    [CLI, '--email', user.email, '--name', user.name, '--role', user.role],
    { env: { PATH: process.env.PATH!, ...env, TRACKER_PASSWORD: user.password } },
  );
}
