// The peer rows of the bench: the same three reads asked of the API and of PostGraphile 4
// (peer-server.mjs), with the same rows in the same order and the same columns as far as GraphQL
// gives them (no snippets, no transitive lineage, no years open).
import { createRandom } from './prng.mjs';
import { query } from './request-mix.mjs';

const REPORT = 'id slug title kind publisher publishedOn publishedOnPrecision sourceUrl';
const SUMMARY = `id number priority heading text location currentStatus
  openSince openSincePrecision closedOn closedOnPrecision sourceLineStart sourceLineEnd
  topic { slug name }
  report { ${REPORT} election { id kind heldOn heldOnPrecision early country { code name } } }
  latestAssessment { id status assessingReport { ${REPORT} } }`;
/** The API's printed order (`sort=number`): issuing report's date, report, position, id. */
const PRINTED = 'REPORT_PUBLISHED_ON_ASC, REPORT_ID_ASC, POSITION_ASC, ID_ASC';

const LIST = `query ($code: String!) {
  recommendations(first: 25, orderBy: [${PRINTED}], filter: {
    priority: { equalTo: true }, report: { election: { country: { code: { equalTo: $code } } } }
  }) { totalCount nodes { ${SUMMARY} } }
}`;

const LINK = (side) =>
  `nodes { id kind confidence note ${side} { id number priority text currentStatus topic { slug name } report { ${REPORT} } } }`;
const DETAIL = `query ($id: Int!) {
  recommendation(id: $id) {
    ${SUMMARY}
    assessments(orderBy: ID_ASC) { nodes {
      id status quote location sourceLineStart sourceLineEnd basis confidence note
      assessingReport { ${REPORT} }
    } }
    recommendationLinksByLaterRecommendationId { ${LINK('earlierRecommendation')} }
    recommendationLinksByEarlierRecommendationId { ${LINK('laterRecommendation')} }
  }
}`;

/**
 * The API's search: by the recommendation's own text or by one of its assessments', ranked by
 * ts_rank over the recommendation's search_vector, ties in printed order. The plugin ranks by the
 * last `matches` it builds: the recommendation's own, so it comes second.
 */
const SEARCH = `query ($q: String!) {
  recommendations(first: 25, orderBy: [SEARCH_VECTOR_RANK_DESC, ${PRINTED}], filter: { or: [
    { assessments: { some: { searchVector: { matches: $q } } } }, { searchVector: { matches: $q } }
  ] }) { totalCount nodes { searchVectorRank ${SUMMARY} } }
}`;

const JSON_HEADERS = {
  'Content-Type': 'application/json',
  'Accept-Encoding': 'gzip, deflate, br, zstd',
};
const graphql = (text, variables) => ({
  path: '/graphql',
  headers: JSON_HEADERS,
  body: JSON.stringify({ query: text.replace(/\s+/g, ' '), variables }),
});

/** One row's requests to each server, in the same order: `ours` and `peer` entries. */
export const peerRows = {
  list: (countries) => ({
    name: "a country's priority recommendations, page of 25 with total",
    ours: countries.map((code) => ({
      path: `/api/v1/recommendations${query({ country: code, priority: true })}`,
    })),
    peer: countries.map((code) => graphql(LIST, { code })),
    keys: countries,
  }),
  detail: (maxId, count, seed) => {
    const c = createRandom(seed);
    const ids = Array.from({ length: count }, () => c.int(1, maxId));
    return {
      name: 'one recommendation with its assessments',
      ours: ids.map((id) => ({ path: `/api/v1/recommendations/${id}` })),
      peer: ids.map((id) => graphql(DETAIL, { id })),
      keys: ids,
    };
  },
  search: (terms) => ({
    name: 'full-text search, page of 25 with total',
    ours: terms.map((q) => ({ path: `/api/v1/recommendations${query({ q })}` })),
    peer: terms.map((q) => graphql(SEARCH, { q })),
    keys: terms,
  }),
};

/** The ids and total of a list answer of either server, to check that both found the same. */
export function idsAndTotal(body) {
  if (body.data) {
    const connection = body.data.recommendations;
    return { total: connection.totalCount, ids: connection.nodes.map((node) => node.id) };
  }
  return { total: body.total, ids: body.items.map((item) => item.id) };
}
