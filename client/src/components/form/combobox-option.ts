/** One option of a `ComboboxField`: the value chosen, the text shown, and a second line. */
export interface ComboboxOption<T extends string | number> {
  value: T;
  label: string;
  detail?: string;
}
