/** The anchor of a line or a range of lines of a source text: `L120`, `L120-L134`. */
export function lineAnchor(start: number, end: number): string {
  return start === end ? `L${start}` : `L${start}-L${end}`;
}

/** The lines an anchor names, in order; undefined if it names none. */
export function parseLineAnchor(hash: string): { start: number; end: number } | undefined {
  const match = /^#?L(\d{1,9})(?:-L?(\d{1,9}))?$/.exec(hash);
  if (!match) return undefined;
  const a = Number(match[1]);
  const b = match[2] === undefined ? a : Number(match[2]);
  if (a < 1 || b < 1) return undefined;
  return { start: Math.min(a, b), end: Math.max(a, b) };
}
