/**
 * The target territory's region (the optional second level): a picker listing the plan's regions
 * and "No region", and a "New region…" form (name, manager) that creates the region and moves the
 * territory into it. Each action is a command from shared/edit/region-commands.ts run through the
 * PlanStore, so each is one undo step (creating and moving are two: undo the move, the region stays).
 */
import { useState } from 'react';
import type { Territory } from '../../../shared/model/project.ts';
import { createRegion, deleteRegion, nextRegionId, setTerritoryRegion, updateRegion } from '../../../shared/edit/region-commands.ts';
import type { PlanStore } from '../state/plan-store.ts';
import { freeRegionColour } from './region-palette.ts';
import './region-picker.css';

export interface RegionPickerProps {
  store: PlanStore;
  territory: Territory;
}

export function RegionPicker({ store, territory }: RegionPickerProps) {
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState('');
  const [manager, setManager] = useState('');
  const current = territory.regionId ? (store.plan.regions?.get(territory.regionId) ?? null) : null;
  const regions = [...(store.plan.regions?.values() ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const setRegion = (regionId: string | null) => void store.execute((plan) => setTerritoryRegion(plan, [territory.id], regionId));
  const create = async () => {
    const clean = name.trim();
    if (!clean) return;
    const id = nextRegionId(store.plan);
    const color = freeRegionColour(regions.map((r) => r.color));
    await store.execute((plan) => createRegion(plan, { id, name: clean, color, manager: manager.trim() || null }));
    // execute reports a refused name (duplicate) through the toast and leaves the plan unchanged
    if (store.plan.regions?.has(id)) {
      setRegion(id);
      setName('');
      setManager('');
      setAdding(false);
    }
  };
  return (
    <div className="studio-field region-picker">
      <label htmlFor="territory-region">Region</label>
      <div className="studio-field__row">
        <select id="territory-region" value={territory.regionId ?? ''} onChange={(e) => setRegion(e.target.value || null)} data-testid="territory-region">
          <option value="">No region</option>
          {regions.map((r) => (
            <option key={r.id} value={r.id} title={r.manager ? `Manager: ${r.manager}` : undefined}>{r.name}</option>
          ))}
        </select>
        <button type="button" className="button" onClick={() => { setAdding(!adding); setEditing(false); }} aria-expanded={adding} data-testid="new-region">
          New region…
        </button>
      </div>
      {current && !adding && (
        <button type="button" className="region-picker__link" onClick={() => setEditing(!editing)} aria-expanded={editing} data-testid="edit-region">
          {editing ? 'Close' : `Edit region ${current.name}…`}
        </button>
      )}
      {current && editing && !adding && (
        <RegionForm key={current.id} name={current.name} manager={current.manager ?? ''} submitLabel="Save region"
          onSubmit={(name, manager) => void store.execute((plan) => updateRegion(plan, current.id, { name, manager: manager || null }))}
          onDelete={() => {
            void store.execute((plan) => deleteRegion(plan, current.id));
            setEditing(false);
          }} />
      )}
      {adding && (
        <form className="region-picker__form" onSubmit={(e) => { e.preventDefault(); void create(); }} data-testid="new-region-form">
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Region name, e.g. West" aria-label="Region name"
            maxLength={200} data-testid="new-region-name" autoFocus />
          <input value={manager} onChange={(e) => setManager(e.target.value)} placeholder="Manager (optional)" aria-label="Region manager"
            maxLength={200} data-testid="new-region-manager" />
          <button type="submit" className="button button--primary" disabled={!name.trim()} data-testid="create-region">
            Create and add {territory.name}
          </button>
        </form>
      )}
    </div>
  );
}

interface RegionFormProps {
  name: string;
  manager: string;
  submitLabel: string;
  onSubmit(name: string, manager: string): void;
  onDelete(): void;
}

/** Rename a region and set its manager; delete it (its territories stay, in no region). */
function RegionForm(props: RegionFormProps) {
  const [name, setName] = useState(props.name);
  const [manager, setManager] = useState(props.manager);
  const changed = name.trim() !== props.name || manager.trim() !== props.manager;
  return (
    <form className="region-picker__form" onSubmit={(e) => { e.preventDefault(); props.onSubmit(name.trim(), manager.trim()); }} data-testid="edit-region-form">
      <input value={name} onChange={(e) => setName(e.target.value)} aria-label="Region name" maxLength={200} data-testid="region-name" />
      <input value={manager} onChange={(e) => setManager(e.target.value)} placeholder="Manager (optional)" aria-label="Region manager"
        maxLength={200} data-testid="region-manager-input" />
      <div className="studio-field__row">
        <button type="submit" className="button" disabled={!name.trim() || !changed} data-testid="save-region">{props.submitLabel}</button>
        <button type="button" className="button button--danger" onClick={props.onDelete} data-testid="delete-region"
          title="Delete the region; its territories stay, in no region (undoable)">Delete region</button>
      </div>
    </form>
  );
}

