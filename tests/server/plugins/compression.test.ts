import { get } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { App } from '@tracker/server';
import { acceptsGzip } from '../../../server/src/plugins/compression.js';
import { expectProblem, listenOnLoopback, useTestApp } from '../../helpers/app.js';

describe('Accept-Encoding', () => {
  it.each([
    ['gzip', true],
    ['gzip, deflate, br, zstd', true],
    ['GZip;q=0.5', true],
    ['x-gzip', true],
    ['*', true],
    ['br', false],
    ['identity', false],
    ['gzip;q=0', false],
    ['br, gzip; q=0.0', false],
    ['', false],
  ])('%j accepts gzip: %s', (header, accepted) => {
    expect(acceptsGzip(header)).toBe(accepted);
  });

  it('is absent: no gzip', () => {
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

describe('compressed answers', () => {
  let app: App;
  let port: number;

  useTestApp('seeded', async (opened) => {
    ({ app } = opened);
    ({ port } = await listenOnLoopback(app));
  });

  /** An answer's status, headers and raw bytes (supertest and fetch would decompress them). */
  const raw = async (path: string, encoding: string) => {
    return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>(
      (resolve, reject) => {
        get(
          { host: '127.0.0.1', port, path, headers: { 'accept-encoding': encoding } },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('error', reject);
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
                body: Buffer.concat(chunks),
              }),
            );
          },
        ).on('error', reject);
      },
    );
  };

  it('sends a page of the list gzip-compressed to a client that takes it, the same JSON', async () => {
    const path = '/api/v1/recommendations?pageSize=50';
    app.answerCache.invalidate();
    const plain = await raw(path, 'identity');
    const gzipped = await raw(path, 'gzip');
    expect([plain.status, gzipped.status]).toEqual([200, 200]);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 3);
    expect(Number(gzipped.headers['content-length'])).toBe(gzipped.body.length);
    for (const answer of [plain, gzipped]) expect(answer.headers.vary).toMatch(/accept-encoding/i);
  });

  it('leaves small answers and problems uncompressed', async () => {
    const small = await request(app.server)
      .get('/api/v1/countries')
      .set('accept-encoding', 'gzip')
      .expect(200);
    expect(JSON.stringify(small.body).length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.vary ?? '').not.toMatch(/accept-encoding/i);
    const problem = await request(app.server)
      .get('/api/v1/recommendations/999999999')
      .set('accept-encoding', 'gzip');
    expectProblem(problem, 404);
    expect(problem.headers['content-encoding']).toBeUndefined();
  });

  it('streams the CSV export as it is, uncompressed', async () => {
    const csv = await raw('/api/v1/recommendations/export.csv', 'gzip');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-encoding']).toBeUndefined();
    expect(csv.body.toString('utf8')).toMatch(/^\uFEFF"id",/);
  });
});
