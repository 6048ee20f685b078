import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_SOURCES_DIR } from '@tracker/db';
import { proposeMetadata } from '@tracker/server';
import { dataset } from '../../helpers/seed-expectations.js';

/**
 * The cover-page proposal on the five seed texts, with the data set's metadata as the answers:
 * each proposed value must be right or absent, never wrong.
 */
describe('metadata proposed from the cover page', () => {
  const seeded = dataset.manifest.reports.filter((report) => report.sourceFile);

  it.each(seeded.map((report) => [report.slug, report] as const))(
    '%s: every proposed value is the data set’s',
    (_slug, report) => {
      const text = readFileSync(join(SEED_SOURCES_DIR, report.sourceFile!), 'utf8');
      const election = dataset.manifest.elections.find((e) => e.key === report.election)!;
      const proposed = proposeMetadata(text);
      const lines = text.split(/\r\n|\r|\n/);
      const expected: Record<string, unknown> = {
        country: dataset.manifest.country.code,
        electionKind: election.kind,
        early: election.early,
        heldOn: election.heldOnPrecision === 'day' ? election.heldOn : undefined,
        secondRoundOn: election.secondRoundOn ?? undefined,
        reportKind: report.kind,
        publishedOn: report.publishedOnPrecision === 'day' ? report.publishedOn : undefined,
        title: report.title,
      };
      for (const [field, proposal] of Object.entries(proposed)) {
        const value =
          field === 'country'
            ? (proposal.value as { code: string }).code
            : (proposal.value as unknown);
        if (field === 'publishedIn') {
          // The place is printed on the line it was read from.
          expect(lines[proposal.line - 1]).toContain(value as string);
          continue;
        }
        expect({ field, value }).toEqual({ field, value: expected[field] });
        expect(proposal.line).toBeGreaterThan(0);
        expect(proposal.line).toBeLessThanOrEqual(80);
      }
    },
  );

  it('reads the ODIHR cover pages of the seeds in full', () => {
    const read = (file: string) =>
      proposeMetadata(readFileSync(join(SEED_SOURCES_DIR, file), 'utf8'));
    const final2019 = read('002_f9e03738dbfd80ab.txt');
    expect(Object.keys(final2019).sort()).toEqual(
      [
        'country',
        'early',
        'electionKind',
        'heldOn',
        'publishedIn',
        'publishedOn',
        'reportKind',
        'title',
      ].sort(),
    );
    expect(final2019.publishedIn?.value).toBe('Warsaw');
    const final2004 = read('003_5c4751061d60951e.txt');
    expect(final2004.secondRoundOn?.value).toBe('2004-10-03');
    expect(final2004.title).toBeDefined();
    expect(read('000_6f114ca9d36e3b9f.txt').reportKind?.value).toBe('needs_assessment');
    expect(read('001_7753549e037c9a3a.txt').reportKind?.value).toBe('preliminary_statement');
  });

  it('reads the date formats of English reports', () => {
    const cover = (lines: string[]) => proposeMetadata(lines.join('\n'));
    expect(
      cover(['REPUBLIC OF MOLDOVA', 'PRESIDENTIAL ELECTION', '1 and 15 November 2020']).heldOn,
    ).toBeUndefined();
    const rounds = cover(['GEORGIA', 'PRESIDENTIAL ELECTION', '28 October and 28 November 2018']);
    expect([rounds.heldOn?.value, rounds.secondRoundOn?.value]).toEqual([
      '2018-10-28',
      '2018-11-28',
    ]);
    expect(cover(['UKRAINE', 'LOCAL ELECTIONS', '25 October 2020']).country?.value).toEqual({
      code: 'UA',
      name: 'Ukraine',
    });
    expect(cover(['Serbia – Parliamentary Elections, 19-20 March 2022']).heldOn?.value).toBe(
      '2022-03-19',
    );
    expect(
      cover(['TÜRKIYE', 'PARLIAMENTARY ELECTIONS', 'May 14, 2023', 'Vienna', 'December 15, 2023']),
    ).toMatchObject({
      country: { value: { code: 'TR' } },
      heldOn: { value: '2023-05-14' },
      publishedIn: { value: 'Vienna' },
      publishedOn: { value: '2023-12-15' },
    });
  });

  it('proposes nothing rather than a guess', () => {
    const cover = (lines: string[]) => proposeMetadata(lines.join('\n'));
    // Two countries, two election kinds, two report kinds, an impossible date.
    expect(cover(['Estonia and Latvia']).country).toBeUndefined();
    expect(cover(['PRESIDENTIAL AND PARLIAMENTARY ELECTIONS']).electionKind).toBeUndefined();
    expect(cover(['Needs Assessment Mission Report', 'Interim Report']).reportKind).toBeUndefined();
    expect(
      cover(['ARMENIA', 'PARLIAMENTARY ELECTIONS', '31 February 2021']).heldOn,
    ).toBeUndefined();
    expect(proposeMetadata('')).toEqual({});
    expect(proposeMetadata('x'.repeat(500_000))).toEqual({});
  });
});
