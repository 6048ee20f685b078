export * as schema from './schema/index.js';
export * from './connection.js';
export * from './notifications.js';
export * from './migrate.js';
export * from './raw-query.js';
export * from './topic-taxonomy.js';
export * from './seed/dataset.js';
export * from './seed/seed-database.js';
export * from './backup.js';
