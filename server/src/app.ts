import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import type { FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DatabaseHandle } from '@tracker/db';
import answerCachePlugin, { serverAnsweringFromCache } from './plugins/answer-cache.js';
import type { CacheFront } from './plugins/answer-cache.js';
import type { ElectionAlarmSettings } from './repositories/election-alarms-repository.js';
import authPlugin from './plugins/auth.js';
import compressionPlugin from './plugins/compression.js';
import corsPlugin from './plugins/cors.js';
import databasePlugin from './plugins/database.js';
import httpCachePlugin from './plugins/http-cache.js';
import latestReleasePlugin from './plugins/latest-release.js';
import malformedRequestsPlugin, {
  problemClientErrorHandler,
  problemFrameworkError,
} from './plugins/malformed-requests.js';
import openapiPlugin from './plugins/openapi.js';
import problemsPlugin from './plugins/problems.js';
import repositoriesPlugin from './plugins/repositories.js';
import securityHeadersPlugin from './plugins/security-headers.js';
import webAppPlugin from './plugins/web-app.js';
import writeGuardPlugin from './plugins/write-guard.js';
import writeRateLimitPlugin from './plugins/write-rate-limit.js';
import healthRoutes from './routes/api/health.js';
import apiV1 from './routes/api/v1/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The site's configured public address without a trailing slash, if one is set. */
    publicUrl: string | undefined;
    /** Whether editors' writes of reviewed kinds become proposals (REVIEW_REQUIRED). */
    reviewRequired: boolean;
  }
}

export interface AppOptions {
  database: DatabaseHandle;
  /** Fastify's logger option: false in tests, a pino configuration in production. */
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built web app; defaults to client/dist of this checkout. */
  clientDist?: string;
  /** Session cookies only over HTTPS; on in production. */
  secureCookies?: boolean;
  /** Writes per minute per user (or anonymous address); WRITE_RATE_LIMIT_PER_MINUTE. */
  writesPerMinute?: number;
  /** Memory for cached public answers (ANSWER_CACHE_MB); 0 turns the cache off. Default 32 MiB. */
  answerCacheBytes?: number;
  /** HTTP server timeouts; each defaults to the DEFAULT_HTTP_TIMEOUTS entry (see config.ts). */
  httpTimeouts?: Partial<HttpTimeouts>;
  /** Reverse proxies whose X-Forwarded-For is believed (TRUST_PROXY); none by default. */
  trustProxy?: string[];
  /** The site's public address (PUBLIC_URL) for links in exports and feeds; else the request's. */
  publicUrl?: string | undefined;
  /** A session unused for this long ends (SESSION_IDLE_MINUTES); default one hour. */
  sessionIdleSeconds?: number;
  /**
   * The election-calendar alarm: the window before an election in which the law should not
   * change (LEGAL_CHANGE_WINDOW_MONTHS, default 12) and the topics besides legal framework whose
   * recommendations need a change of law (LEGISLATIVE_TOPICS, default none).
   */
  electionAlarm?: ElectionAlarmSettings;
  /**
   * Review before publishing (REVIEW_REQUIRED, default off): an editor's assessment, lineage link
   * or status-affecting recommendation edit is kept as a proposal until someone else approves it.
   */
  reviewRequired?: boolean;
}

/** Milliseconds; 0 turns a timeout off (not allowed for headers). */
interface HttpTimeouts {
  /** The whole request, headers and body, must arrive within this (HTTP_REQUEST_TIMEOUT_MS). */
  requestMs: number;
  /** The headers must arrive within this; at most requestMs (HTTP_HEADERS_TIMEOUT_MS). */
  headersMs: number;
  /** A connection silent for this long is closed (HTTP_SOCKET_TIMEOUT_MS). */
  socketMs: number;
  /** An idle keep-alive connection is kept this long (HTTP_KEEP_ALIVE_TIMEOUT_MS). */
  keepAliveMs: number;
}

const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  requestMs: 30_000,
  headersMs: 10_000,
  socketMs: 60_000,
  keepAliveMs: 5_000,
};

export const DEFAULT_CLIENT_DIST = fileURLToPath(new URL('../../client/dist', import.meta.url));

/**
 * Builds the application without listening, so tests can inject requests into it. Plugins load in
 * a fixed order: external ones (documentation), then ours (errors, database), then routes.
 */
export async function buildApp(options: AppOptions) {
  const front: CacheFront = {};
  const timeouts = { ...DEFAULT_HTTP_TIMEOUTS, ...options.httpTimeouts };
  // Node refuses a headers timeout longer than the request timeout.
  const headersMs =
    timeouts.requestMs > 0 ? Math.min(timeouts.headersMs, timeouts.requestMs) : timeouts.headersMs;
  const app = Fastify({
    // A slow client (headers or body dribbled in) is cut off and answered 408; Node checks the
    // open requests against these every connectionsCheckingInterval, so that is kept well below.
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.socketMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    http: {
      headersTimeout: headersMs,
      connectionsCheckingInterval: Math.max(
        50,
        Math.min(1_000, Math.floor(Math.min(headersMs, timeouts.requestMs || headersMs) / 4)),
      ),
    },
    logger: options.logger ?? false,
    bodyLimit: 1_048_576,
    // Requests are logged with an id that is also returned, so a user's report can be traced.
    requestIdHeader: 'x-request-id',
    // Behind a reverse proxy, the client's address (sign-in throttling, rate limits) is the one
    // the trusted proxies forwarded; anyone else's X-Forwarded-For is ignored.
    trustProxy: options.trustProxy && options.trustProxy.length > 0 ? options.trustProxy : false,
    // Requests too malformed to reach a route (header overflow, broken request line) get a problem too.
    clientErrorHandler: problemClientErrorHandler,
    frameworkErrors: problemFrameworkError,
    serverFactory: serverAnsweringFromCache(front),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorate('publicUrl', options.publicUrl?.replace(/\/+$/, ''));
  app.decorate('reviewRequired', options.reviewRequired ?? false);
  await app.register(securityHeadersPlugin);
  await app.register(openapiPlugin);
  await app.register(corsPlugin);
  await app.register(httpCachePlugin);
  await app.register(problemsPlugin);
  await app.register(malformedRequestsPlugin);
  await app.register(databasePlugin, { database: options.database });
  await app.register(answerCachePlugin, {
    maxBytes: options.answerCacheBytes,
    // Without PUBLIC_URL, links in answers (citations, feeds) name the address asked for.
    byHost: app.publicUrl === undefined,
  });
  Object.assign(front, { cache: app.answerCache, log: app.log });
  // After the entity tags (http-cache) are computed on the uncompressed answer.
  await app.register(compressionPlugin);
  await app.register(repositoriesPlugin, { electionAlarm: options.electionAlarm });
  await app.register(latestReleasePlugin);
  await app.register(authPlugin, {
    secureCookies: options.secureCookies ?? false,
    sessionIdleSeconds: options.sessionIdleSeconds,
  });
  await app.register(writeGuardPlugin);
  await app.register(writeRateLimitPlugin, { writesPerMinute: options.writesPerMinute });

  await app.register(healthRoutes);
  await app.register(apiV1);

  await app.register(webAppPlugin, { root: options.clientDist ?? DEFAULT_CLIENT_DIST });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
