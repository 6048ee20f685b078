// The peer the bench measures the API against: PostGraphile 4 over the same bench database, as a
// researcher or an integrator would put it in front of it (simplified names, connection filters,
// full-text `matches` over the existing search_vector columns). Read-only: its sessions default
// to read-only transactions, mutations are off, and it creates nothing in the database (no watch
// schema, no functions). The pool and session settings are the API server's (10 connections,
// JIT off), so the two differ only in what they run. `PORT`, `DATABASE_URL`.
import http from 'node:http';
import PgSimplifyInflectorPlugin from '@graphile-contrib/pg-simplify-inflector';
import PostGraphileFulltextFilterPlugin from '@pyramation/postgraphile-plugin-fulltext-filter';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import ConnectionFilterPlugin from 'postgraphile-plugin-connection-filter';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: 10,
  // The search's `matches` calls to_tsquery without a configuration: English, as the columns'.
  options:
    '-c jit=off -c default_transaction_read_only=on -c default_text_search_config=pg_catalog.english',
});
pool.on('error', () => {});

const middleware = postgraphile(pool, 'public', {
  appendPlugins: [
    PgSimplifyInflectorPlugin,
    ConnectionFilterPlugin,
    PostGraphileFulltextFilterPlugin,
  ],
  graphileBuildOptions: {
    connectionFilterRelations: true,
    connectionFilterAllowedOperators: ['equalTo', 'in', 'matches'],
  },
  disableDefaultMutations: true,
  disableQueryLog: true,
  graphiql: false,
  watchPg: false,
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  ignoreRBAC: false,
  legacyRelations: 'omit',
  retryOnInitFail: false,
});

http.createServer(middleware).listen(Number(process.env.PORT ?? 5000), '127.0.0.1');
