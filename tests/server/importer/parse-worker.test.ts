import { describe, expect, it } from 'vitest';
import { ParseTimeoutError, parseInWorker } from '@tracker/server';

describe('reading in a worker thread', () => {
  it('answers what the reader read', async () => {
    const outcome = await parseInWorker({ kind: 'text', text: 'RECOMMENDATIONS\n1. The first.' });
    expect(outcome).toMatchObject({
      ok: true,
      pdf: null,
      result: { format: 'numbered-list', recommendations: [{ number: '1', text: 'The first.' }] },
    });
  });

  it('stops a read past its time limit', async () => {
    const text = ['RECOMMENDATIONS', '1. Start', ...Array.from({ length: 50_000 }, () => 'x')].join(
      '\n',
    );
    await expect(parseInWorker({ kind: 'text', text }, 1)).rejects.toBeInstanceOf(
      ParseTimeoutError,
    );
  });

  it('reads several reports at once, in turns', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        parseInWorker({ kind: 'text', text: `RECOMMENDATIONS\n1. Report ${index}.` }),
      ),
    );
    expect(
      outcomes.map((outcome) => (outcome.ok ? outcome.result.recommendations[0]?.text : null)),
    ).toEqual(['Report 0.', 'Report 1.', 'Report 2.', 'Report 3.', 'Report 4.']);
  });

  it('says why a PDF cannot be read', async () => {
    const outcome = await parseInWorker({ kind: 'pdf', data: new TextEncoder().encode('hello') });
    expect(outcome).toMatchObject({ ok: false, reason: 'not-pdf' });
  });
});
