// Import and export for the browser mock, with no parsing and no arithmetic:
// an import answers with the core's reports stored in `fixtures.import` (one
// Kraken file: one valid row, three broken ones); any other file is refused.
// The export writes the transactions the mock lists as Cryptodesk's own CSV,
// which is only text of stored values (as crates/core/src/imports/own.rs).
//
// Limitation: a committed import does NOT add its row to the mock's holdings
// (a stored buy needs a core-computed Holding the fixtures do not have), so
// the portfolio does not change after an import in the browser.

import type { ErrorBody, ImportReport, Source, Transaction } from "./bindings";

export interface ImportFixture {
  file_name: string;
  text: string;
  dry_run: ImportReport;
  refused: ImportReport;
  committed: ImportReport;
}

export interface ImportArgs {
  text: string;
  source: Source | null;
  dryRun: boolean;
  skipInvalid: boolean;
}

export const NO_IMPORT_FIXTURE: ErrorBody = { code: "validation", field: "file", message: "no fixture for this file" };

/** The core's report for the fixture's file (its format detected or named), or the refusal of any other file. */
export function importReport(fixture: ImportFixture, args: ImportArgs): ImportReport {
  if (args.text !== fixture.text || (args.source !== null && args.source !== fixture.dry_run.source)) {
    throw structuredClone(NO_IMPORT_FIXTURE);
  }
  const report = args.dryRun ? fixture.dry_run : args.skipInvalid ? fixture.committed : fixture.refused;
  return structuredClone(report);
}

/** The header of the own format. */
export const OWN_HEADER = "kind,date,symbol,amount,price,currency,commission,source,fx_rate_eur,fx_rate_czk,import_key";

/** A decimal string without trailing fractional zeros ("1.50" → "1.5", "2.000" → "2"), as the core writes it. */
export function plainDecimal(d: string): string {
  return d.includes(".") ? d.replace(/0+$/, "").replace(/\.$/, "") : d;
}

/** One CSV field, quoted when it holds a comma, a quote or a line break. */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The transactions as Cryptodesk's own CSV (content-only import keys left out, as the core does). */
export function exportCsv(transactions: Transaction[]): string {
  const lines = transactions.map((t) => {
    const key = t.import_key !== null && !t.import_key.startsWith("content:") ? t.import_key : "";
    return [
      t.kind,
      t.date,
      t.symbol,
      plainDecimal(t.amount),
      plainDecimal(t.price),
      t.currency,
      plainDecimal(t.commission),
      t.source ?? "",
      t.fx_rate_eur === null ? "" : plainDecimal(t.fx_rate_eur),
      t.fx_rate_czk === null ? "" : plainDecimal(t.fx_rate_czk),
      key,
    ]
      .map(csvField)
      .join(",");
  });
  return [OWN_HEADER, ...lines].map((l) => `${l}\n`).join("");
}
