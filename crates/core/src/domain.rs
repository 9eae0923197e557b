//! Domain records. Field names are the column names of the seed schema, so
//! JSON output of these types uses the same keys as the database.

use crate::fx::FxOverrides;
use crate::money::{self, Currency, Symbol, ValidationError};
use crate::rules::{Repeat, Rule, RuleKind};
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

/// The kind of a price alert's rule (see [`crate::rules::RuleKind`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum AlertKind {
    /// The price is at or above the threshold.
    Above,
    /// The price is at or below the threshold.
    Below,
    /// The price crosses the threshold either way.
    Crosses,
    /// The price crosses the threshold upwards.
    CrossesUp,
    /// The price crosses the threshold downwards.
    CrossesDown,
    /// The price enters `[threshold, upper]`.
    Enters,
    /// The price leaves `[threshold, upper]`.
    Exits,
    /// The price rises `threshold` percent within `within_secs`.
    MovesUp,
    /// The price falls `threshold` percent within `within_secs`.
    MovesDown,
}

impl AlertKind {
    /// Every kind, in the order the CLI lists them.
    pub const ALL: [AlertKind; 9] = [
        AlertKind::Above,
        AlertKind::Below,
        AlertKind::Crosses,
        AlertKind::CrossesUp,
        AlertKind::CrossesDown,
        AlertKind::Enters,
        AlertKind::Exits,
        AlertKind::MovesUp,
        AlertKind::MovesDown,
    ];

    /// The stored `alert_type` text (`crosses-up`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            AlertKind::Above => "above",
            AlertKind::Below => "below",
            AlertKind::Crosses => "crosses",
            AlertKind::CrossesUp => "crosses-up",
            AlertKind::CrossesDown => "crosses-down",
            AlertKind::Enters => "enters",
            AlertKind::Exits => "exits",
            AlertKind::MovesUp => "moves-up",
            AlertKind::MovesDown => "moves-down",
        }
    }

    /// Parses the stored `alert_type` text.
    pub fn parse(text: &str) -> Result<Self, ValidationError> {
        let t = text.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == t)
            .ok_or_else(|| {
                ValidationError::new(
                    "alert_type",
                    format!(
                        "must be one of above, below, crosses, crosses-up, crosses-down, \
                         enters, exits, moves-up, moves-down (got {t:?})"
                    ),
                )
            })
    }

    /// The kind of a rule, with its columns: the threshold (level, LOW or
    /// percent), the channel's HIGH and the move's window in seconds.
    pub fn of(kind: &RuleKind) -> (AlertKind, Decimal, Option<Decimal>, Option<i64>) {
        match *kind {
            RuleKind::Above(l) => (AlertKind::Above, l, None, None),
            RuleKind::Below(l) => (AlertKind::Below, l, None, None),
            RuleKind::Crosses(l) => (AlertKind::Crosses, l, None, None),
            RuleKind::CrossesUp(l) => (AlertKind::CrossesUp, l, None, None),
            RuleKind::CrossesDown(l) => (AlertKind::CrossesDown, l, None, None),
            RuleKind::Enters { low, high } => (AlertKind::Enters, low, Some(high), None),
            RuleKind::Exits { low, high } => (AlertKind::Exits, low, Some(high), None),
            RuleKind::MovesUp { pct, within_ms } => {
                (AlertKind::MovesUp, pct, None, Some(within_ms / 1000))
            }
            RuleKind::MovesDown { pct, within_ms } => {
                (AlertKind::MovesDown, pct, None, Some(within_ms / 1000))
            }
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
    /// The rule's kind: `above`, `below`, `crosses`, `crosses-up`,
    /// `crosses-down`, `enters`, `exits`, `moves-up`, `moves-down`.
    pub alert_type: String,
    /// The level in USD; a channel's LOW; a move's percent.
    pub threshold: String,
    /// Optional text shown in the notification.
    pub message: Option<String>,
    /// A channel's HIGH (`enters`, `exits`).
    #[serde(default)]
    #[ts(optional)]
    pub upper: Option<String>,
    /// A move's window: `90s`, `15m`, `1h`, `2d`.
    #[serde(default)]
    #[ts(optional)]
    pub within: Option<String>,
    /// `once` (default) or `every`.
    #[serde(default)]
    #[ts(optional)]
    pub repeat: Option<String>,
    /// Re-arm band in percent (`every`).
    #[serde(default)]
    #[ts(optional)]
    pub rearm_band: Option<String>,
    /// No fire sooner than this after the last (`every`): `15m`, ...
    #[serde(default)]
    #[ts(optional)]
    pub cooldown: Option<String>,
    /// Nothing fires at or after this instant (RFC 3339).
    #[serde(default)]
    #[ts(optional)]
    pub expires: Option<String>,
}

/// A validated alert, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAlert {
    /// Asset ticker.
    pub symbol: Symbol,
    /// The rule.
    pub rule: Rule,
    /// Optional text shown in the notification.
    pub message: Option<String>,
}

impl NewAlert {
    /// The rule's columns: kind, threshold, upper, window in seconds.
    pub fn columns(&self) -> (AlertKind, Decimal, Option<Decimal>, Option<i64>) {
        AlertKind::of(&self.rule.kind)
    }

    /// The rule's expiry as a time.
    pub fn expires_at(&self) -> Option<DateTime<Utc>> {
        self.rule
            .expires_ms
            .and_then(DateTime::<Utc>::from_timestamp_millis)
    }
}

/// Checks a message: at most [`MAX_MESSAGE_CHARS`] characters; blank is none.
pub fn alert_message(text: Option<&str>) -> Result<Option<String>, ValidationError> {
    match optional_text(text) {
        None => Ok(None),
        Some(m) if m.chars().count() > MAX_MESSAGE_CHARS => Err(ValidationError::new(
            "message",
            format!(
                "must be at most {MAX_MESSAGE_CHARS} characters (got {})",
                m.chars().count()
            ),
        )),
        Some(m) => Ok(Some(m.to_owned())),
    }
}

impl AlertInput {
    /// Validates every field; the first broken rule is returned, naming its field.
    pub fn validate(&self) -> Result<NewAlert, ValidationError> {
        use crate::rule_input::{self as input, FrequencyFields, FrequencyText};
        let symbol = Symbol::parse(&self.symbol)?;
        let alert_type = AlertKind::parse(&self.alert_type)?;
        fn given(v: &Option<String>) -> Option<&str> {
            v.as_deref().filter(|t| !t.trim().is_empty())
        }
        let upper = given(&self.upper);
        let within = given(&self.within);
        let channel = matches!(alert_type, AlertKind::Enters | AlertKind::Exits);
        let moves = matches!(alert_type, AlertKind::MovesUp | AlertKind::MovesDown);
        if upper.is_some() && !channel {
            return Err(ValidationError::new(
                "upper",
                "only goes with enters or exits",
            ));
        }
        if within.is_some() && !moves {
            return Err(ValidationError::new(
                "within",
                "only goes with moves-up or moves-down",
            ));
        }
        let t = &self.threshold;
        let window = || -> Result<i64, ValidationError> {
            let w = within.ok_or_else(|| {
                ValidationError::new("within", "must be given: the window of the move")
            })?;
            input::duration_ms("within", w)
        };
        let band = || -> Result<(Decimal, Decimal), ValidationError> {
            let high = upper.ok_or_else(|| {
                ValidationError::new("upper", "must be given: the channel's HIGH")
            })?;
            input::channel("threshold", "upper", t, high)
        };
        let kind = match alert_type {
            AlertKind::Above => RuleKind::Above(input::price("threshold", t)?),
            AlertKind::Below => RuleKind::Below(input::price("threshold", t)?),
            AlertKind::Crosses => RuleKind::Crosses(input::price("threshold", t)?),
            AlertKind::CrossesUp => RuleKind::CrossesUp(input::price("threshold", t)?),
            AlertKind::CrossesDown => RuleKind::CrossesDown(input::price("threshold", t)?),
            AlertKind::Enters => {
                let (low, high) = band()?;
                RuleKind::Enters { low, high }
            }
            AlertKind::Exits => {
                let (low, high) = band()?;
                RuleKind::Exits { low, high }
            }
            AlertKind::MovesUp => RuleKind::MovesUp {
                pct: input::move_pct("threshold", t, false)?,
                within_ms: window()?,
            },
            AlertKind::MovesDown => RuleKind::MovesDown {
                pct: input::move_pct("threshold", t, true)?,
                within_ms: window()?,
            },
        };
        let f = input::frequency(
            FrequencyText {
                repeat: given(&self.repeat),
                rearm_band: given(&self.rearm_band),
                cooldown: given(&self.cooldown),
            },
            FrequencyFields {
                repeat: "repeat",
                rearm_band: "rearm_band",
                cooldown: "cooldown",
            },
        )?;
        let expires_ms = given(&self.expires)
            .map(|e| {
                DateTime::parse_from_rfc3339(e.trim())
                    .map(|t| t.timestamp_millis())
                    .map_err(|_| {
                        ValidationError::new(
                            "expires",
                            format!("must be a time in RFC 3339 (got {e:?})"),
                        )
                    })
            })
            .transpose()?;
        Ok(NewAlert {
            symbol,
            rule: Rule {
                kind,
                repeat: f.repeat,
                rearm_band: f.rearm_band,
                cooldown_ms: f.cooldown_ms,
                expires_ms,
            },
            message: alert_message(self.message.as_deref())?,
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
    /// The rule's kind.
    pub alert_type: AlertKind,
    /// The level in USD; a channel's LOW; a move's percent.
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
    /// A channel's HIGH.
    #[ts(type = "string | null")]
    pub upper_price: Option<Decimal>,
    /// A move's window, seconds.
    #[ts(type = "number | null")]
    pub within_secs: Option<i64>,
    /// `once` or `every`.
    pub repeat: Repeat,
    /// Re-arm band, percent.
    #[ts(type = "string")]
    pub rearm_band: Decimal,
    /// Cooldown, seconds.
    #[ts(type = "number | null")]
    pub cooldown_secs: Option<i64>,
    /// Nothing fires at or after this instant.
    pub expires_at: Option<DateTime<Utc>>,
    /// When it last fired, if it did.
    pub last_fired_at: Option<DateTime<Utc>>,
    /// Snoozed: no fire and no notification before then.
    pub snoozed_until: Option<DateTime<Utc>>,
}

impl Alert {
    /// The rule the engine evaluates.
    pub fn rule(&self) -> Rule {
        let l = self.threshold_price;
        let high = self.upper_price.unwrap_or(l);
        let within_ms = self.within_secs.unwrap_or(0).saturating_mul(1000);
        let kind = match self.alert_type {
            AlertKind::Above => RuleKind::Above(l),
            AlertKind::Below => RuleKind::Below(l),
            AlertKind::Crosses => RuleKind::Crosses(l),
            AlertKind::CrossesUp => RuleKind::CrossesUp(l),
            AlertKind::CrossesDown => RuleKind::CrossesDown(l),
            AlertKind::Enters => RuleKind::Enters { low: l, high },
            AlertKind::Exits => RuleKind::Exits { low: l, high },
            AlertKind::MovesUp => RuleKind::MovesUp { pct: l, within_ms },
            AlertKind::MovesDown => RuleKind::MovesDown { pct: l, within_ms },
        };
        Rule {
            kind,
            repeat: self.repeat,
            rearm_band: self.rearm_band,
            cooldown_ms: self.cooldown_secs.map(|s| s.saturating_mul(1000)),
            expires_ms: self.expires_at.map(|t| t.timestamp_millis()),
        }
    }

    /// The rule in words: `above 100000`, `enters 90000–95000`,
    /// `moves-up 5% within 1h`.
    pub fn describe(&self) -> String {
        let l = self.threshold_price;
        match self.alert_type {
            AlertKind::Enters | AlertKind::Exits => {
                format!("{} {l}–{}", self.alert_type, self.upper_price.unwrap_or(l))
            }
            AlertKind::MovesUp | AlertKind::MovesDown => format!(
                "{} {l}% within {}",
                self.alert_type,
                duration_text(self.within_secs.unwrap_or(0))
            ),
            _ => format!("{} {l}", self.alert_type),
        }
    }
}

/// Seconds as the largest whole unit: `90s`, `15m`, `1h`, `2d`.
pub fn duration_text(secs: i64) -> String {
    match secs {
        s if s > 0 && s % 86_400 == 0 => format!("{}d", s / 86_400),
        s if s > 0 && s % 3_600 == 0 => format!("{}h", s / 3_600),
        s if s > 0 && s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
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
    /// The rule's kind.
    pub alert_type: AlertKind,
    /// The alert's message.
    pub message: Option<String>,
    /// When the price was seen.
    pub triggered_at: DateTime<Utc>,
    /// The rule in words (`enters 90000–95000`), when it was recorded.
    pub rule: Option<String>,
}

impl AlertEvent {
    /// Notification title: names the asset and the rule.
    pub fn title(&self) -> String {
        match &self.rule {
            Some(rule) => format!("{} {rule}", self.symbol),
            None => format!(
                "{} {} {}",
                self.symbol, self.alert_type, self.threshold_price
            ),
        }
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
            ..AlertInput::default()
        };
        assert_eq!(
            ok.validate().unwrap().rule.kind,
            RuleKind::Below(dec!(2000))
        );
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

    #[test]
    fn every_rule_kind_validates_and_round_trips_through_its_columns() {
        let input = |kind: &str, threshold: &str| AlertInput {
            symbol: "BTC".into(),
            alert_type: kind.into(),
            threshold: threshold.into(),
            ..AlertInput::default()
        };
        let enters = AlertInput {
            upper: Some("95000".into()),
            repeat: Some("every".into()),
            cooldown: Some("15m".into()),
            expires: Some("2030-01-01T00:00:00Z".into()),
            ..input("enters", "90000")
        }
        .validate()
        .unwrap();
        assert_eq!(
            enters.rule.kind,
            RuleKind::Enters {
                low: dec!(90000),
                high: dec!(95000)
            }
        );
        assert_eq!(enters.rule.cooldown_ms, Some(900_000));
        assert_eq!(
            enters.expires_at().unwrap().to_rfc3339(),
            "2030-01-01T00:00:00+00:00"
        );
        let moves = AlertInput {
            within: Some("1h".into()),
            ..input("moves-down", "5%")
        }
        .validate()
        .unwrap();
        assert_eq!(
            moves.rule.kind,
            RuleKind::MovesDown {
                pct: dec!(5),
                within_ms: 3_600_000
            }
        );
        // The columns give back the same rule.
        for new in [enters, moves] {
            let (alert_type, threshold_price, upper_price, within_secs) = new.columns();
            let a = Alert {
                id: AlertId(1),
                symbol: new.symbol.clone(),
                alert_type,
                threshold_price,
                message: None,
                is_active: true,
                created_at: Utc::now(),
                updated_at: Utc::now(),
                upper_price,
                within_secs,
                repeat: new.rule.repeat,
                rearm_band: new.rule.rearm_band,
                cooldown_secs: new.rule.cooldown_ms.map(|c| c / 1000),
                expires_at: new.expires_at(),
                last_fired_at: None,
                snoozed_until: None,
            };
            assert_eq!(a.rule(), new.rule);
        }
        let field = |i: AlertInput| i.validate().unwrap_err().field;
        assert_eq!(field(input("enters", "90000")), "upper");
        assert_eq!(
            field(AlertInput {
                upper: Some("90000".into()),
                ..input("exits", "90000")
            }),
            "upper"
        );
        assert_eq!(field(input("moves-up", "5")), "within");
        assert_eq!(
            field(AlertInput {
                within: Some("0s".into()),
                ..input("moves-up", "5")
            }),
            "within"
        );
        assert_eq!(
            field(AlertInput {
                within: Some("1h".into()),
                ..input("moves-up", "-5")
            }),
            "threshold"
        );
        assert_eq!(
            field(AlertInput {
                within: Some("1h".into()),
                ..input("above", "5")
            }),
            "within"
        );
        assert_eq!(
            field(AlertInput {
                cooldown: Some("1m".into()),
                ..input("above", "5")
            }),
            "cooldown"
        );
        assert_eq!(
            field(AlertInput {
                expires: Some("tomorrow".into()),
                ..input("above", "5")
            }),
            "expires"
        );
    }
}
