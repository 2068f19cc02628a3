/**
 * Renders deck.gl layers at any pixel size by tiles: one offscreen Deck whose canvas is one tile,
 * moved across the image at the same zoom (each tile's centre is the full image's pixel centre of
 * that tile, unprojected), drawn and copied into a 2D canvas of the full map. Tiles are whole
 * pixels apart in one Web Mercator projection, so they join without seams. The tile is at most
 * 2,048 px and never more than the GPU's renderbuffer / viewport limit (software GL here allows
 * more, but a bounded tile keeps GPU memory small and progress steps short).
 */
import { Deck, MapView, WebMercatorViewport, type Layer } from '@deck.gl/core';

export const MAX_TILE_PX = 2048;

export interface TileProgress {
  tile: number;
  tiles: number;
}

export interface MapTileRequest {
  layers: Layer[];
  view: { longitude: number; latitude: number; zoom: number };
  width: number;
  height: number;
  /** CSS colour under the layers (the water). */
  background: string;
  /** Where the map goes: a 2D context and the map's top-left there. */
  target: { context: CanvasRenderingContext2D; x: number; y: number };
  /** Largest tile edge; default the GPU limit capped at MAX_TILE_PX. */
  tileSize?: number;
  onTile?(progress: TileProgress): void;
  signal?: AbortSignal;
}

export class PrintCancelled extends Error {
  constructor() {
    super('The export was cancelled.');
  }
}

/** Largest tile this browser's WebGL can draw, capped at MAX_TILE_PX. */
export function gpuTileLimit(): number {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) throw new Error('This browser has no WebGL2, which the map needs.');
  const viewport = gl.getParameter(gl.MAX_VIEWPORT_DIMS) as Int32Array;
  const limit = Math.min(gl.getParameter(gl.MAX_RENDERBUFFER_SIZE) as number, viewport[0]!, viewport[1]!);
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return Math.min(MAX_TILE_PX, limit);
}

/** Tile rectangles covering width × height, row by row. */
export function tileGrid(width: number, height: number, tileSize: number): { x: number; y: number; width: number; height: number }[] {
  const tiles = [];
  for (let y = 0; y < height; y += tileSize) {
    for (let x = 0; x < width; x += tileSize) tiles.push({ x, y, width: Math.min(tileSize, width - x), height: Math.min(tileSize, height - y) });
  }
  return tiles;
}

/** Draws the map into `request.target`; returns the number of tiles drawn. */
export async function renderMapTiles(request: MapTileRequest): Promise<number> {
  const { width, height, view, signal } = request;
  const { context, x: left, y: top } = request.target;
  context.fillStyle = request.background;
  context.fillRect(left, top, width, height);

  const size = Math.min(request.tileSize ?? gpuTileLimit(), Math.max(width, height));
  const tileWidth = Math.min(size, width);
  const tileHeight = Math.min(size, height);
  const tiles = tileGrid(width, height, size);
  const whole = new WebMercatorViewport({ width, height, ...view });

  // The tile canvas lives in the page (deck.gl sizes it by layout) but is invisible and inert.
  const host = document.createElement('div');
  host.className = 'print-tile-host';
  Object.assign(host.style, { position: 'fixed', left: '0', top: '0', opacity: '0', pointerEvents: 'none', zIndex: '-1', overflow: 'hidden' });
  host.style.width = `${tileWidth}px`;
  host.style.height = `${tileHeight}px`;
  const canvas = document.createElement('canvas');
  host.append(canvas);
  document.body.append(host);
  let deck: Deck<MapView> | null = null;
  try {
    const loaded = new Promise<void>((resolve, reject) => {
      deck = new Deck<MapView>({
        canvas,
        width: tileWidth,
        height: tileHeight,
        useDevicePixels: false,
        views: new MapView({ id: 'print', repeat: false }),
        viewState: { ...view, pitch: 0, bearing: 0 },
        controller: false,
        layers: request.layers,
        deviceProps: { type: 'webgl', webgl: { preserveDrawingBuffer: true, antialias: true } },
        onLoad: () => resolve(),
        onError: (error) => reject(error instanceof Error ? error : new Error(String(error))),
        _animate: false,
      });
    });
    await loaded;
    const active = deck as unknown as Deck<MapView>;
    for (const [index, tile] of tiles.entries()) {
      if (signal?.aborted) throw new PrintCancelled();
      // The whole image's pixel at this tile's centre becomes the tile viewport's centre.
      const [longitude, latitude] = whole.unproject([tile.x + tileWidth / 2, tile.y + tileHeight / 2]);
      active.setProps({ viewState: { longitude: longitude!, latitude: latitude!, zoom: view.zoom, pitch: 0, bearing: 0 } });
      await drawn(active);
      context.drawImage(canvas, 0, 0, tile.width, tile.height, left + tile.x, top + tile.y, tile.width, tile.height);
      request.onTile?.({ tile: index + 1, tiles: tiles.length });
      // Let the page breathe (progress, Cancel) between tiles.
      await nextFrame();
    }
  } finally {
    (deck as Deck<MapView> | null)?.finalize();
    // Free the GPU context now rather than at garbage collection: a preview per option change
    // would otherwise run into Chromium's limit of live WebGL contexts.
    canvas.getContext('webgl2')?.getExtension('WEBGL_lose_context')?.loseContext();
    host.remove();
  }
  return tiles.length;
}

/** Draw the current view state once every layer has its data and resources. */
async function drawn(deck: Deck<MapView>): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    deck.redraw('print tile');
    const layers = (deck as unknown as { layerManager?: { getLayers(): Layer[] } }).layerManager?.getLayers() ?? [];
    if (layers.length > 0 && layers.every((layer) => layer.isLoaded)) {
      // Draw once more now that everything is loaded, and copy in this same task.
      deck.redraw('print tile');
      return;
    }
    await nextFrame();
  }
  throw new Error('The map layers did not finish loading for the export.');
}

function nextFrame(): Promise<void> {
  // A timer, not requestAnimationFrame: frames stop in a hidden window and the export must go on.
  return new Promise((resolve) => setTimeout(resolve, 0));
}
