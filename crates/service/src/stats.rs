//! Dashboard statistics per tracked symbol from the stored 1-minute
//! candles: price, 24 h and 7 d change, 24 h high, low and volume.

use crate::{App, ServiceError};
use chrono::{DateTime, Utc};
use cryptodesk_core::Symbol;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use ts_rs::TS;

/// The series the statistics read.
const INTERVAL: &str = "1m";
const MINUTE: i64 = 60_000;
const DAY: i64 = 86_400_000;

/// One tracked symbol's statistics. Times are measured from the latest
/// price's time (the close time of the latest candle), not from the clock.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MarketStat {
    /// The asset.
    pub symbol: String,
    /// The latest stored close.
    #[ts(type = "string")]
    pub price: Decimal,
    /// Change against the close of the latest candle that closed at or
    /// before 24 hours earlier, in percent, 2 decimals; `None` without one.
    #[ts(type = "string | null")]
    pub change_24h_pct: Option<Decimal>,
    /// The same against 7 days earlier.
    #[ts(type = "string | null")]
    pub change_7d_pct: Option<Decimal>,
    /// Highest high of the candles that closed in the 24 hours up to the
    /// latest price's time.
    #[ts(type = "string")]
    pub high_24h: Decimal,
    /// Lowest low of those candles.
    #[ts(type = "string")]
    pub low_24h: Decimal,
    /// Sum of their volumes.
    #[ts(type = "string")]
    pub volume_24h: Decimal,
    /// The latest price's time.
    pub last_updated: DateTime<Utc>,
}

fn change_pct(price: Decimal, reference: Decimal) -> Option<Decimal> {
    if reference.is_zero() {
        return None;
    }
    let mut pct = ((price - reference) / reference * Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    // Always two decimals: "10.00".
    pct.rescale(2);
    Some(pct)
}

impl App {
    /// Statistics of every tracked symbol that has stored 1-minute candles.
    pub async fn market_stats(&self) -> Result<Vec<MarketStat>, ServiceError> {
        let symbols = self.store_db(|s| s.watched_symbols()).await?;
        let mut out = Vec::with_capacity(symbols.len());
        for symbol in symbols {
            if let Some(stat) = self.market_stat(&symbol).await? {
                out.push(stat);
            }
        }
        Ok(out)
    }

    async fn market_stat(&self, symbol: &Symbol) -> Result<Option<MarketStat>, ServiceError> {
        let pair = symbol.usd_pair();
        let Some(latest) = self
            .store_db(|s| s.candle_at_or_before(&pair, INTERVAL, i64::MAX))
            .await?
        else {
            return Ok(None);
        };
        // The latest price's time: the close time of the latest candle.
        let t = latest.open_time + MINUTE;
        // A candle closed at or before `t - d` opened at or before `t - d - 1m`.
        let reference = |d: i64| {
            let pair = pair.clone();
            async move {
                self.store_db(|s| s.candle_at_or_before(&pair, INTERVAL, t - d - MINUTE))
                    .await
            }
        };
        let day_ago = reference(DAY).await?;
        let week_ago = reference(7 * DAY).await?;
        // Closed in (t - 24 h, t]: opened in (t - 24 h - 1m, t - 1m].
        let window = self
            .store_db(|s| s.candles(&pair, INTERVAL, t - DAY - MINUTE + 1, t - MINUTE + 1))
            .await?;
        let high_24h = window.iter().map(|c| c.high).max().unwrap_or(latest.high);
        let low_24h = window.iter().map(|c| c.low).min().unwrap_or(latest.low);
        let volume_24h = window
            .iter()
            .try_fold(Decimal::ZERO, |sum, c| sum.checked_add(c.volume))
            .ok_or_else(|| {
                cryptodesk_core::ValidationError::new(
                    "volume",
                    "the 24 h volume is too large to add up",
                )
            })?;
        Ok(Some(MarketStat {
            symbol: symbol.to_string(),
            price: latest.close,
            change_24h_pct: day_ago.and_then(|c| change_pct(latest.close, c.close)),
            change_7d_pct: week_ago.and_then(|c| change_pct(latest.close, c.close)),
            high_24h,
            low_24h,
            volume_24h,
            last_updated: DateTime::from_timestamp_millis(t).unwrap_or_default(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn change_is_a_percentage_rounded_half_away_from_zero() {
        assert_eq!(
            change_pct(dec!(110), dec!(100)).unwrap().to_string(),
            "10.00"
        );
        assert_eq!(
            change_pct(dec!(110), dec!(80)).unwrap().to_string(),
            "37.50"
        );
        assert_eq!(change_pct(dec!(100.005), dec!(100)), Some(dec!(0.01)));
        assert_eq!(change_pct(dec!(99.995), dec!(100)), Some(dec!(-0.01)));
        assert_eq!(change_pct(dec!(1), dec!(0)), None);
    }
}
