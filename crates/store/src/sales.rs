//! Sales (`portfolio_sells`): stored, listed and removed. The caller checks
//! that a sale never sells more than was held at its date.

use crate::rows::sale;
use crate::{expand_dec, now, text, Result, Store};
use cryptodesk_core::{NewSale, Sale, SaleId};
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
