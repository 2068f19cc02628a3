/**
 * "Drive time" over the map (top right): which drive-time source the metrics use, the
 * drive-time areas tool (bands from a clicked point or a rep's home, legend, clear, GeoJSON
 * export), the quickest-rep starting plan, and the "within N minutes of the rep" check.
 */
import { useEffect, useMemo, useRef, useState, type MouseEvent, type RefObject } from 'react';
import type { ApiClient } from '../../../shared/api/contract.ts';
import type { DriveTimes } from '../../../shared/model/drive-time.ts';
import type { Rep } from '../../../shared/model/project.ts';
import type { PlanState } from '../../../shared/edit/edit-ops.ts';
import type { MetricsLayer } from '../../../shared/metrics/index.ts';
import type { MapApi } from '../map/TerritoryMap.tsx';
import { bandColour, driveAreasGeoJson, largestBandBox } from './drive-area-layers.ts';
import { driveSourceNote } from './network-provider.ts';
import type { DriveAreasState } from './use-drive-areas.ts';
import { withinCheck } from './within-check.ts';
import './drive-time.css';

export interface DriveTimePanelProps {
  api: ApiClient;
  times: DriveTimes | null;
  failed: string | null;
  areas: DriveAreasState;
  reps: readonly Rep[];
  layer: MetricsLayer;
  plan: PlanState;
  planVersion: number;
  mapApiRef: RefObject<MapApi | null>;
  dark: boolean;
  projectName: string;
}

/** Kept across the reload that follows saving the quickest-rep scenario (the workspace remounts). */
let lastPlanMessage: string | null = null;

export function DriveTimePanel(props: DriveTimePanelProps) {
  const { times, failed, areas, dark } = props;
  const [open, setOpen] = useState(lastPlanMessage !== null);
  const [limitText, setLimitText] = useState('60');
  const [planBusy, setPlanBusy] = useState(false);
  const [planMessage, setPlanMessage] = useState<string | null>(lastPlanMessage);
  const note = driveSourceNote(times, failed);
  const network = times?.source === 'network';
  const limit = Number(limitText);
  const limitOk = limit > 0 && limit <= 1440;

  const rows = useMemo(
    () => (network && open && limitOk ? withinCheck(props.layer, props.plan, limit) : []),
    [network, open, limitOk, props.layer, props.plan, props.planVersion, limit],
  );

  // frame new areas in the part of the map this card leaves free
  const cardRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = largestBandBox(areas.areas);
    const card = cardRef.current;
    const mapBox = card?.offsetParent?.getBoundingClientRect();
    if (!box || !card || !mapBox) return;
    const right = Math.max(24, mapBox.right - card.getBoundingClientRect().left + 16);
    props.mapApiRef.current?.fitBounds(box, { top: 64, right, bottom: 56, left: 72 });
  }, [areas.areas, props.mapApiRef]);

  useEffect(() => {
    if (!areas.picking) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && areas.setPicking(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [areas]);

  const assignQuickest = async () => {
    setPlanBusy(true);
    try {
      const r = await props.api.assignQuickestReps({ limitMinutes: limitOk ? limit : 60 });
      const fallback = r.fallbackUnits.length ? ` ${r.fallbackUnits.length} units no rep reaches by road were assigned by the straight-line estimate.` : '';
      lastPlanMessage = `Saved scenario "${r.scenario.name}": ${r.assignedUnits.toLocaleString('en-US')} units, each with the rep quickest to reach it.${fallback}`;
      setPlanMessage(lastPlanMessage);
    } catch (error) {
      setPlanMessage(error instanceof Error ? error.message : String(error));
    } finally {
      setPlanBusy(false);
    }
  };

  const exportGeoJson = () => {
    if (!areas.areas) return;
    const blob = new Blob([driveAreasGeoJson(areas.areas)], { type: 'application/geo+json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${props.projectName}-drive-time-areas.geojson`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };

  const drawn = areas.areas;
  return (
    <>
      {areas.picking && (
        <DrivePickOverlay
          onPick={(xy) => {
            const at = props.mapApiRef.current?.unproject(xy);
            if (at) void areas.compute(at);
          }}
        />
      )}
      <div ref={cardRef} className={`drive-time ${open ? 'is-open' : ''}`} onClick={(e) => e.stopPropagation()} data-testid="drive-time-panel">
        <button type="button" className="drive-time__toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="drive-time-toggle">
          <span className={`drive-time__dot drive-time__dot--${note.source}`} aria-hidden="true" />
          Drive time
          <span className="drive-time__badge" data-testid="drive-time-badge">{note.source === 'computing' ? 'computing…' : note.source}</span>
        </button>
        {open && (
          <div className="drive-time__body">
            <p className="drive-time__note" data-testid="drive-time-source">{note.text}</p>

            <section className="drive-time__section">
              <h4>Drive-time areas</h4>
              {!network ? (
                <p className="drive-time__muted" data-testid="drive-areas-unavailable">
                  {times === null && !failed
                    ? 'Waiting for the road network…'
                    : 'Drive-time areas need a road network: import road lines (a shapefile, GeoJSON or .osm.pbf) into the project first, e.g. tessera import project.gpkg roads.shp --as roads.'}
                </p>
              ) : (
                <>
                  <label className="drive-time__field">
                    <span>Minutes</span>
                    <input value={areas.bandsText} onChange={(e) => areas.setBandsText(e.target.value)} data-testid="drive-areas-bands" />
                  </label>
                  <div className="drive-time__row">
                    <button type="button" className={`button ${areas.picking ? 'is-on' : ''}`} disabled={areas.busy} onClick={() => areas.setPicking(!areas.picking)} data-testid="drive-areas-pick">
                      {areas.picking ? 'Click the map…' : 'Pick a point'}
                    </button>
                    <select
                      value=""
                      disabled={areas.busy}
                      onChange={(e) => {
                        const rep = props.reps.find((r) => r.id === e.target.value);
                        if (rep) void areas.compute(rep.location);
                      }}
                      data-testid="drive-areas-rep"
                    >
                      <option value="">From a rep's home…</option>
                      {props.reps.map((r) => (
                        <option key={r.id} value={r.id}>{r.name} ({r.home})</option>
                      ))}
                    </select>
                  </div>
                  {areas.busy && <p className="drive-time__muted">Computing drive-time areas…</p>}
                  {areas.message && <p className="drive-time__message" role="status" data-testid="drive-areas-message">{areas.message}</p>}
                  {drawn && (
                    <>
                      <ul className="drive-time__legend" data-testid="drive-areas-legend">
                        {drawn.bands.map((b, i) => {
                          const [r, g, bl] = bandColour(i, drawn.bands.length, dark);
                          return (
                            <li key={b.minutes}>
                              <span className="drive-time__swatch" style={{ background: `rgba(${r}, ${g}, ${bl}, 0.45)`, borderColor: `rgb(${r}, ${g}, ${bl})` }} />
                              within {b.minutes} min
                              <span className="drive-time__muted"> · {b.areaKm2.toLocaleString('en-US')} km²</span>
                            </li>
                          );
                        })}
                      </ul>
                      <div className="drive-time__row">
                        <button type="button" className="button" onClick={exportGeoJson} data-testid="drive-areas-export">Export GeoJSON</button>
                        <button type="button" className="button" onClick={areas.clear} data-testid="drive-areas-clear">Clear</button>
                      </div>
                    </>
                  )}
                </>
              )}
            </section>

            {network && (
              <section className="drive-time__section">
                <h4>Quickest rep</h4>
                <label className="drive-time__field">
                  <span>Within</span>
                  <input value={limitText} onChange={(e) => setLimitText(e.target.value)} inputMode="numeric" data-testid="drive-within-limit" />
                  <span>minutes of the rep</span>
                </label>
                <button type="button" className="button" disabled={planBusy} onClick={() => void assignQuickest()} data-testid="drive-assign-quickest">
                  {planBusy ? 'Computing…' : 'Assign each unit to the quickest rep'}
                </button>
                <p className="drive-time__muted">Saved as a new scenario; the current one is kept.</p>
                {planMessage && <p className="drive-time__message" role="status" data-testid="drive-plan-message">{planMessage}</p>}
                {limitOk ? (
                  <table className="drive-time__table" data-testid="drive-within-table">
                    <thead>
                      <tr>
                        <th>Territory</th>
                        <th title={`${times.targetKind} beyond ${limit} minutes of the rep's home`}>beyond {limit} min</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((r) => (
                        <tr key={r.territoryId} data-territory={r.territoryId} data-beyond={r.beyond} data-targets={r.targets}>
                          <td>{r.name}</td>
                          <td className="drive-time__num">
                            {r.beyond.toLocaleString('en-US')} / {r.targets.toLocaleString('en-US')}
                            <span className="drive-time__muted"> ({r.targets ? Math.round((100 * r.beyond) / r.targets) : 0}%)</span>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : (
                  <p className="drive-time__message">Give the limit in minutes, between 0 and 1440.</p>
                )}
              </section>
            )}
          </div>
        )}
      </div>
    </>
  );
}

/** Width of the pick hint and its gap from the pointer, px: near the map's east edge it goes west of the pointer. */
const HINT_ROOM_PX = 300;

/**
 * Covers the map while a drive's start is picked: a crosshair, and the hint beside the pointer,
 * where the eye is and where no map control sits. `onPick` gets the clicked map point in pixels.
 */
function DrivePickOverlay({ onPick }: { onPick(xy: [number, number]): void }) {
  const [pointer, setPointer] = useState<{ x: number; y: number; west: boolean } | null>(null);
  const local = (e: MouseEvent<HTMLDivElement>): [number, number] => {
    const box = e.currentTarget.getBoundingClientRect();
    return [e.clientX - box.left, e.clientY - box.top];
  };
  return (
    <>
      <div
        className="drive-pick"
        data-testid="drive-pick-overlay"
        onPointerMove={(e) => {
          const [x, y] = local(e);
          setPointer({ x, y, west: x > e.currentTarget.clientWidth - HINT_ROOM_PX });
        }}
        onPointerLeave={() => setPointer(null)}
        onClick={(e) => {
          e.stopPropagation();
          onPick(local(e));
        }}
      />
      {/* Beside the overlay, not in it: above the drive-time card, which the pointer may pass under. */}
      {pointer && (
        <div className={`drive-pick__hint${pointer.west ? ' drive-pick__hint--west' : ''}`} style={{ left: pointer.x, top: pointer.y }} data-testid="drive-pick-hint">
          Click where the drive starts · Esc cancels
        </div>
      )}
    </>
  );
}
