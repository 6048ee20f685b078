import type { TestProject } from 'vitest/node';
import { prepareTemplates } from './helpers/database-templates.js';
import type { TemplatesDescriptor } from './helpers/database-templates.js';

/**
 * Builds, once per run, the databases every test file clones: one migrated and empty, one also
 * seeded. On PostgreSQL they are template databases; on PGlite, data-directory dumps.
 */
export default async function setup(project: TestProject) {
  const templates = await prepareTemplates();
  project.provide('databaseTemplates', templates.descriptor);
  return templates.dispose;
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplates: TemplatesDescriptor;
  }
}
