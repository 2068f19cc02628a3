/**
 * The map's colour mode as React state, and the fill scale it implies, memoized so an edit never
 * reclassifies a field (field classes depend only on the field, not on the plan).
 */
import { useEffect, useMemo, useState } from 'react';
import type { PlanState } from '../../../shared/edit/edit-ops.ts';
import type { MetricsLayer } from '../../../shared/metrics/index.ts';
import type { MetricsReport } from '../../../shared/metrics/types.ts';
import { deviationScale, fieldScale, territoryScale, type ColourMode, type FillScale } from './colour-mode.ts';
import { testHook } from '../test-hook.ts';

export interface MapColouring {
  mode: ColourMode;
  setMode(mode: ColourMode): void;
  scale: FillScale;
  /** Fields a choropleth can show, with labels. */
  fields: { field: string; label: string }[];
}

export interface MapColouringInput {
  plan: PlanState;
  planVersion: number;
  layer: MetricsLayer;
  report: MetricsReport;
  tolerancePct: number;
  fields: { field: string; label: string }[];
  formatValue(field: string, value: number): string;
}

export function useMapColouring(input: MapColouringInput): MapColouring {
  const { plan, planVersion, layer, report, tolerancePct, fields, formatValue } = input;
  const [mode, setMode] = useState<ColourMode>({ kind: 'territory' });
  const labelOf = useMemo(() => new Map(fields.map((f) => [f.field, f.label])), [fields]);
  const field = useMemo(
    () => (mode.kind === 'field' ? fieldScale({ layer, formatValue, fieldLabel: (f) => labelOf.get(f) ?? f }, mode) : null),
    [mode, layer, formatValue, labelOf],
  );
  // The plan is mutated in place; planVersion (and the report, new per version) tell these memos it changed.
  const scale = useMemo(() => {
    if (field) return field;
    if (mode.kind === 'deviation') return deviationScale({ plan, report, tolerancePct });
    return territoryScale({ plan });
  }, [field, mode.kind, plan, planVersion, report, tolerancePct]);
  useEffect(() => testHook.colourMode(mode.kind), [mode.kind]);
  return { mode, setMode, scale, fields };
}
