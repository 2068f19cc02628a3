/**
 * Map colour modes: what a unit's fill shows and the legend that explains it.
 * - territory: the territory's colour (unassigned grey);
 * - field: a choropleth of a numeric unit field (or accounts / potential per unit), classed by
 *   quantiles or natural breaks (5-7 classes) or continuous, on the viridis scale;
 * - deviation: each territory's deviation from target on a diverging scale whose middle class is
 *   the tolerance band.
 * Each scale returns the accessor plus a key that changes exactly when its output can change
 * (it goes into the layer's updateTriggers), and the legend for the same state.
 */
import type { PlanState } from '../../../shared/edit/edit-ops.ts';
import type { MetricsLayer } from '../../../shared/metrics/index.ts';
import type { MetricsReport } from '../../../shared/metrics/types.ts';
import { classBreaks, classOf, type ClassMethod } from '../../../shared/plan/classify.ts';
import {
  DEVIATION_COLOURS,
  deviationClass,
  deviationClassLabels,
  sequentialClasses,
  sequentialColour,
  type Rgb,
} from '../../../shared/plan/colour-scales.ts';
import type { Rgba } from '../util/color.ts';
import type { MapTheme } from './map-theme.ts';
import { unitFill } from './map-theme.ts';

export type FieldScale = ClassMethod | 'continuous';

export type ColourMode =
  | { kind: 'territory' }
  | { kind: 'field'; field: string; scale: FieldScale; classes: number }
  | { kind: 'deviation' };

export interface LegendEntry {
  colour: string;
  label: string;
}

export type Legend =
  | { kind: 'territory'; title: string }
  | { kind: 'classes'; title: string; entries: LegendEntry[] }
  | { kind: 'gradient'; title: string; stops: string[]; min: string; max: string };

export interface FillScale {
  key: string;
  /** Fill of a unit in the map theme drawn (unassigned and no-data units take the theme's grey). */
  fill(unitId: string, theme: MapTheme): Rgba;
  /**
   * Present when a unit's fill depends only on its territory (territory and deviation modes):
   * `fill(unit)` = `territoryFill(territory of unit)`. The map then recolours only the units that
   * changed territory and those of territories whose colour changed (unit-colours.ts).
   */
  territoryFill?(territoryId: string | undefined, theme: MapTheme): Rgba;
  legend: Legend;
}

export interface FillInput {
  plan: PlanState;
  layer: MetricsLayer;
  report: MetricsReport;
  tolerancePct: number;
  fieldLabel(field: string): string;
  formatValue(field: string, value: number): string;
}

/** Opacity of choropleth and deviation fills (a bit more than territory fills: the colour is the data). */
const DATA_ALPHA = 232;

const css = ([r, g, b]: Rgb) => `rgb(${r}, ${g}, ${b})`;

export function territoryScale({ plan }: Pick<FillInput, 'plan'>): FillScale {
  const territoryFill = (territoryId: string | undefined, theme: MapTheme) => {
    const territory = territoryId === undefined ? undefined : plan.territories.get(territoryId);
    return unitFill(theme, territory ? territory.color : null);
  };
  return {
    key: 'territory',
    fill: (unitId, theme) => territoryFill(plan.assignments.get(unitId), theme),
    territoryFill,
    legend: { kind: 'territory', title: 'Colour = territory' },
  };
}

export function deviationScale({ plan, report, tolerancePct }: Pick<FillInput, 'plan' | 'report' | 'tolerancePct'>): FillScale {
  const colourOf = new Map<string, Rgba>();
  for (const t of report.territories) {
    const [r, g, b] = DEVIATION_COLOURS[deviationClass(t.compositeDeviationPct, tolerancePct)]!;
    colourOf.set(t.id, [r, g, b, DATA_ALPHA]);
  }
  const labels = deviationClassLabels(tolerancePct);
  return {
    // The key names the mode and balance setting; the colours follow the report object, which the
    // engine renews whenever a territory's figures change (usePlanColouring memoizes on it).
    key: `deviation:${tolerancePct}:${report.plan.balanceFields.map((b) => `${b.field}*${b.weight}`).join('+')}`,
    fill: (unitId, theme) => {
      const territoryId = plan.assignments.get(unitId);
      return (territoryId !== undefined && colourOf.get(territoryId)) || theme.unassignedUnit;
    },
    territoryFill: (territoryId, theme) => (territoryId !== undefined && colourOf.get(territoryId)) || theme.unassignedUnit,
    legend: {
      kind: 'classes',
      title: `Deviation from target (${report.plan.balanceFields.map((b) => b.field).join(' + ')})`,
      entries: DEVIATION_COLOURS.map((c, i) => ({ colour: css(c), label: labels[i]! })).toReversed(),
    },
  };
}

/** Per-unit values of a layer field (built-ins included: accounts and potential summed per unit). */
export function fieldValues(layer: MetricsLayer, field: string): Float64Array {
  const f = layer.fieldIndex.get(field);
  const F = layer.fields.length;
  const n = layer.unitIds.length;
  return Float64Array.from({ length: n }, (_, u) => (f === undefined ? Number.NaN : layer.values[u * F + f]!));
}

export function fieldScale(
  input: Pick<FillInput, 'layer' | 'fieldLabel' | 'formatValue'>,
  mode: Extract<ColourMode, { kind: 'field' }>,
): FillScale {
  const { layer, fieldLabel, formatValue } = input;
  const values = fieldValues(layer, mode.field);
  const title = fieldLabel(mode.field);
  const key = `field:${mode.field}:${mode.scale}:${mode.classes}`;
  const index = layer.unitIndex;
  const valueOf = (unitId: string) => {
    const u = index.get(unitId);
    return u === undefined ? Number.NaN : values[u]!;
  };
  if (mode.scale === 'continuous') {
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) if (Number.isFinite(v)) [min, max] = [Math.min(min, v), Math.max(max, v)];
    const span = max > min ? max - min : 1;
    return {
      key,
      fill: (unitId, theme) => {
        const v = valueOf(unitId);
        if (!Number.isFinite(v)) return theme.unassignedUnit;
        const [r, g, b] = sequentialColour((v - min) / span);
        return [r, g, b, DATA_ALPHA];
      },
      legend: {
        kind: 'gradient',
        title: `${title} (linear)`,
        stops: [0, 0.25, 0.5, 0.75, 1].map((t) => css(sequentialColour(t))),
        min: Number.isFinite(min) ? formatValue(mode.field, min) : '–',
        max: Number.isFinite(max) ? formatValue(mode.field, max) : '–',
      },
    };
  }
  const edges = classBreaks(values, mode.classes, mode.scale);
  const colours = sequentialClasses(Math.max(1, edges.length - 1));
  const method = mode.scale === 'quantile' ? 'quantiles' : 'natural breaks';
  return {
    key,
    fill: (unitId, theme) => {
      const v = valueOf(unitId);
      if (!Number.isFinite(v) || edges.length === 0) return theme.unassignedUnit;
      const [r, g, b] = colours[classOf(v, edges)]!;
      return [r, g, b, DATA_ALPHA];
    },
    legend: {
      kind: 'classes',
      title: `${title} (${method})`,
      entries: colours
        .map((c, i) => ({
          colour: css(c),
          label: `${formatValue(mode.field, edges[i]!)} – ${formatValue(mode.field, edges[i + 1]!)}`,
        }))
        .toReversed(),
    },
  };
}
