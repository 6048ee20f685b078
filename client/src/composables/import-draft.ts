import type {
  DatePrecision,
  ElectionKind,
  ImportProblem,
  ImportRequest,
  ParsedRecommendation,
  ProposedMetadata,
  ReportKind,
  TopicSlug,
} from '@tracker/shared/domain';

/**
 * The import form's state and the rules that turn it into one `POST /imports` request: kept out
 * of the components so that the page, the metadata form and the table agree on field names. A
 * field is named by its path in the request ("report.slug", "recommendations.3.text"), the same
 * path the server's validation errors use, so its errors land next to it.
 */

/** The select value that stands for "a country / an election not in the database yet". */
export const NEW = 'new';

export interface MetadataDraft {
  /** An existing country's code, or NEW. */
  country: string;
  newCountryCode: string;
  newCountryName: string;
  /** An existing election's id (as the select holds it), or NEW. */
  election: string;
  electionKind: ElectionKind;
  heldOn: string;
  heldOnPrecision: DatePrecision;
  secondRoundOn: string;
  early: boolean;
  slug: string;
  publisher: string;
  reportKind: ReportKind;
  title: string;
  publishedOn: string;
  publishedOnPrecision: DatePrecision;
  sourceUrl: string;
  sourceFile: string;
  note: string;
}

export function emptyMetadata(): MetadataDraft {
  return {
    country: NEW,
    newCountryCode: '',
    newCountryName: '',
    election: NEW,
    electionKind: 'parliamentary',
    heldOn: '',
    heldOnPrecision: 'day',
    secondRoundOn: '',
    early: false,
    slug: '',
    publisher: 'ODIHR',
    reportKind: 'final_report',
    title: '',
    publishedOn: '',
    publishedOnPrecision: 'day',
    sourceUrl: '',
    sourceFile: '',
    note: '',
  };
}

/**
 * Fills the form with what the cover page proposed, leaving alone whatever the editor entered: the
 * country only while no metadata is entered, the election's fields only for a new election not yet
 * dated, the report's only where empty.
 */
export function applyProposals(
  meta: MetadataDraft,
  proposed: ProposedMetadata,
  countries: readonly { code: string }[],
): void {
  const untouched = meta.title.trim() === '' && meta.slug.trim() === '' && meta.heldOn === '';
  if (proposed.country && untouched) {
    const { code, name } = proposed.country.value;
    if (countries.some((country) => country.code === code)) {
      meta.country = code;
    } else {
      meta.country = NEW;
      meta.newCountryCode = code;
      meta.newCountryName = name;
    }
  }
  if (meta.election === NEW && meta.heldOn === '') {
    if (proposed.electionKind) meta.electionKind = proposed.electionKind.value;
    if (proposed.heldOn) {
      meta.heldOn = proposed.heldOn.value;
      meta.heldOnPrecision = 'day';
    }
    if (proposed.secondRoundOn && meta.secondRoundOn === '') {
      meta.secondRoundOn = proposed.secondRoundOn.value;
    }
    if (proposed.early) meta.early = proposed.early.value;
  }
  if (meta.title.trim() === '') {
    if (proposed.reportKind) meta.reportKind = proposed.reportKind.value;
    if (proposed.title) meta.title = proposed.title.value;
  }
  if (proposed.publishedOn && meta.publishedOn === '') {
    meta.publishedOn = proposed.publishedOn.value;
    meta.publishedOnPrecision = 'day';
  }
}

/** The fields (by path) whose value is the one the cover page proposed. */
export function proposedFields(meta: MetadataDraft, proposed: ProposedMetadata): Set<string> {
  const fields = new Set<string>();
  const code = proposed.country?.value.code;
  if (code && meta.country === code) fields.add('country');
  if (code && meta.country === NEW && meta.newCountryCode.trim().toUpperCase() === code) {
    fields.add('election.countryCode');
  }
  if (proposed.electionKind?.value === meta.electionKind) fields.add('election.kind');
  if (proposed.heldOn?.value === meta.heldOn) fields.add('election.heldOn');
  if (proposed.secondRoundOn?.value === meta.secondRoundOn) fields.add('election.secondRoundOn');
  if (proposed.early && meta.early) fields.add('election.early');
  if (proposed.reportKind?.value === meta.reportKind) fields.add('report.kind');
  if (proposed.publishedOn?.value === meta.publishedOn) fields.add('report.publishedOn');
  if (proposed.title && proposed.title.value === meta.title.trim()) fields.add('report.title');
  return fields;
}

/** One row of the review table; line numbers as the inputs hold them (empty: not known). */
export interface DraftRow {
  /** Stable across edits, removals and insertions, for Vue's list and the inputs' ids. */
  key: number;
  number: string;
  priority: boolean;
  heading: string;
  topic: TopicSlug | '';
  text: string;
  lineStart: string;
  lineEnd: string;
  /** PDF imports: the pages of the PDF its first and last lines are on (null: not from a PDF). */
  pageStart: number | null;
  pageEnd: number | null;
}

let nextKey = 1;

export function newRow(fields: Partial<Omit<DraftRow, 'key'>> = {}): DraftRow {
  return {
    key: nextKey++,
    number: '',
    priority: false,
    heading: '',
    topic: '',
    text: '',
    lineStart: '',
    lineEnd: '',
    pageStart: null,
    pageEnd: null,
    ...fields,
  };
}

export function rowsFromParsed(parsed: ParsedRecommendation[]): DraftRow[] {
  return parsed.map((item) =>
    newRow({
      number: item.number,
      priority: item.priority,
      heading: item.heading ?? '',
      text: item.text,
      lineStart: String(item.sourceLineStart),
      lineEnd: String(item.sourceLineEnd),
      pageStart: item.sourcePageStart ?? null,
      pageEnd: item.sourcePageEnd ?? item.sourcePageStart ?? null,
    }),
  );
}

/**
 * Where a recommendation read from a PDF stands: its page(s) of the PDF, saved as its location
 * (in English, like the rest of the data). The PDF's own page count, not the printed page number.
 */
export function pdfPagesLocation(row: Pick<DraftRow, 'pageStart' | 'pageEnd'>): string | null {
  if (row.pageStart === null) return null;
  const end = row.pageEnd ?? row.pageStart;
  return end === row.pageStart ? `PDF page ${row.pageStart}` : `PDF pages ${row.pageStart}–${end}`;
}

function lineOf(value: string): number | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const line = Number(trimmed);
  return Number.isInteger(line) && line > 0 ? line : Number.NaN;
}

function textOrNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** The one request that saves the report, its election (and country) if new, and the rows. */
export function buildImportRequest(
  meta: MetadataDraft,
  sourceText: string,
  rows: DraftRow[],
): ImportRequest {
  const countryCode =
    meta.country === NEW ? meta.newCountryCode.trim().toUpperCase() : meta.country;
  const election: ImportRequest['election'] =
    meta.election === NEW
      ? {
          countryCode,
          ...(meta.country === NEW ? { countryName: meta.newCountryName.trim() } : {}),
          kind: meta.electionKind,
          heldOn: meta.heldOn,
          heldOnPrecision: meta.heldOnPrecision,
          secondRoundOn: textOrNull(meta.secondRoundOn),
          early: meta.early,
        }
      : { id: Number(meta.election) };
  return {
    election,
    report: {
      slug: meta.slug.trim(),
      publisher: meta.publisher.trim(),
      kind: meta.reportKind,
      title: meta.title.trim(),
      publishedOn: meta.publishedOn,
      publishedOnPrecision: meta.publishedOnPrecision,
      sourceUrl: textOrNull(meta.sourceUrl),
      sourceFile: textOrNull(meta.sourceFile),
      note: textOrNull(meta.note),
    },
    sourceText,
    recommendations: rows.map((row) => ({
      number: row.number.trim(),
      priority: row.priority,
      heading: textOrNull(row.heading),
      topic: row.topic === '' ? null : row.topic,
      text: row.text.trim(),
      sourceLineStart: lineOf(row.lineStart),
      sourceLineEnd: lineOf(row.lineEnd),
      location: pdfPagesLocation(row),
    })),
  };
}

/** What the browser can tell before sending; the server checks everything again. */
export type RowCheck = 'required' | 'duplicate' | 'line' | 'lineOrder';

/** Checks of the rows, by field path ("recommendations.2.number"). */
export function checkRows(rows: DraftRow[]): Map<string, RowCheck> {
  const found = new Map<string, RowCheck>();
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const path = `recommendations.${index}`;
    const number = row.number.trim();
    if (number === '') found.set(`${path}.number`, 'required');
    else if (seen.has(number)) found.set(`${path}.number`, 'duplicate');
    seen.add(number);
    if (row.text.trim() === '') found.set(`${path}.text`, 'required');
    const start = lineOf(row.lineStart);
    const end = lineOf(row.lineEnd);
    if (Number.isNaN(start)) found.set(`${path}.sourceLineStart`, 'line');
    if (Number.isNaN(end)) found.set(`${path}.sourceLineEnd`, 'line');
    else if (start !== null && end !== null && end < start) {
      found.set(`${path}.sourceLineEnd`, 'lineOrder');
    }
  });
  return found;
}

/**
 * The importer's problems placed next to what they concern: on the row whose lines hold the
 * problem's line, else in the list of problems with the document (with their line).
 */
export function placeProblems(
  problems: ImportProblem[],
  rows: DraftRow[],
): { byRow: Map<number, ImportProblem[]>; general: ImportProblem[] } {
  const byRow = new Map<number, ImportProblem[]>();
  const general: ImportProblem[] = [];
  for (const problem of problems) {
    const line = problem.line;
    const row =
      line === null
        ? undefined
        : rows.find((candidate) => {
            const start = lineOf(candidate.lineStart);
            const end = lineOf(candidate.lineEnd) ?? start;
            return start !== null && end !== null && line >= start && line <= end;
          });
    if (row) byRow.set(row.key, [...(byRow.get(row.key) ?? []), problem]);
    else general.push(problem);
  }
  return { byRow, general };
}

/** The id of the input for a field path, so that error summaries can link to it. */
export function fieldId(path: string): string {
  return `import-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}
