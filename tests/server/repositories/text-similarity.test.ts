import { describe, expect, it } from 'vitest';
import {
  contentWords,
  numberReferences,
  similarityIndex,
} from '../../../server/src/repositories/text-similarity.js';

describe('text similarity for suggestions', () => {
  it('reads recommendations named by number and report year', () => {
    expect(
      numberReferences(
        'Recommendations 1, 3, and 20 from the 2016 Final Report, as well as recommendation 7 of the 2015 final report are partially implemented.',
      ),
    ).toEqual([
      { number: '1', year: '2016' },
      { number: '3', year: '2016' },
      { number: '20', year: '2016' },
      { number: '7', year: '2015' },
    ]);
    expect(numberReferences('Many previous ODIHR recommendations remain unaddressed.')).toEqual([]);
  });

  it('leaves out follow-up wording, so only the subject counts', () => {
    expect(contentWords('Previous ODIHR priority recommendations remain unaddressed.')).toEqual([]);
    expect(contentWords('Campaign donations')).toEqual(['campaign', 'donate']);
  });

  it('separates a related recommendation from unrelated ones', () => {
    const index = similarityIndex([
      { id: 1, text: 'Voters should be educated on the use of electronic voting machines.' },
      { id: 2, text: 'Caps on donations to campaigns should be set in the law.' },
      { id: 3, text: 'The media should be free to report on candidates.' },
    ]);
    const [evoting, donations, media] = index.scores(
      'The law now caps campaign donations, as previous ODIHR recommendations asked.',
    );
    expect(donations!).toBeGreaterThan(0.3);
    expect(evoting!).toBe(0);
    expect(media!).toBe(0);
  });
});
