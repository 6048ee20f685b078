import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '@tracker/server';
import type { App } from '@tracker/server';
import { idSchema, problemSchema } from '@tracker/shared';
import { createToken, signInAs } from '../helpers/accounts.js';
import type { SignedIn } from '../helpers/accounts.js';
import { fakeClientDist, listenOnLoopback } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';
import { snapshot } from './database-snapshot.js';
import type { Snapshot } from './database-snapshot.js';
import { admittedTypes, resolver, routesOf, sampleValue } from './openapi-routes.js';
import type { JsonSchema, OpenApiDocument, Route } from './openapi-routes.js';

/**
 * Property-based: generated garbage thrown at every route of the OpenAPI document (so routes added
 * later are covered by themselves), anonymously and as a signed-in editor and admin, so that
 * validation is really reached behind the sign-in checks. Every answer must be a 4xx in the
 * problem shape (a read may also answer 200 when the garbage happens to be a valid filter), the
 * server must keep answering, and not one row of any table may change.
 */

/** Generated requests per kind; bounded so the file stays well under a minute per engine. */
const RUNS = { query: 300, path: 200, body: 300, headers: 120 };
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

type Caller = 'anonymous' | 'editor' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'editor', 'admin', 'admin'];

/** A valid id that no record has: a write aimed at it can never change anything. */
const ABSENT_ID = '2000000000';

/** Text that has broken parsers, escapers and query builders before. */
const NASTY = [
  "'",
  "''",
  '"',
  '`',
  "';--",
  "' OR '1'='1",
  '1; DROP TABLE recommendations; --',
  '%',
  '%%',
  '_',
  '\\',
  '\\\\',
  '$1',
  '$$',
  '?',
  ':name',
  '\u0000',
  'a\u0000b',
  '🇰🇿',
  'Қазақстан',
  '\u202Egnp.exe',
  'Ａ',
  'ǅ',
  'İ',
  '\u200B',
  '\r\n',
  '\t',
  ' ',
  '',
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '-0',
  '1.5',
  '1e3',
  '1e309',
  '0x10',
  '+1',
  ' 1',
  '9'.repeat(40),
  '2147483648',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '${7*7}',
  'a'.repeat(5000),
];

/** Already percent-encoded pieces that are not valid UTF-8 or not valid encodings at all. */
const RAW_ENCODED = [
  '%FF',
  '%FE%FF',
  '%C0%AF',
  '%ED%A0%80',
  '%00',
  '%ZZ',
  '%',
  '%2',
  '%u0041',
  '%25',
  '+',
  '%2F',
  '..',
  '%2e%2e',
];

/** Percent-encodes text as UTF-8 (lone surrogates become U+FFFD, as a browser would send them). */
function encode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`)
    .join('');
}

const garbageText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 201, maxLength: 3000 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...NASTY), fc.string({ maxLength: 10 }))
      .map(([a, b]) => a + b),
  },
);

/** A piece of URL: encoded garbage, or a raw broken encoding. */
const urlPiece: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: garbageText.map(encode) },
  { weight: 1, arbitrary: fc.constantFrom(...RAW_ENCODED) },
);

function decodesToValidId(piece: string): boolean {
  try {
    return idSchema.safeParse(decodeURIComponent(piece)).success;
  } catch {
    return false;
  }
}

/** Statuses by kind of input, and the number of requests: the figures the report prints. */
const tally: Record<string, Record<string, number>> = {};
function count(kind: string, status: number | string) {
  const row = (tally[kind] ??= { requests: 0 });
  row.requests = (row.requests ?? 0) + 1;
  row[String(status)] = (row[String(status)] ?? 0) + 1;
}

describe('garbage at every route', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let app: App;
  let baseUrl: string;
  let routes: Route[];
  let resolve: (schema: JsonSchema) => JsonSchema;
  let editor: SignedIn;
  let adminToken: string;
  let before: Snapshot;

  beforeAll(async () => {
    database = await createTestDatabase('seeded');
    // The write rate limit is not under test here and would hide validation behind 429s.
    app = await buildApp({ database, clientDist: fakeClientDist(), writesPerMinute: 1_000_000 });
    ({ baseUrl } = await listenOnLoopback(app));

    const document = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as OpenApiDocument;
    routes = routesOf(document);
    resolve = resolver(document);
    editor = await signInAs(app, database.db, 'editor');
    adminToken = await createToken(app, await signInAs(app, database.db, 'admin'));
    before = await snapshot(database.db);
  });
  afterAll(async () => {
    console.log(`bad input (seed ${SEED}): requests and answers by kind of input`);
    console.table(tally);
    await app?.close();
    await database?.destroy();
  });

  function credentials(caller: Caller): Record<string, string> {
    if (caller === 'editor') return { cookie: editor.cookie, 'x-csrf-token': editor.csrfToken };
    if (caller === 'admin') return { authorization: `Bearer ${adminToken}` };
    return {};
  }

  /** The route's path with every parameter a harmless value, or `pieces` where given. */
  function pathOf(route: Route, pieces: Record<string, string> = {}): string {
    return route.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
      if (pieces[name] !== undefined) return pieces[name];
      const parameter = route.parameters.find((p) => p.in === 'path' && p.name === name);
      const schema = parameter ? resolve(parameter.schema) : {};
      if (schema.type === 'integer') return ABSENT_ID;
      return schema.pattern === '^[A-Z]{2}$' ? 'ZZ' : 'no-such-record-fuzz';
    });
  }

  interface Attempt {
    kind: string;
    route: Route;
    url: string;
    caller: Caller;
    headers?: Record<string, string>;
    body?: string | Uint8Array;
  }

  /** Sends one request and checks the answer; throws (so fast-check shrinks) when it is wrong. */
  async function attempt({ kind, route, url, caller, headers = {}, body }: Attempt) {
    const response = await fetch(`${baseUrl}${url}`, {
      method: route.method,
      headers: { ...credentials(caller), ...headers },
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    count(kind, response.status);
    const label = `${route.method} ${url.slice(0, 300)} as ${caller}: ${response.status} ${text.slice(0, 300)}`;
    expect(response.status, label).toBeLessThan(500);
    if (response.status >= 400) {
      expect(response.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
      const problem = problemSchema.parse(JSON.parse(text));
      expect(problem.status, label).toBe(response.status);
    } else if (route.method !== 'GET') {
      // Garbage may be valid input to a route that only computes (reading a report's text),
      // never a change: whatever answered 2xx, every table must be as it was.
      expect(await snapshot(database.db), `wrote something: ${label}`).toEqual(before);
    }
  }

  const options = (numRuns: number) => ({ numRuns, seed: SEED, endOnFailure: true });

  /** A route of `among`, an input that `inputOf` makes for it, and who sends it. */
  const attempts = <Input>(among: Route[], inputOf: (route: Route) => fc.Arbitrary<Input>) =>
    fc
      .constantFrom(...among)
      .chain((route) => fc.tuple(fc.constant(route), inputOf(route), fc.constantFrom(...CALLERS)));

  it('finds the routes, reads and writes, in the OpenAPI document', () => {
    const methods = new Set(routes.map((route) => route.method));
    expect(routes.length).toBeGreaterThan(40);
    expect([...methods]).toEqual(expect.arrayContaining(['GET', 'POST', 'PATCH', 'DELETE']));
    expect(routes.filter((route) => route.body).length).toBeGreaterThan(10);
  });

  it('query strings: wrong values, repeated and unknown parameters, broken encodings', async () => {
    const withQuery = routes.filter((route) => route.parameters.some((p) => p.in === 'query'));
    const queryOf = (route: Route) => {
      const names = route.parameters.filter((p) => p.in === 'query').map((p) => p.name);
      const entry = fc.tuple(
        fc.oneof(
          { weight: 5, arbitrary: fc.constantFrom(...names) },
          { weight: 1, arbitrary: fc.constantFrom('unknown', '__proto__', `${names[0]}[]`) },
        ),
        fc.array(urlPiece, { minLength: 1, maxLength: 3 }),
      );
      return fc.oneof(
        {
          weight: 6,
          arbitrary: fc
            .array(entry, { minLength: 1, maxLength: 4 })
            .map((entries) =>
              entries
                .flatMap(([name, values]) => values.map((value) => `${encode(name)}=${value}`))
                .join('&'),
            ),
        },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom(...names)
            .map((name) => Array.from({ length: 60 }, (_, i) => `${name}=${i}`).join('&')),
        },
        { weight: 1, arbitrary: fc.constantFrom('&&&', '=', '==&=', '%', '&=%&', 'a=1=2') },
      );
    };
    await fc.assert(
      fc.asyncProperty(attempts(withQuery, queryOf), async ([route, query, caller]) =>
        attempt({ kind: 'query strings', route, url: `${pathOf(route)}?${query}`, caller }),
      ),
      options(RUNS.query),
    );
  });

  it('path ids: anything but a valid id, in every path parameter', async () => {
    const withPath = routes.filter((route) => route.parameters.some((p) => p.in === 'path'));
    const piecesOf = (route: Route) =>
      fc.record(
        Object.fromEntries(
          route.parameters
            .filter((p) => p.in === 'path')
            .map((parameter) => [
              parameter.name,
              resolve(parameter.schema).type === 'integer'
                ? urlPiece.filter((piece) => !decodesToValidId(piece) && piece.length > 0)
                : urlPiece.filter((piece) => piece.length > 0),
            ]),
        ),
      );
    await fc.assert(
      fc.asyncProperty(attempts(withPath, piecesOf), async ([route, pieces, caller]) =>
        attempt({ kind: 'path ids', route, url: pathOf(route, pieces), caller }),
      ),
      options(RUNS.path),
    );
  });

  /** A JSON value of a type the schema does not admit (undefined when it admits anything). */
  function wrongValue(schema: JsonSchema): fc.Arbitrary<unknown> | undefined {
    const admitted = admittedTypes(schema, resolve);
    if (!admitted) return undefined;
    const s = resolve(schema);
    const kinds: fc.Arbitrary<unknown>[] = [];
    if (!admitted.has('string')) kinds.push(garbageText, fc.constantFrom('1', 'true', 'null'));
    if (!admitted.has('integer') && !admitted.has('number'))
      kinds.push(fc.integer(), fc.constantFrom(0, -1, 1e308));
    if (admitted.has('integer') && !admitted.has('number')) {
      kinds.push(fc.constantFrom(0.5, -1.25, 1e21));
      if (s.maximum !== undefined) kinds.push(fc.constant(s.maximum + 1));
    }
    if (admitted.has('string') && s.maxLength !== undefined && s.maxLength < 100_000)
      kinds.push(fc.constant('x'.repeat(s.maxLength + 1)));
    if (!admitted.has('boolean')) kinds.push(fc.boolean());
    if (!admitted.has('null')) kinds.push(fc.constant(null));
    if (!admitted.has('array'))
      kinds.push(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }));
    if (!admitted.has('object'))
      kinds.push(fc.dictionary(garbageText, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }));
    return kinds.length > 0 ? fc.oneof(...kinds) : undefined;
  }

  it('JSON bodies of wrong types and shapes', async () => {
    const withBody = routes.filter((route) => route.body);
    const bodyOf = (route: Route): fc.Arbitrary<unknown> => {
      const schema = resolve(route.body!);
      const properties = Object.entries(schema.properties ?? {})
        .map(([name, property]) => [name, wrongValue(property)] as const)
        .filter((entry): entry is readonly [string, fc.Arbitrary<unknown>] => !!entry[1]);
      const base = sampleValue(schema, resolve)?.value as Record<string, unknown> | undefined;
      const variants: fc.Arbitrary<unknown>[] = [
        // Not an object at all.
        fc
          .jsonValue({ maxDepth: 3 })
          .filter((value) => typeof value !== 'object' || value === null || Array.isArray(value)),
      ];
      if (schema.additionalProperties === false) {
        // Only keys the schema does not know.
        variants.push(
          fc.dictionary(
            garbageText.filter((key) => !(key in (schema.properties ?? {}))),
            fc.jsonValue({ maxDepth: 2 }),
            { minKeys: 1, maxKeys: 4 },
          ),
        );
      }
      if (properties.length > 0) {
        // The right keys, each of a wrong type.
        variants.push(
          fc
            .subarray(properties, { minLength: 1 })
            .chain((chosen) =>
              fc.tuple(...chosen.map(([name, value]) => value.map((v) => [name, v] as const))),
            )
            .map((entries) => Object.fromEntries(entries)),
        );
        // A body that would be valid, but for one field.
        if (base) {
          variants.push(
            fc
              .constantFrom(...properties)
              .chain(([name, value]) => value.map((v) => ({ ...base, [name]: v }))),
          );
        }
      }
      return fc.oneof(...variants);
    };
    await fc.assert(
      fc.asyncProperty(attempts(withBody, bodyOf), async ([route, body, caller]) =>
        attempt({
          kind: 'JSON bodies',
          route,
          url: pathOf(route),
          caller,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      ),
      options(RUNS.body),
    );
  });

  it('bodies: too big, deeply nested, wrong content types, not UTF-8, NUL and lone surrogates', async () => {
    const withBody = routes.filter((route) => route.body);
    for (const route of withBody) {
      const schema = resolve(route.body!);
      const base = (sampleValue(schema, resolve)?.value ?? {}) as Record<string, unknown>;
      const stringField = Object.entries(schema.properties ?? {}).find(([, property]) =>
        admittedTypes(property, resolve)?.has('string'),
      )?.[0];
      // Valid but for one string field: what a parser or the database must refuse by itself.
      const withText = (text: string) =>
        JSON.stringify({ ...base, [stringField ?? 'unknown']: text });
      const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
      const notUtf8 = (() => {
        const [head, tail] = withText('MARK').split('MARK') as [string, string];
        return new Uint8Array(
          Buffer.concat([
            Buffer.from(head),
            Buffer.from([0xff, 0xfe, 0xc0, 0xaf]),
            Buffer.from(tail),
          ]),
        );
      })();
      const cases: { headers: Record<string, string>; body: string | Uint8Array }[] = [
        { headers: { 'content-type': 'application/json' }, body: withText('x'.repeat(1_100_000)) },
        {
          headers: { 'content-type': 'application/json' },
          body: '['.repeat(50_000) + ']'.repeat(50_000),
        },
        {
          headers: { 'content-type': 'application/json' },
          body: `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`,
        },
        { headers: { 'content-type': 'application/json' }, body: withText('\u0000') },
        { headers: { 'content-type': 'application/json' }, body: withText('before\u0000after') },
        { headers: { 'content-type': 'application/json' }, body: withText('\uD800') },
        { headers: { 'content-type': 'application/json' }, body: notUtf8 },
        { headers: { 'content-type': 'application/json' }, body: '' },
        { headers: { 'content-type': 'application/json' }, body: '{"__proto__": {"admin": true}}' },
        { headers: { 'content-type': 'application/json' }, body: '{"a": 1, "a": 2' },
        {
          headers: { 'content-type': 'application/json; charset=utf-16' },
          body: new Uint8Array(Buffer.from(withText('\uD800'), 'utf16le')),
        },
        { headers: { 'content-type': 'text/plain' }, body: withText('\uD800') },
        { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=%FF' },
        {
          headers: { 'content-type': 'multipart/form-data; boundary=x' },
          body: '--x\r\n\r\n--x--',
        },
        { headers: { 'content-type': 'application/xml' }, body: '<a/>' },
        { headers: { 'content-type': 'application/json-patch+json' }, body: '[]' },
        { headers: { 'content-type': 'application/json\u00e9' }, body: '{}' },
        { headers: {}, body: utf8(withText('\uD800')) },
      ];
      for (const caller of ['anonymous', 'editor', 'admin'] as const) {
        for (const { headers, body } of cases) {
          // The big ones are refused before anyone is asked who they are: one caller is enough.
          if (body.length > 100_000 && caller !== 'admin') continue;
          await attempt({
            kind: 'bodies: size, type, encoding',
            route,
            url: pathOf(route),
            caller,
            headers,
            body,
          });
        }
      }
    }
  });

  it('headers: wrong credentials, CSRF tokens, conditions, and oversized values', async () => {
    const headerGarbage = fc.oneof(
      garbageText.map((text) =>
        // Header values are Latin-1 without control characters: fetch refuses anything else.
        [...text].map((c) => (c < ' ' || c > '~' ? '?' : c)).join(''),
      ),
      fc.constantFrom('Bearer', 'Bearer ', 'Bearer x', `Bearer ${'a'.repeat(300)}`, 'Basic YTpi'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(
          fc.constantFrom(...routes.filter((route) => route.secured && route.method !== 'GET')),
          fc.constantFrom('authorization', 'x-csrf-token', 'cookie', 'if-match', 'x-request-id'),
          headerGarbage,
        ),
        async ([route, name, value]) => {
          // The editor's cookie with a garbage CSRF token; otherwise the garbage replaces a credential.
          const caller: Caller = name === 'x-csrf-token' ? 'editor' : 'anonymous';
          await attempt({
            kind: 'headers',
            route,
            url: pathOf(route),
            caller,
            headers: {
              [name]: value,
              ...(route.body ? { 'content-type': 'application/json' } : {}),
            },
            ...(route.body ? { body: '{}' } : {}),
          });
        },
      ),
      options(RUNS.headers),
    );
  });

  /** Sends raw bytes on a socket and returns the raw answer, for what no HTTP client would send. */
  function rawRequest(bytes: Buffer): Promise<string> {
    const { port } = new URL(baseUrl);
    return new Promise((resolvePromise, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
      socket.on('end', () => resolvePromise(answer));
      socket.on('close', () => resolvePromise(answer));
      socket.on('error', reject);
      socket.setTimeout(10_000, () => {
        socket.destroy();
        reject(new Error('no answer'));
      });
      socket.write(bytes, () => socket.end());
    });
  }

  it('raw HTTP: oversized headers and URLs, broken request lines, conflicting lengths', async () => {
    const head = (line: string, headers = '') =>
      Buffer.concat([
        Buffer.from(`${line}\r\nHost: localhost\r\n${headers}`, 'latin1'),
        Buffer.from('\r\n'),
      ]);
    const requests: Buffer[] = [
      head('GET /api/v1/recommendations HTTP/1.1', `X-Big: ${'a'.repeat(20_000)}\r\n`),
      head(`GET /api/v1/recommendations?q=${'a'.repeat(20_000)} HTTP/1.1`),
      head('GET /api/v1/recommendations/\u0000 HTTP/1.1'),
      Buffer.concat([
        Buffer.from('GET /api/v1/recommendations?q='),
        Buffer.from([0xff, 0xfe]),
        Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n'),
      ]),
      head('GET /api/v1/recommendations HTTP/9.9'),
      head('BREW /api/v1/recommendations HTTP/1.1'),
      head(
        'POST /api/v1/elections HTTP/1.1',
        'Content-Type: application/json\r\nContent-Length: abc\r\n',
      ),
      head(
        'POST /api/v1/elections HTTP/1.1',
        'Content-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n',
      ),
      Buffer.from(
        'POST /api/v1/elections HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
      ),
      head('GET /api/v1/recommendations HTTP/1.1', 'Bad Header Name: x\r\n'),
    ];
    for (const bytes of requests) {
      const answer = await rawRequest(bytes);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
      count('raw HTTP', Number.isNaN(status) ? 'no answer' : status);
      const label = `${bytes.toString('latin1').slice(0, 80)} -> ${answer.slice(0, 300)}`;
      expect(status, label).toBeGreaterThanOrEqual(400);
      expect(status, label).toBeLessThan(500);
      expect(answer, label).toMatch(/content-type: application\/problem\+json/i);
      const body = answer.slice(answer.indexOf('\r\n\r\n') + 4);
      expect(problemSchema.parse(JSON.parse(body)).status, label).toBe(status);
    }
  });

  it('wrote nothing, in any table, and still answers', async () => {
    expect(await snapshot(database.db)).toEqual(before);
    const health = await fetch(`${baseUrl}/api/health`);
    expect(health.status).toBe(200);
    const list = await fetch(`${baseUrl}/api/v1/recommendations?pageSize=1`);
    expect(list.status).toBe(200);
  });
});
