import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { schema } from '@tracker/db';
import type { Database } from '@tracker/db';
import type { ApiToken, User, createUserBodySchema, updateUserBodySchema } from '@tracker/shared';
import type { z } from 'zod';
import { hashPassword } from '../auth/passwords.js';
import { randomSecret, sha256 } from '../auth/secrets.js';
import { createVersioned, sentFields, updateVersioned } from './versioned-writes.js';
import type { Actor, Fields, VersionedKind } from './versioned-writes.js';

const { apiTokens, sessions, users } = schema;

type UserRow = typeof users.$inferSelect;

/** Sessions last a working day; a new sign-in makes a new one. */
const SESSION_TTL_SECONDS = 12 * 60 * 60;

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

    /** The active user behind a session cookie, unless the session expired or the user is inactive. */
    async findSessionUser(token: string): Promise<Credential | null> {
      const [row] = await db
        .select({ user: users, csrfToken: sessions.csrfToken, expiresAt: sessions.expiresAt })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(
          and(
            eq(sessions.id, sha256(token)),
            gt(sessions.expiresAt, sql`now()`),
            eq(users.active, true),
          ),
        );
      return row
        ? { user: row.user, via: 'session', csrfToken: row.csrfToken, expiresAt: row.expiresAt }
        : null;
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
      const passwordHash = password ? await hashPassword(password) : null;
      return createVersioned(db, userKind, async () => ({ ...user, passwordHash }), actor);
    },

    async updateUser(
      id: number,
      expectedVersion: number,
      { password, ...changes }: Fields<z.output<typeof updateUserBodySchema>>,
      actor: Actor,
    ): Promise<User> {
      const passwordHash = password ? await hashPassword(password) : undefined;
      return updateVersioned(
        db,
        userKind,
        id,
        expectedVersion,
        async () => ({ ...sentFields(changes), ...(passwordHash ? { passwordHash } : {}) }),
        actor,
      );
    },

    async listUsers(): Promise<User[]> {
      const rows = await db.select().from(users).orderBy(users.email);
      return rows.map(toUser);
    },
  };
}
