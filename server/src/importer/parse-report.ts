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
import { normalizeForQuote } from './inline-markup.js';
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

/** How many headings may stand between a heading and the list item it introduces. */
const MAX_STACKED_HEADINGS = 3;

/**
 * Reads the numbered recommendations from a report's plain text. What it cannot read with
 * confidence it reports in `problems` rather than guessing: a report without a numbered
 * recommendations list gives no recommendations and one problem saying so.
 */
export function parseReport(text: string): ImportResult {
  const lines = splitSourceLines(text);
  const headings = lines.filter(isRecommendationsSectionHeading);

  for (const [index, heading] of headings.entries()) {
    const section = new SectionScanner(lines, heading.lineNumber - 1).scan();
    if (section.recommendations.length === 0) continue;

    const problems = [...section.problems];
    // Only one list is imported; a second one is pointed out for an editor to handle.
    let readUpTo = section.endIndex;
    for (const later of headings.slice(index + 1)) {
      if (later.lineNumber - 1 < readUpTo) continue;
      const other = new SectionScanner(lines, later.lineNumber - 1).scan();
      if (other.recommendations.length === 0) continue;
      problems.push({
        line: later.lineNumber,
        message: `Another numbered recommendations list (${other.recommendations.length} items) starts here; only the list at line ${heading.lineNumber} was imported`,
        excerpt: excerptOf(later),
      });
      readUpTo = other.endIndex;
    }
    return { format: section.format, recommendations: section.recommendations, problems };
  }

  const first = headings[0];
  return {
    format: 'none',
    recommendations: [],
    problems: [
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
  rawLines: string[];
  lineStart: number;
  lineEnd: number;
}

interface SectionResult {
  format: ImportFormat;
  recommendations: ParsedRecommendation[];
  problems: ImportProblem[];
  /** Index of the line that ended the section (or the line count). */
  endIndex: number;
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

  constructor(
    private readonly lines: SourceLine[],
    private readonly headIndex: number,
  ) {}

  scan(): SectionResult {
    const head = this.line(this.headIndex);
    // A list may start directly under "D. PRIORITY RECOMMENDATIONS"; a plain "XV. RECOMMENDATIONS"
    // heading is the report's chapter, not a section of the list.
    if (/\b(?:priority|other)\b/i.test(head.plain)) this.applyHeading(head);

    let index = this.headIndex + 1;
    for (; index < this.lines.length; index++) {
      if (!this.read(this.line(index), index)) break;
    }

    return {
      format: this.prioritySplit
        ? 'odihr-final-report-priority-split'
        : /^[IVXLC]+\.\s/.test(head.plain)
          ? 'odihr-final-report'
          : 'numbered-list',
      recommendations: this.drafts.map(toRecommendation),
      problems: this.problems,
      endIndex: index,
    };
  }

  /** Takes in one line; false when the line ends the section. */
  private read(line: SourceLine, index: number): boolean {
    if (line.plain === '') {
      this.inFootnote = false;
      return true;
    }
    const number = itemNumber(line);
    if (this.inFootnote && number === null) return true;
    this.inFootnote = false;

    // Under a markdown heading, a heading of the same or a higher level starts something else.
    const headLevel = this.line(this.headIndex).markdownLevel;
    if (line.markdownLevel > 0 && headLevel > 0 && line.markdownLevel <= headLevel) return false;
    if (number !== null) {
      this.startItem(line, number);
      return true;
    }
    const footnote = footnoteStart(line.raw);
    if (footnote) {
      this.readFootnoteStart(line, footnote);
      return true;
    }
    if (isPageNumber(line)) return true;

    const looksLikeHeading =
      line.markdownLevel > 0 || isAllCaps(line.plain) || letteredHeadingTitle(line.plain) !== null;
    if (looksLikeHeading) {
      if (isBackMatterHeading(line.plain) || !this.leadsToItem(index)) return false;
      this.headingAfter(line);
      return true;
    }
    // A short capitalised line right before an item is a sub-heading, even after an unfinished
    // recommendation (headingAfter reports that case).
    const isSubHeading = isHeadingLike(line.plain) && this.leadsToItem(index);
    const current = this.current;
    if (current && !isSubHeading && continuesRecommendation(current, line)) {
      current.rawLines.push(line.raw);
      current.lineEnd = line.lineNumber;
      return true;
    }
    if (isSubHeading) {
      this.headingAfter(line);
      return true;
    }
    // Before the first item a short line belongs to the introduction; after it, a heading that
    // does not lead to an item closes the list.
    if (isHeadingLike(line.plain)) return this.drafts.length === 0;
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

  private startItem(line: SourceLine, number: string): void {
    const previous = this.drafts.at(-1);
    const expected = previous ? Number(previous.number) + 1 : 1;
    const firstLine = this.firstLineOfNumber.get(number);
    if (firstLine !== undefined) {
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
      rawLines: [line.raw],
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
    if (current && !endsSentence(textOf(current))) {
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
    if (current && !endsSentence(textOf(current))) {
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
    for (let next = index + 1; next < this.lines.length; next++) {
      const line = this.line(next);
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
  return startsLowercase(line.plain) || isBullet(line) || !endsSentence(textOf(draft));
}

function textOf(draft: Draft): string {
  return normalizeForQuote(draft.rawLines.join('\n')).replace(NUMBERED_ITEM, '');
}

function toRecommendation(draft: Draft): ParsedRecommendation {
  return {
    number: draft.number,
    priority: draft.priority,
    heading: draft.heading,
    section: draft.section,
    text: textOf(draft),
    lineStart: draft.lineStart,
    lineEnd: draft.lineEnd,
  };
}
