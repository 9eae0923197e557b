//! Dashboard and Performance: feed health, tracked prices, where time goes.

use super::{err, Reply, Service};
use cryptodesk_service::perf::PerfReport;
use cryptodesk_service::{FeedStatus, TrackedPrice};

/// Health of the price feed.
#[tauri::command]
pub async fn feed_status(app: Service<'_>) -> Reply<FeedStatus> {
    Ok(app.app().feed_status())
}

/// Polls prices now.
#[tauri::command]
pub async fn refresh_prices(app: Service<'_>) -> Reply<()> {
    app.app().poll_once().await.map(|_| ()).map_err(err)
}

/// Every watched asset with its latest cached price.
#[tauri::command]
pub async fn tracked_prices(app: Service<'_>) -> Reply<Vec<TrackedPrice>> {
    app.app().tracked_prices().await.map_err(err)
}

/// Last poll latency, cache hit rate, database latencies.
#[tauri::command]
pub async fn performance(app: Service<'_>) -> Reply<PerfReport> {
    Ok(app.app().performance())
}
