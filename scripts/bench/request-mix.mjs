// The requests of the benchmark's varied ("uncached") scenarios: URLs built from a fixed seed,
// so every run, and every data size, sends the same mix.
import { TOPICS } from '@tracker/shared';
import { createRandom } from './prng.mjs';

export const STATUSES = [
  'fully_implemented',
  'mostly_implemented',
  'partially_implemented',
  'not_implemented',
  'no_longer_applicable',
  'not_assessed',
];
export const TOPIC_SLUGS = TOPICS.map((topic) => topic.slug);

/** What users search for: specific words and phrases of the domain, some in web-search syntax. */
export const SEARCH_TERMS = [
  'defamation',
  'polling station',
  'voter lists',
  'campaign finance',
  'journalists',
  'observers',
  'women',
  'complaints',
  'recount',
  'mobile ballot box',
  'disabilities',
  'minority languages',
  'deregistration',
  'signatures',
  'administrative resources',
  'threshold',
  'prison',
  'residency requirement',
  'accreditation',
  'tabulation',
  'protocols',
  'Venice Commission',
  'gender quota',
  'internet voting',
  'peaceful assembly',
  'public broadcaster',
  'donations',
  'audit',
  'secrecy of the vote',
  'independent candidate',
  'election day registration',
  'absentee voting certificates',
  'constituency boundaries',
  'judicial review',
  'misuse of administrative resources',
  '"voter register"',
  'media -broadcasters',
  'recount or invalidation',
  'ballot scanners',
  'sex-disaggregated data',
];
/** Words in most recommendations: the worst case of ranking, measured on its own. */
export const BROAD_TERMS = ['election', 'law', 'commission', 'should be amended', 'authorities'];

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function listPaths(countries, count, seed) {
  const c = createRandom(seed);
  const paths = [];
  for (let i = 0; i < count; i++) {
    const params = {};
    const filters = c.int(1, 2);
    for (let f = 0; f < filters; f++) {
      switch (c.int(0, 5)) {
        case 0:
          params.country = c.pick(countries);
          break;
        case 1:
          params.topic = c.pick(TOPIC_SLUGS);
          break;
        case 2:
          params.status = c.chance(0.5)
            ? c.pick(STATUSES)
            : `${c.pick(STATUSES.slice(0, 3))},${c.pick(STATUSES.slice(3))}`;
          break;
        case 3:
          params.priority = true;
          params.unaddressed = true;
          break;
        case 4: {
          const from = c.int(1995, 2020);
          params.yearFrom = from;
          params.yearTo = from + 4;
          break;
        }
        default:
          params.country = c.pick(countries);
          params.topic = c.pick(TOPIC_SLUGS);
      }
    }
    const sort = c.int(0, 19);
    if (sort >= 14 && sort < 17) params.sort = 'year';
    else if (sort >= 17) params.sort = 'status';
    const page = c.int(0, 19);
    params.page = page < 14 ? 1 : page < 19 ? c.int(2, 5) : 20;
    if (c.chance(0.1)) params.pageSize = 100;
    paths.push(`/api/v1/recommendations${query(params)}`);
  }
  return paths;
}

export function yearsOpenPaths(countries, count, seed) {
  const c = createRandom(seed);
  return Array.from({ length: count }, () => {
    const params = c.chance(0.5) ? { country: c.pick(countries) } : { topic: c.pick(TOPIC_SLUGS) };
    return `/api/v1/recommendations${query({ ...params, sort: 'yearsOpen', page: c.int(1, 3) })}`;
  });
}

export function searchPaths(countries, terms, count, seed) {
  const c = createRandom(seed);
  return Array.from({ length: count }, () => {
    const params = { q: c.pick(terms) };
    if (c.chance(0.3)) params.country = c.pick(countries);
    if (c.chance(0.1)) params.topic = c.pick(TOPIC_SLUGS);
    const page = c.int(0, 19);
    params.page = page < 17 ? 1 : c.int(2, 3);
    return `/api/v1/recommendations${query(params)}`;
  });
}

export function detailPaths(maxId, count, seed) {
  const c = createRandom(seed);
  return Array.from({ length: count }, () => `/api/v1/recommendations/${c.int(1, maxId)}`);
}
