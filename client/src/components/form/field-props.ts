/** What every labelled field takes: `FormField` and the fields built on it. */
export interface FieldProps {
  /** The control's id; the label, hint and error refer to it. */
  id: string;
  label: string;
  hint?: string;
  /** The message to show next to the field, if its value was refused. */
  error?: string;
  required?: boolean;
}

/** The props a field built on `FormField` hands on to it, out of all it takes. */
export function fieldPropsOf({ id, label, hint, error, required }: FieldProps): FieldProps {
  return { id, label, hint, error, required };
}
