import { describe, expect, it } from "vitest";
import { compareDecimal, compareNullableDecimal, isDecimal, shiftDecimal, signOf } from "./decimal";

describe("compareDecimal", () => {
  it("orders decimal strings exactly", () => {
    expect(compareDecimal("1", "2")).toBe(-1);
    expect(compareDecimal("10", "9")).toBe(1);
    expect(compareDecimal("0.5", "0.50")).toBe(0);
    expect(compareDecimal("007.10", "7.1")).toBe(0);
    expect(compareDecimal("0.1", "0.09")).toBe(1);
    expect(compareDecimal("-1", "0")).toBe(-1);
    expect(compareDecimal("-2", "-10")).toBe(1);
    expect(compareDecimal("-0", "0")).toBe(0);
    expect(compareDecimal("+3", "3")).toBe(0);
    expect(compareDecimal(".5", "0.5")).toBe(0);
  });

  it("tells apart values a float cannot", () => {
    // Both are 1000000000000 as floats.
    expect(compareDecimal("999999999999.99999999", "1000000000000")).toBe(-1);
    expect(compareDecimal("0.30000000000000000001", "0.3")).toBe(1);
    expect(compareDecimal("9007199254740993", "9007199254740992")).toBe(1);
  });

  it("sorts a list", () => {
    const list = ["48421.075", "-3", "6825.16", "0", "1874.20", "72631.6125", "-0.5"];
    expect([...list].sort(compareDecimal)).toEqual(["-3", "-0.5", "0", "1874.20", "6825.16", "48421.075", "72631.6125"]);
  });

  it("rejects text that is not a decimal", () => {
    expect(() => compareDecimal("abc", "1")).toThrow(RangeError);
    expect(isDecimal("1e5")).toBe(false);
    expect(isDecimal("")).toBe(false);
    expect(isDecimal("-12.5")).toBe(true);
  });

  it("puts unknown values last", () => {
    expect(["2", null, "1"].sort(compareNullableDecimal)).toEqual(["1", "2", null]);
  });
});

describe("signOf and shiftDecimal", () => {
  it("finds the sign", () => {
    expect(signOf("-0.000")).toBe(0);
    expect(signOf("-0.001")).toBe(-1);
    expect(signOf("12")).toBe(1);
  });

  it("moves the decimal point without rounding", () => {
    expect(shiftDecimal("222.75", -2)).toBe("2.2275");
    expect(shiftDecimal("5", -2)).toBe("0.05");
    expect(shiftDecimal("-36.50", -2)).toBe("-0.365");
    expect(shiftDecimal("0.0123", 2)).toBe("1.23");
    expect(shiftDecimal("1.5", 3)).toBe("1500");
    expect(shiftDecimal("999999999999.99999999", -2)).toBe("9999999999.9999999999");
  });
});
