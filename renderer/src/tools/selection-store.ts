/**
 * The selection: a set of unit ids, view state (never an edit, never saved). Tools and search
 * change it; the map outlines it, the status bar totals it, Enter assigns it.
 */
import { useSyncExternalStore } from 'react';

export class SelectionStore {
  private ids = new Set<string>();
  private versionCounter = 0;
  private readonly listeners = new Set<() => void>();

  get units(): ReadonlySet<string> {
    return this.ids;
  }

  get version(): number {
    return this.versionCounter;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.versionCounter;

  /** Replace the selection, or add to it (shift). */
  select(unitIds: Iterable<string>, add = false): void {
    const next = add ? new Set(this.ids) : new Set<string>();
    for (const id of unitIds) next.add(id);
    this.set(next);
  }

  /** Shift-click: add the unit, or take it out when it is already selected. */
  toggle(unitId: string): void {
    const next = new Set(this.ids);
    if (next.has(unitId)) next.delete(unitId);
    else next.add(unitId);
    this.set(next);
  }

  clear(): void {
    if (this.ids.size) this.set(new Set());
  }

  private set(next: Set<string>): void {
    this.ids = next;
    this.versionCounter += 1;
    for (const listener of this.listeners) listener();
  }
}

export function useSelectionVersion(selection: SelectionStore): number {
  return useSyncExternalStore(selection.subscribe, selection.getVersion);
}
