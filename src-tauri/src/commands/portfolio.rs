//! Portfolio page: holdings valued at the latest prices; add, edit, delete.

use super::{err, Reply, Service};
use cryptodesk_service::core::portfolio::Valuation;
use cryptodesk_service::core::{Holding, HoldingId, HoldingInput};

/// Holdings valued at the latest prices.
#[tauri::command]
pub async fn portfolio(app: Service<'_>) -> Reply<Valuation> {
    app.app().portfolio(true).await.map_err(err)
}

/// Adds a holding.
#[tauri::command]
pub async fn add_holding(app: Service<'_>, input: HoldingInput) -> Reply<Holding> {
    app.app().add_holding(input).await.map_err(err)
}

/// Replaces a holding's fields; `created_at` stays.
#[tauri::command]
pub async fn update_holding(
    app: Service<'_>,
    id: HoldingId,
    input: HoldingInput,
) -> Reply<Holding> {
    app.app().update_holding(id, input).await.map_err(err)
}

/// Deletes a holding.
#[tauri::command]
pub async fn remove_holding(app: Service<'_>, id: HoldingId) -> Reply<()> {
    app.app().remove_holding(id).await.map_err(err)
}
