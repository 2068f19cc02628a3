/**
 * Hover card for a unit: name, id, territory and every attribute field of the unit; over a rep's
 * marker, the rep first (its name tag may be left out where reps crowd, rep-label-placement.ts).
 */
import type { FieldInfo, Rep, Territory, UnitRecord } from '../../../shared/model/project.ts';
import { formatFieldValue } from '../util/format.ts';

export interface UnitTooltipProps {
  /** Pointer position in map-container pixels. */
  x: number;
  y: number;
  flipX: boolean;
  flipY: boolean;
  unitId: string;
  record: UnitRecord | undefined;
  fields: FieldInfo[];
  territory: Territory | undefined;
  /** The rep whose marker is under the pointer. */
  rep?: Rep;
}

export function UnitTooltip({ x, y, flipX, flipY, unitId, record, fields, territory, rep }: UnitTooltipProps) {
  const className = `unit-tooltip${flipX ? ' unit-tooltip--flip-x' : ''}${flipY ? ' unit-tooltip--flip-y' : ''}`;
  return (
    <div className={className} style={{ left: x + 14, top: y + 14 }} data-testid="unit-tooltip" role="tooltip">
      {rep && (
        <div className="unit-tooltip__rep" data-testid="unit-tooltip-rep">
          <strong>{rep.name}</strong>
          <span>Rep home · {rep.home}</span>
        </div>
      )}
      <div className="unit-tooltip__title">{record?.name ?? unitId}</div>
      <div className="unit-tooltip__id">ID {unitId}</div>
      <div className="unit-tooltip__territory">
        <span className="swatch" style={{ background: territory?.color ?? 'var(--unassigned)' }} />
        {territory?.name ?? 'Unassigned'}
      </div>
      {fields.length > 0 && (
        <dl className="unit-tooltip__fields">
          {fields.map((field) => (
            <div key={field.name} className="unit-tooltip__field">
              <dt>{field.label}</dt>
              <dd className={field.kind === 'number' ? 'numeric' : undefined}>{formatFieldValue(record?.values[field.name])}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
