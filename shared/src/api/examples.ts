/**
 * Example values for the OpenAPI document, taken from the Kazakhstan data set. Shared by the
 * schema modules (and checked against their schemas by the tests); not part of the package's API.
 */

export const reportRefExample = {
  id: 4,
  slug: 'kz-2019-final',
  title:
    'Republic of Kazakhstan, Early Presidential Election, 9 June 2019: ODIHR Election Observation Mission Final Report',
  kind: 'final_report',
  thirdParty: false,
  publisher: 'ODIHR',
  publishedOn: '2019-10-04',
  publishedOnPrecision: 'day',
  sourceUrl: null,
} as const;

export const assessingReportExample = {
  id: 7,
  slug: 'kz-2023-psfc',
  title:
    'Republic of Kazakhstan, Early Parliamentary Elections, 19 March 2023: Statement of Preliminary Findings and Conclusions',
  kind: 'preliminary_statement',
  thirdParty: false,
  publisher:
    'ODIHR and the OSCE Parliamentary Assembly (International Election Observation Mission)',
  publishedOn: '2023-03-20',
  publishedOnPrecision: 'day',
  sourceUrl: null,
} as const;

const text =
  'Restrictions in the legislation related to constitutionally guaranteed fundamental rights and freedoms should be lifted.';

export const recommendationRefExample = {
  id: 25,
  number: '1',
  priority: true,
  topic: { slug: 'fundamental-freedoms', name: 'Fundamental freedoms' },
  text,
  textEntered: true,
  currentStatus: 'not_implemented',
  report: reportRefExample,
} as const;

export const recommendationSummaryExample = {
  id: 25,
  number: '1',
  priority: true,
  heading: null,
  topic: { slug: 'fundamental-freedoms', name: 'Fundamental freedoms' },
  text,
  textEntered: true,
  location: 'D. Priority recommendations › recommendation 1',
  country: { code: 'KZ', name: 'Kazakhstan' },
  report: reportRefExample,
  currentStatus: 'not_implemented',
  latestAssessment: { id: 40, status: 'not_implemented', report: assessingReportExample },
  openSince: '2019-10-04',
  openSincePrecision: 'day',
  closedOn: null,
  closedOnPrecision: null,
  yearsOpen: 6.1,
  snippet: null,
  relevance: null,
} as const;

export const timelineAssessmentExample = {
  id: 40,
  status: 'not_implemented',
  quote: 'Fundamental rights and freedoms remain overly restricted.',
  location: 'Executive summary',
  sourceLines: { start: 31, end: 31 },
  basis: 'inferred',
  confidence: 'medium',
  note: 'A thematic statement on the restrictions this recommendation asks to lift.',
  assessingReport: assessingReportExample,
} as const;

const statusCountsExample = {
  fully_implemented: 0,
  mostly_implemented: 0,
  partially_implemented: 0,
  not_implemented: 11,
  no_longer_applicable: 0,
  not_assessed: 0,
} as const;

export const statisticsExample = {
  overall: {
    total: 11,
    unaddressed: 11,
    byStatus: statusCountsExample,
  },
  priority: { total: 11, unaddressed: 11, byStatus: statusCountsExample },
  byTopic: [
    {
      topic: { slug: 'fundamental-freedoms', name: 'Fundamental freedoms' },
      total: 1,
      unaddressed: 1,
      byStatus: { ...statusCountsExample, not_implemented: 1 },
    },
  ],
  byReport: [
    {
      report: reportRefExample,
      priority: 11,
      total: 11,
      unaddressed: 11,
      byStatus: statusCountsExample,
    },
  ],
} as const;

export const statusMatrixExample = {
  country: { code: 'KZ', name: 'Kazakhstan' },
  columns: [
    {
      id: 5,
      slug: 'kz-2020-nam',
      title:
        'Republic of Kazakhstan, Parliamentary Elections, 10 January 2021: ODIHR Needs Assessment Mission Report, 27-29 October 2020',
      kind: 'needs_assessment',
      thirdParty: false,
      publisher: 'ODIHR',
      publishedOn: '2020-11-18',
      publishedOnPrecision: 'day',
      sourceUrl: null,
    },
    assessingReportExample,
  ],
  rows: [
    {
      recommendation: recommendationRefExample,
      cells: [{ status: 'not_implemented', assessmentId: 16 }, null],
    },
  ],
} as const;
