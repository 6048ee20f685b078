import { connect } from 'node:net';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { App } from '@tracker/server';
import { asUser, signInAs } from '../../helpers/accounts.js';
import type { SignedIn } from '../../helpers/accounts.js';
import { expectProblem, listenOnLoopback, useTestApp } from '../../helpers/app.js';
import type { TestDatabase } from '../../helpers/database.js';

/**
 * Sends only the head of a request announcing a large body, and waits for the answer without
 * sending any of the body: a server that reads the body before checking who is asking never answers.
 */
function headOnly(port: number, head: string, waitMs: number) {
  return new Promise<{ answer: string; ms: number; closed: boolean }>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const started = performance.now();
    let answer = '';
    let closed = false;
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ answer, ms: performance.now() - started, closed });
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('data', (data) => (answer += data.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => {
      closed = true;
      finish();
    });
    socket.on('connect', () => socket.write(head));
  });
}

describe('who is asking, before the body is read', () => {
  let database: TestDatabase;
  let app: App;
  let port: number;
  let editor: SignedIn;

  useTestApp('seeded', async (opened) => {
    ({ database, app } = opened);
    ({ port } = await listenOnLoopback(app));
    editor = await signInAs(app, database.db, 'editor');
  });

  const bigHead = (path: string, extra = '') =>
    `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n${extra}` +
    `Content-Length: ${12 * 1024 * 1024}\r\n\r\n`;

  it('answers an anonymous 12 MiB import with 401 before any of its body is sent, and closes', async () => {
    for (const path of ['/api/v1/imports', '/api/v1/imports/parse']) {
      const result = await headOnly(port, bigHead(path), 5_000);
      console.log(`anonymous 12 MiB POST ${path}: answered after ${result.ms.toFixed(0)} ms`);
      expect(result.answer, path).toMatch(/^HTTP\/1\.1 401 /);
      expect(result.answer.toLowerCase(), path).toContain('connection: close');
      expect(result.closed, path).toBe(true);
    }
  });

  it('answers a forged write (wrong token, cookie without CSRF token) before its body', async () => {
    const wrongToken = await headOnly(
      port,
      bigHead('/api/v1/imports', 'Authorization: Bearer not-a-real-token-at-all\r\n'),
      5_000,
    );
    expect(wrongToken.answer).toMatch(/^HTTP\/1\.1 401 /);
    const noCsrf = await headOnly(
      port,
      bigHead('/api/v1/elections', `Cookie: ${editor.cookie}\r\n`),
      5_000,
    );
    expect(noCsrf.answer).toMatch(/^HTTP\/1\.1 403 /);
  });

  it('tells an anonymous DELETE with a JSON content type and no body to sign in (401, not 400)', async () => {
    const response = await request(app.server)
      .delete('/api/v1/elections/1?version=1')
      .set('content-type', 'application/json');
    expectProblem(response, 401);
  });

  it('still lets anyone sign in, and a signed-in editor write', async () => {
    const wrong = await request(app.server)
      .post('/api/v1/auth/sign-in')
      .send({ email: 'nobody@example.org', password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    const created = await asUser(editor, request(app.server).post('/api/v1/auth/tokens')).send({
      name: 'guarded',
    });
    expect(created.status).toBe(201);
  });

  it('keeps the 1 MiB limit of a JSON write for a signed-in editor (413)', async () => {
    const response = await asUser(editor, request(app.server).post('/api/v1/auth/tokens'))
      .set('content-type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(1_100_000) }));
    expectProblem(response, 413);
  });
});
