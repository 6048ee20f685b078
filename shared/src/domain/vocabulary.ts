/**
 * The vocabulary of the domain (PRODUCT.md), in one place: the database schema, the API schemas
 * and the web app all read these lists, so a new value is added here and nowhere else.
 */

export const ELECTION_KINDS = ['parliamentary', 'presidential', 'local', 'referendum'] as const;
export type ElectionKind = (typeof ELECTION_KINDS)[number];

export const REPORT_KINDS = [
  'needs_assessment',
  'interim',
  'preliminary_statement',
  'final_report',
  'third_party',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Statuses a report can give a recommendation, following ODIHR's own wording. */
export const ASSESSMENT_STATUSES = [
  'fully_implemented',
  'mostly_implemented',
  'partially_implemented',
  'not_implemented',
  'no_longer_applicable',
] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** A recommendation's current status: an assessment status, or none yet ("not yet evaluated"). */
export const CURRENT_STATUSES = [...ASSESSMENT_STATUSES, 'not_assessed'] as const;
export type CurrentStatus = (typeof CURRENT_STATUSES)[number];

/** Statuses that count as "unaddressed" on the public home page. */
export const UNADDRESSED_STATUSES = [
  'not_implemented',
  'not_assessed',
] as const satisfies readonly CurrentStatus[];

/** explicit: the report names the recommendation or its exact subject; inferred: an editor mapped it. */
export const ASSESSMENT_BASES = ['explicit', 'inferred'] as const;
export type AssessmentBasis = (typeof ASSESSMENT_BASES)[number];

export const CONFIDENCE_LEVELS = ['high', 'medium', 'low'] as const;
export type ConfidenceLevel = (typeof CONFIDENCE_LEVELS)[number];

/** repeats: the later recommendation asks the same thing; continues: same issue, different ask. */
export const LINK_KINDS = ['repeats', 'continues'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** How much of a stored date is known: a source may give only a year or a month. */
export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export const USER_ROLES = ['editor', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const HISTORY_ACTIONS = ['create', 'update', 'delete'] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

export const HISTORY_ENTITIES = [
  'country',
  'election',
  'report',
  'recommendation',
  'assessment',
  'recommendation_link',
  'user',
  'report_source',
  'follow_up_dismissal',
] as const;
export type HistoryEntity = (typeof HISTORY_ENTITIES)[number];

/**
 * The entities whose history stays on the server: user accounts (e-mail, role), report source
 * texts (up to megabytes each, readable at the report's source page) and editors' dismissals of
 * follow-up suggestions (editor-only). Their history is written, never listed publicly.
 */
export const PRIVATE_HISTORY_ENTITIES = ['user', 'report_source', 'follow_up_dismissal'] as const;
type PrivateHistoryEntity = (typeof PRIVATE_HISTORY_ENTITIES)[number];

/** The entities whose history is public: the changes list and feeds show them. */
export const PUBLIC_HISTORY_ENTITIES = HISTORY_ENTITIES.filter(
  (entity): entity is Exclude<HistoryEntity, PrivateHistoryEntity> =>
    !(PRIVATE_HISTORY_ENTITIES as readonly string[]).includes(entity),
) as [
  Exclude<HistoryEntity, PrivateHistoryEntity>,
  ...Exclude<HistoryEntity, PrivateHistoryEntity>[],
];
export type PublicHistoryEntity = (typeof PUBLIC_HISTORY_ENTITIES)[number];

/**
 * Review before publishing (REVIEW_REQUIRED): an editor's write of these kinds of record is kept
 * as a proposal until another editor or an admin approves it. A recommendation's edit becomes a
 * proposal only when it changes a field its public status depends on.
 */
export const PROPOSAL_ENTITIES = ['assessment', 'recommendation_link', 'recommendation'] as const;
export type ProposalEntity = (typeof PROPOSAL_ENTITIES)[number];
/** What a proposal would do: create a record, or update one from the version it was based on. */
export const PROPOSAL_KINDS = ['create', 'update'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];
export const PROPOSAL_STATES = ['open', 'approved', 'rejected'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];
/**
 * The recommendation fields whose edits move a public headline figure, so that with review
 * required an editor's change to them waits for approval: the issuing report (which reports may
 * assess it, when it was first raised: its status and "open since") and priority (the headline
 * counts unaddressed priority recommendations). Wording, heading and topic publish at once.
 */
export const REVIEWED_RECOMMENDATION_FIELDS = ['reportId', 'priority'] as const;

/**
 * Whether, with review required, an editor's write waits for a second person: every assessment
 * and lineage link; of a recommendation, an update of a field in REVIEWED_RECOMMENDATION_FIELDS (a
 * new one has no status until it is assessed). `fields`: the fields written.
 */
export function isReviewedWrite(
  entity: string,
  write: ProposalKind,
  fields: object,
): entity is ProposalEntity {
  if (entity === 'assessment' || entity === 'recommendation_link') return true;
  return (
    entity === 'recommendation' &&
    write === 'update' &&
    REVIEWED_RECOMMENDATION_FIELDS.some((field) => field in fields)
  );
}

/** The kinds of record an id-valued field of a change can name. */
export const CHANGE_REFERENCE_KINDS = [
  'topic',
  'report',
  'recommendation',
  'election',
  'country',
  'user',
] as const;
export type ChangeReferenceKind = (typeof CHANGE_REFERENCE_KINDS)[number];

/** Which id-valued field of a change names which kind of record. */
export const CHANGE_REFERENCE_FIELDS: Record<string, ChangeReferenceKind> = {
  topicId: 'topic',
  reportId: 'report',
  assessingReportId: 'report',
  recommendationId: 'recommendation',
  laterRecommendationId: 'recommendation',
  earlierRecommendationId: 'recommendation',
  electionId: 'election',
  countryId: 'country',
  recordedBy: 'user',
  createdBy: 'user',
};

/**
 * The fixed topic taxonomy, after the sections of ODIHR final reports. The order is the order in
 * which a final report treats them, and the order the web app lists them in.
 */
export const TOPICS = [
  { slug: 'legal-framework', name: 'Legal framework' },
  { slug: 'electoral-system', name: 'Electoral system' },
  { slug: 'election-administration', name: 'Election administration' },
  { slug: 'voter-registration', name: 'Voter rights and registration' },
  { slug: 'candidate-registration', name: 'Candidate and party registration' },
  { slug: 'campaign', name: 'Election campaign' },
  { slug: 'campaign-finance', name: 'Campaign finance' },
  { slug: 'media', name: 'Media' },
  { slug: 'complaints-and-appeals', name: 'Complaints and appeals' },
  { slug: 'election-observation', name: 'Citizen and international observation' },
  { slug: 'election-day', name: 'Voting, counting and tabulation' },
  { slug: 'results', name: 'Announcement of results' },
  { slug: 'participation-of-women', name: 'Participation of women' },
  { slug: 'participation-of-minorities', name: 'Participation of national minorities' },
  { slug: 'persons-with-disabilities', name: 'Participation of persons with disabilities' },
  { slug: 'fundamental-freedoms', name: 'Fundamental freedoms' },
  { slug: 'electronic-voting', name: 'New voting technologies' },
] as const;
export type TopicSlug = (typeof TOPICS)[number]['slug'];
export const TOPIC_SLUGS = TOPICS.map((topic) => topic.slug) as [TopicSlug, ...TopicSlug[]];
