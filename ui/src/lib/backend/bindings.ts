// Generated from the Rust types by `cargo test -p cryptodesk-service --test bindings`.
// Do not edit: change the Rust types, then run it with UPDATE_BINDINGS=1.

/**
 * An asset ticker such as `BTC`: upper-case ASCII letters and digits, 1 to 15 long.
 */
export type AssetSymbol = string;

/**
 * Identifier of a portfolio row.
 */
export type HoldingId = number;

/**
 * Identifier of a price alert.
 */
export type AlertId = number;

/**
 * A fiat currency a holding can be bought in.
 */
export type Currency = "USD" | "EUR" | "CZK";

/**
 * The kind of a price alert's rule (see [`crate::rules::RuleKind`]).
 */
export type AlertKind = "above" | "below" | "crosses" | "crosses-up" | "crosses-down" | "enters" | "exits" | "moves-up" | "moves-down";

/**
 * How often a rule fires.
 */
export type Repeat = "once" | "every";

/**
 * A rule to try on the stored history of its asset.
 */
export type ReplayRequest = { 
/**
 * The rule as the form holds it.
 */
input: AlertInput, 
/**
 * Candle interval: `1m`, `5m`, `15m`, `1h`, `4h`, `1d`.
 */
interval: string, 
/**
 * How many days back from now.
 */
days: number, 
/**
 * Four ticks per candle instead of its close.
 */
intrabar: boolean, };

/**
 * One fire the rule would have had.
 */
export type ReplayFire = { 
/**
 * The tick's time (a candle's close time).
 */
time: string, 
/**
 * The tick's price.
 */
price: string, };

/**
 * What a replay found.
 */
export type ReplayReport = { 
/**
 * Every fire, in order.
 */
fires: Array<ReplayFire>, 
/**
 * Candles replayed.
 */
candles: number, 
/**
 * The first candle's open time.
 */
from: string | null, 
/**
 * The last candle's close time.
 */
to: string | null, };

/**
 * A holding as the user typed it: every value still text.
 */
export type HoldingInput = { 
/**
 * Asset ticker, e.g. `BTC`.
 */
symbol: string, 
/**
 * Quantity held.
 */
amount: string, 
/**
 * Price paid per unit, in `currency`.
 */
price: string, 
/**
 * `USD`, `EUR` or `CZK`; empty means USD.
 */
currency: string, 
/**
 * Purchase date `YYYY-MM-DD`, optional.
 */
date: string | null, 
/**
 * Fee paid, in `currency`, optional.
 */
commission: string | null, 
/**
 * Exchange or wallet, optional.
 */
source: string | null, 
/**
 * Rates actually paid, `CUR=R_X` (e.g. `EUR=0.9214`), optional.
 */
fx_rate: Array<string>, };

/**
 * A stored portfolio row (`portfolio` table).
 */
export type Holding = { 
/**
 * Row id.
 */
id: HoldingId, 
/**
 * Asset ticker.
 */
symbol: AssetSymbol, 
/**
 * Quantity held.
 */
amount: string, 
/**
 * Price paid per unit in `base_currency`.
 */
price_buy: string, 
/**
 * Purchase date, if known.
 */
purchase_date: string | null, 
/**
 * Currency of `price_buy` and `commission`.
 */
base_currency: Currency, 
/**
 * Purchase price converted to EUR, when known.
 */
purchase_price_eur: string | null, 
/**
 * Purchase price converted to CZK, when known.
 */
purchase_price_czk: string | null, 
/**
 * Exchange or wallet.
 */
source: string | null, 
/**
 * Fee paid, in `base_currency`.
 */
commission: string, 
/**
 * `R_EUR` the user paid, replacing the fetched one for this buy.
 */
fx_rate_eur: string | null, 
/**
 * `R_CZK` the user paid, replacing the fetched one for this buy.
 */
fx_rate_czk: string | null, 
/**
 * The key an import recognises it by, if it was imported.
 */
import_key: string | null, 
/**
 * When the row was written.
 */
created_at: string, 
/**
 * When the row last changed.
 */
updated_at: string, };

/**
 * Units of EUR and of CZK per 1 USD.
 */
export type FxRates = { 
/**
 * `R_EUR`: euros per dollar.
 */
eur: string, 
/**
 * `R_CZK`: koruna per dollar.
 */
czk: string, };

/**
 * Rates valid for one date, as the rate service answered (or as kept).
 */
export type DatedRates = { 
/**
 * The date they are valid for.
 */
date: string, 
/**
 * The date the rate service gave them for (its last working day at or
 * before `date`).
 */
published: string, 
/**
 * The rates.
 */
rates: FxRates, 
/**
 * Taken from the nearest earlier stored date while the rate service
 * was unreachable; replaced once it answers.
 */
provisional: boolean, };

/**
 * The latest rates, for values "now".
 */
export type LatestRates = { 
/**
 * The date the rate service says they are valid for.
 */
date: string, 
/**
 * The rates.
 */
rates: FxRates, 
/**
 * The rate service could not be reached: these are the last known ones.
 */
stale: boolean, };

/**
 * Which units a sale consumes.
 */
export type Method = "fifo" | "lifo" | "hifo" | "average";

/**
 * One buy with what is left of it, valued now in USD, EUR and CZK.
 *
 * For X in usd, eur, czk: `cost_X` is the cost of the units still held
 * (the buy's `(amount × price_buy + commission) × rate(C→X at its date)`,
 * less what sales consumed), `value_X = remaining × price_USD_now ×
 * rate(USD→X now)`, `pnl_X = value_X − cost_X`, `pnl_pct_X = pnl_X / cost_X
 * × 100`. Decimals are rounded to 8 places, percentages to 4. A figure is
 * null when its price or rate is unknown.
 */
export type ValuedHolding = { 
/**
 * Units of this buy still held under the cost-basis method (pro rata
 * under `average`).
 */
remaining: string, 
/**
 * Latest USD price, if the feed has one.
 */
current_price: string | null, 
/**
 * Value of the remaining units in USD.
 */
value_usd: string | null, 
/**
 * Value in EUR.
 */
value_eur: string | null, 
/**
 * Value in CZK.
 */
value_czk: string | null, 
/**
 * Cost of the remaining units in USD.
 */
cost_usd: string | null, 
/**
 * Cost in EUR.
 */
cost_eur: string | null, 
/**
 * Cost in CZK.
 */
cost_czk: string | null, 
/**
 * `value_usd − cost_usd`.
 */
pnl_usd: string | null, 
/**
 * `value_eur − cost_eur`.
 */
pnl_eur: string | null, 
/**
 * `value_czk − cost_czk`.
 */
pnl_czk: string | null, 
/**
 * Same as `pnl_pct_usd` (the key before FX landed).
 */
pnl_pct: string | null, 
/**
 * `pnl_usd / cost_usd × 100`.
 */
pnl_pct_usd: string | null, 
/**
 * `pnl_eur / cost_eur × 100`.
 */
pnl_pct_eur: string | null, 
/**
 * `pnl_czk / cost_czk × 100`.
 */
pnl_pct_czk: string | null, 
/**
 * The rates used for the purchase, with the date they are valid for;
 * none when no rate for its date is known yet.
 */
purchase_rates: DatedRates | null, 
/**
 * Row id.
 */
id: HoldingId, 
/**
 * Asset ticker.
 */
symbol: AssetSymbol, 
/**
 * Quantity held.
 */
amount: string, 
/**
 * Price paid per unit in `base_currency`.
 */
price_buy: string, 
/**
 * Purchase date, if known.
 */
purchase_date: string | null, 
/**
 * Currency of `price_buy` and `commission`.
 */
base_currency: Currency, 
/**
 * Purchase price converted to EUR, when known.
 */
purchase_price_eur: string | null, 
/**
 * Purchase price converted to CZK, when known.
 */
purchase_price_czk: string | null, 
/**
 * Exchange or wallet.
 */
source: string | null, 
/**
 * Fee paid, in `base_currency`.
 */
commission: string, 
/**
 * `R_EUR` the user paid, replacing the fetched one for this buy.
 */
fx_rate_eur: string | null, 
/**
 * `R_CZK` the user paid, replacing the fetched one for this buy.
 */
fx_rate_czk: string | null, 
/**
 * The key an import recognises it by, if it was imported.
 */
import_key: string | null, 
/**
 * When the row was written.
 */
created_at: string, 
/**
 * When the row last changed.
 */
updated_at: string, };

/**
 * A total in the three currencies; a currency is null when a rate it
 * needs is unknown.
 */
export type Total3 = { 
/**
 * In USD.
 */
usd: string | null, 
/**
 * In EUR.
 */
eur: string | null, 
/**
 * In CZK.
 */
czk: string | null, };

/**
 * One asset's part of the portfolio.
 */
export type Allocation = { 
/**
 * Asset ticker.
 */
symbol: AssetSymbol, 
/**
 * Sum of the values of its holdings, in USD.
 */
value_usd: string, 
/**
 * `value_usd / total × 100`, rounded to 2 decimals.
 */
share_pct: string, };

/**
 * The whole portfolio valued in USD, EUR and CZK.
 */
export type Valuation = { 
/**
 * Every buy, in the order given.
 */
holdings: Array<ValuedHolding>, 
/**
 * The cost-basis method the remaining amounts and costs follow.
 */
method: Method, 
/**
 * Sum of the known USD values.
 */
total_value_usd: string, 
/**
 * Sum of the USD costs of the holdings that also have a value.
 */
total_cost_usd: string, 
/**
 * `total_value_usd − total_cost_usd`.
 */
total_pnl_usd: string, 
/**
 * Sum of the known values in each currency.
 */
total_value: Total3, 
/**
 * Sum of the costs of the priced holdings in each currency.
 */
total_cost: Total3, 
/**
 * `total_value − total_cost` in each currency.
 */
total_pnl: Total3, 
/**
 * Value per asset with its share of the total, largest first.
 */
allocation: Array<Allocation>, 
/**
 * Change of the value over the exchange's rolling 24 h window:
 * `Σ remaining × (current_price − open)` over holdings with both prices.
 */
day_change_usd: string | null, 
/**
 * The day's change in each currency at today's rates.
 */
day_change: Total3, 
/**
 * `day_change_usd / Σ remaining × open × 100`, rounded to 2 decimals.
 */
day_change_pct: string | null, 
/**
 * Holdings whose price is missing (not counted in the totals).
 */
unpriced: number, 
/**
 * The rates values are converted at; none if no rate is known at all.
 */
rates_now: LatestRates | null, };

/**
 * Identifier of a sale row.
 */
export type SaleId = number;

/**
 * A sale as the user typed it: every value still text.
 */
export type SaleInput = { 
/**
 * Asset ticker, e.g. `BTC`.
 */
symbol: string, 
/**
 * Units sold.
 */
amount: string, 
/**
 * Price per unit, in `currency`.
 */
price: string, 
/**
 * `USD`, `EUR` or `CZK`; empty means USD.
 */
currency: string, 
/**
 * Sale date `YYYY-MM-DD`; today when empty.
 */
date: string | null, 
/**
 * Fee paid, in `currency`, optional.
 */
commission: string | null, 
/**
 * Exchange or wallet, optional.
 */
source: string | null, 
/**
 * Rates actually paid, `CUR=R_X`, optional.
 */
fx_rate: Array<string>, };

/**
 * A stored sale (`portfolio_sells` table).
 */
export type Sale = { 
/**
 * Row id.
 */
id: SaleId, 
/**
 * Asset ticker.
 */
symbol: AssetSymbol, 
/**
 * Units sold.
 */
amount: string, 
/**
 * Price per unit in `currency`.
 */
price: string, 
/**
 * Currency of `price` and `commission`.
 */
currency: Currency, 
/**
 * The day of the sale.
 */
sell_date: string, 
/**
 * Fee paid, in `currency`.
 */
commission: string, 
/**
 * Exchange or wallet.
 */
source: string | null, 
/**
 * `R_EUR` the user paid, if given.
 */
fx_rate_eur: string | null, 
/**
 * `R_CZK` the user paid, if given.
 */
fx_rate_czk: string | null, 
/**
 * The key an import recognises it by, if it was imported.
 */
import_key: string | null, 
/**
 * When the row was written.
 */
created_at: string, };

/**
 * Whether a transaction bought or sold.
 */
export type TxKind = "buy" | "sell";

/**
 * One buy or sale as listed.
 */
export type Transaction = { 
/**
 * Buy or sell.
 */
kind: TxKind, 
/**
 * Its row id (in its own table).
 */
id: number, 
/**
 * Asset ticker.
 */
symbol: AssetSymbol, 
/**
 * Units.
 */
amount: string, 
/**
 * Price per unit in `currency`.
 */
price: string, 
/**
 * Currency of the price and commission.
 */
currency: Currency, 
/**
 * The day it counts from.
 */
date: string, 
/**
 * Fee paid.
 */
commission: string, 
/**
 * Exchange or wallet.
 */
source: string | null, 
/**
 * The rates used (the date's, or the ones the user paid).
 */
rates: DatedRates | null, 
/**
 * `R_EUR` the user gave, if any.
 */
fx_rate_eur: string | null, 
/**
 * `R_CZK` the user gave, if any.
 */
fx_rate_czk: string | null, 
/**
 * The key an import recognises it by (`kraken:TXID`, `content:…`).
 */
import_key: string | null, 
/**
 * For a sale: the P&L it realised, in USD.
 */
realized_pnl_usd: string | null, 
/**
 * … in EUR.
 */
realized_pnl_eur: string | null, 
/**
 * … in CZK.
 */
realized_pnl_czk: string | null, };

/**
 * Figures in the three currencies, each null when unknown.
 */
export type Figures = { 
/**
 * Cost of the units held, in USD.
 */
cost_usd: string | null, 
/**
 * … in EUR.
 */
cost_eur: string | null, 
/**
 * … in CZK.
 */
cost_czk: string | null, 
/**
 * Value of the units held now, in USD.
 */
value_usd: string | null, 
/**
 * … in EUR.
 */
value_eur: string | null, 
/**
 * … in CZK.
 */
value_czk: string | null, 
/**
 * `value − cost`, in USD.
 */
unrealized_pnl_usd: string | null, 
/**
 * … in EUR.
 */
unrealized_pnl_eur: string | null, 
/**
 * … in CZK.
 */
unrealized_pnl_czk: string | null, 
/**
 * Sum of the P&L realised by sales, in USD.
 */
realized_pnl_usd: string | null, 
/**
 * … in EUR.
 */
realized_pnl_eur: string | null, 
/**
 * … in CZK.
 */
realized_pnl_czk: string | null, };

/**
 * One asset in the summary.
 */
export type AssetSummary = { 
/**
 * Asset ticker.
 */
symbol: AssetSymbol, 
/**
 * Units held.
 */
amount: string, 
/**
 * Latest USD price, if known.
 */
current_price: string | null, 
/**
 * Cost of the units held, in USD.
 */
cost_usd: string | null, 
/**
 * … in EUR.
 */
cost_eur: string | null, 
/**
 * … in CZK.
 */
cost_czk: string | null, 
/**
 * Value of the units held now, in USD.
 */
value_usd: string | null, 
/**
 * … in EUR.
 */
value_eur: string | null, 
/**
 * … in CZK.
 */
value_czk: string | null, 
/**
 * `value − cost`, in USD.
 */
unrealized_pnl_usd: string | null, 
/**
 * … in EUR.
 */
unrealized_pnl_eur: string | null, 
/**
 * … in CZK.
 */
unrealized_pnl_czk: string | null, 
/**
 * Sum of the P&L realised by sales, in USD.
 */
realized_pnl_usd: string | null, 
/**
 * … in EUR.
 */
realized_pnl_eur: string | null, 
/**
 * … in CZK.
 */
realized_pnl_czk: string | null, };

/**
 * `portfolio summary`: every asset and the total, under one method.
 */
export type Summary = { 
/**
 * The cost-basis method.
 */
method: Method, 
/**
 * Per asset, by symbol.
 */
assets: Array<AssetSummary>, 
/**
 * Sums over the assets (value, cost and unrealized P&L over the priced
 * ones).
 */
total: Figures, 
/**
 * Assets held but without a price (left out of the total's value).
 */
unpriced: number, 
/**
 * The rates values are converted at.
 */
rates_now: LatestRates | null, };

/**
 * A file format `portfolio import` reads.
 */
export type Source = "cryptodesk" | "binance" | "coinbase" | "kraken";

/**
 * One row that cannot be imported.
 */
export type RowError = { 
/**
 * 1-based line in the file.
 */
line: number, 
/**
 * The column's header name (empty for the whole row).
 */
column: string, 
/**
 * Why.
 */
reason: string, };

/**
 * One row an import would store (or stored).
 */
export type PreviewRow = { 
/**
 * Its line in the file.
 */
line: number, 
/**
 * `buy` or `sell`.
 */
kind: string, 
/**
 * The day of the trade.
 */
date: string, 
/**
 * Asset.
 */
symbol: string, 
/**
 * Units.
 */
amount: string, 
/**
 * Price per unit.
 */
price: string, 
/**
 * Its currency.
 */
currency: Currency, 
/**
 * Fee.
 */
commission: string, 
/**
 * Already stored by an earlier import (skipped).
 */
duplicate: boolean, };

/**
 * What an import found and did.
 */
export type ImportReport = { 
/**
 * The format read.
 */
source: Source, 
/**
 * Whether nothing was stored on purpose.
 */
dry_run: boolean, 
/**
 * Whether the valid rows were stored.
 */
committed: boolean, 
/**
 * Valid rows (new and duplicates).
 */
valid: number, 
/**
 * Buys stored.
 */
stored_buys: number, 
/**
 * Sales stored.
 */
stored_sells: number, 
/**
 * Rows recognised as already stored.
 */
duplicates: number, 
/**
 * Rows that cannot be imported, with line, column and reason.
 */
errors: Array<RowError>, 
/**
 * Rows that are no trade (transfers, rewards).
 */
ignored: Array<RowError>, 
/**
 * The valid rows, in file order.
 */
rows: Array<PreviewRow>, };

/**
 * An alert as the user typed it.
 */
export type AlertInput = { 
/**
 * Asset ticker.
 */
symbol: string, 
/**
 * The rule's kind: `above`, `below`, `crosses`, `crosses-up`,
 * `crosses-down`, `enters`, `exits`, `moves-up`, `moves-down`.
 */
alert_type: string, 
/**
 * The level in USD; a channel's LOW; a move's percent.
 */
threshold: string, 
/**
 * Optional text shown in the notification.
 */
message: string | null, 
/**
 * A channel's HIGH (`enters`, `exits`).
 */
upper?: string, 
/**
 * A move's window: `90s`, `15m`, `1h`, `2d`.
 */
within?: string, 
/**
 * `once` (default) or `every`.
 */
repeat?: string, 
/**
 * Re-arm band in percent (`every`).
 */
rearm_band?: string, 
/**
 * No fire sooner than this after the last (`every`): `15m`, ...
 */
cooldown?: string, 
/**
 * Nothing fires at or after this instant (RFC 3339).
 */
expires?: string, };

/**
 * A stored price alert (`price_alerts` table).
 */
export type Alert = { 
/**
 * Row id.
 */
id: AlertId, 
/**
 * Asset ticker.
 */
symbol: AssetSymbol, 
/**
 * The rule's kind.
 */
alert_type: AlertKind, 
/**
 * The level in USD; a channel's LOW; a move's percent.
 */
threshold_price: string, 
/**
 * Optional text shown in the notification.
 */
message: string | null, 
/**
 * Whether the alert still waits to fire.
 */
is_active: boolean, 
/**
 * When the row was written.
 */
created_at: string, 
/**
 * When the row last changed.
 */
updated_at: string, 
/**
 * A channel's HIGH.
 */
upper_price: string | null, 
/**
 * A move's window, seconds.
 */
within_secs: number | null, 
/**
 * `once` or `every`.
 */
repeat: Repeat, 
/**
 * Re-arm band, percent.
 */
rearm_band: string, 
/**
 * Cooldown, seconds.
 */
cooldown_secs: number | null, 
/**
 * Nothing fires at or after this instant.
 */
expires_at: string | null, 
/**
 * When it last fired, if it did.
 */
last_fired_at: string | null, 
/**
 * Snoozed: no fire and no notification before then.
 */
snoozed_until: string | null, };

/**
 * A fired alert (`alert_history` table).
 */
export type AlertEvent = { 
/**
 * Row id (0 before it is stored).
 */
id: number, 
/**
 * The alert that fired.
 */
alert_id: AlertId, 
/**
 * Asset ticker.
 */
symbol: AssetSymbol, 
/**
 * Price that crossed the threshold.
 */
triggered_price: string, 
/**
 * The alert's threshold.
 */
threshold_price: string, 
/**
 * The rule's kind.
 */
alert_type: AlertKind, 
/**
 * The alert's message.
 */
message: string | null, 
/**
 * When the price was seen.
 */
triggered_at: string, 
/**
 * The rule in words (`enters 90000–95000`), when it was recorded.
 */
rule: string | null, };

/**
 * Health of the price feed, for the status line.
 */
export type FeedStatus = { 
/**
 * Time of the last successful poll.
 */
last_success_at: string | null, 
/**
 * The last poll's error, if it failed.
 */
last_error: string | null, 
/**
 * Whether prices are older than they should be.
 */
stale: boolean, 
/**
 * Watched assets the exchange does not list.
 */
unknown_symbols: Array<string>, 
/**
 * Which cache serves (`in-process`, `redis`, or the fallback notice).
 */
cache: string, 
/**
 * `sqlite` or `postgres`.
 */
database: string, 
/**
 * Alerts are paused (not evaluated) until then.
 */
alerts_paused_until: string | null, };

/**
 * The latest price of a watched asset.
 */
export type TrackedPrice = { 
/**
 * Asset ticker.
 */
symbol: AssetSymbol, 
/**
 * USD price, if the cache has a fresh one.
 */
price: string | null, 
/**
 * When the exchange reported it.
 */
at: string | null, };

/**
 * Figures for the Performance page. Timings, not money: floats are fine.
 */
export type PerfReport = { 
/**
 * Duration of the last poll (request, cache, alerts, store), in ms.
 */
last_poll_ms: number | null, 
/**
 * Price reads served from the cache since start.
 */
cache_hits: number, 
/**
 * Price reads the cache could not serve since start.
 */
cache_misses: number, 
/**
 * `hits / (hits + misses) × 100`, once anything was read.
 */
cache_hit_rate_pct: number | null, 
/**
 * Database calls timed since start.
 */
db_calls: number, 
/**
 * Median database call, in ms (bucket upper bound, ≈ 12 % resolution).
 */
db_p50_ms: number | null, 
/**
 * 99th-percentile database call, in ms.
 */
db_p99_ms: number | null, };

/**
 * The UI's colour scheme.
 */
export type Theme = "system" | "light" | "dark";

/**
 * The settings as the page shows them. Secrets never come back: only
 * whether one is stored.
 */
export type Settings = { 
/**
 * Currency of the totals.
 */
display_currency: Currency, 
/**
 * Seconds between polls.
 */
poll_seconds: number, 
/**
 * Native notifications on or off.
 */
notifications: boolean, 
/**
 * The configured database URL, password redacted; `null` = SQLite in the data folder.
 */
database_url: string | null, 
/**
 * The SQLite file used when no database URL is set.
 */
default_database: string, 
/**
 * The configured Redis URL, password redacted; `null` = in-process cache.
 */
redis_url: string | null, 
/**
 * Telegram chat id.
 */
telegram_chat_id: string | null, 
/**
 * Whether a Telegram bot token is stored.
 */
telegram_token_set: boolean, 
/**
 * Start with the session.
 */
start_at_login: boolean, 
/**
 * Start in the tray without showing the window.
 */
start_minimized: boolean, 
/**
 * Colour scheme.
 */
theme: Theme, 
/**
 * Where secrets are kept.
 */
secret_store: string, 
/**
 * The config file the settings are saved in.
 */
config_file: string | null, 
/**
 * Settings the process environment overrides (a saved value for them
 * has no effect until the variable is unset).
 */
overridden: Array<string>, };

/**
 * A change from the Settings page: every value as typed.
 */
export type SettingsInput = { 
/**
 * `USD`, `EUR` or `CZK`.
 */
display_currency: string, 
/**
 * Whole seconds, 1 to 3600.
 */
poll_seconds: string, 
/**
 * Native notifications on or off.
 */
notifications: boolean, 
/**
 * `sqlite://PATH` or `postgres://...`; empty = SQLite in the data folder.
 * A URL equal to the shown (redacted) one keeps the stored password.
 */
database_url: string, 
/**
 * `redis://...`; empty = in-process cache.
 */
redis_url: string, 
/**
 * Telegram chat id (a number, or `@channel`); empty = none.
 */
telegram_chat_id: string, 
/**
 * `null` keeps the stored token, `""` removes it, anything else replaces it.
 */
telegram_bot_token: string | null, 
/**
 * Start with the session.
 */
start_at_login: boolean, 
/**
 * Start in the tray without showing the window.
 */
start_minimized: boolean, 
/**
 * `system`, `light` or `dark`.
 */
theme: string, };

/**
 * The result of a connection test.
 */
export type ConnectionReport = { 
/**
 * Server name and version.
 */
server: string, 
/**
 * One round trip, in ms.
 */
round_trip_ms: number, 
/**
 * Anything worth knowing (a SQLite file not created yet).
 */
note: string | null, };

/**
 * The running build, for the About line.
 */
export type About = { 
/**
 * The workspace version, e.g. `0.1.0`.
 */
version: string, 
/**
 * The short git commit, or `unknown`.
 */
commit: string, };

/**
 * One tracked symbol's statistics. Times are measured from the latest
 * price's time (the close time of the latest candle), not from the clock.
 */
export type MarketStat = { 
/**
 * The asset.
 */
symbol: string, 
/**
 * The latest stored close.
 */
price: string, 
/**
 * Change against the close of the latest candle that closed at or
 * before 24 hours earlier, in percent, 2 decimals; `None` without one.
 */
change_24h_pct: string | null, 
/**
 * The same against 7 days earlier.
 */
change_7d_pct: string | null, 
/**
 * Highest high of the candles that closed in the 24 hours up to the
 * latest price's time.
 */
high_24h: string, 
/**
 * Lowest low of those candles.
 */
low_24h: string, 
/**
 * Sum of their volumes.
 */
volume_24h: string, 
/**
 * The latest price's time.
 */
last_updated: string, };

/**
 * An asset the exchange lists against USDT, as search shows it.
 */
export type ListedAsset = { 
/**
 * The asset (`BTC`).
 */
symbol: AssetSymbol, 
/**
 * The pair that prices it (`BTCUSDT`).
 */
pair: string, 
/**
 * Trading status (`TRADING`, `BREAK`, ...).
 */
status: string, 
/**
 * Whether the pair trades now (status `TRADING`): only such an asset
 * can be tracked.
 */
tradable: boolean, 
/**
 * Whether it is watched already (held, alerted on or tracked).
 */
watched: boolean, };

/**
 * The intervals the chart switches between.
 */
export type ChartInterval = "1m" | "1h" | "1d";

/**
 * What to chart.
 */
export type ChartRequest = { 
/**
 * The asset (priced in USDT).
 */
symbol: AssetSymbol, 
/**
 * Candle interval.
 */
interval: ChartInterval, 
/**
 * How many of the latest candles (1 to 20,000).
 */
limit: number, 
/**
 * SMA period.
 */
sma: number, 
/**
 * EMA period.
 */
ema: number, 
/**
 * Bollinger period (bands at ±2 standard deviations).
 */
bollinger: number, 
/**
 * RSI period.
 */
rsi: number, };

/**
 * One candle; prices and volume as decimal strings.
 */
export type ChartCandle = { 
/**
 * Open time, seconds since the epoch (UTC).
 */
time: number, 
/**
 * Open price.
 */
open: string, 
/**
 * High price.
 */
high: string, 
/**
 * Low price.
 */
low: string, 
/**
 * Close price.
 */
close: string, 
/**
 * Volume in the asset.
 */
volume: string, };

/**
 * Indicator values, one per candle; `null` during warm-up.
 */
export type ChartIndicators = { 
/**
 * Simple moving average of the closes.
 */
sma: Array<number | null>, 
/**
 * Exponential moving average of the closes.
 */
ema: Array<number | null>, 
/**
 * Upper Bollinger band.
 */
bollinger_upper: Array<number | null>, 
/**
 * Middle Bollinger band (the SMA of its period).
 */
bollinger_middle: Array<number | null>, 
/**
 * Lower Bollinger band.
 */
bollinger_lower: Array<number | null>, 
/**
 * Relative strength index, 0 to 100.
 */
rsi: Array<number | null>, };

/**
 * Candles and indicators of one asset.
 */
export type Chart = { 
/**
 * The asset.
 */
symbol: AssetSymbol, 
/**
 * The interval shown.
 */
interval: ChartInterval, 
/**
 * The finer interval the candles were rolled up from, if not stored
 * at this one.
 */
derived_from: string | null, 
/**
 * The candles, oldest first; empty when nothing is stored.
 */
candles: Array<ChartCandle>, 
/**
 * Indicators over the closes.
 */
indicators: ChartIndicators, 
/**
 * Open time of the newest candle.
 */
last: string | null, };

/**
 * Progress after each stored page.
 */
export type BackfillProgress = { 
/**
 * The asset.
 */
symbol: string, 
/**
 * The interval.
 */
interval: string, 
/**
 * Pages fetched for this asset.
 */
page: number, 
/**
 * Candles stored for this asset so far.
 */
stored: number, 
/**
 * About how many candles this asset's range holds.
 */
expected: number, 
/**
 * Open time of the last candle of the page (RFC 3339), if any.
 */
last_open_time: string | null, };

/**
 * One asset's part of a backfill.
 */
export type SymbolBackfill = { 
/**
 * The asset.
 */
symbol: string, 
/**
 * Candles stored.
 */
stored: number, 
/**
 * Requests sent.
 */
requests: number, 
/**
 * Where this run started (after what was already stored).
 */
started_at: string, };

/**
 * What a backfill did.
 */
export type BackfillSummary = { 
/**
 * The interval.
 */
interval: string, 
/**
 * Candles stored, all assets.
 */
stored: number, 
/**
 * Requests sent, all assets.
 */
requests: number, 
/**
 * Wall time in seconds.
 */
seconds: number, 
/**
 * Per asset.
 */
symbols: Array<SymbolBackfill>, 
/**
 * Things the user should know (retention cut the range, ...).
 */
notes: Array<string>, 
/**
 * Why the run stopped early; what was stored stays, and a re-run
 * resumes after it.
 */
stopped: string | null, };

/**
 * Closed set of error kinds the UI may branch on.
 */
export type ErrorCode = "validation" | "unknown_symbol" | "not_found" | "upstream" | "storage" | "config";

/**
 * The one error shape sent over IPC.
 */
export type ErrorBody = { 
/**
 * Closed error kind.
 */
code: ErrorCode, 
/**
 * Human-readable message (names the field for validation errors).
 */
message: string, 
/**
 * The offending field, for validation errors.
 */
field: string | null, };

/**
 * Something the UI should hear about. Each carries what changed, so the UI
 * applies it to what it shows instead of asking again.
 */
export type Event = { "kind": "prices", 
/**
 * Asset → USD price.
 */
prices: Record<string, string>, 
/**
 * When they were fetched.
 */
at: string, } | { "kind": "portfolio" } & Valuation | { "kind": "alert_fired" } & AlertEvent | { "kind": "feed" } & FeedStatus | { "kind": "alerts_changed" } | { "kind": "settings" } & Settings | { "kind": "resync" } | { "kind": "open_alert", 
/**
 * The alert.
 */
alert_id: AlertId, } | { "kind": "markets_changed" } | { "kind": "history_changed" } | { "kind": "backfill_done" } & BackfillSummary;

/** Name of the one event channel the backend emits `Event`s on. */
export const EVENT = "cryptodesk://event";

/** Every error code the backend sends (a closed set). */
export const ERROR_CODES = ["validation", "unknown_symbol", "not_found", "upstream", "storage", "config"] as const;

/** Every command the UI may call: its arguments and its result. */
export type Commands = {
  portfolio: { args: {  }; result: Valuation };
  add_holding: { args: { input: HoldingInput }; result: Holding };
  update_holding: { args: { id: HoldingId; input: HoldingInput }; result: Holding };
  remove_holding: { args: { id: HoldingId }; result: null };
  portfolio_with: { args: { method: Method }; result: Valuation };
  portfolio_summary: { args: { method: Method }; result: Summary };
  transactions: { args: {  }; result: Array<Transaction> };
  sell: { args: { input: SaleInput }; result: Sale };
  remove_sale: { args: { id: SaleId }; result: null };
  import_transactions: { args: { text: string; source: Source | null; dryRun: boolean; skipInvalid: boolean }; result: ImportReport };
  export_transactions: { args: {  }; result: string };
  alerts: { args: {  }; result: Array<Alert> };
  add_alert: { args: { input: AlertInput }; result: Alert };
  update_alert: { args: { id: AlertId; input: AlertInput }; result: Alert };
  set_alert_active: { args: { id: AlertId; active: boolean }; result: Alert };
  snooze_alert: { args: { id: AlertId; minutes: number }; result: Alert };
  remove_alert: { args: { id: AlertId }; result: null };
  alert_history: { args: {  }; result: Array<AlertEvent> };
  replay_alert: { args: { request: ReplayRequest }; result: ReplayReport };
  pause_alerts: { args: { minutes: number }; result: FeedStatus };
  resume_alerts: { args: {  }; result: FeedStatus };
  feed_status: { args: {  }; result: FeedStatus };
  refresh_prices: { args: {  }; result: null };
  tracked_prices: { args: {  }; result: Array<TrackedPrice> };
  performance: { args: {  }; result: PerfReport };
  first_paint: { args: { ms: number }; result: null };
  settings: { args: {  }; result: Settings };
  save_settings: { args: { input: SettingsInput }; result: Settings };
  test_database: { args: { url: string }; result: ConnectionReport };
  test_redis: { args: { url: string }; result: ConnectionReport };
  send_test_notification: { args: {  }; result: null };
  about: { args: {  }; result: About };
  market_stats: { args: {  }; result: Array<MarketStat> };
  search_symbols: { args: { query: string }; result: Array<ListedAsset> };
  tracked_symbols: { args: {  }; result: Array<AssetSymbol> };
  track_symbol: { args: { symbol: AssetSymbol }; result: null };
  untrack_symbol: { args: { symbol: AssetSymbol }; result: null };
  chart: { args: { request: ChartRequest }; result: Chart };
  backfill: { args: { symbol: AssetSymbol; interval: ChartInterval; days: number; onProgress: (message: BackfillProgress) => void }; result: BackfillSummary };
};

/** The command names, in the shell's order. */
export const COMMANDS = ["portfolio", "add_holding", "update_holding", "remove_holding", "portfolio_with", "portfolio_summary", "transactions", "sell", "remove_sale", "import_transactions", "export_transactions", "alerts", "add_alert", "update_alert", "set_alert_active", "snooze_alert", "remove_alert", "alert_history", "replay_alert", "pause_alerts", "resume_alerts", "feed_status", "refresh_prices", "tracked_prices", "performance", "first_paint", "settings", "save_settings", "test_database", "test_redis", "send_test_notification", "about", "market_stats", "search_symbols", "tracked_symbols", "track_symbol", "untrack_symbol", "chart", "backfill"] as const;
