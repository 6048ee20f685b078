import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReport } from '@tracker/server';
import type { ImportResult, ParsedRecommendation } from '@tracker/server';
import { expectOneProblem } from './reader-problems.js';

const SOURCES = new URL('../../../db/seed/sources/', import.meta.url);
const SEED_RECOMMENDATIONS = new URL(
  '../../../db/seed/kazakhstan/recommendations/',
  import.meta.url,
);

function parseSource(file: string): ImportResult {
  return parseReport(readFileSync(new URL(file, SOURCES), 'utf8'));
}

function byNumber(result: ImportResult, number: string): ParsedRecommendation {
  const found = result.recommendations.find((recommendation) => recommendation.number === number);
  if (!found) throw new Error(`no recommendation ${number}`);
  return found;
}

function sequence(count: number): string[] {
  return Array.from({ length: count }, (_, index) => String(index + 1));
}

describe('parseReport on the 2004 final report', () => {
  const result = parseSource('003_5c4751061d60951e.txt');

  it('reads recommendations 1-24 with no problems and no priority split', () => {
    expect(result.format).toBe('odihr-final-report');
    expect(result.problems).toEqual([]);
    expect(result.recommendations.map((r) => r.number)).toEqual(sequence(24));
    expect(result.recommendations.filter((r) => r.priority)).toEqual([]);
  });

  it('keeps the lettered section and a readable heading', () => {
    expect(byNumber(result, '1')).toMatchObject({
      section: 'A. LEGAL FRAMEWORK',
      heading: 'Legal Framework',
    });
    expect(byNumber(result, '10')).toMatchObject({
      section: 'B. ELECTION ADMINISTRATION',
      heading: 'Election Administration',
    });
    expect(byNumber(result, '20')).toMatchObject({
      section: 'C. ELECTRONIC VOTING',
      heading: 'Electronic Voting',
    });
    expect(byNumber(result, '24')).toMatchObject({
      section: 'E. PARTICIPATION OF WOMEN',
      heading: 'Participation of Women',
    });
  });

  it('joins recommendation 13 across its page break', () => {
    expect(byNumber(result, '13')).toEqual({
      number: '13',
      priority: false,
      heading: 'Election Administration',
      section: 'B. ELECTION ADMINISTRATION',
      text: 'The voter lists and the procedures for compiling them should be comprehensively reviewed. The question of conflicting paper and electronic voter lists should be resolved, and provisions for adding names to the voter list on election day should be regularized.',
      lineStart: 550,
      lineEnd: 552,
    });
  });

  it('keeps curly quotes', () => {
    expect(byNumber(result, '18').text).toBe(
      'To develop public confidence in the “Sailau” electronic voting system, a paper audit trail and recount capacity should be introduced, and the use of the PIN code should be discontinued. There should be independent domestic certification of the e-voting system.',
    );
  });

  it('ends the list with recommendation 24, before the glossary', () => {
    expect(result.recommendations.at(-1)).toEqual({
      number: '24',
      priority: false,
      heading: 'Participation of Women',
      section: 'E. PARTICIPATION OF WOMEN',
      text: 'Measures to increase the number of women elected to the Majilis should be considered. These could include an increase in the number of seats in the Majilis elected on the basis of proportional representation, gender quotas for candidate lists, or voluntary agreement among parties to include more women on party lists.',
      lineStart: 573,
      lineEnd: 573,
    });
  });

  it('gives the line of each single-line recommendation', () => {
    expect(byNumber(result, '1')).toMatchObject({ lineStart: 535, lineEnd: 535 });
    expect(byNumber(result, '14')).toMatchObject({ lineStart: 554, lineEnd: 554 });
  });
});

describe('parseReport on the 2019 final report', () => {
  const result = parseSource('002_f9e03738dbfd80ab.txt');

  it('reads recommendations 1-31: 11 priority, 20 other, no problems', () => {
    expect(result.format).toBe('odihr-final-report-priority-split');
    expect(result.problems).toEqual([]);
    expect(result.recommendations.map((r) => r.number)).toEqual(sequence(31));
    expect(result.recommendations.filter((r) => r.priority).map((r) => r.number)).toEqual(
      sequence(11),
    );
    expect(result.recommendations.filter((r) => !r.priority)).toHaveLength(20);
  });

  it('puts priority recommendations in section D without a topic heading', () => {
    for (const recommendation of result.recommendations.slice(0, 11)) {
      expect(recommendation).toMatchObject({
        section: 'D. PRIORITY RECOMMENDATIONS',
        heading: null,
        priority: true,
      });
    }
  });

  it('gives other recommendations the topic sub-heading they sit under', () => {
    const headings = Object.fromEntries(
      result.recommendations.slice(11).map((r) => [r.number, [r.section, r.heading]]),
    );
    expect(headings['12']).toEqual([
      'E. OTHER RECOMMENDATIONS',
      'Background and Political Context',
    ]);
    expect(headings['13']).toEqual([
      'E. OTHER RECOMMENDATIONS',
      'Legal Framework and Electoral System',
    ]);
    expect(headings['17']).toEqual(['E. OTHER RECOMMENDATIONS', 'Candidate Registration']);
    expect(headings['20']).toEqual(['E. OTHER RECOMMENDATIONS', 'Campaign Finance']);
    expect(headings['24']).toEqual(['E. OTHER RECOMMENDATIONS', 'Media']);
    expect(headings['27']).toEqual(['E. OTHER RECOMMENDATIONS', 'Complaints and Appeals']);
    expect(headings['28']).toEqual(['E. OTHER RECOMMENDATIONS', 'Election Day']);
  });

  it('leaves footnote 106 out of recommendations 6 and 7', () => {
    expect(byNumber(result, '6')).toEqual({
      number: '6',
      priority: true,
      heading: null,
      section: 'D. PRIORITY RECOMMENDATIONS',
      text: 'The Law on Peaceful Assemblies should be amended to require a simple notification procedure for holding a public gathering, instead of the current authorization requirement.',
      lineStart: 580,
      lineEnd: 580,
    });
    expect(byNumber(result, '7')).toEqual({
      number: '7',
      priority: true,
      heading: null,
      section: 'D. PRIORITY RECOMMENDATIONS',
      text: 'The authorities should develop safeguards to ensure a clear separation between state and party and ensure that election campaigning is conducted in an atmosphere free from intimidation and fear of retribution. The authorities and political parties should refrain from coercing public-sector employees, students and others to attend campaign events.',
      lineStart: 585,
      lineEnd: 585,
    });
    for (const recommendation of result.recommendations) {
      expect(recommendation.text).not.toMatch(/Istanbul|paragraph25|¹⁰⁶/);
    }
  });

  it('joins recommendation 17 across its page break', () => {
    expect(byNumber(result, '17')).toMatchObject({
      text: 'The legal framework should be amended to establish clear, objective and reasonable criteria for candidate registration, including the regulation on verification of supporting signatures and, if retained, the evaluation of language fluency. Consideration could be given to opt for a single guarantee condition.',
      lineStart: 612,
      lineEnd: 614,
    });
  });

  it('ends the list with recommendation 31, before Annex I', () => {
    expect(result.recommendations.at(-1)).toEqual({
      number: '31',
      priority: false,
      heading: 'Election Day',
      section: 'E. OTHER RECOMMENDATIONS',
      text: 'The CEC final result protocol should include the number of blank, invalid and spoiled ballot papers and the number of voters added to the voter lists on election day.',
      lineStart: 649,
      lineEnd: 649,
    });
  });
});

describe('parseReport on the 2021 IPHR/KIBHR briefing', () => {
  const result = parseSource('004_d8b9de5e83254b5e.txt');

  it('reads recommendations 1-6 as one list without headings', () => {
    expect(result.format).toBe('numbered-list');
    expect(result.problems).toEqual([]);
    expect(result.recommendations.map((r) => r.number)).toEqual(sequence(6));
    for (const recommendation of result.recommendations) {
      expect(recommendation).toMatchObject({ priority: false, heading: null, section: null });
    }
  });

  it('keeps a curly apostrophe and the closing semicolon of recommendation 1', () => {
    expect(byNumber(result, '1').text).toBe(
      'Implement the recommendations made by OSCE/ODIHR for ensuring that election related legislation and practice are consistent with Kazakhstan’s international human rights obligations;',
    );
  });

  it('leaves out the footnotes that interrupt recommendation 3', () => {
    expect(byNumber(result, '3')).toEqual({
      number: '3',
      priority: false,
      heading: null,
      section: null,
      text: 'Investigate the legality of the use of kettling by the police in Almaty against peaceful demonstrators on 10 January 2021 and bring the perpetrators to justice. Forcibly keeping people surrounded for hours in subzero temperatures, without allowing them to move about sufficiently and which resulted in at least two persons being hospitalized with frostbite, which is tantamount to torture and ill-treatment.',
      lineStart: 156,
      lineEnd: 168,
    });
  });

  it('reads the last recommendation on the last line, which has no line break', () => {
    expect(result.recommendations.at(-1)).toEqual({
      number: '6',
      priority: false,
      heading: null,
      section: null,
      text: 'Cease using the practice of preventive detention, or detention on suspicion that people are intending to express their opinion in the form of peaceful protest.',
      lineStart: 172,
      lineEnd: 172,
    });
  });
});

describe('parseReport on reports without a numbered list', () => {
  it('does not guess in the 2020 needs assessment', () => {
    const result = parseSource('000_6f114ca9d36e3b9f.txt');
    expect(result.format).toBe('none');
    expect(result.recommendations).toEqual([]);
    expectOneProblem(
      result,
      { line: 252, excerpt: 'IV. CONCLUSIONS AND RECOMMENDATION' },
      /^No numbered recommendations section found/,
    );
  });

  it('does not guess in the 2023 preliminary statement', () => {
    const result = parseSource('001_7753549e037c9a3a.txt');
    expect(result.format).toBe('none');
    expect(result.recommendations).toEqual([]);
    expectOneProblem(
      result,
      { line: null, excerpt: null },
      /^No numbered recommendations section found/,
    );
  });
});

describe('the seed recommendation files', () => {
  it.each([
    ['003_5c4751061d60951e.txt', 'kz-2004-final.json'],
    ['002_f9e03738dbfd80ab.txt', 'kz-2019-final.json'],
    ['004_d8b9de5e83254b5e.txt', 'kz-2021-iphr-briefing.json'],
  ])('%s still imports as %s', (source, seed) => {
    const committed: unknown = JSON.parse(
      readFileSync(new URL(seed, SEED_RECOMMENDATIONS), 'utf8'),
    );
    expect(parseSource(source)).toEqual(committed);
  });
});

describe('parseReport problem reporting', () => {
  const lines = (...text: string[]) => text.join('\n');

  it.each([
    {
      name: 'keeps an item out of sequence and reports it',
      text: [
        'XV. RECOMMENDATIONS',
        '',
        '1. The first.',
        '2. The second.',
        '4. The fourth.',
        '5. The fifth.',
        '',
        'ANNEX I: RESULTS',
        '',
        'Registered voters 100',
      ],
      numbers: ['1', '2', '4', '5'],
      problem: {
        line: 5,
        message: 'Recommendation number 4 is out of sequence: expected 3',
        excerpt: '4. The fourth.',
      },
    },
    {
      name: 'reports a list that does not start at 1',
      text: ['## RECOMMENDATIONS', '', '3. The third.', '4. The fourth.'],
      numbers: ['3', '4'],
      problem: {
        line: 3,
        message: 'Recommendation number 3 is out of sequence: expected 1',
        excerpt: '3. The third.',
      },
    },
    {
      name: 'reports a duplicate number',
      text: [
        'RECOMMENDATIONS',
        '1. The first.',
        '2. The second.',
        '2. Again the second.',
        '3. The third.',
      ],
      numbers: ['1', '2', '2', '3'],
      problem: {
        line: 4,
        message: 'Duplicate recommendation number 2 (also at line 3)',
        excerpt: '2. Again the second.',
      },
    },
  ])('$name', ({ text, numbers, problem }) => {
    const result = parseReport(lines(...text));
    expect(result.recommendations.map((r) => r.number)).toEqual(numbers);
    expect(result.problems).toEqual([problem]);
  });

  it('reports a line inside the list that belongs to no recommendation', () => {
    const result = parseReport(
      lines(
        'RECOMMENDATIONS',
        '',
        '1. The first.',
        '',
        'A paragraph that follows a finished recommendation and starts like a sentence.',
        '',
        '2. The second.',
      ),
    );
    expect(result.recommendations.map((r) => r.text)).toEqual(['The first.', 'The second.']);
    expect(result.problems).toEqual([
      {
        line: 5,
        message: 'Line inside the recommendations list belongs to no recommendation',
        excerpt: 'A paragraph that follows a finished recommendation and starts like a sentence.',
      },
    ]);
  });

  it('reports a plain-numbered footnote that may be the text of an unfinished recommendation', () => {
    const result = parseReport(
      lines(
        'RECOMMENDATIONS',
        '',
        '1. Complaints should be decided within',
        '',
        '10 days of their filing.',
      ),
    );
    expect(result.recommendations.map((r) => r.text)).toEqual([
      'Complaints should be decided within',
    ]);
    expectOneProblem(
      result,
      { line: 5, excerpt: '10 days of their filing.' },
      /recommendation 1 above is unfinished/,
    );
  });

  it('reports a recommendation left unfinished before a sub-heading', () => {
    const result = parseReport(
      lines(
        'RECOMMENDATIONS',
        '',
        '1. The CEC should publish results by',
        '',
        'Media',
        '',
        '2. The second.',
      ),
    );
    expect(result.recommendations.map((r) => [r.text, r.heading])).toEqual([
      ['The CEC should publish results by', null],
      ['The second.', 'Media'],
    ]);
    expect(result.problems).toEqual([
      {
        line: 5,
        message:
          'Recommendation 1 ends without punctuation before this heading: check that no text is missing',
        excerpt: 'Media',
      },
    ]);
  });

  it('reports a second numbered list and imports only the first', () => {
    const result = parseReport(
      lines(
        '## RECOMMENDATIONS TO PARLIAMENT',
        '1. Amend the law.',
        '## RECOMMENDATIONS TO THE GOVERNMENT',
        '1. Stop the detentions.',
      ),
    );
    expect(result.recommendations.map((r) => r.text)).toEqual(['Amend the law.']);
    expectOneProblem(result, { line: 3 }, /^Another numbered recommendations list/);
  });

  it('ignores a table of contents entry and reads the section itself', () => {
    const result = parseReport(
      lines(
        'XV.\tRECOMMENDATIONS.....\t25',
        '1.\tINTRODUCTION\t1',
        '',
        'XV. RECOMMENDATIONS',
        '',
        '1. The first.',
      ),
    );
    expect(result.recommendations).toEqual([
      {
        number: '1',
        priority: false,
        heading: null,
        section: null,
        text: 'The first.',
        lineStart: 6,
        lineEnd: 6,
      },
    ]);
    expect(result.problems).toEqual([]);
  });

  it('reads CRLF text with the same line numbers', () => {
    const text = lines(
      'RECOMMENDATIONS',
      '',
      '1. The first',
      '',
      'continues here.',
      '2. The second.',
    );
    const result = parseReport(text.replaceAll('\n', '\r\n'));
    expect(result).toEqual(parseReport(text));
    expect(result.recommendations[0]).toMatchObject({
      text: 'The first continues here.',
      lineStart: 3,
      lineEnd: 5,
    });
  });
});
