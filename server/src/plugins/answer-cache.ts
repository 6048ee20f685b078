import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ifNoneMatchIncludes, markPublic } from './http-cache.js';

/** Response headers, as `writeHead` takes them. */
type Headers = Record<string, string | number | string[]>;

/** The headers a reply has so far, but those named. */
function headersOf(reply: FastifyReply, ...omit: string[]): Headers {
  const headers: Headers = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined && !omit.includes(name)) headers[name] = value;
  }
  return headers;
}

/** A public answer as it was sent: its body and every header it went out with. */
interface CachedAnswer {
  body: Buffer;
  etag: string;
  /** The headers of the 200, and of a 304 (no content headers). */
  headers: Headers;
  notModifiedHeaders: Headers;
  generation: number;
  day: string;
}

/** Bounds chosen so the cache cannot push the server past its memory budget (about 100 MB idle). */
const MAX_BYTES = 32 * 1024 * 1024;
const MAX_ENTRY_BYTES = 4 * 1024 * 1024;

let currentDay = '';
let nextMidnight = 0;

/** Today's date (UTC), formatted once a day rather than on every cached answer. */
function today(): string {
  const now = Date.now();
  if (now >= nextMidnight) {
    currentDay = new Date(now).toISOString().slice(0, 10);
    nextMidnight = Date.parse(`${currentDay}T00:00:00Z`) + 86_400_000;
  }
  return currentDay;
}

/**
 * Public answers by URL. Every answer is kept for the `generation` it was computed in; any change
 * to the data starts a new generation and empties the cache. Answers also expire at midnight UTC,
 * as the years a recommendation has been open grow with the date. Bounded in bytes; the least
 * recently used answers leave first.
 */
export class AnswerCache {
  private generation = 0;
  /** False while changes made elsewhere could go unnoticed (the listener is reconnecting). */
  private trusted = false;
  private readonly entries = new Map<string, CachedAnswer>();
  private bytes = 0;

  /** The generation an answer computed from now on belongs to; undefined: do not keep it. */
  current(): number | undefined {
    return this.trusted ? this.generation : undefined;
  }

  get(url: string): CachedAnswer | undefined {
    if (!this.trusted) return undefined;
    const entry = this.entries.get(url);
    if (!entry) return undefined;
    if (entry.day !== today()) {
      this.remove(url, entry);
      return undefined;
    }
    // Re-inserting moves it to the end of the Map's order: the most recently used.
    this.entries.delete(url);
    this.entries.set(url, entry);
    return entry;
  }

  set(url: string, answer: Omit<CachedAnswer, 'day'>): void {
    // A write committed while this answer was computed: it may hold the data from before.
    if (answer.generation !== this.current()) return;
    if (answer.body.length > MAX_ENTRY_BYTES) return;
    const previous = this.entries.get(url);
    if (previous) this.remove(url, previous);
    this.entries.set(url, { ...answer, day: today() });
    this.bytes += answer.body.length;
    for (const [oldUrl, oldest] of this.entries) {
      if (this.bytes <= MAX_BYTES) break;
      this.remove(oldUrl, oldest);
    }
  }

  /** The data changed: nothing computed before may be served again. */
  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
    this.bytes = 0;
  }

  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
    this.invalidate();
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private remove(url: string, entry: CachedAnswer): void {
    this.entries.delete(url);
    this.bytes -= entry.body.length;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    answerCache: AnswerCache;
  }
  interface FastifyRequest {
    /** The cache generation when this request started; its answer may be kept for it. */
    answerGeneration?: number | undefined;
    answeredFromCache?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The cache of public answers, kept correct two ways: a write this instance answered empties it
 * before the answer leaves (so the writer's next read is fresh), and the database's change
 * notifications empty it for writes made anywhere else (other instances, the CLIs, psql).
 */
export default fp(
  async (app) => {
    const cache = new AnswerCache();
    app.decorate('answerCache', cache);

    app.addHook('onSend', async (request, reply, payload) => {
      if (!SAFE_METHODS.has(request.method) && reply.statusCode < 400) cache.invalidate();
      return payload;
    });

    const listener = await app.database.listenForChanges({
      changed: () => cache.invalidate(),
      listening: (state) => {
        cache.setTrusted(state);
        app.log.info({ listening: state }, 'data change notifications');
      },
    });
    app.addHook('onClose', async () => listener.close());
  },
  { name: 'answer-cache', dependencies: ['database'] },
);

/**
 * onRequest hook of the public routes: a GET whose answer is cached gets it (or a 304) without
 * touching the database. The answer is written directly with the headers it first went out with
 * (security, CORS, ETag, caching): the reply's own send path and its onSend hooks, which made
 * those headers, would only make them again, and cost more than the rest of a cached answer.
 */
export async function serveCachedAnswer(request: FastifyRequest, reply: FastifyReply) {
  if (request.method !== 'GET') return;
  const cache = request.server.answerCache;
  request.answerGeneration = cache.current();
  const entry = cache.get(request.url);
  if (!entry) return;
  request.answeredFromCache = true;
  reply.hijack();
  if (ifNoneMatchIncludes(request.headers['if-none-match'], entry.etag)) {
    reply.raw.writeHead(304, entry.notModifiedHeaders as OutgoingHttpHeaders).end();
  } else {
    reply.raw.writeHead(200, entry.headers as OutgoingHttpHeaders).end(entry.body);
  }
  request.log.info(
    { res: { statusCode: reply.raw.statusCode }, cached: true },
    'request completed',
  );
}

/**
 * onSend hook of the public routes, after every header is set: keeps a complete 200 answer with
 * its headers (streamed answers such as the exports are not kept).
 */
export async function keepAnswer(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const generation = request.answerGeneration;
  if (
    request.method === 'GET' &&
    !request.answeredFromCache &&
    generation !== undefined &&
    reply.statusCode === 200 &&
    (typeof payload === 'string' || Buffer.isBuffer(payload))
  ) {
    const etag = reply.getHeader('etag');
    if (typeof etag === 'string') {
      // Its headers as publicCacheHook, which runs next, will complete them.
      markPublic(reply);
      const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
      request.server.answerCache.set(request.url, {
        body,
        etag,
        headers: { ...headersOf(reply, 'content-length'), 'content-length': body.length },
        notModifiedHeaders: headersOf(reply, 'content-length', 'content-type'),
        generation,
      });
    }
  }
  return payload;
}
