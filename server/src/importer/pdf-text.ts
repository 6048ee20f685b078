/**
 * A PDF's text, from the positions pdf.js gives (its legacy Node build: no native binaries). The
 * lines are rebuilt from the text items' positions; page furniture (running headers and footers,
 * page numbers) is left out; a footnote block (smaller type at the foot of a page) is kept after
 * the page's body, each note starting with its number in superscript digits (`¹⁰⁶ According ...`),
 * and footnote references in the body become superscript digits too, which the list reader drops
 * from recommendation texts. The result is the text stored as the report's source.
 */
import { SUPERSCRIPT_DIGITS } from './inline-markup.js';

export type PdfProblem = 'not-pdf' | 'encrypted' | 'no-text' | 'damaged' | 'too-large';

export class PdfReadError extends Error {
  constructor(
    readonly reason: PdfProblem,
    message: string,
  ) {
    super(message);
    this.name = 'PdfReadError';
  }
}

export interface PdfPageLines {
  /** 1-based page of the PDF. */
  page: number;
  /** 1-based lines of the extracted text that the page's text occupies (0 and 0 for an empty page). */
  lineStart: number;
  lineEnd: number;
}

export interface PdfText {
  text: string;
  pages: PdfPageLines[];
  /** Running headers, footers and page numbers left out, one entry per page and line. */
  furniture: { page: number; text: string }[];
}

/** Most pages a PDF may have; ODIHR final reports have 30 to 80. */
export const MAX_PDF_PAGES = 2_000;

interface Item {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

interface Line {
  items: Item[];
  y: number;
  size: number;
  text: string;
}

/** A line repeated at the same end of this share of the pages is a running header or footer. */
const RUNNING_SHARE = 0.5;
/** How many lines at the top and at the bottom of a page may be running headers or footers. */
const FURNITURE_BAND = 5;
const PAGE_NUMBER = /^(?:page\s*:?\s*)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$/i;

export function isPdf(data: Uint8Array): boolean {
  const head = Buffer.from(data.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

export async function extractPdfText(data: Uint8Array): Promise<PdfText> {
  if (!isPdf(data)) {
    throw new PdfReadError('not-pdf', 'The upload is not a PDF file (no %PDF- header)');
  }
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: new Uint8Array(data),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let document;
  try {
    document = await task.promise;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException') {
      throw new PdfReadError(
        'encrypted',
        'The PDF is encrypted (password-protected): its text cannot be read',
      );
    }
    throw new PdfReadError(
      'damaged',
      `The PDF cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    if (document.numPages > MAX_PDF_PAGES) {
      throw new PdfReadError(
        'too-large',
        `The PDF has ${document.numPages} pages; at most ${MAX_PDF_PAGES} are read`,
      );
    }
    const pages: Line[][] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [a, b, c, d, x, y] = item.transform as number[];
        const size = Math.hypot(c ?? 0, d ?? 0) || Math.hypot(a ?? 0, b ?? 0);
        items.push({ text: item.str, x: x ?? 0, y: y ?? 0, width: item.width, size });
      }
      pages.push(toLines(items));
      page.cleanup();
    }
    return assemble(pages);
  } finally {
    await document.destroy();
  }
}

/** Groups a page's items into lines (top to bottom), superscripts with the line they sit on. */
function toLines(items: Item[]): Line[] {
  items.sort((p, q) => q.y - p.y || p.x - q.x);
  const lines: Line[] = [];
  let current: Item[] = [];
  let baseY = 0;
  let size = 0;
  const flush = () => {
    if (current.length > 0) lines.push(buildLine(current));
    current = [];
  };
  for (const item of items) {
    if (current.length > 0 && Math.abs(item.y - baseY) <= 0.5 * Math.max(size, item.size)) {
      current.push(item);
      if (item.size >= size) {
        size = item.size;
        baseY = item.y;
      }
      continue;
    }
    flush();
    current = [item];
    baseY = item.y;
    size = item.size;
  }
  flush();
  return lines;
}

function buildLine(items: Item[]): Line {
  items.sort((p, q) => p.x - q.x);
  let size = 0;
  let baseY = 0;
  for (const item of items) {
    if (item.size > size) {
      size = item.size;
      baseY = item.y;
    }
  }
  let text = '';
  let previous: Item | null = null;
  for (const item of items) {
    let part = item.text;
    const superscript = item.size < 0.85 * size && item.y > baseY + 0.15 * size;
    if (superscript && /^\s*\d{1,4}\s*$/.test(part)) part = toSuperscript(part.trim());
    if (previous) {
      const gap = item.x - (previous.x + previous.width);
      if (gap > 0.15 * size && !/\s$/.test(text) && !/^\s/.test(part) && !superscript) text += ' ';
    }
    text += part;
    previous = item;
  }
  return { items, y: baseY, size, text: text.replace(/\s+/g, ' ').trim() };
}

function toSuperscript(digits: string): string {
  return [...digits].map((digit) => SUPERSCRIPT_DIGITS[Number(digit)] ?? digit).join('');
}

/**
 * A line's text with its digits ignored (page numbers, dates). Case counts: a cover page prints the
 * country in capitals (`REPUBLIC OF KAZAKHSTAN`) where the running header has `Republic of
 * Kazakhstan`, and the cover line is the report's, not furniture.
 */
function furnitureKey(text: string): string {
  return text.replace(/\d+/g, '#');
}

function assemble(pages: Line[][]): PdfText {
  // The body size: the size most characters are set in.
  const bySize = new Map<number, number>();
  for (const lines of pages) {
    for (const line of lines) {
      const key = Math.round(line.size * 2) / 2;
      bySize.set(key, (bySize.get(key) ?? 0) + line.text.length);
    }
  }
  if (bySize.size === 0) {
    throw new PdfReadError(
      'no-text',
      'The PDF has no text to read (a scan made of images?): run it through text recognition first, or paste its text',
    );
  }
  const bodySize = [...bySize.entries()].reduce((best, entry) =>
    entry[1] > best[1] ? entry : best,
  )[0];

  // Running headers and footers: the same text (digits aside) near the top or bottom of most pages.
  const topCounts = new Map<string, number>();
  const bottomCounts = new Map<string, number>();
  for (const lines of pages) {
    const seenTop = new Set<string>();
    const seenBottom = new Set<string>();
    lines.slice(0, FURNITURE_BAND).forEach((line) => seenTop.add(furnitureKey(line.text)));
    lines.slice(-FURNITURE_BAND).forEach((line) => seenBottom.add(furnitureKey(line.text)));
    for (const key of seenTop) topCounts.set(key, (topCounts.get(key) ?? 0) + 1);
    for (const key of seenBottom) bottomCounts.set(key, (bottomCounts.get(key) ?? 0) + 1);
  }
  const threshold = Math.max(2, Math.ceil(pages.length * RUNNING_SHARE));
  const running = (counts: Map<string, number>, text: string) =>
    pages.length >= 3 && (counts.get(furnitureKey(text)) ?? 0) >= threshold;

  const out: string[] = [];
  const pageLines: PdfPageLines[] = [];
  const furniture: PdfText['furniture'] = [];
  for (const [index, lines] of pages.entries()) {
    const page = index + 1;
    const kept: Line[] = [];
    for (const [position, line] of lines.entries()) {
      const nearTop = position < FURNITURE_BAND;
      const nearBottom = position >= lines.length - FURNITURE_BAND;
      const isFurniture =
        ((nearTop || nearBottom) && PAGE_NUMBER.test(line.text)) ||
        (nearTop && running(topCounts, line.text)) ||
        (nearBottom && running(bottomCounts, line.text));
      if (isFurniture) furniture.push({ page, text: line.text });
      else kept.push(line);
    }
    // The footnote block: the smaller-type lines at the foot of the page.
    let footStart = kept.length;
    while (footStart > 0 && kept[footStart - 1]!.size < 0.9 * bodySize) footStart--;
    if (footStart === 0) footStart = kept.length; // a page all in small type has no footnote block
    const start = out.length + 1;
    let previous: Line | null = null;
    for (const [position, line] of kept.entries()) {
      const inFoot = position >= footStart;
      if (position === footStart) out.push('');
      else if (previous && previous.y - line.y > 1.8 * Math.max(previous.size, line.size)) {
        out.push('');
      }
      // A footnote starts with its number: in superscript, whatever the PDF used.
      out.push(
        inFoot
          ? line.text.replace(/^(\d{1,4})\s+(?=\S)/, (_, n: string) => `${toSuperscript(n)} `)
          : line.text,
      );
      previous = line;
    }
    const end = out.length;
    pageLines.push(
      end >= start ? { page, lineStart: start, lineEnd: end } : { page, lineStart: 0, lineEnd: 0 },
    );
    out.push('');
  }
  while (out.at(-1) === '') out.pop();
  if (out.every((line) => line === '')) {
    throw new PdfReadError(
      'no-text',
      'The PDF has no text to read besides page headers and numbers',
    );
  }
  return { text: out.join('\n'), pages: pageLines, furniture };
}

/** The PDF page of a 1-based line of the extracted text, or null. */
export function pageOfLine(pages: readonly PdfPageLines[], line: number): number | null {
  return pages.find((page) => page.lineStart <= line && line <= page.lineEnd)?.page ?? null;
}
