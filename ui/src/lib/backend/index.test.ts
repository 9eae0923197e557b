import { describe, expect, it } from "vitest";
import { COMMANDS, errorMessage, isBackendError, toDisplayError } from "./index";

describe("isBackendError", () => {
  it("accepts the backend's error shape with a known code", () => {
    expect(isBackendError({ code: "validation", field: "amount", message: "amount must be > 0 (got 0)" })).toBe(true);
    expect(isBackendError({ code: "upstream", field: null, message: "timeout" })).toBe(true);
  });

  it("rejects unknown codes, missing messages and non-objects", () => {
    expect(isBackendError({ code: "teapot", field: null, message: "x" })).toBe(false);
    expect(isBackendError({ code: "validation", field: null })).toBe(false);
    expect(isBackendError({ code: "validation", field: null, message: 42 })).toBe(false);
    expect(isBackendError({ code: "validation", field: 3, message: "x" })).toBe(false);
    expect(isBackendError(new Error("validation"))).toBe(false);
    expect(isBackendError("validation")).toBe(false);
    expect(isBackendError(null)).toBe(false);
  });
});

describe("toDisplayError", () => {
  it("keeps the field of backend errors", () => {
    expect(toDisplayError({ code: "unknown_symbol", field: "symbol", message: "symbol NOPE: …" })).toEqual({
      code: "unknown_symbol",
      field: "symbol",
      message: "symbol NOPE: …",
    });
  });

  it("describes anything else", () => {
    expect(errorMessage(new Error("IPC down"))).toBe("IPC down");
    expect(errorMessage("plain text")).toBe("plain text");
    expect(errorMessage(undefined)).toMatch(/went wrong/);
    expect(toDisplayError({ code: "nope", message: "x" }).code).toBeNull();
  });
});

it("re-exports the generated command list", () => {
  expect(COMMANDS).toContain("add_holding");
});
