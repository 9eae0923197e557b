//! Tauri commands: take the service from state, call one function, map the
//! error to the `{ code, message, field }` shape.

use cryptodesk_service::core::portfolio::Valuation;
use cryptodesk_service::core::{
    Alert, AlertEvent, AlertId, AlertInput, Holding, HoldingId, HoldingInput,
};
use cryptodesk_service::{App, ErrorBody, FeedStatus, ServiceError};
use std::sync::Arc;
use tauri::State;

type Service<'a> = State<'a, Arc<App>>;
type Reply<T> = Result<T, ErrorBody>;

fn err(e: ServiceError) -> ErrorBody {
    ErrorBody::from(&e)
}

/// Holdings valued at the latest prices.
#[tauri::command]
pub async fn portfolio(app: Service<'_>) -> Reply<Valuation> {
    app.portfolio(true).await.map_err(err)
}

/// Adds a holding.
#[tauri::command]
pub async fn add_holding(app: Service<'_>, input: HoldingInput) -> Reply<Holding> {
    app.add_holding(input).await.map_err(err)
}

/// Deletes a holding.
#[tauri::command]
pub async fn remove_holding(app: Service<'_>, id: i64) -> Reply<()> {
    app.remove_holding(HoldingId(id)).await.map_err(err)
}

/// Active alerts.
#[tauri::command]
pub async fn alerts(app: Service<'_>) -> Reply<Vec<Alert>> {
    app.alerts(true).await.map_err(err)
}

/// Adds an alert.
#[tauri::command]
pub async fn add_alert(app: Service<'_>, input: AlertInput) -> Reply<Alert> {
    app.add_alert(input).await.map_err(err)
}

/// Deletes an alert.
#[tauri::command]
pub async fn remove_alert(app: Service<'_>, id: i64) -> Reply<()> {
    app.remove_alert(AlertId(id)).await.map_err(err)
}

/// The last 200 fired alerts.
#[tauri::command]
pub async fn alert_history(app: Service<'_>) -> Reply<Vec<AlertEvent>> {
    app.alert_history(200).await.map_err(err)
}

/// Health of the price feed.
#[tauri::command]
pub fn feed_status(app: Service<'_>) -> FeedStatus {
    app.feed_status()
}

/// Polls prices now.
#[tauri::command]
pub async fn refresh_prices(app: Service<'_>) -> Reply<()> {
    app.poll_once().await.map(|_| ()).map_err(err)
}
