// Display helpers. Decimal strings are formatted as text: grouping digits
// and fixing decimals without ever going through a float.

/** Groups the integer part of a decimal string: "48421.075" → "48,421.075". */
export function groupDigits(d: string): string {
  const neg = d.startsWith("-");
  const [int, frac] = (neg ? d.slice(1) : d).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (neg ? "-" : "") + grouped + (frac !== undefined ? "." + frac : "");
}

/** Rounds a decimal string half away from zero to `dp` places, as text. */
export function roundDecimal(d: string, dp: number): string {
  const neg = d.startsWith("-");
  const [int, frac = ""] = (neg ? d.slice(1) : d).split(".");
  if (frac.length <= dp) {
    return (neg ? "-" : "") + int + (dp > 0 ? "." + frac.padEnd(dp, "0") : "");
  }
  const digits = (int + frac.slice(0, dp)).split("").map(Number);
  if (Number(frac[dp]) >= 5) {
    let i = digits.length - 1;
    while (i >= 0) {
      if (digits[i] === 9) {
        digits[i] = 0;
        i--;
      } else {
        digits[i]++;
        break;
      }
    }
    if (i < 0) digits.unshift(1);
  }
  const s = digits.join("");
  const intLen = s.length - dp;
  const out = dp > 0 ? s.slice(0, intLen) + "." + s.slice(intLen) : s;
  const isZero = /^[0.]*$/.test(out);
  return (neg && !isZero ? "-" : "") + out;
}

/** Money for display: 2 decimals, grouped; "—" when unknown. */
export function money(d: string | null | undefined): string {
  return d == null ? "—" : groupDigits(roundDecimal(d, 2));
}

/** A quantity or price as stored, grouped; "—" when unknown. */
export function quantity(d: string | null | undefined): string {
  return d == null ? "—" : groupDigits(d);
}

/** CSS class for the sign of a decimal string. */
export function signClass(d: string | null | undefined): string {
  if (d == null || /^-?[0.]*$/.test(d)) return "";
  return d.startsWith("-") ? "loss" : "gain";
}

export function localTime(iso: string): string {
  const t = new Date(iso);
  return isNaN(t.getTime()) ? iso : t.toLocaleString();
}
