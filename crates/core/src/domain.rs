//! Domain records. Field names are the column names of the seed schema, so
//! JSON output of these types uses the same keys as the database.

use crate::fx::FxOverrides;
use crate::money::{self, Currency, Symbol, ValidationError};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

/// Longest alert message accepted, in characters.
pub const MAX_MESSAGE_CHARS: usize = 500;
/// Longest holding source (exchange or wallet name) accepted, in characters.
pub const MAX_SOURCE_CHARS: usize = 100;

/// Identifier of a portfolio row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(type = "number")]
pub struct HoldingId(pub i64);

/// Identifier of a price alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(type = "number")]
pub struct AlertId(pub i64);

impl fmt::Display for HoldingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for AlertId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A holding as the user typed it: every value still text.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct HoldingInput {
    /// Asset ticker, e.g. `BTC`.
    pub symbol: String,
    /// Quantity held.
    pub amount: String,
    /// Price paid per unit, in `currency`.
    pub price: String,
    /// `USD`, `EUR` or `CZK`; empty means USD.
    pub currency: String,
    /// Purchase date `YYYY-MM-DD`, optional.
    pub date: Option<String>,
    /// Fee paid, in `currency`, optional.
    pub commission: Option<String>,
    /// Exchange or wallet, optional.
    pub source: Option<String>,
    /// Rates actually paid, `CUR=R_X` (e.g. `EUR=0.9214`), optional.
    #[serde(default)]
    pub fx_rate: Vec<String>,
}

/// A validated holding, ready to store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewHolding {
    /// Asset ticker.
    pub symbol: Symbol,
    /// Quantity held (> 0).
    pub amount: Decimal,
    /// Price paid per unit in `base_currency` (> 0).
    pub price_buy: Decimal,
    /// Currency of `price_buy` and `commission`.
    pub base_currency: Currency,
    /// Purchase date, if known.
    pub purchase_date: Option<NaiveDate>,
    /// Fee paid (>= 0).
    pub commission: Decimal,
    /// Exchange or wallet.
    pub source: Option<String>,
    /// Rates the user paid, replacing the fetched ones for this buy.
    pub fx: FxOverrides,
}

fn optional_text(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|s| !s.is_empty())
}

impl HoldingInput {
    /// Validates every field; the first broken rule is returned, naming its field.
    pub fn validate(&self, today: NaiveDate) -> Result<NewHolding, ValidationError> {
        let symbol = Symbol::parse(&self.symbol)?;
        let amount = money::positive("amount", money::parse_decimal("amount", &self.amount)?)?;
        let price_buy = money::positive("price", money::parse_decimal("price", &self.price)?)?;
        let base_currency = if self.currency.trim().is_empty() {
            Currency::Usd
        } else {
            Currency::parse("currency", &self.currency)?
        };
        let purchase_date = optional_text(self.date.as_deref())
            .map(|d| money::parse_date("date", d, today))
            .transpose()?;
        let commission = commission_text(self.commission.as_deref())?;
        let source = source_text(self.source.as_deref())?;
        let fx = FxOverrides::parse(&self.fx_rate)?;
        Ok(NewHolding {
            symbol,
            amount,
            price_buy,
            base_currency,
            purchase_date,
            commission,
            source,
            fx,
        })
    }
}

/// An optional exchange or wallet name, at most [`MAX_SOURCE_CHARS`] long.
pub(crate) fn source_text(value: Option<&str>) -> Result<Option<String>, ValidationError> {
    match optional_text(value) {
        None => Ok(None),
        Some(s) if s.chars().count() > MAX_SOURCE_CHARS => Err(ValidationError::new(
            "source",
            format!("must be at most {MAX_SOURCE_CHARS} characters"),
        )),
        Some(s) => Ok(Some(s.to_owned())),
    }
}

/// An optional fee in the transaction's currency (>= 0), zero when empty.
pub(crate) fn commission_text(value: Option<&str>) -> Result<Decimal, ValidationError> {
    match optional_text(value) {
        None => Ok(Decimal::ZERO),
        Some(c) => money::non_negative("commission", money::parse_decimal("commission", c)?),
    }
}

/// A stored portfolio row (`portfolio` table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Holding {
    /// Row id.
    pub id: HoldingId,
    /// Asset ticker.
    pub symbol: Symbol,
    /// Quantity held.
    #[ts(type = "string")]
    pub amount: Decimal,
    /// Price paid per unit in `base_currency`.
    #[ts(type = "string")]
    pub price_buy: Decimal,
    /// Purchase date, if known.
    pub purchase_date: Option<NaiveDate>,
    /// Currency of `price_buy` and `commission`.
    pub base_currency: Currency,
    /// Purchase price converted to EUR, when known.
    #[ts(type = "string | null")]
    pub purchase_price_eur: Option<Decimal>,
    /// Purchase price converted to CZK, when known.
    #[ts(type = "string | null")]
    pub purchase_price_czk: Option<Decimal>,
    /// Exchange or wallet.
    pub source: Option<String>,
    /// Fee paid, in `base_currency`.
    #[ts(type = "string")]
    pub commission: Decimal,
    /// `R_EUR` the user paid, replacing the fetched one for this buy.
    #[ts(type = "string | null")]
    pub fx_rate_eur: Option<Decimal>,
    /// `R_CZK` the user paid, replacing the fetched one for this buy.
    #[ts(type = "string | null")]
    pub fx_rate_czk: Option<Decimal>,
    /// The key an import recognises it by, if it was imported.
    pub import_key: Option<String>,
    /// When the row was written.
    pub created_at: DateTime<Utc>,
    /// When the row last changed.
    pub updated_at: DateTime<Utc>,
}

/// Direction of a price alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum AlertKind {
    /// Fires when the price reaches or exceeds the threshold.
    Above,
    /// Fires when the price reaches or falls below the threshold.
    Below,
}

impl AlertKind {
    /// The stored `alert_type` text.
    pub fn as_str(self) -> &'static str {
        match self {
            AlertKind::Above => "above",
            AlertKind::Below => "below",
        }
    }

    /// Parses the stored `alert_type` text.
    pub fn parse(text: &str) -> Result<Self, ValidationError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "above" => Ok(AlertKind::Above),
            "below" => Ok(AlertKind::Below),
            other => Err(ValidationError::new(
                "alert_type",
                format!("must be above or below (got {other:?})"),
            )),
        }
    }
}

impl fmt::Display for AlertKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An alert as the user typed it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct AlertInput {
    /// Asset ticker.
    pub symbol: String,
    /// `above` or `below`.
    pub alert_type: String,
    /// Threshold price in USD.
    pub threshold: String,
    /// Optional text shown in the notification.
    pub message: Option<String>,
}

/// A validated alert, ready to store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewAlert {
    /// Asset ticker.
    pub symbol: Symbol,
    /// Direction.
    pub alert_type: AlertKind,
    /// Threshold price in USD (> 0).
    pub threshold_price: Decimal,
    /// Optional text shown in the notification.
    pub message: Option<String>,
}

impl AlertInput {
    /// Validates every field; the first broken rule is returned, naming its field.
    pub fn validate(&self) -> Result<NewAlert, ValidationError> {
        let symbol = Symbol::parse(&self.symbol)?;
        let alert_type = AlertKind::parse(&self.alert_type)?;
        let threshold_price = money::positive(
            "threshold",
            money::parse_decimal("threshold", &self.threshold)?,
        )?;
        let message = match optional_text(self.message.as_deref()) {
            None => None,
            Some(m) if m.chars().count() > MAX_MESSAGE_CHARS => {
                return Err(ValidationError::new(
                    "message",
                    format!(
                        "must be at most {MAX_MESSAGE_CHARS} characters (got {})",
                        m.chars().count()
                    ),
                ))
            }
            Some(m) => Some(m.to_owned()),
        };
        Ok(NewAlert {
            symbol,
            alert_type,
            threshold_price,
            message,
        })
    }
}

/// A stored price alert (`price_alerts` table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Alert {
    /// Row id.
    pub id: AlertId,
    /// Asset ticker.
    pub symbol: Symbol,
    /// Direction.
    pub alert_type: AlertKind,
    /// Threshold price in USD.
    #[ts(type = "string")]
    pub threshold_price: Decimal,
    /// Optional text shown in the notification.
    pub message: Option<String>,
    /// Whether the alert still waits to fire.
    pub is_active: bool,
    /// When the row was written.
    pub created_at: DateTime<Utc>,
    /// When the row last changed.
    pub updated_at: DateTime<Utc>,
}

/// A fired alert (`alert_history` table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AlertEvent {
    /// Row id (0 before it is stored).
    pub id: i64,
    /// The alert that fired.
    pub alert_id: AlertId,
    /// Asset ticker.
    pub symbol: Symbol,
    /// Price that crossed the threshold.
    #[ts(type = "string")]
    pub triggered_price: Decimal,
    /// The alert's threshold.
    #[ts(type = "string")]
    pub threshold_price: Decimal,
    /// Direction.
    pub alert_type: AlertKind,
    /// The alert's message.
    pub message: Option<String>,
    /// When the price was seen.
    pub triggered_at: DateTime<Utc>,
}

impl AlertEvent {
    /// Notification title: names the asset and the condition.
    pub fn title(&self) -> String {
        format!(
            "{} {} {}",
            self.symbol, self.alert_type, self.threshold_price
        )
    }

    /// Notification body: the price and the message.
    pub fn body(&self) -> String {
        match &self.message {
            Some(m) => format!("{} is at {} USD. {}", self.symbol, self.triggered_price, m),
            None => format!("{} is at {} USD.", self.symbol, self.triggered_price),
        }
    }
}

/// One observed USD price of an asset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tick {
    /// Asset ticker.
    pub symbol: Symbol,
    /// Price in USD (USDT).
    pub price: Decimal,
    /// When it was observed.
    pub at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn input() -> HoldingInput {
        HoldingInput {
            symbol: "btc".into(),
            amount: "0.5".into(),
            price: "30000".into(),
            currency: "USD".into(),
            date: Some("2024-01-15".into()),
            commission: Some("2.5".into()),
            source: Some("Binance".into()),
            fx_rate: vec![],
        }
    }

    #[test]
    fn valid_holding() {
        let h = input().validate(today()).unwrap();
        assert_eq!(h.symbol.as_str(), "BTC");
        assert_eq!(h.amount, dec!(0.5));
        assert_eq!(h.commission, dec!(2.5));
    }

    #[test]
    fn holding_errors_name_the_field() {
        type Case = (fn(&mut HoldingInput), &'static str);
        let cases: Vec<Case> = vec![
            (|i| i.amount = "-1".into(), "amount"),
            (|i| i.amount = "0".into(), "amount"),
            (|i| i.amount = "NaN".into(), "amount"),
            (|i| i.price = "1.123456789".into(), "price"),
            (|i| i.price = "1000000000000".into(), "price"),
            (|i| i.currency = "GBP".into(), "currency"),
            (|i| i.symbol = "".into(), "symbol"),
            (|i| i.date = Some("2099-01-01".into()), "date"),
            (|i| i.date = Some("15/01/2024".into()), "date"),
            (|i| i.date = Some("2008-12-31".into()), "date"),
            (|i| i.fx_rate = vec!["EUR=0".into()], "fx_rate"),
            (|i| i.commission = Some("-1".into()), "commission"),
        ];
        for (mutate, field) in cases {
            let mut i = input();
            mutate(&mut i);
            let err = i.validate(today()).unwrap_err();
            assert_eq!(err.field, field, "{err}");
        }
    }

    #[test]
    fn alert_validation() {
        let ok = AlertInput {
            symbol: "eth".into(),
            alert_type: "below".into(),
            threshold: "2000".into(),
            message: Some("buy the dip".into()),
        };
        assert_eq!(ok.validate().unwrap().alert_type, AlertKind::Below);
        let long = AlertInput {
            message: Some("x".repeat(10 * 1024)),
            ..ok.clone()
        };
        assert_eq!(long.validate().unwrap_err().field, "message");
        let bad = AlertInput {
            alert_type: "sideways".into(),
            ..ok
        };
        assert_eq!(bad.validate().unwrap_err().field, "alert_type");
    }
}
