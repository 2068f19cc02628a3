/** Progress of an import: stage, percent of the whole job, features/s; the cancel check. */
import { ImportCancelled, type CancelToken, type ImportProgress, type ImportStage } from './types.ts';

export interface ImportHooks {
  onProgress?: (progress: ImportProgress) => void;
  cancel?: CancelToken;
}

/** Share of the whole job each stage ends at (percent). */
const STAGE_END: Record<ImportStage, number> = { open: 2, read: 45, topology: 70, write: 95, link: 99, done: 100 };
const STAGE_START: Record<ImportStage, number> = { open: 0, read: 2, topology: 45, write: 70, link: 95, done: 100 };

export class Progress {
  private stage: ImportStage = 'open';
  private stageStarted = Date.now();
  private lastSent = 0;
  constructor(
    private readonly hooks: ImportHooks,
  ) {}

  enter(stage: ImportStage, message: string): void {
    this.checkCancel();
    this.stage = stage;
    this.stageStarted = Date.now();
    this.send(0, 0, message, true);
  }

  /** `done` of `total` features handled in the current stage. */
  tick(done: number, total: number | null, message: string): void {
    this.checkCancel();
    const now = Date.now();
    if (now - this.lastSent < 100) return;
    this.send(total ? Math.min(1, done / total) : 0, done, message, false);
  }

  checkCancel(): void {
    if (this.hooks.cancel?.cancelled) throw new ImportCancelled();
  }

  private send(fraction: number, features: number, message: string, force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastSent < 100) return;
    this.lastSent = now;
    const start = STAGE_START[this.stage];
    const seconds = (now - this.stageStarted) / 1000;
    this.hooks.onProgress?.({
      stage: this.stage,
      percent: Math.round((start + (STAGE_END[this.stage] - start) * fraction) * 10) / 10,
      features,
      featuresPerSecond: seconds > 0 ? Math.round(features / seconds) : 0,
      message,
    });
  }
}
