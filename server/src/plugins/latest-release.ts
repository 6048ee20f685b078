import fp from 'fastify-plugin';
import type { CitedRelease } from '@tracker/shared/domain';

declare module 'fastify' {
  interface FastifyInstance {
    /** The newest data release (null before the first), which every citation names. */
    latestRelease: () => Promise<CitedRelease | null>;
  }
}

/**
 * The newest data release, read once per generation of the data (answer-cache.ts): every public
 * answer names it in its Link header, and publishing a release, on any instance, starts a new
 * generation (db/sql/change-notifications.sql). Read afresh while notifications are not trusted.
 */
export default fp(
  async (app) => {
    let kept: { generation: number; release: Promise<CitedRelease | null> } | undefined;
    app.decorate('latestRelease', () => {
      const generation = app.answerCache.dataGeneration();
      if (generation !== undefined && kept?.generation === generation) return kept.release;
      const release = app.repositories.releases.latest();
      if (generation === undefined) return release;
      kept = { generation, release };
      // A failed read is not kept: the next answer tries again.
      release.catch(() => {
        if (kept?.release === release) kept = undefined;
      });
      return release;
    });
  },
  { name: 'latest-release', dependencies: ['answer-cache', 'repositories'] },
);
