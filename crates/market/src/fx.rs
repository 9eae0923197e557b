//! FX rates for USD, EUR and CZK.
//!
//! - Latest rates from ExchangeRate-API (`CURRENCY_API_URL`): both the v4
//!   shape `{base, date, rates}` and the v6 shape `{result, base_code,
//!   rates}`; `result` is checked before `rates` is read, since errors may
//!   come with HTTP 200.
//! - Rates of a past date from Frankfurter v1 (`CURRENCY_HISTORY_URL`):
//!   `GET {url}/{YYYY-MM-DD}?from=USD&to=EUR,CZK`, whose `date` is the last
//!   working day at or before the one asked.
//!
//! Rates are read from the JSON number's own text into [`Decimal`], never
//! through `f64`. No storage, no caching.

use chrono::{DateTime, NaiveDate, Utc};
use cryptodesk_core::fx::FxRates;
use cryptodesk_core::money::round_money;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::time::Duration;
use tracing::instrument;

/// The default latest-rates endpoint (the old system's).
pub const DEFAULT_LATEST_URL: &str = "https://api.exchangerate-api.com/v4/latest/USD";
/// The default history endpoint.
pub const DEFAULT_HISTORY_URL: &str = "https://api.frankfurter.dev/v1";

/// What went wrong getting rates.
#[derive(Debug, thiserror::Error)]
pub enum FxError {
    /// The configured URL cannot be used.
    #[error("invalid rate service URL {url:?}: {reason}")]
    BadUrl {
        /// The URL.
        url: String,
        /// Why.
        reason: String,
    },
    /// Too many requests (HTTP 429).
    #[error("the rate service limits requests (HTTP 429); try again later")]
    RateLimited,
    /// The service answered with an error status.
    #[error("the rate service answered HTTP {status}: {message}")]
    Http {
        /// HTTP status.
        status: u16,
        /// Its message.
        message: String,
    },
    /// The service said `result: error`.
    #[error("the rate service refused: {0}")]
    Refused(String),
    /// The answer was not what the API promises.
    #[error("malformed answer from the rate service: {0}")]
    Malformed(String),
    /// The service could not be reached or did not answer in time.
    #[error("rate service unreachable: {0}")]
    Transport(#[from] reqwest::Error),
}

/// Rates as a rate service answered them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// The date they are valid for.
    pub date: NaiveDate,
    /// `R_EUR` and `R_CZK`.
    pub rates: FxRates,
}

#[derive(Deserialize)]
struct LatestBody {
    result: Option<String>,
    #[serde(rename = "error-type")]
    error_type: Option<String>,
    base: Option<String>,
    base_code: Option<String>,
    date: Option<NaiveDate>,
    time_last_update_unix: Option<i64>,
    time_last_updated: Option<i64>,
    rates: Option<HashMap<String, Box<RawValue>>>,
}

#[derive(Deserialize)]
struct HistoryBody {
    base: String,
    date: NaiveDate,
    rates: HashMap<String, Box<RawValue>>,
}

#[derive(Deserialize)]
struct MessageBody {
    message: Option<String>,
}

/// A JSON number's text as a decimal (`0.86192`, `20`, `1.2e-3`).
fn number(rates: &HashMap<String, Box<RawValue>>, code: &str) -> Result<Decimal, FxError> {
    let raw = rates
        .get(code)
        .ok_or_else(|| FxError::Malformed(format!("no {code} rate")))?
        .get();
    let value = Decimal::from_str_exact(raw)
        .or_else(|_| Decimal::from_scientific(raw))
        .map_err(|_| FxError::Malformed(format!("{code} rate {raw:?} is not a number")))?;
    if value <= Decimal::ZERO {
        return Err(FxError::Malformed(format!("{code} rate {raw} is not > 0")));
    }
    Ok(round_money(value))
}

fn rates_of(rates: &HashMap<String, Box<RawValue>>) -> Result<FxRates, FxError> {
    Ok(FxRates {
        eur: number(rates, "EUR")?,
        czk: number(rates, "CZK")?,
    })
}

fn check_url(url: &str) -> Result<String, FxError> {
    let parsed = url::Url::parse(url.trim()).map_err(|e| FxError::BadUrl {
        url: url.into(),
        reason: e.to_string(),
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(FxError::BadUrl {
            url: url.into(),
            reason: "must be http:// or https://".into(),
        });
    }
    Ok(url.trim().trim_end_matches('/').to_owned())
}

/// Client of the two rate services.
#[derive(Debug, Clone)]
pub struct FxClient {
    http: reqwest::Client,
    latest_url: String,
    history_url: String,
}

impl FxClient {
    /// A client of `latest_url` (the full URL of USD's latest rates) and
    /// `history_url` (the base a date is appended to).
    pub fn new(latest_url: &str, history_url: &str, timeout: Duration) -> Result<Self, FxError> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(5)))
            .user_agent(concat!("cryptodesk/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self {
            http,
            latest_url: check_url(latest_url)?,
            history_url: check_url(history_url)?,
        })
    }

    async fn get(&self, url: &str) -> Result<String, FxError> {
        let resp = self.http.get(url).send().await?;
        let status = resp.status();
        let body = resp.text().await?;
        if status.as_u16() == 429 {
            return Err(FxError::RateLimited);
        }
        if !status.is_success() {
            let message = serde_json::from_str::<MessageBody>(&body)
                .ok()
                .and_then(|m| m.message)
                .unwrap_or_else(|| body.chars().take(200).collect());
            return Err(FxError::Http {
                status: status.as_u16(),
                message,
            });
        }
        Ok(body)
    }

    /// Today's `R_EUR` and `R_CZK`, with the date the service says they
    /// are valid for.
    #[instrument(skip(self), err(level = "debug"))]
    pub async fn latest(&self) -> Result<Quote, FxError> {
        let body = self.get(&self.latest_url).await?;
        let b: LatestBody =
            serde_json::from_str(&body).map_err(|e| FxError::Malformed(e.to_string()))?;
        if let Some(result) = b.result.as_deref() {
            if result != "success" {
                return Err(FxError::Refused(
                    b.error_type.unwrap_or_else(|| result.to_owned()),
                ));
            }
        }
        let base = b.base_code.or(b.base).unwrap_or_default();
        if base != "USD" {
            return Err(FxError::Malformed(format!(
                "rates are based on {base:?}, not USD"
            )));
        }
        let rates = b
            .rates
            .ok_or_else(|| FxError::Malformed("no rates".into()))?;
        let stamp = b.time_last_update_unix.or(b.time_last_updated);
        let date = b
            .date
            .or_else(|| {
                stamp
                    .and_then(|s| DateTime::from_timestamp(s, 0))
                    .map(|t| t.date_naive())
            })
            .unwrap_or_else(|| Utc::now().date_naive());
        Ok(Quote {
            date,
            rates: rates_of(&rates)?,
        })
    }

    /// The rates valid on `date`: the service's answer for the last working
    /// day at or before it.
    #[instrument(skip(self), err(level = "debug"))]
    pub async fn on_date(&self, date: NaiveDate) -> Result<Quote, FxError> {
        let url = format!("{}/{date}?from=USD&to=EUR,CZK", self.history_url);
        let body = self.get(&url).await?;
        let b: HistoryBody =
            serde_json::from_str(&body).map_err(|e| FxError::Malformed(e.to_string()))?;
        if b.base != "USD" {
            return Err(FxError::Malformed(format!(
                "rates are based on {:?}, not USD",
                b.base
            )));
        }
        Ok(Quote {
            date: b.date,
            rates: rates_of(&b.rates)?,
        })
    }
}
