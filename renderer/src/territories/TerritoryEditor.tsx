/**
 * The Territory tab: create a territory, and for the target territory rename, recolour, assign a
 * rep, put it in a region (RegionPicker), lock/unlock, merge another into it, delete it. Every action is a command from
 * shared/edit/territory-commands.ts run through the PlanStore, so each is one undo step.
 */
import { memo, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Rep, Territory } from '../../../shared/model/project.ts';
import { TERRITORY_SWATCHES } from './palette.ts';

export interface TerritoryEditorProps {
  territory: Territory | null;
  territories: Territory[];
  reps: Rep[];
  onCreate(name: string): void;
  onUpdate(patch: Partial<Omit<Territory, 'id'>>): void;
  onDelete(): void;
  onMerge(absorbedId: string): void;
  /** The region picker for the target territory (RegionPicker), shown under the rep. */
  regionPicker?: ReactNode;
}

export function TerritoryEditor({ territory, territories, reps, onCreate, onUpdate, onDelete, onMerge, regionPicker }: TerritoryEditorProps) {
  const [newName, setNewName] = useState('');
  const [name, setName] = useState(territory?.name ?? '');
  const [mergeId, setMergeId] = useState('');
  useEffect(() => setName(territory?.name ?? ''), [territory?.id, territory?.name]);
  // The option lists (up to 500 entries) are rebuilt only when names change, not on every edit:
  // identical elements let React skip the <select>s, which otherwise cost tens of ms per edit.
  const territoryId = territory?.id;
  const namesKey = territories.map((t) => `${t.id}\u0001${t.name}`).join('\u0002');
  const mergeOptions = useMemo(
    () => territories.filter((t) => t.id !== territoryId).map((t) => <option key={t.id} value={t.id}>{t.name}</option>),
    [namesKey, territoryId], // namesKey stands for the territories' ids and names
  );
  const repOptions = useMemo(() => reps.map((r) => <option key={r.id} value={r.id}>{r.name} — {r.home}</option>), [reps]);
  const create = () => {
    if (!newName.trim()) return;
    onCreate(newName.trim());
    setNewName('');
  };
  return (
    <div className="territory-editor">
      <form className="territory-editor__create" onSubmit={(e) => { e.preventDefault(); create(); }}>
        <input value={newName} onChange={(e) => setNewName(e.target.value)} placeholder="New territory name" aria-label="New territory name" data-testid="new-territory-name" />
        <button type="submit" className="button button--primary" disabled={!newName.trim()} data-testid="create-territory">Create</button>
      </form>
      {territories.length === 0 && (
        <p className="studio-empty" data-testid="no-territories">
          This plan has no territories yet. Create one above, pick it as the target, then paint units into it with the brush (P),
          lasso (L) or by clicking.
        </p>
      )}
      {territory === null ? (
        territories.length > 0 && <p className="studio-empty">The target is “Unassigned”. Pick a territory in the panel on the right to edit it.</p>
      ) : (
        <section className="territory-editor__target" data-testid="territory-editor">
          <h3 className="studio-section-title">
            <span className="territory-editor__swatch" style={{ background: territory.color }} /> {territory.name}
            {territory.locked && <span className="badge">Locked</span>}
          </h3>
          <form className="studio-field" onSubmit={(e) => { e.preventDefault(); onUpdate({ name }); }}>
            <label htmlFor="territory-name">Name</label>
            <div className="studio-field__row">
              <input id="territory-name" value={name} onChange={(e) => setName(e.target.value)} data-testid="territory-name" />
              <button type="submit" className="button" disabled={!name.trim() || name.trim() === territory.name} data-testid="rename-territory">Rename</button>
            </div>
          </form>
          <div className="studio-field">
            <span>Colour</span>
            <div className="swatches" role="radiogroup" aria-label="Colour">
              {TERRITORY_SWATCHES.map((c) => (
                <button key={c} type="button" role="radio" aria-checked={c === territory.color.toLowerCase()} aria-label={c}
                  className={`studio-swatch${c === territory.color.toLowerCase() ? ' is-on' : ''}`} style={{ background: c }} onClick={() => onUpdate({ color: c })} />
              ))}
              <input type="color" value={territory.color} onChange={(e) => onUpdate({ color: e.target.value })} aria-label="Custom colour" title="Custom colour" />
            </div>
          </div>
          <div className="studio-field">
            <label htmlFor="territory-rep">Rep</label>
            <select id="territory-rep" value={territory.repId ?? ''} onChange={(e) => onUpdate({ repId: e.target.value || null })} data-testid="territory-rep">
              <option value="">No rep</option>
              <Options options={repOptions} />
            </select>
          </div>
          {regionPicker}
          <label className="studio-check">
            <input type="checkbox" checked={territory.locked} onChange={(e) => onUpdate({ locked: e.target.checked })} data-testid="territory-lock" />
            Locked — tools cannot add or take units
          </label>
          <div className="studio-field">
            <label htmlFor="territory-merge">Merge another territory into this one</label>
            <div className="studio-field__row">
              <select id="territory-merge" value={mergeId} onChange={(e) => setMergeId(e.target.value)} data-testid="merge-source">
                <option value="">Choose…</option>
                <Options options={mergeOptions} />
              </select>
              <button type="button" className="button" disabled={!mergeId || territory.locked} onClick={() => { onMerge(mergeId); setMergeId(''); }} data-testid="merge-territory">Merge</button>
            </div>
          </div>
          <button type="button" className="button button--danger" disabled={territory.locked} onClick={onDelete} data-testid="delete-territory"
            title={territory.locked ? 'Unlock the territory to delete it' : 'Delete the territory; its units become unassigned (undoable)'}>
            Delete territory
          </button>
        </section>
      )}
    </div>
  );
}

/**
 * A memoized list of <option>s. Identical option elements still cost React a pass over all of
 * them (up to 500) each time their <select> re-renders, i.e. every edit; behind a memoized
 * component with the same list React skips them in one step.
 */
const Options = memo(function Options({ options }: { options: ReactNode }) {
  return <>{options}</>;
});
