import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { migrateDatabase, schema } from '@tracker/db';
import { createUserBodySchema, MIN_PASSWORD_LENGTH } from '@tracker/shared';
import { passwordWeakness } from '../auth/password-strength.js';
import { hashPassword } from '../auth/passwords.js';
import { openConfiguredDatabase, runTask } from './open-configured-database.js';

const USAGE = `Usage: npm run user:create -- --email <address> --name <display name> [--role admin|editor]
The password is read from the TRACKER_PASSWORD environment variable or, when unset, asked for on
the terminal; it is never taken from the command line, where other users could see it.`;

/** Reads a line from the terminal without echoing it. */
async function askPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) throw new Error(`No terminal to ask for the password.\n${USAGE}`);
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (text: string) => void };
  process.stdout.write(prompt);
  output._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

/** `npm run user:create`: creates a user, e.g. the first admin (there are no built-in accounts). */
await runTask(async () => {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'admin' },
    },
    strict: true,
  });
  const password =
    process.env.TRACKER_PASSWORD ??
    (await askPassword(`Password (at least ${MIN_PASSWORD_LENGTH} characters): `));
  const parsed = createUserBodySchema.safeParse({
    email: values.email,
    displayName: values.name,
    role: values.role,
    password,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`${problems.join('\n')}\n${USAGE}`);
  }
  const weakness = await passwordWeakness(parsed.data.password!, parsed.data);
  if (weakness) throw new Error(`password: ${weakness}\n${USAGE}`);
  const database = await openConfiguredDatabase();
  try {
    await migrateDatabase(database);
    const { password: secret, ...user } = parsed.data;
    const passwordHash = await hashPassword(secret!);
    const created = await database.db.transaction(async (tx) => {
      const existing = await tx
        .select({ id: schema.users.id })
        .from(schema.users)
        .where(eq(schema.users.email, user.email));
      if (existing.length > 0)
        throw new Error(`A user with the e-mail ${user.email} exists already.`);
      const [row] = await tx
        .insert(schema.users)
        .values({ ...user, passwordHash })
        .returning({ id: schema.users.id, email: schema.users.email, role: schema.users.role });
      await tx.insert(schema.historyEntries).values({
        entityType: 'user',
        entityId: row!.id,
        action: 'create',
        reason: 'Created with npm run user:create',
        after: row,
      });
      return row;
    });
    console.log(`created ${created!.role} ${created!.email} (id ${created!.id})`);
  } finally {
    await database.close();
  }
});
