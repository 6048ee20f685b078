import { defineStore } from 'pinia';
import { reactive } from 'vue';
import type { ReportSummary } from '@tracker/shared/domain';
import { MAX_LIST_VALUES } from '@tracker/shared/domain';
import { fetchCountries, fetchReports, fetchTopics } from '../api/public-api.js';
import { useAsync } from '../composables/use-async.js';

/**
 * Countries and topics: small, rarely changing lists that several pages use (the filter options
 * of the browse page, the reports page). Loaded once per visit and shared.
 *
 * Reports are not among them: at OSCE scale there are thousands, so pages search them
 * (`ComboboxField`) and this store only keeps the summaries of the reports a page names (for a
 * label or a source file's name), asked for by key in one request per tick.
 */
export const useReferenceData = defineStore('reference-data', () => {
  const state = useAsync(async (signal) => {
    const [countries, topics] = await Promise.all([
      fetchCountries({ signal }),
      fetchTopics({}, { signal }),
    ]);
    return { countries: countries.items, topics: topics.items };
  });

  /** Starts loading unless loaded or loading already. */
  function ensure() {
    if (!state.data.value && !state.loading.value) void state.run();
  }

  /** Summaries of the reports asked for so far, by id and by slug. */
  const reports = reactive(new Map<string, ReportSummary>());
  const requested = new Set<string>();
  let pending: string[] = [];

  function remember(report: ReportSummary) {
    reports.set(String(report.id), report);
    reports.set(report.slug, report);
  }

  /** Asks for the summaries of these reports (ids or slugs) not asked for yet. */
  function ensureReports(keys: readonly (string | number)[]) {
    const missing = keys.map(String).filter((key) => !requested.has(key));
    if (missing.length === 0) return;
    for (const key of missing) requested.add(key);
    if (pending.length === 0) queueMicrotask(flush);
    pending.push(...missing);
  }

  function flush() {
    const keys = pending;
    pending = [];
    for (let start = 0; start < keys.length; start += MAX_LIST_VALUES) {
      const id = keys.slice(start, start + MAX_LIST_VALUES);
      fetchReports({ id, pageSize: MAX_LIST_VALUES }).then(
        (page) => page.items.forEach(remember),
        // A failed look-up only costs a label: the page falls back to the key. Ask again later.
        () => id.forEach((key) => requested.delete(key)),
      );
    }
  }

  /** A report's summary, once looked up (`ensureReports`) or chosen (`remember`). */
  function reportOf(key: string | number): ReportSummary | undefined {
    return reports.get(String(key));
  }

  /** The source text file of a report (line numbers in quotes refer to it), once looked up. */
  function sourceFileOf(reportId: number): string | undefined {
    ensureReports([reportId]);
    return reportOf(reportId)?.sourceFile ?? undefined;
  }

  return { ...state, ensure, ensureReports, remember, reportOf, sourceFileOf };
});
