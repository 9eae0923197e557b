//! Sales: a sell is its own record; it never deletes or edits a buy.

use crate::domain::{commission_text, source_text};
use crate::fx::FxOverrides;
use crate::money::{self, Currency, Symbol, ValidationError};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

/// Identifier of a sale row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(type = "number")]
pub struct SaleId(pub i64);

impl fmt::Display for SaleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A sale as the user typed it: every value still text.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct SaleInput {
    /// Asset ticker, e.g. `BTC`.
    pub symbol: String,
    /// Units sold.
    pub amount: String,
    /// Price per unit, in `currency`.
    pub price: String,
    /// `USD`, `EUR` or `CZK`; empty means USD.
    pub currency: String,
    /// Sale date `YYYY-MM-DD`; today when empty.
    pub date: Option<String>,
    /// Fee paid, in `currency`, optional.
    pub commission: Option<String>,
    /// Exchange or wallet, optional.
    pub source: Option<String>,
    /// Rates actually paid, `CUR=R_X`, optional.
    #[serde(default)]
    pub fx_rate: Vec<String>,
}

/// A validated sale, ready to store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewSale {
    /// Asset ticker.
    pub symbol: Symbol,
    /// Units sold (> 0).
    pub amount: Decimal,
    /// Price per unit (> 0).
    pub price: Decimal,
    /// Currency of `price` and `commission`.
    pub currency: Currency,
    /// The day of the sale.
    pub date: NaiveDate,
    /// Fee paid (>= 0).
    pub commission: Decimal,
    /// Exchange or wallet.
    pub source: Option<String>,
    /// Rates the user paid, replacing the fetched ones for this sale.
    pub fx: FxOverrides,
}

impl SaleInput {
    /// Validates every field; the first broken rule is returned, naming its field.
    pub fn validate(&self, today: NaiveDate) -> Result<NewSale, ValidationError> {
        let symbol = Symbol::parse(&self.symbol)?;
        let amount = money::positive("amount", money::parse_decimal("amount", &self.amount)?)?;
        let price = money::positive("price", money::parse_decimal("price", &self.price)?)?;
        let currency = if self.currency.trim().is_empty() {
            Currency::Usd
        } else {
            Currency::parse("currency", &self.currency)?
        };
        let date = match self
            .date
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            Some(d) => money::parse_date("date", d, today)?,
            None => today,
        };
        Ok(NewSale {
            symbol,
            amount,
            price,
            currency,
            date,
            commission: commission_text(self.commission.as_deref())?,
            source: source_text(self.source.as_deref())?,
            fx: FxOverrides::parse(&self.fx_rate)?,
        })
    }
}

/// A stored sale (`portfolio_sells` table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Sale {
    /// Row id.
    pub id: SaleId,
    /// Asset ticker.
    pub symbol: Symbol,
    /// Units sold.
    #[ts(type = "string")]
    pub amount: Decimal,
    /// Price per unit in `currency`.
    #[ts(type = "string")]
    pub price: Decimal,
    /// Currency of `price` and `commission`.
    pub currency: Currency,
    /// The day of the sale.
    pub sell_date: NaiveDate,
    /// Fee paid, in `currency`.
    #[ts(type = "string")]
    pub commission: Decimal,
    /// Exchange or wallet.
    pub source: Option<String>,
    /// `R_EUR` the user paid, if given.
    #[ts(type = "string | null")]
    pub fx_rate_eur: Option<Decimal>,
    /// `R_CZK` the user paid, if given.
    #[ts(type = "string | null")]
    pub fx_rate_czk: Option<Decimal>,
    /// The key an import recognises it by, if it was imported.
    pub import_key: Option<String>,
    /// When the row was written.
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn input() -> SaleInput {
        SaleInput {
            symbol: "btc".into(),
            amount: "0.2".into(),
            price: "60000".into(),
            currency: "EUR".into(),
            date: Some("2025-03-01".into()),
            commission: Some("5".into()),
            source: Some("Kraken".into()),
            fx_rate: vec!["EUR=0.95".into()],
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn valid_sale() {
        let s = input().validate(today()).unwrap();
        assert_eq!((s.amount, s.currency), (dec!(0.2), Currency::Eur));
        assert_eq!(s.fx.eur, Some(dec!(0.95)));
        let no_date = SaleInput {
            date: None,
            ..input()
        };
        assert_eq!(no_date.validate(today()).unwrap().date, today());
    }

    #[test]
    fn sale_errors_name_the_field() {
        type Case = (fn(&mut SaleInput), &'static str);
        let cases: Vec<Case> = vec![
            (|i| i.amount = "0".into(), "amount"),
            (|i| i.price = "-5".into(), "price"),
            (|i| i.currency = "GBP".into(), "currency"),
            (|i| i.date = Some("2027-01-01".into()), "date"),
            (|i| i.date = Some("2008-06-01".into()), "date"),
            (|i| i.commission = Some("-1".into()), "commission"),
            (|i| i.fx_rate = vec!["CZK=x".into()], "fx_rate"),
        ];
        for (mutate, field) in cases {
            let mut i = input();
            mutate(&mut i);
            assert_eq!(i.validate(today()).unwrap_err().field, field);
        }
    }
}
