// The throughput ceiling: a bare Fastify route answering a fixed JSON body, no plugins, no
// logger, nothing behind it. Every endpoint of the real server is compared with it.
//   PORT=3999 node scripts/bench/bare-server.mjs
import Fastify from 'fastify';

const body = { status: 'ok', service: 'bench ceiling', items: [1, 2, 3] };
const app = Fastify({ logger: false });
app.get('/fixed', async () => body);
await app.listen({ port: Number(process.env.PORT ?? 3999), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
