/** The renderer's read-only test hook as the tests see it (defined in renderer/src/test-hook.ts). */
export {};

declare global {
  interface Window {
    __tessera?: {
      readonly ready: boolean;
      readonly renders: number;
      readonly planVersion: number;
      readonly drawnPlanVersion: number;
      assignments(): Record<string, string>;
      project(lonLat: [number, number]): [number, number] | null;
      settled(): boolean;
      repTags(): { name: string; anchor: 'start' | 'end'; offset: [number, number] }[];
      readonly lastMetricsMs: number;
      readonly metricsRebuilds: number;
      readonly metricsPlanVersion: number;
      readonly colourMode: string;
      readonly drawnFillKey: string;
      whenDrawn(planVersion: number): Promise<void>;
      whenSaved(): Promise<void>;
    };
  }
}
