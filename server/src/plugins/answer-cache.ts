import { createServer } from 'node:http';
import type {
  IncomingHttpHeaders,
  IncomingMessage,
  OutgoingHttpHeader,
  ServerResponse,
} from 'node:http';
import type {
  FastifyBaseLogger,
  FastifyReply,
  FastifyRequest,
  FastifyServerFactory,
} from 'fastify';
import fp from 'fastify-plugin';
import { DEFAULT_ANSWER_CACHE_MB } from '../config.js';
import { acceptsGzip, otherEncoding, variesByEncoding } from './compression.js';
import type { Headers, Representation } from './compression.js';
import { ifNoneMatchIncludes, markPublic } from './http-cache.js';

/** The headers a reply has so far, but those named. */
function headersOf(reply: FastifyReply, ...omit: string[]): Headers {
  const headers: Headers = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined && !omit.includes(name)) headers[name] = value;
  }
  return headers;
}

/** Headers as one flat list of names and values, the form `writeHead` takes with least work. */
type HeaderList = (string | number | string[])[];

/** One encoding of a kept answer, with the headers of its 200 and of its 304. */
interface CachedRepresentation extends Representation {
  etag: string;
  /** `headers`, as the 200 writes them. */
  okHeaders: HeaderList;
  /** The 200's headers but the content ones: a 304 has no content. */
  notModifiedHeaders: HeaderList;
}

const headerList = (headers: Headers): HeaderList => Object.entries(headers).flat();

/**
 * A public answer as it was sent: its body and every header it went out with, in the encoding
 * it was first sent in; the other encoding is made from it when first asked for.
 */
interface CachedAnswer {
  identity?: CachedRepresentation;
  gzip?: CachedRepresentation;
  /** Whether the answer has a gzip encoding at all (small and non-text answers have not). */
  compressible: boolean;
  generation: number;
  day: string;
  /** Read since the eviction scan last passed it: it gets a second chance (see `grow`). */
  read: boolean;
}

function cachedRepresentation(representation: Representation): CachedRepresentation {
  const {
    'content-length': _length,
    'content-type': _type,
    'content-encoding': _encoding,
    ...rest
  } = representation.headers;
  return {
    ...representation,
    etag: String(representation.headers.etag),
    okHeaders: headerList(representation.headers),
    notModifiedHeaders: headerList(rest),
  };
}

function bodyBytes(answer: Pick<CachedAnswer, 'identity' | 'gzip'>): number {
  return (answer.identity?.body.length ?? 0) + (answer.gzip?.body.length ?? 0);
}

/** The default bound, chosen so the cache cannot push the server past its memory budget. */
const DEFAULT_CACHE_BYTES = DEFAULT_ANSWER_CACHE_MB * 1024 * 1024;
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
 * as the years a recommendation has been open grow with the date. Bounded in bytes; answers not
 * read for longest leave first, as in the CLOCK approximation of least-recently-used: a hit only
 * marks its answer, where moving it to the end of the order on every hit cost about as much as
 * the rest of the look-up.
 */
export class AnswerCache {
  private generation = 0;
  /** False while changes made elsewhere could go unnoticed (the listener is reconnecting). */
  private trusted = false;
  private readonly entries = new Map<string, CachedAnswer>();
  private bytes = 0;

  /**
   * `maxBytes` 0: nothing is ever kept (the cache is off). `byHost`: answers name the address
   * the request came to (their links, as no PUBLIC_URL is set), so each is kept per Host.
   */
  constructor(
    private readonly maxBytes = DEFAULT_CACHE_BYTES,
    private readonly byHost = false,
  ) {}

  /**
   * The key an answer is kept under: its URL, and without a configured public address the
   * headers the site's address is read from (Host, X-Forwarded-Host and -Proto), so that an
   * answer made for one address is never replayed to another.
   */
  keyOf(url: string, headers: IncomingHttpHeaders): string {
    if (!this.byHost) return url;
    const forwarded = `${String(headers['x-forwarded-proto'] ?? '')} ${String(headers['x-forwarded-host'] ?? '')}`;
    return `${headers.host ?? ''} ${forwarded} ${url}`;
  }

  /** The generation an answer computed from now on belongs to; undefined: do not keep it. */
  current(): number | undefined {
    return this.trusted && this.maxBytes > 0 ? this.generation : undefined;
  }

  /**
   * The generation of the data, whether or not answers are kept (the cache may be off): every
   * change starts a new one. Figures derived from the data (a list's total) may be kept for it
   * and used while it lasts. Undefined while changes could go unnoticed: keep nothing.
   */
  dataGeneration(): number | undefined {
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
    entry.read = true;
    return entry;
  }

  set(url: string, answer: Omit<CachedAnswer, 'day' | 'read'>): void {
    // A write committed while this answer was computed: it may hold the data from before.
    if (answer.generation !== this.current()) return;
    if (bodyBytes(answer) > Math.min(MAX_ENTRY_BYTES, this.maxBytes)) return;
    const previous = this.entries.get(url);
    if (previous) this.remove(url, previous);
    this.entries.set(url, { ...answer, day: today(), read: false });
    this.grow(bodyBytes(answer));
  }

  /**
   * The answer in the encoding the client takes: the one it was kept in, or the other, made from
   * it once and kept with it.
   */
  representation(url: string, entry: CachedAnswer, gzip: boolean): CachedRepresentation {
    const wanted = gzip && entry.compressible ? 'gzip' : 'identity';
    const kept = entry[wanted];
    if (kept) return kept;
    const from = entry.identity ?? entry.gzip;
    if (!from) throw new Error('a cached answer without a body');
    const made = cachedRepresentation(otherEncoding(from));
    entry[wanted] = made;
    // Counted only if the entry is still held (it may have been evicted meanwhile).
    if (this.entries.get(url) === entry) this.grow(made.body.length);
    return made;
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
    this.bytes -= bodyBytes(entry);
  }

  /**
   * Counts bytes added, then, over the bound, evicts from the oldest kept: an answer read since
   * the scan last passed it is moved to the end unmarked instead (its second chance), so each is
   * visited at most twice.
   */
  private grow(bytes: number): void {
    this.bytes += bytes;
    for (const [oldUrl, oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      if (oldest.read) {
        oldest.read = false;
        this.entries.delete(oldUrl);
        this.entries.set(oldUrl, oldest);
      } else {
        this.remove(oldUrl, oldest);
      }
    }
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    answerCache: AnswerCache;
  }
  interface FastifyRequest {
    /** The cache generation when this request started; its answer may be kept for it. */
    answerGeneration?: number | undefined;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The cache of public answers, kept correct two ways: a write this instance answered empties it
 * before the answer leaves (so the writer's next read is fresh), and the database's change
 * notifications empty it for writes made anywhere else (other instances, the CLIs, psql).
 */
export default fp<{ maxBytes?: number | undefined; byHost?: boolean }>(
  async (app, { maxBytes, byHost }) => {
    const cache = new AnswerCache(maxBytes, byHost);
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
 * Answers a GET from the cache as the HTTP server receives it, before the framework sees it: a
 * hit is a Map look-up and one write, with the headers the answer first went out with (security,
 * CORS, ETag, caching, encoding), or a 304 when the client holds its tag. Routing, hooks and
 * serialisation would only make those headers again, and cost several times the rest of a hit.
 * Returns false when the request is for the framework: not a GET, or not cached.
 */
function answerFromCache(
  cache: AnswerCache,
  request: IncomingMessage,
  response: ServerResponse,
): boolean {
  if (request.method !== 'GET' || request.url === undefined) return false;
  if (wantsFreshAnswer(request)) return false;
  const key = cache.keyOf(request.url, request.headers);
  const entry = cache.get(key);
  if (!entry) return false;
  const answer = cache.representation(key, entry, acceptsGzip(request.headers['accept-encoding']));
  if (ifNoneMatchIncludes(request.headers['if-none-match'], answer.etag)) {
    response.writeHead(304, answer.notModifiedHeaders as OutgoingHttpHeader[]).end();
  } else {
    response.writeHead(200, answer.okHeaders as OutgoingHttpHeader[]).end(answer.body);
  }
  return true;
}

/**
 * A client that sends `Cache-Control: no-cache` (or `Pragma: no-cache`, or `max-age=0`) gets an
 * answer computed from the database, never a kept one: so it reads its own writes whichever
 * instance it reaches, without waiting for the change notification to empty that instance's cache.
 */
function wantsFreshAnswer(request: IncomingMessage): boolean {
  const cacheControl = request.headers['cache-control'];
  if (
    cacheControl !== undefined &&
    /(?:^|,)\s*(?:no-cache|no-store|max-age\s*=\s*0)\s*(?:,|$)/i.test(cacheControl)
  ) {
    return true;
  }
  const pragma = request.headers.pragma;
  return pragma !== undefined && /(?:^|,)\s*no-cache\s*(?:,|$)/i.test(pragma);
}

/** What the HTTP server needs to answer from the cache; set once the cache's plugin has loaded. */
export interface CacheFront {
  cache?: AnswerCache;
  log?: FastifyBaseLogger;
}

/**
 * The HTTP server of the app (Fastify's `serverFactory`): cached answers are written by
 * `answerFromCache`, every other request goes to Fastify. Configured as Fastify configures its
 * own server.
 */
export function serverAnsweringFromCache(front: CacheFront): FastifyServerFactory {
  return (handler, options) => {
    const server = createServer(options.http ?? {}, (request, response) => {
      if (!front.cache || !answerFromCache(front.cache, request, response)) {
        handler(request, response);
        return;
      }
      front.log?.info(
        {
          req: { method: request.method, url: request.url },
          res: { statusCode: response.statusCode },
          cached: true,
        },
        'request completed',
      );
    });
    // Fastify has filled in its defaults for these by now.
    const { keepAliveTimeout, requestTimeout, connectionTimeout, maxRequestsPerSocket } = options;
    if (typeof keepAliveTimeout === 'number') server.keepAliveTimeout = keepAliveTimeout;
    if (typeof requestTimeout === 'number') server.requestTimeout = requestTimeout;
    if (typeof connectionTimeout === 'number') server.setTimeout(connectionTimeout);
    if (typeof maxRequestsPerSocket === 'number' && maxRequestsPerSocket > 0) {
      server.maxRequestsPerSocket = maxRequestsPerSocket;
    }
    return server;
  };
}

/** onRequest hook of the public routes: notes the generation their answer may be kept for. */
export async function noteAnswerGeneration(request: FastifyRequest) {
  if (request.method === 'GET') request.answerGeneration = request.server.answerCache.current();
}

/**
 * onSend hook of the public routes, after every header is set (the encoding too): keeps a
 * complete 200 answer with its headers (streamed answers such as the exports are not kept).
 */
export async function keepAnswer(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const generation = request.answerGeneration;
  if (
    generation !== undefined &&
    reply.statusCode === 200 &&
    (typeof payload === 'string' || Buffer.isBuffer(payload))
  ) {
    const etag = reply.getHeader('etag');
    if (typeof etag === 'string') {
      // Its headers as publicCacheHook, which runs next, will complete them.
      markPublic(reply);
      const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
      const representation = cachedRepresentation({
        body,
        headers: { ...headersOf(reply, 'content-length'), 'content-length': body.length },
      });
      const gzipped = reply.getHeader('content-encoding') === 'gzip';
      const cache = request.server.answerCache;
      cache.set(cache.keyOf(request.url, request.headers), {
        [gzipped ? 'gzip' : 'identity']: representation,
        compressible: variesByEncoding(reply),
        generation,
      });
    }
  }
  return payload;
}
