import { shallowRef } from 'vue';
import type { DataRelease } from '@tracker/shared/domain';
import { fetchReleases } from '../api/public-api.js';

/** The newest data release, fetched once per visit and shared by every "Cite this" block. */
const latest = shallowRef<DataRelease | null | undefined>();
let loading: Promise<void> | undefined;

export function useLatestRelease() {
  loading ??= fetchReleases()
    .then((list) => {
      latest.value = list.items[0] ?? null;
    })
    .catch(() => {
      // A citation without a release number is still a citation: nothing else to do.
      latest.value = null;
      loading = undefined;
    });
  return latest;
}
