// The Tauri implementation: the only module that talks to the Rust shell.
// Command and event names come typed from the generated bindings.

import { Channel, invoke, type InvokeArgs } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { EVENT, type Event } from "./bindings";
import type { Args, Backend, Command, Result } from "./index";

/**
 * A callback argument (a per-call progress channel in the bindings, such as
 * `backfill`'s `onProgress`) travels as a Tauri `Channel` that calls it
 * with each message the command sends.
 */
function withChannels(args: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(args).map(([name, value]) => {
      if (typeof value !== "function") return [name, value];
      const channel = new Channel<unknown>();
      channel.onmessage = value as (message: unknown) => void;
      return [name, channel];
    }),
  );
}

export function tauriBackend(): Backend {
  return {
    call<K extends Command>(cmd: K, args: Args<K>): Promise<Result<K>> {
      return invoke<Result<K>>(cmd, withChannels(args) as InvokeArgs);
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
