/**
 * Realistic report PDFs built from the seed texts (db/seed/sources) with pdfkit: A4 pages, a
 * running header of three lines (country, election, report title), page numbers in the footer,
 * footnotes in small type at the foot of the page with superscript references in the text,
 * justified lines with hyphenated word splits, lettered section headings printed over two lines
 * (`A.` / `LEGAL FRAMEWORK`). No word is split across a page break.
 *
 * Hyphenation splits plain lower-case words only, never a compound at its own hyphen (pdftotext's
 * default mode removes every line-end hyphen, so such a break cannot survive it), and never where
 * both halves are words of the text while the whole is not (no reader can tell that from a
 * compound without a dictionary; see server/src/importer/list-reader.ts).
 */
import PDFDocument from 'pdfkit';
import { footnoteStart } from '../../../server/src/importer/footnotes.js';
import {
  SUPERSCRIPT_DIGITS,
  normalizeForQuote,
} from '../../../server/src/importer/inline-markup.js';

export interface RunningHeader {
  country: string;
  election: string;
  title: string;
}

/** The running header each seed text's PDF prints, as its report's pages would. */
export const SEED_RUNNING_HEADERS: Record<string, RunningHeader> = {
  '003_5c4751061d60951e.txt': {
    country: 'Republic of Kazakhstan',
    election: 'Parliamentary Elections, 19 September and 3 October 2004',
    title: 'OSCE/ODIHR Election Observation Mission Final Report',
  },
  '002_f9e03738dbfd80ab.txt': {
    country: 'Republic of Kazakhstan',
    election: 'Early Presidential Election, 9 June 2019',
    title: 'ODIHR Election Observation Mission Final Report',
  },
  '004_d8b9de5e83254b5e.txt': {
    country: 'Kazakhstan',
    election: 'Parliamentary Elections, 10 January 2021',
    title: 'IPHR and KIBHR Briefing',
  },
  '000_6f114ca9d36e3b9f.txt': {
    country: 'Republic of Kazakhstan',
    election: 'Parliamentary Elections, 10 January 2021',
    title: 'ODIHR Needs Assessment Mission Report',
  },
  '001_7753549e037c9a3a.txt': {
    country: 'Republic of Kazakhstan',
    election: 'Early Parliamentary Elections, 19 March 2023',
    title: 'Statement of Preliminary Findings and Conclusions',
  },
};

const PAGE = { width: 595.28, height: 841.89 };
const LEFT = 72;
const WIDTH = PAGE.width - 2 * LEFT;
const TOP = 100;
const FOOTER_Y = 790;
const BODY = { font: 'Helvetica', size: 11, leading: 14 };
const HEADING = { font: 'Helvetica-Bold', size: 12, leading: 16 };
const NOTE = { font: 'Helvetica', size: 8, leading: 10 };
const PARAGRAPH_GAP = 10;

type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'footnote'; number: string; text: string };

const MARK_OPEN = '\u27e6';
const MARK_CLOSE = '\u27e7';
const SUPERSCRIPT_RUN = new RegExp(`[${SUPERSCRIPT_DIGITS}]+`, 'g');

function fromSuperscript(run: string): string {
  return [...run].map((char) => String(SUPERSCRIPT_DIGITS.indexOf(char))).join('');
}

/** The seed text's blocks: headings, paragraphs (a lower-case line continues the one above), notes. */
export function blocksOf(source: string): Block[] {
  const blocks: Block[] = [];
  let lastParagraph: Block | null = null;
  // A line right below a footnote, with no blank line between, continues it (as the reader reads).
  let lastFootnote: (Block & { kind: 'footnote' }) | null = null;
  for (const raw of source.split(/\r\n|\r|\n/)) {
    if (raw.trim() === '') {
      lastFootnote = null;
      continue;
    }
    const start = footnoteStart(raw);
    if (!start && lastFootnote && !/^\s*\d{1,3}[.)]\s/.test(raw)) {
      lastFootnote.text += ` ${normalizeForQuote(raw)}`;
      continue;
    }
    lastFootnote = null;
    if (start) {
      const trimmed = raw.trim();
      const number =
        /^[⁰¹²³⁴⁵⁶⁷⁸⁹]+/.exec(trimmed)?.[0] ??
        /<sup>\s*(\d+)\s*<\/sup>/i.exec(trimmed)?.[1] ??
        /^\d+/.exec(trimmed)?.[0] ??
        '';
      const text = normalizeForQuote(trimmed).replace(/^\d+\s+/, '');
      lastFootnote = {
        kind: 'footnote',
        number: /^\d+$/.test(number) ? number : fromSuperscript(number),
        text,
      };
      blocks.push(lastFootnote);
      continue;
    }
    // Footnote references become marks drawn in superscript.
    const marked = raw
      .replace(/<sup>&<\/sup>lt;sup>\s*(\d+)\s*<\/sup>/gi, `${MARK_OPEN}$1${MARK_CLOSE}`)
      .replace(/<sup>\s*(\d+)\s*<\/sup>/gi, `${MARK_OPEN}$1${MARK_CLOSE}`)
      .replace(SUPERSCRIPT_RUN, (run) => `${MARK_OPEN}${fromSuperscript(run)}${MARK_CLOSE}`);
    const heading = /^\s{0,3}#{1,6}\s+/.exec(marked);
    const text = normalizeForQuote(heading ? marked.slice(heading[0].length) : marked);
    if (text === '') continue;
    const caps = (text.match(/\p{Lu}/gu)?.length ?? 0) >= 3 && !/\p{Ll}/u.test(text);
    if ((heading || caps) && text.length <= 100) {
      blocks.push({ kind: 'heading', text });
      lastParagraph = null;
    } else if (/^\p{Ll}/u.test(text) && lastParagraph?.kind === 'paragraph') {
      lastParagraph.text += ` ${text}`;
    } else {
      lastParagraph = { kind: 'paragraph', text };
      blocks.push(lastParagraph);
    }
  }
  return blocks;
}

export function buildReportPdf(source: string, header: RunningHeader): Promise<Buffer> {
  return buildReportPdfWithPages(source, header).then((built) => built.pdf);
}

/**
 * The PDF, and what it prints on each page: the body lines as drawn (footnote references left
 * out, a split word with its hyphen), page 1 first. Tests read a recommendation's page from it,
 * independently of the PDF reader under test.
 */
export function buildReportPdfWithPages(
  source: string,
  header: RunningHeader,
): Promise<{ pdf: Buffer; pages: string[][] }> {
  const printed: string[][] = [];
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, compress: true });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<{ pdf: Buffer; pages: string[][] }>((resolve) =>
    doc.on('end', () => resolve({ pdf: Buffer.concat(chunks), pages: printed })),
  );

  const vocabulary = new Set<string>();
  for (const word of normalizeForQuote(source)
    .toLowerCase()
    .match(/\p{L}+/gu) ?? []) {
    vocabulary.add(word);
  }

  let pageNumber = 0;
  let y = TOP;
  let notes: { number: string; lines: string[] }[] = [];
  const notesHeight = () =>
    notes.reduce((sum, note) => sum + note.lines.length * NOTE.leading, 0) +
    (notes.length ? 12 : 0);
  const bottom = () => FOOTER_Y - 14 - notesHeight();

  const finishPage = () => {
    if (pageNumber === 0) return;
    let noteY = FOOTER_Y - 14 - notesHeight() + 12;
    if (notes.length) {
      doc
        .moveTo(LEFT, noteY - 6)
        .lineTo(LEFT + 150, noteY - 6)
        .lineWidth(0.5)
        .stroke();
    }
    for (const note of notes) {
      for (const [index, line] of note.lines.entries()) {
        doc.font(NOTE.font).fontSize(NOTE.size);
        if (index === 0) {
          doc.fontSize(6).text(note.number, LEFT, noteY - 2, { lineBreak: false });
          doc.fontSize(NOTE.size).text(line, LEFT + 12, noteY, { lineBreak: false });
        } else {
          doc.text(line, LEFT + 12, noteY, { lineBreak: false });
        }
        noteY += NOTE.leading;
      }
    }
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(String(pageNumber), PAGE.width / 2 - 6, FOOTER_Y, { lineBreak: false });
    notes = [];
  };
  const newPage = () => {
    finishPage();
    doc.addPage({ size: 'A4', margin: 0 });
    pageNumber++;
    printed.push([]);
    doc.font('Helvetica').fontSize(8);
    doc.text(header.country, LEFT, 30, { lineBreak: false });
    doc.text(header.election, LEFT, 40, { lineBreak: false });
    doc.text(header.title, LEFT, 50, { lineBreak: false });
    doc
      .moveTo(LEFT, 62)
      .lineTo(LEFT + WIDTH, 62)
      .lineWidth(0.5)
      .stroke();
    y = TOP;
  };

  const widthOf = (text: string, style: typeof BODY) =>
    doc.font(style.font).fontSize(style.size).widthOfString(text);
  const visible = (word: string) =>
    word.replaceAll(new RegExp(`${MARK_OPEN}\\d+${MARK_CLOSE}`, 'g'), '');

  /** Wraps words into lines; splits a plain word with a hyphen where that is unambiguous. */
  const wrap = (
    text: string,
    style: typeof BODY,
    width: number,
    hyphenate: boolean,
  ): string[][] => {
    const words = text.split(' ');
    const lines: string[][] = [];
    let line: string[] = [];
    const space = widthOf(' ', style);
    let used = 0;
    for (let index = 0; index < words.length; index++) {
      const word = words[index]!;
      const w = widthOf(visible(word), style);
      const needed = line.length ? used + space + w : w;
      if (needed <= width || line.length === 0) {
        line.push(word);
        used = needed;
        continue;
      }
      const split = hyphenate
        ? splitWord(word, width - used - space - widthOf('-', style), style)
        : null;
      if (split) {
        line.push(`${split[0]}-`);
        lines.push(line);
        line = [split[1]];
        used = widthOf(visible(split[1]), style);
        continue;
      }
      lines.push(line);
      line = [word];
      used = w;
    }
    if (line.length) lines.push(line);
    return lines;
  };
  const splitWord = (word: string, room: number, style: typeof BODY): [string, string] | null => {
    const match = /^(\p{Ll}{8,})([.,;:]?)$/u.exec(word);
    if (!match?.[1]) return null;
    const letters = match[1];
    for (let cut = letters.length - 3; cut >= 4; cut--) {
      const first = letters.slice(0, cut);
      const second = letters.slice(cut) + (match[2] ?? '');
      if (widthOf(first, style) > room) continue;
      if (vocabulary.has(first) && vocabulary.has(letters.slice(cut))) continue;
      return [first, second];
    }
    return null;
  };

  const drawLine = (words: string[], style: typeof BODY, justify: boolean) => {
    doc.font(style.font).fontSize(style.size);
    printed.at(-1)!.push(words.map(visible).join(' '));
    const natural = words.reduce((sum, word) => sum + widthOf(visible(word), style), 0);
    const gaps = words.length - 1;
    const space = justify && gaps > 0 ? (WIDTH - natural) / gaps : widthOf(' ', style);
    let x = LEFT;
    for (const word of words) {
      for (const part of word.split(new RegExp(`(${MARK_OPEN}\\d+${MARK_CLOSE})`))) {
        if (part === '') continue;
        if (part.startsWith(MARK_OPEN)) {
          const digits = part.slice(1, -1);
          doc.fontSize(7).text(digits, x, y - 3, { lineBreak: false });
          x += doc.widthOfString(digits);
          doc.fontSize(style.size);
        } else {
          doc.text(part, x, y, { lineBreak: false });
          x += doc.widthOfString(part);
        }
      }
      x += space;
    }
    y += style.leading;
  };

  newPage();
  for (const block of blocksOf(source)) {
    if (block.kind === 'footnote') {
      const lines = wrap(block.text, NOTE, WIDTH - 12, false).map((words) => words.join(' '));
      notes.push({ number: block.number, lines });
      if (y > bottom()) {
        notes.pop();
        newPage();
        notes.push({ number: block.number, lines });
      }
      continue;
    }
    if (block.kind === 'heading') {
      const lettered = /^([A-Z]\.)\s+(.+)$/.exec(block.text);
      const parts = lettered ? [lettered[1]!, lettered[2]!] : [block.text];
      if (y + HEADING.leading * (parts.length + 1) + 6 > bottom()) newPage();
      y += 6;
      for (const part of parts) {
        for (const words of wrap(part, HEADING, WIDTH, false)) drawLine(words, HEADING, false);
      }
      y += PARAGRAPH_GAP - 4;
      continue;
    }
    const lines = wrap(
      block.text.replaceAll(`${MARK_CLOSE} `, `${MARK_CLOSE} `),
      BODY,
      WIDTH,
      true,
    );
    for (const [index, words] of lines.entries()) {
      // As typesetters do, no word is split across a page break (pdftotext's default mode would
      // join its halves over the footnotes between them).
      const split = words.at(-1)?.endsWith('-') === true;
      if (y + BODY.leading * (split ? 2 : 1) > bottom()) newPage();
      drawLine(words, BODY, index < lines.length - 1);
    }
    y += PARAGRAPH_GAP;
  }
  finishPage();
  doc.end();
  return done;
}
