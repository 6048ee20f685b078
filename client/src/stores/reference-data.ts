import { defineStore } from 'pinia';
import { computed } from 'vue';
import type { ElectionRef, ReportSummary } from '@tracker/shared/domain';
import { MAX_PAGE_SIZE } from '@tracker/shared/domain';
import { fetchCountries, fetchReports, fetchTopics } from '../api/public-api.js';
import { useAsync } from '../composables/use-async.js';

/**
 * Countries, reports and topics: small, rarely changing lists that several pages use (the filter
 * options of the browse page, the reports page). Loaded once per visit and shared.
 */
export const useReferenceData = defineStore('reference-data', () => {
  const state = useAsync(async (signal) => {
    const [countries, reports, topics] = await Promise.all([
      fetchCountries({ signal }),
      fetchAllReports(signal),
      fetchTopics({}, { signal }),
    ]);
    return { countries: countries.items, reports, topics: topics.items };
  });

  /** Starts loading unless loaded or loading already. */
  function ensure() {
    if (!state.data.value && !state.loading.value) void state.run();
  }

  /** Elections that have reports, newest first, each with its reports oldest first. */
  const elections = computed(() => {
    const byId = new Map<number, { election: ElectionRef; reports: ReportSummary[] }>();
    for (const report of state.data.value?.reports ?? []) {
      const entry = byId.get(report.election.id) ?? { election: report.election, reports: [] };
      entry.reports.push(report);
      byId.set(report.election.id, entry);
    }
    for (const entry of byId.values()) {
      entry.reports.sort((a, b) => a.publishedOn.localeCompare(b.publishedOn) || a.id - b.id);
    }
    return [...byId.values()].sort((a, b) => b.election.heldOn.localeCompare(a.election.heldOn));
  });

  /** The source text file of a report (line numbers in quotes refer to it), once loaded. */
  function sourceFileOf(reportId: number): string | undefined {
    return (
      state.data.value?.reports.find((report) => report.id === reportId)?.sourceFile ?? undefined
    );
  }

  return { ...state, ensure, elections, sourceFileOf };
});

/** Every report, page by page (the API pages at most 100 at a time). */
async function fetchAllReports(signal: AbortSignal): Promise<ReportSummary[]> {
  const all: ReportSummary[] = [];
  for (let page = 1; ; page += 1) {
    const result = await fetchReports({ page, pageSize: MAX_PAGE_SIZE }, { signal });
    all.push(...result.items);
    if (page >= result.totalPages) return all;
  }
}
