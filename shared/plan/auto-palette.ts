/**
 * Automatic territory colours: a graph colouring of territory adjacency (two territories touch
 * when any of their units are neighbours) so no two adjacent territories share a colour.
 *
 * Palette: Okabe & Ito (2008), "Color Universal Design", the seven chromatic colours (black is
 * left out: fills and labels would drown). It was designed so the colours stay distinct for
 * protanopia, deuteranopia and tritanopia, which Tableau 10 does not guarantee (its red/green and
 * blue/purple pairs merge for deuteranopes). A map needs at most four colours in theory and DSatur
 * rarely needs more than five on real plans; when pinned (manual) colours block too many, the
 * palette is extended by lighter tints of the same seven hues.
 */

/** Okabe-Ito, chromatic colours, in the order the colouring prefers them. */
export const OKABE_ITO = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442'] as const;

/** Okabe-Ito followed by 45 % tints of the same hues (the "extended" part, used only when needed). */
export const AUTO_PALETTE: readonly string[] = [...OKABE_ITO, ...OKABE_ITO.map((hex) => tint(hex, 0.45))];

/**
 * Colours Tessera gives territories on its own (the demo plan and generated plans use Tableau 10/20):
 * a territory with one of these, or an AUTO_PALETTE colour, is treated as automatically coloured;
 * any other colour was chosen by the user and is kept.
 */
export const DEFAULT_TERRITORY_COLOURS: readonly string[] = [
  '#4e79a7', '#a0cbe8', '#f28e2b', '#ffbe7d', '#59a14f', '#8cd17d', '#b6992d', '#f1ce63', '#499894', '#86bcb6',
  '#e15759', '#ff9d9a', '#79706e', '#bab0ac', '#d37295', '#fabfd2', '#b07aa1', '#d4a6c8', '#9d7660', '#d7b5a6',
  '#76b7b2', '#edc948', '#ff9da7', '#9c755f',
];

const AUTOMATIC = new Set([...AUTO_PALETTE, ...DEFAULT_TERRITORY_COLOURS]);

/** True when `hex` was picked by the user rather than given by Tessera (case-insensitive). */
export function isManualColour(hex: string): boolean {
  return !AUTOMATIC.has(hex.toLowerCase());
}

/** Territory id -> ids of the territories it touches (symmetric, no self-loops). */
export type TerritoryAdjacency = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Territory adjacency from a unit adjacency in CSR form (neighbours of unit u are
 * `unit[start[u]] .. unit[start[u+1]-1]`, unit indices into `unitIds`), such as the metrics
 * engine's `layer.contiguity`. Unassigned units connect nothing.
 */
export function territoryAdjacency(
  adjacency: { start: ArrayLike<number>; unit: ArrayLike<number> },
  unitIds: readonly string[],
  assignments: ReadonlyMap<string, string>,
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const territoryOf = unitIds.map((id) => assignments.get(id));
  for (let u = 0; u < unitIds.length; u++) {
    const a = territoryOf[u];
    if (a === undefined) continue;
    if (!out.has(a)) out.set(a, new Set());
    for (let i = adjacency.start[u]!; i < adjacency.start[u + 1]!; i++) {
      const b = territoryOf[adjacency.unit[i]!];
      if (b === undefined || b === a) continue;
      out.get(a)!.add(b);
      if (!out.has(b)) out.set(b, new Set());
      out.get(b)!.add(a);
    }
  }
  return out;
}

export interface AutoPaletteInput {
  /** Every territory to colour, with its current colour. */
  territories: readonly { id: string; color: string }[];
  adjacency: TerritoryAdjacency;
  /** Territories whose colour must be kept (default: those with a manual colour, see isManualColour). */
  pinned?: ReadonlySet<string>;
  palette?: readonly string[];
}

/**
 * New colours for every territory (id -> `#rrggbb`): pinned territories keep theirs; the others
 * get palette colours by DSatur (most constrained territory first, ties by more neighbours, then
 * by id), each taking the first palette colour that no neighbour has and that is not too close to
 * a neighbour's pinned colour; among equally good colours it keeps its current one, so recolouring
 * twice changes nothing. Deterministic: the result depends only on the input, not on its order.
 */
export function autoPalette({ territories, adjacency, pinned, palette = AUTO_PALETTE }: AutoPaletteInput): Map<string, string> {
  const keep = pinned ?? new Set(territories.filter((t) => isManualColour(t.color)).map((t) => t.id));
  const current = new Map(territories.map((t) => [t.id, t.color.toLowerCase()]));
  const result = new Map<string, string>();
  for (const t of territories) if (keep.has(t.id)) result.set(t.id, current.get(t.id)!);

  const neighbours = (id: string) => [...(adjacency.get(id) ?? [])].filter((n) => current.has(n));
  const open = territories.map((t) => t.id).filter((id) => !keep.has(id)).sort();
  while (open.length > 0) {
    let best = 0;
    let bestKey: [number, number] = [-1, -1];
    open.forEach((id, i) => {
      const ns = neighbours(id);
      const saturation = new Set(ns.map((n) => result.get(n)).filter((c) => c !== undefined)).size;
      const key: [number, number] = [saturation, ns.length];
      if (key[0] > bestKey[0] || (key[0] === bestKey[0] && key[1] > bestKey[1])) {
        best = i;
        bestKey = key;
      }
    });
    const id = open.splice(best, 1)[0]!;
    const taken = neighbours(id)
      .map((n) => result.get(n))
      .filter((c): c is string => c !== undefined);
    const free = (hex: string) => taken.every((c) => c !== hex && colourDistance(c, hex) >= MIN_DISTANCE);
    const candidates = palette.map((c) => c.toLowerCase()).filter(free);
    const own = current.get(id)!;
    const first = candidates[0];
    // Keep the current colour when it is one of the base palette colours and still free.
    const choice = first !== undefined && candidates.slice(0, OKABE_ITO.length).includes(own) ? own : first;
    result.set(id, choice ?? fallbackColour(taken, result.size));
  }
  return result;
}

/** Colours closer than this (Euclidean RGB, 0-441) read as the same fill. */
const MIN_DISTANCE = 40;

function rgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)] : [128, 128, 128];
}

function colourDistance(a: string, b: string): number {
  const [r1, g1, b1] = rgb(a);
  const [r2, g2, b2] = rgb(b);
  return Math.hypot(r1 - r2, g1 - g2, b1 - b2);
}

function toHex(channels: number[]): string {
  return `#${channels.map((c) => Math.round(Math.max(0, Math.min(255, c))).toString(16).padStart(2, '0')).join('')}`;
}

/** Mix towards white by `amount` (0..1). */
function tint(hex: string, amount: number): string {
  return toHex(rgb(hex).map((c) => c + (255 - c) * amount));
}

/** Only when every palette colour is taken by a neighbour: golden-angle greys-to-hues, never equal to a neighbour. */
function fallbackColour(taken: readonly string[], seed: number): string {
  for (let i = seed; ; i++) {
    const hue = (i * 137.508) % 360;
    const [r, g, b] = hsl(hue, 0.5, 0.55);
    const hex = toHex([r, g, b]);
    if (taken.every((c) => c !== hex)) return hex;
  }
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return 255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1)));
  };
  return [f(0), f(8), f(4)];
}
