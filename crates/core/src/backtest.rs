//! The backtester: long-only, at most one position, signals on a bar's close
//! filled at the next bar's open, fees on each fill's notional.
//!
//! Within bar `i`: (1) fill the order from bar `i-1` at `open[i]`; (2) on the
//! last bar, close an open position at `close[i]` (exit reason `end`);
//! (3) `equity[i] = cash + qty·close[i]`; (4) evaluate the signal on
//! `close[i]` (not on the last bar).

use crate::candles::Candles;
use crate::indicators;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

/// A strategy with its parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "strategy", rename_all = "kebab-case")]
pub enum Strategy {
    /// Buy when SMA(fast) crosses above SMA(slow); sell when it crosses below.
    SmaCross {
        /// Fast SMA period.
        fast: usize,
        /// Slow SMA period.
        slow: usize,
    },
    /// Buy when RSI crosses below `lower`; sell when it crosses above `upper`.
    Rsi {
        /// RSI period.
        period: usize,
        /// Oversold level.
        lower: f64,
        /// Overbought level.
        upper: f64,
    },
    /// Buy when close is below the lower band; sell when above the middle band.
    Bbands {
        /// Band period.
        period: usize,
        /// Width in standard deviations.
        k: f64,
    },
}

/// A strategy or parameter that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParamError {
    /// Unknown strategy name.
    #[error("unknown strategy {0:?} (use sma-cross, rsi or bbands)")]
    UnknownStrategy(String),
    /// A parameter the strategy does not take.
    #[error("strategy {strategy} has no parameter {name:?} (it takes {takes})")]
    Unknown {
        /// Strategy name.
        strategy: &'static str,
        /// Offending parameter.
        name: String,
        /// Accepted parameters.
        takes: &'static str,
    },
    /// A parameter with a bad value.
    #[error("parameter {name} {rule}")]
    Invalid {
        /// Parameter name.
        name: String,
        /// Broken rule.
        rule: String,
    },
}

fn int_param(
    params: &BTreeMap<String, f64>,
    name: &str,
    default: usize,
) -> Result<usize, ParamError> {
    match params.get(name) {
        None => Ok(default),
        Some(&v) if v >= 1.0 && v.fract() == 0.0 && v <= 1e7 => Ok(v as usize),
        Some(v) => Err(ParamError::Invalid {
            name: name.into(),
            rule: format!("must be a whole number >= 1 (got {v})"),
        }),
    }
}

fn float_param(
    params: &BTreeMap<String, f64>,
    name: &str,
    default: f64,
) -> Result<f64, ParamError> {
    match params.get(name) {
        None => Ok(default),
        Some(&v) if v.is_finite() => Ok(v),
        Some(v) => Err(ParamError::Invalid {
            name: name.into(),
            rule: format!("must be a finite number (got {v})"),
        }),
    }
}

impl Strategy {
    /// Builds a strategy from its name and `name=value` parameters; missing
    /// parameters take the classic defaults (10/30, 14/30/70, 20/2).
    pub fn from_params(name: &str, params: &BTreeMap<String, f64>) -> Result<Self, ParamError> {
        let (strategy, takes): (&'static str, &'static str) = match name {
            "sma-cross" => ("sma-cross", "fast, slow"),
            "rsi" => ("rsi", "period, lower, upper"),
            "bbands" => ("bbands", "period, k"),
            other => return Err(ParamError::UnknownStrategy(other.into())),
        };
        let allowed: Vec<&str> = takes.split(", ").collect();
        if let Some(bad) = params.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(ParamError::Unknown {
                strategy,
                name: bad.clone(),
                takes,
            });
        }
        let s = match strategy {
            "sma-cross" => Strategy::SmaCross {
                fast: int_param(params, "fast", 10)?,
                slow: int_param(params, "slow", 30)?,
            },
            "rsi" => {
                let lower = float_param(params, "lower", 30.0)?;
                let upper = float_param(params, "upper", 70.0)?;
                if !(0.0..=100.0).contains(&lower)
                    || !(0.0..=100.0).contains(&upper)
                    || lower >= upper
                {
                    return Err(ParamError::Invalid {
                        name: "lower".into(),
                        rule: format!("and upper must satisfy 0 <= lower < upper <= 100 (got {lower}, {upper})"),
                    });
                }
                Strategy::Rsi {
                    period: int_param(params, "period", 14)?,
                    lower,
                    upper,
                }
            }
            _ => {
                let k = float_param(params, "k", 2.0)?;
                if k < 0.0 {
                    return Err(ParamError::Invalid {
                        name: "k".into(),
                        rule: format!("must be >= 0 (got {k})"),
                    });
                }
                Strategy::Bbands {
                    period: int_param(params, "period", 20)?,
                    k,
                }
            }
        };
        Ok(s)
    }

    /// The strategy's name as used on the command line.
    pub fn name(&self) -> &'static str {
        match self {
            Strategy::SmaCross { .. } => "sma-cross",
            Strategy::Rsi { .. } => "rsi",
            Strategy::Bbands { .. } => "bbands",
        }
    }

    /// The parameters as `name → value`.
    pub fn params(&self) -> BTreeMap<String, f64> {
        let pairs: Vec<(&str, f64)> = match *self {
            Strategy::SmaCross { fast, slow } => vec![("fast", fast as f64), ("slow", slow as f64)],
            Strategy::Rsi {
                period,
                lower,
                upper,
            } => {
                vec![
                    ("period", period as f64),
                    ("lower", lower),
                    ("upper", upper),
                ]
            }
            Strategy::Bbands { period, k } => vec![("period", period as f64), ("k", k)],
        };
        pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
    }

    /// A stable fingerprint of this run on this data: equal fingerprints mean
    /// equal results, so a cache may reuse them until the data changes.
    pub fn fingerprint(&self, data: &blake3::Hash, config: &Config) -> String {
        let mut h = blake3::Hasher::new();
        h.update(b"cryptodesk-backtest-v1\0");
        h.update(self.name().as_bytes());
        for (k, v) in self.params() {
            h.update(k.as_bytes());
            h.update(&v.to_bits().to_le_bytes());
        }
        h.update(&config.cash.to_bits().to_le_bytes());
        h.update(&config.fee.to_bits().to_le_bytes());
        h.update(data.as_bytes());
        h.finalize().to_hex().to_string()
    }
}

/// Cash and fee of a run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// Starting cash.
    pub cash: f64,
    /// Fee rate charged on each fill's notional (0.001 = 0.1 %).
    pub fee: f64,
}

/// Why a trade closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExitReason {
    /// A sell signal.
    Signal,
    /// Still open after the last bar; closed at its close.
    End,
}

/// One round trip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trade {
    /// Entry bar index.
    pub entry_index: usize,
    /// Entry time, epoch ms.
    pub entry_time: i64,
    /// Fill price of the buy.
    pub entry_price: f64,
    /// Exit bar index.
    pub exit_index: usize,
    /// Exit time, epoch ms.
    pub exit_time: i64,
    /// Fill price of the sell.
    pub exit_price: f64,
    /// Quantity bought.
    pub qty: f64,
    /// `qty·exit·(1−f) − qty·entry·(1+f)`.
    pub pnl: f64,
    /// Why it closed.
    pub exit_reason: ExitReason,
}

/// The outcome of one backtest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Equity after the last bar.
    pub final_equity: f64,
    /// `(final/cash − 1)·100`.
    pub total_return_pct: f64,
    /// Round trips, including one closed at the end.
    pub num_trades: usize,
    /// Share of trades with `pnl > 0`, in percent (0 without trades).
    pub win_rate_pct: f64,
    /// Largest peak-to-trough fall of the per-bar equity, in percent (positive).
    pub max_drawdown_pct: f64,
    /// Mean over sample standard deviation of per-bar returns, times
    /// `sqrt(bars per year)` (8760 for hourly bars; from the median bar spacing).
    pub sharpe: f64,
    /// Mean per-bar return over downside deviation (root mean square of the
    /// negative returns over all bars), times `sqrt(bars per year)`.
    pub sortino: f64,
    /// Share of bars with a position held, in percent.
    pub exposure_pct: f64,
    /// Gross profit over gross loss; `None` when there is no losing trade.
    pub profit_factor: Option<f64>,
    /// The round trips, in order.
    pub trades: Vec<Trade>,
}

/// Which series: (indicator kind, period, extra parameter bits).
type SeriesKey = (u8, usize, u64);

/// Indicator series a strategy needs, computed once and shared between runs.
#[derive(Default)]
pub struct SeriesCache {
    map: Mutex<HashMap<SeriesKey, Arc<Vec<f64>>>>,
}

impl SeriesCache {
    fn get(&self, key: SeriesKey, make: impl FnOnce() -> Vec<f64>) -> Arc<Vec<f64>> {
        if let Some(v) = self.map.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return v;
        }
        let v = Arc::new(make());
        if let Ok(mut m) = self.map.lock() {
            m.entry(key).or_insert_with(|| v.clone());
        }
        v
    }

    /// Number of distinct series computed so far.
    pub fn len(&self) -> usize {
        self.map.lock().map(|m| m.len()).unwrap_or(0)
    }

    /// Whether nothing was computed yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Runs `strategy` over `candles` computing its indicators afresh (a moving
/// average cross streams its averages without materialising them).
pub fn run(candles: &Candles, strategy: &Strategy, config: &Config) -> Report {
    match *strategy {
        Strategy::SmaCross { fast, slow } => simulate(
            candles,
            config,
            &sma_cross_streaming(&candles.close, fast, slow),
        ),
        _ => run_cached(candles, strategy, config, &SeriesCache::default()),
    }
}

/// Signals of a moving-average cross in one pass over two [`RollingMean`]s:
/// the same values as the cached path, without two series in memory.
fn sma_cross_streaming(x: &[f64], fast: usize, slow: usize) -> Vec<u8> {
    let n = x.len();
    let mut out = vec![0u8; n];
    let (fast, slow) = (fast.max(1), slow.max(1));
    // The first bar where both averages exist; no cross can happen there.
    let start = fast.max(slow) - 1;
    if start >= n {
        return out;
    }
    // Chunks run in parallel; each restarts its averages with
    // `RollingMean::starting_at`, which gives the very same values.
    let chunk = ((n - start) / rayon::current_num_threads().max(1) + 1).max(1 << 16);
    out[start + 1..]
        .par_chunks_mut(chunk)
        .enumerate()
        .for_each(|(k, part)| {
            let first = start + 1 + k * chunk;
            let mut f = indicators::RollingMean::starting_at(x, fast, first - 1);
            let mut s = indicators::RollingMean::starting_at(x, slow, first - 1);
            let (Some(mut f0), Some(mut s0)) = (f.next(), s.next()) else {
                return;
            };
            for (o, (f1, s1)) in part.iter_mut().zip(f.zip(s)) {
                *o = flags((f1 > s1) & (f0 <= s0), (f1 < s1) & (f0 >= s0));
                (f0, s0) = (f1, s1);
            }
        });
    out
}

/// Runs `strategy` over `candles`, taking indicator series from `cache` (which
/// must belong to these candles) and adding the ones it computes.
pub fn run_cached(
    candles: &Candles,
    strategy: &Strategy,
    config: &Config,
    cache: &SeriesCache,
) -> Report {
    let signals = signals(candles, strategy, cache);
    simulate(candles, config, &signals)
}

const BUY: u8 = 1;
const SELL: u8 = 2;

#[inline(always)]
fn flags(buy: bool, sell: bool) -> u8 {
    (u8::from(buy) * BUY) | (u8::from(sell) * SELL)
}

/// Buy/sell signal of every bar as one byte (`BUY | SELL` bits), computed in a
/// branch-free pass: on noisy prices the comparisons are coin flips, and
/// mispredicted branches would otherwise dominate the simulation.
fn signals(candles: &Candles, strategy: &Strategy, cache: &SeriesCache) -> Vec<u8> {
    let c = &candles.close;
    let n = c.len();
    let mut out = vec![0u8; n];
    let cross = |out: &mut [u8], a: &[f64], b: &[f64]| {
        for i in 1..n {
            let up = (a[i] > b[i]) & (a[i - 1] <= b[i - 1]);
            let down = (a[i] < b[i]) & (a[i - 1] >= b[i - 1]);
            out[i] = flags(up, down);
        }
    };
    match *strategy {
        Strategy::SmaCross { fast, slow } => {
            let f = cache.get((0, fast, 0), || indicators::sma(c, fast));
            let s = cache.get((0, slow, 0), || indicators::sma(c, slow));
            cross(&mut out, &f, &s);
        }
        Strategy::Rsi {
            period,
            lower,
            upper,
        } => {
            let r = cache.get((1, period, 0), || indicators::rsi(c, period));
            for i in 1..n {
                let buy = (r[i] < lower) & (r[i - 1] >= lower);
                let sell = (r[i] > upper) & (r[i - 1] <= upper);
                out[i] = flags(buy, sell);
            }
        }
        Strategy::Bbands { period, k } => {
            let mid = cache.get((0, period, 0), || indicators::sma(c, period));
            let lower = cache.get((2, period, k.to_bits()), || {
                indicators::bollinger_with_middle(c, period, k, mid.to_vec()).lower
            });
            for (((o, x), lo), m) in out
                .iter_mut()
                .zip(c.iter())
                .zip(lower.iter())
                .zip(mid.iter())
            {
                *o = flags(x < lo, x > m);
            }
        }
    }
    out
}

/// Running equity statistics, updated only on bars where equity changes
/// (flat stretches cost nothing beyond a comparison).
struct EquityStats {
    prev: f64,
    peak: f64,
    max_dd: f64,
    sum: f64,
    sumsq: f64,
    downsq: f64,
    count: usize,
}

impl EquityStats {
    fn new(cash: f64) -> Self {
        Self {
            prev: cash,
            peak: cash,
            max_dd: 0.0,
            sum: 0.0,
            sumsq: 0.0,
            downsq: 0.0,
            count: 0,
        }
    }

    /// `k` more bars with unchanged equity.
    fn repeat(&mut self, k: usize) {
        self.count += k;
    }

    #[inline(always)]
    fn push(&mut self, e: f64, first: bool) {
        if !first {
            self.count += 1;
        }
        if e == self.prev {
            return;
        }
        // Branch-free on purpose: on noisy prices these comparisons are coin
        // flips, and mispredicted branches would dominate the loop.
        if !first && self.prev > 0.0 {
            let r = e / self.prev - 1.0;
            let down = r.min(0.0);
            self.sum += r;
            self.sumsq += r * r;
            self.downsq += down * down;
        }
        self.peak = self.peak.max(e);
        // Divide only when this bar can be a new maximum drawdown.
        if e < self.peak * (1.0 - self.max_dd) && self.peak > 0.0 {
            self.max_dd = self.max_dd.max((self.peak - e) / self.peak);
        }
        self.prev = e;
    }
}

/// Event-driven simulation with exactly the per-bar semantics of the module
/// docs: flat stretches are skipped with a byte scan for the next buy signal
/// (equity is constant there), and only held bars pay for equity arithmetic.
fn simulate(candles: &Candles, config: &Config, signals: &[u8]) -> Report {
    let n = candles.len();
    let (open, close, time) = (&candles.open, &candles.close, &candles.time);
    let f = config.fee;
    let mut cash = config.cash;
    let mut trades = Vec::new();
    let mut stats = EquityStats::new(config.cash);
    let mut held_bars = 0usize;
    let trade = |entry: usize, exit: usize, qty: f64, exit_price: f64, exit_reason| Trade {
        entry_index: entry,
        entry_time: time[entry],
        entry_price: open[entry],
        exit_index: exit,
        exit_time: time[exit],
        exit_price,
        qty,
        pnl: qty * exit_price * (1.0 - f) - qty * open[entry] * (1.0 + f),
        exit_reason,
    };
    // Bar `i` starts flat, with any fill of the previous bar already done.
    let mut i = 0;
    while i < n {
        // Flat bars: equity is `cash`; the first may differ from the last
        // pushed equity (a sell just filled), the rest repeat it.
        stats.push(cash, i == 0);
        let search_end = n - 1; // a signal on the last bar is ignored
        let buy_at = signals[i..search_end.max(i)]
            .iter()
            .position(|&b| b & BUY != 0)
            .map(|k| i + k);
        let Some(j) = buy_at else {
            stats.repeat(n - i - 1);
            break;
        };
        stats.repeat(j - i);
        // The buy fills at the next open and is held from that bar on.
        let k = j + 1;
        // All cash goes into the position; `cash` is reassigned when it closes.
        let qty = cash / (open[k] * (1.0 + f));
        let mut m = k;
        loop {
            held_bars += 1;
            if m + 1 == n {
                cash = qty * close[m] * (1.0 - f);
                trades.push(trade(k, m, qty, close[m], ExitReason::End));
                stats.push(cash, m == 0);
                i = n;
                break;
            }
            stats.push(qty * close[m], m == 0);
            if signals[m] & SELL != 0 {
                let exit = m + 1;
                cash = qty * open[exit] * (1.0 - f);
                trades.push(trade(k, exit, qty, open[exit], ExitReason::Signal));
                i = exit;
                break;
            }
            m += 1;
        }
    }
    metrics(candles, config, &stats, trades, held_bars)
}

fn bars_per_year(time: &[i64]) -> f64 {
    if time.len() < 2 {
        return 8760.0;
    }
    let mut d: Vec<i64> = time.windows(2).map(|w| w[1] - w[0]).take(1001).collect();
    let mid = d.len() / 2;
    let (_, m, _) = d.select_nth_unstable(mid);
    if *m <= 0 {
        8760.0
    } else {
        365.0 * 86_400_000.0 / *m as f64
    }
}

fn metrics(
    candles: &Candles,
    config: &Config,
    s: &EquityStats,
    trades: Vec<Trade>,
    held: usize,
) -> Report {
    let bars = candles.len();
    let final_equity = if bars == 0 { config.cash } else { s.prev };
    let ann = bars_per_year(&candles.time).sqrt();
    let (sharpe, sortino) = if s.count >= 2 {
        let nf = s.count as f64;
        let mean = s.sum / nf;
        let var = ((s.sumsq - s.sum * s.sum / nf) / (nf - 1.0)).max(0.0);
        let sd = var.sqrt();
        let dd = (s.downsq / nf).sqrt();
        (
            if sd > 0.0 { mean / sd * ann } else { 0.0 },
            if dd > 0.0 { mean / dd * ann } else { 0.0 },
        )
    } else {
        (0.0, 0.0)
    };
    let wins = trades.iter().filter(|t| t.pnl > 0.0).count();
    let gross_profit: f64 = trades.iter().filter(|t| t.pnl > 0.0).map(|t| t.pnl).sum();
    let gross_loss: f64 = -trades
        .iter()
        .filter(|t| t.pnl < 0.0)
        .map(|t| t.pnl)
        .sum::<f64>();
    Report {
        final_equity,
        total_return_pct: (final_equity / config.cash - 1.0) * 100.0,
        num_trades: trades.len(),
        win_rate_pct: if trades.is_empty() {
            0.0
        } else {
            wins as f64 / trades.len() as f64 * 100.0
        },
        max_drawdown_pct: s.max_dd * 100.0,
        sharpe,
        sortino,
        exposure_pct: if bars == 0 {
            0.0
        } else {
            held as f64 / bars as f64 * 100.0
        },
        profit_factor: (gross_loss > 0.0).then(|| gross_profit / gross_loss),
        trades,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::candles;
    use proptest::prelude::{prop, prop_assert, prop_assert_eq, proptest, Strategy as _};

    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Signal {
        None,
        Buy,
        Sell,
    }

    /// The straightforward per-bar simulation the event-driven one must equal.
    fn simulate_per_bar(candles: &Candles, config: &Config, signals: &[u8]) -> Report {
        let n = candles.len();
        let (open, close, time) = (&candles.open, &candles.close, &candles.time);
        let f = config.fee;
        let mut cash = config.cash;
        let mut qty = 0.0f64;
        let mut pending = Signal::None;
        let mut entry: Option<(usize, f64)> = None;
        let mut trades = Vec::new();
        let mut stats = EquityStats::new(config.cash);
        let mut held_bars = 0usize;
        let close_trade =
            |trades: &mut Vec<Trade>, entry: (usize, f64), i: usize, p: f64, qty: f64, reason| {
                trades.push(Trade {
                    entry_index: entry.0,
                    entry_time: time[entry.0],
                    entry_price: entry.1,
                    exit_index: i,
                    exit_time: time[i],
                    exit_price: p,
                    qty,
                    pnl: qty * p * (1.0 - f) - qty * entry.1 * (1.0 + f),
                    exit_reason: reason,
                });
            };
        for i in 0..n {
            // (1) fill the order from the previous bar at this bar's open
            match std::mem::replace(&mut pending, Signal::None) {
                Signal::Buy => {
                    let p = open[i];
                    qty = cash / (p * (1.0 + f));
                    cash = 0.0;
                    entry = Some((i, p));
                }
                Signal::Sell => {
                    let p = open[i];
                    cash = qty * p * (1.0 - f);
                    if let Some(e) = entry.take() {
                        close_trade(&mut trades, e, i, p, qty, ExitReason::Signal);
                    }
                    qty = 0.0;
                }
                Signal::None => {}
            }
            let holding = entry.is_some();
            if holding {
                held_bars += 1;
            }
            let last = i + 1 == n;
            // (2) close what is still open on the last bar
            if last {
                if let Some(e) = entry.take() {
                    let p = close[i];
                    cash = qty * p * (1.0 - f);
                    close_trade(&mut trades, e, i, p, qty, ExitReason::End);
                    qty = 0.0;
                }
            }
            // (3) equity at the close
            stats.push(if holding { cash + qty * close[i] } else { cash }, i == 0);
            // (4) the signal on this close, acted on at the next open
            if !last && signals[i] != 0 {
                if !holding && signals[i] & BUY != 0 {
                    pending = Signal::Buy;
                } else if holding && signals[i] & SELL != 0 {
                    pending = Signal::Sell;
                }
            }
        }
        metrics(candles, config, &stats, trades, held_bars)
    }

    fn candles(open: &[f64], close: &[f64]) -> Candles {
        let n = close.len();
        Candles {
            time: (0..n as i64).map(|i| i * 3_600_000).collect(),
            open: open.to_vec(),
            high: open.iter().zip(close).map(|(a, b)| a.max(*b)).collect(),
            low: open.iter().zip(close).map(|(a, b)| a.min(*b)).collect(),
            close: close.to_vec(),
            volume: vec![1.0; n],
        }
    }

    fn cfg() -> Config {
        Config {
            cash: 1000.0,
            fee: 0.01,
        }
    }

    #[test]
    fn sma_cross_by_hand() {
        // fast=1 (the close itself), slow=2.
        // close: 10, 9, 11, 12, 8, 7 ; sma2: -, 9.5, 10, 11.5, 10, 7.5
        // i=2: 11 > 10 and 9 <= 9.5 -> buy, fills at open[3] = 11.5
        // i=4: 8 < 10 and 12 >= 11.5 -> sell, fills at open[5] = 7.5
        let c = candles(
            &[10., 9.5, 10.5, 11.5, 9., 7.5],
            &[10., 9., 11., 12., 8., 7.],
        );
        let r = run(&c, &Strategy::SmaCross { fast: 1, slow: 2 }, &cfg());
        assert_eq!(r.num_trades, 1);
        let t = &r.trades[0];
        assert_eq!(
            (t.entry_index, t.exit_index, t.exit_reason),
            (3, 5, ExitReason::Signal)
        );
        let qty = 1000.0 / (11.5 * 1.01);
        assert!((t.qty - qty).abs() < 1e-12);
        let cash = qty * 7.5 * 0.99;
        assert!((r.final_equity - cash).abs() < 1e-9);
        assert!((t.pnl - (qty * 7.5 * 0.99 - qty * 11.5 * 1.01)).abs() < 1e-9);
        assert_eq!(r.win_rate_pct, 0.0);
        assert!((r.total_return_pct - (cash / 1000.0 - 1.0) * 100.0).abs() < 1e-9);
        // bars 3 and 4 held; bar 5 flat after the sell fill
        assert!((r.exposure_pct - 200.0 / 6.0).abs() < 1e-9);
        assert_eq!(r.profit_factor, Some(0.0));
    }

    #[test]
    fn open_position_closes_at_last_close() {
        // buy signal at i=2, fills at open[3]; never sells -> closed at close[4], reason end
        let c = candles(&[10., 9.5, 10.5, 11.5, 12.], &[10., 9., 11., 12., 13.]);
        let r = run(&c, &Strategy::SmaCross { fast: 1, slow: 2 }, &cfg());
        assert_eq!(r.num_trades, 1);
        let t = &r.trades[0];
        assert_eq!(
            (t.entry_index, t.exit_index, t.exit_reason),
            (3, 4, ExitReason::End)
        );
        assert_eq!(t.exit_price, 13.0);
        let qty = 1000.0 / (11.5 * 1.01);
        assert!((r.final_equity - qty * 13.0 * 0.99).abs() < 1e-9);
        assert_eq!(r.win_rate_pct, 100.0);
        assert_eq!(r.profit_factor, None);
    }

    #[test]
    fn buy_filling_on_last_bar_opens_and_closes_there() {
        // buy signal at i=2 (second to last+1): fills at open[3] which is the last bar
        let c = candles(&[10., 9.5, 10.5, 11.5], &[10., 9., 11., 12.]);
        let r = run(&c, &Strategy::SmaCross { fast: 1, slow: 2 }, &cfg());
        assert_eq!(r.num_trades, 1);
        let t = &r.trades[0];
        assert_eq!(
            (t.entry_index, t.exit_index, t.exit_reason),
            (3, 3, ExitReason::End)
        );
        assert_eq!((t.entry_price, t.exit_price), (11.5, 12.0));
    }

    #[test]
    fn signal_on_last_bar_is_ignored() {
        // the cross happens on the last bar only
        let c = candles(&[10., 9.5, 10.5], &[10., 9., 11.]);
        let r = run(&c, &Strategy::SmaCross { fast: 1, slow: 2 }, &cfg());
        assert_eq!(r.num_trades, 0);
        assert_eq!(r.final_equity, 1000.0);
        assert_eq!(r.max_drawdown_pct, 0.0);
        assert_eq!(r.exposure_pct, 0.0);
    }

    #[test]
    fn drawdown_on_every_bar() {
        // buy at open[3]=11.5 ; equity at closes 12, 6 (trough), end close 7
        let c = candles(
            &[10., 9.5, 10.5, 11.5, 9., 7.5],
            &[10., 9., 11., 12., 6., 7.],
        );
        let r = run(
            &c,
            &Strategy::SmaCross { fast: 1, slow: 3 },
            &Config {
                cash: 1000.0,
                fee: 0.0,
            },
        );
        // sma3: -, -, 10, 10.667, 9.667, 8.333 ; buy at i=3? f[2]=11 > 10 and f[1]=9 <= NaN false -> no
        // i=3: 12 > 10.667 and 11 <= 10 false -> no trade at all with slow=3
        assert_eq!(r.num_trades, 0);
        let r = run(
            &c,
            &Strategy::SmaCross { fast: 1, slow: 2 },
            &Config {
                cash: 1000.0,
                fee: 0.0,
            },
        );
        let qty = 1000.0 / 11.5;
        let peak = qty * 12.0;
        let trough = qty * 6.0;
        assert!((r.max_drawdown_pct - (peak - trough) / peak * 100.0).abs() < 1e-9);
    }

    #[test]
    fn rsi_and_bbands_rules() {
        // RSI(1) is 100 on a rise, 0 on a fall: rise, fall(buy, lower 30), rise(sell, upper 70)
        let c = candles(&[1., 2., 1.5, 2.5, 3.0], &[1., 2., 1., 3., 3.5]);
        let r = run(
            &c,
            &Strategy::Rsi {
                period: 1,
                lower: 30.0,
                upper: 70.0,
            },
            &cfg(),
        );
        assert_eq!(r.num_trades, 1);
        assert_eq!((r.trades[0].entry_index, r.trades[0].exit_index), (3, 4));
        // bbands(2, k=0): lower = middle = mean of 2; buy when close < mean, sell when close > mean
        let r = run(&c, &Strategy::Bbands { period: 2, k: 0.0 }, &cfg());
        assert_eq!((r.trades[0].entry_index, r.trades[0].exit_index), (3, 4));
    }

    #[test]
    fn streaming_and_cached_sma_cross_agree() {
        // Long enough for several parallel chunks and re-anchorings.
        let c = candles::synthetic(300_000, 4);
        for (fast, slow) in [
            (1, 2),
            (10, 30),
            (30, 10),
            (5, 5),
            (50, 200),
            (7, 25_000),
            (3, 299_990),
        ] {
            let s = Strategy::SmaCross { fast, slow };
            let a = run(&c, &s, &cfg());
            let b = run_cached(&c, &s, &cfg(), &SeriesCache::default());
            assert_eq!(a, b, "fast {fast}, slow {slow}");
        }
    }

    #[test]
    fn params_are_checked() {
        let p = |s: &[(&str, f64)]| {
            s.iter()
                .map(|(k, v)| (k.to_string(), *v))
                .collect::<BTreeMap<_, _>>()
        };
        assert_eq!(
            Strategy::from_params("sma-cross", &p(&[("fast", 5.0), ("slow", 20.0)])).unwrap(),
            Strategy::SmaCross { fast: 5, slow: 20 }
        );
        assert!(matches!(
            Strategy::from_params("sma-cross", &p(&[("period", 5.0)])),
            Err(ParamError::Unknown { .. })
        ));
        assert!(matches!(
            Strategy::from_params("sma-cross", &p(&[("fast", 0.5)])),
            Err(ParamError::Invalid { .. })
        ));
        assert!(matches!(
            Strategy::from_params("rsi", &p(&[("lower", 80.0)])),
            Err(ParamError::Invalid { .. })
        ));
        assert!(matches!(
            Strategy::from_params("macd", &p(&[])),
            Err(ParamError::UnknownStrategy(_))
        ));
    }

    #[test]
    fn fingerprint_changes_with_data_and_params() {
        let c = candles(&[1., 2.], &[1., 2.]);
        let h = c.content_hash();
        let a = Strategy::SmaCross { fast: 1, slow: 2 };
        let b = Strategy::SmaCross { fast: 1, slow: 3 };
        assert_eq!(a.fingerprint(&h, &cfg()), a.fingerprint(&h, &cfg()));
        assert_ne!(a.fingerprint(&h, &cfg()), b.fingerprint(&h, &cfg()));
        let c2 = candles(&[1., 2.], &[1., 2.5]);
        assert_ne!(
            a.fingerprint(&h, &cfg()),
            a.fingerprint(&c2.content_hash(), &cfg())
        );
    }

    fn arb_candles() -> impl proptest::strategy::Strategy<Value = Candles> {
        prop::collection::vec((1.0f64..200.0, 1.0f64..200.0), 2..300).prop_map(|v| {
            let open: Vec<f64> = v.iter().map(|p| p.0).collect();
            let close: Vec<f64> = v.iter().map(|p| p.1).collect();
            candles(&open, &close)
        })
    }

    proptest! {
        #[test]
        fn event_driven_simulation_equals_the_per_bar_one(
            c in arb_candles(),
            sig in prop::collection::vec(0u8..4, 300),
            fee in 0.0f64..0.05,
        ) {
            let cfg = Config { cash: 10_000.0, fee };
            let sig = &sig[..c.len()];
            let a = simulate(&c, &cfg, sig);
            let b = simulate_per_bar(&c, &cfg, sig);
            prop_assert_eq!(a, b);
        }

        #[test]
        fn equity_never_negative_and_trades_do_not_overlap(c in arb_candles(), fast in 1usize..10, slow in 2usize..30, fee in 0.0f64..0.05) {
            let cfg = Config { cash: 10_000.0, fee };
            for s in [Strategy::SmaCross { fast, slow }, Strategy::Rsi { period: fast, lower: 30.0, upper: 70.0 }, Strategy::Bbands { period: slow, k: 1.5 }] {
                let r = run(&c, &s, &cfg);
                prop_assert!(r.final_equity >= 0.0);
                prop_assert!(r.max_drawdown_pct >= 0.0 && r.max_drawdown_pct <= 100.0);
                for w in r.trades.windows(2) {
                    prop_assert!(w[0].exit_index <= w[1].entry_index);
                    prop_assert!(w[0].exit_index < w[1].entry_index || w[0].exit_reason == ExitReason::Signal);
                }
                for t in &r.trades {
                    prop_assert!(t.entry_index <= t.exit_index);
                    prop_assert!(t.qty > 0.0);
                }
                // compounding: final equity is the product of trade returns
                let mut cash = 10_000.0;
                for t in &r.trades { cash = t.qty * t.exit_price * (1.0 - fee); }
                prop_assert!((cash - r.final_equity).abs() <= 1e-6 * cash.max(1.0));
            }
        }
    }
}
