/**
 * Windowing for long lists of fixed-size items (the territory table's rows, the deviation chart's
 * bars): which items are in view of a scroll container, plus an overscan on each side, so a list
 * of 500 renders a few dozen DOM nodes instead of all of them. Fewer nodes is what makes an edit
 * cheap: after React commits, the browser lays out (and deck.gl's widget manager forces that layout
 * by reading clientWidth) only what is in the document.
 *
 * The items start at `items` (an element inside `scroller`), one after the other, `itemSize` px
 * each along `axis`. Geometry is read only in a scroll listener and a ResizeObserver callback,
 * i.e. when the browser has just laid out anyway — never while rendering, so an edit forces no
 * extra layout. Whatever sits above the items (warnings that come and go) moves them: the observer
 * watches the scroller, the items element and every element before it in the scrolled content.
 */
import { useEffect, useState, type RefObject } from 'react';

export interface VirtualWindow {
  /** First item to render. */
  start: number;
  /** One past the last item to render. */
  end: number;
  /** Empty space before / after the rendered items, px (spacers keep the scroll height). */
  before: number;
  after: number;
}

export interface VirtualWindowOptions {
  scroller: RefObject<HTMLElement | null>;
  items: RefObject<Element | null>;
  count: number;
  itemSize: number;
  axis: 'x' | 'y';
  /** Items rendered beyond each edge of the view, so a short scroll shows no blank rows. */
  overscan: number;
  /** False renders every item (short lists: windowing would save nothing). */
  enabled: boolean;
}

/** Where the items are seen from the scroller, in px along the axis. */
interface View {
  /** Scroll position minus the items' start in the scrolled content (negative: items below the top). */
  offset: number;
  /** The scroller's visible length. */
  length: number;
}

export function useVirtualWindow({ scroller, items, count, itemSize, axis, overscan, enabled }: VirtualWindowOptions): VirtualWindow {
  // Before the first measurement: assume the items start at the top of a 1,000 px view.
  const [view, setView] = useState<View>({ offset: 0, length: 1000 });

  // A passive effect, not a layout effect: the scroller is usually an ancestor, whose ref React
  // attaches only after the layout effects of its children have run.
  useEffect(() => {
    const scrollEl = scroller.current;
    const itemsEl = items.current;
    if (!enabled || !scrollEl || !itemsEl) return;
    // Scroll events and ResizeObserver callbacks come in the rendering steps, after layout: the
    // reads below find it clean. (The first measurement, here, happens once per mount.)
    const measure = () => {
      const box = scrollEl.getBoundingClientRect();
      const start = itemsEl.getBoundingClientRect();
      const next: View =
        axis === 'y'
          ? { offset: box.top + scrollEl.clientTop - start.top, length: scrollEl.clientHeight }
          : { offset: box.left + scrollEl.clientLeft - start.left, length: scrollEl.clientWidth };
      // A new object only when the item range could change, so scrolling within a row re-renders nothing.
      setView((current) => (sameRange(current, next, itemSize) ? current : next));
    };
    measure();
    scrollEl.addEventListener('scroll', measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(scrollEl);
    observer.observe(itemsEl);
    // What comes before the items in the scrolled content pushes them when it grows or shrinks.
    let child: Element = itemsEl;
    while (child.parentElement && child.parentElement !== scrollEl) child = child.parentElement;
    for (let el = child.previousElementSibling; el; el = el.previousElementSibling) observer.observe(el);
    return () => {
      scrollEl.removeEventListener('scroll', measure);
      observer.disconnect();
    };
  }, [scroller, items, axis, enabled, itemSize]);

  if (!enabled || count === 0) return { start: 0, end: count, before: 0, after: 0 };
  const start = Math.min(count, Math.max(0, Math.floor(view.offset / itemSize) - overscan));
  const end = Math.max(start, Math.min(count, Math.ceil((view.offset + view.length) / itemSize) + overscan));
  return { start, end, before: start * itemSize, after: (count - end) * itemSize };
}

/** Same first and last visible item: the rendered range cannot differ. */
function sameRange(a: View, b: View, itemSize: number): boolean {
  return Math.floor(a.offset / itemSize) === Math.floor(b.offset / itemSize) && Math.ceil((a.offset + a.length) / itemSize) === Math.ceil((b.offset + b.length) / itemSize);
}
