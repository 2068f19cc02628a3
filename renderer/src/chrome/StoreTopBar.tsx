/**
 * The top bar of a loaded project. It follows the PlanStore's undo/redo state by itself, so when
 * main confirms a save only this bar re-renders, not the Workspace (map, panel, sidebar) around it.
 */
import type { PlanStore } from '../state/plan-store.ts';
import { useHistoryState } from '../state/use-project.ts';
import { TopBar, type TopBarProps } from './TopBar.tsx';

export function StoreTopBar({ store, ...props }: Omit<TopBarProps, 'history'> & { store: PlanStore }) {
  const history = useHistoryState(store);
  return <TopBar {...props} history={history} />;
}
