import type { User, UserRole } from '@tracker/shared';
import { API_V1, getJson, sendJson } from './http.js';
import type { RequestOptions } from './http.js';

/** User management (admins only) as typed functions. */

export function fetchUsers(options: RequestOptions = {}): Promise<{ items: User[] }> {
  // Accounts change under the admin's hands: never answer from the browser's cache.
  return getJson(`${API_V1}/users`, { ...options, cache: 'no-store' });
}

export interface NewUser {
  email: string;
  displayName: string;
  role: UserRole;
  /** The temporary password the admin hands over; without one the user could not sign in. */
  password: string;
}

export function createUser(user: NewUser): Promise<User> {
  return sendJson('POST', `${API_V1}/users`, user);
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
  return sendJson('PATCH', `${API_V1}/users/${encodeURIComponent(id)}`, change);
}
