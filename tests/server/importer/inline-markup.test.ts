import { describe, expect, it } from 'vitest';
import { normalizeForQuote } from '@tracker/server';

describe('normalizeForQuote', () => {
  it('removes <sup> elements with their content', () => {
    expect(normalizeForQuote('no grounds for the arrest.<sup>25</sup> Then')).toBe(
      'no grounds for the arrest. Then',
    );
  });

  it('removes other HTML tags and keeps their content', () => {
    expect(normalizeForQuote('<u>XVI.</u> <u>RECOMMENDATIONS</u>')).toBe('XVI. RECOMMENDATIONS');
  });

  it('keeps autolinks, which are text rather than tags', () => {
    expect(normalizeForQuote('26 <https://misk.org.kz/ru/events/>')).toBe(
      '26 <https://misk.org.kz/ru/events/>',
    );
  });

  it('removes emphasis marks', () => {
    expect(normalizeForQuote('the *Majilis* and **Senate**')).toBe('the Majilis and Senate');
  });

  it('turns markdown links into their text', () => {
    expect(
      normalizeForQuote('the [1999 OSCE Istanbul Document](#), and [this](https://x.org/a)'),
    ).toBe('the 1999 OSCE Istanbul Document, and this');
  });

  it('removes unicode superscript footnote markers', () => {
    expect(normalizeForQuote('not yet been addressed.¹⁰⁶ ODIHR stands ready')).toBe(
      'not yet been addressed. ODIHR stands ready',
    );
  });

  it('collapses whitespace runs, line breaks included, and trims', () => {
    expect(normalizeForQuote('  should be\n\nresolved,\tand  provisions \n')).toBe(
      'should be resolved, and provisions',
    );
  });

  it('keeps curly quotes and other characters as they are', () => {
    expect(normalizeForQuote('the “Sailau” system, Kazakhstan’s obligations – 77.5%')).toBe(
      'the “Sailau” system, Kazakhstan’s obligations – 77.5%',
    );
  });
});

describe('the broken footnote escape of the 2020 needs assessment', () => {
  it('is removed as one footnote marker', () => {
    expect(normalizeForQuote('<sup>&</sup>lt;sup>5</sup> In paragraph 25')).toBe('In paragraph 25');
  });
});
