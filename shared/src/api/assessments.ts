import { z } from 'zod';
import { ASSESSMENT_STATUSES } from '../domain/vocabulary.js';
import { idSchema } from '../common.js';
import {
  booleanParam,
  countryCodeSchema,
  listParam,
  pageOf,
  paginationQueryShape,
  queryObject,
  reportKeySchema,
} from './primitives.js';
import { recommendationRefSchema, timelineAssessmentSchema } from './recommendations.js';
import { recommendationRefExample, timelineAssessmentExample } from './examples.js';

export const assessmentSchema = timelineAssessmentSchema
  .extend({
    recommendation: recommendationRefSchema.meta({ description: 'The recommendation assessed.' }),
  })
  .meta({
    id: 'AssessmentSummary',
    description:
      'A later report’s judgement of an earlier recommendation, with the evidence quoted from it.',
    examples: [{ ...timelineAssessmentExample, recommendation: recommendationRefExample }],
  });
export type Assessment = z.infer<typeof assessmentSchema>;

/** The filters of the assessment list, also those of its export. */
export const assessmentFilterShape = {
  country: listParam(
    countryCodeSchema,
    'Only assessments of recommendations in these countries.',
  ).optional(),
  report: listParam(reportKeySchema, 'Assessing reports, by id or slug.').optional(),
  recommendation: listParam(idSchema, 'Only assessments of these recommendations.').optional(),
  status: listParam(z.enum(ASSESSMENT_STATUSES), 'Assessment statuses.').optional(),
  thirdParty: booleanParam(
    '`true`: only third-party evidence; `false`: only assessments by ODIHR reports.',
  ).optional(),
};

export const assessmentListQuerySchema = queryObject({
  ...assessmentFilterShape,
  ...paginationQueryShape,
});
export type AssessmentListQuery = z.infer<typeof assessmentListQuerySchema>;

export const assessmentPageSchema = pageOf(assessmentSchema).meta({
  id: 'AssessmentPage',
  description: 'Assessments, the most recent assessing report first.',
});
export type AssessmentPage = z.infer<typeof assessmentPageSchema>;
