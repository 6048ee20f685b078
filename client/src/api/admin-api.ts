import type { User, UserRole } from '@tracker/shared';
import { getJson, sendJson } from './http.js';

/** User management (admins only) as typed functions. */

const BASE = '/api/v1';

type Options = { signal?: AbortSignal };

export function fetchUsers(options: Options = {}): Promise<{ items: User[] }> {
  // Accounts change under the admin's hands: never answer from the browser's cache.
  return getJson(`${BASE}/users`, { ...options, cache: 'no-store' });
}

export interface NewUser {
  email: string;
  displayName: string;
  role: UserRole;
  /** The temporary password the admin hands over; without one the user could not sign in. */
  password: string;
}

export function createUser(user: NewUser): Promise<User> {
  return sendJson('POST', `${BASE}/users`, user);
}

export interface UserChange {
  role?: UserRole;
  active?: boolean;
  /** A new password, which the admin hands over (as with an invitation). */
  password?: string;
  /** The version the change is based on: a change made meanwhile by another admin is refused. */
  version: number;
  reason?: string;
}

export function updateUser(id: number, change: UserChange): Promise<User> {
  return sendJson('PATCH', `${BASE}/users/${encodeURIComponent(id)}`, change);
}
