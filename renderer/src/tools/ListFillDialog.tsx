/**
 * "Fill from list": paste unit ids (ZIPs, FIPS codes) and assign them all to the target territory
 * as one edit, or just select them. Unknown ids are reported, not silently dropped.
 */
import { useMemo, useState } from 'react';
import { parseUnitList } from '../../../shared/edit/unit-selection.ts';
import { Dialog } from './Dialog.tsx';

export interface ListFillDialogProps {
  unitIds: ReadonlySet<string>;
  targetName: string;
  onAssign(unitIds: string[]): void;
  onSelect(unitIds: string[]): void;
  onClose(): void;
}

export function ListFillDialog({ unitIds, targetName, onAssign, onSelect, onClose }: ListFillDialogProps) {
  const [text, setText] = useState('');
  const parsed = useMemo(() => parseUnitList(text, unitIds), [text, unitIds]);
  return (
    <Dialog title="Fill from a list of unit IDs" onClose={onClose} testId="list-fill">
      <textarea
        className="studio-dialog__textarea"
        placeholder="Paste IDs separated by commas, spaces or new lines (e.g. 48201, 48113, 48439)"
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoFocus
        data-testid="list-fill-text"
      />
      <p className="studio-dialog__note" data-testid="list-fill-report">
        {parsed.found.length} known unit{parsed.found.length === 1 ? '' : 's'}
        {parsed.unknown.length > 0 && (
          <>
            {' '}· <span className="text-danger">{parsed.unknown.length} unknown: {parsed.unknown.slice(0, 12).join(', ')}
            {parsed.unknown.length > 12 ? ', …' : ''}</span>
          </>
        )}
      </p>
      <div className="studio-dialog__actions">
        <button type="button" className="button" onClick={onClose}>Cancel</button>
        <button type="button" className="button" disabled={!parsed.found.length} onClick={() => { onSelect(parsed.found); onClose(); }} data-testid="list-fill-select">
          Select
        </button>
        <button type="button" className="button button--primary" disabled={!parsed.found.length} onClick={() => { onAssign(parsed.found); onClose(); }} data-testid="list-fill-assign">
          Assign to {targetName}
        </button>
      </div>
    </Dialog>
  );
}
