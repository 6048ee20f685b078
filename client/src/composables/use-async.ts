import { getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import type { Ref, ShallowRef } from 'vue';

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
