import { TOPICS } from '@tracker/shared';
import type { Database, Transaction } from './connection.js';
import { topics } from './schema/index.js';

/**
 * Writes the fixed topic taxonomy (shared TOPICS) into the database if it is not there yet: the
 * seed does it, and so does the first write that names a topic in a database started without the
 * seed (a new deployment importing its first report). Adds nothing that is already there.
 */
export async function ensureTopicTaxonomy(
  db: Database | Transaction,
): Promise<Map<string, number>> {
  const read = async () =>
    new Map(
      (await db.select({ id: topics.id, slug: topics.slug }).from(topics)).map((row) => [
        row.slug,
        row.id,
      ]),
    );
  // Almost always there already: one read, and a write only for a database without it.
  const present = await read();
  if (present.size >= TOPICS.length) return present;
  await db
    .insert(topics)
    .values(TOPICS.map((topic, index) => ({ ...topic, position: index + 1 })))
    .onConflictDoNothing({ target: topics.slug });
  return read();
}
