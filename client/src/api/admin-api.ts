import type { CreateUserBody, UpdateUserBody, User } from '@tracker/shared/domain';
import { API_V1, getJson, sendJson } from './http.js';
import type { RequestOptions } from './http.js';

/** User management (admins only) as typed functions. */

export function fetchUsers(options: RequestOptions = {}): Promise<{ items: User[] }> {
  // Accounts change under the admin's hands: never answer from the browser's cache.
  return getJson(`${API_V1}/users`, { ...options, cache: 'no-store' });
}

/** A new user: the temporary password the admin hands over is required here (without one the user could not sign in). */
export type NewUser = CreateUserBody & { password: string };

export function createUser(user: NewUser): Promise<User> {
  return sendJson('POST', `${API_V1}/users`, user);
}

/** A change to a user, based on the version it was made from (a change made meanwhile is refused). */
export type UserChange = UpdateUserBody & { version: number };

export function updateUser(id: number, change: UserChange): Promise<User> {
  return sendJson('PATCH', `${API_V1}/users/${encodeURIComponent(id)}`, change);
}
