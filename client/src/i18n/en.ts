import type {
  CurrentStatus,
  ElectionKind,
  HistoryAction,
  LinkKind,
  PublicHistoryEntity,
  ReportKind,
  TopicSlug,
} from '@tracker/shared';
import { plural } from './plural.js';

const n = (value: number) => new Intl.NumberFormat('en').format(value);
const p = (count: number, one: string, other: string) => plural('en', count, { one, other });

/**
 * The English interface catalogue. Its type is the shape every other catalogue must have
 * (`Messages`): a missing or extra key in ru.ts is a type error. Messages that take values are
 * functions, so their arguments are type-checked too, and each language handles its own plurals
 * and word order. Data (quotes, titles, notes) is never in here: it stays in its source language.
 */
export const en = {
  meta: {
    siteName: 'ODIHR Recommendations Tracker',
    siteNameLong: 'ODIHR Recommendations Follow-up Tracker',
    /** Document title: "<page> · <site>". */
    title: (page: string) => `${page} · ODIHR Recommendations Tracker`,
  },
  shell: {
    skipLink: 'Skip to main content',
    mainNav: 'Main',
    home: 'Home',
    browse: 'Browse and search',
    reports: 'Reports',
    about: 'About the data and the API',
    aboutShort: 'About the data',
    apiShort: 'API',
    language: 'Language',
    footerData:
      'Recommendations and assessments are quoted verbatim from OSCE/ODIHR election observation reports. Reports of other organisations are shown as evidence only, never as the official status.',
    footerIndependent: 'The reports themselves remain the authoritative source.',
    printedFrom: (address: string) => `Printed from ${address}`,
    footerApi: 'Open data: REST API, CSV and JSON',
  },
  common: {
    loading: 'Loading…',
    errorTitle: 'The data could not be loaded.',
    errorNetwork: 'The server could not be reached. Check your connection and try again.',
    errorStatus: (status: number, detail: string) => `The server answered ${status}: ${detail}`,
    retry: 'Try again',
    onThisPage: 'On this page',
    breadcrumbs: 'You are here',
    noTopic: 'No topic',
    textNotEntered:
      'Text not entered: this recommendation is known only by its number, from a later report that cites it. Its own report is not among the sources of this data set.',
    textNotEnteredShort: 'Text not entered (known only by its number)',
    priority: 'Priority',
    priorityRecommendation: 'Priority recommendation',
    recommendationNumber: (number: string) => `Recommendation ${number}`,
    numberShort: (number: string) => `No. ${number}`,
    recommendationOf: (number: string, report: string) => `Recommendation ${number}, ${report}`,
    yearsOpen: (years: number) => p(years, '{n} year', '{n} years'),
    lessThanAYear: 'less than a year',
    openFor: 'Open for',
    wasOpen: 'Was open for',
    since: (date: string) => `since ${date}`,
    raisedEarlier: 'first raised in an earlier report',
    sourceLanguageNote: 'Quoted verbatim, in the language of the source.',
    source: 'Source',
    location: 'Place in the report',
    lines: (start: number, end: number, file?: string) => {
      const where = start === end ? `line ${n(start)}` : `lines ${n(start)}–${n(end)}`;
      return `${where} of ${file ?? 'the source text'}`;
    },
    sourceFile: 'Source text',
    published: 'Published',
    publisher: 'Publisher',
    topic: 'Topic',
    heading: 'Section of the report',
    currentStatus: 'Current status',
    report: 'Report',
    election: 'Election',
    thirdParty: 'Third-party evidence',
    thirdPartyShort: 'third party',
    notOfficial: 'not the official status',
    thirdPartyExplained:
      'Published by an organisation other than ODIHR. Its findings are shown as evidence beside the official status, never as the status itself.',
    openSourceLink: 'Read the report at its source',
  },
  status: {
    labels: {
      fully_implemented: 'Fully implemented',
      mostly_implemented: 'Mostly implemented',
      partially_implemented: 'Partially implemented',
      not_implemented: 'Not implemented',
      no_longer_applicable: 'No longer applicable',
      not_assessed: 'Not assessed',
    } satisfies Record<CurrentStatus, string>,
    descriptions: {
      fully_implemented: 'A later ODIHR report found the recommendation fully addressed.',
      mostly_implemented: 'Largely addressed; some elements remain outstanding.',
      partially_implemented: 'Some steps were taken; substantial elements remain unaddressed.',
      not_implemented: 'A later ODIHR report found the recommendation not addressed.',
      no_longer_applicable:
        'The recommendation no longer applies, for instance because the law or body it concerned no longer exists.',
      not_assessed:
        'No later ODIHR report has assessed it yet ("not yet evaluated", in ODIHR’s words).',
    } satisfies Record<CurrentStatus, string>,
    unaddressedNote:
      'Unaddressed: the most recent ODIHR assessment found it not implemented, or no later ODIHR report has assessed it.',
    legend: 'Status key',
  },
  reportKinds: {
    needs_assessment: 'Needs assessment mission report',
    interim: 'Interim report',
    preliminary_statement: 'Statement of preliminary findings',
    final_report: 'Final report',
    third_party: 'Third-party report',
  } satisfies Record<ReportKind, string>,
  /** A short name for a report: "Final report 2019". */
  reportShort: (kind: ReportKind, year: string) =>
    ({
      needs_assessment: `Needs assessment ${year}`,
      interim: `Interim report ${year}`,
      preliminary_statement: `Preliminary statement ${year}`,
      final_report: `Final report ${year}`,
      third_party: `Third-party report ${year}`,
    })[kind],
  electionKinds: {
    parliamentary: 'Parliamentary elections',
    presidential: 'Presidential election',
    local: 'Local elections',
    referendum: 'Referendum',
  } satisfies Record<ElectionKind, string>,
  election: {
    title: (kind: ElectionKind, date: string, early: boolean) => {
      const name = {
        parliamentary: 'parliamentary elections',
        presidential: 'presidential election',
        local: 'local elections',
        referendum: 'referendum',
      }[kind];
      return `${early ? `Early ${name}` : name.charAt(0).toUpperCase() + name.slice(1)}, ${date}`;
    },
  },
  topics: {
    'legal-framework': 'Legal framework',
    'electoral-system': 'Electoral system',
    'election-administration': 'Election administration',
    'voter-registration': 'Voter rights and registration',
    'candidate-registration': 'Candidate and party registration',
    campaign: 'Election campaign',
    'campaign-finance': 'Campaign finance',
    media: 'Media',
    'complaints-and-appeals': 'Complaints and appeals',
    'election-observation': 'Citizen and international observation',
    'election-day': 'Voting, counting and tabulation',
    results: 'Announcement of results',
    'participation-of-women': 'Participation of women',
    'participation-of-minorities': 'Participation of national minorities',
    'persons-with-disabilities': 'Participation of persons with disabilities',
    'fundamental-freedoms': 'Fundamental freedoms',
    'electronic-voting': 'New voting technologies',
  } satisfies Record<TopicSlug, string>,
  basis: {
    explicit: 'Explicit',
    explicitExplained: 'The report names this recommendation or its exact subject.',
    inferred: 'Inferred',
    inferredExplained:
      'The report makes a broader statement; an editor mapped it to this recommendation.',
    confidence: { high: 'high confidence', medium: 'medium confidence', low: 'low confidence' },
    editorNote: 'Editor’s note',
  },
  home: {
    title: 'Unaddressed priority recommendations',
    heading: 'Which priority recommendations remain unaddressed?',
    headlineTitle: 'In numbers',
    noData: 'There is no data yet.',
    countLabel: (count: number, country: string) =>
      p(
        count,
        `priority recommendation to ${country} remains unaddressed`,
        `priority recommendations to ${country} remain unaddressed`,
      ),
    countSentence: (count: number, total: number) =>
      `${n(count)} of ${p(total, '{n} priority recommendation', '{n} priority recommendations')}: not implemented according to the most recent ODIHR assessment, or not yet assessed.`,
    oldest: (years: number) =>
      p(
        years,
        'The oldest issue among them was first raised {n} year ago.',
        'The oldest issue among them was first raised {n} years ago.',
      ),
    splitNotImplemented: (count: number) => `${n(count)} not implemented`,
    splitNotAssessed: (count: number) => `${n(count)} not yet assessed`,
    browseThese: 'Browse, filter and export them',
    listHeading: 'Unaddressed priority recommendations, by topic',
    listEmpty: 'No priority recommendation is unaddressed.',
    topicIndex: 'Topics',
    inTopic: (count: number) => `(${n(count)})`,
    seeAll: 'See all of them in Browse and search',
    yearsOpenNote:
      'Years open are counted from the publication of the report that first raised the issue: when a recommendation repeats an earlier one, from the earliest.',
    latestAssessment: 'Latest ODIHR assessment',
    noAssessment: 'not yet assessed by a later ODIHR report',
    madeBy: 'Made in',
    matrixHeading: 'Status by mission',
    matrixIntro:
      'Each row is a recommendation; each column a later report that assessed it. A cell gives the status that report found; the last column the current status.',
    matrixRows: 'Rows',
    matrixPriority: 'Priority recommendations',
    matrixAll: 'All recommendations',
    matrixCaption: 'Status of each recommendation, as assessed by each later report',
    matrixRecommendation: 'Recommendation',
    matrixMadeIn: (report: string) => `Made in ${report}`,
    matrixNotAssessedHere: 'not assessed in this report',
    matrixEmpty: 'No recommendation has been assessed yet.',
    matrixScrollHint: 'On a narrow screen, scroll the table sideways.',
    changesHeading: 'Last changes',
    changesEmpty: 'No changes recorded yet.',
  },
  changes: {
    actions: { create: 'Added', update: 'Updated', delete: 'Removed' } satisfies Record<
      HistoryAction,
      string
    >,
    entities: {
      country: 'country',
      election: 'election',
      report: 'report',
      recommendation: 'recommendation',
      assessment: 'assessment',
      recommendation_link: 'lineage link',
    } satisfies Record<PublicHistoryEntity, string>,
    by: (name: string) => `by ${name}`,
    bySystem: 'by the data import',
    reason: 'Reason',
    fields: 'Changed',
  },
  browse: {
    title: 'Browse and search',
    titleSearch: (q: string) => `“${q}”: search`,
    heading: 'Browse and search recommendations',
    search: 'Search the recommendations',
    searchHint:
      'Words from the text or section heading, in English. Use "quotes" for a phrase, or, -word to exclude.',
    searchButton: 'Search',
    searchFor: 'Search:',
    filters: 'Filters',
    optionsFailed: 'The filter options could not be loaded.',
    country: 'Country',
    election: 'Election',
    report: 'Report that made it',
    topic: 'Topic',
    status: 'Current status',
    priority: 'Priority',
    priorityAny: 'All recommendations',
    priorityOnly: 'Priority recommendations only',
    priorityNot: 'Other recommendations only',
    unaddressed: 'Only unaddressed ones (not implemented or not assessed)',
    unaddressedOnly: 'Unaddressed',
    addressedOnly: 'Implemented at least in part, or no longer applicable',
    years: 'Year the report was published',
    yearFrom: 'From',
    yearTo: 'Until',
    any: 'Any',
    reset: 'Clear all filters',
    resultsHeading: 'Results',
    sort: 'Sort by',
    sorts: {
      relevance: 'Best match',
      number: 'Report and number',
      'year-desc': 'Newest report first',
      'year-asc': 'Oldest report first',
      'yearsOpen-desc': 'Open longest first',
      'yearsOpen-asc': 'Open shortest first',
      'status-desc': 'Status, least implemented first',
      'status-asc': 'Status, most implemented first',
    },
    pageSize: 'Per page',
    results: (count: number) => p(count, '{n} recommendation', '{n} recommendations'),
    showing: (from: number, to: number, total: number) =>
      `showing ${n(from)}–${n(to)} of ${n(total)}`,
    empty: 'No recommendation matches.',
    emptyHint: 'Remove a filter, or search for other words.',
    pastLastPage: 'There are no results on this page.',
    firstPage: 'Go to the first page',
    ignored: (names: string) =>
      `Some parts of this address were not understood and are left out: ${names}.`,
    export: 'Download all results:',
    exportCsv: 'CSV',
    exportJson: 'JSON',
    pagination: 'Pages of results',
    previous: 'Previous',
    next: 'Next',
    page: (page: number) => `Page ${n(page)}`,
    activeFilters: 'Active filters',
    removeFilter: (label: string) => `Remove filter: ${label}`,
  },
  recommendation: {
    titleLoading: 'Recommendation',
    accordingTo: 'according to',
    closedOn: (date: string) => `found fully implemented in ${date}`,
    raisedEarlierLink: 'First raised in an earlier report: see its lineage',
    text: 'Text',
    source: 'Source',
    timeline: 'Timeline of assessments',
    timelineIntro:
      'Each later ODIHR report that assessed this recommendation, oldest first, with the words it used.',
    timelineEmpty: 'No later ODIHR report has assessed this recommendation yet.',
    madeIn: (report: string) => `Issued in the ${report}`,
    lineage: 'Lineage',
    lineageIntro:
      'Earlier recommendations that this one repeats or continues, and later ones that repeat or continue it.',
    earlier: 'Earlier versions',
    later: 'Later versions',
    lineageEmpty: 'No earlier or later version is linked.',
    linkKinds: { repeats: 'repeats', continues: 'continues' },
    earlierLink: (kind: LinkKind): string =>
      kind === 'repeats' ? 'This recommendation repeats it.' : 'This recommendation continues it.',
    laterLink: (kind: LinkKind): string =>
      kind === 'repeats' ? 'It repeats this recommendation.' : 'It continues this recommendation.',
    via: (through: string) => `through ${through}`,
    madeYearsAgo: (date: string, years: number) =>
      `Made ${date}, ${years < 1 ? 'less than a year ago' : p(years, '{n} year ago', '{n} years ago')}.`,
    thirdParty: 'Third-party evidence',
    thirdPartyIntro:
      'What organisations other than ODIHR reported about this recommendation. Shown as evidence; it does not change the official status.',
    thirdPartyEmpty: 'No third-party evidence is recorded.',
    history: 'Change history',
    historyEmpty: 'No change recorded.',
    historyMore: (shown: number, total: number) =>
      `The ${n(shown)} most recent of ${n(total)} changes are shown.`,
    backToList: 'Browse and search recommendations',
  },
  reports: {
    title: 'Reports',
    heading: 'Reports by election',
    intro:
      'Every report in the data set, under the election it concerns, newest election first. A report makes recommendations, and may assess earlier ones.',
    empty: 'No reports yet.',
    recommendationsMade: (count: number) =>
      count === 0 ? 'no recommendations' : p(count, '{n} recommendation', '{n} recommendations'),
    priorityCount: (count: number) => `${n(count)} priority`,
    assessmentsMade: (count: number) =>
      count === 0
        ? 'no assessments of earlier recommendations'
        : p(
            count,
            '{n} assessment of an earlier recommendation',
            '{n} assessments of earlier recommendations',
          ),
  },
  report: {
    titleLoading: 'Report',
    allReports: 'All reports',
    details: 'About this report',
    kind: 'Kind',
    identifier: 'Identifier',
    note: 'Editor’s note',
    recommendations: 'Recommendations made in this report',
    recommendationsEmpty: 'This report makes no recommendations of its own.',
    browseThese: 'Filter, sort and export these recommendations',
    assessments: 'Assessments of earlier recommendations',
    assessmentsIntro: 'What this report said about recommendations of earlier reports, verbatim.',
    assessmentsEmpty: 'This report does not assess earlier recommendations.',
  },
  about: {
    title: 'About the data and the API',
    heading: 'About the data and the API',
    intro:
      'After every election it observes, the OSCE Office for Democratic Institutions and Human Rights (ODIHR) makes recommendations; later missions say which were implemented. This tracker keeps each recommendation and each later judgement of it in one place, verbatim and with its exact source.',
    sourcesHeading: 'Sources',
    sourcesTable: 'The reports of the data set',
    commitment:
      'In paragraph 25 of the 1999 Istanbul Document, the OSCE participating States committed “to follow up promptly the ODIHR’s election assessment and recommendations”. The follow-up is recorded in later ODIHR reports: needs assessments, interim reports, statements of preliminary findings and final reports.',
    sourcesIntro:
      'The data set is built from these reports. Recommendations and quotes are copied from text versions of the reports; line numbers refer to those texts.',
    contribution: 'In the data set',
    notInSources:
      'not in the sources: its recommendations are known only by number, from a later report',
    coverage: (countries: string, reports: string) =>
      `Countries covered: ${countries}. Reports: ${reports}.`,
    statusHeading: 'The status scale',
    statusIntro:
      'The scale follows ODIHR’s own wording. Each status has its own colour, symbol and name, so it can be read without colour, in print and with a screen reader.',
    unaddressedTerm: 'Unaddressed',
    unaddressedRule:
      'means: the most recent ODIHR assessment found the recommendation not implemented, or no later ODIHR report has assessed it.',
    methodHeading: 'How the data is kept',
    method: [
      {
        term: 'Current status',
        text: 'The status given by the most recent ODIHR report that assessed the recommendation. Reports of other organisations never set it.',
      },
      {
        term: 'Assessment',
        text: 'A later report’s judgement of an earlier recommendation, with the quote on which it rests and where that quote stands in the report.',
      },
      {
        term: 'Explicit and inferred',
        text: 'Explicit: the report names the recommendation or its exact subject. Inferred: the report makes a broader statement and an editor mapped it to the recommendation, with a confidence level and a note saying why.',
      },
      {
        term: 'Third-party evidence',
        text: 'Findings of civil-society and other organisations, shown beside the official status and clearly marked, never as the status itself.',
      },
      {
        term: 'Lineage',
        text: 'A later recommendation that repeats or continues an earlier one is linked to it, so that an issue first raised in 2004 and raised again in 2019 reads as one issue open since 2004.',
      },
      {
        term: 'Years open',
        text: 'From the publication of the report that first raised the issue (the earliest in its lineage) to today, or to the report that found it fully implemented.',
      },
      {
        term: 'Text not entered',
        text: 'Some recommendations are known only by their number, because a later report cites them and their own report is not among the sources. They are kept, and marked.',
      },
      {
        term: 'Change history',
        text: 'Every change to the data is recorded: what changed, when, by whom and why. The history is public.',
      },
    ],
    apiHeading: 'Using the API',
    apiIntro:
      'Everything on this site comes from a public, documented REST API that answers in JSON. No key is needed. The documentation lists every endpoint, parameter and field, and lets you try them.',
    apiDocs: 'API documentation',
    apiSpec: 'OpenAPI document (JSON)',
    examplesHeading: 'Examples',
    examples: {
      unaddressedPriority: 'Unaddressed priority recommendations, longest open first',
      search: 'Full-text search for a phrase, with highlighted snippets',
      statistics: 'Counts by status, topic and report',
      matrix: 'The status-by-mission matrix',
      report: 'A report with its recommendations and assessments',
      csv: 'Export as CSV (for spreadsheets); export.json for JSON',
      changes: 'The latest changes to the data',
    },
    rulesHeading: 'Good to know',
    apiRules: [
      'Lists are paginated: page (from 1) and pageSize (up to 100); every page says its total.',
      'Filters combine; the values of one filter are alternatives (status=not_implemented,not_assessed).',
      'Errors are answered as application/problem+json (RFC 9457) and name the parameter at fault.',
      'Exports take the same filters as the list and return every matching row.',
      'Dates come with a precision (day, month or year): a source may give only the year.',
    ],
    browseToApi:
      'The address of each view of the Browse and search page uses the API’s own parameter names, so it can be turned into an API call by replacing /recommendations with /api/v1/recommendations.',
    languageHeading: 'Languages',
    languageText:
      'The interface is available in English and Russian. The data stays in the language of its source: recommendations, quotes and report titles are shown as written.',
    citeHeading: 'Citing',
    citeText:
      'Please cite the report itself, with the place given for each recommendation and quote; the report’s identifier (such as kz-2019-final) names it in this tracker and in the API.',
  },
  notFound: {
    title: 'Page not found',
    heading: 'Page not found',
    text: 'There is no page at this address.',
    home: 'Go to the home page',
    recommendation: 'There is no recommendation at this address.',
    report: 'There is no report at this address.',
  },
};

/** The shape every catalogue has. */
export type Messages = typeof en;
