import type { CountryRef, ElectionRef, ReportRef, TopicRef } from '@tracker/shared/domain';
import { useI18n } from '../i18n/index.js';
import { parseCalendarDate } from '../i18n/format.js';

/**
 * The language of the source documents. Every report in the data set is in English and the API
 * does not (yet) say otherwise per report; data text is marked with it so that a screen reader
 * reads an English quote in English inside the Russian interface.
 */
export const DATA_LANG = 'en';

const regionNames = new Map<string, Intl.DisplayNames>();

/** Names of things the interface shows, in the interface language. */
export function useLabels() {
  const i18n = useI18n();
  const { t, locale, date } = i18n;

  /** "Final report 2019", "Needs assessment 2020", or the publisher for a third-party report. */
  function reportShort(report: ReportRef): string {
    const year = parseCalendarDate(report.publishedOn).getUTCFullYear();
    return t.value.reportShort(report.kind, String(year));
  }

  /** "Final report, 4 October 2019". */
  function reportWithDate(report: ReportRef): string {
    return `${t.value.reportKinds[report.kind]}, ${date(report.publishedOn, report.publishedOnPrecision)}`;
  }

  function electionTitle(election: ElectionRef): string {
    return t.value.election.title(
      election.kind,
      date(election.heldOn, election.heldOnPrecision),
      election.early,
    );
  }

  /** The country's name in the interface language, from its ISO code; the API's name otherwise. */
  function countryName(country: CountryRef): string {
    try {
      let names = regionNames.get(locale.value);
      if (!names) {
        names = new Intl.DisplayNames([locale.value], { type: 'region', fallback: 'none' });
        regionNames.set(locale.value, names);
      }
      return names.of(country.code) ?? country.name;
    } catch {
      return country.name;
    }
  }

  function topicName(topic: TopicRef | null): string {
    return topic ? (t.value.topics[topic.slug] ?? topic.name) : t.value.common.noTopic;
  }

  /** Whole years: "21 years open"; "less than a year open" below one. */
  function yearsOpen(years: number): string {
    const whole = Math.floor(years);
    return whole < 1 ? t.value.common.lessThanAYear : t.value.common.yearsOpen(whole);
  }

  return { ...i18n, reportShort, reportWithDate, electionTitle, countryName, topicName, yearsOpen };
}
