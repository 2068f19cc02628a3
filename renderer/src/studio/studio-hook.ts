/** Read-only studio state for the end-to-end tests: `window.__tesseraStudio` (selection, tool, compare). */
export interface StudioTestHook {
  selection(): string[];
  readonly tool: string;
  /** Units outlined as changed in the compare view (-1 when compare is off). */
  readonly compareChanged: number;
  readonly theme: string;
}

declare global {
  interface Window {
    __tesseraStudio?: StudioTestHook;
  }
}

interface Sources {
  selection: () => ReadonlySet<string>;
  tool: string;
  compareChanged: number;
  theme: string;
}

let sources: Sources | null = null;

window.__tesseraStudio = {
  selection: () => [...(sources?.selection() ?? [])],
  get tool() {
    return sources?.tool ?? '';
  },
  get compareChanged() {
    return sources?.compareChanged ?? -1;
  },
  get theme() {
    return sources?.theme ?? '';
  },
};

export function connectStudioHook(next: Sources | null): void {
  sources = next;
}
