import { isApiError } from '../../api/http.js';
import { fieldErrorsOf } from '../../composables/field-errors.js';
import type { Messages } from '../../i18n/index.js';

export interface SaveError {
  /** With a 409 edit conflict: the record as it now is. */
  conflict?: Record<string, unknown> & { version: number };
  /** Messages for the fields the server refused, by field name. */
  fields: Record<string, string>;
  /** The message for the form as a whole, in the interface language. */
  message: (t: Messages) => string;
}

/** What a failed write means for the form that sent it. */
export function saveErrorOf(error: unknown): SaveError {
  if (!isApiError(error)) return { fields: {}, message: (t) => t.common.errorNetwork };
  const { problem } = error;
  // Only an edit conflict carries `current` (another 409, a record still referred to, does not).
  // Not compared with PROBLEM_TYPES: that module would bring zod into the web app's bundle.
  if (problem.status === 409 && typeof problem.current === 'object' && problem.current !== null) {
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
