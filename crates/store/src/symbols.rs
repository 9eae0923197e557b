//! Symbols the user tracks without holding them or alerting on them, and the
//! exchange's listed pairs kept for search.

use crate::{expand_dec, now, Result, Store};
use cryptodesk_core::Symbol;
use serde::Serialize;
use tracing::instrument;

/// A pair the exchange lists, as kept for search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListedRow {
    /// The pair (`BTCUSDT`).
    pub pair: String,
    /// Base asset (`BTC`).
    pub base: String,
    /// Quote asset (`USDT`).
    pub quote: String,
    /// Trading status.
    pub status: String,
}

impl Store {
    /// Tracks `symbol` (polled and shown on Markets); tracking it again is a
    /// no-op.
    #[instrument(skip(self), err)]
    pub async fn track_symbol(&self, symbol: &Symbol) -> Result<()> {
        on_pool!(self, |pool, _sql| {
            sqlx::query(
                "INSERT INTO tracked_symbols (symbol, is_active, created_at) VALUES ($1, TRUE, $2) \
                 ON CONFLICT (symbol) DO UPDATE SET is_active = TRUE",
            )
            .bind(symbol.as_str())
            .bind(now())
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Stops tracking `symbol` explicitly (it stays watched while held or
    /// alerted on).
    #[instrument(skip(self), err)]
    pub async fn untrack_symbol(&self, symbol: &Symbol) -> Result<()> {
        on_pool!(self, |pool, _sql| {
            sqlx::query("DELETE FROM tracked_symbols WHERE symbol = $1")
                .bind(symbol.as_str())
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// The explicitly tracked symbols.
    pub async fn tracked_symbols(&self) -> Result<Vec<Symbol>> {
        let names: Vec<String> = on_pool!(self, |pool, _sql| {
            sqlx::query_scalar("SELECT symbol FROM tracked_symbols WHERE is_active ORDER BY symbol")
                .fetch_all(pool)
                .await?
        });
        crate::parse_symbols(&names)
    }

    /// Notes `symbol` as stored without the exchange's word on it.
    pub async fn add_unverified(&self, symbol: &Symbol) -> Result<()> {
        on_pool!(self, |pool, _sql| {
            sqlx::query(
                "INSERT INTO unverified_symbols (symbol, created_at) VALUES ($1, $2) \
                 ON CONFLICT (symbol) DO NOTHING",
            )
            .bind(symbol.as_str())
            .bind(now())
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// The assets still waiting for the exchange's word, by symbol.
    pub async fn unverified_symbols(&self) -> Result<Vec<Symbol>> {
        let names: Vec<String> = on_pool!(self, |pool, _sql| {
            sqlx::query_scalar("SELECT symbol FROM unverified_symbols ORDER BY symbol")
                .fetch_all(pool)
                .await?
        });
        crate::parse_symbols(&names)
    }

    /// The exchange has spoken on `symbol` (listed or not).
    pub async fn remove_unverified(&self, symbol: &Symbol) -> Result<()> {
        on_pool!(self, |pool, _sql| {
            sqlx::query("DELETE FROM unverified_symbols WHERE symbol = $1")
                .bind(symbol.as_str())
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Replaces the kept list of listed pairs, in one transaction.
    #[instrument(skip(self, rows), fields(n = rows.len()), err)]
    pub async fn replace_listed_pairs(&self, rows: &[ListedRow]) -> Result<()> {
        let at = now();
        on_pool!(self, |pool, _sql| {
            let mut tx = pool.begin().await?;
            // Upserts, then the pairs no longer listed go: two processes
            // replacing the list at once never collide on a pair.
            for r in rows {
                sqlx::query(
                    "INSERT INTO crypto_symbols (symbol, base_asset, quote_asset, status, updated_at) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (symbol) DO UPDATE SET \
                     base_asset = excluded.base_asset, quote_asset = excluded.quote_asset, \
                     status = excluded.status, updated_at = excluded.updated_at",
                )
                .bind(&r.pair)
                .bind(&r.base)
                .bind(&r.quote)
                .bind(&r.status)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            }
            sqlx::query("DELETE FROM crypto_symbols WHERE updated_at < $1")
                .bind(at)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// The kept status of `pair` (`TRADING`, `BREAK`, ...), or `None` when
    /// the kept list does not have it.
    pub async fn listed_pair_status(&self, pair: &str) -> Result<Option<String>> {
        Ok(on_pool!(self, |pool, _sql| {
            sqlx::query_scalar("SELECT status FROM crypto_symbols WHERE symbol = $1")
                .bind(pair)
                .fetch_optional(pool)
                .await?
        }))
    }

    /// When the listed pairs were last replaced, if ever.
    pub async fn listed_pairs_updated_at(&self) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
        Ok(on_pool!(self, |pool, _sql| {
            sqlx::query_scalar("SELECT max(updated_at) FROM crypto_symbols")
                .fetch_one(pool)
                .await?
        }))
    }

    /// Listed pairs quoted in `quote` whose base asset starts with `prefix`
    /// (case-insensitive), exact match first, at most `limit`.
    pub async fn search_listed_pairs(
        &self,
        prefix: &str,
        quote: &str,
        limit: i64,
    ) -> Result<Vec<ListedRow>> {
        let prefix = prefix.trim().to_ascii_uppercase();
        let like = format!("{}%", prefix.replace(['%', '_'], ""));
        let rows: Vec<(String, String, String, String)> = on_pool!(self, |pool, _sql| {
            sqlx::query_as(
                "SELECT symbol, base_asset, quote_asset, status FROM crypto_symbols \
                 WHERE quote_asset = $1 AND base_asset LIKE $2 \
                 ORDER BY base_asset <> $3, base_asset LIMIT $4",
            )
            .bind(quote)
            .bind(&like)
            .bind(&prefix)
            .bind(limit)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(pair, base, quote, status)| ListedRow {
                pair,
                base,
                quote,
                status,
            })
            .collect())
    }
}
