import { defineStore } from 'pinia';
import { computed } from 'vue';
import { fetchProposals } from '../api/editor-api.js';
import { useAsync } from '../composables/use-async.js';

/**
 * The open proposals (review before publishing), for editors and admins: the queue page lists
 * them and the editor navigation shows how many wait. Loaded on demand, refreshed after a save
 * or a decision.
 */
export const useProposalQueue = defineStore('proposal-queue', () => {
  const state = useAsync((signal) => fetchProposals('open', { signal }));

  /** Whether the deployment requires review, or proposals are still waiting from when it did. */
  const shown = computed(
    () => (state.data.value?.reviewRequired ?? false) || (state.data.value?.total ?? 0) > 0,
  );
  const openCount = computed(() => state.data.value?.total ?? 0);

  return { ...state, shown, openCount };
});
