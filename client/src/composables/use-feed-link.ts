import { onBeforeUnmount, watchEffect } from 'vue';

/**
 * Announces a page's Atom feed to browsers and feed readers with
 * `<link rel="alternate" type="application/atom+xml">` in the document head, kept up to date
 * while the page shows and removed when it goes (the app is one document for every page).
 */
export function useFeedLink(feed: () => { href: string; title: string } | null): void {
  let element: HTMLLinkElement | null = null;
  const stop = watchEffect(() => {
    const current = feed();
    if (!current) {
      element?.remove();
      element = null;
      return;
    }
    if (!element) {
      element = document.createElement('link');
      element.rel = 'alternate';
      element.type = 'application/atom+xml';
      document.head.append(element);
    }
    element.href = current.href;
    element.title = current.title;
  });
  onBeforeUnmount(() => {
    stop();
    element?.remove();
    element = null;
  });
}
