/** Colour helpers for deck.gl accessors, which take [r, g, b, a] with 0-255 channels. */
export type Rgba = [number, number, number, number];

/** `#rrggbb` (as Territory.color) to RGBA; anything else yields neutral grey so bad data still draws. */
export function hexToRgba(hex: string, alpha = 255): Rgba {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return [150, 150, 150, alpha];
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16), alpha];
}

/** Mix a colour towards white by `amount` (0 = unchanged, 1 = white); keeps alpha. */
export function lighten([r, g, b, a]: Rgba, amount: number): Rgba {
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  return [mix(r), mix(g), mix(b), a];
}

/** Mix a colour towards black by `amount` (0 = unchanged, 1 = black); keeps alpha. */
export function darken([r, g, b, a]: Rgba, amount: number): Rgba {
  const mix = (c: number) => Math.round(c * (1 - amount));
  return [mix(r), mix(g), mix(b), a];
}
