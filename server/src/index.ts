export { buildApp, DEFAULT_CLIENT_DIST } from './app.js';
export type { App, AppOptions } from './app.js';
export { loadConfig } from './config.js';
export type { Config } from './config.js';
export * from './importer/index.js';
export { hashPassword } from './auth/passwords.js';
export type { AnswerCache } from './plugins/answer-cache.js';
export { proposeMetadata } from './importer/cover-page.js';
export type { ProposedMetadata } from './importer/cover-page.js';
