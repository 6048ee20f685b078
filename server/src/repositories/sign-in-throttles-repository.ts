import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { schema } from '@tracker/db';
import type { Database, Transaction } from '@tracker/db';

/** Attempts are counted within this window; a key that used up its attempts waits for its end. */
const WINDOW_SECONDS = 15 * 60;

/**
 * Rows of ended windows removed per attempt. Every attempt from a new address or account adds
 * rows, so each attempt also takes away a few that no longer count: the table stays about as
 * large as the last window's traffic, and no attempt does unbounded work.
 */
const PRUNED_PER_ATTEMPT = 50;

export interface ThrottleLimit {
  /** Attempts a key may make within the window. */
  attempts: number;
  /**
   * Attempts before each further one must wait: 1 s, then 2, 4, 8 … (at most `maxDelaySeconds`).
   * Infinity for no delays.
   */
  freeAttempts: number;
  maxDelaySeconds: number;
}

/**
 * What a key may do in a window. The pair of an account and an address is what an attacker guesses
 * through: it is slowed down early and refused soon. The account alone (guesses spread over many
 * addresses) and the address alone (one address trying many accounts) are allowed more, so that
 * an attacker elsewhere cannot lock out the real user, nor one user a whole office behind one
 * gateway. A browser that signed in to the account before (its device cookie) is counted on its
 * own and passes the account's and the address's limits.
 */
export const LIMITS = {
  pair: { attempts: 10, freeAttempts: 3, maxDelaySeconds: 60 },
  device: { attempts: 10, freeAttempts: 3, maxDelaySeconds: 60 },
  account: { attempts: 30, freeAttempts: Infinity, maxDelaySeconds: 0 },
  address: { attempts: 100, freeAttempts: Infinity, maxDelaySeconds: 0 },
} as const satisfies Record<string, ThrottleLimit>;

type ThrottleKind = keyof typeof LIMITS;

const { signInThrottles } = schema;

/** The keys a sign-in attempt counts against: `kind:subject`. */
export function throttleKeys(email: string, address: string, knownDevice: string | null): string[] {
  return knownDevice
    ? [`device:${knownDevice}`]
    : [`pair:${email} ${address}`, `account:${email}`, `address:${address}`];
}

function limitOf(key: string): ThrottleLimit {
  const kind = key.slice(0, key.indexOf(':')) as ThrottleKind;
  return LIMITS[kind];
}

/** Seconds the next attempt must wait after the `attempts`-th one (0: none). */
function delayAfter(limit: ThrottleLimit, attempts: number): number {
  if (attempts <= limit.freeAttempts) return 0;
  return Math.min(2 ** Math.min(attempts - limit.freeAttempts - 1, 20), limit.maxDelaySeconds);
}

export type Reservation =
  | {
      granted: true;
      /** Seconds before the next attempt may be made (0: at once). */ nextIn: number;
    }
  | { granted: false; retryAfter: number };

/**
 * Sign-in attempts per key (account and address together, account, address, known device),
 * shared by every server instance through the database.
 */
export function createSignInThrottlesRepository(db: Database) {
  /**
   * Removes up to PRUNED_PER_ATTEMPT rows whose window has ended and that make nobody wait:
   * they would restart from nothing anyway. Rows another attempt holds are skipped, not awaited.
   */
  async function prune(): Promise<void> {
    const expired = db
      .select({ key: signInThrottles.key })
      .from(signInThrottles)
      .where(
        and(
          lt(signInThrottles.firstFailureAt, sql`now() - make_interval(secs => ${WINDOW_SECONDS})`),
          or(isNull(signInThrottles.lockedUntil), lt(signInThrottles.lockedUntil, sql`now()`)),
        ),
      )
      .limit(PRUNED_PER_ATTEMPT)
      .for('update', { skipLocked: true });
    await db.delete(signInThrottles).where(inArray(signInThrottles.key, expired));
  }

  return {
    /**
     * Reserves one attempt on every key before the password is checked, or none when any key is
     * out of attempts or must still wait. The keys' rows are locked for the decision, so of a burst
     * of parallel attempts (on any number of instances) no more get through than the limits allow.
     */
    async reserve(keys: string[]): Promise<Reservation> {
      // A fixed order of locking, so that two attempts never wait for each other.
      const sorted = [...new Set(keys)].sort();
      const reservation = await db.transaction(async (tx): Promise<Reservation> => {
        await tx
          .insert(signInThrottles)
          .values(sorted.map((key) => ({ key, failures: 0 })))
          // An update that changes nothing, for its row lock: from here the rows are this
          // attempt's, and `prune` (which skips locked rows) cannot remove one before it is read.
          .onConflictDoUpdate({
            target: signInThrottles.key,
            set: { failures: sql`${signInThrottles.failures}` },
          });
        const rows = await tx
          .select({
            key: signInThrottles.key,
            attempts: signInThrottles.failures,
            windowAge: sql<number>`extract(epoch from (now() - ${signInThrottles.firstFailureAt}))::float8`,
            waitFor: sql<number>`coalesce(extract(epoch from (${signInThrottles.lockedUntil} - now())), 0)::float8`,
          })
          .from(signInThrottles)
          .where(inArray(signInThrottles.key, sorted))
          .orderBy(signInThrottles.key)
          .for('update');

        let retryAfter = 0;
        for (const row of rows) {
          if (row.windowAge >= WINDOW_SECONDS) continue;
          if (row.attempts >= limitOf(row.key).attempts) {
            retryAfter = Math.max(retryAfter, WINDOW_SECONDS - row.windowAge);
          } else if (row.waitFor > 0) {
            retryAfter = Math.max(retryAfter, row.waitFor);
          }
        }
        if (retryAfter > 0) return { granted: false, retryAfter: Math.ceil(retryAfter) };

        let nextIn = 0;
        for (const row of rows) {
          const restart = row.windowAge >= WINDOW_SECONDS;
          const attempts = restart ? 1 : row.attempts + 1;
          const delay = delayAfter(limitOf(row.key), attempts);
          nextIn = Math.max(nextIn, delay);
          await tx
            .update(signInThrottles)
            .set({
              failures: attempts,
              ...(restart ? { firstFailureAt: sql`now()` } : {}),
              lockedUntil: delay > 0 ? sql`now() + make_interval(secs => ${delay})` : null,
            })
            .where(eq(signInThrottles.key, row.key));
        }
        return { granted: true, nextIn };
      });
      await prune();
      return reservation;
    },

    /**
     * A successful sign-in: the keys it was made through start afresh (the attempt was no guess),
     * except the address, which others may share: it gets its one attempt back. From a known
     * device it also lifts the account's limit.
     */
    async succeeded(keys: string[], email: string): Promise<void> {
      const cleared = keys.filter((key) => !key.startsWith('address:'));
      if (keys.some((key) => key.startsWith('device:'))) cleared.push(`account:${email}`);
      const refunded = keys.filter((key) => key.startsWith('address:'));
      await db.transaction(async (tx) => {
        if (cleared.length > 0)
          await tx.delete(signInThrottles).where(inArray(signInThrottles.key, cleared));
        if (refunded.length > 0)
          await tx
            .update(signInThrottles)
            .set({ failures: sql`greatest(${signInThrottles.failures} - 1, 0)` })
            .where(inArray(signInThrottles.key, refunded));
      });
    },

    /** An admin's password reset lifts the account's limits, from every address. */
    async clearAccount(email: string, tx: Database | Transaction = db): Promise<void> {
      const pairPrefix = `pair:${email} `;
      await tx
        .delete(signInThrottles)
        .where(
          or(
            eq(signInThrottles.key, `account:${email}`),
            sql`left(${signInThrottles.key}, ${pairPrefix.length}) = ${pairPrefix}`,
          ),
        );
    },
  };
}
