import { describe, expect, it } from "vitest";
import type { ImportReport } from "@/lib/backend";
import fixtures from "@/lib/backend/fixtures.json";
import { canCommit, commitLabel, newRows, resultMessage, sourceOf } from "./import-csv";

const fx = fixtures.import as unknown as { dry_run: ImportReport; refused: ImportReport; committed: ImportReport };

describe("import report helpers", () => {
  it("commits only when there is something new and no errors unless skipped", () => {
    const r = fx.dry_run;
    expect(newRows(r)).toBe(1);
    expect(commitLabel(r)).toBe("Import 1 row");
    expect(canCommit(r, false)).toBe(false);
    expect(canCommit(r, true)).toBe(true);
    const clean: ImportReport = { ...r, errors: [] };
    expect(canCommit(clean, false)).toBe(true);
    const dup: ImportReport = { ...clean, duplicates: 1 };
    expect(canCommit(dup, true)).toBe(false);
    expect(commitLabel({ ...r, valid: 3 })).toBe("Import 3 rows");
  });

  it("says what a commit did", () => {
    expect(resultMessage(fx.committed)).toBe("Stored 1 buy and 0 sales.");
    expect(resultMessage({ ...fx.committed, stored_buys: 2, stored_sells: 1, duplicates: 1 })).toBe("Stored 2 buys and 1 sale (1 row was already imported).");
    expect(resultMessage(fx.refused)).toBe("Nothing was stored: 3 rows have errors.");
  });

  it("maps the format choice", () => {
    expect(sourceOf("")).toBeNull();
    expect(sourceOf("kraken")).toBe("kraken");
  });
});
