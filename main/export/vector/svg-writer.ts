/**
 * A page as SVG 1.1, written by hand: one `<g id>` per layer, sizes in points with a viewBox in
 * points, even-odd fills (rings come oriented, so any rule agrees), text escaped.
 */
import type { Page, Pt, Shape } from '../../../shared/print/types.ts';

export const SVG_FONT = 'Helvetica, Arial, sans-serif';

export function escapeXml(text: string): string {
  // Characters XML 1.0 forbids (C0 controls but tab/newline) are dropped rather than escaped.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const n = (v: number) => (Math.round(v * 100) / 100).toString();

function pathData(rings: readonly Pt[][], close: boolean): string {
  const parts: string[] = [];
  for (const ring of rings) {
    if (ring.length < 2) continue;
    let d = `M${n(ring[0]![0])} ${n(ring[0]![1])}`;
    for (let i = 1; i < ring.length; i++) d += `L${n(ring[i]![0])} ${n(ring[i]![1])}`;
    parts.push(close ? `${d}Z` : d);
  }
  return parts.join('');
}

function shapeSvg(s: Shape): string {
  const id = 'id' in s && s.id ? ` id="${escapeXml(s.id)}"` : '';
  switch (s.kind) {
    case 'fill':
      return `<path${id} d="${pathData(s.rings, true)}" fill="${s.fill}" fill-rule="evenodd"${s.opacity !== undefined ? ` fill-opacity="${s.opacity}"` : ''}/>`;
    case 'lines':
      return `<path${id} d="${pathData(s.lines, false)}" fill="none" stroke="${s.stroke}" stroke-width="${s.width}" stroke-linejoin="round" stroke-linecap="round"/>`;
    case 'box': {
      const { x, y, w, h } = s.rect;
      const fill = s.fill ?? 'none';
      const stroke = s.stroke ? ` stroke="${s.stroke}" stroke-width="${s.width ?? 1}"` : '';
      const opacity = s.opacity !== undefined ? ` fill-opacity="${s.opacity}"` : '';
      return `<rect${id} x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${fill}"${opacity}${stroke}/>`;
    }
    case 'poly': {
      const stroke = s.stroke ? ` stroke="${s.stroke}" stroke-width="${s.width ?? 1}" stroke-linejoin="miter"` : '';
      return `<path${id} d="${pathData([s.points], s.closed)}" fill="${s.fill ?? 'none'}"${stroke}/>`;
    }
    case 'text': {
      const anchor = s.anchor && s.anchor !== 'start' ? ` text-anchor="${s.anchor}"` : '';
      const weight = s.bold ? ' font-weight="bold"' : '';
      const halo = s.halo ? ' stroke="#ffffff" stroke-width="2.4" stroke-linejoin="round" paint-order="stroke"' : '';
      return `<text${id} x="${n(s.x)}" y="${n(s.y)}" font-size="${s.size}"${weight} fill="${s.color}"${anchor}${halo}>${escapeXml(s.text)}</text>`;
    }
  }
}

export function pageToSvg(page: Page): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${n(page.width)}pt" height="${n(page.height)}pt" viewBox="0 0 ${n(page.width)} ${n(page.height)}" font-family="${SVG_FONT}">`,
    `<title>${escapeXml(page.title)}</title>`,
    `<rect id="page" width="${n(page.width)}" height="${n(page.height)}" fill="#ffffff"/>`,
  ];
  const clips: string[] = [];
  for (const layer of page.layers) {
    let clip = '';
    if (layer.clip) {
      const id = `clip-${layer.id}`;
      const { x, y, w, h } = layer.clip;
      clips.push(`<clipPath id="${id}"><rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}"/></clipPath>`);
      clip = ` clip-path="url(#${id})"`;
    }
    out.push(`<g id="${escapeXml(layer.id)}"${clip}>`);
    for (const s of layer.shapes) out.push(shapeSvg(s));
    out.push('</g>');
  }
  out.splice(4, 0, `<defs>${clips.join('')}</defs>`);
  out.push('</svg>', '');
  return out.join('\n');
}
