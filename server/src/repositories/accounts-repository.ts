import { and, desc, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import { schema } from '@tracker/db';
import type { Database, Transaction } from '@tracker/db';
import { PROBLEM_TYPES } from '@tracker/shared';
import type { ApiToken, User, createUserBodySchema, updateUserBodySchema } from '@tracker/shared';
import type { z } from 'zod';
import { assertStrongPassword } from '../auth/password-strength.js';
import { hashPassword } from '../auth/passwords.js';
import { randomSecret, sha256 } from '../auth/secrets.js';
import { HttpProblem } from '../errors.js';
import { createVersioned, sentFields, updateVersioned } from './versioned-writes.js';
import type { Actor, Fields, VersionedKind } from './versioned-writes.js';

const { apiTokens, sessions, users } = schema;

type UserRow = typeof users.$inferSelect;

/** Sessions last a working day at most; a new sign-in makes a new one. */
const SESSION_TTL_SECONDS = 12 * 60 * 60;
/** A session unused for this long ends (SESSION_IDLE_MINUTES), besides the absolute limit. */
const DEFAULT_SESSION_IDLE_SECONDS = 60 * 60;
/** The last use of a session is noted at most this often, so that reads do not all write. */
const LAST_SEEN_RESOLUTION_SECONDS = 60;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    active: row.active,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const userKind: VersionedKind<typeof users, User> = {
  entity: 'user',
  label: 'user',
  table: users,
  present: toUser,
};

export interface SessionCredentials {
  /** The cookie value; only its hash is stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface Credential {
  user: UserRow;
  via: 'session' | 'token';
  /** For a session: the CSRF token its writes must carry. */
  csrfToken?: string;
  expiresAt?: Date;
}

function toApiToken(row: typeof apiTokens.$inferSelect): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** The transaction lock under which changes that take an admin away are made (any number). */
const ADMIN_CHANGES_LOCK = 7_240_001;

/** Tokens start with a fixed marker so that secret scanners can recognise a leaked one. */
const TOKEN_MARKER = 'odt_';

/** Users, sessions and personal API tokens. */
export function createAccountsRepository(db: Database) {
  return {
    async findUserByEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.email, email));
      return row;
    },

    async createSession(userId: number): Promise<SessionCredentials> {
      const token = randomSecret();
      const csrfToken = randomSecret(24);
      const [row] = await db
        .insert(sessions)
        .values({
          id: sha256(token),
          userId,
          csrfToken,
          expiresAt: sql`now() + make_interval(secs => ${SESSION_TTL_SECONDS})`,
        })
        .returning({ expiresAt: sessions.expiresAt });
      // Expired sessions are swept now and then, on sign-in, rather than by a separate job.
      await db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
      return { token, csrfToken, expiresAt: row!.expiresAt };
    },

    async deleteSession(token: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.id, sha256(token)));
    },

    /**
     * The active user behind a session cookie, unless the session expired, was idle for longer
     * than `idleSeconds`, or the user is inactive. Notes the use (to the minute).
     */
    async findSessionUser(
      token: string,
      idleSeconds = DEFAULT_SESSION_IDLE_SECONDS,
    ): Promise<Credential | null> {
      const id = sha256(token);
      const [row] = await db
        .select({
          user: users,
          csrfToken: sessions.csrfToken,
          expiresAt: sessions.expiresAt,
          stale: sql<boolean>`${sessions.lastSeenAt} < now() - make_interval(secs => ${LAST_SEEN_RESOLUTION_SECONDS})`,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(
          and(
            eq(sessions.id, id),
            gt(sessions.expiresAt, sql`now()`),
            gt(sessions.lastSeenAt, sql`now() - make_interval(secs => ${idleSeconds})`),
            eq(users.active, true),
          ),
        );
      if (!row) return null;
      if (row.stale) {
        await db
          .update(sessions)
          .set({ lastSeenAt: sql`now()` })
          .where(eq(sessions.id, id));
      }
      return { user: row.user, via: 'session', csrfToken: row.csrfToken, expiresAt: row.expiresAt };
    },

    /**
     * Ends every session and API token of a user (a password reset, a deactivation), except the
     * session the change is made with, when users change their own password.
     */
    async endAllAccess(tx: Transaction, userId: number, keepSession?: string): Promise<void> {
      await tx
        .delete(sessions)
        .where(
          and(
            eq(sessions.userId, userId),
            keepSession ? ne(sessions.id, sha256(keepSession)) : undefined,
          ),
        );
      await tx
        .update(apiTokens)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
    },

    /**
     * Refuses (409) a change that would leave no active admin: demoting or deactivating the last
     * one. Changes to admins are made one at a time (a transaction lock), so two admins demoting
     * each other at once cannot both succeed.
     */
    async assertAdminRemains(
      tx: Transaction,
      target: { id: number; role: string; active: boolean },
      change: { role?: string | undefined; active?: boolean | undefined },
    ): Promise<void> {
      const wasAdmin = target.role === 'admin' && target.active;
      const staysAdmin =
        (change.role ?? target.role) === 'admin' && (change.active ?? target.active);
      if (!wasAdmin || staysAdmin) return;
      await tx.execute(sql`select pg_advisory_xact_lock(${ADMIN_CHANGES_LOCK})`);
      const [other] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, 'admin'), eq(users.active, true), ne(users.id, target.id)))
        .limit(1);
      if (!other) {
        throw new HttpProblem(
          409,
          PROBLEM_TYPES.conflict,
          'The last admin',
          'This is the last active admin: make another user an admin first.',
        );
      }
    },

    /** The active user behind an API token, unless it was revoked; notes when it was last used. */
    async findTokenUser(token: string): Promise<Credential | null> {
      const [row] = await db
        .update(apiTokens)
        .set({ lastUsedAt: sql`now()` })
        .from(users)
        .where(
          and(
            eq(apiTokens.tokenHash, sha256(token)),
            isNull(apiTokens.revokedAt),
            eq(users.id, apiTokens.userId),
            eq(users.active, true),
          ),
        )
        .returning({ user: users });
      return row ? { user: row.user, via: 'token' } : null;
    },

    async createApiToken(userId: number, name: string) {
      const token = `${TOKEN_MARKER}${randomSecret()}`;
      const [row] = await db
        .insert(apiTokens)
        .values({
          userId,
          name,
          tokenHash: sha256(token),
          prefix: token.slice(0, TOKEN_MARKER.length + 6),
        })
        .returning();
      return { ...toApiToken(row!), token };
    },

    async listApiTokens(userId: number): Promise<ApiToken[]> {
      const rows = await db
        .select()
        .from(apiTokens)
        .where(eq(apiTokens.userId, userId))
        .orderBy(desc(apiTokens.createdAt));
      return rows.map(toApiToken);
    },

    /** Revokes one of the user's tokens; false when the user has no such (unrevoked) token. */
    async revokeApiToken(userId: number, tokenId: number): Promise<boolean> {
      const rows = await db
        .update(apiTokens)
        .set({ revokedAt: sql`now()` })
        .where(
          and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)),
        )
        .returning({ id: apiTokens.id });
      return rows.length > 0;
    },

    /** A new user; without a password the user cannot sign in until one is set. */
    async createUser(
      { password, ...user }: z.output<typeof createUserBodySchema>,
      actor: Actor,
    ): Promise<User> {
      if (password) await assertStrongPassword(password, user);
      const passwordHash = password ? await hashPassword(password) : null;
      return createVersioned(db, userKind, async () => ({ ...user, passwordHash }), actor);
    },

    /**
     * An admin's change to a user. A new password must be strong; it, or a deactivation, ends
     * every session and token of the user (but `keepSession`, the one an admin changing their own
     * password uses), and `onPasswordReset` lifts the account's sign-in limit in the same
     * transaction. The last active admin cannot be demoted or deactivated.
     */
    async updateUser(
      id: number,
      expectedVersion: number,
      { password, ...changes }: Fields<z.output<typeof updateUserBodySchema>>,
      actor: Actor,
      access: {
        keepSession?: string | undefined;
        onPasswordReset?: (tx: Transaction, email: string) => Promise<void>;
      } = {},
    ): Promise<User> {
      return updateVersioned(
        db,
        userKind,
        id,
        expectedVersion,
        async (tx, current) => {
          await this.assertAdminRemains(tx, current, changes);
          let passwordHash: string | undefined;
          if (password) {
            const displayName = changes.displayName ?? current.displayName;
            await assertStrongPassword(password, { email: current.email, displayName });
            passwordHash = await hashPassword(password);
            await access.onPasswordReset?.(tx, current.email);
          }
          if (password || changes.active === false) {
            await this.endAllAccess(tx, current.id, access.keepSession);
          }
          return { ...sentFields(changes), ...(passwordHash ? { passwordHash } : {}) };
        },
        actor,
      );
    },

    async listUsers(): Promise<User[]> {
      const rows = await db.select().from(users).orderBy(users.email);
      return rows.map(toUser);
    },
  };
}
