import { createHash } from 'node:crypto';
import type { AssessmentStatus } from '@tracker/shared';
import { footnoteStart } from './footnotes.js';
import { isAllCaps, isTableOfContentsLine, startsLowercase } from './headings.js';
import { isBullet, isPageNumber, itemNumber, splitSourceLines } from './source-lines.js';
import type { SourceLine } from './source-lines.js';

/**
 * Finds the sentences of a report that look like statements on earlier recommendations ("Many
 * previous ODIHR priority recommendations remain unaddressed"), for an editor to turn into
 * assessments. It reads wording only: every result is a suggestion, and its status a guess from
 * the words that matched (the `cue`).
 */

export interface FollowUpStatement {
  /** Stable while the text is unchanged: from the line range and the sentence. */
  id: string;
  /** Normalized as quotes are (normalizeForQuote), so it can be stored as an assessment quote. */
  sentence: string;
  lineStart: number;
  lineEnd: number;
  /** The matched words that made this a suggestion. */
  cue: string;
  suggestedStatus: AssessmentStatus | null;
}

/** Wording that refers to earlier recommendations. */
const REFERENCE_CUES = [
  /\b(?:previous|prior|earlier|past|outstanding|long-?standing|remaining)\s+(?:OSCE\/)?(?:ODIHR\s+)?(?:priority\s+)?recommendations?\b/i,
  /\b(?:OSCE\/)?ODIHR(?:'s|’s)?\s+(?:priority\s+)?recommendations?\b/i,
  /\brecommendations?\s+(?:of|by|from)\s+(?:the\s+)?(?:OSCE\/)?ODIHR\b/i,
  /\brecommendations?\s+(?:No\.\s*)?\d+\b/i,
];

interface StatusCue {
  pattern: RegExp;
  status: AssessmentStatus | null;
  /** Counts only in a sentence that also refers to recommendations (too common on its own). */
  needsReference: boolean;
}

/** In order: the first that matches gives the suggested status. Qualified wording comes first. */
const STATUS_CUES: StatusCue[] = [
  {
    pattern: /\bnot\s+(?:yet\s+)?(?:been\s+)?(?:fully|completely)\s+(?:implemented|addressed)\b/i,
    status: 'partially_implemented',
    needsReference: false,
  },
  {
    pattern:
      /\b(?:remains?|remained)\s+(?:largely\s+|mostly\s+)?(?:unaddressed|unimplemented|outstanding|unchanged)\b/i,
    status: 'not_implemented',
    needsReference: false,
  },
  {
    pattern:
      /\b(?:not|never)\s+(?:yet\s+)?(?:been\s+)?(?:implemented|addressed|acted\s+upon|taken\s+into\s+account)\b/i,
    status: 'not_implemented',
    needsReference: false,
  },
  {
    pattern:
      /\b(?:despite|contrary\s+to|notwithstanding)\s+(?:the\s+)?(?:previous|prior|earlier)\s+(?:OSCE\/)?(?:ODIHR\s+)?(?:priority\s+)?recommendations?\b/i,
    status: 'not_implemented',
    needsReference: false,
  },
  {
    pattern:
      /\b(?:partially|partly|in\s+part)\s+(?:been\s+)?(?:implement\w*|address\w*|reflect\w*|follow\w*)\b/i,
    status: 'partially_implemented',
    needsReference: false,
  },
  {
    pattern: /\b(?:largely|mostly|substantially)\s+(?:been\s+)?(?:implement\w*|address\w*)\b/i,
    status: 'mostly_implemented',
    needsReference: false,
  },
  {
    pattern: /\b(?:fully|completely)\s+(?:been\s+)?(?:implemented|addressed)\b/i,
    status: 'fully_implemented',
    needsReference: true,
  },
  {
    pattern:
      /\b(?:in\s+line\s+with|in\s+accordance\s+with|following|in\s+an\s+effort\s+to\s+address)\s+(?:an?\s+|the\s+)?(?:previous|prior|earlier)\s+/i,
    status: 'partially_implemented',
    needsReference: true,
  },
  {
    pattern:
      /\b(?:(?:has|have|was|were)\s+(?:been\s+)?(?:implemented|addressed)|addressed\s+(?:an?\s+|the\s+)?(?:previous|prior|earlier))\b/i,
    status: 'fully_implemented',
    needsReference: true,
  },
];

/** Abbreviations after which a period does not end a sentence. */
const ABBREVIATIONS =
  /(?:\b(?:e\.g|i\.e|etc|No|Nos|Art|Arts|para|paras|Mr|Mrs|Ms|Dr|St|vs|cf|Vol|pp|p)|\b[A-Z])\.$/;

/** A sentence end: punctuation, closing quotes or brackets, space, and a capital or a quote. */
const SENTENCE_END = /[.!?…][”’"')\]]*\s+(?=[\p{Lu}\d“"‘(])/gu;

interface Block {
  text: string;
  /** Offset in `text` where each line's part starts, with its line number. */
  lines: { offset: number; lineNumber: number }[];
}

/** Whether a line breaks the running text: a heading, a list item, a table-of-contents entry. */
function startsBlock(line: SourceLine): boolean {
  return (
    line.markdownLevel > 0 ||
    isAllCaps(line.plain) ||
    itemNumber(line) !== null ||
    isBullet(line) ||
    isTableOfContentsLine(line.raw) ||
    line.raw.trimStart().startsWith('|')
  );
}

/**
 * The text as runs of prose. A sentence may continue across a blank line or a page break (the
 * conversion left them inside sentences), so a blank line ends a run only when the next line does
 * not start in lower case. Footnotes are runs of their own, and the text around them continues.
 */
function blocksOf(text: string): Block[] {
  const lines = splitSourceLines(text);
  const blocks: Block[] = [];
  let body: Block | null = null;
  let afterBlank = false;
  const append = (block: Block, line: SourceLine) => {
    if (block.text.length > 0) block.text += ' ';
    block.lines.push({ offset: block.text.length, lineNumber: line.lineNumber });
    block.text += line.plain;
  };
  const closeBody = () => {
    if (body && body.text.length > 0) blocks.push(body);
    body = null;
  };
  for (const line of lines) {
    if (line.plain === '' || isPageNumber(line)) {
      afterBlank ||= line.plain === '';
      continue;
    }
    const footnote = footnoteStart(line.raw);
    if (footnote && (footnote.kind === 'marked' || footnote.linkOnly)) {
      const note: Block = { text: '', lines: [] };
      append(note, line);
      blocks.push(note);
      continue;
    }
    if (startsBlock(line) || (afterBlank && !startsLowercase(line.plain))) closeBody();
    afterBlank = false;
    if (line.markdownLevel > 0 || isAllCaps(line.plain)) continue; // headings are not sentences
    body ??= { text: '', lines: [] };
    append(body, line);
  }
  closeBody();
  return blocks;
}

function lineAt(block: Block, offset: number): number {
  let lineNumber = block.lines[0]!.lineNumber;
  for (const line of block.lines) {
    if (line.offset > offset) break;
    lineNumber = line.lineNumber;
  }
  return lineNumber;
}

/** The sentences of a block, with their offsets. */
function sentencesOf(block: Block): { text: string; start: number; end: number }[] {
  const sentences: { text: string; start: number; end: number }[] = [];
  let start = 0;
  for (const match of block.text.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].trimEnd().length;
    if (ABBREVIATIONS.test(block.text.slice(start, match.index + 1))) continue;
    sentences.push({ text: block.text.slice(start, end), start, end });
    start = match.index + match[0].length;
  }
  if (start < block.text.length) {
    sentences.push({ text: block.text.slice(start), start, end: block.text.length });
  }
  return sentences;
}

/** The cue and suggested status of a sentence, or null when it does not look like a follow-up. */
function followUpCue(
  sentence: string,
): { cue: string; suggestedStatus: AssessmentStatus | null } | null {
  const reference = REFERENCE_CUES.map((pattern) => pattern.exec(sentence)).find(Boolean);
  for (const { pattern, status, needsReference } of STATUS_CUES) {
    if (needsReference && !reference) continue;
    const match = pattern.exec(sentence);
    if (match) return { cue: match[0].trim(), suggestedStatus: status };
  }
  return reference ? { cue: reference[0], suggestedStatus: null } : null;
}

function suggestionId(sentence: string, lineStart: number, lineEnd: number): string {
  const hash = createHash('sha256').update(sentence).digest('hex').slice(0, 12);
  return `${lineStart}-${lineEnd}-${hash}`;
}

/** The follow-up statements of a report's text, in source order. */
export function findFollowUpStatements(text: string): FollowUpStatement[] {
  const statements: FollowUpStatement[] = [];
  for (const block of blocksOf(text)) {
    for (const sentence of sentencesOf(block)) {
      const cue = followUpCue(sentence.text);
      if (!cue) continue;
      const lineStart = lineAt(block, sentence.start);
      const lineEnd = lineAt(block, Math.max(sentence.start, sentence.end - 1));
      statements.push({
        id: suggestionId(sentence.text, lineStart, lineEnd),
        sentence: sentence.text,
        lineStart,
        lineEnd,
        ...cue,
      });
    }
  }
  return statements;
}
