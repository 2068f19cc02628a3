/**
 * The panel's "Regions" section: one row per region (the optional second level grouping
 * territories) with its territories, units, accounts, potential and deviation from the region
 * target (the sum of its territories' targets), plus a row for territories in no region.
 * Collapsible; the figures come from shared/plan/region-totals.ts over the live metrics.
 * Every figure cell carries its raw value in `data-value` for the tests.
 */
import { useMemo, useState } from 'react';
import type { Region, Territory } from '../../../shared/model/project.ts';
import type { MetricsReport } from '../../../shared/metrics/types.ts';
import { regionTotals } from '../../../shared/plan/region-totals.ts';
import { formatCount, formatMoney } from '../util/format.ts';
import { formatPct } from './metrics-format.ts';

export interface RegionsSectionProps {
  /** The plan's regions map; it is mutated in place, so `territories` (new per plan version) is the memo key. */
  regions: ReadonlyMap<string, Region> | undefined;
  territories: readonly Territory[];
  report: MetricsReport;
  tolerancePct: number;
}

export function RegionsSection({ regions, territories, report, tolerancePct }: RegionsSectionProps) {
  const [open, setOpen] = useState(true);
  const rows = useMemo(
    () => regionTotals([...(regions?.values() ?? [])], territories, report.territories, report.plan.balanceFields),
    [regions, territories, report],
  );
  return (
    <section className="metrics-panel__section regions" data-testid="regions-section">
      <h3>
        <button type="button" className="regions__toggle" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="regions-toggle">
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> Regions <span className="panel__count">{regions?.size ?? 0}</span>
        </button>
      </h3>
      {open &&
        (rows.length === 0 ? (
          <p className="metrics-panel__muted regions__empty" data-testid="regions-empty">
            No regions — group territories into regions to see their totals.
          </p>
        ) : (
          <table className="regions__table" data-testid="regions-table">
            <thead>
              <tr>
                <th>Region</th>
                <th className="num" title="Territories in the region">Terr.</th>
                <th className="num">Units</th>
                <th className="num" title="Accounts">Accts</th>
                <th className="num" title="Annual account potential, US dollars">Potential</th>
                <th className="num" title="Deviation from the region target (sum of its territories' targets) on the balance fields, weighted">Dev.</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const dev = r.compositeDeviationPct;
                const out = dev !== null && Math.abs(dev) > tolerancePct;
                return (
                  <tr key={r.region?.id ?? ''} data-testid="region-row" data-region={r.region?.id ?? ''} className={r.region ? undefined : 'regions__loose'}>
                    <td>
                      {r.region && <span className="regions__swatch" style={{ background: r.region.color }} />}
                      <span className="regions__name">{r.region?.name ?? 'Not in a region'}</span>
                      {r.region?.manager && <span className="regions__manager" data-testid="region-manager">{r.region.manager}</span>}
                    </td>
                    <td className="num" data-value={r.territoryIds.length}>{r.territoryIds.length}</td>
                    <td className="num" data-value={r.units} data-testid="region-units">{formatCount(r.units)}</td>
                    <td className="num" data-value={r.accounts} data-testid="region-accounts">{formatCount(r.accounts)}</td>
                    <td className="num" data-value={r.potential} data-testid="region-potential">{formatMoney(r.potential)}</td>
                    <td className={`num${out ? ' is-out' : ''}`} data-value={dev ?? ''} data-testid="region-deviation"
                      title={Object.entries(r.deviationPct).map(([f, p]) => `${f}: ${formatPct(p)}`).join(', ')}>
                      {formatPct(dev)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ))}
    </section>
  );
}
