// The typed interface to the Rust core. Only this folder imports @tauri-apps/*;
// everything else talks to a `Backend` and the generated types in bindings.ts.

export * from "./bindings";
import { ERROR_CODES, type Commands, type ErrorBody, type ErrorCode, type Event } from "./bindings";
import { mockBackend } from "./mock";
import { tauriBackend } from "./tauri";

/** A command name from the generated `Commands` map. */
export type Command = keyof Commands;
export type Args<K extends Command> = Commands[K]["args"];
export type Result<K extends Command> = Commands[K]["result"];

/** Everything the UI can ask of the app, and the one event stream it hears. */
export interface Backend {
  call<K extends Command>(cmd: K, args: Args<K>): Promise<Result<K>>;
  /**
   * Subscribes to backend events; returns the unsubscribe function.
   * `onError` hears when the subscription itself fails (no live updates).
   */
  onEvent(handler: (e: Event) => void, onError?: (e: unknown) => void): () => void;
}

declare global {
  interface Window {
    /** Set by the Tauri shell inside the app window. */
    __TAURI_INTERNALS__?: unknown;
  }
}

let instance: Backend | undefined;

/** The Tauri backend inside the app window; the fixture-serving mock in a plain browser. */
export function backend(): Backend {
  if (!instance) {
    instance = typeof window !== "undefined" && window.__TAURI_INTERNALS__ !== undefined ? tauriBackend() : mockBackend();
  }
  return instance;
}

/** Whether `e` is the backend's one error shape, with a code from the closed set. */
export function isBackendError(e: unknown): e is ErrorBody {
  if (typeof e !== "object" || e === null) return false;
  const o = e as Record<string, unknown>;
  return (
    typeof o.code === "string" &&
    (ERROR_CODES as readonly string[]).includes(o.code) &&
    typeof o.message === "string" &&
    (o.field === undefined || o.field === null || typeof o.field === "string")
  );
}

/** What the UI shows for a failure: a message, the field it is about, its code when known. */
export interface DisplayError {
  code: ErrorCode | null;
  message: string;
  field: string | null;
}

/** Turns anything thrown (an ErrorBody, an Error, a string…) into something to show. */
export function toDisplayError(e: unknown): DisplayError {
  if (isBackendError(e)) return { code: e.code, message: e.message, field: e.field ?? null };
  if (e instanceof Error) return { code: null, message: e.message || e.name, field: null };
  if (typeof e === "string" && e) return { code: null, message: e, field: null };
  return { code: null, message: "Something went wrong (no details were given).", field: null };
}

/** Just the message of `toDisplayError`. */
export function errorMessage(e: unknown): string {
  return toDisplayError(e).message;
}
