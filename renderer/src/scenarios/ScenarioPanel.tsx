/**
 * The Scenarios tab: the project's named plans. Click one to switch to it; duplicate, rename or
 * delete the active one; pick another to compare with (changed units outlined on the map, deltas
 * in a table).
 */
import { useState } from 'react';
import type { Scenario } from '../../../shared/model/project.ts';
import type { ScenarioComparison } from '../../../shared/scenario/compare.ts';
import { CompareTable } from './CompareTable.tsx';

export interface ScenarioPanelProps {
  scenarios: Scenario[];
  active: Scenario;
  busy: boolean;
  onSwitch(id: string): void;
  onDuplicate(name: string): void;
  onRename(name: string): void;
  onDelete(): void;
  compareId: string | null;
  onCompare(id: string | null): void;
  comparison: ScenarioComparison | null;
}

export function ScenarioPanel(props: ScenarioPanelProps) {
  const { scenarios, active, busy, onSwitch, onDuplicate, onRename, onDelete, compareId, onCompare, comparison } = props;
  const [name, setName] = useState(active.name);
  const [copyName, setCopyName] = useState('');
  const others = scenarios.filter((s) => s.id !== active.id);
  const baseName = scenarios.find((s) => s.id === compareId)?.name ?? '';
  return (
    <div className="scenarios">
      <ul className="scenarios__list" data-testid="scenario-list">
        {scenarios.map((s) => (
          <li key={s.id}>
            <button type="button" className={`scenarios__item${s.id === active.id ? ' is-on' : ''}`} aria-pressed={s.id === active.id}
              disabled={busy} onClick={() => s.id !== active.id && onSwitch(s.id)} data-testid={`scenario-${s.id}`}>
              <span>{s.name}</span>
              {s.id === active.id && <span className="badge">active</span>}
            </button>
          </li>
        ))}
      </ul>
      <form className="studio-field" onSubmit={(e) => { e.preventDefault(); onDuplicate(copyName.trim()); setCopyName(''); }}>
        <label htmlFor="scenario-copy">Duplicate “{active.name}”</label>
        <div className="studio-field__row">
          <input id="scenario-copy" value={copyName} onChange={(e) => setCopyName(e.target.value)} placeholder={`Copy of ${active.name}`} data-testid="duplicate-name" />
          <button type="submit" className="button button--primary" disabled={busy} data-testid="duplicate-scenario">Duplicate</button>
        </div>
      </form>
      <form className="studio-field" onSubmit={(e) => { e.preventDefault(); onRename(name); }}>
        <label htmlFor="scenario-name">Rename</label>
        <div className="studio-field__row">
          <input id="scenario-name" value={name} onChange={(e) => setName(e.target.value)} data-testid="scenario-rename-input" />
          <button type="submit" className="button" disabled={busy || !name.trim() || name.trim() === active.name} data-testid="rename-scenario">Rename</button>
        </div>
      </form>
      <button type="button" className="button button--danger" disabled={busy || scenarios.length < 2} onClick={onDelete} data-testid="delete-scenario"
        title={scenarios.length < 2 ? 'The only scenario cannot be deleted' : `Delete “${active.name}” with its history`}>
        Delete “{active.name}”
      </button>
      <h3 className="studio-section-title">Compare</h3>
      {others.length === 0 ? (
        <p className="studio-empty">Duplicate this scenario, change the copy, and compare the two here.</p>
      ) : (
        <select value={compareId ?? ''} onChange={(e) => onCompare(e.target.value || null)} aria-label="Compare with" data-testid="compare-with">
          <option value="">Compare with…</option>
          {others.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      )}
      {compareId && comparison && <CompareTable comparison={comparison} baseName={baseName} />}
      {compareId && !comparison && <p className="studio-empty">Loading “{baseName}”…</p>}
    </div>
  );
}
