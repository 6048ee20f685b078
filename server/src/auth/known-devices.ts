import { createHmac } from 'node:crypto';
import { randomSecret, safeEqual } from './secrets.js';

/**
 * A browser that signed in to an account successfully is given a device cookie. Sign-ins from it
 * are counted on their own, so that an attacker guessing elsewhere cannot lock the real user out
 * (OWASP's "device cookies"). The cookie is signed with the account's password hash, which never
 * leaves the server: it cannot be forged, needs no shared secret between instances, and every
 * device of an account is forgotten when its password changes.
 */
export const DEVICE_COOKIE = 'tracker_device';
/** Half a year: a device is remembered between sign-ins, not forever. */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 183 * 24 * 60 * 60;

function signature(passwordHash: string, email: string, nonce: string): string {
  return createHmac('sha256', passwordHash).update(`${email}\n${nonce}`).digest('base64url');
}

export function deviceCookieFor(passwordHash: string, email: string): string {
  const nonce = randomSecret(18);
  return `${nonce}.${signature(passwordHash, email, nonce)}`;
}

/** The device's id when the cookie was given to this account (at its current password), or null. */
export function knownDevice(
  cookie: string | undefined,
  passwordHash: string | null | undefined,
  email: string,
): string | null {
  if (!cookie || !passwordHash || cookie.length > 200) return null;
  const [nonce, mac, ...rest] = cookie.split('.');
  if (!nonce || !mac || rest.length > 0) return null;
  return safeEqual(mac, signature(passwordHash, email, nonce)) ? nonce : null;
}
