/**
 * The worker thread that reads a report (see `parse-in-worker.ts`): a PDF's text extraction and the
 * list reader run here, off the server's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readReport } from './parse-report.js';
import { PdfReadError, extractPdfText, pageOfLine } from './pdf-text.js';
import type { ParseJob, ParseOutcome } from './parse-in-worker.js';

async function run(job: ParseJob): Promise<ParseOutcome> {
  if (job.kind === 'text') return { ok: true, result: readReport(job.text), pdf: null };
  try {
    const pdf = await extractPdfText(job.data);
    const result = readReport(pdf.text);
    return {
      ok: true,
      result,
      pdf: {
        text: pdf.text,
        pages: pdf.pages,
        furniture: pdf.furniture,
        recommendationPages: result.recommendations.map((recommendation) => ({
          pageStart: pageOfLine(pdf.pages, recommendation.lineStart),
          pageEnd: pageOfLine(pdf.pages, recommendation.lineEnd),
        })),
      },
    };
  } catch (error) {
    if (error instanceof PdfReadError) {
      return { ok: false, reason: error.reason, message: error.message };
    }
    throw error;
  }
}

const outcome = await run(workerData as ParseJob);
parentPort?.postMessage(outcome);
