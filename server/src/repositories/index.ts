import type { Database } from '@tracker/db';
import { createAccountsRepository } from './accounts-repository.js';
import { createAssessmentsRepository } from './assessments-repository.js';
import { createChangesRepository } from './changes-repository.js';
import { createCountriesRepository } from './countries-repository.js';
import {
  DEFAULT_LEGAL_CHANGE_WINDOW_MONTHS,
  createElectionAlarmsRepository,
} from './election-alarms-repository.js';
import type { ElectionAlarmSettings } from './election-alarms-repository.js';
import { createElectionsRepository } from './elections-repository.js';
import { createProposalsRepository } from './proposals-repository.js';
import { createRecommendationLinksRepository } from './recommendation-links-repository.js';
import { createRecommendationsRepository } from './recommendations-repository.js';
import { createReleasesRepository } from './releases-repository.js';
import { createReportsRepository } from './reports-repository.js';
import { createSignInThrottlesRepository } from './sign-in-throttles-repository.js';
import { createRegionRepository } from './region-repository.js';
import { createStatisticsRepository } from './statistics-repository.js';
import { createTopicsRepository } from './topics-repository.js';

/** Every query of the API lives in one of these, one module per aggregate. */
export function createRepositories(
  db: Database,
  alarm: ElectionAlarmSettings = {
    windowMonths: DEFAULT_LEGAL_CHANGE_WINDOW_MONTHS,
    legislativeTopics: [],
  },
) {
  return {
    accounts: createAccountsRepository(db),
    assessments: createAssessmentsRepository(db),
    changes: createChangesRepository(db),
    countries: createCountriesRepository(db),
    electionAlarms: createElectionAlarmsRepository(db, alarm),
    elections: createElectionsRepository(db),
    proposals: createProposalsRepository(db),
    recommendationLinks: createRecommendationLinksRepository(db),
    recommendations: createRecommendationsRepository(db),
    releases: createReleasesRepository(db),
    reports: createReportsRepository(db),
    signInThrottles: createSignInThrottlesRepository(db),
    region: createRegionRepository(db),
    statistics: createStatisticsRepository(db),
    topics: createTopicsRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
