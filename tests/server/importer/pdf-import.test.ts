import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractPdfText, parseReport, readReport } from '@tracker/server';
import type { ParsedRecommendation } from '@tracker/server';
import { SEED_RUNNING_HEADERS, buildReportPdf } from './pdf-corpus.js';

const SOURCES = new URL('../../../db/seed/sources/', import.meta.url);
const SEED_RECOMMENDATIONS = new URL(
  '../../../db/seed/kazakhstan/recommendations/',
  import.meta.url,
);

interface CorpusEntry {
  source: string;
  seed: string | null;
}

const CORPUS: CorpusEntry[] = [
  {
    source: '003_5c4751061d60951e.txt',
    seed: 'kz-2004-final.json',
  },
  {
    source: '002_f9e03738dbfd80ab.txt',
    seed: 'kz-2019-final.json',
  },
  {
    source: '004_d8b9de5e83254b5e.txt',
    seed: 'kz-2021-iphr-briefing.json',
  },
  {
    source: '000_6f114ca9d36e3b9f.txt',
    seed: null,
  },
  {
    source: '001_7753549e037c9a3a.txt',
    seed: null,
  },
];

type Essentials = Pick<ParsedRecommendation, 'number' | 'priority' | 'heading' | 'text'>;
const essentials = (items: ParsedRecommendation[]): Essentials[] =>
  items.map(({ number, priority, heading, text }) => ({ number, priority, heading, text }));

function expected(seed: string | null): Essentials[] {
  if (seed === null) return [];
  const committed = JSON.parse(readFileSync(new URL(seed, SEED_RECOMMENDATIONS), 'utf8')) as {
    recommendations: ParsedRecommendation[];
  };
  return essentials(committed.recommendations);
}

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.each(CORPUS)('a PDF built from $source', ({ source, seed }) => {
  const header = SEED_RUNNING_HEADERS[source]!;
  const dir = mkdtempSync(join(tmpdir(), 'tracker-pdf-'));
  const file = join(dir, source.replace(/\.txt$/, '.pdf'));
  let pdf: Buffer;

  beforeAll(async () => {
    pdf = await buildReportPdf(readFileSync(new URL(source, SOURCES), 'utf8'), header);
    writeFileSync(file, pdf);
  });

  it('gives back the seed recommendations through pdf.js, page furniture left out', async () => {
    const extracted = await extractPdfText(pdf);
    const result = readReport(extracted.text);
    expect(essentials(result.recommendations)).toEqual(expected(seed));
    if (seed !== null) expect(result.problems).toEqual([]);
    // The running header is printed on every page and kept out of the text.
    expect(extracted.text.split('\n').filter((line) => line === header.election)).toEqual([]);
    expect(extracted.furniture.length).toBeGreaterThan(extracted.pages.length * 3);
    for (const recommendation of result.recommendations) {
      expect(recommendation.text).not.toContain(header.election);
    }
  });

  it.each(['default', '-layout', '-raw'])(
    'gives back the seed recommendations from pdftotext %s',
    (mode) => {
      if (!hasPdftotext) throw new Error('pdftotext (Debian poppler-utils) is not installed');
      const args = mode === 'default' ? [file, '-'] : [mode, file, '-'];
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', ...args], { encoding: 'utf8' });
      const parsed = parseReport(text);
      if (seed !== null) expect(parsed.problems).toEqual([]);
      const got = essentials(parsed.recommendations);
      for (const [index, item] of expected(seed).entries()) expect(got[index]).toEqual(item);
      expect(got).toHaveLength(expected(seed).length);
    },
  );
});
