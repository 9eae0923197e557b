// The Chart page's backfills: one run per asset and interval, fed by the
// command's progress channel and result, and by the `backfill_done` event
// (live.ts). A tiny external store, so a run keeps its progress when the user
// leaves the page and comes back, and live.ts can update it from outside React.

import { useSyncExternalStore } from "react";
import { toDisplayError, type BackfillProgress, type BackfillSummary, type DisplayError } from "@/lib/backend";

export interface BackfillRun {
  symbol: string;
  interval: string;
  status: "running" | "done" | "failed";
  /** The latest progress event, while running. */
  progress: BackfillProgress | null;
  summary: BackfillSummary | null;
  error: DisplayError | null;
}

type Runs = ReadonlyMap<string, BackfillRun>;

let runs: Runs = new Map();
const listeners = new Set<() => void>();

const runKey = (symbol: string, interval: string) => `${symbol}/${interval}`;

function put(run: BackfillRun): void {
  const next = new Map(runs);
  next.set(runKey(run.symbol, run.interval), run);
  runs = next;
  listeners.forEach((l) => l());
}

/** A run was asked for: it shows as running, without the last run's result. */
export function backfillStarted(symbol: string, interval: string): void {
  put({ symbol, interval, status: "running", progress: null, summary: null, error: null });
}

/**
 * A page was stored (the run's progress channel). Progress and the
 * command's answer travel separately, so a late message of a finished run
 * changes nothing.
 */
export function backfillProgressed(p: BackfillProgress): void {
  const run = runs.get(runKey(p.symbol, p.interval));
  if (run && run.status !== "running") return;
  put({ symbol: p.symbol, interval: p.interval, status: "running", progress: p, summary: null, error: null });
}

/** A run ended (the command's result or the `backfill_done` event; both may arrive). */
export function backfillFinished(summary: BackfillSummary): void {
  for (const s of summary.symbols) {
    const run = runs.get(runKey(s.symbol, summary.interval));
    put({ symbol: s.symbol, interval: summary.interval, status: "done", progress: run?.progress ?? null, summary, error: null });
  }
}

/** The command was refused or failed. */
export function backfillFailed(symbol: string, interval: string, e: unknown): void {
  put({ symbol, interval, status: "failed", progress: null, summary: null, error: toDisplayError(e) });
}

export function backfillRuns(): Runs {
  return runs;
}

/** Forgets every run (tests). */
export function resetBackfills(): void {
  runs = new Map();
  listeners.forEach((l) => l());
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useBackfillRuns(): Runs {
  return useSyncExternalStore(subscribe, backfillRuns, backfillRuns);
}

/** The run of this asset and interval, if any. */
export function useBackfillRun(symbol: string, interval: string): BackfillRun | null {
  return useBackfillRuns().get(runKey(symbol, interval)) ?? null;
}

/** Any running run (the backend runs one at a time). */
export function runningBackfill(all: Runs): BackfillRun | null {
  for (const r of all.values()) if (r.status === "running") return r;
  return null;
}

/** How far a run is, 0 to 100, or null while unknown (no page yet, or nothing expected). */
export function progressPercent(p: BackfillProgress | null): number | null {
  if (!p || p.expected <= 0) return null;
  return Math.min(100, Math.max(0, Math.floor((p.stored / p.expected) * 100)));
}
