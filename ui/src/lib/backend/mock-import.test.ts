import { describe, expect, it } from "vitest";
import type { Transaction } from "./bindings";
import fixtures from "./fixtures.json";
import { mockBackend } from "./mock";
import { csvField, exportCsv, importReport, NO_IMPORT_FIXTURE, OWN_HEADER, plainDecimal, type ImportFixture } from "./mock-import";

const fx = fixtures.import as unknown as ImportFixture;
const args = { text: fx.text, source: null, dryRun: true, skipInvalid: false };

describe("mock import", () => {
  it("answers the fixture file with the core's dry run, refusal and commit", () => {
    expect(importReport(fx, args)).toEqual(fx.dry_run);
    expect(importReport(fx, { ...args, source: "kraken" })).toEqual(fx.dry_run);
    expect(importReport(fx, { ...args, dryRun: false })).toEqual(fx.refused);
    expect(importReport(fx, { ...args, dryRun: false, skipInvalid: true })).toEqual(fx.committed);
    expect(importReport(fx, args)).not.toBe(fx.dry_run);
  });

  it("refuses any other file, or the fixture read as another format, at field `file`", () => {
    expect(() => importReport(fx, { ...args, text: "a,b\n1,2\n" })).toThrow();
    try {
      importReport(fx, { ...args, source: "binance" });
      expect.unreachable();
    } catch (e) {
      expect(e).toEqual(NO_IMPORT_FIXTURE);
    }
  });

  it("is served by the mock backend", async () => {
    const b = mockBackend();
    expect(await b.call("import_transactions", args)).toEqual(fx.dry_run);
    await expect(b.call("import_transactions", { ...args, text: "x" })).rejects.toMatchObject({ code: "validation", field: "file" });
    expect(await b.call("export_transactions", {})).toBe(`${OWN_HEADER}\n`);
  });
});

describe("mock export", () => {
  it("writes the stored values as the own CSV", () => {
    const t = fixtures.ledger.by_method.fifo.transactions as unknown as Transaction[];
    const rows: Transaction[] = [
      { ...t[0], source: "Binance, spot", fx_rate_eur: "0.9200", import_key: "binance:42" },
      { ...t[1], import_key: "content:abc" },
    ];
    const lines = exportCsv(rows).split("\n");
    expect(lines[0]).toBe(OWN_HEADER);
    expect(lines[1]).toBe(`buy,2024-01-15,BTC,0.5,30000,USD,0,"Binance, spot",0.92,,binance:42`);
    expect(lines[2]).toMatch(/,$/);
    expect(lines.at(-1)).toBe("");
  });

  it("writes decimals without trailing zeros and quotes fields", () => {
    expect(plainDecimal("1.50")).toBe("1.5");
    expect(plainDecimal("2.000")).toBe("2");
    expect(plainDecimal("300")).toBe("300");
    expect(csvField('a "b"')).toBe('"a ""b"""');
    expect(csvField("plain")).toBe("plain");
  });
});
