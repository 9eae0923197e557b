import { describe, expect, it } from "vitest";
import { DEFAULT_RANGE, parseDays, rangeDays } from "./backfill-range";

describe("backfill range", () => {
  it("reads the choice, or the typed days for a custom range", () => {
    expect(rangeDays("30", "")).toBe(30);
    expect(rangeDays("custom", " 90 ")).toBe(90);
    expect(rangeDays("custom", "0")).toBeNull();
    expect(DEFAULT_RANGE["1m"]).toBe("7");
  });

  it("accepts whole days from 1 to 3650", () => {
    expect(parseDays("3650")).toBe(3_650);
    for (const bad of ["3651", "0", "1.5", "", "-1", "ten"]) expect(parseDays(bad)).toBeNull();
  });
});
