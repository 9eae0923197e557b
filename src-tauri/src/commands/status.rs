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

/// The UI reports its first render (`ms` after its page started loading);
/// logged with the wall-clock time for the start-up benchmark.
#[tauri::command]
pub async fn first_paint(_app: Service<'_>, ms: f64) -> Reply<()> {
    let unix_ms = chrono::Utc::now().timestamp_millis();
    let since_start_ms = crate::PROCESS_START.get().map(|t| t.elapsed().as_millis());
    tracing::info!(unix_ms, since_start_ms, page_ms = ms, "first paint");
    Ok(())
}
