/**
 * The Optimize dialog and its run: settings → progress with Cancel → summary with Accept / Discard.
 * It lives above the Workspace (in App) because saving the result switches scenario, which reloads
 * the Workspace; the dialog and its summary must survive that. Opened from the top bar or with O.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AlignSummary } from '../../../shared/api/contract.ts';
import type { AlignProgress } from '../../../shared/align/types.ts';
import type { MapData } from '../../../shared/model/project.ts';
import type { Connection } from '../api/transport.ts';
import type { PlanStore } from '../state/plan-store.ts';
import { Dialog } from '../tools/Dialog.tsx';
import { defaultForm, fieldChoices, requestOf, type OptimizeForm } from './optimize-form.ts';
import { OptimizeFormView, type LockSummary } from './OptimizeFormView.tsx';
import { OptimizeProgressView } from './OptimizeProgressView.tsx';
import { OptimizeResultView } from './OptimizeResultView.tsx';
import './optimize.css';

export interface OptimizeCenterProps {
  connection: Connection;
  /** The loaded project, or null while none is. */
  data: MapData | null;
  store: PlanStore | null;
  open: boolean;
  onOpen(): void;
  onClose(): void;
  /** Open (id) or forget (null) the compare view against the plan the optimization started from. */
  onCompare(scenarioId: string | null): void;
  onMessage(message: string): void;
}

type Stage = { kind: 'form'; error: string | null } | { kind: 'running'; cancelling: boolean } | { kind: 'result'; summary: AlignSummary };

export function OptimizeCenter({ connection, data, store, open, onOpen, onClose, onCompare, onMessage }: OptimizeCenterProps) {
  const { api } = connection;
  const [form, setForm] = useState<OptimizeForm | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'form', error: null });
  const [progress, setProgress] = useState<AlignProgress | null>(null);
  const [elapsedS, setElapsedS] = useState(0);
  const [busy, setBusy] = useState(false);
  const started = useRef(0);
  // Cancel pressed before main had started the run (the request was still on its way): ask again
  // on the first progress event, which proves the run exists.
  const cancelPending = useRef(false);

  useOptimizeShortcut(data !== null && !open, onOpen);
  useEffect(
    () =>
      connection.onEvent((event) => {
        if (event.name !== 'alignProgress') return;
        setProgress(event.payload as AlignProgress);
        if (cancelPending.current) {
          cancelPending.current = false;
          void api.cancelAlign({});
        }
      }),
    [connection, api],
  );
  useEffect(() => {
    if (stage.kind !== 'running') return;
    const timer = setInterval(() => setElapsedS((performance.now() - started.current) / 1000), 250);
    return () => clearInterval(timer);
  }, [stage.kind]);
  // A fresh form per opening, from the plan loaded now (its territory count, fields).
  useEffect(() => {
    if (open && data && stage.kind === 'form' && form === null) setForm(defaultForm(data));
  }, [open, data, stage.kind, form]);

  const choices = useMemo(() => (data ? fieldChoices(data) : []), [data]);
  const labelOf = useCallback((field: string) => choices.find((c) => c.field === field)?.label ?? field, [choices]);
  const locks = useMemo(() => (store ? lockSummary(store) : { territories: 0, units: 0, unitsOutsideLockedTerritories: 0 }), [store, open]);
  const planned = form && data ? requestOf(form, { units: data.units.length, reps: data.reps.length }) : null;

  const close = useCallback(() => {
    setForm(null);
    setStage({ kind: 'form', error: null });
    setProgress(null);
    onClose();
  }, [onClose]);

  const run = useCallback(async () => {
    if (!planned || !('request' in planned) || !store) return;
    setStage({ kind: 'running', cancelling: false });
    setProgress(null);
    cancelPending.current = false;
    started.current = performance.now();
    setElapsedS(0);
    try {
      // Pending edits reach the file first: the optimizer reads the plan from there.
      await store.execute(() => null);
      const summary = await api.alignPlan(planned.request);
      setStage({ kind: 'result', summary });
      onCompare(summary.previous.id);
    } catch (error) {
      setStage({ kind: 'form', error: error instanceof Error ? error.message : String(error) });
    } finally {
      cancelPending.current = false;
    }
  }, [planned, store, api, onCompare]);

  const cancel = useCallback(() => {
    setStage((s) => (s.kind === 'running' ? { kind: 'running', cancelling: true } : s));
    void api.cancelAlign({}).then(({ cancelled }) => {
      if (!cancelled) cancelPending.current = true;
    });
  }, [api]);

  const accept = useCallback(() => {
    if (stage.kind === 'result') onMessage(`Kept “${stage.summary.scenario.name}” as the active scenario.`);
    onCompare(null);
    close();
  }, [stage, onCompare, onMessage, close]);

  const discard = useCallback(async () => {
    if (stage.kind !== 'result') return;
    const { scenario, previous } = stage.summary;
    setBusy(true);
    try {
      onCompare(null);
      await api.switchScenario({ scenarioId: previous.id });
      await api.deleteScenario({ scenarioId: scenario.id });
      close();
    } catch (error) {
      onMessage(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }, [stage, api, onCompare, onMessage, close]);

  if (!open || !data || !form) return null;
  const running = stage.kind === 'running';
  const title = stage.kind === 'result' ? 'Optimized plan' : running ? 'Optimizing…' : 'Optimize territories';
  return (
    // While running, Esc and the backdrop do nothing: only Cancel stops the run.
    <Dialog title={title} onClose={running ? noop : stage.kind === 'result' ? accept : close} testId="optimize-dialog">
      {stage.kind === 'form' && (
        <>
          <OptimizeFormView form={form} onChange={setForm} choices={choices} reps={data.reps.length}
            currentTerritories={data.territories.length} locks={locks} />
          {stage.error && <p className="optimize__error" role="alert" data-testid="optimize-error">{stage.error}</p>}
          <div className="studio-dialog__actions optimize__actions">
            {planned && 'problem' in planned && <span className="optimize__problem" data-testid="optimize-problem">{planned.problem}</span>}
            <button type="button" className="button" onClick={close}>Close</button>
            <button type="button" className="button button--primary" disabled={!planned || 'problem' in planned} onClick={() => void run()}
              data-testid="optimize-run">
              Optimize
            </button>
          </div>
        </>
      )}
      {running && (
        <>
          <OptimizeProgressView progress={progress} elapsedS={elapsedS} />
          <div className="studio-dialog__actions">
            <button type="button" className="button" disabled={stage.cancelling} onClick={cancel} data-testid="optimize-cancel">
              {stage.cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
          </div>
        </>
      )}
      {stage.kind === 'result' && (
        <>
          <OptimizeResultView summary={stage.summary} labelOf={labelOf} />
          <div className="studio-dialog__actions">
            <button type="button" className="button button--danger" disabled={busy} onClick={() => void discard()} data-testid="optimize-discard"
              title={`Delete “${stage.summary.scenario.name}” and go back to “${stage.summary.previous.name}”`}>
              Discard
            </button>
            <button type="button" className="button button--primary" disabled={busy} onClick={accept} data-testid="optimize-accept">
              Keep new scenario
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}

function noop() {}

function lockSummary(store: PlanStore): LockSummary {
  const locked = new Set([...store.plan.territories.values()].filter((t) => t.locked).map((t) => t.id));
  let outside = 0;
  for (const unitId of store.plan.lockedUnits ?? []) {
    const territory = store.plan.assignments.get(unitId);
    if (territory === undefined || !locked.has(territory)) outside++;
  }
  return { territories: locked.size, units: store.plan.lockedUnits?.size ?? 0, unitsOutsideLockedTerritories: outside };
}

/** O opens the dialog (same rules as the studio keys: not while typing, not over another dialog). */
function useOptimizeShortcut(enabled: boolean, onOpen: () => void): void {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || (event.key !== 'o' && event.key !== 'O')) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      if (document.querySelector('.studio-dialog, .import-dialog')) return;
      event.preventDefault();
      onOpen();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled, onOpen]);
}
