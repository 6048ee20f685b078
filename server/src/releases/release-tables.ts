/**
 * What a data release holds: every public record, table by table, each column with its
 * Frictionless type and a description. No account data: user ids, e-mails and password hashes
 * stay out. Third-party assessments are their own table, `evidence` (never the official status).
 */

type FieldType = 'integer' | 'string' | 'boolean' | 'date' | 'datetime';

export interface ReleaseField {
  name: string;
  type: FieldType;
  description: string;
}

export interface ReleaseTable {
  name: string;
  title: string;
  /** SQL table the rows come from, and the condition that keeps the public ones. */
  from: string;
  where?: string;
  fields: ReleaseField[];
}

const id = (what: string): ReleaseField => ({
  name: 'id',
  type: 'integer',
  description: `Stable identifier of the ${what}`,
});
const versioned: ReleaseField[] = [
  { name: 'version', type: 'integer', description: 'Edit version: 1 when created, +1 per change' },
  { name: 'created_at', type: 'datetime', description: 'When the record was created (UTC)' },
  { name: 'updated_at', type: 'datetime', description: 'When the record last changed (UTC)' },
];
const precision = (of: string): ReleaseField => ({
  name: `${of}_precision`,
  type: 'string',
  description: `How much of ${of} the source states: day, month or year`,
});
const sourceLines: ReleaseField[] = [
  {
    name: 'source_line_start',
    type: 'integer',
    description: 'First line of the text in the report’s source file, if known',
  },
  {
    name: 'source_line_end',
    type: 'integer',
    description: 'Last line of the text in the source file',
  },
  {
    name: 'location',
    type: 'string',
    description: 'A readable place in the report (page, section)',
  },
];
const assessmentFields: ReleaseField[] = [
  id('assessment'),
  {
    name: 'recommendation_id',
    type: 'integer',
    description: 'The recommendation judged (recommendations.id)',
  },
  {
    name: 'assessing_report_id',
    type: 'integer',
    description: 'The later report that judged it (reports.id)',
  },
  { name: 'status', type: 'string', description: 'The judgement: an implementation status' },
  { name: 'quote', type: 'string', description: 'Verbatim evidence from the assessing report' },
  ...sourceLines,
  {
    name: 'basis',
    type: 'string',
    description: 'explicit (the report says so) or inferred (an editor mapped it)',
  },
  {
    name: 'confidence',
    type: 'string',
    description: 'For inferred judgements: how sure the editor is',
  },
  { name: 'note', type: 'string', description: 'Editor’s note: why the statement was mapped here' },
  ...versioned,
];

export const RELEASE_TABLES: readonly ReleaseTable[] = [
  {
    name: 'countries',
    title: 'Participating States',
    from: 'countries',
    fields: [
      id('country'),
      { name: 'code', type: 'string', description: 'ISO 3166-1 alpha-2 code' },
      { name: 'name', type: 'string', description: 'English short name' },
      ...versioned,
    ],
  },
  {
    name: 'topics',
    title: 'Topic taxonomy',
    from: 'topics',
    fields: [
      id('topic'),
      { name: 'slug', type: 'string', description: 'Stable short name used in URLs' },
      { name: 'name', type: 'string', description: 'Topic name' },
      { name: 'position', type: 'integer', description: 'Order of the topic in lists' },
    ],
  },
  {
    name: 'elections',
    title: 'Observed elections',
    from: 'elections',
    fields: [
      id('election'),
      { name: 'country_id', type: 'integer', description: 'The country (countries.id)' },
      {
        name: 'kind',
        type: 'string',
        description: 'Kind of election (presidential, parliamentary, ...)',
      },
      { name: 'held_on', type: 'date', description: 'Election day (first round)' },
      precision('held_on'),
      { name: 'second_round_on', type: 'date', description: 'Second round, if any' },
      { name: 'early', type: 'boolean', description: 'Whether the election was early (snap)' },
      { name: 'note', type: 'string', description: 'Provenance of the metadata' },
      ...versioned,
    ],
  },
  {
    name: 'reports',
    title: 'Reports that issue or assess recommendations',
    from: 'reports',
    fields: [
      id('report'),
      {
        name: 'slug',
        type: 'string',
        description: 'Stable, citable identifier such as kz-2019-final',
      },
      {
        name: 'election_id',
        type: 'integer',
        description: 'The election reported on (elections.id)',
      },
      {
        name: 'publisher',
        type: 'string',
        description: 'ODIHR, or the organisation of a third-party report',
      },
      {
        name: 'kind',
        type: 'string',
        description: 'Kind of report (final, needs assessment, third_party, ...)',
      },
      { name: 'title', type: 'string', description: 'Title as published' },
      { name: 'published_on', type: 'date', description: 'Publication date' },
      precision('published_on'),
      { name: 'source_url', type: 'string', description: 'Where the report is published' },
      { name: 'source_file', type: 'string', description: 'Text file the quotes were taken from' },
      { name: 'note', type: 'string', description: 'Editor’s note' },
      ...versioned,
    ],
  },
  {
    name: 'recommendations',
    title: 'Recommendations',
    from: 'recommendations',
    fields: [
      id('recommendation'),
      { name: 'report_id', type: 'integer', description: 'The issuing report (reports.id)' },
      { name: 'number', type: 'string', description: 'Number as printed in the report' },
      { name: 'position', type: 'integer', description: 'Order within the report' },
      { name: 'priority', type: 'boolean', description: 'Whether the report marks it a priority' },
      { name: 'heading', type: 'string', description: 'The report’s sub-heading it sits under' },
      { name: 'topic_id', type: 'integer', description: 'Topic (topics.id), if classified' },
      {
        name: 'text',
        type: 'string',
        description: 'Verbatim text; empty when known only by number',
      },
      ...sourceLines,
      {
        name: 'current_status',
        type: 'string',
        description: 'Status given by the most recent ODIHR report that assessed it',
      },
      {
        name: 'open_since',
        type: 'date',
        description: 'Earliest issuing report date in its lineage',
      },
      precision('open_since'),
      {
        name: 'closed_on',
        type: 'date',
        description: 'When an ODIHR report found it fully implemented',
      },
      precision('closed_on'),
      ...versioned,
    ],
  },
  {
    name: 'assessments',
    title: 'Assessments by later ODIHR reports',
    from: 'assessments',
    where: `assessing_report_id in (select id from reports where kind <> 'third_party')`,
    fields: assessmentFields,
  },
  {
    name: 'evidence',
    title: 'Third-party evidence (never the official status)',
    from: 'assessments',
    where: `assessing_report_id in (select id from reports where kind = 'third_party')`,
    fields: assessmentFields,
  },
  {
    name: 'recommendation_links',
    title: 'Lineage: later recommendations that repeat or continue earlier ones',
    from: 'recommendation_links',
    fields: [
      id('link'),
      { name: 'later_recommendation_id', type: 'integer', description: 'The later recommendation' },
      {
        name: 'earlier_recommendation_id',
        type: 'integer',
        description: 'The earlier recommendation',
      },
      { name: 'kind', type: 'string', description: 'How the later one relates to the earlier one' },
      { name: 'confidence', type: 'string', description: 'How sure the editor is of the link' },
      { name: 'note', type: 'string', description: 'Why the link was made' },
      ...versioned,
    ],
  },
];
