// What the Import card derives from an import report, and the CSV download.

import type { ImportReport, Source } from "@/lib/backend";

/** The format choices; "" detects the format from the file's header. */
export const SOURCE_OPTIONS: { value: Source | ""; label: string }[] = [
  { value: "", label: "Detect from header" },
  { value: "cryptodesk", label: "Cryptodesk" },
  { value: "binance", label: "Binance" },
  { value: "coinbase", label: "Coinbase" },
  { value: "kraken", label: "Kraken" },
];

export const sourceOf = (value: string): Source | null => (value === "" ? null : (value as Source));

/** Rows a commit would store: the valid ones not already imported. */
export const newRows = (r: ImportReport): number => r.valid - r.duplicates;

/** Whether the commit may run: something to store, and no errors unless they are skipped. */
export const canCommit = (r: ImportReport, skipInvalid: boolean): boolean => newRows(r) > 0 && (r.errors.length === 0 || skipInvalid);

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const commitLabel = (r: ImportReport): string => `Import ${plural(newRows(r), "row", "rows")}`;

/** What a commit did, in words. */
export function resultMessage(r: ImportReport): string {
  if (!r.committed) return `Nothing was stored: ${plural(r.errors.length, "row has", "rows have")} errors.`;
  const stored = `Stored ${plural(r.stored_buys, "buy", "buys")} and ${plural(r.stored_sells, "sale", "sales")}`;
  return r.duplicates > 0 ? `${stored} (${plural(r.duplicates, "row was", "rows were")} already imported).` : `${stored}.`;
}

export const EXPORT_FILE_NAME = "cryptodesk-transactions.csv";

/** Saves `text` as a file through a temporary download link. */
export function downloadText(text: string, fileName: string, type = "text/csv"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: the browser reads the Blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
