/** Read-only drive-time state for the end-to-end tests: `window.__tesseraDriveTime`. */
export interface DriveTimeTestHook {
  /** 'network', 'estimate' or 'computing': the drive-time source the live metrics use. */
  readonly source: string;
  /** Drive targets that fall back to the estimate (network only). */
  readonly fallbackTargets: number;
  /** Minutes of the drive-time bands drawn on the map, ascending (empty when none). */
  readonly bands: number[];
  /** Ids of the drive-time layers in the map's latest layer list. */
  readonly layerIds: string[];
}

declare global {
  interface Window {
    __tesseraDriveTime?: DriveTimeTestHook;
  }
}

let current: DriveTimeTestHook = { source: 'computing', fallbackTargets: 0, bands: [], layerIds: [] };

window.__tesseraDriveTime = {
  get source() {
    return current.source;
  },
  get fallbackTargets() {
    return current.fallbackTargets;
  },
  get bands() {
    return current.bands;
  },
  get layerIds() {
    return current.layerIds;
  },
};

export function connectDriveTimeHook(next: DriveTimeTestHook): void {
  current = next;
}
