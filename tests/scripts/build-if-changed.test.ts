// `npm start` builds only when a build input changed: the decision, on a folder of its own (no
// real build is run).
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  OUTPUTS,
  decideBuild,
  listInputs,
  removeStamp,
  writeStamp,
} from '../../scripts/build-if-changed.mjs';

let root: string;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** What a successful build leaves: its outputs and the stamp of the inputs it built. */
function build(): void {
  for (const output of OUTPUTS) write(output, 'built');
  writeStamp(root, decideBuild(root).hash);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'build-if-changed-'));
  write('package.json', '{}');
  write('package-lock.json', '{}');
  write('tsconfig.base.json', '{}');
  write('shared/src/index.ts', 'export const a = 1;');
  write('db/migrations/0000_init.sql', 'create table t ();');
  write('server/src/main.ts', 'console.log(1);');
  write('client/src/App.vue', '<template><p>hi</p></template>');
  write('client/vite.config.ts', 'export default {};');
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('build-if-changed', () => {
  it('builds when there is no stamp, and skips when nothing changed since the build', () => {
    expect(decideBuild(root).build).toBe(true);
    for (const output of OUTPUTS) write(output, 'built');
    expect(decideBuild(root)).toMatchObject({ build: true, reason: 'no build stamp' });
    build();
    expect(decideBuild(root)).toMatchObject({ build: false });
  });

  it.each([
    'shared/src/index.ts',
    'db/migrations/0000_init.sql',
    'server/src/main.ts',
    'client/src/App.vue',
    'client/vite.config.ts',
    'package-lock.json',
  ])('builds again after %s changes', (file) => {
    build();
    write(file, 'changed');
    expect(decideBuild(root)).toMatchObject({ build: true, reason: 'the sources changed' });
  });

  it('builds again when a source file is added or removed', () => {
    build();
    write('server/src/routes/new.ts', 'export {};');
    expect(decideBuild(root).build).toBe(true);
    build();
    rmSync(join(root, 'server/src/routes/new.ts'));
    expect(decideBuild(root).build).toBe(true);
  });

  it('builds again when an output is missing, whatever the stamp says', () => {
    build();
    rmSync(join(root, 'client/dist'), { recursive: true });
    expect(decideBuild(root)).toMatchObject({
      build: true,
      reason: 'client/dist/index.html is missing',
    });
  });

  it('builds again after the stamp is removed (a failed build)', () => {
    build();
    removeStamp(root);
    expect(decideBuild(root).build).toBe(true);
  });

  it('ignores build outputs, dependencies and a touch that changes no content', () => {
    build();
    write('server/dist/extra.js', 'x');
    write('client/node_modules/pkg/index.js', 'x');
    write('server/tsconfig.tsbuildinfo', 'x');
    write('package.json', '{}');
    const past = new Date(2001, 0, 1);
    utimesSync(join(root, 'server/src/main.ts'), past, past);
    expect(decideBuild(root)).toMatchObject({ build: false });
    expect(listInputs(root)).not.toContain('server/dist/extra.js');
    expect(listInputs(root)).toContain('server/src/main.ts');
  });
});
