import { shallowRef, watchEffect } from 'vue';
import { currentMessages } from '../i18n/index.js';

/**
 * What the page on screen is called in a citation (the layout's Cite this block reads it):
 * undefined while the page has not said, or names nothing (the site's own name then).
 */
export const citedTitle = shallowRef<string | undefined>();

/**
 * Keeps document.title in step with the page and the language: "<page> · <site>". `cited`: how a
 * citation names the page, when not by its title (a report by its full title).
 */
export function useDocumentTitle(
  page: () => string | undefined,
  cited: () => string | undefined = page,
) {
  watchEffect(() => {
    const title = page();
    document.title = title
      ? currentMessages().meta.title(title)
      : currentMessages().meta.siteNameLong;
    citedTitle.value = cited();
  });
}
