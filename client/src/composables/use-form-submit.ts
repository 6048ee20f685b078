import { nextTick, ref } from 'vue';
import type { ComponentPublicInstance, Ref } from 'vue';
import { isApiError } from '../api/http.js';
import { useI18n } from '../i18n/index.js';
import type { Messages } from '../i18n/index.js';
import { failureMessage } from './failure.js';
import { fieldErrorsOf } from './field-errors.js';

/** What went wrong with a form: messages by field, and one for the form as a whole. */
export interface FormProblem {
  fields?: Record<string, string>;
  message?: string;
}

export interface Submission {
  /**
   * Checks made before sending (a required field left empty): a problem, even an empty one (the
   * form shows its own summary), stops the submission and focus goes to it.
   */
  check?: () => FormProblem | undefined;
  /** Sends the form; throws on failure. */
  send: () => Promise<void>;
  /**
   * What a failure means for the form. Answer null when the failure was dealt with otherwise (an
   * edit conflict shown instead of the form). By default: the fields the server refused (400)
   * and the failure's message.
   */
  failure?: (error: unknown) => FormProblem | null;
}

export interface FormSubmit {
  fieldErrors: Ref<Record<string, string>>;
  formError: Ref<string | undefined>;
  saving: Ref<boolean>;
  /** Bind as the template ref of the form's `FormErrorNotice` (`ref="formErrorElement"`). */
  formErrorElement: Ref<HTMLElement | ComponentPublicInstance | null | undefined>;
  /** Runs a submission; answers whether it was sent successfully. Ignored while one is running. */
  submit: (submission: Submission) => Promise<boolean>;
  /** Shows a problem found outside a submission, and puts focus on it. */
  show: (problem: FormProblem) => Promise<void>;
  /** Clears the messages. */
  reset: () => void;
}

/** The default meaning of a failure: the refused fields of a 400, and the failure's message. */
export function formProblemOf(error: unknown, t: Messages): FormProblem {
  const fields =
    isApiError(error) && error.problem.status === 400 ? fieldErrorsOf(error.problem) : {};
  return { fields, message: failureMessage(error, t) };
}

/**
 * Submitting a form, written once: the fields' and the form's messages, the saving state, and
 * focus on the first problem (the first refused field in the form's order, else the form's
 * message) after a refused check or a failed request.
 *
 * @param fields the form's fields in the order they appear
 * @param idOf the id of a field's control
 * @param formErrorId the id of the form's message, where it cannot be a template ref (in a v-for)
 */
export function useFormSubmit(
  fields: readonly string[] | (() => readonly string[]),
  idOf: (field: string) => string,
  formErrorId?: string,
): FormSubmit {
  const { t } = useI18n();
  const fieldErrors = ref<Record<string, string>>({});
  const formError = ref<string>();
  const saving = ref(false);
  const formErrorElement = ref<HTMLElement | ComponentPublicInstance | null>();

  function reset() {
    fieldErrors.value = {};
    formError.value = undefined;
  }

  async function show(problem: FormProblem) {
    fieldErrors.value = problem.fields ?? {};
    formError.value = problem.message;
    await nextTick();
    const order = typeof fields === 'function' ? fields() : fields;
    const first = order.find((field) => fieldErrors.value[field]);
    if (first) document.getElementById(idOf(first))?.focus();
    else if (formErrorId) document.getElementById(formErrorId)?.focus();
    else {
      const target = formErrorElement.value;
      const element = target instanceof HTMLElement ? target : target?.$el;
      if (element instanceof HTMLElement) element.focus();
    }
  }

  async function submit(submission: Submission): Promise<boolean> {
    if (saving.value) return false;
    reset();
    const refused = submission.check?.();
    if (refused) {
      await show(refused);
      return false;
    }
    saving.value = true;
    try {
      await submission.send();
      return true;
    } catch (error) {
      const problem = submission.failure
        ? submission.failure(error)
        : formProblemOf(error, t.value);
      if (problem) await show(problem);
      return false;
    } finally {
      saving.value = false;
    }
  }

  return { fieldErrors, formError, saving, formErrorElement, submit, show, reset };
}
