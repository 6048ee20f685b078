import { describe, expect, it } from 'vitest';
import { createUserWithCli } from '../helpers/create-user-cli.js';
import { useProcessDatabase } from '../helpers/database.js';

/** `npm run user:create` holds passwords to the rule the API does (needs `npm run build`). */
describe('the create-user command refuses weak passwords', () => {
  let env: Record<string, string>;

  useProcessDatabase('migrated', (settings) => {
    env = settings;
  });

  const user = { email: 'olga.petrova@example.org', name: 'Olga Petrova', role: 'admin' as const };

  it('refuses a common password and one built from the name, and takes a strong one', async () => {
    for (const [password, reason] of [
      ['aaaaaaaaaaaa', /too easy to guess/],
      ['password1234', /too easy to guess/],
      ['olgapetrova2024', /name or e-mail/],
    ] as const) {
      const refused = await createUserWithCli(env, { ...user, password }).catch(
        (error: { stderr?: string }) => error,
      );
      expect(refused?.stderr ?? '').toMatch(reason);
      expect(refused?.stderr ?? '').not.toContain(password);
    }
    await createUserWithCli(env, { ...user, password: 'a long enough secret phrase' });
  });
});
