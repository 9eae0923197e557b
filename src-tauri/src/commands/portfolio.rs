//! Portfolio page: holdings valued at the latest prices; add, edit, delete.

use super::{err, Reply, Service};
use cryptodesk_service::core::imports::Source;
use cryptodesk_service::core::lots::Method;
use cryptodesk_service::core::portfolio::{Summary, Transaction, Valuation};
use cryptodesk_service::core::{Holding, HoldingId, HoldingInput, Sale, SaleId, SaleInput};
use cryptodesk_service::imports::ImportReport;

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

/// Holdings valued under `method` (the Portfolio page's method toggle).
#[tauri::command]
pub async fn portfolio_with(app: Service<'_>, method: Method) -> Reply<Valuation> {
    app.app().portfolio_with(method, true).await.map_err(err)
}

/// Per asset and in total: held, cost, value, unrealized and realized P&L.
#[tauri::command]
pub async fn portfolio_summary(app: Service<'_>, method: Method) -> Reply<Summary> {
    app.app().portfolio_summary(Some(method)).await.map_err(err)
}

/// Every buy and sale in the order they apply.
#[tauri::command]
pub async fn transactions(app: Service<'_>) -> Reply<Vec<Transaction>> {
    app.app().transactions().await.map_err(err)
}

/// Records a sale; refused if it sells more than was held at its date.
#[tauri::command]
pub async fn sell(app: Service<'_>, input: SaleInput) -> Reply<Sale> {
    app.app().sell(input).await.map_err(err)
}

/// Deletes a sale.
#[tauri::command]
pub async fn remove_sale(app: Service<'_>, id: SaleId) -> Reply<()> {
    app.app().remove_sale(id).await.map_err(err)
}

/// Reads a transaction file's text (chosen in the window's file dialog):
/// a dry run shows what would be stored; otherwise all rows or none.
#[tauri::command]
pub async fn import_transactions(
    app: Service<'_>,
    text: String,
    source: Option<Source>,
    dry_run: bool,
    skip_invalid: bool,
) -> Reply<ImportReport> {
    app.app()
        .import_transactions(&text, source, dry_run, skip_invalid)
        .await
        .map_err(err)
}

/// Every transaction as Cryptodesk's own CSV (the window saves it).
#[tauri::command]
pub async fn export_transactions(app: Service<'_>) -> Reply<String> {
    app.app().export_transactions().await.map_err(err)
}
