/**
 * The API's request and response types, inferred from the zod schemas of the schema entry. Only
 * types cross over (`export type`): they are erased at build time, so importing them brings no
 * schema and no zod into the web app.
 */
export type * from '../common.js';
export type * from '../health.js';
export type * from '../api/primitives.js';
export type * from '../api/reference.js';
export type * from '../api/recommendations.js';
export type * from '../api/assessments.js';
export type * from '../api/reports.js';
export type * from '../api/statistics.js';
export type * from '../api/region.js';
export type * from '../api/changes.js';
export type * from '../api/accounts.js';
export type * from '../api/editing.js';
export type * from '../api/imports.js';
export type * from '../api/election-alarms.js';
export type * from '../api/releases.js';
export type * from '../api/proposals.js';
