//! Hour and day candles derived from the 1-minute ones, read the same way on
//! every tier from a relation named `candles_1h` / `candles_1d` (columns
//! `symbol, bucket, open, high, low, close, volume`):
//!
//! - TimescaleDB: continuous aggregates (see [`crate::tier`]);
//! - plain PostgreSQL: materialized views, refreshed concurrently;
//! - SQLite: tables the store keeps, folded on every poll and rebuilt for
//!   the range of a bulk write.

use crate::columns::{OpenTime, Price};
use crate::{expand_dec, rows, text, CandleRow, Result, Store, StoreError};
use sqlx::{SqliteConnection, SqlitePool};
use tracing::instrument;

const HOUR: i64 = 3_600_000;
const DAY: i64 = 86_400_000;

/// The derived intervals: name, relation, bucket length in ms.
pub(crate) const ROLLUPS: [(&str, &str, i64); 2] =
    [("1h", "candles_1h", HOUR), ("1d", "candles_1d", DAY)];

/// The plain-PostgreSQL materialized view of one rollup (bucket start as an
/// instant; first open and last close by open time).
pub(crate) fn plain_view_sql(table: &str, step_ms: i64) -> String {
    format!(
        "CREATE MATERIALIZED VIEW IF NOT EXISTS {table} AS \
         SELECT symbol, date_bin(INTERVAL '{secs} seconds', open_time, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket, \
         (array_agg(open ORDER BY open_time))[1] AS open, max(high) AS high, min(low) AS low, \
         (array_agg(close ORDER BY open_time DESC))[1] AS close, sum(volume) AS volume \
         FROM candles WHERE interval = '1m' GROUP BY 1, 2",
        secs = step_ms / 1000
    )
}

/// SQLite: folds one polled price into its hour and day rollups, as
/// `FOLD_PRICE` does into the minute (atomic, never read-modify-write).
pub(crate) fn sqlite_fold_sql(table: &str) -> String {
    format!(
        "INSERT INTO {table} (symbol, bucket, open, high, low, close, volume) \
         VALUES ($1, $2, $3, $3, $3, $3, '0') \
         ON CONFLICT (symbol, bucket) DO UPDATE SET \
         high = max({table}.high, excluded.high), low = min({table}.low, excluded.low), \
         close = excluded.close"
    )
}

/// Folds candles (in time order) into buckets of `step_ms`: first open,
/// highest high, lowest low, last close, summed volume. A bucket whose
/// volume overflows a decimal is refused.
pub fn roll_up(fine: &[CandleRow], step_ms: i64) -> Result<Vec<CandleRow>> {
    let mut out: Vec<CandleRow> = Vec::new();
    for c in fine {
        let bucket = c.open_time - c.open_time.rem_euclid(step_ms);
        match out.last_mut() {
            Some(b) if b.open_time == bucket => {
                b.high = b.high.max(c.high);
                b.low = b.low.min(c.low);
                b.close = c.close;
                b.volume = b
                    .volume
                    .checked_add(c.volume)
                    .ok_or_else(|| StoreError::Corrupt {
                        column: "volume",
                        message: format!("the volume of the bucket at {bucket} overflows"),
                    })?;
            }
            _ => out.push(CandleRow {
                open_time: bucket,
                ..c.clone()
            }),
        }
    }
    Ok(out)
}

fn table_of(interval: &str) -> Result<(&'static str, i64)> {
    ROLLUPS
        .iter()
        .find(|(name, _, _)| *name == interval)
        .map(|(_, table, step)| (*table, *step))
        .ok_or_else(|| StoreError::Corrupt {
            column: "interval",
            message: format!("{interval} is not derived from 1-minute candles"),
        })
}

/// Rebuilds `pair`'s SQLite rollups over the whole days around
/// `from..=to` (epoch ms) from its 1-minute candles, inside `tx` (the
/// write that stored them). The delete comes first: it takes the write
/// lock, so no poll can fold a price in between the read and the rewrite.
pub(crate) async fn rebuild_sqlite_in(
    tx: &mut SqliteConnection,
    pair: &str,
    from: i64,
    to: i64,
) -> Result<()> {
    let (lo, hi) = (from.min(to), from.max(to));
    let (start, end) = (lo - lo.rem_euclid(DAY), hi - hi.rem_euclid(DAY) + DAY);
    for (_, table, _) in ROLLUPS {
        sqlx::query(&format!(
            "DELETE FROM {table} WHERE symbol = $1 AND bucket >= $2 AND bucket < $3"
        ))
        .bind(pair)
        .bind(start)
        .bind(end)
        .execute(&mut *tx)
        .await?;
    }
    let fine: Vec<CandleRow> = sqlx::query(
        "SELECT * FROM candles WHERE symbol = $1 AND interval = '1m' \
         AND open_time >= $2 AND open_time < $3 ORDER BY open_time",
    )
    .bind(pair)
    .bind(OpenTime(start))
    .bind(OpenTime(end))
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .map(rows::candle)
    .collect::<Result<_>>()?;
    for (_, table, step) in ROLLUPS {
        for chunk in roll_up(&fine, step)?.chunks(100) {
            let values = vec!["(?, ?, ?, ?, ?, ?, ?)"; chunk.len()].join(", ");
            let sql = format!(
                "INSERT INTO {table} (symbol, bucket, open, high, low, close, volume) VALUES {values}"
            );
            let mut q = sqlx::query(&sql);
            for r in chunk {
                q = q
                    .bind(pair)
                    .bind(r.open_time)
                    .bind(Price(r.open))
                    .bind(Price(r.high))
                    .bind(Price(r.low))
                    .bind(Price(r.close))
                    .bind(text(r.volume));
            }
            q.execute(&mut *tx).await?;
        }
    }
    Ok(())
}

/// [`rebuild_sqlite_in`] in a transaction of its own.
pub(crate) async fn rebuild_sqlite(
    pool: &SqlitePool,
    pair: &str,
    from: i64,
    to: i64,
) -> Result<()> {
    let mut tx = pool.begin().await?;
    rebuild_sqlite_in(&mut tx, pair, from, to).await?;
    tx.commit().await?;
    Ok(())
}

/// SQLite: rolls up the 1-minute candles of every pair that has none in
/// the rollup tables (a database from before they existed, or a start-up
/// roll-up cut short); each pair commits on its own.
pub(crate) async fn backfill_sqlite(pool: &SqlitePool) -> Result<()> {
    let spans: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT symbol, min(open_time), max(open_time) FROM candles c WHERE interval = '1m' \
         AND NOT EXISTS (SELECT 1 FROM candles_1d d WHERE d.symbol = c.symbol) GROUP BY symbol",
    )
    .fetch_all(pool)
    .await?;
    for (pair, first, last) in spans {
        tracing::info!(%pair, "rolling up stored 1m candles into hours and days");
        rebuild_sqlite(pool, &pair, first, last).await?;
    }
    Ok(())
}

impl Store {
    /// Hour or day candles (`interval` `1h` / `1d`) of `pair` derived from
    /// its 1-minute candles, with `from <= bucket < to` (epoch ms), in time
    /// order, from the tier's aggregate.
    #[instrument(skip(self), err)]
    pub async fn derived_candles(
        &self,
        pair: &str,
        interval: &str,
        from: i64,
        to: i64,
    ) -> Result<Vec<CandleRow>> {
        let (table, _) = table_of(interval)?;
        let sql = format!(
            "SELECT bucket AS open_time, open, high, low, close, volume FROM {table} \
             WHERE symbol = $1 AND bucket >= $2 AND bucket < $3 ORDER BY bucket"
        );
        on_pool!(self, |pool, _sql| {
            sqlx::query(&sql)
                .bind(pair)
                .bind(OpenTime(from))
                .bind(OpenTime(to))
                .fetch_all(pool)
                .await?
                .iter()
                .map(rows::candle)
                .collect()
        })
    }

    /// The objects that serve derived reads, for `db status`: SQLite's
    /// rollup tables; PostgreSQL's materialized views and history indexes
    /// (TimescaleDB's aggregates are listed with its statistics).
    pub async fn history_objects(&self) -> Result<Vec<String>> {
        Ok(match self {
            Store::Sqlite(pool) => {
                sqlx::query_scalar(
                    "SELECT 'rollup table ' || name FROM sqlite_master \
                 WHERE type = 'table' AND name IN ('candles_1h', 'candles_1d') ORDER BY name",
                )
                .fetch_all(pool)
                .await?
            }
            Store::Postgres(pool) => {
                sqlx::query_scalar(
                    "SELECT 'materialized view ' || matviewname::text FROM pg_matviews \
                 WHERE matviewname IN ('candles_1h', 'candles_1d', 'crypto_dashboard_stats') \
                 UNION ALL SELECT 'index ' || indexname::text FROM pg_indexes \
                 WHERE tablename = 'candles' AND (indexname = 'candles_open_time_brin' \
                 OR indexname LIKE 'candles_recent_%') ORDER BY 1",
                )
                .fetch_all(pool)
                .await?
            }
        })
    }

    /// Rebuilds everything derived from the candles (after a bulk copy):
    /// SQLite's rollups of every pair; on PostgreSQL every closed bucket of
    /// TimescaleDB's aggregates or the plain views; the dashboard view.
    #[instrument(skip(self), err)]
    pub async fn rebuild_derived(&self) -> Result<()> {
        match self {
            Store::Sqlite(pool) => {
                let spans: Vec<(String, i64, i64)> = sqlx::query_as(
                    "SELECT symbol, min(open_time), max(open_time) FROM candles \
                     WHERE interval = '1m' GROUP BY symbol",
                )
                .fetch_all(pool)
                .await?;
                for (pair, first, last) in spans {
                    rebuild_sqlite(pool, &pair, first, last).await?;
                }
            }
            Store::Postgres(pool) => {
                if crate::tier::has_continuous_aggregates(pool).await {
                    for (_, view, step) in ROLLUPS {
                        sqlx::query(&format!(
                            "CALL refresh_continuous_aggregate('{view}', NULL, \
                             time_bucket(INTERVAL '{} seconds', now()))",
                            step / 1000
                        ))
                        .execute(pool)
                        .await?;
                    }
                } else {
                    crate::tier::refresh_plain_views(pool).await?;
                }
            }
        }
        self.refresh_dashboard_stats().await
    }

    /// Refreshes plain PostgreSQL's hour and day views concurrently (the
    /// collector's periodic step). Does nothing on the other tiers, whose
    /// aggregates keep themselves.
    #[instrument(skip(self), err)]
    pub async fn refresh_hour_day_views(&self) -> Result<()> {
        match self {
            Store::Postgres(pool) => crate::tier::refresh_plain_views(pool).await,
            Store::Sqlite(_) => Ok(()),
        }
    }

    /// Brings the derived candles up to date after 1-minute candles of
    /// `pair` were written in bulk over `from..=to` (epoch ms): refreshes
    /// TimescaleDB's aggregates over that range or plain PostgreSQL's views
    /// (concurrently); SQLite's rollups were rebuilt by the write itself.
    #[instrument(skip(self), err)]
    pub async fn refresh_aggregates(&self, pair: &str, from: i64, to: i64) -> Result<()> {
        match self {
            // Rebuilt by the write itself, in its transaction.
            Store::Sqlite(_) => Ok(()),
            Store::Postgres(pool) => {
                if crate::tier::has_continuous_aggregates(pool).await {
                    crate::tier::refresh_continuous(pool, from, to).await
                } else {
                    crate::tier::refresh_plain_views(pool).await
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn roll_up_takes_first_open_extremes_last_close_and_summed_volume() {
        let c = |t: i64, o, h, l, cl, v| CandleRow {
            open_time: t,
            open: o,
            high: h,
            low: l,
            close: cl,
            volume: v,
        };
        let fine = [
            c(0, dec!(10), dec!(12), dec!(9), dec!(11), dec!(1)),
            c(60_000, dec!(11), dec!(15), dec!(10), dec!(14), dec!(2.5)),
            c(HOUR, dec!(14), dec!(14), dec!(13), dec!(13.5), dec!(1)),
        ];
        assert_eq!(
            roll_up(&fine, HOUR).unwrap(),
            [
                c(0, dec!(10), dec!(15), dec!(9), dec!(14), dec!(3.5)),
                c(HOUR, dec!(14), dec!(14), dec!(13), dec!(13.5), dec!(1)),
            ]
        );
    }

    #[test]
    fn only_hours_and_days_are_derived() {
        assert_eq!(table_of("1h").unwrap(), ("candles_1h", HOUR));
        assert!(table_of("4h").is_err());
    }
}
