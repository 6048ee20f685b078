// The throughput ceiling: a bare Fastify route answering a fixed JSON body, no plugins, no
// logger, nothing behind it. Every endpoint of the real server is compared with it.
//   PORT=3999 node scripts/bench/bare-server.mjs
// With ANSWERS=<file> (a JSON array written by run-bench.mjs's `recordAnswer`), it also answers
// each recorded request with the recorded answer: the same status, headers and body bytes (still
// compressed, if they were), through one Fastify route and nothing else. That is issue #20's
// reference for a cached read: the bare Fastify route sending the same bytes.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const body = { status: 'ok', service: 'bench ceiling', items: [1, 2, 3] };
const app = Fastify({ logger: false });
app.get('/fixed', async () => body);

/** A recorded answer is found by its URL and the If-None-Match the request sent (or none). */
const keyOf = (url, ifNoneMatch) => `${url}\n${ifNoneMatch ?? ''}`;
const answers = new Map(
  (process.env.ANSWERS ? JSON.parse(readFileSync(process.env.ANSWERS, 'utf8')) : []).map((a) => [
    keyOf(a.url, a.ifNoneMatch),
    { ...a, body: Buffer.from(a.body, 'base64') },
  ]),
);
app.get('/*', (request, reply) => {
  const answer = answers.get(keyOf(request.url, request.headers['if-none-match']));
  if (!answer) return reply.code(404).send();
  reply.code(answer.status).headers(answer.headers);
  return reply.send(answer.status === 304 ? undefined : answer.body);
});

await app.listen({ port: Number(process.env.PORT ?? 3999), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
