// "Test on history": the alert form's rule replayed by the core over the
// stored candles of its asset (`replay_alert`), and what the form says of it.
// Nothing here computes a fire: the report is the core's, shown as it is.

import type { ReplayFire, ReplayReport, ReplayRequest } from "@/lib/backend";
import { count } from "@/lib/format";
import { ALERT_FIELDS, readAlertInput } from "./alert-input";

/** The candle intervals the form offers (the core takes any of the exchange's fixed ones). */
export const REPLAY_INTERVALS: readonly { value: string; label: string }[] = [
  { value: "15m", label: "15 min" },
  { value: "1h", label: "1 hour" },
  { value: "4h", label: "4 hours" },
  { value: "1d", label: "1 day" },
];
export const DEFAULT_REPLAY_INTERVAL = "1h";

/** The periods the form offers, in days back from now. */
export const REPLAY_DAYS: readonly number[] = [30, 90, 365];
export const DEFAULT_REPLAY_DAYS = 365;

/** The replay's own controls: also the backend's `field` names in its errors. */
export const REPLAY_FIELDS = ["interval", "days"] as const;

/** Every field an alert form shows errors under: the rule's and the replay's. */
export const ALERT_FORM_FIELDS: readonly string[] = [...ALERT_FIELDS, ...REPLAY_FIELDS];

/** How many of the latest fires the form lists. */
export const RECENT_FIRES = 5;

/** The request for the form's current rule (read as a save reads it) and its replay controls. */
export function readReplayRequest(form: HTMLFormElement): ReplayRequest {
  const data = new FormData(form);
  const interval = data.get("interval");
  const days = data.get("days");
  return {
    input: readAlertInput(form),
    interval: typeof interval === "string" && interval !== "" ? interval : DEFAULT_REPLAY_INTERVAL,
    days: typeof days === "string" && days !== "" ? Number(days) : DEFAULT_REPLAY_DAYS,
    intrabar: false,
  };
}

/** The asset as the core reads the form's text ("btc " is BTC), for the words only. */
export function replayAsset(request: ReplayRequest): string {
  return request.input.symbol.trim().toUpperCase();
}

const times = (n: number) => (n === 1 ? "once" : `${count(n)} times`);
const days = (n: number) => (n === 1 ? "day" : `${count(n)} days`);
const candles = (n: number) => `${count(n)} ${n === 1 ? "candle" : "candles"}`;

/**
 * What a replay found, in a sentence: "Would have fired 7 times in the last
 * 365 days (48 candles)", "Would not have fired …", or, with no candles
 * stored for the period, "No stored history for BTC yet …".
 */
export function replaySummary(report: ReplayReport, request: ReplayRequest): string {
  const period = `in the last ${days(request.days)}`;
  if (report.candles === 0) return `No stored history for ${replayAsset(request) || "this asset"} yet (${request.interval} candles ${period})`;
  const n = report.fires.length;
  const fired = n === 0 ? "Would not have fired" : `Would have fired ${times(n)}`;
  return `${fired} ${period} (${candles(report.candles)})`;
}

/** The latest fires, newest first. */
export function recentFires(report: ReplayReport, limit = RECENT_FIRES): ReplayFire[] {
  return report.fires.slice(-limit).reverse();
}
