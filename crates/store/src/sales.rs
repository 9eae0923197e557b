//! Sales (`portfolio_sells`): stored, listed and removed. The caller checks
//! that a sale never sells more than was held at its date.

use crate::rows::sale;
use crate::{expand_dec, now, round_money, text, PurchasePrices, Result, Store};
use cryptodesk_core::{NewHolding, NewSale, Sale, SaleId};
use std::collections::HashSet;
use tracing::instrument;

impl Store {
    /// Stores a validated sale and returns the stored row.
    #[instrument(skip(self), err)]
    pub async fn add_sale(&self, s: &NewSale) -> Result<Sale> {
        let now = now();
        on_pool!(self, |pool, sql| {
            let row = sqlx::query(&sql(
                "INSERT INTO portfolio_sells (symbol, amount, price, currency, sell_date, \
                 commission, source, fx_rate_eur, fx_rate_czk, created_at) \
                 VALUES ($1, DEC($2), DEC($3), $4, $5, DEC($6), $7, DEC($8), DEC($9), $10) \
                 RETURNING *",
            ))
            .bind(s.symbol.as_str())
            .bind(text(s.amount))
            .bind(text(s.price))
            .bind(s.currency.code())
            .bind(s.date)
            .bind(text(s.commission))
            .bind(s.source.as_deref())
            .bind(s.fx.eur.map(text))
            .bind(s.fx.czk.map(text))
            .bind(now)
            .fetch_one(pool)
            .await?;
            sale(&row)
        })
    }

    /// Every sale, oldest first.
    pub async fn list_sales(&self) -> Result<Vec<Sale>> {
        on_pool!(self, |pool, _sql| {
            sqlx::query("SELECT * FROM portfolio_sells ORDER BY sell_date, id")
                .fetch_all(pool)
                .await?
                .iter()
                .map(sale)
                .collect()
        })
    }

    /// Deletes a sale.
    #[instrument(skip(self), err)]
    pub async fn remove_sale(&self, id: SaleId) -> Result<()> {
        self.delete_by_id("portfolio_sells", "sale", id.0).await
    }
}

/// A buy to import: the validated row, its purchase prices, its key.
pub type ImportBuy<'a> = (&'a NewHolding, Option<PurchasePrices>, &'a str);
/// A sale to import and its key.
pub type ImportSell<'a> = (&'a NewSale, &'a str);

impl Store {
    /// The import keys already stored (buys and sales).
    pub async fn import_keys(&self) -> Result<HashSet<String>> {
        let keys: Vec<String> = on_pool!(self, |pool, _sql| {
            sqlx::query_scalar(
                "SELECT import_key FROM portfolio WHERE import_key IS NOT NULL \
                 UNION ALL SELECT import_key FROM portfolio_sells WHERE import_key IS NOT NULL",
            )
            .fetch_all(pool)
            .await?
        });
        Ok(keys.into_iter().collect())
    }

    /// Stores imported buys and sales in one transaction, skipping any whose
    /// key is already stored; returns how many of each were stored.
    #[instrument(skip_all, fields(buys = buys.len(), sells = sells.len()), err)]
    pub async fn import_trades(
        &self,
        buys: &[ImportBuy<'_>],
        sells: &[ImportSell<'_>],
    ) -> Result<(u64, u64)> {
        let now = now();
        on_pool!(self, |pool, sql| {
            let mut tx = pool.begin().await?;
            let buy_sql = sql(
                "INSERT INTO portfolio (symbol, amount, price_buy, purchase_date, base_currency, \
                 source, commission, fx_rate_eur, fx_rate_czk, purchase_price_eur, \
                 purchase_price_czk, created_at, updated_at, import_key) \
                 VALUES ($1, DEC($2), DEC($3), $4, $5, $6, DEC($7), DEC($8), DEC($9), DEC($10), \
                 DEC($11), $12, $12, $13) ON CONFLICT (import_key) DO NOTHING",
            );
            let mut stored = (0, 0);
            for (h, purchase, key) in buys {
                stored.0 += bind_holding!(sqlx::query(&buy_sql), h, *purchase)
                    .bind(now)
                    .bind(*key)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            }
            let sell_sql = sql(
                "INSERT INTO portfolio_sells (symbol, amount, price, currency, sell_date, \
                 commission, source, fx_rate_eur, fx_rate_czk, created_at, import_key) \
                 VALUES ($1, DEC($2), DEC($3), $4, $5, DEC($6), $7, DEC($8), DEC($9), $10, $11) \
                 ON CONFLICT (import_key) DO NOTHING",
            );
            for (s, key) in sells {
                stored.1 += sqlx::query(&sell_sql)
                    .bind(s.symbol.as_str())
                    .bind(text(s.amount))
                    .bind(text(s.price))
                    .bind(s.currency.code())
                    .bind(s.date)
                    .bind(text(s.commission))
                    .bind(s.source.as_deref())
                    .bind(s.fx.eur.map(text))
                    .bind(s.fx.czk.map(text))
                    .bind(now)
                    .bind(*key)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            }
            tx.commit().await?;
            Ok(stored)
        })
    }
}
