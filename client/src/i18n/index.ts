import { computed, readonly, ref } from 'vue';
import type { DatePrecision } from '@tracker/shared/domain';
import { en } from './en.js';
import type { Messages } from './en.js';
import { formatCalendarDate, formatNumber, formatTimestamp } from './format.js';
import { ru } from './ru.js';

export type { Messages } from './en.js';

export const LOCALES = ['en', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language's own name, shown in the switch in that language. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ru: 'Русский' };

const CATALOGUES: Record<Locale, Messages> = { en, ru };

/**
 * The tags used for formatting: British English gives "15 December 2004" and 24-hour times, as
 * OSCE documents write them; Russian as written in Russia.
 */
const FORMAT_LOCALES: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU' };
const STORAGE_KEY = 'tracker.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The remembered choice; else the browser's preferred language if we have it; else English. */
export function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage can be disabled (private mode, strict settings); the switch then lasts a visit.
  }
  const preferred = (navigator.languages ?? [navigator.language]).map((tag) => tag.slice(0, 2));
  return preferred.find(isLocale) ?? 'en';
}

/*
 * One module-level state rather than a Pinia store: the router's title hook and main.ts need the
 * language before any component exists, and this is all the state there is.
 */
const current = ref<Locale>('en');

export function setLocale(locale: Locale, remember = true): void {
  current.value = locale;
  document.documentElement.lang = locale;
  if (!remember) return;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // See initialLocale.
  }
}

const messages = computed<Messages>(() => CATALOGUES[current.value]);

/** Interface text and locale-aware formatting. Data (quotes, titles) is never translated. */
export function useI18n() {
  return {
    locale: readonly(current),
    t: messages,
    setLocale,
    date: (iso: string, precision?: DatePrecision) =>
      formatCalendarDate(FORMAT_LOCALES[current.value], iso, precision),
    timestamp: (iso: string) => formatTimestamp(FORMAT_LOCALES[current.value], iso),
    number: (value: number) => formatNumber(FORMAT_LOCALES[current.value], value),
  };
}

/** For code outside components (document titles). */
export function currentMessages(): Messages {
  return messages.value;
}
