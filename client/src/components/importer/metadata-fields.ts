import { DATE_PRECISIONS, ELECTION_KINDS, REPORT_KINDS } from '@tracker/shared/domain';
import type { Messages } from '../../i18n/index.js';
import type { MetadataDraft } from '../../composables/import-draft.js';

/**
 * The import form's metadata fields as data, so that one component draws them all
 * (`MetadataField.vue`): each names its request path (its id and its errors follow from it) and the
 * draft's key it edits.
 */

/** The draft's keys edited as free text. */
type TextKey = {
  [K in keyof MetadataDraft]: string extends MetadataDraft[K] ? K : never;
}[keyof MetadataDraft];
/** The draft's keys chosen from a vocabulary. */
export type ChoiceKey = 'electionKind' | 'reportKind' | 'heldOnPrecision' | 'publishedOnPrecision';

interface FieldSpec {
  /** The field's path in the request ("report.slug"). */
  path: string;
  label: string;
  /** The hint shown always; "proposed from the cover page" is added when it applies. */
  hint?: string;
}

interface TextSpec extends FieldSpec {
  kind: 'text';
  key: TextKey;
  /** The input's type; a textarea when `rows` is given. */
  type?: 'text' | 'date' | 'url';
  rows?: number;
  /** The control's other attributes. */
  attrs?: Record<string, string | boolean>;
}

interface ChoiceSpec extends FieldSpec {
  kind: 'choice';
  key: ChoiceKey;
  options: readonly string[];
  // Method syntax: a spec built for one vocabulary is a spec over strings (see `choice`).
  optionLabel(option: string): string;
}

/** A checkbox. */
interface CheckSpec extends FieldSpec {
  kind: 'check';
  key: 'early';
}

export type MetadataFieldSpec = TextSpec | ChoiceSpec | CheckSpec;
/** A field that spans the form, or a list of fields side by side in its grid. */
export type MetadataRow = MetadataFieldSpec | MetadataFieldSpec[];

function text(spec: Omit<TextSpec, 'kind'>): TextSpec {
  return { kind: 'text', ...spec };
}

/** A choice over the vocabulary of its key, typed against that key's values. */
function choice<K extends ChoiceKey>(spec: {
  path: string;
  key: K;
  label: string;
  options: readonly MetadataDraft[K][];
  optionLabel(option: MetadataDraft[K]): string;
}): ChoiceSpec {
  return { kind: 'choice', ...spec };
}

const REQUIRED = { required: true };

/** A field's hint, with "proposed from the cover page" when it holds the proposed value. */
export function proposedHint(
  t: Messages,
  proposed: ReadonlySet<string>,
  path: string,
  base?: string,
): string | undefined {
  if (!proposed.has(path)) return base;
  return base ? `${t.sources.proposed}. ${base}` : t.sources.proposed;
}

/** The rows of a new country, of a new election and of the report, in the form's order. */
export function metadataFields(
  t: Messages,
): Record<'newCountry' | 'newElection' | 'report', MetadataRow[]> {
  const precision = (path: string, key: 'heldOnPrecision' | 'publishedOnPrecision') =>
    choice({
      path,
      key,
      label: t.importer.precision,
      options: DATE_PRECISIONS,
      optionLabel: (option) => t.importer.precisions[option],
    });
  return {
    newCountry: [
      [
        text({
          path: 'election.countryCode',
          key: 'newCountryCode',
          label: t.importer.countryCode,
          hint: t.importer.countryCodeHint,
          attrs: { maxlength: '2', autocomplete: 'off', ...REQUIRED },
        }),
        text({
          path: 'election.countryName',
          key: 'newCountryName',
          label: t.importer.countryName,
          hint: t.importer.countryNameHint,
          attrs: REQUIRED,
        }),
      ],
    ],
    newElection: [
      [
        choice({
          path: 'election.kind',
          key: 'electionKind',
          label: t.importer.electionKind,
          options: ELECTION_KINDS,
          optionLabel: (kind) => t.electionKinds[kind],
        }),
        text({
          path: 'election.heldOn',
          key: 'heldOn',
          label: t.importer.heldOn,
          hint: t.importer.dateHint,
          type: 'date',
          attrs: REQUIRED,
        }),
        precision('election.heldOnPrecision', 'heldOnPrecision'),
        text({
          path: 'election.secondRoundOn',
          key: 'secondRoundOn',
          label: t.importer.secondRoundOn,
          hint: t.importer.optional,
          type: 'date',
        }),
        { kind: 'check', path: 'election.early', key: 'early', label: t.importer.early },
      ],
    ],
    report: [
      [
        text({
          path: 'report.slug',
          key: 'slug',
          label: t.importer.slug,
          hint: t.importer.slugHint,
          attrs: { ...REQUIRED, autocomplete: 'off', spellcheck: 'false' },
        }),
        choice({
          path: 'report.kind',
          key: 'reportKind',
          label: t.importer.reportKind,
          options: REPORT_KINDS,
          optionLabel: (kind) => t.reportKinds[kind],
        }),
        text({
          path: 'report.publisher',
          key: 'publisher',
          label: t.common.publisher,
          attrs: REQUIRED,
        }),
        text({
          path: 'report.publishedOn',
          key: 'publishedOn',
          label: t.importer.publishedOn,
          hint: t.importer.dateHint,
          type: 'date',
          attrs: REQUIRED,
        }),
        precision('report.publishedOnPrecision', 'publishedOnPrecision'),
      ],
      text({
        path: 'report.title',
        key: 'title',
        label: t.importer.reportTitle,
        hint: t.importer.reportTitleHint,
        rows: 2,
        attrs: REQUIRED,
      }),
      [
        text({
          path: 'report.sourceUrl',
          key: 'sourceUrl',
          label: t.importer.sourceUrl,
          hint: t.importer.optional,
          type: 'url',
        }),
        text({
          path: 'report.sourceFile',
          key: 'sourceFile',
          label: t.common.sourceFile,
          hint: t.importer.sourceFileHint,
        }),
      ],
      text({
        path: 'report.note',
        key: 'note',
        label: t.report.note,
        hint: t.importer.noteHint,
        rows: 2,
      }),
    ],
  };
}
