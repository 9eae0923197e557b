//! The Markets page's backend: searching the exchange's pairs, tracking an
//! asset without holding it, and the statistics of every tracked asset.

use crate::chart::ChartInterval;
use crate::history::{BackfillProgress, BackfillRequest, BackfillSummary};
use crate::{App, Event, ServiceError};
use chrono::{Duration, Utc};
use cryptodesk_core::{Symbol, ValidationError};
use cryptodesk_market::MarketError;
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
    /// Whether the pair trades now (status `TRADING`): only such an asset
    /// can be tracked.
    pub tradable: bool,
    /// Whether it is watched already (held, alerted on or tracked).
    pub watched: bool,
}

/// What `symbols sync` stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SymbolSync {
    /// Pairs the exchange lists, in every quote.
    pub pairs: usize,
    /// Of them, pairs quoted in USDT (the ones Cryptodesk prices).
    pub usdt_pairs: usize,
    /// Of the USDT pairs, those trading now.
    pub tradable: usize,
}

/// A watched asset and what makes it watched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WatchedAsset {
    /// The asset.
    pub symbol: Symbol,
    /// Tracked explicitly (`track add`, the Markets page).
    pub tracked: bool,
    /// A holding refers to it.
    pub held: bool,
    /// An active alert refers to it.
    pub alerted: bool,
}

/// The status of a pair that trades.
const TRADING: &str = "TRADING";

impl App {
    /// Fetches the exchange's whole list of pairs (one request) and keeps
    /// it in the database in place of the last one, in one transaction.
    #[instrument(skip(self), err(level = "debug"))]
    pub async fn sync_symbols(&self) -> Result<SymbolSync, ServiceError> {
        let pairs = self.market().listed_pairs().await?;
        let usdt: Vec<_> = pairs.iter().filter(|p| p.quote == "USDT").collect();
        let sync = SymbolSync {
            pairs: pairs.len(),
            usdt_pairs: usdt.len(),
            tradable: usdt.iter().filter(|p| p.status == TRADING).count(),
        };
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
        Ok(sync)
    }

    /// What the catalogue says of `symbol`'s USDT pair: listed and trading,
    /// or why not. The catalogue is refreshed first when it is a day old
    /// (one request for every pair, not one per asset checked); an old one
    /// is used while the exchange is away, and with none the exchange's
    /// error is the answer. A refusal by a catalogue not fetched just now
    /// is confirmed with one request for that pair (it may have been listed
    /// or resumed since).
    pub(crate) async fn catalogue_verdict(
        &self,
        symbol: &Symbol,
    ) -> Result<Result<(), MarketError>, ServiceError> {
        let kept = self.store_db(|s| s.listed_pairs_updated_at()).await?;
        let mut fresh = false;
        if kept.is_none_or(|at| Utc::now() - at >= LISTING_MAX_AGE) {
            match self.sync_symbols().await {
                Ok(_) => fresh = true,
                Err(e) if kept.is_some() => {
                    tracing::warn!(error = %e, "exchange catalogue not refreshed; using the kept one");
                }
                Err(e) => return Err(e),
            }
        }
        let pair = symbol.usd_pair();
        let status = self.store_db(|s| s.listed_pair_status(&pair)).await?;
        let verdict = match status {
            Some(status) if status == TRADING => return Ok(Ok(())),
            Some(status) => Err(MarketError::NotTrading {
                symbol: pair.clone(),
                status,
            }),
            None => Err(MarketError::UnknownSymbols(vec![pair.clone()])),
        };
        if fresh {
            return Ok(verdict);
        }
        Ok(match self.market().check_symbol(&pair).await {
            Ok(()) => Ok(()),
            Err(e @ (MarketError::UnknownSymbols(_) | MarketError::NotTrading { .. })) => Err(e),
            // The exchange is away: the kept catalogue's answer stands.
            Err(e) => {
                tracing::warn!(error = %e, %pair, "could not confirm the catalogue's refusal");
                verdict
            }
        })
    }

    /// The assets stored while the exchange could not be reached, still
    /// waiting for its word.
    pub async fn unverified_symbols(&self) -> Result<Vec<Symbol>, ServiceError> {
        self.store_db(|s| s.unverified_symbols()).await
    }

    /// Checks the assets stored unverified now that the exchange answers:
    /// each listed one is verified; one it does not list stays stored and
    /// the feed names it among the unknown symbols.
    pub(crate) async fn verify_pending(&self) {
        let pending = match self.unverified_symbols().await {
            Ok(p) => p,
            Err(e) => return tracing::warn!(error = %e, "unverified assets not read"),
        };
        for symbol in pending {
            match self.catalogue_verdict(&symbol).await {
                Ok(verdict) => {
                    match verdict {
                        Ok(()) => tracing::info!(%symbol, "verified"),
                        Err(e) => tracing::warn!(%symbol, error = %e, "not listed by the exchange"),
                    }
                    if let Err(e) = self.store_db(|s| s.remove_unverified(&symbol)).await {
                        tracing::warn!(%symbol, error = %e, "verification not recorded");
                    }
                }
                Err(e) => {
                    tracing::warn!(%symbol, error = %e, "still unverified");
                    return;
                }
            }
        }
    }

    /// Every watched asset (tracked, held or alerted on), by symbol, with
    /// what watches it.
    pub async fn watch_list(&self) -> Result<Vec<WatchedAsset>, ServiceError> {
        let tracked = self.tracked_symbols().await?;
        let held: Vec<Symbol> = self
            .holdings()
            .await?
            .into_iter()
            .map(|h| h.symbol)
            .collect();
        let alerted: Vec<Symbol> = self
            .alerts(true)
            .await?
            .into_iter()
            .map(|a| a.symbol)
            .collect();
        let mut all: Vec<Symbol> = tracked
            .iter()
            .chain(&held)
            .chain(&alerted)
            .cloned()
            .collect();
        all.sort();
        all.dedup();
        Ok(all
            .into_iter()
            .map(|symbol| WatchedAsset {
                tracked: tracked.contains(&symbol),
                held: held.contains(&symbol),
                alerted: alerted.contains(&symbol),
                symbol,
            })
            .collect())
    }

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
            match self.sync_symbols().await {
                Ok(_) => {}
                // An old list beats none while the exchange is away.
                Err(e) if kept.is_some() => {
                    tracing::warn!(error = %e, "exchange listing not refreshed; searching the kept one");
                }
                Err(e) => return Err(e),
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
                    tradable: r.status == TRADING,
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
    /// Chart page, calling `on_progress` after each stored page (the shell
    /// forwards it over the call's own channel) and sending
    /// [`Event::BackfillDone`] at the end. One runs at a time.
    #[instrument(skip(self, on_progress), err(level = "debug"))]
    pub async fn backfill_recent(
        &self,
        symbol: &Symbol,
        interval: ChartInterval,
        days: u32,
        on_progress: impl FnMut(&BackfillProgress),
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
        let summary = self.backfill(&req, on_progress).await?;
        self.emit(Event::BackfillDone(summary.clone()));
        Ok(summary)
    }

    /// The explicitly tracked assets.
    pub async fn tracked_symbols(&self) -> Result<Vec<Symbol>, ServiceError> {
        self.store_db(|s| s.tracked_symbols()).await
    }
}
