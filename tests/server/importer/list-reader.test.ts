import { describe, expect, it } from 'vitest';
import { parseReport, readReport } from '@tracker/server';
import { expectOneProblem } from './reader-problems.js';

const lines = (...text: string[]) => text.join('\n');
const header = ['Republic of Utopia', 'Parliamentary Elections, 1 May 2025', 'ODIHR Final Report'];
const page = (n: number) => ['', `\f${header[0]}`, ...header.slice(1), `Page: ${n}`, ''];

describe('the list reader on converter output', () => {
  it('reads a list across page breaks with a running header of several lines', () => {
    const text = lines(
      ...page(1),
      'XV. RECOMMENDATIONS',
      '1. The first.',
      ...page(2),
      'Some prose of the second page of the report, that is not a list.',
      ...page(3),
      '2. The second should be read even',
      ...page(4),
      'after the page break.',
      '3. The third.',
      ...page(5),
      '4. The fourth.',
      'ANNEX I: RESULTS',
    );
    const result = parseReport(text);
    // The running header is neither a heading nor text, and does not end the list.
    expect(result.recommendations.map((r) => r.heading)).toEqual([null, null, null, null]);
    expect(result.recommendations.map((r) => [r.number, r.text])).toEqual([
      ['1', 'The first.'],
      ['2', 'The second should be read even after the page break.'],
      ['3', 'The third.'],
      ['4', 'The fourth.'],
    ]);
  });

  it.each([
    {
      name: 'joins a lettered heading printed over two lines and reads prioritised headings',
      text: [
        'XV. RECOMMENDATIONS',
        '',
        'A.',
        '',
        'PRIORITISED RECOMMENDATIONS',
        '1. The first.',
        'B.',
        'OTHER RECOMMENDATIONS',
        'Media',
        '2. The second.',
      ],
      read: [
        ['1', true, 'A. PRIORITISED RECOMMENDATIONS', null],
        ['2', false, 'B. OTHER RECOMMENDATIONS', 'Media'],
      ],
    },
    {
      name: 'reads a list that starts directly under a priority heading',
      text: [
        'A. PRIORITY RECOMMENDATIONS',
        '1. The first.',
        'B. OTHER RECOMMENDATIONS',
        'Election Administration',
        '2. The second.',
        'ANNEX',
        '3. Not a recommendation.',
      ],
      read: [
        ['1', true, 'A. PRIORITY RECOMMENDATIONS', null],
        ['2', false, 'B. OTHER RECOMMENDATIONS', 'Election Administration'],
      ],
    },
  ])('$name', ({ text, read }) => {
    const result = parseReport(lines(...text));
    expect(result.format).toBe('odihr-final-report-priority-split');
    expect(result.recommendations.map((r) => [r.number, r.priority, r.section, r.heading])).toEqual(
      read,
    );
    expect(result.problems).toEqual([]);
  });

  it('reads "Prioritized" as priority too', () => {
    const result = parseReport(lines('PRIORITIZED RECOMMENDATIONS', '1. The first.'));
    expect(result.recommendations[0]?.priority).toBe(true);
  });

  it('joins a hyphenated line end: a split word loses its hyphen, a compound keeps it', () => {
    const result = parseReport(
      lines(
        'Election-related violations and comprehensive reviews are discussed; so is the law.',
        'RECOMMENDATIONS',
        '1. Election-',
        'related complaints should be reviewed compre-',
        'hensively and in a timely manner.',
        '2. The public-',
        'sector employees should not be coerced; the public sector is large.',
      ),
    );
    expect(result.recommendations.map((r) => r.text)).toEqual([
      'Election-related complaints should be reviewed comprehensively and in a timely manner.',
      'The public-sector employees should not be coerced; the public sector is large.',
    ]);
  });

  it('removes glued footnote markers and footnote text inside a recommendation, and reports them', () => {
    const result = readReport(
      lines(
        'RECOMMENDATIONS',
        '1. The law should be amended to require notification only.12 The',
        '',
        '12 See paragraph 25 of the Guidelines on Freedom of Peaceful Assembly.',
        '',
        'authorities should comply.',
        '2. The second.',
      ),
    );
    expect(result.recommendations.map((r) => r.text)).toEqual([
      'The law should be amended to require notification only. The authorities should comply.',
      'The second.',
    ]);
    expect(result.removed).toEqual([
      {
        line: 4,
        recommendation: '1',
        kind: 'footnote',
        text: '12 See paragraph 25 of the Guidelines on Freedom of Peaceful Assembly.',
      },
      { line: 2, recommendation: '1', kind: 'footnote-marker', text: '12' },
    ]);
  });

  it('does not read quoted recommendations with commentary between them as a one-item list', () => {
    const result = parseReport(
      lines(
        'PREVIOUS RECOMMENDATIONS',
        '1. The law should be amended.',
        'ODIHR Assessment',
        'The recommendation was partially addressed by the 2017 amendments to the law on peaceful assemblies, which',
        'however kept the authorization requirement.',
        '2. The CEC should publish results.',
        'ODIHR Assessment',
        'Not addressed: the CEC published aggregated results only, and not those of each polling station, as before.',
        '3. Observers should be admitted.',
      ),
    );
    expect(result.recommendations.map((r) => [r.number, r.text])).toEqual([
      ['1', 'The law should be amended.'],
      ['2', 'The CEC should publish results.'],
      ['3', 'Observers should be admitted.'],
    ]);
    expect(result.problems.map((p) => p.line)).toEqual([3, 4, 5, 7, 8]);
    expect(result.problems[0]?.message).toMatch(/between recommendations 1 and 2/);
  });
});

describe('the list reader warns', () => {
  it('when a number is skipped', () => {
    const result = parseReport(lines('RECOMMENDATIONS', '1. One.', '2. Two.', '4. Four.'));
    expect(result.problems).toEqual([
      {
        line: 4,
        message: 'Recommendation number 4 is out of sequence: expected 3',
        excerpt: '4. Four.',
      },
    ]);
  });

  it('when numbering restarts', () => {
    const result = parseReport(lines('RECOMMENDATIONS', '1. One.', '2. Two.', '1. One again.'));
    expectOneProblem(result, { line: 4 }, /^Numbering restarts at 1/);
  });

  it('when the list is cut short before its section ends', () => {
    const result = parseReport(
      lines(
        'XV. RECOMMENDATIONS',
        '1. One.',
        '2. Two.',
        'Election Administration Matters',
        'The rest of the section goes on in prose that is not read as a list.',
        'XVI. ANNEXES',
      ),
    );
    expect(result.recommendations.map((r) => r.number)).toEqual(['1', '2']);
    expectOneProblem(result, { line: 4 }, /^The list ends here, before its section does/);
  });

  it('when the table of contents lists a section the body does not have', () => {
    const result = parseReport(
      lines(
        'CONTENTS',
        'XV. RECOMMENDATIONS ........ 25',
        'XVI. ANNEX .......... 30',
        '',
        'I. INTRODUCTION',
        'Some prose.',
      ),
    );
    expect(result.recommendations).toEqual([]);
    expect(result.problems[0]).toMatchObject({ line: 2 });
    expect(result.problems[0]?.message).toMatch(
      /table of contents lists “XV\. RECOMMENDATIONS”, but no such heading was found/,
    );
  });

  it('when the table of contents lists a recommendations sub-section the reader did not read', () => {
    const result = parseReport(
      lines(
        'XV. RECOMMENDATIONS ........ 25',
        'A. PRIORITY RECOMMENDATIONS ........ 25',
        'B. OTHER RECOMMENDATIONS ........ 26',
        '',
        'XV. RECOMMENDATIONS',
        'A. PRIORITY RECOMMENDATIONS',
        '1. One.',
        'ANNEX: B. OTHER RECOMMENDATIONS FOLLOW IN ANOTHER DOCUMENT',
      ),
    );
    expect(result.recommendations.map((r) => r.number)).toEqual(['1']);
    expectOneProblem(result, { line: 3 }, /“B\. OTHER RECOMMENDATIONS”/);
  });
});

describe('the list reader in linear time', () => {
  it('reads 20,000 short unpunctuated lines in well under a second', () => {
    const text = [
      'RECOMMENDATIONS',
      '1. Start',
      ...Array.from({ length: 20_000 }, (_, i) => `w${i % 7}`),
    ].join('\n');
    const started = performance.now();
    const result = parseReport(text);
    expect(result.recommendations).toHaveLength(1);
    // Generous bound: a quadratic reader takes minutes here.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
