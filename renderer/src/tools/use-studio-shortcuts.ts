/**
 * Studio keys (ignored while typing in a field or with Ctrl/Cmd held): tool letters, Enter or A
 * assigns the selection, Esc clears it, [ and ] resize the brush, ? opens the shortcut help.
 */
import { useEffect } from 'react';
import type { ToolId } from './tool-types.ts';
import { TOOLS } from './tools.ts';

export interface StudioKeys {
  setTool(id: ToolId): void;
  assignSelection(): void;
  clearSelection(): void;
  resizeBrush(deltaPx: number): void;
  toggleHelp(): void;
  /** K locks the selection, Shift+K unlocks it. */
  lockSelection?(locked: boolean): void;
}

export const STUDIO_SHORTCUTS: readonly [string, string][] = [
  ...TOOLS.map((t): [string, string] => [t.key, t.label]),
  ['Shift+click', 'Add a unit to the selection (or take it out)'],
  ['Shift+drag', 'Box / lasso: add to the selection'],
  ['Enter or A', 'Assign the selection to the target territory'],
  ['Esc', 'Clear the selection'],
  ['[ and ]', 'Smaller / larger brush'],
  ['Ctrl+Z', 'Undo'],
  ['Ctrl+Shift+Z or Ctrl+Y', 'Redo'],
  ['K / Shift+K', 'Lock / unlock the selected units (they keep their territory)'],
  ['O', 'Optimize: build or rebalance territories'],
  ['/', 'Search a unit or account'],
  ['?', 'This help'],
];

export function useStudioShortcuts(keys: StudioKeys, focusSearch: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      if (document.querySelector('.studio-dialog')) return;
      const key = event.key;
      const tool = TOOLS.find((t) => t.key.toLowerCase() === key.toLowerCase());
      if (key === '?') keys.toggleHelp();
      else if (key === 'Enter' || key === 'a' || key === 'A') keys.assignSelection();
      else if (key === 'Escape') keys.clearSelection();
      else if (key === '[') keys.resizeBrush(-4);
      else if (key === ']') keys.resizeBrush(4);
      else if (key === '/') focusSearch();
      else if ((key === 'k' || key === 'K') && keys.lockSelection) keys.lockSelection(!event.shiftKey);
      else if (tool) keys.setTool(tool.id);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [keys, focusSearch]);
}
