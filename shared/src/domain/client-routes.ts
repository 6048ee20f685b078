/**
 * The web app's pages, by route name, with their vue-router path patterns. The client's router is
 * built from these, and the server answers 404 (with the app's not-found page) for any page path
 * none of them matches, so the two cannot drift apart.
 *
 * Patterns use vue-router's syntax as far as needed here: `:name` is one path segment, and
 * `:name(regex)` one segment matching the regex (written as in a JS string: `\\d+`).
 */
export const CLIENT_ROUTE_PATHS = {
  home: '/',
  country: '/countries/:code([A-Za-z]{2})',
  recommendations: '/recommendations',
  recommendation: '/recommendations/:id(\\d+)',
  reports: '/reports',
  report: '/reports/:slug',
  reportSource: '/reports/:slug/source',
  about: '/about',
  releases: '/releases',
  signIn: '/sign-in',
  importReport: '/editor/import',
  upcomingElections: '/editor/elections',
  proposals: '/editor/proposals',
  reportSuggestions: '/reports/:slug/suggestions',
  users: '/admin/users',
  recentChanges: '/admin/changes',
} as const;

/** A path pattern as a regular expression over a decoded path without query or hash. */
function patternRegExp(pattern: string): RegExp {
  const source = pattern
    .split('/')
    .map((segment) => {
      const param = /^:\w+(?:\((.+)\))?$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return param[1] === undefined ? '[^/]+' : `(?:${param[1]})`;
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}

const CLIENT_ROUTE_REGEXPS = Object.entries(CLIENT_ROUTE_PATHS).map(
  ([name, pattern]) => [name as keyof typeof CLIENT_ROUTE_PATHS, patternRegExp(pattern)] as const,
);

/** The web app's page a path (without query string) is, by route name; undefined: none. */
export function clientRouteOf(path: string): keyof typeof CLIENT_ROUTE_PATHS | undefined {
  if (path.length > 2048) return undefined;
  return CLIENT_ROUTE_REGEXPS.find(([, pattern]) => pattern.test(path))?.[0];
}

/** Whether a path (without query string) is one of the web app's pages. */
export function isClientPath(path: string): boolean {
  return clientRouteOf(path) !== undefined;
}
