import { resolve } from 'node:path';
import { openDatabase } from '@tracker/db';
import type { DatabaseHandle } from '@tracker/db';
import { loadConfig } from '../config.js';

/** The database the server would use, chosen by the same environment variables. */
export async function openConfiguredDatabase(): Promise<DatabaseHandle> {
  const config = loadConfig();
  return openDatabase({
    url: config.DATABASE_URL,
    dataDir: resolve(config.DATA_DIR),
    poolSize: 2,
  });
}

/** Runs a command-line task, printing a failure's message and exiting non-zero on it. */
export async function runTask(task: () => Promise<void>): Promise<void> {
  try {
    await task();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
