import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret for a session cookie, an API token or a CSRF token (URL-safe). */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Session ids and API tokens are stored as their SHA-256: a leaked table does not leak
 * credentials. (They are long random secrets, so a fast hash is enough; passwords use argon2id.)
 */
export function sha256(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
