/**
 * Reading a report in a worker thread with a time limit, so that the server keeps answering other
 * requests while a long report is read, and a pathological one is stopped.
 *
 * The worker file is `parse-worker.js` next to this module in the build (server/dist). Under the
 * test runner the sources run as TypeScript (the "source" condition): then the worker loads tsx's
 * loader first and runs `parse-worker.ts`.
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReadResult } from './parse-report.js';
import type { PdfPageLines, PdfProblem, PdfText } from './pdf-text.js';

export type ParseJob = { kind: 'text'; text: string } | { kind: 'pdf'; data: Uint8Array };

export interface PdfOutcome extends PdfText {
  /** The PDF pages of each recommendation's first and last line, in the result's order. */
  recommendationPages: { pageStart: number | null; pageEnd: number | null }[];
  pages: PdfPageLines[];
}

export type ParseOutcome =
  | { ok: true; result: ReadResult; pdf: PdfOutcome | null }
  | { ok: false; reason: PdfProblem; message: string };

/** How long a report may take to read before the worker is stopped. */
export const PARSE_TIME_LIMIT_MS = 30_000;

export class ParseTimeoutError extends Error {
  constructor(readonly limitMs: number) {
    super(`Reading the report took longer than ${limitMs / 1000} s and was stopped`);
    this.name = 'ParseTimeoutError';
  }
}

const fromSource = import.meta.url.endsWith('.ts');

function startWorker(job: ParseJob): Worker {
  const options = { workerData: job, resourceLimits: { maxOldGenerationSizeMb: 512 } };
  if (!fromSource) return new Worker(new URL('./parse-worker.js', import.meta.url), options);
  // The package's ES module entry (require.resolve finds its CommonJS one).
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const worker = pathToFileURL(fileURLToPath(new URL('./parse-worker.ts', import.meta.url))).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(worker)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** Reports read at once; more wait their turn (the machine's cores are few and shared). */
const MAX_CONCURRENT_PARSES = 2;
let running = 0;
const waiting: (() => void)[] = [];

/**
 * Reads a report's text or PDF in a worker thread; rejects with ParseTimeoutError past the limit
 * (counted from the start of the read, not of the wait for a turn).
 */
export async function parseInWorker(
  job: ParseJob,
  timeLimitMs: number = PARSE_TIME_LIMIT_MS,
): Promise<ParseOutcome> {
  // A finished read hands its turn to the next waiting one directly.
  if (running >= MAX_CONCURRENT_PARSES) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await runWorker(job, timeLimitMs);
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function runWorker(job: ParseJob, timeLimitMs: number): Promise<ParseOutcome> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(job);
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => finish(() => reject(new ParseTimeoutError(timeLimitMs))),
      timeLimitMs,
    );
    worker.once('message', (outcome: ParseOutcome) => finish(() => resolve(outcome)));
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', (code) =>
      finish(() => reject(new Error(`The report reader stopped unexpectedly (exit code ${code})`))),
    );
  });
}
