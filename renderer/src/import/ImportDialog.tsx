/** Import…: the path of a file on this machine, and whether it holds units or accounts. */
import { useState } from 'react';

export interface ImportRequest {
  path: string;
  as?: 'units' | 'accounts';
  replace?: boolean;
}

export interface ImportDialogProps {
  onImport(request: ImportRequest): void;
  onCancel(): void;
}

export function ImportDialog({ onImport, onCancel }: ImportDialogProps) {
  const [path, setPath] = useState('');
  const [as, setAs] = useState<'auto' | 'units' | 'accounts'>('auto');
  const [replace, setReplace] = useState(false);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (path.trim()) onImport({ path: path.trim(), ...(as === 'auto' ? {} : { as }), ...(replace ? { replace } : {}) });
  };
  return (
    <div className="import-dialog__backdrop" onClick={onCancel}>
      <form className="import-dialog" onSubmit={submit} onClick={(e) => e.stopPropagation()} aria-label="Import" data-testid="import-dialog">
        <h2>Import</h2>
        <p>Shapefile (.shp or .zip), folder, GeoJSON, GeoPackage, KML as units; CSV or TSV of accounts with lat/lon or ZIP columns.</p>
        <label>
          File path on this computer
          <input autoFocus value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/Downloads/tl_2020_us_zcta520.zip" />
        </label>
        <label>
          It holds
          <select value={as} onChange={(e) => setAs(e.target.value as typeof as)}>
            <option value="auto">detect (points and tables are accounts)</option>
            <option value="units">units (boundaries)</option>
            <option value="accounts">accounts</option>
          </select>
        </label>
        <label className="import-dialog__check">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> Replace what the project has (replacing units deletes its plans)
        </label>
        <div className="import-dialog__actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!path.trim()}>
            Import
          </button>
        </div>
      </form>
    </div>
  );
}
