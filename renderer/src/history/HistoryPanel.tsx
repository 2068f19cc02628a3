/** The History tab: the scenario's edits by name, newest first; undone edits (the redo branch) greyed. */
import type { HistoryEntry } from '../../../shared/api/contract.ts';

export interface HistoryPanelProps {
  entries: HistoryEntry[] | null;
  onUndo(): void;
  onRedo(): void;
}

const time = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export function HistoryPanel({ entries, onUndo, onRedo }: HistoryPanelProps) {
  if (entries === null) return <p className="studio-empty">Loading history…</p>;
  if (entries.length === 0) {
    return (
      <p className="studio-empty" data-testid="history-empty">
        No edits yet. Every change you make — painting, territory edits — is listed here and can be undone, even after a restart.
      </p>
    );
  }
  const canUndo = entries.some((e) => !e.undone);
  const canRedo = entries.some((e) => e.undone);
  return (
    <div className="history">
      <div className="history__actions">
        <button type="button" className="button" disabled={!canUndo} onClick={onUndo}>Undo</button>
        <button type="button" className="button" disabled={!canRedo} onClick={onRedo}>Redo</button>
        <span className="history__count">{entries.length} edits</span>
      </div>
      <ol className="history__list" data-testid="history-list">
        {entries.map((entry) => (
          <li key={entry.seq} className={entry.undone ? 'is-undone' : undefined} data-testid="history-entry" data-undone={entry.undone}>
            <span className="history__label">{entry.label}</span>
            <time className="history__time" dateTime={entry.createdAt}>{time.format(new Date(entry.createdAt))}</time>
          </li>
        ))}
      </ol>
    </div>
  );
}
