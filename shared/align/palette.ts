/** Names, ids and colours for generated territories (deterministic, by position). */

const TABLEAU_10 = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** CSS hex colour `#rrggbb` of the i-th generated territory (Tableau 10, then golden-angle hues). */
export function territoryColor(i: number): string {
  if (i < TABLEAU_10.length) return TABLEAU_10[i]!;
  const hue = (i * 137.508) % 360;
  const lightness = [0.55, 0.42, 0.68][i % 3]!;
  return hslToHex(hue, 0.55, lightness);
}

/** Ids `A01`, `A02`, ... (zero-padded to the count), skipping ids already taken. */
export function territoryIds(count: number, taken: ReadonlySet<string>): string[] {
  const width = Math.max(2, String(count).length);
  const ids: string[] = [];
  for (let n = 1; ids.length < count; n++) {
    const id = `A${String(n).padStart(width, '0')}`;
    if (!taken.has(id)) ids.push(id);
  }
  return ids;
}

function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number): string => {
    const k = (n + h / 30) % 12;
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}
