/**
 * Keeps deck.gl layer instances whose inputs did not change, so an edit hands deck.gl the same
 * objects for the base map, the unit mesh, accounts and reps: deck.gl then skips their prop diff
 * and sublayer regeneration (about 2-3 ms per edit on the 33,000-unit test layer), and only the
 * plan's layers (unit fills, territory borders) are new. Inputs are compared by identity, so
 * every input a group's layers read must be in its `deps`.
 */
import type { Layer } from '@deck.gl/core';

export class LayerCache {
  private readonly groups = new Map<string, { deps: readonly unknown[]; layers: Layer[] }>();

  /** The group's layers from the last call if every dep is the same object, else `build()`'s. */
  get(group: string, deps: readonly unknown[], build: () => Layer[]): Layer[] {
    const kept = this.groups.get(group);
    if (kept && kept.deps.length === deps.length && kept.deps.every((d, i) => d === deps[i])) return kept.layers;
    const layers = build();
    this.groups.set(group, { deps, layers });
    return layers;
  }
}

/** Without a cache (one-off renders such as print), every group is built fresh. */
export function layerGroup(cache: LayerCache | undefined, group: string, deps: readonly unknown[], build: () => Layer[]): Layer[] {
  return cache ? cache.get(group, deps, build) : build();
}
