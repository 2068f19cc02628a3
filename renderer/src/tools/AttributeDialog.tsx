/** Select units by an attribute condition (field, operator, value), e.g. State = Texas. */
import { useMemo, useState } from 'react';
import type { FieldInfo, UnitRecord } from '../../../shared/model/project.ts';
import { ATTRIBUTE_OPERATORS, selectByAttribute, type AttributeOperator } from '../../../shared/edit/unit-selection.ts';
import { Dialog } from './Dialog.tsx';

export interface AttributeDialogProps {
  units: readonly UnitRecord[];
  fields: readonly FieldInfo[];
  onSelect(unitIds: string[], add: boolean): void;
  onClose(): void;
}

export function AttributeDialog({ units, fields, onSelect, onClose }: AttributeDialogProps) {
  const choices = useMemo(() => [{ name: 'name', label: 'Name' }, { name: 'id', label: 'ID' }, ...fields], [fields]);
  const [field, setField] = useState(choices[2]?.name ?? 'name');
  const [operator, setOperator] = useState<AttributeOperator>('=');
  const [value, setValue] = useState('');
  const matches = useMemo(() => (value.trim() ? selectByAttribute(units, field, operator, value) : []), [units, field, operator, value]);
  return (
    <Dialog title="Select by attribute" onClose={onClose} testId="attribute-select">
      <div className="studio-dialog__row">
        <select value={field} onChange={(e) => setField(e.target.value)} aria-label="Field" data-testid="attribute-field">
          {choices.map((f) => <option key={f.name} value={f.name}>{f.label}</option>)}
        </select>
        <select value={operator} onChange={(e) => setOperator(e.target.value as AttributeOperator)} aria-label="Operator" data-testid="attribute-operator">
          {ATTRIBUTE_OPERATORS.map((op) => <option key={op} value={op}>{op}</option>)}
        </select>
        <input value={value} onChange={(e) => setValue(e.target.value)} placeholder="Value" aria-label="Value" autoFocus data-testid="attribute-value" />
      </div>
      <p className="studio-dialog__note" data-testid="attribute-count">{matches.length} matching units</p>
      <div className="studio-dialog__actions">
        <button type="button" className="button" onClick={onClose}>Cancel</button>
        <button type="button" className="button" disabled={!matches.length} onClick={() => { onSelect(matches, true); onClose(); }}>Add to selection</button>
        <button type="button" className="button button--primary" disabled={!matches.length} onClick={() => { onSelect(matches, false); onClose(); }} data-testid="attribute-apply">
          Select
        </button>
      </div>
    </Dialog>
  );
}
