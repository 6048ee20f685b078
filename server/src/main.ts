import { resolve } from 'node:path';
import { migrateDatabase, openDatabase, seedIfEmpty } from '@tracker/db';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';

/** How long a shutdown may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

const config = loadConfig();
const dataDir = resolve(config.DATA_DIR);
const database = await openDatabase({
  url: config.DATABASE_URL,
  dataDir,
  poolSize: config.DATABASE_POOL_SIZE,
  statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
});
const app = await buildApp({
  database,
  secureCookies: config.NODE_ENV === 'production',
  writesPerMinute: config.WRITE_RATE_LIMIT_PER_MINUTE,
  answerCacheBytes: config.ANSWER_CACHE_MB * 1024 * 1024,
  httpTimeouts: {
    requestMs: config.HTTP_REQUEST_TIMEOUT_MS,
    headersMs: config.HTTP_HEADERS_TIMEOUT_MS,
    socketMs: config.HTTP_SOCKET_TIMEOUT_MS,
    keepAliveMs: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
  },
  trustProxy: config.TRUST_PROXY,
  publicUrl: config.PUBLIC_URL,
  sessionIdleSeconds: config.SESSION_IDLE_MINUTES * 60,
  reviewRequired: config.REVIEW_REQUIRED,
  electionAlarm: {
    windowMonths: config.LEGAL_CHANGE_WINDOW_MONTHS,
    legislativeTopics: config.LEGISLATIVE_TOPICS,
  },
  logger: {
    level: config.LOG_LEVEL,
    // Credentials never reach the logs.
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
  },
});

try {
  await migrateDatabase(database);
  if (config.SEED_ON_START) {
    const seed = await seedIfEmpty(database.db);
    app.log.info(seed, seed.seeded ? 'seed data loaded' : 'database already has data');
  }
  await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info(
    { engine: database.engine, ...(database.engine === 'pglite' ? { dataDir } : {}) },
    'database ready',
  );
} catch (error) {
  app.log.fatal({ err: error }, 'start failed');
  await database.close().catch(() => {});
  process.exit(1);
}

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down');
  const timer = setTimeout(() => {
    app.log.error('shutdown timed out; exiting');
    process.exit(1);
  }, SHUTDOWN_GRACE_MS);
  timer.unref();
  try {
    // Stop taking requests and let the open ones finish, then close the database, so PGlite
    // writes its data directory out completely.
    await app.close();
    await database.close();
    process.exit(0);
  } catch (error) {
    app.log.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGTERM', (signal) => void shutdown(signal));
process.on('SIGINT', (signal) => void shutdown(signal));
