/**
 * The map's colour mode as React state, and the fill scale it implies, memoized so an edit never
 * reclassifies a field (field classes depend only on the field, not on the plan).
 *
 * Two halves, so an edit does not re-render the Workspace: `useColourMode` (in the Workspace: the
 * mode, the field classes) changes only with the mode, and `usePlanColouring` (in the components
 * that follow the plan themselves: the map, the image export) adds the plan version's fill scale.
 */
import { useEffect, useMemo, useState } from 'react';
import type { PlanState } from '../../../shared/edit/edit-ops.ts';
import type { MetricsLayer } from '../../../shared/metrics/index.ts';
import type { MetricsReport } from '../../../shared/metrics/types.ts';
import { deviationScale, fieldScale, territoryScale, type ColourMode, type FillScale } from './colour-mode.ts';
import { testHook } from '../test-hook.ts';
import type { LiveMetrics } from '../state/live-metrics.ts';
import type { PlanStore } from '../state/plan-store.ts';
import { usePlanChanges } from '../state/use-project.ts';

export interface MapColouring {
  mode: ColourMode;
  setMode(mode: ColourMode): void;
  scale: FillScale;
  /** Fields a choropleth can show, with labels. */
  fields: { field: string; label: string }[];
}

/** The colour mode without the plan version: what the Workspace holds. */
export interface ColourModeState {
  mode: ColourMode;
  setMode(mode: ColourMode): void;
  fields: { field: string; label: string }[];
  plan: PlanState;
  tolerancePct: number;
  /** The choropleth's scale (it never depends on the plan), or null in the other modes. */
  fieldScale: FillScale | null;
}

export interface ColourModeInput {
  plan: PlanState;
  layer: MetricsLayer;
  tolerancePct: number;
  fields: { field: string; label: string }[];
  formatValue(field: string, value: number): string;
}

export function useColourMode(input: ColourModeInput): ColourModeState {
  const { plan, layer, tolerancePct, fields, formatValue } = input;
  const [mode, setMode] = useState<ColourMode>({ kind: 'territory' });
  const labelOf = useMemo(() => new Map(fields.map((f) => [f.field, f.label])), [fields]);
  const fieldScaleOfMode = useMemo(
    () => (mode.kind === 'field' ? fieldScale({ layer, formatValue, fieldLabel: (f) => labelOf.get(f) ?? f }, mode) : null),
    [mode, layer, formatValue, labelOf],
  );
  useEffect(() => testHook.colourMode(mode.kind), [mode.kind]);
  return useMemo(
    () => ({ mode, setMode, fields, plan, tolerancePct, fieldScale: fieldScaleOfMode }),
    [mode, fields, plan, tolerancePct, fieldScaleOfMode],
  );
}

/**
 * The fill scale of this plan version. Only the deviation mode depends on the report (new per
 * version); the territory scale reads the (mutated) plan when called and its colours follow the
 * plan version in unit-colours.ts, so in that mode an edit keeps the same scale object.
 */
export function usePlanColouring(state: ColourModeState, report: MetricsReport): MapColouring {
  const deviationReport = state.fieldScale === null && state.mode.kind === 'deviation' ? report : null;
  const scale = useMemo(() => {
    if (state.fieldScale) return state.fieldScale;
    if (deviationReport) return deviationScale({ plan: state.plan, report: deviationReport, tolerancePct: state.tolerancePct });
    return territoryScale({ plan: state.plan });
  }, [state, deviationReport]);
  return useMemo(() => ({ mode: state.mode, setMode: state.setMode, fields: state.fields, scale }), [state, scale]);
}

/** What a component needs to follow the plan and colour it by itself (LiveTerritoryMap, LiveMapExport). */
export interface LivePlanColouring {
  store: PlanStore;
  live: LiveMetrics;
  /** Names the balance setting: see usePlanInsights. */
  balanceKey: string;
  colourMode: ColourModeState;
}

/** The store's current plan version and its colouring, re-rendering the caller on every plan change. */
export function useLivePlanColouring({ store, live, balanceKey, colourMode }: LivePlanColouring): { planVersion: number; colouring: MapColouring } {
  const planVersion = usePlanChanges(store);
  return { planVersion, colouring: usePlanColouring(colourMode, live.reportFor(planVersion, balanceKey)) };
}
