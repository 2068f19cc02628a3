/**
 * The map image export, mounted once in the Workspace: the "Export map image…" dialog when open,
 * and the page hook the CLI drives (print-hook.ts), both on the project the window shows.
 */
import { useEffect, useRef, type RefObject } from 'react';
import type { MapApi } from '../map/TerritoryMap.tsx';
import { installPrintHook } from './print-hook.ts';
import { MapExportDialog } from './MapExportDialog.tsx';
import type { PrintSource } from './print-source.ts';

export interface MapExportProps extends Omit<PrintSource, 'mapApi'> {
  mapApiRef: RefObject<MapApi | null>;
  open: boolean;
  onClose(): void;
}

export function MapExport({ mapApiRef, open, onClose, ...rest }: MapExportProps) {
  const source: PrintSource = { ...rest, mapApi: mapApiRef.current };
  const latest = useRef(source);
  latest.current = source;
  useEffect(() => installPrintHook(() => ({ ...latest.current, mapApi: mapApiRef.current })), [mapApiRef]);
  return open ? <MapExportDialog source={source} onClose={onClose} /> : null;
}
