/** A lineage link by its ends: the later recommendation repeats or continues the earlier. */
export interface LinkEnds {
  id: number;
  later: number;
  earlier: number;
}

/** One link of a recommendation's lineage as the detail shows it. */
export interface ReachedLink {
  linkId: number;
  /** 1 for the recommendation's own links, its near side's distance plus one beyond. */
  depth: number;
  /** The near side: the recommendation the walk reached the link through. */
  via: number;
}

/** How many links away the API's lineage goes at most (db/sql/lineage-closure.sql). */
const DEPTH_CAP = 32;

/**
 * The lineage the API promises, worked out here from the links alone: from `start`, breadth first
 * towards the earlier recommendations or the later ones, each recommendation reached once, at its
 * least distance, at most 32 links away; then every link of a recommendation reached nearer than
 * 32 whose far side was reached no nearer than it (a link leading back towards the start is left
 * out, so a cycle shows once), at its near side's distance plus one, through it. In link order.
 */
export function expectedLineage(
  links: readonly LinkEnds[],
  start: number,
  direction: 'earlier' | 'later',
): ReachedLink[] {
  const near = (link: LinkEnds) => (direction === 'earlier' ? link.later : link.earlier);
  const far = (link: LinkEnds) => (direction === 'earlier' ? link.earlier : link.later);
  const distance = new Map<number, number>([[start, 0]]);
  let frontier = new Set([start]);
  for (let depth = 0; frontier.size > 0 && depth < DEPTH_CAP; depth++) {
    const next = new Set<number>();
    for (const link of links) {
      if (frontier.has(near(link)) && !distance.has(far(link))) {
        distance.set(far(link), depth + 1);
        next.add(far(link));
      }
    }
    frontier = next;
  }
  const shown: ReachedLink[] = [];
  for (const link of links) {
    const from = distance.get(near(link));
    if (from === undefined || from >= DEPTH_CAP) continue;
    if (distance.get(far(link))! >= from) {
      shown.push({ linkId: link.id, depth: from + 1, via: near(link) });
    }
  }
  return shown.sort((a, b) => a.linkId - b.linkId);
}
