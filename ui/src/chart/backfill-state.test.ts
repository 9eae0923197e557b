import { afterEach, describe, expect, it } from "vitest";
import type { BackfillProgress, BackfillSummary } from "@/lib/backend";
import { backfillFailed, backfillFinished, backfillProgressed, backfillRuns, backfillStarted, progressPercent, resetBackfills, runningBackfill } from "./backfill-state";

const progress = (stored: number, expected: number, page = 1): BackfillProgress => ({ symbol: "ADA", interval: "1h", page, stored, expected, last_open_time: null });
const summary: BackfillSummary = {
  interval: "1h",
  stored: 720,
  requests: 1,
  seconds: 1.2,
  symbols: [{ symbol: "ADA", stored: 720, requests: 1, started_at: "2026-10-25T09:30:00Z" }],
  notes: [],
  stopped: null,
};

describe("progressPercent", () => {
  it("is stored / expected in whole percent, clamped", () => {
    expect(progressPercent(progress(0, 720))).toBe(0);
    expect(progressPercent(progress(360, 720))).toBe(50);
    expect(progressPercent(progress(719, 720))).toBe(99);
    expect(progressPercent(progress(800, 720))).toBe(100);
  });

  it("is unknown before the first page or when nothing is expected", () => {
    expect(progressPercent(null)).toBeNull();
    expect(progressPercent(progress(0, 0))).toBeNull();
  });
});

describe("backfill runs", () => {
  afterEach(() => resetBackfills());

  it("goes from started through progress to its summary", () => {
    backfillStarted("ADA", "1h");
    expect(runningBackfill(backfillRuns())).toMatchObject({ symbol: "ADA", status: "running", progress: null });
    backfillProgressed(progress(360, 720));
    expect(backfillRuns().get("ADA/1h")?.progress?.stored).toBe(360);
    backfillFinished(summary);
    backfillFinished(summary);
    expect(backfillRuns().get("ADA/1h")).toMatchObject({ status: "done", summary });
    expect(runningBackfill(backfillRuns())).toBeNull();
  });

  it("ignores late progress of a finished run, but shows a run it did not start", () => {
    backfillStarted("ADA", "1h");
    backfillFinished(summary);
    backfillProgressed(progress(720, 720, 2));
    expect(backfillRuns().get("ADA/1h")?.status).toBe("done");
    backfillProgressed({ ...progress(10, 100), symbol: "BTC" });
    expect(runningBackfill(backfillRuns())?.symbol).toBe("BTC");
  });

  it("keeps the error of a refused run", () => {
    backfillFailed("ADA", "1h", { code: "validation", field: "symbol", message: "symbol a backfill is already running" });
    expect(backfillRuns().get("ADA/1h")).toMatchObject({ status: "failed", error: { code: "validation", message: "symbol a backfill is already running" } });
  });
});
