//! `portfolio import` and `portfolio export`: all rows or none, every bad
//! row listed with its line, column and reason, nothing stored twice.

use crate::{App, ServiceError};
use chrono::{NaiveDate, Utc};
use cryptodesk_core::imports::{self, ImportRow, RowError, Source, Trade};
use cryptodesk_core::lots::{self, Method};
use cryptodesk_core::{Currency, Holding, HoldingId, Sale, SaleId, ValidationError};
use cryptodesk_store::{ImportBuy, ImportSell, PurchasePrices};
use serde::Serialize;
use std::collections::{BTreeSet, HashSet};
use ts_rs::TS;

/// One row an import would store (or stored).
#[derive(Debug, Clone, Serialize, TS)]
pub struct PreviewRow {
    /// Its line in the file.
    #[ts(type = "number")]
    pub line: u64,
    /// `buy` or `sell`.
    pub kind: String,
    /// The day of the trade.
    pub date: NaiveDate,
    /// Asset.
    pub symbol: String,
    /// Units.
    pub amount: String,
    /// Price per unit.
    pub price: String,
    /// Its currency.
    pub currency: Currency,
    /// Fee.
    pub commission: String,
    /// Already stored by an earlier import (skipped).
    pub duplicate: bool,
}

/// What an import found and did.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportReport {
    /// The format read.
    pub source: Source,
    /// Whether nothing was stored on purpose.
    pub dry_run: bool,
    /// Whether the valid rows were stored.
    pub committed: bool,
    /// Valid rows (new and duplicates).
    #[ts(type = "number")]
    pub valid: usize,
    /// Buys stored.
    #[ts(type = "number")]
    pub stored_buys: u64,
    /// Sales stored.
    #[ts(type = "number")]
    pub stored_sells: u64,
    /// Rows recognised as already stored.
    #[ts(type = "number")]
    pub duplicates: usize,
    /// Rows that cannot be imported, with line, column and reason.
    pub errors: Vec<RowError>,
    /// Rows that are no trade (transfers, rewards).
    pub ignored: Vec<RowError>,
    /// The valid rows, in file order.
    pub rows: Vec<PreviewRow>,
}

fn preview(r: &ImportRow, duplicate: bool) -> PreviewRow {
    let (kind, date, amount, price, currency, commission) = match &r.trade {
        Trade::Buy(b) => (
            "buy",
            b.purchase_date.unwrap_or_default(),
            b.amount,
            b.price_buy,
            b.base_currency,
            b.commission,
        ),
        Trade::Sell(s) => ("sell", s.date, s.amount, s.price, s.currency, s.commission),
    };
    PreviewRow {
        line: r.line,
        kind: kind.into(),
        date,
        symbol: r.trade.symbol().to_string(),
        amount: amount.normalize().to_string(),
        price: price.normalize().to_string(),
        currency,
        commission: commission.normalize().to_string(),
        duplicate,
    }
}

/// Stored-row stand-ins for the amount check (ids past every stored one,
/// in file order).
fn as_stored(rows: &[&ImportRow]) -> (Vec<Holding>, Vec<(Sale, u64)>) {
    let now = Utc::now();
    let mut buys = Vec::new();
    let mut sells = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let id = i64::MAX / 2 + i as i64;
        match &r.trade {
            Trade::Buy(b) => buys.push(Holding {
                id: HoldingId(id),
                symbol: b.symbol.clone(),
                amount: b.amount,
                price_buy: b.price_buy,
                purchase_date: b.purchase_date,
                base_currency: b.base_currency,
                purchase_price_eur: None,
                purchase_price_czk: None,
                source: None,
                commission: b.commission,
                fx_rate_eur: None,
                fx_rate_czk: None,
                import_key: None,
                created_at: now,
                updated_at: now,
            }),
            Trade::Sell(s) => sells.push((
                Sale {
                    id: SaleId(id),
                    symbol: s.symbol.clone(),
                    amount: s.amount,
                    price: s.price,
                    currency: s.currency,
                    sell_date: s.date,
                    commission: s.commission,
                    source: None,
                    fx_rate_eur: None,
                    fx_rate_czk: None,
                    import_key: None,
                    created_at: now,
                },
                r.line,
            )),
        }
    }
    (buys, sells)
}

impl App {
    /// Reads a transaction file and stores its trades in one transaction:
    /// nothing when a row is bad (unless `skip_invalid`) or on `dry_run`.
    /// Rows stored by an earlier import are recognised and skipped.
    pub async fn import_transactions(
        &self,
        text: &str,
        source: Option<Source>,
        dry_run: bool,
        skip_invalid: bool,
    ) -> Result<ImportReport, ServiceError> {
        let today = Utc::now().date_naive();
        let (source, parsed) =
            imports::parse(text, source, today).map_err(|e| ValidationError::new("file", e.0))?;
        let known = self.store_db(|s| s.import_keys()).await?;
        let mut errors = parsed.errors;
        let mut seen: HashSet<&str> = HashSet::new();
        let fresh: Vec<&ImportRow> = parsed
            .rows
            .iter()
            .filter(|r| !known.contains(&r.key) && seen.insert(r.key.as_str()))
            .collect();
        // No sale may sell more than is held at its date, counting what is
        // stored; with `skip_invalid` such sales are left out one by one.
        let stored_buys = self.store_db(|s| s.list_holdings()).await?;
        let stored_sells = self.store_db(|s| s.list_sales()).await?;
        let mut keep = fresh.clone();
        loop {
            let (new_buys, new_sells) = as_stored(&keep);
            let buys: Vec<Holding> = stored_buys.iter().cloned().chain(new_buys).collect();
            let sells: Vec<Sale> = stored_sells
                .iter()
                .cloned()
                .chain(new_sells.iter().map(|(s, _)| s.clone()))
                .collect();
            let trades_b: Vec<_> = buys
                .iter()
                .map(crate::portfolio::amount_trade_buy)
                .collect();
            let trades_s: Vec<_> = sells
                .iter()
                .map(crate::portfolio::amount_trade_sell)
                .collect();
            let Err(o) = lots::run(&trades_b, &trades_s, Method::Fifo) else {
                break;
            };
            let bad = &sells[o.sell];
            let line = new_sells
                .iter()
                .find(|(s, _)| s.id == bad.id)
                .map(|(_, l)| *l)
                .unwrap_or(0);
            errors.push(RowError {
                line,
                column: o.field.into(),
                reason: format!(
                    "selling {} {} on {} is more than the {} held then",
                    bad.amount,
                    bad.symbol,
                    bad.sell_date,
                    o.held.normalize()
                ),
            });
            if line == 0 || !skip_invalid {
                break;
            }
            keep.retain(|r| r.line != line);
        }
        errors.sort_by_key(|e| e.line);
        let rows: Vec<PreviewRow> = parsed
            .rows
            .iter()
            .filter(|r| !errors.iter().any(|e| e.line == r.line))
            .map(|r| preview(r, known.contains(&r.key)))
            .collect();
        let mut report = ImportReport {
            source,
            dry_run,
            committed: false,
            valid: rows.len(),
            stored_buys: 0,
            stored_sells: 0,
            duplicates: parsed.rows.len() - fresh.len(),
            errors,
            ignored: parsed.ignored,
            rows,
        };
        if dry_run || (!report.errors.is_empty() && !skip_invalid) {
            return Ok(report);
        }
        let keep: Vec<&ImportRow> = keep
            .into_iter()
            .filter(|r| !report.errors.iter().any(|e| e.line == r.line))
            .collect();
        // The purchase prices in EUR and CZK at each buy's date.
        let dates: Vec<NaiveDate> = keep
            .iter()
            .filter_map(|r| match &r.trade {
                Trade::Buy(b) => b.purchase_date,
                Trade::Sell(_) => None,
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let rates = self.rates_for(&dates, true).await?;
        let buys: Vec<ImportBuy<'_>> = keep
            .iter()
            .filter_map(|r| match &r.trade {
                Trade::Buy(b) => {
                    let dated = b.purchase_date.and_then(|d| rates.get(&d));
                    let prices =
                        crate::portfolio::trade_rates(dated, b.fx).map(|fx| PurchasePrices {
                            eur: fx.convert(b.price_buy, b.base_currency, Currency::Eur),
                            czk: fx.convert(b.price_buy, b.base_currency, Currency::Czk),
                        });
                    Some((b, prices, r.key.as_str()))
                }
                Trade::Sell(_) => None,
            })
            .collect();
        let sells: Vec<ImportSell<'_>> = keep
            .iter()
            .filter_map(|r| match &r.trade {
                Trade::Sell(s) => Some((s, r.key.as_str())),
                Trade::Buy(_) => None,
            })
            .collect();
        let (b, s) = self.store_db(|st| st.import_trades(&buys, &sells)).await?;
        report.stored_buys = b;
        report.stored_sells = s;
        report.committed = true;
        self.push_portfolio().await;
        Ok(report)
    }

    /// Every transaction as Cryptodesk's own CSV.
    pub async fn export_transactions(&self) -> Result<String, ServiceError> {
        Ok(imports::export(&self.transactions_with(false).await?))
    }
}
