import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findFollowUpStatements, normalizeForQuote } from '@tracker/server';
import type { FollowUpStatement } from '@tracker/server';
import { dataset, seedReport } from '../../helpers/seed-expectations.js';

const SOURCES = new URL('../../../db/seed/sources/', import.meta.url);

function statementsOf(slug: string): FollowUpStatement[] {
  const file = seedReport(slug).sourceFile!;
  return findFollowUpStatements(readFileSync(new URL(file, SOURCES), 'utf8'));
}

/** The distinct quotes of the seed assessments a report made. */
function quotesOf(slug: string): string[] {
  return [
    ...new Set(
      dataset.assessments
        .filter((assessment) => assessment.assessingReport === slug)
        .map((assessment) => normalizeForQuote(assessment.quote)),
    ),
  ];
}

/** A quote is found when a suggested sentence lies inside it, or it inside the sentence. */
const finds = (statements: FollowUpStatement[], quote: string) =>
  statements.some((s) => quote.includes(s.sentence) || s.sentence.includes(quote));

describe('follow-up statements in the reports that assess in prose', () => {
  const reports = ['kz-2020-nam', 'kz-2023-psfc'];

  it('find most of the sentences the seed assessments of the NAM 2020 and the 2023 statement quote', () => {
    const quotes = reports.flatMap((slug) => {
      const statements = statementsOf(slug);
      return quotesOf(slug).map((quote) => finds(statements, quote));
    });
    const found = quotes.filter(Boolean).length;
    expect(quotes.length).toBeGreaterThanOrEqual(16);
    expect(found / quotes.length).toBeGreaterThan(0.6);
    // Every explicit assessment (the report names the recommendation) is found but one, whose
    // sentence does not mention recommendations at all.
    const explicit = dataset.assessments.filter(
      (a) => reports.includes(a.assessingReport) && a.basis === 'explicit',
    );
    const missed = explicit.filter((a) => !finds(statementsOf(a.assessingReport), a.quote));
    expect([...new Set(missed.map((a) => a.quote))]).toEqual([
      'Election Law continues to be silent regarding publication of the results disaggregated by polling stations.',
    ]);
  });

  it('gives each suggestion its verbatim sentence, lines, cue and suggested status', () => {
    const statements = statementsOf('kz-2023-psfc');
    const source = normalizeForQuote(
      readFileSync(new URL(seedReport('kz-2023-psfc').sourceFile!, SOURCES), 'utf8'),
    );
    for (const statement of statements) {
      expect(source).toContain(statement.sentence);
      expect(statement.lineEnd).toBeGreaterThanOrEqual(statement.lineStart);
      expect(statement.sentence.toLowerCase()).toContain(statement.cue.toLowerCase());
    }
    expect(statements).toContainEqual(
      expect.objectContaining({
        sentence:
          'Previous ODIHR priority recommendations relating to fundamental freedoms of peaceful assembly, expression, and media, remain unaddressed.',
        lineStart: 71,
        lineEnd: 71,
        cue: 'remain unaddressed',
        suggestedStatus: 'not_implemented',
      }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        lineStart: 121,
        cue: 'partly addressing',
        suggestedStatus: 'partially_implemented',
      }),
    );
  });

  it('reads a sentence across a page break and keeps ids stable and distinct', () => {
    const text =
      'Intro.\n\nThe law was amended, but earlier ODIHR recommendations on media have\n\n12\n\nnot been implemented. Other text.\n';
    const [statement, ...rest] = findFollowUpStatements(text);
    expect(rest).toEqual([]);
    expect(statement).toMatchObject({
      sentence:
        'The law was amended, but earlier ODIHR recommendations on media have not been implemented.',
      lineStart: 3,
      lineEnd: 7,
      suggestedStatus: 'not_implemented',
    });
    expect(findFollowUpStatements(text)[0]!.id).toBe(statement!.id);
    const ids = statementsOf('kz-2020-nam').map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('leaves out sentences without a cue', () => {
    expect(findFollowUpStatements('The CEC met weekly. Voters were registered.\n')).toEqual([]);
  });
});
