/**
 * State of the "Drive-time areas" tool: the minute bands, picking a start point on the map (or a
 * rep's home), the bands main computed (getDriveAreas, in a worker), and the message to show
 * when the network cannot answer (no roads imported, a point far from every road).
 */
import { useCallback, useState } from 'react';
import type { ApiClient } from '../../../shared/api/contract.ts';
import type { DriveAreas } from '../../../shared/model/drive-time.ts';

export const DEFAULT_BANDS = '15, 30, 60';

/** "15, 30, 60" -> [15, 30, 60]; an error message when it is not a list of 1 to 8 minutes in (0, 1440]. */
export function parseBands(text: string): number[] | string {
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  const minutes = parts.map(Number);
  if (parts.length === 0 || parts.length > 8 || minutes.some((m) => !(m > 0) || m > 1440)) {
    return `"${text}" is not a list of minutes: give 1 to 8 numbers between 0 and 1440, e.g. 15, 30, 60.`;
  }
  return [...new Set(minutes)].sort((a, b) => a - b);
}

export function useDriveAreas(api: ApiClient) {
  const [bandsText, setBandsText] = useState(DEFAULT_BANDS);
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [areas, setAreas] = useState<DriveAreas | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const compute = useCallback(
    async (from: [number, number]) => {
      setPicking(false);
      const bands = parseBands(bandsText);
      if (typeof bands === 'string') {
        setMessage(bands);
        return;
      }
      setBusy(true);
      setMessage(null);
      try {
        const result = await api.getDriveAreas({ lon: from[0], lat: from[1], minutes: bands });
        setAreas(result);
        setMessage(result.notes.length ? result.notes.join(' ') : null);
      } catch (error) {
        setMessage(error instanceof Error ? error.message : String(error));
      } finally {
        setBusy(false);
      }
    },
    [api, bandsText],
  );

  const clear = useCallback(() => {
    setAreas(null);
    setMessage(null);
    setPicking(false);
  }, []);

  return { bandsText, setBandsText, picking, setPicking, busy, areas, message, compute, clear };
}

export type DriveAreasState = ReturnType<typeof useDriveAreas>;
