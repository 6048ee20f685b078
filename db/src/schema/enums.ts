import { pgEnum } from 'drizzle-orm/pg-core';
import {
  ASSESSMENT_BASES,
  CONFIDENCE_LEVELS,
  CURRENT_STATUSES,
  DATE_PRECISIONS,
  ELECTION_KINDS,
  HISTORY_ACTIONS,
  HISTORY_ENTITIES,
  LINK_KINDS,
  PROPOSAL_ENTITIES,
  PROPOSAL_KINDS,
  PROPOSAL_STATES,
  REPORT_KINDS,
  USER_ROLES,
} from '@tracker/shared';

export const electionKind = pgEnum('election_kind', ELECTION_KINDS);
export const reportKind = pgEnum('report_kind', REPORT_KINDS);
/** One enum for both: an assessment may not use `not_assessed` (a check on assessments says so). */
export const implementationStatus = pgEnum('implementation_status', CURRENT_STATUSES);
export const assessmentBasis = pgEnum('assessment_basis', ASSESSMENT_BASES);
export const confidenceLevel = pgEnum('confidence_level', CONFIDENCE_LEVELS);
export const linkKind = pgEnum('link_kind', LINK_KINDS);
export const datePrecision = pgEnum('date_precision', DATE_PRECISIONS);
export const userRole = pgEnum('user_role', USER_ROLES);
export const historyAction = pgEnum('history_action', HISTORY_ACTIONS);
export const historyEntity = pgEnum('history_entity', HISTORY_ENTITIES);
export const proposalKind = pgEnum('proposal_kind', PROPOSAL_KINDS);
export const proposalEntity = pgEnum('proposal_entity', PROPOSAL_ENTITIES);
export const proposalState = pgEnum('proposal_state', PROPOSAL_STATES);
