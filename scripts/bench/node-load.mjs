// A closed-loop HTTP load generator on node:http with keep-alive agents, used when wrk is not
// installed. It shares the CPUs with the server it measures, so its figures are lower than
// wrk's; the results say which generator produced them.
import http from 'node:http';

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * `entries`: [{ path, headers, body? }] (a body makes it a POST); each of `connections` loops over them in turn for `durationSec`.
 * Resolves with the shape of wrk-paths.lua's summary (latencies in microseconds).
 */
export async function runNodeLoad({ baseUrl, entries, connections, durationSec }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(baseUrl);
  const latencies = [];
  const errors = { connect: 0, read: 0, write: 0, status: 0, timeout: 0 };
  let bytes = 0;
  let counter = 0;
  const started = performance.now();
  const deadline = started + durationSec * 1000;

  const once = (entry) =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const request = http.request(
        {
          method: entry.body === undefined ? 'GET' : 'POST',
          agent,
          hostname,
          port,
          path: entry.path,
          headers: entry.headers,
          timeout: 30_000,
        },
        (response) => {
          response.on('data', (chunk) => {
            bytes += chunk.length;
          });
          response.on('end', () => {
            if (response.statusCode >= 400) errors.status++;
            latencies.push((performance.now() - t0) * 1000);
            resolve();
          });
        },
      );
      request.end(entry.body);
      request.on('timeout', () => {
        errors.timeout++;
        request.destroy();
      });
      request.on('error', () => {
        errors.read++;
        resolve();
      });
    });

  const worker = async (offset) => {
    let i = offset;
    while (performance.now() < deadline) {
      await once(entries[i++ % entries.length]);
      counter++;
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, i) => worker(i * 7919)));
  agent.destroy();
  const durationUs = (performance.now() - started) * 1000;
  const sorted = Float64Array.from(latencies).sort();
  const mean = sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1);
  const stdev = Math.sqrt(sorted.reduce((a, b) => a + (b - mean) ** 2, 0) / (sorted.length || 1));
  return {
    requests: counter,
    durationUs,
    bytes,
    errors,
    latencyUs: {
      min: sorted[0] ?? 0,
      mean,
      stdev,
      max: sorted[sorted.length - 1] ?? 0,
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      p999: percentile(sorted, 99.9),
    },
  };
}
