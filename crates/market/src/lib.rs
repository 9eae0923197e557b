//! Market data from the Binance spot REST API.
//!
//! One [`BinanceClient`] per app: it sends one batched `ticker/price` request
//! per poll, checks symbols against `exchangeInfo`, honours `Retry-After` on
//! 429 and stops asking while an IP ban (418) lasts, and reports the used
//! request weight. Prices are parsed from the exchange's decimal strings
//! straight into [`Decimal`]. No storage, no caching, no Tauri.

pub mod fx;
pub mod klines;

pub use klines::{Interval, Kline};

use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tracing::instrument;
use url::Url;

/// The default REST base, as the old `.env.example` had it.
pub const DEFAULT_API_URL: &str = "https://api.binance.com/api/v3";

/// Binance's public market-data host, served where the main API is not
/// (the fix a restricted-location answer names).
pub const MARKET_DATA_HOST: &str = "https://data-api.binance.vision";

/// What went wrong getting market data.
#[derive(Debug, thiserror::Error)]
pub enum MarketError {
    /// The configured base URL cannot be used.
    #[error("invalid exchange URL {url:?}: {reason}")]
    BadUrl {
        /// The URL.
        url: String,
        /// Why.
        reason: String,
    },
    /// The exchange does not list these pairs.
    #[error("unknown symbol(s) on the exchange: {}", .0.join(", "))]
    UnknownSymbols(Vec<String>),
    /// The pair is listed but not trading (delisted or halted).
    #[error("{symbol} is not trading on the exchange (status {status})")]
    NotTrading {
        /// The pair.
        symbol: String,
        /// Its status.
        status: String,
    },
    /// Too many requests: wait before asking again.
    #[error("exchange rate limit hit; retry in {}s", .retry_after.as_secs())]
    RateLimited {
        /// How long to wait.
        retry_after: Duration,
    },
    /// The exchange banned this IP for a while (HTTP 418).
    #[error("exchange banned this IP for {}s after too many requests", .retry_after.as_secs())]
    Banned {
        /// How long the ban lasts.
        retry_after: Duration,
    },
    /// The exchange refuses requests from this location (HTTP 451); its
    /// public market-data host serves them.
    #[error(
        "the exchange refuses requests from this location (HTTP 451): \
         set BINANCE_API_URL to the public market-data host {MARKET_DATA_HOST}"
    )]
    Restricted,
    /// Any other error answer.
    #[error("exchange answered HTTP {status} (code {code}): {msg}")]
    Http {
        /// HTTP status.
        status: u16,
        /// Binance error code (0 if none).
        code: i64,
        /// Its message.
        msg: String,
    },
    /// The answer was not what the API promises.
    #[error("malformed answer from the exchange: {0}")]
    Malformed(String),
    /// The exchange could not be reached or did not answer in time.
    #[error("exchange unreachable: {0}")]
    Transport(#[from] reqwest::Error),
}

impl MarketError {
    /// Whether retrying later can help (network trouble, 5xx, rate limits).
    pub fn is_transient(&self) -> bool {
        match self {
            MarketError::Transport(_)
            | MarketError::Malformed(_)
            | MarketError::RateLimited { .. } => true,
            MarketError::Http { status, .. } => *status >= 500,
            _ => false,
        }
    }
}

#[derive(Deserialize)]
struct ApiError {
    code: i64,
    msg: String,
}

#[derive(Deserialize)]
struct TickerPrice {
    symbol: String,
    price: String,
}

#[derive(Deserialize)]
struct ExchangeInfo {
    symbols: Vec<SymbolInfo>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SymbolInfo {
    symbol: String,
    status: String,
    #[serde(default)]
    base_asset: String,
    #[serde(default)]
    quote_asset: String,
}

/// A pair the exchange lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedPair {
    /// The pair (`BTCUSDT`).
    pub pair: String,
    /// Its base asset (`BTC`).
    pub base: String,
    /// Its quote asset (`USDT`).
    pub quote: String,
    /// Trading status (`TRADING`, `BREAK`, ...).
    pub status: String,
}

#[derive(Debug, Default)]
struct Limits {
    blocked_until: Option<(Instant, bool)>,
    used_weight: Option<u64>,
}

/// Client of the Binance spot REST market-data API.
#[derive(Debug)]
pub struct BinanceClient {
    http: reqwest::Client,
    base: Url,
    limits: Mutex<Limits>,
}

/// Normalises a base URL so that both `https://host` and
/// `https://host/api/v3` work; the result ends with `/api/v3/`.
pub fn normalize_base(url: &str) -> Result<Url, MarketError> {
    let bad = |reason: &str| MarketError::BadUrl {
        url: url.to_owned(),
        reason: reason.to_owned(),
    };
    let mut u = Url::parse(url.trim()).map_err(|e| bad(&e.to_string()))?;
    if !matches!(u.scheme(), "http" | "https") {
        return Err(bad("scheme must be http or https"));
    }
    let path = u.path().trim_end_matches('/').to_owned();
    let path = if path.ends_with("/api/v3") {
        format!("{path}/")
    } else {
        format!("{path}/api/v3/")
    };
    u.set_path(&path);
    Ok(u)
}

impl BinanceClient {
    /// A client for `base_url` with a per-request `timeout`.
    pub fn new(base_url: &str, timeout: Duration) -> Result<Self, MarketError> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(5)))
            .user_agent(concat!("cryptodesk/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self {
            http,
            base: normalize_base(base_url)?,
            limits: Mutex::new(Limits::default()),
        })
    }

    /// The normalised base URL.
    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// Request weight used in the current minute, as last reported.
    pub fn used_weight(&self) -> Option<u64> {
        self.limits.lock().ok().and_then(|l| l.used_weight)
    }

    fn check_blocked(&self) -> Result<(), MarketError> {
        let mut l = self
            .limits
            .lock()
            .map_err(|_| MarketError::Malformed("poisoned limiter".into()))?;
        if let Some((until, banned)) = l.blocked_until {
            let now = Instant::now();
            if now < until {
                let retry_after = until - now;
                return Err(if banned {
                    MarketError::Banned { retry_after }
                } else {
                    MarketError::RateLimited { retry_after }
                });
            }
            l.blocked_until = None;
        }
        Ok(())
    }

    async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<String, MarketError> {
        self.check_blocked()?;
        let url = self.base.join(path).map_err(|e| MarketError::BadUrl {
            url: self.base.to_string(),
            reason: e.to_string(),
        })?;
        let resp = self.http.get(url).query(query).send().await?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let weight = headers
            .get("x-mbx-used-weight-1m")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok());
        let retry_after = headers
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let body = resp.text().await?;
        if let Ok(mut l) = self.limits.lock() {
            if weight.is_some() {
                l.used_weight = weight;
            }
            if status.as_u16() == 429 || status.as_u16() == 418 {
                let banned = status.as_u16() == 418;
                // Without Retry-After, wait a minute (the weight window); a
                // huge value is taken as a day.
                let wait = retry_after
                    .unwrap_or(Duration::from_secs(60))
                    .min(Duration::from_secs(86_400));
                l.blocked_until = Some((Instant::now() + wait, banned));
            }
        }
        match status.as_u16() {
            200..=299 => Ok(body),
            429 => Err(MarketError::RateLimited {
                retry_after: retry_after.unwrap_or(Duration::from_secs(60)),
            }),
            418 => Err(MarketError::Banned {
                retry_after: retry_after.unwrap_or(Duration::from_secs(60)),
            }),
            451 => Err(MarketError::Restricted),
            s => {
                let (code, msg) = serde_json::from_str::<ApiError>(&body)
                    .map(|e| (e.code, e.msg))
                    .unwrap_or_else(|_| (0, body.chars().take(200).collect()));
                Err(MarketError::Http {
                    status: s,
                    code,
                    msg,
                })
            }
        }
    }

    /// Latest prices of `pairs` (`BTCUSDT`, ...) in ONE request.
    ///
    /// If the exchange refuses the batch because a pair is unknown (-1121),
    /// the prices come from one request for all pairs instead, and the unknown
    /// ones are reported in the second element, so one bad symbol never
    /// blocks the others.
    #[instrument(skip(self), err(level = "debug"))]
    pub async fn prices(
        &self,
        pairs: &[String],
    ) -> Result<(HashMap<String, Decimal>, Vec<String>), MarketError> {
        if pairs.is_empty() {
            return Ok((HashMap::new(), Vec::new()));
        }
        let list =
            serde_json::to_string(pairs).map_err(|e| MarketError::Malformed(e.to_string()))?;
        match self.get("ticker/price", &[("symbols", list)]).await {
            Ok(body) => Ok((parse_prices(&body)?, Vec::new())),
            Err(MarketError::Http { code: -1121, .. }) => {
                tracing::warn!("batch refused for an unknown symbol; asking for all prices");
                let body = self.get("ticker/price", &[]).await?;
                let mut all = parse_prices(&body)?;
                let unknown: Vec<String> = pairs
                    .iter()
                    .filter(|p| !all.contains_key(*p))
                    .cloned()
                    .collect();
                all.retain(|k, _| pairs.contains(k));
                Ok((all, unknown))
            }
            Err(e) => Err(e),
        }
    }

    /// The open price of each pair's rolling 24 h window (`ticker/24hr`,
    /// `MINI`), in ONE request (weight 2 for up to 20 pairs).
    #[instrument(skip(self), err(level = "debug"))]
    pub async fn day_opens(
        &self,
        pairs: &[String],
    ) -> Result<HashMap<String, Decimal>, MarketError> {
        if pairs.is_empty() {
            return Ok(HashMap::new());
        }
        let list =
            serde_json::to_string(pairs).map_err(|e| MarketError::Malformed(e.to_string()))?;
        let body = self
            .get(
                "ticker/24hr",
                &[("symbols", list), ("type", "MINI".to_owned())],
            )
            .await?;
        let rows: Vec<Ticker24h> =
            serde_json::from_str(&body).map_err(|e| MarketError::Malformed(e.to_string()))?;
        rows.into_iter()
            .map(|r| {
                let open = Decimal::from_str(&r.open_price).map_err(|_| {
                    MarketError::Malformed(format!("openPrice {:?} of {}", r.open_price, r.symbol))
                })?;
                Ok((r.symbol, open.normalize()))
            })
            .collect()
    }

    /// Every pair the exchange lists (one `exchangeInfo` call, weight 20).
    #[instrument(skip(self), err(level = "debug"))]
    pub async fn listed_pairs(&self) -> Result<Vec<ListedPair>, MarketError> {
        let body = self.get("exchangeInfo", &[]).await?;
        let info: ExchangeInfo =
            serde_json::from_str(&body).map_err(|e| MarketError::Malformed(e.to_string()))?;
        Ok(info
            .symbols
            .into_iter()
            .map(|s| ListedPair {
                pair: s.symbol,
                base: s.base_asset,
                quote: s.quote_asset,
                status: s.status,
            })
            .collect())
    }

    /// Checks that `pair` is listed and trading.
    #[instrument(skip(self), err(level = "debug"))]
    pub async fn check_symbol(&self, pair: &str) -> Result<(), MarketError> {
        let body = match self
            .get("exchangeInfo", &[("symbol", pair.to_owned())])
            .await
        {
            Err(MarketError::Http {
                code: -1121 | -1100,
                ..
            }) => return Err(MarketError::UnknownSymbols(vec![pair.to_owned()])),
            other => other?,
        };
        let info: ExchangeInfo =
            serde_json::from_str(&body).map_err(|e| MarketError::Malformed(e.to_string()))?;
        match info.symbols.iter().find(|s| s.symbol == pair) {
            None => Err(MarketError::UnknownSymbols(vec![pair.to_owned()])),
            Some(s) if s.status != "TRADING" => Err(MarketError::NotTrading {
                symbol: pair.to_owned(),
                status: s.status.clone(),
            }),
            Some(_) => Ok(()),
        }
    }
}

/// The part of a `ticker/24hr` row the app reads.
#[derive(serde::Deserialize)]
struct Ticker24h {
    symbol: String,
    #[serde(rename = "openPrice")]
    open_price: String,
}

fn parse_prices(body: &str) -> Result<HashMap<String, Decimal>, MarketError> {
    let rows: Vec<TickerPrice> =
        serde_json::from_str(body).map_err(|e| MarketError::Malformed(e.to_string()))?;
    rows.into_iter()
        .map(|r| {
            let p = Decimal::from_str(&r.price).map_err(|_| {
                MarketError::Malformed(format!("price {:?} of {}", r.price, r.symbol))
            })?;
            Ok((r.symbol, p.normalize()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_with_or_without_api_v3() {
        for (given, want) in [
            (
                "https://api.binance.com/api/v3",
                "https://api.binance.com/api/v3/",
            ),
            (
                "https://api.binance.com/api/v3/",
                "https://api.binance.com/api/v3/",
            ),
            ("https://api.binance.com", "https://api.binance.com/api/v3/"),
            ("http://127.0.0.1:9000/", "http://127.0.0.1:9000/api/v3/"),
        ] {
            assert_eq!(normalize_base(given).unwrap().as_str(), want);
        }
        assert!(normalize_base("ftp://x").is_err());
        assert!(normalize_base("not a url").is_err());
    }
}
