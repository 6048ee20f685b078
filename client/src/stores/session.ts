import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { User, UserRole } from '@tracker/shared/domain';
import {
  fetchSession,
  signIn as signInRequest,
  signOut as signOutRequest,
} from '../api/editor-api.js';
import { isApiError, setCsrfToken } from '../api/http.js';

/**
 * Who is signed in. The session itself is an HttpOnly cookie the web app cannot read; what it
 * keeps is the user the server answered with and the CSRF token every write must carry.
 */
export const useSession = defineStore('session', () => {
  const user = shallowRef<User>();
  /** True once the first look at the session has answered (signed in or not). */
  const loaded = ref(false);
  let loading: Promise<void> | undefined;

  function accept(session: { user: User; csrfToken: string } | undefined) {
    user.value = session?.user;
    setCsrfToken(session?.csrfToken);
    remember(session !== undefined);
  }

  /**
   * Asks the server once per visit whether the browser has a session; later calls wait for it.
   * Unless `always`, it asks only if this browser signed in before: the public, who never sign
   * in, are spared a request (and a 401 in their console) on every visit.
   */
  function load(always = false): Promise<void> {
    if (!always && !loading && !remembered()) {
      loaded.value = true;
      return Promise.resolve();
    }
    loading ??= fetchSession()
      .then(accept)
      .catch((error: unknown) => {
        // 401 is the answer for "not signed in"; anything else also leaves the visitor signed
        // out (the public site works without a session), and a later sign-in tries again.
        accept(undefined);
        if (!isApiError(error)) console.warn('Session check failed', error);
      })
      .finally(() => {
        loaded.value = true;
      });
    return loading;
  }

  /** Throws ApiError (401 wrong e-mail or password, 429 too many attempts) on failure. */
  async function signIn(email: string, password: string): Promise<void> {
    accept(await signInRequest(email, password));
    loaded.value = true;
  }

  async function signOut(): Promise<void> {
    try {
      await signOutRequest();
    } finally {
      // Whatever the server said, the interface no longer acts as signed in.
      accept(undefined);
    }
  }

  const role = computed<UserRole | undefined>(() => user.value?.role);
  const canEdit = computed(() => role.value === 'editor' || role.value === 'admin');
  const isAdmin = computed(() => role.value === 'admin');

  /** Whether the signed-in user has the role or a higher one (admins may do what editors do). */
  function hasRole(required: UserRole): boolean {
    return required === 'admin' ? isAdmin.value : canEdit.value;
  }

  return { user, loaded, role, canEdit, isAdmin, load, signIn, signOut, hasRole };
});

/*
 * Whether this browser may have a session. The session cookie is HttpOnly, so the web app cannot
 * see it; this flag in storage stands in for it. It is only a hint: the server decides.
 */
const SIGNED_IN_KEY = 'tracker.signedIn';

function remembered(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_KEY) === '1';
  } catch {
    // Storage disabled: ask the server every visit rather than never.
    return true;
  }
}

function remember(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(SIGNED_IN_KEY, '1');
    else localStorage.removeItem(SIGNED_IN_KEY);
  } catch {
    // See remembered().
  }
}
