import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { throttle } from "./throttle";

describe("throttle", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs at once, then folds a burst into one trailing run", () => {
    const fn = vi.fn();
    const t = throttle(fn, 500);
    t();
    expect(fn).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 10; i++) t();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(499);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it("never runs more than once per window under a steady stream", () => {
    const fn = vi.fn();
    const t = throttle(fn, 500);
    for (let ms = 0; ms < 3000; ms += 50) {
      t();
      vi.advanceTimersByTime(50);
    }
    expect(fn.mock.calls.length).toBeLessThanOrEqual(7);
    expect(fn.mock.calls.length).toBeGreaterThanOrEqual(6);
  });

  it("runs at once again after a quiet window", () => {
    const fn = vi.fn();
    const t = throttle(fn, 500);
    t();
    vi.advanceTimersByTime(600);
    t();
    expect(fn).toHaveBeenCalledTimes(2);
  });
});
