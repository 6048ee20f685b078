import { computed, getCurrentScope, onScopeDispose, ref, shallowRef, watch } from 'vue';
import type { ComputedRef, Ref, ShallowRef } from 'vue';
import { isApiError } from '../api/http.js';

export interface AsyncState<T> {
  /** The last successful result; kept while a newer request loads, so views do not flash. */
  data: ShallowRef<T | undefined>;
  error: ShallowRef<unknown>;
  loading: Ref<boolean>;
  /** True once a first request has finished, with or without success. */
  settled: Ref<boolean>;
  /** Starts a request; an earlier one still running is aborted and its answer ignored. */
  run: () => Promise<void>;
}

/**
 * Loading, error and data state for one asynchronous source. Each run gets an AbortSignal; only
 * the latest run may write the state, so a slow answer to an old filter cannot overwrite a new one.
 */
export function useAsync<T>(loader: (signal: AbortSignal) => Promise<T>): AsyncState<T> {
  const data = shallowRef<T>();
  const error = shallowRef<unknown>();
  const loading = ref(false);
  const settled = ref(false);
  let controller: AbortController | undefined;

  async function run() {
    controller?.abort();
    const own = new AbortController();
    controller = own;
    loading.value = true;
    error.value = undefined;
    try {
      const result = await loader(own.signal);
      if (controller !== own) return;
      data.value = result;
    } catch (caught) {
      if (controller !== own || own.signal.aborted) return;
      error.value = caught;
    } finally {
      if (controller === own) {
        loading.value = false;
        settled.value = true;
      }
    }
  }

  if (getCurrentScope()) onScopeDispose(() => controller?.abort());

  return { data, error, loading, settled, run };
}

export interface RecordState<T> extends AsyncState<T> {
  /** True when the API answered that there is no such record. */
  notFound: ComputedRef<boolean>;
}

/**
 * `useAsync` for the record a page's address names: loaded at once and again when the name
 * changes, with the answers that mean "no such record" told apart from other failures.
 *
 * @param missing the statuses that mean no such record (a malformed name is one too, 400)
 */
export function useRecord<T>(
  name: () => unknown,
  loader: (signal: AbortSignal) => Promise<T>,
  missing: readonly number[] = [400, 404],
): RecordState<T> {
  const state = useAsync(loader);
  watch(name, () => void state.run(), { immediate: true });
  const notFound = computed(
    () => isApiError(state.error.value) && missing.includes(state.error.value.problem.status),
  );
  return { ...state, notFound };
}
