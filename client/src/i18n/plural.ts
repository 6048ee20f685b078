/**
 * Plural forms by CLDR category. English needs `one` and `other`; Russian also `few` and `many`
 * (1 год, 2 года, 5 лет), which is why catalogues hold functions rather than fixed strings.
 */
export interface PluralForms {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

const rulesCache = new Map<string, Intl.PluralRules>();

/** Picks the form for `count` in `locale`; `{n}` in the form is replaced by `formatted`. */
export function plural(locale: string, count: number, forms: PluralForms, formatted?: string) {
  let rules = rulesCache.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    rulesCache.set(locale, rules);
  }
  const category = rules.select(count) as keyof PluralForms;
  const form = forms[category] ?? forms.other;
  return form.replaceAll('{n}', formatted ?? new Intl.NumberFormat(locale).format(count));
}
