/**
 * The zod-free entry of the shared package (`@tracker/shared/domain`): the domain's vocabulary, the
 * API's parameter rules and plain functions over them, and the API's types. The web app imports
 * only this; the server and the tests import the schema entry (`@tracker/shared`), whose schemas
 * are built from the same constants.
 */
export * from './vocabulary.js';
export * from './constants.js';
export * from './rules.js';
export * from './problem.js';
export * from './recommendation-query.js';
export * from './client-routes.js';
export * from './citation.js';
export type * from './types.js';
