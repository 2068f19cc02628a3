/** The studio's left sidebar: search, and tabs for the target territory, the history and the scenarios. */
import { useEffect, useState, useSyncExternalStore, type RefObject } from 'react';
import type { ApiClient } from '../../../shared/api/contract.ts';
import type { MapData, Territory } from '../../../shared/model/project.ts';
import type { PlanStore } from '../state/plan-store.ts';
import { SearchBox, type SearchHit } from '../search/SearchBox.tsx';
import { TerritoryEditor } from '../territories/TerritoryEditor.tsx';
import { RegionPicker } from '../territories/RegionPicker.tsx';
import { HistoryPanel } from '../history/HistoryPanel.tsx';
import { useHistoryEntries } from '../history/use-history.ts';
import { ScenarioPanel } from '../scenarios/ScenarioPanel.tsx';
import type { CompareState } from '../scenarios/use-compare.ts';
import type { TerritoryActions } from './use-territory-actions.ts';
import type { ScenarioActions } from './use-scenario-actions.ts';
import type { ThemeName } from './use-theme.ts';

type Tab = 'territory' | 'history' | 'scenarios';

export interface StudioSidebarProps {
  api: ApiClient;
  store: PlanStore;
  data: MapData;
  territory: Territory | null;
  territories: Territory[];
  territoryActions: TerritoryActions;
  scenarioActions: ScenarioActions;
  compare: CompareState;
  searchRef: RefObject<HTMLInputElement | null>;
  onSearchPick(hit: SearchHit): void;
  theme: ThemeName;
  onToggleTheme(): void;
  onHelp(): void;
  /** When set, show the Scenarios tab (the compare view opened after an optimization). */
  openCompare?: string | null;
}

export function StudioSidebar(props: StudioSidebarProps) {
  const { api, store, data, territory, territories, territoryActions, scenarioActions, compare } = props;
  const [tab, setTab] = useState<Tab>(props.openCompare ? 'scenarios' : 'territory');
  useEffect(() => {
    if (props.openCompare) setTab('scenarios');
  }, [props.openCompare]);
  // The store only matters to the History tab (its list changes with every edit and save); the
  // other tabs get their territories from useStudio, which re-renders when territories change.
  const revision = useSyncExternalStore(store.subscribe, () => (tab === 'history' ? store.revision : -1));
  const entries = useHistoryEntries(api, data.scenario.id, revision, tab === 'history');
  const tabs: [Tab, string][] = [['territory', 'Territory'], ['history', 'History'], ['scenarios', 'Scenarios']];
  return (
    <aside className="studio" aria-label="Studio">
      <div className="studio__head">
        <SearchBox units={data.units} accounts={data.accounts} inputRef={props.searchRef} onPick={props.onSearchPick} />
      </div>
      <div className="studio__tabs" role="tablist">
        {tabs.map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? 'is-on' : undefined}
            onClick={() => setTab(id)} data-testid={`tab-${id}`}>
            {label}
            {id === 'scenarios' && compare.baseId && <span className="studio__dot" title="Compare view is on" />}
          </button>
        ))}
      </div>
      <div className="studio__body">
        {tab === 'territory' && (
          <TerritoryEditor territory={territory} territories={territories} reps={data.reps} onCreate={territoryActions.create}
            onUpdate={territoryActions.update} onDelete={territoryActions.remove} onMerge={territoryActions.merge}
            regionPicker={territory && <RegionPicker store={store} territory={territory} />} />
        )}
        {tab === 'history' && <HistoryPanel entries={entries} onUndo={() => void store.undo()} onRedo={() => void store.redo()} />}
        {tab === 'scenarios' && (
          <ScenarioPanel scenarios={data.scenarios} active={data.scenario} busy={scenarioActions.busy} onSwitch={scenarioActions.switchTo}
            onDuplicate={scenarioActions.duplicate} onRename={scenarioActions.rename} onDelete={scenarioActions.remove}
            compareId={compare.baseId} onCompare={compare.setBaseId} comparison={compare.comparison} />
        )}
      </div>
      <div className="studio__foot">
        <button type="button" className="button" onClick={props.onToggleTheme} data-testid="theme-toggle" title="Switch between light and dark">
          {props.theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
        <button type="button" className="button" onClick={props.onHelp} title="Keyboard shortcuts (?)" data-testid="help">Shortcuts ?</button>
      </div>
    </aside>
  );
}
