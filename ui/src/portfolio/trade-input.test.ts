import { describe, expect, it } from "vitest";
import { fxRateItems } from "./trade-input";

describe("fxRateItems", () => {
  it("sends each rate typed as CUR=RATE, trimmed, as typed otherwise", () => {
    expect(fxRateItems({ fx_eur: " 0.9214", fx_czk: "23.41 " })).toEqual(["EUR=0.9214", "CZK=23.41"]);
    expect(fxRateItems({ fx_eur: "", fx_czk: "abc" })).toEqual(["CZK=abc"]);
  });

  it("leaves blank rates out", () => {
    expect(fxRateItems({ fx_eur: " ", fx_czk: "" })).toEqual([]);
  });
});
