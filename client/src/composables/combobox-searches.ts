import type { CountryRef, ReportListQuery, ReportSummary } from '@tracker/shared/domain';
import { fetchReports } from '../api/public-api.js';
import type { ComboboxOption } from '../components/form/combobox-option.js';
import { useReferenceData } from '../stores/reference-data.js';
import { useLabels } from './use-labels.js';

/** How many reports a type-ahead shows at once: type more to narrow them. */
export const REPORT_OPTIONS_SHOWN = 20;

/**
 * Reports as the options of a `ComboboxField`: searched on the server (`GET /api/v1/reports?q=`)
 * within a fixed filter, one small page at a time, each named with its country.
 */
export function useReportOptions() {
  const { t, countryName, reportWithDate } = useLabels();
  const reference = useReferenceData();

  /** "Kazakhstan: Final report, 4 October 2019" (with the publisher of a third-party report). */
  function reportLabel(report: ReportSummary): string {
    const name = report.thirdParty
      ? t.value.editor.thirdPartyOption(reportWithDate(report), report.publisher)
      : reportWithDate(report);
    return t.value.common.ofCountry(countryName(report.country), name);
  }

  /**
   * A combobox's search over the reports matching `filter`; `toOption` makes each found report
   * an option (its value: the id or the slug). Found reports are remembered for their labels.
   */
  function searchReports<T extends string | number>(
    filter: () => Partial<ReportListQuery>,
    toOption: (report: ReportSummary) => ComboboxOption<T>,
  ) {
    return async (text: string, signal: AbortSignal): Promise<ComboboxOption<T>[]> => {
      const page = await fetchReports(
        { ...filter(), ...(text ? { q: text } : {}), pageSize: REPORT_OPTIONS_SHOWN },
        { signal },
      );
      page.items.forEach(reference.remember);
      return page.items.map(toOption);
    };
  }

  /** The label of a report chosen before (by id or slug), once known; else undefined. */
  function labelOf(key: string | number | '' | undefined): string | undefined {
    if (key === '' || key === undefined) return undefined;
    reference.ensureReports([key]);
    const report = reference.reportOf(key);
    return report ? reportLabel(report) : undefined;
  }

  return { reportLabel, searchReports, labelOf };
}

/**
 * Countries as the options of a `ComboboxField`, searched in the list at hand (there are at
 * most the 57 participating States): by name in the interface language or in English, or by code.
 */
export function useCountryOptions() {
  const { countryName } = useLabels();

  function countryLabel(country: CountryRef): string {
    return `${countryName(country)} (${country.code})`;
  }

  function searchCountries(countries: () => readonly CountryRef[]) {
    return (text: string): Promise<ComboboxOption<string>[]> => {
      const needle = text.toLocaleLowerCase();
      const found = countries()
        .filter((country) =>
          [countryName(country), country.name, country.code].some((name) =>
            name.toLocaleLowerCase().includes(needle),
          ),
        )
        .map((country) => ({ value: country.code, label: countryLabel(country) }));
      return Promise.resolve(found);
    };
  }

  return { countryLabel, searchCountries };
}
