//! The Chart page's backend: the latest stored candles of one asset at 1m,
//! 1h or 1d (derived from finer candles where not stored) with the core's
//! SMA, EMA, Bollinger and RSI over them.

use crate::history::Interval;
use crate::{App, ServiceError};
use chrono::{DateTime, Utc};
use cryptodesk_core::indicators::{bollinger, ema, rsi, sma};
use cryptodesk_core::{Symbol, ValidationError};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Most candles one chart request returns.
pub const MAX_CANDLES: u32 = 20_000;
/// Longest indicator period accepted.
const MAX_PERIOD: u32 = 1_000;
/// Bollinger band width in standard deviations.
const BOLLINGER_K: f64 = 2.0;

/// The intervals the chart switches between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum ChartInterval {
    /// One minute.
    #[serde(rename = "1m")]
    M1,
    /// One hour.
    #[serde(rename = "1h")]
    H1,
    /// One day.
    #[serde(rename = "1d")]
    D1,
}

impl From<ChartInterval> for Interval {
    fn from(i: ChartInterval) -> Self {
        match i {
            ChartInterval::M1 => Interval::M1,
            ChartInterval::H1 => Interval::H1,
            ChartInterval::D1 => Interval::D1,
        }
    }
}

/// What to chart.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ChartRequest {
    /// The asset (priced in USDT).
    pub symbol: Symbol,
    /// Candle interval.
    pub interval: ChartInterval,
    /// How many of the latest candles (1 to 20,000).
    pub limit: u32,
    /// SMA period.
    pub sma: u32,
    /// EMA period.
    pub ema: u32,
    /// Bollinger period (bands at ±2 standard deviations).
    pub bollinger: u32,
    /// RSI period.
    pub rsi: u32,
}

/// One candle; prices and volume as decimal strings.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ChartCandle {
    /// Open time, seconds since the epoch (UTC).
    pub time: i64,
    /// Open price.
    #[ts(type = "string")]
    pub open: Decimal,
    /// High price.
    #[ts(type = "string")]
    pub high: Decimal,
    /// Low price.
    #[ts(type = "string")]
    pub low: Decimal,
    /// Close price.
    #[ts(type = "string")]
    pub close: Decimal,
    /// Volume in the asset.
    #[ts(type = "string")]
    pub volume: Decimal,
}

/// Indicator values, one per candle; `null` during warm-up.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct ChartIndicators {
    /// Simple moving average of the closes.
    pub sma: Vec<Option<f64>>,
    /// Exponential moving average of the closes.
    pub ema: Vec<Option<f64>>,
    /// Upper Bollinger band.
    pub bollinger_upper: Vec<Option<f64>>,
    /// Middle Bollinger band (the SMA of its period).
    pub bollinger_middle: Vec<Option<f64>>,
    /// Lower Bollinger band.
    pub bollinger_lower: Vec<Option<f64>>,
    /// Relative strength index, 0 to 100.
    pub rsi: Vec<Option<f64>>,
}

/// Candles and indicators of one asset.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Chart {
    /// The asset.
    pub symbol: Symbol,
    /// The interval shown.
    pub interval: ChartInterval,
    /// The finer interval the candles were rolled up from, if not stored
    /// at this one.
    pub derived_from: Option<String>,
    /// The candles, oldest first; empty when nothing is stored.
    pub candles: Vec<ChartCandle>,
    /// Indicators over the closes.
    pub indicators: ChartIndicators,
    /// Open time of the newest candle.
    pub last: Option<DateTime<Utc>>,
}

fn period(field: &'static str, n: u32) -> Result<usize, ValidationError> {
    if (1..=MAX_PERIOD).contains(&n) {
        Ok(n as usize)
    } else {
        Err(ValidationError::new(
            field,
            format!("must be 1 to {MAX_PERIOD} (got {n})"),
        ))
    }
}

fn defined(v: Vec<f64>) -> Vec<Option<f64>> {
    v.into_iter().map(|x| x.is_finite().then_some(x)).collect()
}

impl App {
    /// The latest `limit` candles of the request's asset and interval with
    /// its indicators.
    pub async fn chart(&self, req: &ChartRequest) -> Result<Chart, ServiceError> {
        if !(1..=MAX_CANDLES).contains(&req.limit) {
            return Err(ValidationError::new(
                "limit",
                format!("must be 1 to {MAX_CANDLES} (got {})", req.limit),
            )
            .into());
        }
        let (n_sma, n_ema) = (period("sma", req.sma)?, period("ema", req.ema)?);
        let (n_bb, n_rsi) = (period("bollinger", req.bollinger)?, period("rsi", req.rsi)?);
        let interval = Interval::from(req.interval);
        let empty = || Chart {
            symbol: req.symbol.clone(),
            interval: req.interval,
            derived_from: None,
            candles: Vec::new(),
            indicators: ChartIndicators::default(),
            last: None,
        };
        let Some(latest) = self.latest_open_time(&req.symbol, interval).await? else {
            return Ok(empty());
        };
        let step = interval.fixed_ms().unwrap_or(60_000);
        let last_bucket = latest - latest.rem_euclid(step);
        let from = last_bucket - (i64::from(req.limit) - 1) * step;
        let (rows, source) = self
            .stored_candles(&req.symbol, interval, from, last_bucket + step)
            .await?;
        let closes: Vec<f64> = rows
            .iter()
            .map(|r| r.close.to_f64().unwrap_or(f64::NAN))
            .collect();
        let bands = bollinger(&closes, n_bb, BOLLINGER_K);
        let candles: Vec<ChartCandle> = rows
            .iter()
            .map(|r| ChartCandle {
                time: r.open_time.div_euclid(1000),
                open: r.open,
                high: r.high,
                low: r.low,
                close: r.close,
                volume: r.volume,
            })
            .collect();
        Ok(Chart {
            last: rows
                .last()
                .and_then(|r| DateTime::from_timestamp_millis(r.open_time)),
            symbol: req.symbol.clone(),
            interval: req.interval,
            derived_from: source.map(|s| s.as_str().to_owned()),
            indicators: ChartIndicators {
                sma: defined(sma(&closes, n_sma)),
                ema: defined(ema(&closes, n_ema)),
                bollinger_upper: defined(bands.upper),
                bollinger_middle: defined(bands.middle),
                bollinger_lower: defined(bands.lower),
                rsi: defined(rsi(&closes, n_rsi)),
            },
            candles,
        })
    }

    /// Open time of the newest candle of `asset` at `interval` or at the
    /// finer intervals it is derived from, whichever is newest.
    async fn latest_open_time(
        &self,
        asset: &Symbol,
        interval: Interval,
    ) -> Result<Option<i64>, ServiceError> {
        let pair = asset.usd_pair();
        let mut latest = None;
        for iv in std::iter::once(interval).chain(crate::history::sources(interval).iter().copied())
        {
            if let Some(c) = self
                .store_db(|s| s.candle_at_or_before(&pair, iv.as_str(), i64::MAX))
                .await?
            {
                latest = latest.max(Some(c.open_time));
            }
        }
        Ok(latest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_bounded_and_name_their_field() {
        assert_eq!(period("sma", 20).ok(), Some(20));
        let e = period("rsi", 0).unwrap_err();
        assert_eq!(e.field, "rsi");
        assert!(period("ema", MAX_PERIOD + 1).is_err());
    }

    #[test]
    fn warm_up_values_are_null() {
        assert_eq!(defined(vec![f64::NAN, 1.5]), vec![None, Some(1.5)]);
    }
}
