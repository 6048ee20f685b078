/**
 * The rules of the API's parameters as plain values: the server's zod schemas are built from them
 * and the web app checks an address against the same ones, so the two cannot drift apart.
 */

/** Database ids are positive 32-bit integers. */
export const MAX_ID = 2_147_483_647;

/** ISO 3166-1 alpha-2 country code (upper case; lower case is accepted in requests). */
export const COUNTRY_CODE_PATTERN = /^[A-Z]{2}$/;

/** A report slug such as `kz-2019-final`, or a report id (`12`): lower-case words and hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 100;

/** The most values one multi-valued query parameter may carry. */
export const MAX_LIST_VALUES = 50;

/** The years a `yearFrom` / `yearTo` filter may name. */
export const MIN_FILTER_YEAR = 1900;
export const MAX_FILTER_YEAR = 2100;

/** The longest full-text search (`q`), in characters. */
export const MAX_SEARCH_LENGTH = 200;

/** The most words a report search (`GET /api/v1/reports?q=`) may hold: each is a condition. */
export const MAX_REPORT_SEARCH_WORDS = 8;

/** The words of a report search, as the server matches them. */
export function searchWords(value: string): string[] {
  return value.split(/\s+/).filter((word) => word.length > 0);
}

/** The highest page number a paginated list accepts. */
export const MAX_PAGE = 1_000_000;

/** Whether text typed by a person is free of control characters (PostgreSQL text cannot hold NUL). */
export function hasNoControlCharacters(value: string): boolean {
  return [...value].every((char) => char.charCodeAt(0) >= 0x20 || '\t\n\r'.includes(char));
}

/**
 * A query parameter's values: repeated parameters and comma-separated values both count
 * (`status=a&status=b` or `status=a,b`), blanks left out.
 */
export function splitListValues(values: readonly string[]): string[] {
  return values
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}
