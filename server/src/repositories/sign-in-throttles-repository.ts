import { eq, inArray, sql } from 'drizzle-orm';
import { schema } from '@tracker/db';
import type { Database } from '@tracker/db';

/**
 * Failures after which an account, or a client address, is refused for a while. An address may
 * be shared by a whole office behind one gateway, so it is allowed more.
 */
export const MAX_FAILURES = { account: 5, address: 20 } as const;
/** Failures are counted within this window; a lock lasts as long. */
const WINDOW_SECONDS = 15 * 60;
/** Each failure before the lock slows the next answer down by this much more. */
export const DELAY_STEP_MS = 250;

const { signInThrottles } = schema;

export function throttleKeys(email: string, address: string): string[] {
  return [`account:${email}`, `address:${address}`];
}

function limitOf(key: string): number {
  return key.startsWith('account:') ? MAX_FAILURES.account : MAX_FAILURES.address;
}

/** Failed sign-ins per account and per address, shared by every server instance. */
export function createSignInThrottlesRepository(db: Database) {
  return {
    /** Seconds until the lock on any of the keys ends; 0 when none is locked. */
    async lockedForSeconds(keys: string[]): Promise<number> {
      const rows = await db
        .select({
          seconds: sql<number>`ceil(extract(epoch from (${signInThrottles.lockedUntil} - now())))::int`,
        })
        .from(signInThrottles)
        .where(inArray(signInThrottles.key, keys));
      return Math.max(0, ...rows.map((row) => row.seconds ?? 0));
    },

    /**
     * Counts a failure against each key (restarting the count when the window has passed) and locks
     * a key that reached its limit. Returns whether a key is now locked, and the account's count of
     * failures, by which the answer is slowed down.
     */
    async recordFailure(keys: string[]): Promise<{ locked: boolean; accountFailures: number }> {
      let locked = false;
      let accountFailures = 0;
      for (const key of keys) {
        const [row] = await db
          .insert(signInThrottles)
          .values({ key, failures: 1 })
          .onConflictDoUpdate({
            target: signInThrottles.key,
            set: {
              failures: sql`case when ${signInThrottles.firstFailureAt} < now() - make_interval(secs => ${WINDOW_SECONDS}) then 1 else ${signInThrottles.failures} + 1 end`,
              firstFailureAt: sql`case when ${signInThrottles.firstFailureAt} < now() - make_interval(secs => ${WINDOW_SECONDS}) then now() else ${signInThrottles.firstFailureAt} end`,
            },
          })
          .returning();
        const failures = row?.failures ?? 1;
        if (key.startsWith('account:')) accountFailures = failures;
        if (failures >= limitOf(key)) {
          locked = true;
          await db
            .update(signInThrottles)
            .set({ lockedUntil: sql`now() + make_interval(secs => ${WINDOW_SECONDS})` })
            .where(eq(signInThrottles.key, key));
        }
      }
      return { locked, accountFailures };
    },

    /** A successful sign-in clears the account's count (not the address's: others may share it). */
    async clearAccount(email: string): Promise<void> {
      await db.delete(signInThrottles).where(eq(signInThrottles.key, `account:${email}`));
    },
  };
}
