import { isIP } from 'node:net';
import { z } from 'zod';
import { TOPIC_SLUGS } from '@tracker/shared';
import type { TopicSlug } from '@tracker/shared';

/** Defaults that also apply when the app is built without a configuration (tests, tools). */
export const DEFAULT_WRITES_PER_MINUTE = 600;
export const DEFAULT_ANSWER_CACHE_MB = 32;

/** A comma-separated list, its entries trimmed, the empty ones dropped; empty by default. */
const commaList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  );

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** PostgreSQL connection string; when unset, the embedded PGlite database in DATA_DIR is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** The longest one database statement may run, in ms; longer ones are cancelled (503). 0: no limit. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  /** The longest a whole request (headers and body) may take to arrive, in ms (0: no limit). */
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** The longest a request's headers may take to arrive, in ms; at most the request timeout. */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1).max(3_600_000).default(10_000),
  /** A connection with no traffic at all for this long is closed, in ms (0: never). */
  HTTP_SOCKET_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  /** How long an idle keep-alive connection is held open for the next request, in ms. */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1).max(3_600_000).default(5_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Writes (POST, PUT, PATCH, DELETE) each signed-in user, or each address when anonymous, may make per minute. */
  WRITE_RATE_LIMIT_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(DEFAULT_WRITES_PER_MINUTE),
  /** Memory for cached public answers, per instance, in MiB; 0 turns the cache off. */
  ANSWER_CACHE_MB: z.coerce.number().int().min(0).max(1024).default(DEFAULT_ANSWER_CACHE_MB),
  /** Minutes a session may go unused before it ends (besides its absolute limit of 12 hours). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(720).default(60),
  /**
   * The reverse proxies in front of the server, as a comma-separated list of addresses or CIDR
   * ranges (e.g. `127.0.0.1,10.0.0.0/8`): the client's address is then read from
   * X-Forwarded-For as far as these proxies set it. Empty (the default): no proxy is trusted.
   */
  TRUST_PROXY: commaList.refine(
    (entries) => entries.length <= 100 && entries.every(isProxyAddress),
    {
      message: 'must be a comma-separated list of IP addresses or CIDR ranges',
    },
  ),
  /**
   * The election-calendar alarm's window, in months before election day: the Venice Commission's
   * Code of Good Practice in Electoral Matters (II.2.b) advises that fundamental elements of
   * electoral law should not be open to amendment less than one year before an election.
   */
  LEGAL_CHANGE_WINDOW_MONTHS: z.coerce.number().int().min(0).max(120).default(12),
  /**
   * Topics (comma-separated slugs) whose recommendations need a change of law, besides
   * legal-framework, which always does: e.g. `candidate-registration,election-administration`.
   */
  LEGISLATIVE_TOPICS: commaList.refine(
    (entries): entries is TopicSlug[] =>
      entries.length <= 100 && entries.every((slug) => TOPIC_SLUGS.includes(slug as TopicSlug)),
    { message: `must be a comma-separated list of topic slugs (${TOPIC_SLUGS.join(', ')})` },
  ),
  /**
   * The site's public address (e.g. `https://tracker.example.org`), for the links in exports and
   * feeds; unset: the address each request came to.
   */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * Review before publishing: editors' assessments, lineage links and status-affecting
   * recommendation edits are kept as proposals until another editor or an admin approves them.
   */
  REVIEW_REQUIRED: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /** Load the seed data set into an empty database at start (set to false for an empty product). */
  SEED_ON_START: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
});

/** An IP address, or a CIDR range such as 10.0.0.0/8 or fd00::/8. */
function isProxyAddress(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return /^\d{1,3}$/.test(bits) && prefix <= (family === 4 ? 32 : 128);
}

export type Config = z.infer<typeof configSchema>;

/** Reads and validates the environment once, at boot; a bad value stops the start with a message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
