import { nextTick, ref, watch } from 'vue';

/**
 * The heading of a paged list, which takes focus when another page of it is chosen: the reader
 * (and a screen reader) starts again at the top of the new page.
 *
 * @param page the page the address names
 * @param scroll whether to bring the heading to the top of the window too
 */
export function usePageHeading(page: () => number | undefined, scroll = false) {
  const heading = ref<HTMLElement | null>(null);
  watch(page, async (next, previous) => {
    if (next === previous) return;
    await nextTick();
    heading.value?.focus();
    if (scroll) heading.value?.scrollIntoView({ block: 'start' });
  });
  return heading;
}
