import type {
  ImportFormat,
  ImportProblem,
  ParsedRecommendation as ParsedRecommendationAnswer,
} from '@tracker/shared';
import { footnoteStart } from './footnotes.js';
import type { FootnoteStart } from './footnotes.js';
import {
  endsSentence,
  isAllCaps,
  isBackMatterHeading,
  isHeadingLike,
  isPriorityHeading,
  isRecommendationsHeading,
  isTableOfContentsLine,
  letteredHeadingTitle,
  readableHeading,
  startsLowercase,
} from './headings.js';
import {
  Vocabulary,
  hasMarkupMarker,
  joinContinuation,
  removeGluedMarkers,
} from './list-reader.js';
import { joinSplitHeadings, markRepeatedLines, markRepeatedNumbers } from './page-furniture.js';
import {
  NUMBERED_ITEM,
  excerptOf,
  isBullet,
  isPageNumber,
  itemNumber,
  splitSourceLines,
} from './source-lines.js';
import type { SourceLine } from './source-lines.js';

/**
 * A recommendation the importer read (the shared ParsedRecommendation), with its 1-based source
 * lines as `lineStart` and `lineEnd`; the API answers them as `sourceLineStart` and `sourceLineEnd`.
 */
export type ParsedRecommendation = Omit<
  ParsedRecommendationAnswer,
  'sourceLineStart' | 'sourceLineEnd'
> & { lineStart: number; lineEnd: number };

export interface ImportResult {
  format: ImportFormat;
  recommendations: ParsedRecommendation[];
  problems: ImportProblem[];
}

/** Text the reader left out of a recommendation, reported so that nothing goes silently. */
export interface RemovedText {
  /** 1-based source line. */
  line: number;
  /** The recommendation it was removed from. */
  recommendation: string;
  kind: 'footnote' | 'footnote-marker' | 'page-furniture';
  /** What was removed (the marker, or the cleaned line, shortened). */
  text: string;
}

export interface ReadResult extends ImportResult {
  removed: RemovedText[];
}

/** How far past a heading the reader looks for the list's next expected number. */
const CONTINUATION_REACH = 80;

/** How many headings may stand between a heading and the list item it introduces. */
const MAX_STACKED_HEADINGS = 3;

/**
 * Reads the numbered recommendations from a report's plain text. What it cannot read with
 * confidence it reports in `problems` rather than guessing: a report without a numbered
 * recommendations list gives no recommendations and one problem saying so.
 */
export function parseReport(text: string): ImportResult {
  const { format, recommendations, problems } = readReport(text);
  return { format, recommendations, problems };
}

/**
 * `parseReport`, with what was removed from the recommendations' texts (footnotes, footnote markers,
 * page furniture inside a recommendation). Linear in the text: each line is classified once and
 * read by at most a bounded number of scans.
 */
export function readReport(text: string): ReadResult {
  const lines = splitSourceLines(text);
  markRepeatedLines(lines);
  markRepeatedNumbers(lines);
  joinSplitHeadings(lines);
  const vocabulary = new Vocabulary(lines);
  const fullLine = wrappedLineLength(lines);
  const headings = lines.filter((line) => !line.furniture && isRecommendationsSectionHeading(line));
  const contents = tableOfContentsEntries(lines);

  // A scan that finds no item ends before any item: the headings it passed need no scan of their
  // own (so that no line is read by many scans that find nothing).
  let fruitlessUpTo = -1;
  for (const [index, heading] of headings.entries()) {
    if (heading.lineNumber - 1 < fruitlessUpTo) continue;
    const section = new SectionScanner(lines, heading.lineNumber - 1, vocabulary, fullLine).scan();
    if (section.recommendations.length === 0) {
      fruitlessUpTo = section.endIndex;
      continue;
    }

    const problems = [...section.problems];
    problems.push(...contentsNotFound(contents, section.headingsRead));
    // Only one list is imported; a second one is pointed out for an editor to handle.
    let readUpTo = section.endIndex;
    for (const later of headings.slice(index + 1)) {
      if (later.lineNumber - 1 < readUpTo) continue;
      const other = new SectionScanner(lines, later.lineNumber - 1, vocabulary, fullLine).scan();
      if (other.recommendations.length === 0) continue;
      problems.push({
        line: later.lineNumber,
        message: `Another numbered recommendations list (${other.recommendations.length} items) starts here; only the list at line ${heading.lineNumber} was imported`,
        excerpt: excerptOf(later),
      });
      readUpTo = other.endIndex;
    }
    return {
      format: section.format,
      recommendations: section.recommendations,
      problems,
      removed: section.removed,
    };
  }

  const first = headings[0];
  return {
    format: 'none',
    recommendations: [],
    removed: [],
    problems: [
      ...contentsNotFound(contents, bodyHeadings(lines)).map((problem) => ({
        ...problem,
        message: problem.message.replace(
          /, but .*$/,
          ', but no such heading was found in the body',
        ),
      })),
      first
        ? {
            line: first.lineNumber,
            message:
              'No numbered recommendations section found: no heading mentioning recommendations is followed by a numbered list',
            excerpt: excerptOf(first),
          }
        : {
            line: null,
            message:
              'No numbered recommendations section found: no heading mentions recommendations',
            excerpt: null,
          },
    ],
  };
}

interface ContentsEntry {
  line: SourceLine;
  /** The entry's title without its page number and leaders, upper case: "D. PRIORITY RECOMMENDATIONS". */
  title: string;
}

/** Table-of-contents entries that name a recommendations section. */
function tableOfContentsEntries(lines: SourceLine[]): ContentsEntry[] {
  const entries: ContentsEntry[] = [];
  for (const line of lines) {
    if (line.raw.length > 300 || !isTableOfContentsLine(line.raw)) continue;
    const title = contentsKey(line.plain.replace(/[\d.…\s]+$/, ''));
    if (isRecommendationsHeading(title)) entries.push({ line, title });
  }
  return entries;
}

/** Compares headings regardless of case, spacing and trailing punctuation. */
function contentsKey(title: string): string {
  return title
    .replace(/\s+/g, ' ')
    .replace(/[.:]+$/, '')
    .trim()
    .toUpperCase();
}

/**
 * The length of a full line when the text is wrapped to a page width (the median length of its
 * lines of 30 characters or more), or 0 when it is not: a text of fewer than 50 lines, or of long lines (one
 * paragraph per line, as in the seeds' Markdown).
 */
function wrappedLineLength(lines: SourceLine[]): number {
  const lengths = lines.map((line) => line.plain.length).filter((length) => length >= 30);
  if (lengths.length < 50) return 0;
  lengths.sort((a, b) => a - b);
  const median = lengths[Math.floor(lengths.length / 2)] ?? 0;
  return median >= 40 && median <= 160 ? median : 0;
}

/** Every heading-like line outside the table of contents, as table-of-contents keys. */
function bodyHeadings(lines: SourceLine[]): Set<string> {
  const keys = new Set<string>();
  for (const line of lines) {
    if (line.plain !== '' && line.plain.length <= 120 && !isTableOfContentsLine(line.raw)) {
      keys.add(contentsKey(line.plain));
    }
  }
  return keys;
}

/** Problems for contents entries that name a recommendations section the reader did not read. */
function contentsNotFound(contents: ContentsEntry[], headingsRead: Set<string>): ImportProblem[] {
  return contents
    .filter((entry) => !headingsRead.has(entry.title))
    .map((entry) => ({
      line: entry.line.lineNumber,
      message: `The table of contents lists “${entry.title}”, but the recommendations read do not include that section: check whether the list was found shorter than printed`,
      excerpt: excerptOf(entry.line),
    }));
}

/** "XV. RECOMMENDATIONS", "## RECOMMENDATIONS TO THE ... AUTHORITIES", not a contents entry. */
function isRecommendationsSectionHeading(line: SourceLine): boolean {
  return (
    isRecommendationsHeading(line.plain) &&
    !isTableOfContentsLine(line.raw) &&
    line.plain.length <= 120 &&
    (line.markdownLevel > 0 || isAllCaps(line.plain))
  );
}

interface Draft {
  number: string;
  priority: boolean;
  heading: string | null;
  section: string | null;
  lines: SourceLine[];
  /** The last line's text: whether the recommendation so far ends as a sentence. */
  lastText: string;
  /** Index of its last line: a line right below it, with no blank line between, continues it. */
  lastIndex: number;
  lineStart: number;
  lineEnd: number;
}

interface SectionResult {
  format: ImportFormat;
  recommendations: ParsedRecommendation[];
  problems: ImportProblem[];
  /** Index of the line that ended the section (or the line count). */
  endIndex: number;
  removed: RemovedText[];
  /** The section's own heading and the sub-section headings read, as table-of-contents keys. */
  headingsRead: Set<string>;
}

/** Reads one section, from its heading to the first heading that does not lead to list items. */
class SectionScanner {
  private readonly drafts: Draft[] = [];
  private readonly problems: ImportProblem[] = [];
  private readonly firstLineOfNumber = new Map<string, number>();
  private current: Draft | null = null;
  private section: string | null = null;
  private heading: string | null = null;
  private priority = false;
  private prioritySplit = false;
  private inFootnote = false;
  /** A footnote number stood alone on its line (a converter split it from its text). */
  private footnotePending = false;
  /** The footnote being read started with a number alone, and its text has not started yet. */
  private numberFootnote = false;
  private readonly removed: RemovedText[] = [];
  private readonly headingsRead = new Set<string>();
  /** Why the list ended early: set when a line that is not a chapter or back matter closes it. */
  private closedBy: SourceLine | null = null;

  constructor(
    private readonly lines: SourceLine[],
    private readonly headIndex: number,
    private readonly vocabulary: Vocabulary,
    /** Length of a full line in a text wrapped to a page width; 0 for a line-per-paragraph text. */
    private readonly fullLine: number,
  ) {}

  scan(): SectionResult {
    const head = this.line(this.headIndex);
    this.headingsRead.add(contentsKey(head.plain));
    // A list may start directly under "D. PRIORITY RECOMMENDATIONS"; a plain "XV. RECOMMENDATIONS"
    // heading is the report's chapter, not a section of the list.
    if (/\b(?:priority|prioriti[sz]ed|other)\b/i.test(head.plain)) this.applyHeading(head);

    let index = this.headIndex + 1;
    for (; index < this.lines.length; index++) {
      if (!this.read(this.line(index), index)) break;
    }
    const closedBy = this.closedBy;
    if (closedBy && this.drafts.length > 0) {
      this.problems.push({
        line: closedBy.lineNumber,
        message: `The list ends here, before its section does: check whether recommendations follow (the last read is ${this.drafts.at(-1)!.number})`,
        excerpt: excerptOf(closedBy),
      });
    }

    return {
      format: this.prioritySplit
        ? 'odihr-final-report-priority-split'
        : /^[IVXLC]+\.\s/.test(head.plain)
          ? 'odihr-final-report'
          : 'numbered-list',
      recommendations: this.drafts.map((draft) => this.toRecommendation(draft)),
      problems: this.problems,
      endIndex: index,
      removed: this.removed,
      headingsRead: this.headingsRead,
    };
  }

  private toRecommendation(draft: Draft): ParsedRecommendation {
    let text = '';
    for (const [position, line] of draft.lines.entries()) {
      let part = position === 0 ? line.plain.replace(NUMBERED_ITEM, '') : line.plain;
      if (hasMarkupMarker(line.raw)) {
        this.removed.push({
          line: line.lineNumber,
          recommendation: draft.number,
          kind: 'footnote-marker',
          text: excerptOf(line),
        });
      }
      const glued = removeGluedMarkers(part);
      for (const marker of glued.markers) {
        this.removed.push({
          line: line.lineNumber,
          recommendation: draft.number,
          kind: 'footnote-marker',
          text: marker,
        });
      }
      part = glued.text;
      text = joinContinuation(text, part, this.vocabulary);
    }
    return {
      number: draft.number,
      priority: draft.priority,
      heading: draft.heading,
      section: draft.section,
      text,
      lineStart: draft.lineStart,
      lineEnd: draft.lineEnd,
    };
  }

  /** Notes a skipped line that falls inside the current recommendation. */
  private skippedInside(line: SourceLine, kind: RemovedText['kind']): void {
    const current = this.current;
    if (!current || line.plain === '') return;
    this.removed.push({
      line: line.lineNumber,
      recommendation: current.number,
      kind,
      text: excerptOf(line),
    });
  }

  /** Takes in one line; false when the line ends the section. */
  private read(line: SourceLine, index: number): boolean {
    // Footnotes sit at the foot of a page: a page break or the page's furniture ends them.
    if (line.pageStart) this.inFootnote = false;
    if (line.joined) return true;
    if (line.furniture) {
      this.inFootnote = false;
      this.footnotePending = false;
      this.skippedInside(line, 'page-furniture');
      return true;
    }
    if (line.plain === '') {
      this.inFootnote = this.footnotePending;
      this.footnotePending = false;
      return true;
    }
    this.footnotePending = false;
    const number = itemNumber(line);
    // A footnote read from a number alone does not swallow a heading (the number was a reference).
    if (this.numberFootnote && (isAllCaps(line.plain) || isBackMatterHeading(line.plain))) {
      this.inFootnote = false;
    }
    this.numberFootnote = false;
    if (this.inFootnote && number === null) {
      this.skippedInside(line, 'footnote');
      return true;
    }
    this.inFootnote = false;

    // Under a markdown heading, a heading of the same or a higher level starts something else.
    const headLevel = this.line(this.headIndex).markdownLevel;
    if (line.markdownLevel > 0 && headLevel > 0 && line.markdownLevel <= headLevel) return false;
    if (number !== null) {
      this.startItem(line, number, index);
      return true;
    }
    const footnote = footnoteStart(line.raw);
    if (footnote) {
      this.readFootnoteStart(line, footnote);
      this.skippedInside(line, 'footnote');
      return true;
    }
    if (isPageNumber(line)) {
      // After a finished recommendation, a number alone that text follows is a footnote's number
      // that the converter put on a line of its own (pdftotext does, for a superscript); inside a
      // sentence it is a footnote reference or a page number.
      const current = this.current;
      if (
        current &&
        /^\d{1,3}$/.test(line.plain) &&
        (line.repeatedNumber === true || endsSentence(current.lastText))
      ) {
        this.inFootnote = true;
        this.footnotePending = true;
        this.numberFootnote = true;
        this.skippedInside(line, 'footnote');
        return true;
      }
      this.skippedInside(line, 'page-furniture');
      return true;
    }

    const looksLikeHeading =
      line.markdownLevel > 0 || isAllCaps(line.plain) || letteredHeadingTitle(line.plain) !== null;
    if (looksLikeHeading) {
      if (isBackMatterHeading(line.plain)) return false;
      if (!this.leadsToItem(index)) return this.continuesPast(line, index);
      this.headingAfter(line);
      return true;
    }
    // A short capitalised line right before an item is a sub-heading, even after an unfinished
    // recommendation (headingAfter reports that case).
    const isSubHeading = isHeadingLike(line.plain) && this.leadsToItem(index);
    const current = this.current;
    // In a text wrapped to the page width, a full line followed directly by another line is one
    // paragraph, even where a sentence ends at the line end and the next starts with a capital.
    const adjacent =
      current !== null &&
      this.fullLine > 0 &&
      current.lastIndex === index - 1 &&
      current.lastText.length >= 0.8 * this.fullLine;
    if (current && !isSubHeading && (adjacent || continuesRecommendation(current, line))) {
      current.lines.push(line);
      current.lastText = line.plain;
      current.lastIndex = index;
      current.lineEnd = line.lineNumber;
      return true;
    }
    if (isSubHeading) {
      this.headingAfter(line);
      return true;
    }
    // Before the first item a short line belongs to the introduction; after it, a heading that
    // does not lead to an item closes the list, unless the list's next number follows.
    if (isHeadingLike(line.plain))
      return this.drafts.length === 0 || this.continuesPast(line, index);
    // Prose before the first item is the section's introduction.
    if (this.drafts.length > 0) {
      this.problems.push({
        line: line.lineNumber,
        message: 'Line inside the recommendations list belongs to no recommendation',
        excerpt: excerptOf(line),
      });
    }
    return true;
  }

  /**
   * At a heading-like line that leads to no item: the list goes on when its next expected number
   * follows in the same section (within a bounded reach, before any chapter, back matter or other
   * recommendations heading); the line is then reported as not placed. Otherwise the list ends.
   */
  private continuesPast(line: SourceLine, index: number): boolean {
    const previous = this.drafts.at(-1);
    if (!previous) return false;
    const expected = String(Number(previous.number) + 1);
    const end = Math.min(this.lines.length, index + CONTINUATION_REACH);
    for (let next = index + 1; next < end; next++) {
      const candidate = this.line(next);
      if (candidate.furniture || candidate.plain === '') continue;
      if (itemNumber(candidate) === expected) {
        this.current = null;
        this.problems.push({
          line: line.lineNumber,
          message: `Text between recommendations ${previous.number} and ${expected} belongs to no recommendation`,
          excerpt: excerptOf(line),
        });
        return true;
      }
      const headingLike =
        candidate.markdownLevel > 0 ||
        isAllCaps(candidate.plain) ||
        letteredHeadingTitle(candidate.plain) !== null;
      if (
        isBackMatterHeading(candidate.plain) ||
        (headingLike && isRecommendationsSectionHeading(candidate))
      ) {
        break;
      }
    }
    if (!isBackMatterHeading(line.plain) && line.markdownLevel === 0) this.closedBy = line;
    return false;
  }

  private startItem(line: SourceLine, number: string, index: number): void {
    const previous = this.drafts.at(-1);
    const expected = previous ? Number(previous.number) + 1 : 1;
    const firstLine = this.firstLineOfNumber.get(number);
    if (firstLine !== undefined && number === '1' && previous) {
      this.problems.push({
        line: line.lineNumber,
        message: `Numbering restarts at 1 after recommendation ${previous.number} (also numbered 1 at line ${firstLine})`,
        excerpt: excerptOf(line),
      });
    } else if (firstLine !== undefined) {
      this.problems.push({
        line: line.lineNumber,
        message: `Duplicate recommendation number ${number} (also at line ${firstLine})`,
        excerpt: excerptOf(line),
      });
    } else if (Number(number) !== expected) {
      this.problems.push({
        line: line.lineNumber,
        message: `Recommendation number ${number} is out of sequence: expected ${expected}`,
        excerpt: excerptOf(line),
      });
    }
    if (firstLine === undefined) this.firstLineOfNumber.set(number, line.lineNumber);

    this.current = {
      number,
      priority: this.priority,
      heading: this.heading,
      section: this.section,
      lines: [line],
      lastText: line.plain,
      lastIndex: index,
      lineStart: line.lineNumber,
      lineEnd: line.lineNumber,
    };
    this.drafts.push(this.current);
  }

  private readFootnoteStart(line: SourceLine, footnote: FootnoteStart): void {
    this.inFootnote = true;
    if (footnote.kind !== 'plain-number' || footnote.linkOnly) return;
    // "12 days after ..." could be a recommendation's text carried over a page break, and
    // "12 The law ..." a list item that lost its period: say so rather than drop it silently.
    const previous = this.drafts.at(-1);
    const expected = previous ? Number(previous.number) + 1 : 1;
    const current = this.current;
    if (current && !endsSentence(current.lastText)) {
      this.problems.push({
        line: line.lineNumber,
        message: `Read as a footnote (a number without a period), but recommendation ${current.number} above is unfinished: check that this is not its continuation`,
        excerpt: excerptOf(line),
      });
    } else if (footnote.number === expected) {
      this.problems.push({
        line: line.lineNumber,
        message: `Read as a footnote, but its number is the next recommendation's (${expected}): check that it is not recommendation ${expected} without its period`,
        excerpt: excerptOf(line),
      });
    }
  }

  private headingAfter(line: SourceLine): void {
    const current = this.current;
    if (current && !endsSentence(current.lastText)) {
      this.problems.push({
        line: line.lineNumber,
        message: `Recommendation ${current.number} ends without punctuation before this heading: check that no text is missing`,
        excerpt: excerptOf(line),
      });
    }
    this.current = null;
    this.applyHeading(line);
  }

  private applyHeading(line: SourceLine): void {
    this.headingsRead.add(contentsKey(line.plain));
    const letteredTitle = letteredHeadingTitle(line.plain);
    const title = letteredTitle ?? line.plain;
    if (letteredTitle !== null) this.section = line.plain;
    if (isRecommendationsHeading(title)) {
      this.heading = null;
      this.priority = isPriorityHeading(title);
      this.prioritySplit ||= this.priority;
    } else {
      this.heading = readableHeading(title);
    }
  }

  /** Whether a numbered item follows the line, past blank lines, footnotes and other headings. */
  private leadsToItem(index: number): boolean {
    let headings = 0;
    let inFootnote = false;
    const end = Math.min(this.lines.length, index + CONTINUATION_REACH);
    for (let next = index + 1; next < end; next++) {
      const line = this.line(next);
      if (line.furniture || line.joined) continue;
      if (line.plain === '') {
        inFootnote = false;
        continue;
      }
      if (itemNumber(line) !== null) return true;
      if (inFootnote) continue;
      if (footnoteStart(line.raw)) {
        inFootnote = true;
        continue;
      }
      const headingLike =
        line.markdownLevel > 0 || isAllCaps(line.plain) || isHeadingLike(line.plain);
      if (!headingLike || ++headings > MAX_STACKED_HEADINGS) return false;
    }
    return false;
  }

  private line(index: number): SourceLine {
    const line = this.lines[index];
    if (!line) throw new RangeError(`No line at index ${index}`);
    return line;
  }
}

/** Whether a line carries on the recommendation above it rather than starting something new. */
function continuesRecommendation(draft: Draft, line: SourceLine): boolean {
  return startsLowercase(line.plain) || isBullet(line) || !endsSentence(draft.lastText);
}
