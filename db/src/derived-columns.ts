import { recommendations } from './schema/recommendations.js';

/**
 * Recommendation columns that the triggers of db/sql/derived-columns.sql derive from assessments,
 * reports and lineage links. No writer sets them: the API never shows them as part of a record or its
 * history, and dumps leave them out (a restore recomputes them).
 */
export const derivedRecommendationColumns = {
  latestAssessmentId: recommendations.latestAssessmentId,
  openSince: recommendations.openSince,
  openSincePrecision: recommendations.openSincePrecision,
  closedOn: recommendations.closedOn,
  closedOnPrecision: recommendations.closedOnPrecision,
  evidenceVector: recommendations.evidenceVector,
};

/** A recommendation row without the derived columns. */
export function withoutDerivedColumns<Row extends Record<string, unknown>>(
  row: Row,
): Omit<Row, keyof typeof derivedRecommendationColumns> {
  const rest: Record<string, unknown> = { ...row };
  for (const key of Object.keys(derivedRecommendationColumns)) delete rest[key];
  return rest as Omit<Row, keyof typeof derivedRecommendationColumns>;
}
