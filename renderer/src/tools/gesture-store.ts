/**
 * The gesture in progress (box, lasso path, brush circle) as a tiny external store: the SVG overlay
 * subscribes to it alone, so a pointer move during a drag re-renders that overlay and not the
 * Workspace (map, panel, sidebar), which would cost tens of ms per move at 33,000 units.
 */
import { useSyncExternalStore } from 'react';
import type { Gesture } from './tool-types.ts';

export class GestureStore {
  private gesture: Gesture | null = null;
  private readonly listeners = new Set<() => void>();

  get = (): Gesture | null => this.gesture;

  set(gesture: Gesture | null): void {
    if (gesture === this.gesture) return;
    this.gesture = gesture;
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

export function useGesture(store: GestureStore): Gesture | null {
  return useSyncExternalStore(store.subscribe, store.get);
}
