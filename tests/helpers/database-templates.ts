import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { migrateDatabase, openDatabase, seedIfEmpty } from '@tracker/db';

export type TemplateKind = 'empty' | 'migrated' | 'seeded';

export type TemplatesDescriptor =
  | {
      engine: 'postgres';
      adminUrl: string;
      databases: Record<Exclude<TemplateKind, 'empty'>, string>;
    }
  | { engine: 'pglite'; dumps: Record<Exclude<TemplateKind, 'empty'>, string> };

/** A database URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function prepareTemplates(): Promise<{
  descriptor: TemplatesDescriptor;
  dispose: () => Promise<void>;
}> {
  const adminUrl = process.env.DATABASE_URL;
  return adminUrl ? preparePostgres(adminUrl) : preparePglite();
}

async function preparePostgres(adminUrl: string) {
  const run = `${process.pid}_${Date.now().toString(36)}`;
  const names = { migrated: `tpl_migrated_${run}`, seeded: `tpl_seeded_${run}` };
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  for (const [kind, name] of Object.entries(names)) {
    await admin.query(`create database "${name}"`);
    const handle = await openDatabase({ url: withDatabase(adminUrl, name), poolSize: 1 });
    await migrateDatabase(handle);
    if (kind === 'seeded') await seedIfEmpty(handle.db);
    await handle.close();
  }
  await admin.end();
  return {
    descriptor: { engine: 'postgres' as const, adminUrl, databases: names },
    dispose: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      for (const name of Object.values(names)) {
        await client.query(`drop database if exists "${name}" with (force)`);
      }
      await client.end();
    },
  };
}

async function preparePglite() {
  const folder = mkdtempSync(join(tmpdir(), 'tracker-test-templates-'));
  const dumps = { migrated: join(folder, 'migrated.tar'), seeded: join(folder, 'seeded.tar') };
  const handle = await openDatabase({});
  await migrateDatabase(handle);
  const client = (handle.db as unknown as { $client: PGlite }).$client;
  writeFileSync(
    dumps.migrated,
    Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()),
  );
  await seedIfEmpty(handle.db);
  writeFileSync(dumps.seeded, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
  await handle.close();
  return {
    descriptor: { engine: 'pglite' as const, dumps },
    dispose: async () => rmSync(folder, { recursive: true, force: true }),
  };
}
