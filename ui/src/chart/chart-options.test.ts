import { describe, expect, it } from "vitest";
import { withNearbyLines } from "./chart-options";

describe("alert lines in the autoscale", () => {
  it("takes in thresholds near the prices shown, and leaves far ones out", () => {
    const range = { priceRange: { minValue: 90_000, maxValue: 100_000 } };
    expect(withNearbyLines(range, [105_000, 80_000])?.priceRange).toEqual({ minValue: 80_000, maxValue: 105_000 });
    expect(withNearbyLines(range, [200_000, 10_000])?.priceRange).toEqual(range.priceRange);
    expect(withNearbyLines(null, [1])).toBeNull();
  });
});
