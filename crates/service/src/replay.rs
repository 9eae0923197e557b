//! Replay of an alert rule over stored history, for the Alerts page ("would
//! have fired 14 times last year") and `alerts replay --symbol`: the stored
//! candles that have closed, fed through the live engine's rules.

use crate::history::Interval;
use crate::{App, ServiceError};
use chrono::{DateTime, Utc};
use cryptodesk_core::candles::DecimalCandle;
use cryptodesk_core::rules::{replay, Rule};
use cryptodesk_core::{AlertInput, Symbol, ValidationError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A rule to try on the stored history of its asset.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
pub struct ReplayRequest {
    /// The rule as the form holds it.
    pub input: AlertInput,
    /// Candle interval: `1m`, `5m`, `15m`, `1h`, `4h`, `1d`.
    pub interval: String,
    /// How many days back from now.
    pub days: u32,
    /// Four ticks per candle instead of its close.
    pub intrabar: bool,
}

/// One fire the rule would have had.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReplayFire {
    /// The tick's time (a candle's close time).
    pub time: DateTime<Utc>,
    /// The tick's price.
    #[ts(type = "string")]
    pub price: Decimal,
}

/// What a replay found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReplayReport {
    /// Every fire, in order.
    pub fires: Vec<ReplayFire>,
    /// Candles replayed.
    pub candles: u32,
    /// The first candle's open time.
    pub from: Option<DateTime<Utc>>,
    /// The last candle's close time.
    pub to: Option<DateTime<Utc>>,
}

fn interval(text: &str) -> Result<(Interval, i64), ValidationError> {
    let iv: Interval = text
        .parse()
        .map_err(|e: String| ValidationError::new("interval", e))?;
    let step = iv
        .fixed_ms()
        .ok_or_else(|| ValidationError::new("interval", "has no fixed length; give 1m … 1w"))?;
    Ok((iv, step))
}

/// Replays `rule` over `candles` of `step` ms: the fires and the span.
pub fn report(rule: &Rule, candles: &[DecimalCandle], step: i64, intrabar: bool) -> ReplayReport {
    let fires = replay(rule, candles, step, intrabar)
        .into_iter()
        .filter_map(|f| {
            Some(ReplayFire {
                time: DateTime::from_timestamp_millis(f.time)?,
                price: f.price,
            })
        })
        .collect();
    ReplayReport {
        fires,
        candles: u32::try_from(candles.len()).unwrap_or(u32::MAX),
        from: candles
            .first()
            .and_then(|c| DateTime::from_timestamp_millis(c.time)),
        to: candles
            .last()
            .and_then(|c| DateTime::from_timestamp_millis(c.time + step)),
    }
}

impl App {
    /// The stored `interval` candles of `asset` from `from` to `to` (epoch
    /// ms) that have closed (a bucket still open is no tick yet).
    pub async fn closed_candles(
        &self,
        asset: &Symbol,
        interval: Interval,
        step: i64,
        from: i64,
        to: i64,
    ) -> Result<Vec<DecimalCandle>, ServiceError> {
        let (rows, _) = self.stored_candles(asset, interval, from, to).await?;
        let now = Utc::now().timestamp_millis();
        Ok(rows
            .into_iter()
            .filter(|r| r.open_time + step <= now)
            .map(|r| DecimalCandle {
                time: r.open_time,
                open: r.open,
                high: r.high,
                low: r.low,
                close: r.close,
                volume: r.volume,
            })
            .collect())
    }

    /// Replays `rule` over the closed candles of `asset`.
    pub async fn replay_stored(
        &self,
        asset: &Symbol,
        rule: &Rule,
        interval_text: &str,
        from: i64,
        to: i64,
        intrabar: bool,
    ) -> Result<ReplayReport, ServiceError> {
        let (iv, step) = interval(interval_text)?;
        let candles = self.closed_candles(asset, iv, step, from, to).await?;
        Ok(report(rule, &candles, step, intrabar))
    }

    /// The Alerts page's "test on history": the rule of `request.input`
    /// (validated as for saving, except that its expiry may have passed)
    /// over the last `days` of stored `interval` candles of its asset.
    pub async fn replay_alert(&self, request: ReplayRequest) -> Result<ReplayReport, ServiceError> {
        let new = request.input.validate()?;
        if request.days == 0 {
            return Err(ValidationError::new("days", "must be at least 1").into());
        }
        let to = Utc::now().timestamp_millis();
        let from = to - i64::from(request.days) * 86_400_000;
        self.replay_stored(
            &new.symbol,
            &new.rule,
            &request.interval,
            from,
            to,
            request.intrabar,
        )
        .await
    }
}
