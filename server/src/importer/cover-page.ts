import type { ElectionKind, ReportKind } from '@tracker/shared';
import { normalizeForQuote } from './inline-markup.js';
import { OSCE_PARTICIPATING_STATES } from './osce-states.js';

/** A value read from the cover page, with the line (from 1) it was read on. */
interface Proposal<T> {
  value: T;
  line: number;
}

/**
 * What the cover page of a report says about it: each value only when the page says it
 * unambiguously; an absent value is one the editor enters.
 */
export interface ProposedMetadata {
  country?: Proposal<{ code: string; name: string }>;
  electionKind?: Proposal<ElectionKind>;
  early?: Proposal<boolean>;
  heldOn?: Proposal<string>;
  secondRoundOn?: Proposal<string>;
  reportKind?: Proposal<ReportKind>;
  publishedOn?: Proposal<string>;
  publishedIn?: Proposal<string>;
  title?: Proposal<string>;
}

/** The cover page is at most this many lines from the start. */
const COVER_LINES = 80;
/** A longer line is body text: the cover page has ended. */
const LONGEST_COVER_LINE = 200;

interface CoverLine {
  line: number;
  text: string;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH = `(${MONTHS.join('|')})`;
const DAY = '(\\d{1,2})';
const YEAR = '((?:19|20)\\d\\d)';
/** "19 March 2023", "19-20 March 2023", "27–29 October 2020". */
const DAY_MONTH_YEAR = new RegExp(
  `\\b${DAY}(?:\\s*[-–]\\s*\\d{1,2})?\\s+${MONTH},?\\s+${YEAR}\\b`,
  'i',
);
/** "December 15, 2004", "March 19-20, 2023". */
const MONTH_DAY_YEAR = new RegExp(
  `\\b${MONTH}\\s+${DAY}(?:\\s*[-–]\\s*\\d{1,2})?,?\\s+${YEAR}\\b`,
  'i',
);
/** "19 September and 3 October 2004": two rounds, the year printed once. */
const TWO_ROUNDS = new RegExp(
  `\\b${DAY}\\s+${MONTH}\\s+and\\s+${DAY}\\s+${MONTH},?\\s+${YEAR}\\b`,
  'i',
);

function isoDate(year: string, month: string, day: string): string | undefined {
  const monthIndex = MONTHS.indexOf(month.toLowerCase());
  const y = Number(year);
  const d = Number(day);
  if (monthIndex < 0 || d < 1) return undefined;
  const date = new Date(Date.UTC(y, monthIndex, d));
  if (date.getUTCMonth() !== monthIndex) return undefined; // 31 February
  return date.toISOString().slice(0, 10);
}

/** The first full date in a line (a range gives its first day), as YYYY-MM-DD. */
function findDate(text: string): { date: string; index: number } | undefined {
  const a = DAY_MONTH_YEAR.exec(text);
  const b = MONTH_DAY_YEAR.exec(text);
  const first = a && (!b || a.index <= b.index) ? a : b;
  if (!first) return undefined;
  const date =
    first === a ? isoDate(a[3]!, a[2]!, a[1]!) : isoDate(first[3]!, first[1]!, first[2]!);
  return date ? { date, index: first.index } : undefined;
}

function findRounds(text: string): { first: string; second: string } | undefined {
  const match = TWO_ROUNDS.exec(text);
  if (!match) return undefined;
  const first = isoDate(match[5]!, match[2]!, match[1]!);
  const second = isoDate(match[5]!, match[4]!, match[3]!);
  return first && second && first < second ? { first, second } : undefined;
}

const ENDS_COVER =
  /^(?:table of )?contents\b|^(?:[ivx]+\.\s*)?(?:introduction|executive summary)\b/i;

/** The short lines at the start of the text, up to the contents or the body. */
function coverLines(text: string): CoverLine[] {
  const lines: CoverLine[] = [];
  let start = 0;
  for (let number = 1; number <= COVER_LINES && start <= text.length; number += 1) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const raw = text.slice(start, end).replace(/^\uFEFF/, '');
    start = end + 1;
    const plain = normalizeForQuote(raw.replace(/^\s{0,3}#{1,6}\s+/, '')).trim();
    if (plain.length === 0) continue;
    if (plain.length > LONGEST_COVER_LINE || ENDS_COVER.test(plain)) break;
    lines.push({ line: number, text: plain });
  }
  return lines;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const STATE_PATTERNS = OSCE_PARTICIPATING_STATES.map((state) => ({
  code: state.code,
  name: state.names[0]!,
  pattern: new RegExp(
    `(?<![\\p{L}])(?:${[...state.names]
      .sort((x, y) => y.length - x.length)
      .map(escapeRegExp)
      .join('|')})(?![\\p{L}])`,
    'iu',
  ),
}));

function proposeCountry(lines: CoverLine[]): ProposedMetadata['country'] {
  const found = new Map<string, Proposal<{ code: string; name: string }>>();
  for (const { line, text } of lines) {
    for (const state of STATE_PATTERNS) {
      if (!found.has(state.code) && state.pattern.test(text)) {
        found.set(state.code, { value: { code: state.code, name: state.name }, line });
      }
    }
  }
  // "Georgia" may be a state of the United States, "Macedonia" a region of Greece: two countries
  // on one cover page is a case for the editor.
  return found.size === 1 ? [...found.values()][0] : undefined;
}

const ELECTION_KINDS: [RegExp, ElectionKind][] = [
  [/\bparliamentary\b/i, 'parliamentary'],
  [/\bpresidential\b/i, 'presidential'],
  [/\b(?:local|municipal)\b/i, 'local'],
  [/\breferend(?:um|a)\b/i, 'referendum'],
];
const ELECTION_WORD = /\belections?\b|\breferend(?:um|a)\b/i;

interface ElectionLine {
  kind: ElectionKind;
  early: boolean;
  line: number;
  index: number;
}

function findElectionLine(lines: CoverLine[]): ElectionLine | undefined {
  for (const [index, { line, text }] of lines.entries()) {
    if (!ELECTION_WORD.test(text)) continue;
    const kinds = ELECTION_KINDS.filter(([pattern]) => pattern.test(text));
    // "presidential and parliamentary elections": not one kind.
    if (kinds.length !== 1) return undefined;
    return {
      kind: kinds[0]![1],
      early: /\b(?:early|snap|extraordinary|pre-term)\b/i.test(text),
      line,
      index,
    };
  }
  return undefined;
}

const REPORT_KINDS: [RegExp, ReportKind][] = [
  [/\bneeds[ -]assessment\b/i, 'needs_assessment'],
  [/\binterim report\b/i, 'interim'],
  [/\bstatement of preliminary findings\b|\bpreliminary statement\b/i, 'preliminary_statement'],
  [/\bfinal report\b|\bmission report\b/i, 'final_report'],
];

function proposeReportKind(lines: CoverLine[]): Proposal<ReportKind> | undefined {
  const found = new Map<ReportKind, Proposal<ReportKind>>();
  for (const { line, text } of lines) {
    // The first kind a line names: "Needs Assessment Mission Report" is not a final report.
    const kind = REPORT_KINDS.find(([pattern]) => pattern.test(text));
    if (kind && !found.has(kind[1])) found.set(kind[1], { value: kind[1], line });
  }
  return found.size === 1 ? [...found.values()][0] : undefined;
}

/** "Warsaw 18 November 2020", or "Warsaw" on a line of its own and the date on the next. */
const PLACE = /^([A-Z][\p{L}'’.-]+(?: [A-Z][\p{L}'’.-]+)?)[,\s]*$/u;
const PLACE_AND_DATE = /^([A-Z][\p{L}'’.-]+(?: [A-Z][\p{L}'’.-]+)?),?\s+(.+)$/u;

/** Not a place: a line naming an election, a report, a mission or a country. */
function notAPlace(text: string): boolean {
  return (
    ELECTION_WORD.test(text) ||
    /\b(?:report|statement|mission|conclusions|findings|summary|contents)\b/i.test(text) ||
    ELECTION_KINDS.some(([pattern]) => pattern.test(text)) ||
    STATE_PATTERNS.some((state) => state.pattern.test(text))
  );
}

function proposePublication(
  lines: CoverLine[],
  electionLine: number | undefined,
): Pick<ProposedMetadata, 'publishedOn' | 'publishedIn'> {
  for (const [index, { line, text }] of lines.entries()) {
    if (line === electionLine) continue;
    const together = PLACE_AND_DATE.exec(text);
    if (together) {
      const date = findDate(together[2]!);
      if (date && date.index === 0 && !notAPlace(together[1]!)) {
        return {
          publishedIn: { value: together[1]!, line },
          publishedOn: { value: date.date, line },
        };
      }
    }
    const place = PLACE.exec(text);
    const next = lines[index + 1];
    if (place && !notAPlace(place[1]!) && next && next.line <= line + 2) {
      const date = findDate(next.text);
      if (date && date.index === 0 && next.text.length < 40) {
        return {
          publishedIn: { value: place[1]!, line },
          publishedOn: { value: date.date, line: next.line },
        };
      }
    }
  }
  return {};
}

const SMALL_WORDS = new Set(['of', 'and', 'the', 'in', 'on', 'for', 'to', 'a', 'an', 'at', 'by']);

/** "REPUBLIC OF KAZAKHSTAN" as "Republic of Kazakhstan": words in capitals only; others as printed. */
function titleCase(text: string): string {
  return text
    .split(' ')
    .map((word, index) => {
      if (/\p{Ll}/u.test(word) || !/\p{Lu}.*\p{Lu}/u.test(word)) return word;
      const lower = word.toLowerCase();
      return index > 0 && SMALL_WORDS.has(lower)
        ? lower
        : lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join(' ');
}

/** Acronyms a title keeps in capitals. */
function keepAcronyms(text: string): string {
  return text.replace(/\b(?:osce|odihr|pa|eom|leom|nam|ieom)\b/gi, (word) => word.toUpperCase());
}

function clean(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/[\s,:;–-]+$/, '')
    .trim();
}

/**
 * The title as the data set writes it: "Country, Election, date: Report", from an ODIHR cover page
 * that prints these on its own lines; nothing when the page is laid out otherwise.
 */
function proposeTitle(
  lines: CoverLine[],
  country: ProposedMetadata['country'],
  election: ElectionLine | undefined,
): Proposal<string> | undefined {
  if (!country || !election) return undefined;
  const electionText = lines[election.index]!.text;
  // The report's name: the lines after the election (and its date) naming a report or statement.
  const nameLines: string[] = [];
  let dateText: string | undefined;
  let electionPart = electionText;
  const dateOnLine = findDate(electionText) ?? findRoundsIndex(electionText);
  if (dateOnLine) {
    dateText = electionText.slice(dateOnLine.index);
    electionPart = electionText.slice(0, dateOnLine.index);
  }
  let index = election.index + 1;
  if (!dateText) {
    const next = lines[index];
    if (!next || !(findDate(next.text)?.index === 0 || findRoundsIndex(next.text)?.index === 0)) {
      return undefined;
    }
    dateText = next.text;
    index += 1;
  }
  for (; index < lines.length && nameLines.length < 3; index += 1) {
    const { text } = lines[index]!;
    if ((PLACE.test(text) && !notAPlace(text)) || findDate(text)?.index === 0) break;
    nameLines.push(text);
    if (/\breport\b|\bstatement\b/i.test(text)) break;
  }
  const name = nameLines.join(' ');
  if (!/\breport\b|\bstatement\b/i.test(name)) return undefined;

  // The country line: the election line's own start ("Republic of Kazakhstan – Early ..."), or the
  // line before it.
  let countryText: string | undefined;
  let electionName = electionPart;
  const dash = /\s[–-]\s/.exec(electionPart);
  const beforeDash = dash ? electionPart.slice(0, dash.index) : '';
  if (dash && STATE_PATTERNS.find((s) => s.code === country.value.code)!.pattern.test(beforeDash)) {
    const state = STATE_PATTERNS.find((s) => s.code === country.value.code)!;
    const match = state.pattern.exec(beforeDash)!;
    const start = beforeDash.toLowerCase().lastIndexOf('republic of', match.index);
    countryText = beforeDash.slice(start >= 0 && start >= match.index - 12 ? start : match.index);
    electionName = electionPart.slice(dash.index + dash[0].length);
  } else {
    const previous = lines[election.index - 1];
    if (!previous || previous.line !== country.line) return undefined;
    countryText = previous.text;
  }
  const title =
    `${titleCase(clean(countryText))}, ${titleCase(clean(electionName))}, ${clean(dateText)}: ` +
    keepAcronyms(titleCase(clean(name.replace(/\s(\d)/, ', $1'))));
  return { value: title.replace(/\s+/g, ' '), line: election.line };
}

function findRoundsIndex(text: string): { index: number } | undefined {
  const match = TWO_ROUNDS.exec(text);
  return match ? { index: match.index } : undefined;
}

/**
 * Proposes a report's metadata from its cover page (the short lines at the start of its text, up
 * to the table of contents or the first paragraph, at most 80 lines): country (an OSCE
 * participating State), election kind, early or not, election date (and second round), report
 * kind, publication date and place, title. Pure and linear in the cover's length; a value the
 * cover does not state unambiguously is left out, never guessed.
 */
export function proposeMetadata(text: string): ProposedMetadata {
  const lines = coverLines(text.slice(0, 64 * 1024));
  const proposed: ProposedMetadata = {};
  const country = proposeCountry(lines);
  if (country) proposed.country = country;

  const election = findElectionLine(lines);
  if (election) {
    proposed.electionKind = { value: election.kind, line: election.line };
    if (election.early) proposed.early = { value: true, line: election.line };
    // The election's date: on its line, or alone on the next line.
    const candidates = [lines[election.index]!, lines[election.index + 1]].filter(
      (entry): entry is CoverLine => entry !== undefined,
    );
    for (const [offset, entry] of candidates.entries()) {
      const rounds = findRounds(entry.text);
      const date = findDate(entry.text);
      if (offset === 1 && (!(rounds || date) || (findRoundsIndex(entry.text) ?? date)!.index > 0)) {
        break;
      }
      if (rounds) {
        proposed.heldOn = { value: rounds.first, line: entry.line };
        proposed.secondRoundOn = { value: rounds.second, line: entry.line };
        break;
      }
      if (date) {
        proposed.heldOn = { value: date.date, line: entry.line };
        break;
      }
    }
  }

  const reportKind = proposeReportKind(lines);
  if (reportKind) proposed.reportKind = reportKind;

  Object.assign(proposed, proposePublication(lines, proposed.heldOn?.line));
  const title = proposeTitle(lines, country, election);
  if (title) proposed.title = title;
  return proposed;
}
