// The typed interface to the app. Only this folder knows about Tauri.

export * from "./types.js";
import { mockBackend } from "./mock.js";
import { tauriAvailable, tauriBackend } from "./tauri.js";
import type { Backend } from "./types.js";

/** The Tauri backend inside the app window; the in-memory mock in a plain browser. */
export function backend(): Backend {
  return tauriAvailable() ? tauriBackend() : mockBackend();
}
