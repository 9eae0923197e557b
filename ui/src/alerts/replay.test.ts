import { describe, expect, it } from "vitest";
import type { ReplayReport, ReplayRequest } from "@/lib/backend";
import fixtures from "@/lib/backend/fixtures.json";
import { ALERT_FORM_FIELDS, readReplayRequest, recentFires, replayAsset, replaySummary } from "./replay";

const cases = fixtures.replay.cases as unknown as { request: ReplayRequest; report: ReplayReport }[];
const crossing = cases.find((c) => c.request.input.alert_type === "crosses")!;
const request = (over: Partial<ReplayRequest> = {}): ReplayRequest => ({ ...crossing.request, ...over });
const report = (fires: number, candles: number): ReplayReport => ({
  fires: Array.from({ length: fires }, (_, i) => ({ time: `2026-11-18T${String(10 + i).padStart(2, "0")}:00:00Z`, price: String(100_000 + i) })),
  candles,
  from: candles ? "2026-11-18T00:00:00Z" : null,
  to: candles ? "2026-11-20T00:00:00Z" : null,
});

describe("replay summary", () => {
  it("counts the fixture's fires, the period and the candles", () => {
    expect(crossing.report.fires).toHaveLength(7);
    expect(replaySummary(crossing.report, crossing.request)).toBe("Would have fired 7 times in the last 365 days (48 candles)");
    expect(replaySummary(crossing.report, request({ days: 30 }))).toBe("Would have fired 7 times in the last 30 days (48 candles)");
  });

  it("says once, never, and a single day or candle in words", () => {
    expect(replaySummary(report(1, 1), request({ days: 1 }))).toBe("Would have fired once in the last day (1 candle)");
    expect(replaySummary(report(0, 2_160), request({ days: 90 }))).toBe("Would not have fired in the last 90 days (2,160 candles)");
    expect(replaySummary(report(1_234, 8_760), request())).toBe("Would have fired 1,234 times in the last 365 days (8,760 candles)");
  });

  it("says when the asset has no stored history for the period", () => {
    const input = { ...crossing.request.input, symbol: " sol " };
    expect(replaySummary(report(0, 0), request({ input, interval: "4h", days: 30 }))).toBe("No stored history for SOL yet (4h candles in the last 30 days)");
    expect(replayAsset(request({ input }))).toBe("SOL");
  });

  it("lists the latest fires, newest first", () => {
    const r = report(7, 48);
    expect(recentFires(r).map((f) => f.price)).toEqual(["100006", "100005", "100004", "100003", "100002"]);
    expect(recentFires(report(2, 48)).map((f) => f.price)).toEqual(["100001", "100000"]);
    expect(recentFires(report(0, 48))).toEqual([]);
  });
});

describe("the form's replay request", () => {
  it("reads the rule as a save does, and the interval and period", () => {
    const form = document.createElement("form");
    form.innerHTML = `
      <input name="symbol" value="BTC"><select name="alert_type"><option value="crosses" selected></option></select>
      <input name="threshold" value="100000"><select name="repeat"><option value="every" selected></option></select>
      <input name="cooldown" value=""><input name="message" value=""><input name="expires" value="">
      <select name="interval"><option value="4h" selected></option></select><select name="days"><option value="90" selected></option></select>`;
    expect(readReplayRequest(form)).toEqual({
      input: { symbol: "BTC", alert_type: "crosses", threshold: "100000", repeat: "every", message: null },
      interval: "4h",
      days: 90,
      intrabar: false,
    });
    // Without the controls: the defaults.
    form.querySelector("[name=interval]")!.remove();
    form.querySelector("[name=days]")!.remove();
    expect(readReplayRequest(form)).toMatchObject({ interval: "1h", days: 365 });
    expect(ALERT_FORM_FIELDS).toEqual(expect.arrayContaining(["threshold", "upper", "interval", "days"]));
  });
});
