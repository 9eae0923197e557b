//! The Markets page's backend: searching the exchange's pairs, tracking an
//! asset without holding it, and the statistics of every tracked asset.

use crate::chart::ChartInterval;
use crate::history::{BackfillRequest, BackfillSummary};
use crate::{App, Event, ServiceError};
use chrono::{Duration, Utc};
use cryptodesk_core::{Symbol, ValidationError};
use cryptodesk_store::ListedRow;
use serde::Serialize;
use tracing::instrument;
use ts_rs::TS;

/// How long the kept list of listed pairs is trusted before it is fetched
/// again.
const LISTING_MAX_AGE: Duration = Duration::hours(24);
/// Longest backfill the Chart page starts, in days.
const MAX_BACKFILL_DAYS: u32 = 3_650;
/// Most search results.
const SEARCH_LIMIT: i64 = 20;

/// An asset the exchange lists against USDT, as search shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ListedAsset {
    /// The asset (`BTC`).
    pub symbol: Symbol,
    /// The pair that prices it (`BTCUSDT`).
    pub pair: String,
    /// Trading status (`TRADING`, `BREAK`, ...).
    pub status: String,
    /// Whether it is watched already (held, alerted on or tracked).
    pub watched: bool,
}

impl App {
    /// Assets listed against USDT whose ticker starts with `query`, the
    /// exact match first. The exchange's list is fetched once a day and kept
    /// in the database.
    #[instrument(skip(self), err(level = "debug"))]
    pub async fn search_symbols(&self, query: &str) -> Result<Vec<ListedAsset>, ServiceError> {
        let query = query.trim();
        if query.is_empty() {
            return Ok(Vec::new());
        }
        if query.len() > 15 || !query.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(
                ValidationError::new("query", "letters and digits only, at most 15").into(),
            );
        }
        let kept = self.store_db(|s| s.listed_pairs_updated_at()).await?;
        if kept.is_none_or(|at| Utc::now() - at >= LISTING_MAX_AGE) {
            match self.market().listed_pairs().await {
                Ok(pairs) => {
                    let rows: Vec<ListedRow> = pairs
                        .into_iter()
                        .map(|p| ListedRow {
                            pair: p.pair,
                            base: p.base,
                            quote: p.quote,
                            status: p.status,
                        })
                        .collect();
                    self.store_db(|s| s.replace_listed_pairs(&rows)).await?;
                }
                // An old list beats none while the exchange is away.
                Err(e) if kept.is_some() => {
                    tracing::warn!(error = %e, "exchange listing not refreshed; searching the kept one");
                }
                Err(e) => return Err(e.into()),
            }
        }
        let rows = self
            .store_db(|s| s.search_listed_pairs(query, "USDT", SEARCH_LIMIT))
            .await?;
        let watched = self.store_db(|s| s.watched_symbols()).await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                let symbol = Symbol::parse(&r.base).ok()?;
                Some(ListedAsset {
                    watched: watched.contains(&symbol),
                    symbol,
                    pair: r.pair,
                    status: r.status,
                })
            })
            .collect())
    }

    /// Tracks `symbol` after checking the exchange lists it as trading; the
    /// next poll prices it.
    #[instrument(skip(self), err(level = "debug"))]
    pub async fn track_symbol(&self, symbol: &Symbol) -> Result<(), ServiceError> {
        self.verify_symbol(symbol).await?;
        self.store_db(|s| s.track_symbol(symbol)).await?;
        // Its statistics, if it has candles, without waiting for a poll.
        self.history_changed().await;
        self.emit(Event::MarketsChanged);
        Ok(())
    }

    /// Stops tracking `symbol` explicitly.
    #[instrument(skip(self), err(level = "debug"))]
    pub async fn untrack_symbol(&self, symbol: &Symbol) -> Result<(), ServiceError> {
        self.store_db(|s| s.untrack_symbol(symbol)).await?;
        self.emit(Event::MarketsChanged);
        Ok(())
    }

    /// Backfills the last `days` days of `symbol` at `interval` for the
    /// Chart page, sending [`Event::Backfill`] after each stored page and
    /// [`Event::BackfillDone`] at the end. One runs at a time.
    #[instrument(skip(self), err(level = "debug"))]
    pub async fn backfill_recent(
        &self,
        symbol: &Symbol,
        interval: ChartInterval,
        days: u32,
    ) -> Result<BackfillSummary, ServiceError> {
        if !(1..=MAX_BACKFILL_DAYS).contains(&days) {
            return Err(ValidationError::new(
                "days",
                format!("must be 1 to {MAX_BACKFILL_DAYS} (got {days})"),
            )
            .into());
        }
        let Ok(_running) = self.backfilling.try_lock() else {
            return Err(ValidationError::new("symbol", "a backfill is already running").into());
        };
        self.verify_symbol(symbol).await?;
        let req = BackfillRequest {
            symbols: vec![symbol.clone()],
            interval: interval.into(),
            from_ms: (Utc::now() - Duration::days(i64::from(days))).timestamp_millis(),
            to_ms: None,
        };
        let summary = self
            .backfill(&req, |p| self.emit(Event::Backfill(p.clone())))
            .await?;
        self.emit(Event::BackfillDone(summary.clone()));
        Ok(summary)
    }

    /// The explicitly tracked assets.
    pub async fn tracked_symbols(&self) -> Result<Vec<Symbol>, ServiceError> {
        self.store_db(|s| s.tracked_symbols()).await
    }
}
