import { describe, expect, it } from 'vitest';
import { AnswerCache } from '../../../server/src/plugins/answer-cache.js';

/** An answer of `bytes` body bytes, for the cache's current generation. */
function answer(cache: AnswerCache, bytes: number) {
  const representation = {
    body: Buffer.alloc(bytes),
    headers: {},
    etag: '"t"',
    okHeaders: [],
    notModifiedHeaders: [],
  };
  return { identity: representation, compressible: false, generation: cache.current()! };
}

/** The URLs the cache still holds, of those asked. */
const held = (cache: AnswerCache, urls: string[]) =>
  urls.filter((url) => cache.get(url) !== undefined);

/**
 * The cache's bound in bytes, and which answers leave when it is reached: those not read for
 * longest (a hit marks its answer; the eviction scan gives a marked answer a second chance).
 */
describe('the answer cache bound', () => {
  const fresh = (maxBytes: number) => {
    const cache = new AnswerCache(maxBytes);
    cache.setTrusted(true);
    return cache;
  };

  it('never holds more bytes than its bound', () => {
    const cache = fresh(1000);
    for (let i = 0; i < 50; i++) {
      cache.set(`/a/${i}`, answer(cache, 90 + i));
      expect(cache.size.bytes).toBeLessThanOrEqual(1000);
    }
    expect(cache.size.entries).toBeGreaterThan(0);
  });

  it('lets the answers unread for longest leave first, and keeps those read since', () => {
    const cache = fresh(400);
    for (const url of ['/1', '/2', '/3', '/4']) cache.set(url, answer(cache, 100));
    // /1 and /3 read: /2 is now the one unread for longest, then /4.
    expect(cache.get('/1')).toBeDefined();
    expect(cache.get('/3')).toBeDefined();
    cache.set('/5', answer(cache, 100));
    expect(cache.size.entries).toBe(4);
    cache.set('/6', answer(cache, 100));
    // Without marks /1 and /2 would have gone: /2 and /4 did, /1 and /3 had their second chance.
    const urls = ['/1', '/2', '/3', '/4', '/5', '/6'];
    expect(held(cache, urls)).toEqual(['/1', '/3', '/5', '/6']);
    expect(cache.size.bytes).toBe(400);
  });

  it('evicts a read answer once its second chance is used up', () => {
    const cache = fresh(200);
    cache.set('/1', answer(cache, 100));
    cache.set('/2', answer(cache, 100));
    expect(cache.get('/1')).toBeDefined();
    cache.set('/3', answer(cache, 100)); // /1 is unmarked and moved behind /3; /2 leaves
    cache.set('/4', answer(cache, 100)); // /3, now the oldest, leaves
    cache.set('/5', answer(cache, 100)); // /1 was not read again: it leaves now
    expect(held(cache, ['/1', '/2', '/3', '/4', '/5'])).toEqual(['/4', '/5']);
  });

  it('refuses an answer larger than the whole bound, keeping the others', () => {
    const cache = fresh(300);
    cache.set('/small', answer(cache, 100));
    cache.set('/large', answer(cache, 301));
    expect(held(cache, ['/small', '/large'])).toEqual(['/small']);
    expect(cache.size).toEqual({ entries: 1, bytes: 100 });
  });
});
