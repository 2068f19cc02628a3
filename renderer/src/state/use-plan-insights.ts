/**
 * Everything the panel and the map's colour modes need from the live metrics, in one hook for the
 * Workspace: the engine, balance fields and tolerance, the choropleth fields, the colour mode,
 * island names, and the "Recolour automatically" command. Nothing here changes with an edit: the
 * report of a plan version is read by the components that follow the plan themselves
 * (`live.reportFor(planVersion, balanceKey)`: LiveTerritoryPanel, LiveTerritoryMap).
 */
import { useCallback, useMemo, useState } from 'react';
import type { MapData } from '../../../shared/model/project.ts';
import type { BalanceField } from '../../../shared/metrics/types.ts';
import { territoryAdjacency } from '../../../shared/plan/auto-palette.ts';
import { recolourEdit } from '../../../shared/plan/recolour.ts';
import { BUILTIN_LABELS, formatFieldTotal } from '../panel/metrics-format.ts';
import { useColourMode } from '../map/use-map-colouring.ts';
import type { PlanStore } from './plan-store.ts';
import { useLiveMetrics } from './use-metrics.ts';
import type { DriveTimes } from '../../../shared/model/drive-time.ts';
import { useDriveProvider } from '../drive-time/use-drive-times.ts';

/** Default tolerance band around the target, percent. */
export const DEFAULT_TOLERANCE_PCT = 10;

export function usePlanInsights(data: MapData, store: PlanStore, driveTimes: DriveTimes | null = null) {
  const live = useLiveMetrics(data, store);
  // network drive minutes replace the estimate once main has them (renderer/src/drive-time/)
  const driveKey = useDriveProvider(live, data, driveTimes);
  const [balance, setBalanceState] = useState<readonly BalanceField[]>(() => live.balanceFields);
  const [tolerancePct, setTolerance] = useState(DEFAULT_TOLERANCE_PCT);
  /** Names the balance setting and drive-time source: the report of a plan version depends on them. */
  const balanceKey = balance.map((b) => `${b.field}*${b.weight ?? 1}`).join('+') + `|${driveKey}`;

  const fieldOptions = useMemo(() => {
    const labels = new Map(data.fields.map((f) => [f.name, f.label]));
    return live.layer.fields.map((field) => ({ field, label: BUILTIN_LABELS[field] ?? labels.get(field) ?? field }));
  }, [live, data.fields]);
  // Every unit counts 1 in "units": nothing to map.
  const mapFields = useMemo(() => fieldOptions.filter((f) => f.field !== 'units'), [fieldOptions]);
  const defaultField = live.layer.fieldIndex.has('population') ? 'population' : (live.layer.fields[live.layer.fields.length - 1] ?? 'units');

  const setBalance = useCallback(
    (fields: BalanceField[]) => {
      live.setBalance(fields);
      setBalanceState(live.balanceFields);
    },
    [live],
  );
  const unitNames = useMemo(() => new Map(data.units.map((u) => [u.id, u.name])), [data.units]);
  const islandNames = useCallback(
    (territoryId: string) => live.islands(territoryId).map((id) => `${unitNames.get(id) ?? id} (${id})`),
    [live, unitNames],
  );
  const recolour = useCallback(() => {
    void store.execute((plan) =>
      recolourEdit(plan, territoryAdjacency(live.layer.contiguity, live.layer.unitIds, plan.assignments)),
    );
  }, [store, live]);

  const colourMode = useColourMode({
    plan: store.plan,
    layer: live.layer,
    tolerancePct,
    fields: mapFields,
    formatValue: formatFieldTotal,
  });

  return { live, balanceKey, balance, setBalance, tolerancePct, setTolerance, fieldOptions, defaultField, islandNames, recolour, colourMode };
}
