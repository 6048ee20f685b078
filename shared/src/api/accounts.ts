import { z } from 'zod';
import { USER_ROLES } from '../domain/vocabulary.js';

/** Sign-in, sessions, personal API tokens and user management (admins). */

export const MIN_PASSWORD_LENGTH = 12;

export const userRoleSchema = z.enum(USER_ROLES).meta({
  id: 'UserRole',
  description: '`editor`: edits records; `admin`: also deletes records and manages users.',
});

const emailSchema = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase());

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256);

export const userSchema = z
  .object({
    id: z.int().positive(),
    email: z.string(),
    displayName: z.string(),
    role: userRoleSchema,
    active: z.boolean(),
    version: z.int().positive(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

export const signInBodySchema = z
  .strictObject({ email: emailSchema, password: z.string().min(1).max(256) })
  .meta({ id: 'SignInBody' });

export const sessionSchema = z
  .object({
    user: userSchema,
    csrfToken: z
      .string()
      .describe(
        'Send it as the `X-CSRF-Token` header with every write made with the session cookie',
      ),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof sessionSchema>;

export const apiTokenSchema = z
  .object({
    id: z.int().positive(),
    name: z.string(),
    prefix: z.string().describe('The first characters of the token, to tell tokens apart'),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const createdApiTokenSchema = apiTokenSchema
  .extend({
    token: z
      .string()
      .describe('The secret, shown this once: send it as `Authorization: Bearer <token>`'),
  })
  .meta({ id: 'CreatedApiToken' });

export const createApiTokenBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
});

export const createUserBodySchema = z
  .strictObject({
    email: emailSchema,
    displayName: z.string().trim().min(1).max(200),
    role: userRoleSchema,
    password: passwordSchema.optional().describe('Without one, the user cannot sign in yet'),
  })
  .meta({ id: 'CreateUserBody' });
export type CreateUserBody = z.input<typeof createUserBodySchema>;

export const updateUserBodySchema = z
  .strictObject({
    displayName: z.string().trim().min(1).max(200).optional(),
    role: userRoleSchema.optional(),
    active: z.boolean().optional(),
    password: passwordSchema.optional(),
    version: z.int().positive().optional(),
    reason: z.string().trim().max(1000).optional(),
  })
  .meta({ id: 'UpdateUserBody' });
export type UpdateUserBody = z.input<typeof updateUserBodySchema>;
