/** Territory commands bound to the PlanStore and the paint target: each call is one undoable edit. */
import { useMemo } from 'react';
import type { Territory } from '../../../shared/model/project.ts';
import type { PlanStore } from '../state/plan-store.ts';
import {
  createTerritory,
  deleteTerritory,
  mergeTerritories,
  nextTerritoryId,
  updateTerritory,
} from '../../../shared/edit/territory-commands.ts';
import { freeSwatch } from '../territories/palette.ts';

export interface TerritoryActions {
  create(name: string): void;
  update(patch: Partial<Omit<Territory, 'id'>>): void;
  remove(): void;
  merge(absorbedId: string): void;
}

export function useTerritoryActions(store: PlanStore, target: string | null, setTarget: (t: string | null) => void): TerritoryActions {
  return useMemo(
    () => ({
      create(name) {
        const id = nextTerritoryId(store.plan);
        const color = freeSwatch([...store.plan.territories.values()].map((t) => t.color));
        void store.execute((plan) => createTerritory(plan, { id, name, color, repId: null, locked: false }));
        setTarget(id);
      },
      update(patch) {
        if (target !== null) void store.execute((plan) => updateTerritory(plan, target, patch));
      },
      remove() {
        if (target === null) return;
        const next = [...store.plan.territories.keys()].find((id) => id !== target) ?? null;
        void store.execute((plan) => deleteTerritory(plan, target));
        if (!store.plan.territories.has(target)) setTarget(next);
      },
      merge(absorbedId) {
        if (target !== null) void store.execute((plan) => mergeTerritories(plan, target, absorbedId));
      },
    }),
    [store, target, setTarget],
  );
}
