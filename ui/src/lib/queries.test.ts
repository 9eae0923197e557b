import { describe, expect, it } from "vitest";
import { createQueryClient } from "./queries";

describe("the query client", () => {
  it("never refreshes on its own: data changes only through backend events and mutations", () => {
    const q = createQueryClient().getDefaultOptions().queries;
    expect(q?.refetchInterval).toBe(false);
    expect(q?.refetchOnWindowFocus).toBe(false);
    expect(q?.refetchOnReconnect).toBe(false);
    expect(q?.staleTime).toBe(Infinity);
  });
});
