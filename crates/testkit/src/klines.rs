//! `GET /api/v3/klines` of the fake exchange: candles the test generates,
//! served with Binance's selection rules (contract §1.4): `startTime` →
//! oldest rows from it, `endTime` → never past it, neither → the latest
//! `limit` rows; `limit` defaults to 500 and is capped at 1000; an unknown
//! interval is `-1120`, an unknown pair `-1121`.

use crate::{error, json_ok, Exchange, INVALID_SYMBOL, MANDATORY};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

/// The exchange's kline intervals and their length in ms (`1M`: 31 days,
/// only used for close times).
const INTERVALS: [(&str, i64); 16] = [
    ("1s", 1_000),
    ("1m", 60_000),
    ("3m", 180_000),
    ("5m", 300_000),
    ("15m", 900_000),
    ("30m", 1_800_000),
    ("1h", 3_600_000),
    ("2h", 7_200_000),
    ("4h", 14_400_000),
    ("6h", 21_600_000),
    ("8h", 28_800_000),
    ("12h", 43_200_000),
    ("1d", 86_400_000),
    ("3d", 259_200_000),
    ("1w", 604_800_000),
    ("1M", 2_678_400_000),
];

/// One stored kline: open, high, low, close, volume as decimal text.
pub(crate) type Row = [String; 5];

/// Candles per (pair, interval), by open time.
pub(crate) type Series = HashMap<(String, String), BTreeMap<i64, Row>>;

/// The length of `interval` in ms, if the exchange knows it.
pub fn interval_ms(interval: &str) -> Option<i64> {
    INTERVALS
        .iter()
        .find(|(name, _)| *name == interval)
        .map(|(_, ms)| *ms)
}

impl Exchange {
    /// Generates `count` deterministic candles of `pair`/`interval` from
    /// `start_ms` (aligned by the caller), replacing any at those times. The
    /// close of candle `i` is `100 + (i mod 97) + i/1000` with two decimals.
    pub fn generate_klines(&self, pair: &str, interval: &str, start_ms: i64, count: usize) {
        let step = interval_ms(interval).unwrap_or(60_000);
        let mut g = self.lock();
        let series = g
            .klines
            .entry((pair.to_owned(), interval.to_owned()))
            .or_default();
        for i in 0..count {
            let close = 10_000 + (i as i64 % 97) * 100 + (i as i64 / 1000);
            let cents = |v: i64| format!("{}.{:02}", v / 100, v % 100);
            let row = [
                cents(close - 50),
                cents(close + 125),
                cents(close - 175),
                cents(close),
                format!("{}.5", 10 + i % 7),
            ];
            series.insert(start_ms + i as i64 * step, row);
        }
    }

    /// Like [`Exchange::generate_klines`], around `price` (decimal text)
    /// instead of 100: candle `i` closes at `price · (1 + ((i mod 97) − 48)
    /// / 1000)`, so a chart of them looks like a market near the live price.
    pub fn generate_klines_near(
        &self,
        pair: &str,
        interval: &str,
        start_ms: i64,
        count: usize,
        price: &str,
    ) {
        let step = interval_ms(interval).unwrap_or(60_000);
        let Ok(base) = rust_decimal::Decimal::from_str_exact(price) else {
            return;
        };
        let per_mille = |n: i64| base * rust_decimal::Decimal::new(1_000 + n, 3);
        let cents = |d: rust_decimal::Decimal| d.round_dp(2).to_string();
        let mut g = self.lock();
        let series = g
            .klines
            .entry((pair.to_owned(), interval.to_owned()))
            .or_default();
        for i in 0..count {
            let n = i as i64 % 97 - 48;
            let row = [
                cents(per_mille(n - 1)),
                cents(per_mille(n + 2)),
                cents(per_mille(n - 3)),
                cents(per_mille(n)),
                format!("{}.5", 10 + i % 7),
            ];
            series.insert(start_ms + i as i64 * step, row);
        }
    }

    /// Removes the candles of `pair`/`interval` with `from <= open < to` (a
    /// gap in the exchange's own data).
    pub fn remove_klines(&self, pair: &str, interval: &str, from_ms: i64, to_ms: i64) {
        if let Some(s) = self
            .lock()
            .klines
            .get_mut(&(pair.to_owned(), interval.to_owned()))
        {
            s.retain(|t, _| *t < from_ms || *t >= to_ms);
        }
    }

    /// How many candles of `pair`/`interval` the fake holds.
    pub fn kline_count(&self, pair: &str, interval: &str) -> usize {
        self.lock()
            .klines
            .get(&(pair.to_owned(), interval.to_owned()))
            .map_or(0, BTreeMap::len)
    }
}

/// An integer parameter; `Err(())` when it is not one (-1130).
fn int_param(q: &HashMap<String, String>, name: &str) -> Result<Option<i64>, ()> {
    q.get(name)
        .map(|v| v.parse::<i64>().map_err(|_| ()))
        .transpose()
}

/// `GET /api/v3/klines`.
pub(crate) async fn klines(
    State(ex): State<Exchange>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (Some(pair), Some(interval)) = (q.get("symbol"), q.get("interval")) else {
        return error(StatusCode::BAD_REQUEST, MANDATORY);
    };
    let Some(step) = interval_ms(interval) else {
        return error(
            StatusCode::BAD_REQUEST,
            r#"{"code":-1120,"msg":"Invalid interval."}"#,
        );
    };
    let (start, end, limit) = match (
        int_param(&q, "startTime"),
        int_param(&q, "endTime"),
        int_param(&q, "limit"),
    ) {
        (Ok(s), Ok(e), Ok(l)) => (s, e, l.unwrap_or(500).clamp(1, 1000) as usize),
        _ => {
            return error(
                StatusCode::BAD_REQUEST,
                r#"{"code":-1130,"msg":"Data sent for parameter is not valid."}"#,
            )
        }
    };
    let g = ex.lock();
    let series = g.klines.get(&(pair.clone(), interval.clone()));
    if series.is_none() && !g.pairs.contains_key(pair) {
        return error(StatusCode::BAD_REQUEST, INVALID_SYMBOL);
    }
    let empty = BTreeMap::new();
    let series = series.unwrap_or(&empty);
    let in_range = series
        .range(start.unwrap_or(i64::MIN)..=end.unwrap_or(i64::MAX))
        .map(|(t, r)| (*t, r));
    let rows: Vec<(i64, &Row)> = if start.is_none() {
        // Newest `limit` rows (up to `endTime`), oldest first.
        let mut newest: Vec<_> = in_range.rev().take(limit).collect();
        newest.reverse();
        newest
    } else {
        in_range.take(limit).collect()
    };
    let body: Vec<Value> = rows
        .into_iter()
        .map(|(t, r)| {
            json!([
                t,
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                t + step - 1,
                "0",
                1,
                "0",
                "0",
                "0"
            ])
        })
        .collect();
    json_ok(Value::Array(body), 2)
}
