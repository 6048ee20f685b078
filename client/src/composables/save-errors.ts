import { PROBLEM_TYPES } from '@tracker/shared/domain';
import { isApiError } from '../api/http.js';
import { failureMessage } from './failure.js';
import { fieldErrorsOf } from './field-errors.js';
import type { Messages } from '../i18n/index.js';
import type { FormProblem } from './use-form-submit.js';

export interface SaveError {
  /** With a 409 edit conflict: the record as it now is. */
  conflict?: Record<string, unknown> & { version: number };
  /** Messages for the fields the server refused, by field name. */
  fields: Record<string, string>;
  /** The message for the form as a whole, in the interface language. */
  message: (t: Messages) => string;
  /** What the form shows: the refused fields and the message (see useFormSubmit). */
  problem: (t: Messages) => FormProblem;
}

/** What a failed write of an editor's form means for the form that sent it. */
export function saveErrorOf(error: unknown): SaveError {
  const outcome = outcomeOf(error);
  return { ...outcome, problem: (t) => ({ fields: outcome.fields, message: outcome.message(t) }) };
}

function outcomeOf(error: unknown): Omit<SaveError, 'problem'> {
  if (!isApiError(error)) return { fields: {}, message: (t) => failureMessage(error, t) };
  const { problem } = error;
  // Only an edit conflict carries `current` (another 409, a record still referred to, does not).
  if (
    problem.type === PROBLEM_TYPES.editConflict &&
    typeof problem.current === 'object' &&
    problem.current !== null
  ) {
    return {
      conflict: problem.current as SaveError['conflict'],
      fields: {},
      message: (t) => t.editor.failed(problem.detail),
    };
  }
  const fields = problem.status === 400 ? fieldErrorsOf(problem) : {};
  return {
    fields,
    message: (t) => {
      if (problem.status === 401) return t.editor.signedOutMeanwhile;
      if (problem.status === 403) return t.editor.forbidden;
      if (Object.keys(fields).length > 0) return t.editor.fixErrors;
      return t.editor.failed(problem.detail);
    },
  };
}
