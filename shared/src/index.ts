export * from './domain.js';
export * from './common.js';
export * from './health.js';
