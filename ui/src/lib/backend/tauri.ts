// The Tauri implementation: the only module that talks to the Rust shell.
// Command and event names come typed from the generated bindings.

import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { EVENT, type Event } from "./bindings";
import type { Args, Backend, Command, Result } from "./index";

export function tauriBackend(): Backend {
  return {
    call<K extends Command>(cmd: K, args: Args<K>): Promise<Result<K>> {
      return invoke<Result<K>>(cmd, args as InvokeArgs);
    },
    onEvent(handler: (e: Event) => void, onError?: (e: unknown) => void): () => void {
      let stopped = false;
      let unlisten: (() => void) | undefined;
      listen<Event>(EVENT, (e) => handler(e.payload)).then(
        (u) => {
          if (stopped) u();
          else unlisten = u;
        },
        (e: unknown) => onError?.(e),
      );
      return () => {
        stopped = true;
        unlisten?.();
      };
    },
  };
}
