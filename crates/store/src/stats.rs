//! Dashboard statistics per symbol from the 1-minute candles: the latest
//! close, the closes 24 hours and 7 days before it, and the 24-hour high,
//! low and volume. On PostgreSQL a materialized view
//! (`crypto_dashboard_stats`, refreshed concurrently after ingest and when
//! an asset is tracked); on SQLite one query.

use crate::columns::{OpenTime, Price};
use crate::{Result, Store, StoreError};
use rust_decimal::Decimal;
use sqlx::{PgConnection, Row};
use std::str::FromStr;
use tracing::instrument;

/// The view, one row per watched asset (held, alerted on or tracked, as
/// [`Store::watched_symbols`]) with 1-minute candles, by its USDT pair.
/// Every column is an index lookup or a scan of one day of one pair, so a
/// refresh costs the watched assets, not the table (which on TimescaleDB
/// spans many chunks).
const VIEW: &str = "CREATE MATERIALIZED VIEW IF NOT EXISTS crypto_dashboard_stats AS \
    WITH syms(symbol) AS ( \
      SELECT symbol || 'USDT' FROM portfolio \
      UNION SELECT symbol || 'USDT' FROM price_alerts WHERE is_active \
      UNION SELECT symbol || 'USDT' FROM tracked_symbols WHERE is_active) \
    SELECT s.symbol, l.close AS price, l.open_time AS last_open, d.close AS close_24h, \
      w.close AS close_7d, x.high_24h, x.low_24h, x.volume_24h \
    FROM syms s \
    CROSS JOIN LATERAL (SELECT open_time, close FROM candles c WHERE c.symbol = s.symbol \
      AND c.interval = '1m' ORDER BY open_time DESC LIMIT 1) l \
    LEFT JOIN LATERAL (SELECT close FROM candles c WHERE c.symbol = s.symbol AND c.interval = '1m' \
      AND c.open_time <= l.open_time - INTERVAL '24 hours' ORDER BY open_time DESC LIMIT 1) d ON TRUE \
    LEFT JOIN LATERAL (SELECT close FROM candles c WHERE c.symbol = s.symbol AND c.interval = '1m' \
      AND c.open_time <= l.open_time - INTERVAL '7 days' ORDER BY open_time DESC LIMIT 1) w ON TRUE \
    CROSS JOIN LATERAL (SELECT max(high) AS high_24h, min(low) AS low_24h, sum(volume) AS volume_24h \
      FROM candles c WHERE c.symbol = s.symbol AND c.interval = '1m' \
      AND c.open_time > l.open_time - INTERVAL '24 hours' AND c.open_time <= l.open_time) x";

/// The same numbers on SQLite in one query; the day's volumes come as a
/// list (SQLite has no exact decimal sum).
const SQLITE_QUERY: &str = "WITH syms(symbol) AS ( \
      SELECT symbol || 'USDT' FROM portfolio \
      UNION SELECT symbol || 'USDT' FROM price_alerts WHERE is_active \
      UNION SELECT symbol || 'USDT' FROM tracked_symbols WHERE is_active), \
    l AS (SELECT s.symbol, (SELECT open_time FROM candles c WHERE c.symbol = s.symbol \
      AND c.interval = '1m' ORDER BY open_time DESC LIMIT 1) AS t FROM syms s) \
    SELECT l.symbol, l.t AS last_open, \
      (SELECT close FROM candles c WHERE c.symbol = l.symbol AND c.interval = '1m' AND c.open_time = l.t) AS price, \
      (SELECT close FROM candles c WHERE c.symbol = l.symbol AND c.interval = '1m' \
       AND c.open_time <= l.t - 86400000 ORDER BY open_time DESC LIMIT 1) AS close_24h, \
      (SELECT close FROM candles c WHERE c.symbol = l.symbol AND c.interval = '1m' \
       AND c.open_time <= l.t - 604800000 ORDER BY open_time DESC LIMIT 1) AS close_7d, \
      (SELECT max(high) FROM candles c WHERE c.symbol = l.symbol AND c.interval = '1m' \
       AND c.open_time > l.t - 86400000 AND c.open_time <= l.t) AS high_24h, \
      (SELECT min(low) FROM candles c WHERE c.symbol = l.symbol AND c.interval = '1m' \
       AND c.open_time > l.t - 86400000 AND c.open_time <= l.t) AS low_24h, \
      (SELECT group_concat(volume, ' ') FROM candles c WHERE c.symbol = l.symbol AND c.interval = '1m' \
       AND c.open_time > l.t - 86400000 AND c.open_time <= l.t) AS volumes \
    FROM l WHERE l.t IS NOT NULL ORDER BY l.symbol";

/// One symbol's raw statistics.
#[derive(Debug, Clone, PartialEq)]
pub struct StatsRow {
    /// The pair (`BTCUSDT`).
    pub pair: String,
    /// The latest 1-minute close.
    pub price: Decimal,
    /// Open time of that candle, epoch ms UTC.
    pub last_open: i64,
    /// Close of the latest candle opened at least 24 hours before it.
    pub close_24h: Option<Decimal>,
    /// The same 7 days before.
    pub close_7d: Option<Decimal>,
    /// Highest high of the candles opened in the 24 hours up to it.
    pub high_24h: Decimal,
    /// Lowest low of those.
    pub low_24h: Decimal,
    /// Their summed volume.
    pub volume_24h: Decimal,
}

/// Creates the view and its unique index (a concurrent refresh needs it).
pub(crate) async fn setup(conn: &mut PgConnection) -> Result<()> {
    sqlx::query(VIEW).execute(&mut *conn).await?;
    sqlx::query(
        "CREATE UNIQUE INDEX IF NOT EXISTS crypto_dashboard_stats_symbol \
         ON crypto_dashboard_stats (symbol)",
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

fn volume_sum(list: Option<&str>) -> Result<Decimal> {
    list.unwrap_or_default()
        .split_whitespace()
        .try_fold(Decimal::ZERO, |sum, v| {
            Decimal::from_str(v)
                .ok()
                .and_then(|v| sum.checked_add(v))
                .ok_or_else(|| StoreError::Corrupt {
                    column: "volume",
                    message: format!("{v:?} is not a decimal or the 24 h sum overflows"),
                })
        })
}

impl Store {
    /// Refreshes `crypto_dashboard_stats` concurrently (PostgreSQL; reads
    /// go on meanwhile). Nothing to do on SQLite.
    #[instrument(skip(self), err)]
    pub async fn refresh_dashboard_stats(&self) -> Result<()> {
        if let Store::Postgres(pool) = self {
            sqlx::query("REFRESH MATERIALIZED VIEW CONCURRENTLY crypto_dashboard_stats")
                .execute(pool)
                .await?;
        }
        Ok(())
    }

    /// Statistics of every watched asset (as [`Store::watched_symbols`])
    /// that has 1-minute candles, by pair.
    #[instrument(skip(self), err)]
    pub async fn dashboard_stats(&self) -> Result<Vec<StatsRow>> {
        // The same columns on both engines; only the volume differs.
        macro_rules! row {
            ($r:expr, $volume:expr) => {{
                let r = $r;
                let price = |c: &'static str| -> Result<Option<Decimal>> {
                    Ok(r.try_get::<Option<Price>, _>(c)?.map(|p| p.0))
                };
                let must = |c: &'static str| -> Result<Decimal> { Ok(r.try_get::<Price, _>(c)?.0) };
                Ok(StatsRow {
                    pair: r.try_get("symbol")?,
                    price: must("price")?,
                    last_open: r.try_get::<OpenTime, _>("last_open")?.0,
                    close_24h: price("close_24h")?,
                    close_7d: price("close_7d")?,
                    high_24h: must("high_24h")?,
                    low_24h: must("low_24h")?,
                    volume_24h: $volume,
                })
            }};
        }
        match self {
            Store::Postgres(pool) => sqlx::query(
                "SELECT symbol, price, last_open, close_24h, close_7d, high_24h, low_24h, \
                 volume_24h FROM crypto_dashboard_stats ORDER BY symbol",
            )
            .fetch_all(pool)
            .await?
            .iter()
            .map(|r| row!(r, r.try_get("volume_24h")?))
            .collect(),
            Store::Sqlite(pool) => sqlx::query(SQLITE_QUERY)
                .fetch_all(pool)
                .await?
                .iter()
                .map(|r| row!(r, volume_sum(r.try_get("volumes")?)?))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volumes_add_up_exactly() {
        assert_eq!(volume_sum(Some("0.1 0.2 10")).unwrap().to_string(), "10.3");
        assert_eq!(volume_sum(None).unwrap(), Decimal::ZERO);
        assert!(volume_sum(Some("1 x")).is_err());
    }
}
