/**
 * The scenario's history entries from main, fetched again whenever the PlanStore's revision
 * moves (an edit saved, an undo or redo answered), so the list always matches the file.
 */
import { useEffect, useState } from 'react';
import type { ApiClient, HistoryEntry } from '../../../shared/api/contract.ts';

export function useHistoryEntries(api: ApiClient, scenarioId: string, revision: number, enabled: boolean): HistoryEntry[] | null {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    api.getHistory({ scenarioId, limit: 500 }).then(
      (next) => !cancelled && setEntries(next),
      () => !cancelled && setEntries([]),
    );
    return () => {
      cancelled = true;
    };
  }, [api, scenarioId, revision, enabled]);
  return entries;
}
