import { watchEffect } from 'vue';
import { currentMessages } from '../i18n/index.js';

/** Keeps document.title in step with the page and the language: "<page> · <site>". */
export function useDocumentTitle(page: () => string | undefined) {
  watchEffect(() => {
    const title = page();
    document.title = title
      ? currentMessages().meta.title(title)
      : currentMessages().meta.siteNameLong;
  });
}
