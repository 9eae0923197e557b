//! Candles (`klines`) from the exchange: the interval list and one page of
//! at most 1000 candles.

use crate::{BinanceClient, MarketError};
use chrono::{DateTime, Datelike, Months, TimeZone, Utc};
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;
use tracing::instrument;

/// Most candles the exchange answers per request.
pub const PAGE_LIMIT: usize = 1000;

/// Request weight of one `klines` call.
pub const KLINES_WEIGHT: u64 = 2;

/// A candle interval the exchange serves (`1m` … `1M`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Interval {
    /// 1 minute.
    M1,
    /// 3 minutes.
    M3,
    /// 5 minutes.
    M5,
    /// 15 minutes.
    M15,
    /// 30 minutes.
    M30,
    /// 1 hour.
    H1,
    /// 2 hours.
    H2,
    /// 4 hours.
    H4,
    /// 6 hours.
    H6,
    /// 8 hours.
    H8,
    /// 12 hours.
    H12,
    /// 1 day.
    D1,
    /// 3 days.
    D3,
    /// 1 week (opens Monday 00:00 UTC).
    W1,
    /// 1 calendar month.
    Mo1,
}

const NAMES: [(Interval, &str, i64); 15] = [
    (Interval::M1, "1m", 60_000),
    (Interval::M3, "3m", 180_000),
    (Interval::M5, "5m", 300_000),
    (Interval::M15, "15m", 900_000),
    (Interval::M30, "30m", 1_800_000),
    (Interval::H1, "1h", 3_600_000),
    (Interval::H2, "2h", 7_200_000),
    (Interval::H4, "4h", 14_400_000),
    (Interval::H6, "6h", 21_600_000),
    (Interval::H8, "8h", 28_800_000),
    (Interval::H12, "12h", 43_200_000),
    (Interval::D1, "1d", 86_400_000),
    (Interval::D3, "3d", 259_200_000),
    (Interval::W1, "1w", 604_800_000),
    (Interval::Mo1, "1M", 0),
];

impl Interval {
    /// Every interval, shortest first.
    pub fn all() -> impl Iterator<Item = Interval> {
        NAMES.iter().map(|(i, _, _)| *i)
    }

    /// The exchange's name (`1h`).
    pub fn as_str(self) -> &'static str {
        NAMES
            .iter()
            .find(|(i, _, _)| *i == self)
            .map_or("?", |(_, n, _)| n)
    }

    /// Fixed length in ms (`None` for the calendar month).
    pub fn fixed_ms(self) -> Option<i64> {
        NAMES
            .iter()
            .find(|(i, _, _)| *i == self)
            .and_then(|(_, _, ms)| (*ms > 0).then_some(*ms))
    }

    /// The open time of the candle after the one opening at `open_ms`.
    pub fn next_open(self, open_ms: i64) -> i64 {
        match self.fixed_ms() {
            Some(ms) => open_ms.saturating_add(ms),
            None => DateTime::<Utc>::from_timestamp_millis(open_ms)
                .and_then(|t| t.checked_add_months(Months::new(1)))
                .map_or(i64::MAX, |t| t.timestamp_millis()),
        }
    }

    /// The first open time at or after `t_ms` (weeks open on Mondays,
    /// months on the 1st, the rest on multiples of their length).
    pub fn align_up(self, t_ms: i64) -> i64 {
        match self {
            Interval::Mo1 => {
                let Some(t) = DateTime::<Utc>::from_timestamp_millis(t_ms) else {
                    return t_ms;
                };
                let first = Utc
                    .with_ymd_and_hms(t.year(), t.month(), 1, 0, 0, 0)
                    .single()
                    .map_or(t_ms, |d| d.timestamp_millis());
                if first == t_ms {
                    first
                } else {
                    self.next_open(first)
                }
            }
            Interval::W1 => {
                // 1970-01-05 was a Monday.
                const MONDAY: i64 = 4 * 86_400_000;
                let ms = 604_800_000;
                MONDAY
                    + (t_ms - MONDAY).div_euclid(ms) * ms
                    + if (t_ms - MONDAY).rem_euclid(ms) == 0 {
                        0
                    } else {
                        ms
                    }
            }
            _ => {
                let ms = self.fixed_ms().unwrap_or(60_000);
                t_ms.div_euclid(ms) * ms + if t_ms.rem_euclid(ms) == 0 { 0 } else { ms }
            }
        }
    }
}

impl std::fmt::Display for Interval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Interval {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        NAMES
            .iter()
            .find(|(_, n, _)| *n == s)
            .map(|(i, _, _)| *i)
            .ok_or_else(|| {
                let names: Vec<&str> = NAMES.iter().map(|(_, n, _)| *n).collect();
                format!("must be one of {} (got {s:?})", names.join(", "))
            })
    }
}

/// One candle as the exchange sent it.
#[derive(Debug, Clone, PartialEq)]
pub struct Kline {
    /// Open time, epoch ms UTC.
    pub open_time: i64,
    /// Close time, epoch ms UTC (open time + interval − 1).
    pub close_time: i64,
    /// Open price.
    pub open: Decimal,
    /// High price.
    pub high: Decimal,
    /// Low price.
    pub low: Decimal,
    /// Close price.
    pub close: Decimal,
    /// Base-asset volume.
    pub volume: Decimal,
}

fn parse_row(row: &Value) -> Result<Kline, MarketError> {
    let bad = |what: &str| MarketError::Malformed(format!("kline {what}: {row}"));
    let int = |i: usize| {
        row.get(i)
            .and_then(Value::as_i64)
            .ok_or_else(|| bad("time"))
    };
    let dec = |i: usize| {
        row.get(i)
            .and_then(Value::as_str)
            .and_then(|s| Decimal::from_str_exact(s).ok())
            .map(|d| d.normalize())
            .ok_or_else(|| bad("price"))
    };
    Ok(Kline {
        open_time: int(0)?,
        open: dec(1)?,
        high: dec(2)?,
        low: dec(3)?,
        close: dec(4)?,
        volume: dec(5)?,
        close_time: int(6)?,
    })
}

impl BinanceClient {
    /// One page of `pair`'s candles: the oldest up to [`PAGE_LIMIT`] with
    /// `start_ms <= open time <= end_ms`, oldest first (weight 2).
    #[instrument(skip(self), err(level = "debug"))]
    pub async fn klines(
        &self,
        pair: &str,
        interval: Interval,
        start_ms: i64,
        end_ms: i64,
    ) -> Result<Vec<Kline>, MarketError> {
        let body = self
            .get(
                "klines",
                &[
                    ("symbol", pair.to_owned()),
                    ("interval", interval.as_str().to_owned()),
                    ("startTime", start_ms.to_string()),
                    ("endTime", end_ms.to_string()),
                    ("limit", PAGE_LIMIT.to_string()),
                ],
            )
            .await
            .map_err(|e| match e {
                MarketError::Http { code: -1121, .. } => {
                    MarketError::UnknownSymbols(vec![pair.to_owned()])
                }
                e => e,
            })?;
        let rows: Vec<Value> =
            serde_json::from_str(&body).map_err(|e| MarketError::Malformed(e.to_string()))?;
        rows.iter().map(parse_row).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_parse_and_align() {
        let h: Interval = "1h".parse().unwrap();
        assert_eq!(h, Interval::H1);
        assert!("2m".parse::<Interval>().unwrap_err().contains("1m, 3m"));
        assert_eq!(h.align_up(3_600_000), 3_600_000);
        assert_eq!(h.align_up(3_600_001), 7_200_000);
        // 2024-01-01 is a Monday; 2024-01-03 aligns to 2024-01-08.
        let jan = |d: u32| {
            Utc.with_ymd_and_hms(2024, 1, d, 0, 0, 0)
                .unwrap()
                .timestamp_millis()
        };
        assert_eq!(Interval::W1.align_up(jan(1)), jan(1));
        assert_eq!(Interval::W1.align_up(jan(3)), jan(8));
        let feb = Utc
            .with_ymd_and_hms(2024, 2, 1, 0, 0, 0)
            .unwrap()
            .timestamp_millis();
        assert_eq!(Interval::Mo1.align_up(jan(3)), feb);
        assert_eq!(Interval::Mo1.next_open(jan(1)), feb);
        assert_eq!(Interval::D1.next_open(jan(1)), jan(2));
    }
}
