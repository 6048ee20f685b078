import { createHash } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { CITATION_AUTHOR, releaseArchivePath } from '@tracker/shared/domain';
import type { ReleaseField, ReleaseTable } from './release-tables.js';

type CellValue = string | number | boolean | null;
export type ReleaseRow = Record<string, CellValue>;

export interface ReleaseTableChanges {
  added: number;
  changed: number;
  removed: number;
}

export interface ReleaseMetadata {
  number: string;
  /** ISO date-time of publication (UTC). */
  publishedAt: string;
  notes: string;
  /** Origin of the site (`https://tracker.example.org`), for the URLs in the citation. */
  origin: string;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** RFC 4180: text fields quoted (inner quotes doubled), CRLF line ends, empty for null. */
function csvField(value: CellValue): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  return `"${value.replaceAll('"', '""')}"`;
}

function csvText(fields: readonly ReleaseField[], rows: readonly ReleaseRow[]): string {
  const lines = [fields.map((field) => csvField(field.name)).join(',')];
  for (const row of rows)
    lines.push(fields.map((field) => csvField(row[field.name] ?? null)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function jsonText(rows: readonly ReleaseRow[]): string {
  return rows.length === 0
    ? '[]\n'
    : `[\n${rows.map((row) => JSON.stringify(row)).join(',\n')}\n]\n`;
}

/** YAML double-quoted scalar (JSON string syntax is a subset of it). */
const yamlString = (text: string) => JSON.stringify(text);

function citationCff(meta: ReleaseMetadata): string {
  const lines = [
    'cff-version: 1.2.0',
    'message: "If you use this data set, please cite it as below."',
    'type: dataset',
    `title: ${yamlString(`${CITATION_AUTHOR}: data release ${meta.number}`)}`,
    `version: ${yamlString(meta.number)}`,
    `date-released: ${meta.publishedAt.slice(0, 10)}`,
    'authors:',
    `  - name: ${yamlString(CITATION_AUTHOR)}`,
    `url: ${yamlString(`${meta.origin}/releases`)}`,
    `repository-artifact: ${yamlString(`${meta.origin}${releaseArchivePath(meta.number)}`)}`,
    'license-url: "https://creativecommons.org/licenses/by/4.0/"',
  ];
  if (meta.notes.trim()) lines.push(`abstract: ${yamlString(meta.notes)}`);
  return `${lines.join('\n')}\n`;
}

function dataPackage(tables: readonly ReleaseTable[], meta: ReleaseMetadata) {
  const schema = (table: ReleaseTable) => ({
    fields: table.fields.map(({ name, type, description }) => ({ name, type, description })),
    primaryKey: ['id'],
    missingValues: [''],
  });
  return {
    profile: 'tabular-data-package',
    name: 'odihr-follow-up-tracker',
    title: `${CITATION_AUTHOR}: data release ${meta.number}`,
    version: meta.number,
    created: meta.publishedAt,
    description: meta.notes,
    homepage: `${meta.origin}/releases`,
    licenses: [
      {
        name: 'CC-BY-4.0',
        path: 'https://creativecommons.org/licenses/by/4.0/',
        title: 'Creative Commons Attribution 4.0 (quotes: verbatim from the cited public reports)',
      },
    ],
    resources: tables.flatMap((table) => [
      {
        name: table.name,
        title: table.title,
        profile: 'tabular-data-resource',
        path: `data/${table.name}.csv`,
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        dialect: {
          delimiter: ',',
          lineTerminator: '\r\n',
          quoteChar: '"',
          doubleQuote: true,
          header: true,
        },
        schema: schema(table),
      },
      {
        name: `${table.name}-json`,
        title: `${table.title} (JSON)`,
        profile: 'data-resource',
        path: `data/${table.name}.json`,
        format: 'json',
        mediatype: 'application/json',
        encoding: 'utf-8',
        schema: schema(table),
      },
    ]),
  };
}

/**
 * The release archive: one zip whose bytes depend only on the data and the metadata (entries in
 * name order, every entry dated to the release day at noon), with each table as CSV and JSON, a
 * Frictionless `datapackage.json`, a `CITATION.cff` and `SHA256SUMS` of every other file.
 */
export function buildReleaseArchive(
  tables: readonly ReleaseTable[],
  rows: ReadonlyMap<string, readonly ReleaseRow[]>,
  meta: ReleaseMetadata,
): Uint8Array {
  const files = new Map<string, string>();
  for (const table of tables) {
    const tableRows = rows.get(table.name) ?? [];
    files.set(`data/${table.name}.csv`, csvText(table.fields, tableRows));
    files.set(`data/${table.name}.json`, jsonText(tableRows));
  }
  files.set('datapackage.json', `${JSON.stringify(dataPackage(tables, meta), null, 2)}\n`);
  files.set('CITATION.cff', citationCff(meta));
  const names = [...files.keys()].sort();
  const bytes = new Map(names.map((name) => [name, strToU8(files.get(name)!)]));
  bytes.set(
    'SHA256SUMS',
    strToU8(names.map((name) => `${sha256(bytes.get(name)!)}  ${name}\n`).join('')),
  );
  // DOS dates carry no zone: built from UTC parts so the bytes do not depend on the server's zone.
  const day = new Date(`${meta.publishedAt.slice(0, 10)}T12:00:00Z`);
  const mtime = new Date(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 12);
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const name of [...bytes.keys()].sort()) entries[name] = [bytes.get(name)!, { mtime }];
  return zipSync(entries, { level: 9 });
}

export function archiveDigest(archive: Uint8Array): string {
  return sha256(archive);
}

/** The JSON rows of each table of an earlier archive, for the changes since it. */
function tablesOf(archive: Uint8Array, names: readonly string[]): Map<string, ReleaseRow[]> {
  const wanted = new Set(names.map((name) => `data/${name}.json`));
  const files = unzipSync(archive, { filter: (file) => wanted.has(file.name) });
  return new Map(
    names.map((name) => {
      const file = files[`data/${name}.json`];
      return [name, file ? (JSON.parse(strFromU8(file)) as ReleaseRow[]) : []];
    }),
  );
}

/** Records added, changed and removed per table, by id, against the previous archive. */
export function changesSince(
  previous: Uint8Array | undefined,
  rows: ReadonlyMap<string, readonly ReleaseRow[]>,
): Record<string, ReleaseTableChanges> {
  const names = [...rows.keys()];
  const before = previous ? tablesOf(previous, names) : new Map<string, ReleaseRow[]>();
  const changes: Record<string, ReleaseTableChanges> = {};
  for (const name of names) {
    const old = new Map((before.get(name) ?? []).map((row) => [row.id, JSON.stringify(row)]));
    let added = 0;
    let changed = 0;
    for (const row of rows.get(name) ?? []) {
      const was = old.get(row.id);
      if (was === undefined) added += 1;
      else if (was !== JSON.stringify(row)) changed += 1;
      old.delete(row.id);
    }
    changes[name] = { added, changed, removed: old.size };
  }
  return changes;
}
