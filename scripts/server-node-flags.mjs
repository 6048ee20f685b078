// The V8 flags the server runs with, read from `npm start` (package.json) so that the measuring
// scripts start the server as users do. The Dockerfile's CMD repeats them (it cannot read this).
import { readFileSync } from 'node:fs';

const start = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts
  .start;

/** `npm start`'s node flags, e.g. `['--max-semi-space-size=4', '--max-old-space-size=1536']`. */
export const SERVER_NODE_FLAGS = start.match(/--max-(?:semi|old)-space-size=\d+/g) ?? [];
