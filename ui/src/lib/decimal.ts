// Exact operations on decimal strings as the Rust core sends them
// ("48421.075", "-1.5", "0"). Nothing here goes through a float.

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?$/;

interface Parts {
  negative: boolean;
  int: string; // no leading zeros, "" for zero
  frac: string; // no trailing zeros
}

function parts(d: string): Parts {
  const m = DECIMAL.exec(d.trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw new RangeError(`not a decimal number: ${JSON.stringify(d)}`);
  const int = m[2].replace(/^0+/, "");
  const frac = (m[3] ?? "").replace(/0+$/, "");
  const zero = int === "" && frac === "";
  return { negative: m[1] === "-" && !zero, int, frac };
}

/** Whether `d` is a decimal string this module understands. */
export function isDecimal(d: string): boolean {
  const m = DECIMAL.exec(d.trim());
  return m !== null && !(m[2] === "" && (m[3] ?? "") === "");
}

function compareMagnitude(a: Parts, b: Parts): number {
  if (a.int.length !== b.int.length) return a.int.length < b.int.length ? -1 : 1;
  if (a.int !== b.int) return a.int < b.int ? -1 : 1;
  const len = Math.max(a.frac.length, b.frac.length);
  const fa = a.frac.padEnd(len, "0");
  const fb = b.frac.padEnd(len, "0");
  if (fa === fb) return 0;
  return fa < fb ? -1 : 1;
}

/** Compares two decimal strings exactly: -1, 0 or 1. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const pa = parts(a);
  const pb = parts(b);
  if (pa.negative !== pb.negative) return pa.negative ? -1 : 1;
  const m = compareMagnitude(pa, pb);
  const r = pa.negative ? -m : m;
  return r < 0 ? -1 : r > 0 ? 1 : 0;
}

/** Compares nullable decimals; unknown values (null) sort after every number. */
export function compareNullableDecimal(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return compareDecimal(a, b);
}

/** The sign of a decimal string: -1, 0 or 1. */
export function signOf(d: string): -1 | 0 | 1 {
  const p = parts(d);
  if (p.int === "" && p.frac === "") return 0;
  return p.negative ? -1 : 1;
}

/** Multiplies by 10^`places` by moving the decimal point (negative moves left). */
export function shiftDecimal(d: string, places: number): string {
  const p = parts(d);
  let int = p.int;
  let frac = p.frac;
  if (places > 0) {
    const moved = frac.padEnd(places, "0");
    int += moved.slice(0, places);
    frac = moved.slice(places);
  } else if (places < 0) {
    const n = -places;
    const padded = int.padStart(n, "0");
    frac = padded.slice(padded.length - n) + frac;
    int = padded.slice(0, padded.length - n);
  }
  int = int.replace(/^0+/, "") || "0";
  frac = frac.replace(/0+$/, "");
  return (p.negative ? "-" : "") + int + (frac ? "." + frac : "");
}
