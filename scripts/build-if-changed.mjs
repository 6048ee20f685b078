#!/usr/bin/env node
// `npm start` builds only when a build input changed since the last successful build.
//
// The inputs are every file of the four workspaces (shared, db, server, client) except their
// node_modules and build outputs, and the root files the build reads (package.json,
// package-lock.json, tsconfig.base.json). Their paths and contents are hashed (about 2 MB, a few
// tens of milliseconds); `prebuild` notes the hash and `postbuild` writes it to a stamp, so every
// successful `npm run build` (by `npm start`, `npm test` or by hand) leaves one. A start
// whose inputs hash to the stamp, with the build outputs present, skips the build. Content, not
// mtimes: a `git checkout` back and forth touches mtimes without changing what is built.
//
// Usage: node scripts/build-if-changed.mjs [--force]   (`--force` builds whatever the stamp says)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WORKSPACES = ['shared', 'db', 'server', 'client'];
export const ROOT_FILES = ['package.json', 'package-lock.json', 'tsconfig.base.json'];
/** Files the build writes: absent means a build is needed whatever the stamp says. */
export const OUTPUTS = ['server/dist/main.js', 'client/dist/index.html'];
/** Relative to the root: kept under node_modules, which git ignores and `npm ci` starts afresh. */
export const STAMP_FILE = join('node_modules', '.cache', 'tracker-build', 'stamp.json');

const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', '.vite', 'coverage']);
const SKIPPED_FILE = /\.tsbuildinfo$|^\.DS_Store$|~$|\.swp$/;
/** A bound on the walk: far above the few hundred files the workspaces hold. */
const MAX_FILES = 50_000;

/** The build inputs under `root`, as sorted paths relative to it with `/` separators. */
export function listInputs(root) {
  const files = [];
  const walk = (directory) => {
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return; // a workspace that is absent has no inputs
    }
    for (const entry of entries) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path);
      } else if (entry.isFile() && !SKIPPED_FILE.test(entry.name)) {
        if (files.length >= MAX_FILES) throw new Error(`more than ${MAX_FILES} build inputs`);
        files.push(relative(root, path).split(sep).join('/'));
      }
    }
  };
  for (const workspace of WORKSPACES) walk(join(root, workspace));
  for (const file of ROOT_FILES) if (existsSync(join(root, file))) files.push(file);
  return files.sort();
}

/** One hash of the inputs' paths and contents. */
export function hashInputs(root) {
  const hash = createHash('sha256');
  for (const file of listInputs(root)) {
    hash.update(file).update('\0');
    hash.update(
      createHash('sha256')
        .update(readFileSync(join(root, file)))
        .digest(),
    );
  }
  return hash.digest('hex');
}

/**
 * Whether `root` needs a build: `{ build, reason, hash }`. No build when the stamp records the
 * inputs' current hash and every output exists.
 */
export function decideBuild(root) {
  const hash = hashInputs(root);
  const missing = OUTPUTS.find((output) => !existsSync(join(root, output)));
  if (missing) return { build: true, reason: `${missing} is missing`, hash };
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, STAMP_FILE), 'utf8'));
  } catch {
    return { build: true, reason: 'no build stamp', hash };
  }
  if (stamp?.hash !== hash) return { build: true, reason: 'the sources changed', hash };
  return { build: false, reason: 'the sources are unchanged since the last build', hash };
}

/** Records a successful build of inputs hashing to `hash`. */
export function writeStamp(root, hash) {
  const file = join(root, STAMP_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ hash, builtAt: new Date().toISOString() })}\n`);
}

/** Forgets the last build: a build that fails half-way must not be trusted by the next start. */
export function removeStamp(root) {
  rmSync(join(root, STAMP_FILE), { force: true });
}

function main() {
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  const pending = join(root, `${STAMP_FILE}.pending`);
  if (process.argv.includes('--before-build')) {
    // `prebuild`: whatever runs `npm run build` (start, test, a person) records what it builds.
    // The hash is taken before building: a file edited during the build makes the next start
    // build again. A build that fails half-way leaves no stamp to trust.
    removeStamp(root);
    mkdirSync(dirname(pending), { recursive: true });
    writeFileSync(pending, hashInputs(root));
    return;
  }
  if (process.argv.includes('--after-build')) {
    // `postbuild`, run by npm only after a successful build.
    let hash;
    try {
      hash = readFileSync(pending, 'utf8');
    } catch {
      return;
    }
    writeStamp(root, hash);
    rmSync(pending, { force: true });
    return;
  }
  const decision = decideBuild(root);
  const force = process.argv.includes('--force');
  if (!decision.build && !force) {
    console.log(`build skipped: ${decision.reason}`);
    return;
  }
  console.log(`building: ${force ? '--force' : decision.reason}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exitCode = result.status ?? 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
