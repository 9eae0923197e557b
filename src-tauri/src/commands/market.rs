//! Markets and Chart pages: tracked assets' statistics, searching and
//! tracking assets, candles with indicators, backfilling history.

use super::{err, Reply, Service};
use cryptodesk_service::chart::{Chart, ChartInterval, ChartRequest};
use cryptodesk_service::core::Symbol;
use cryptodesk_service::history::{BackfillProgress, BackfillSummary};
use cryptodesk_service::markets::ListedAsset;
use cryptodesk_service::stats::MarketStat;
use tauri::ipc::Channel;

/// Price, 24 h and 7 d change, 24 h high, low and volume per tracked asset.
#[tauri::command]
pub async fn market_stats(app: Service<'_>) -> Reply<Vec<MarketStat>> {
    app.app().market_stats().await.map_err(err)
}

/// Assets the exchange lists against USDT whose ticker starts with `query`.
#[tauri::command]
pub async fn search_symbols(app: Service<'_>, query: String) -> Reply<Vec<ListedAsset>> {
    app.app().search_symbols(&query).await.map_err(err)
}

/// The explicitly tracked assets.
#[tauri::command]
pub async fn tracked_symbols(app: Service<'_>) -> Reply<Vec<Symbol>> {
    app.app().tracked_symbols().await.map_err(err)
}

/// Tracks an asset (checked on the exchange first).
#[tauri::command]
pub async fn track_symbol(app: Service<'_>, symbol: Symbol) -> Reply<()> {
    app.app().track_symbol(&symbol).await.map_err(err)
}

/// Stops tracking an asset explicitly.
#[tauri::command]
pub async fn untrack_symbol(app: Service<'_>, symbol: Symbol) -> Reply<()> {
    app.app().untrack_symbol(&symbol).await.map_err(err)
}

/// The latest candles of one asset with its indicators.
#[tauri::command]
pub async fn chart(app: Service<'_>, request: ChartRequest) -> Reply<Chart> {
    app.app().chart(&request).await.map_err(err)
}

/// Backfills the last `days` days, sending each stored page's progress
/// over the caller's channel.
#[tauri::command]
pub async fn backfill(
    app: Service<'_>,
    symbol: Symbol,
    interval: ChartInterval,
    days: u32,
    on_progress: Channel<BackfillProgress>,
) -> Reply<BackfillSummary> {
    app.app()
        .backfill_recent(&symbol, interval, days, |p| {
            // A closed window drops the channel; the run goes on.
            if let Err(e) = on_progress.send(p.clone()) {
                tracing::debug!(error = %e, "backfill progress not delivered");
            }
        })
        .await
        .map_err(err)
}
