//! Dashboard statistics per tracked symbol from the stored 1-minute
//! candles: price, 24 h and 7 d change, 24 h high, low and volume.

use crate::{App, ServiceError};
use chrono::{DateTime, Utc};
use cryptodesk_core::Symbol;
use cryptodesk_store::StatsRow;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const MINUTE: i64 = 60_000;

/// One tracked symbol's statistics. Times are measured from the latest
/// price's time (the close time of the latest candle), not from the clock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
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

/// Cache key of the statistics of the watched assets.
pub(crate) const CACHE_KEY: &str = "market_stats";
/// Longest the cached statistics are served; every ingest forgets them.
const CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(60);

/// What the cache keeps: the statistics and the assets they were made for.
#[derive(Serialize, Deserialize)]
struct Cached {
    symbols: Vec<String>,
    stats: Vec<MarketStat>,
}

impl MarketStat {
    fn from_row(symbol: &Symbol, r: StatsRow) -> Self {
        // The latest price's time: the close time of the latest candle.
        let t = r.last_open + MINUTE;
        MarketStat {
            symbol: symbol.to_string(),
            price: r.price.normalize(),
            change_24h_pct: r.close_24h.and_then(|c| change_pct(r.price, c)),
            change_7d_pct: r.close_7d.and_then(|c| change_pct(r.price, c)),
            // The same digits on every engine (NUMERIC keeps its scale).
            high_24h: r.high_24h.normalize(),
            low_24h: r.low_24h.normalize(),
            volume_24h: r.volume_24h.normalize(),
            last_updated: DateTime::from_timestamp_millis(t).unwrap_or_default(),
        }
    }
}

impl App {
    /// Statistics of every watched asset that has stored 1-minute candles,
    /// from the cache when fresh (every ingest forgets them), else from
    /// `crypto_dashboard_stats` on PostgreSQL or one query on SQLite.
    pub async fn market_stats(&self) -> Result<Vec<MarketStat>, ServiceError> {
        let symbols = self.store_db(|s| s.watched_symbols()).await?;
        let names: Vec<String> = symbols.iter().map(ToString::to_string).collect();
        if let Some(raw) = self.cache().get_derived(CACHE_KEY).await {
            match serde_json::from_str::<Cached>(&raw) {
                Ok(c) if c.symbols == names => return Ok(c.stats),
                Ok(_) => {}
                Err(e) => tracing::debug!(error = %e, "cached statistics unreadable"),
            }
        }
        let generation = self.history_generation();
        let stats = self.market_stats_uncached(&symbols).await?;
        let cached = Cached {
            symbols: names,
            stats,
        };
        // An ingest meanwhile may already have forgotten the old answer:
        // do not put it back.
        if generation == self.history_generation() {
            if let Ok(raw) = serde_json::to_string(&cached) {
                self.cache().put_derived(CACHE_KEY, &raw, CACHE_TTL).await;
            }
        }
        Ok(cached.stats)
    }

    /// [`App::market_stats`] straight from the database.
    pub async fn market_stats_uncached(
        &self,
        symbols: &[Symbol],
    ) -> Result<Vec<MarketStat>, ServiceError> {
        let rows = self.store_db(|s| s.dashboard_stats()).await?;
        let mut by_pair: std::collections::HashMap<String, StatsRow> =
            rows.into_iter().map(|r| (r.pair.clone(), r)).collect();
        Ok(symbols
            .iter()
            .filter_map(|s| Some(MarketStat::from_row(s, by_pair.remove(&s.usd_pair())?)))
            .collect())
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
