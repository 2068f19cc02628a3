/**
 * deck.gl's map controller, except that a key which does not move the map (Ctrl+Z, the tool
 * shortcuts) leaves it at once: deck.gl builds the whole controller state, a viewport included,
 * for every keydown on the map before it looks at the key, about 0.5 ms of main-thread time per
 * keystroke (so 1 ms of every Ctrl+Z).
 */
import { MapController } from '@deck.gl/core';

/** The keys deck.gl's controller acts on (zoom with - and =, pan or rotate with the arrows). */
const NAVIGATION_KEYS = new Set(['Minus', 'Equal', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']);

type KeyDownEvent = Parameters<MapController['_onKeyDown']>[0];

export class TesseraMapController extends MapController {
  protected override _onKeyDown(event: KeyDownEvent): boolean {
    return NAVIGATION_KEYS.has(event.srcEvent.code) && super._onKeyDown(event);
  }
}
