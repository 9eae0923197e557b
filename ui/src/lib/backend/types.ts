// IPC types. They mirror the Rust records in cryptodesk-core / -service;
// decimals travel as strings and are never turned into floats here.

export type Decimal = string;

export interface HoldingInput {
  symbol: string;
  amount: string;
  price: string;
  currency: string;
  date: string | null;
  commission: string | null;
  source: string | null;
}

export interface Holding {
  id: number;
  symbol: string;
  amount: Decimal;
  price_buy: Decimal;
  purchase_date: string | null;
  base_currency: "USD" | "EUR" | "CZK";
  purchase_price_eur: Decimal | null;
  purchase_price_czk: Decimal | null;
  source: string | null;
  commission: Decimal;
  created_at: string;
  updated_at: string;
}

export interface ValuedHolding extends Holding {
  current_price: Decimal | null;
  value_usd: Decimal | null;
  cost_usd: Decimal | null;
  pnl_usd: Decimal | null;
  pnl_pct: Decimal | null;
}

export interface Valuation {
  holdings: ValuedHolding[];
  total_value_usd: Decimal;
  total_cost_usd: Decimal;
  total_pnl_usd: Decimal;
  unpriced: number;
}

export interface AlertInput {
  symbol: string;
  alert_type: "above" | "below";
  threshold: string;
  message: string | null;
}

export interface Alert {
  id: number;
  symbol: string;
  alert_type: "above" | "below";
  threshold_price: Decimal;
  message: string | null;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface AlertEvent {
  id: number;
  alert_id: number;
  symbol: string;
  triggered_price: Decimal;
  threshold_price: Decimal;
  alert_type: "above" | "below";
  message: string | null;
  triggered_at: string;
}

export interface FeedStatus {
  last_success_at: string | null;
  last_error: string | null;
  stale: boolean;
  unknown_symbols: string[];
  cache: string;
  database: string;
}

/** The one IPC error shape: `code` is a closed set the UI may branch on. */
export interface BackendError {
  code: "validation" | "unknown_symbol" | "not_found" | "upstream" | "storage" | "config";
  message: string;
  field: string | null;
}

export type BackendEvent =
  | { kind: "prices"; prices: Record<string, Decimal>; at: string }
  | ({ kind: "alert_fired" } & AlertEvent)
  | ({ kind: "feed" } & FeedStatus)
  | { kind: "data_changed" };

/** Everything the UI can ask of the app. */
export interface Backend {
  portfolio(): Promise<Valuation>;
  addHolding(input: HoldingInput): Promise<Holding>;
  removeHolding(id: number): Promise<void>;
  alerts(): Promise<Alert[]>;
  addAlert(input: AlertInput): Promise<Alert>;
  removeAlert(id: number): Promise<void>;
  alertHistory(): Promise<AlertEvent[]>;
  feedStatus(): Promise<FeedStatus>;
  refreshPrices(): Promise<void>;
  onEvent(handler: (e: BackendEvent) => void): void;
}

export function isBackendError(e: unknown): e is BackendError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}
