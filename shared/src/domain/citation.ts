import type { CLIENT_ROUTE_PATHS } from './client-routes.js';

/**
 * "Cite this": the one way a page of the web app and an answer of the API are cited. The web
 * app's Cite this block, the API's `Link: rel="cite-as"` header and `GET /api/v1/citation` all
 * build their permalink and citation here, so the three cannot disagree.
 */

/** The author and publisher of every citation, and of the data releases' CITATION.cff. */
export const CITATION_AUTHOR = 'ODIHR Recommendations Follow-up Tracker';

/** The web app's public pages: these show Cite this, and the citation endpoint accepts them. */
export const CITABLE_ROUTES = [
  'home',
  'country',
  'recommendations',
  'recommendation',
  'reports',
  'report',
  'reportSource',
  'about',
  'releases',
] as const satisfies readonly (keyof typeof CLIENT_ROUTE_PATHS)[];
export type CitableRoute = (typeof CITABLE_ROUTES)[number];

export function isCitableRoute(route: string | undefined): route is CitableRoute {
  return (CITABLE_ROUTES as readonly (string | undefined)[]).includes(route);
}

/** The data release a citation names: the latest one when it was made. */
export interface CitedRelease {
  number: string;
  /** ISO timestamp. */
  publishedAt: string;
}

/** A data release's archive, relative to the site's origin. */
export function releaseArchivePath(number: string): string {
  return `/api/v1/releases/${number}/archive.zip`;
}

type QueryValue = string | null | undefined | readonly (string | null | undefined)[];

/**
 * A stable address: the path, then its query parameters sorted by name (the values of a repeated
 * parameter in their given order), empty ones left out, and no fragment. Two addresses of the same
 * view (parameters in another order, an empty filter) give the same permalink.
 */
export function permalinkOf(
  origin: string,
  path: string,
  query: URLSearchParams | Record<string, QueryValue> = {},
): string {
  const pairs: [string, string][] = [];
  const entries: [string, QueryValue][] =
    query instanceof URLSearchParams ? [...query.entries()] : Object.entries(query);
  for (const [name, value] of entries) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (typeof one === 'string' && one.trim() !== '') pairs.push([name, one]);
    }
  }
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const search = new URLSearchParams(pairs).toString();
  return `${origin.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`;
}

export type CitationLanguage = 'en' | 'ru';

export interface CitationParts {
  /** What is cited: the page's title, or the API answer's description. */
  title: string;
  permalink: string;
  release: CitedRelease | null;
  /** The day it was read (ISO date or timestamp). */
  accessed: string;
}

const DATE_LOCALES: Record<CitationLanguage, string> = { en: 'en-GB', ru: 'ru-RU' };

function longDate(iso: string, language: CitationLanguage): string {
  return new Intl.DateTimeFormat(DATE_LOCALES[language], {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}

/**
 * The suggested citation, APA-like: author. (year of the release). title [Data set, release].
 * Retrieved <date>, from <permalink>. Without a release the year is "n.d." (no date).
 */
export function citationText(parts: CitationParts, language: CitationLanguage = 'en'): string {
  const { title, permalink, release } = parts;
  const accessed = longDate(parts.accessed, language);
  if (language === 'ru') {
    const year = release ? release.publishedAt.slice(0, 4) : 'б. д.';
    const data = `Набор данных${release ? `, выпуск ${release.number}` : ''}`;
    // "2 декабря 2026 г." ends with its own full stop.
    return `${CITATION_AUTHOR}. (${year}). ${title} [${data}]. Дата обращения: ${accessed.replace(/\.$/, '')}. URL: ${permalink}`;
  }
  const year = release ? release.publishedAt.slice(0, 4) : 'n.d.';
  const data = `Data set${release ? `, release ${release.number}` : ''}`;
  return `${CITATION_AUTHOR}. (${year}). ${title} [${data}]. Retrieved ${accessed}, from ${permalink}`;
}

/** BibTeX special characters, escaped for a braced field. */
function bibtexText(text: string): string {
  return text.replace(/[\\{}]/g, (character) => `\\${character}`).replace(/[%&$#_]/g, '\\$&');
}

/** The same citation as a BibTeX `@misc` entry (biblatex reads `urldate` too). */
export function citationBibtex(parts: CitationParts): string {
  const { title, permalink, release } = parts;
  const key = `odihr-tracker-${release ? release.number : 'nd'}`;
  const fields = [
    `  author = {{${CITATION_AUTHOR}}}`,
    `  title = {${bibtexText(title)}}`,
    ...(release ? [`  year = {${release.publishedAt.slice(0, 4)}}`] : []),
    ...(release ? [`  version = {${release.number}}`] : []),
    `  howpublished = {\\url{${permalink}}}`,
    `  url = {${permalink}}`,
    `  urldate = {${parts.accessed.slice(0, 10)}}`,
    `  note = {Data set${release ? `, release ${release.number}` : ''}}`,
  ];
  return `@misc{${key},\n${fields.join(',\n')}\n}\n`;
}

/** The same citation in the Citation File Format 1.2.0 (YAML; JSON strings are YAML scalars). */
export function citationCff(parts: CitationParts, archiveUrl: string | undefined): string {
  const { title, permalink, release } = parts;
  const lines = [
    'cff-version: 1.2.0',
    'message: "If you use this data, please cite it as below."',
    'type: dataset',
    `title: ${JSON.stringify(title)}`,
    'authors:',
    `  - name: ${JSON.stringify(CITATION_AUTHOR)}`,
    `url: ${JSON.stringify(permalink)}`,
  ];
  if (release) {
    lines.push(`version: ${JSON.stringify(release.number)}`);
    lines.push(`date-released: ${release.publishedAt.slice(0, 10)}`);
  }
  if (archiveUrl) lines.push(`repository-artifact: ${JSON.stringify(archiveUrl)}`);
  return `${lines.join('\n')}\n`;
}
