/**
 * The renderer's only way to main: a typed client over one of two transports, chosen at start-up.
 * - Electron: the preload script exposes `window.tesseraApi` (one function per contract call).
 * - Browser (HTTP host): POST /api/<call> with JSON, events over the /events WebSocket; the
 *   per-launch token travels in the cookie the host set when the page was opened with ?token=.
 */
// The contract only as types, the names from the zod-free list: bundling zod would run its JIT
// probe (`Function('')`), which the renderer's CSP (no 'unsafe-eval') reports as a violation.
import type { ApiClient, ApiEvent, ApiResponse, RequestOf, ResultOf } from '../../../shared/api/contract.ts';
import { CALL_NAMES, type CallName } from '../../../shared/api/call-names.ts';

export type EventListener = (event: ApiEvent) => void;

/** What the Electron preload exposes on `window.tesseraApi`. */
export type PreloadApi = { [K in CallName]: (request: RequestOf<K>) => Promise<ApiResponse<ResultOf<K>>> } & {
  onEvent(listener: EventListener): () => void;
  /** The file system path of a file dropped on the window. */
  pathForFile(file: File): string;
};

declare global {
  interface Window {
    tesseraApi?: PreloadApi;
  }
}

/** Raised for a failed call; `message` is plain language when `code` is 'user'. */
export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Invoke = (name: CallName, request: unknown) => Promise<ApiResponse<unknown>>;

function clientFrom(invoke: Invoke): ApiClient {
  const client = {} as Record<CallName, (request: unknown) => Promise<unknown>>;
  for (const name of CALL_NAMES) {
    client[name] = async (request: unknown) => {
      const response = await invoke(name, request);
      if (!response.ok) throw new ApiCallError(response.error.code, response.error.message);
      return response.value;
    };
  }
  return client as ApiClient;
}

function httpInvoke(name: CallName, request: unknown): Promise<ApiResponse<unknown>> {
  return fetch(`/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(request),
  }).then(async (res) => {
    if (res.status === 401) return { ok: false, error: { code: 'internal', message: 'This page lost its access token; open the link Tessera printed again.' } };
    return (await res.json()) as ApiResponse<unknown>;
  });
}

/** Subscribe to main's events over the /events WebSocket, reconnecting after a drop. */
function httpEvents(listener: EventListener): () => void {
  let socket: WebSocket | null = null;
  let closed = false;
  const connect = () => {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(`${scheme}://${location.host}/events`);
    socket.onmessage = (message) => listener(JSON.parse(String(message.data)) as ApiEvent);
    socket.onclose = () => {
      if (!closed) setTimeout(connect, 1000);
    };
  };
  connect();
  return () => {
    closed = true;
    socket?.close();
  };
}

export interface Connection {
  api: ApiClient;
  onEvent(listener: EventListener): () => void;
  transport: 'electron' | 'http';
  /** Path of a dropped file; null in a browser, which never reveals paths. */
  pathForFile: ((file: File) => string) | null;
}

export function connect(): Connection {
  const preload = window.tesseraApi;
  if (preload) {
    return {
      api: clientFrom((name, request) => (preload[name] as (r: unknown) => Promise<ApiResponse<unknown>>)(request)),
      onEvent: (listener) => preload.onEvent(listener),
      transport: 'electron',
      pathForFile: (file) => preload.pathForFile(file),
    };
  }
  return { api: clientFrom(httpInvoke), onEvent: httpEvents, transport: 'http', pathForFile: null };
}
