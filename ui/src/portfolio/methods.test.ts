import { describe, expect, it } from "vitest";
import { isMethod, methodLabel, methodToAsk } from "./methods";

describe("cost-basis methods", () => {
  it("asks for another method's valuation only when one other than the method in use is chosen", () => {
    expect(methodToAsk(null, "fifo")).toBeNull();
    expect(methodToAsk("fifo", "fifo")).toBeNull();
    expect(methodToAsk("hifo", undefined)).toBeNull();
    expect(methodToAsk("hifo", "fifo")).toBe("hifo");
  });

  it("labels and recognises methods", () => {
    expect(methodLabel("average")).toBe("Average");
    expect(isMethod("lifo")).toBe(true);
    expect(isMethod("LIFO")).toBe(false);
  });
});
