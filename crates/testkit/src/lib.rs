//! A fake Binance spot exchange for tests.
//!
//! It serves the real API shapes (payloads copied from the contract's
//! samples in `samples/`) on 127.0.0.1 with prices the test sets, counts
//! requests, and injects faults on demand: 429 with `Retry-After`, 418, 5xx,
//! malformed bodies and slow answers. Tests drive it through [`FakeExchange`]
//! in-process, or over HTTP through `/_control/...` when it runs as the
//! `fake-exchange` binary. [`fx`] fakes the two FX rate services on the
//! same port. [`notifications`] is a fake desktop notification
//! server on a private D-Bus. Never used by the app itself.

pub mod fx;
mod klines;
pub mod notifications;
pub mod telegram;

pub use klines::interval_ms;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const EXCHANGE_INFO: &str = include_str!("../samples/exchange_info.json");
const TICKER_ALL: &str = include_str!("../samples/ticker_price_all.json");
const TICKER_24HR_BATCH: &str = include_str!("../samples/ticker_24hr_batch.json");
const TICKER_24HR_SOL_MINI: &str = include_str!("../samples/ticker_24hr_SOLUSDT_mini.json");
const INVALID_SYMBOL: &str = include_str!("../samples/error_invalid_symbol.json");
const ILLEGAL_CHARS: &str = include_str!("../samples/error_illegal_chars.json");
const MANDATORY: &str = include_str!("../samples/error_mandatory_param.json");
const TOO_MANY: &str = include_str!("../samples/error_too_many_requests_429.json");
const BANNED: &str = include_str!("../samples/error_ip_banned_418.json");
const RESTRICTED: &str = include_str!("../samples/error_geo_restricted_451.json");

/// A failure the next request(s) will get instead of an answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// 429 with `Retry-After` seconds and the -1003 body.
    TooManyRequests(u64),
    /// 418 IP ban with `Retry-After` seconds.
    Banned(u64),
    /// A 5xx status with a -1001 body.
    Server(u16),
    /// 451: the exchange refuses the caller's location.
    Restricted,
    /// 200 with a body that is not JSON.
    Malformed,
    /// Answer normally after this delay.
    Slow(Duration),
}

#[derive(Debug, Default)]
struct Inner {
    /// Pair (`BTCUSDT`) → (price text, status).
    pairs: BTreeMap<String, (String, String)>,
    /// Pair → the open of its rolling 24 h window (price text).
    opens: BTreeMap<String, String>,
    /// Candles served by `klines`.
    klines: klines::Series,
    faults: VecDeque<Fault>,
    requests: Vec<String>,
    weight: u64,
}

/// Shared state of a running fake exchange.
#[derive(Debug, Clone, Default)]
pub struct Exchange {
    inner: Arc<Mutex<Inner>>,
}

impl Exchange {
    /// A fake listing the sample symbols at their sample prices.
    pub fn with_samples() -> Self {
        let ex = Exchange::default();
        let info: Value = serde_json::from_str(EXCHANGE_INFO).unwrap_or_default();
        let prices: Vec<Value> = serde_json::from_str(TICKER_ALL).unwrap_or_default();
        let status: HashMap<String, String> = info["symbols"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| {
                (
                    s["symbol"].as_str().unwrap_or_default().to_owned(),
                    s["status"].as_str().unwrap_or("TRADING").to_owned(),
                )
            })
            .collect();
        let mut opens: BTreeMap<String, String> = BTreeMap::new();
        let batch: Vec<Value> = serde_json::from_str(TICKER_24HR_BATCH).unwrap_or_default();
        let sol: Value = serde_json::from_str(TICKER_24HR_SOL_MINI).unwrap_or_default();
        for row in batch.iter().chain(std::iter::once(&sol)) {
            if let (Some(s), Some(o)) = (row["symbol"].as_str(), row["openPrice"].as_str()) {
                opens.insert(s.to_owned(), o.to_owned());
            }
        }
        if let Ok(mut g) = ex.inner.lock() {
            g.opens = opens;
            for p in prices {
                let sym = p["symbol"].as_str().unwrap_or_default().to_owned();
                let st = status
                    .get(&sym)
                    .cloned()
                    .unwrap_or_else(|| "TRADING".into());
                g.pairs
                    .insert(sym, (p["price"].as_str().unwrap_or("0").to_owned(), st));
            }
        }
        ex
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Lists `pair` (e.g. `BTCUSDT`) as TRADING at `price` (decimal text).
    pub fn set_price(&self, pair: &str, price: &str) {
        let mut g = self.lock();
        let status = g
            .pairs
            .get(pair)
            .map(|p| p.1.clone())
            .unwrap_or_else(|| "TRADING".into());
        g.pairs.insert(pair.to_owned(), (price.to_owned(), status));
        // A new pair opened its 24 h window at this price.
        g.opens
            .entry(pair.to_owned())
            .or_insert_with(|| price.to_owned());
    }

    /// Sets a pair's status (`TRADING`, `BREAK`, ...).
    pub fn set_status(&self, pair: &str, status: &str) {
        if let Some(p) = self.lock().pairs.get_mut(pair) {
            p.1 = status.to_owned();
        }
    }

    /// Queues a fault for the next request.
    pub fn push_fault(&self, fault: Fault) {
        self.lock().faults.push_back(fault);
    }

    /// Paths with query of every request served so far.
    pub fn requests(&self) -> Vec<String> {
        self.lock().requests.clone()
    }

    /// Forgets the request log.
    pub fn clear_requests(&self) {
        self.lock().requests.clear();
    }
}

/// A fake exchange listening on 127.0.0.1, with the fake FX rate services
/// on the same port; stops when dropped.
pub struct FakeExchange {
    /// Its state, to set prices and faults.
    pub exchange: Exchange,
    /// The rate services' state, to set rates and faults.
    pub fx: fx::Fx,
    /// The Bot API's state: the messages it received, 429s on demand.
    pub telegram: telegram::Telegram,
    addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl FakeExchange {
    /// Starts one with the sample symbols on a free port.
    pub async fn start() -> std::io::Result<Self> {
        Self::start_on(
            "127.0.0.1:0".parse().map_err(std::io::Error::other)?,
            Exchange::with_samples(),
        )
        .await
    }

    /// Starts one on `addr` with `exchange` state.
    pub async fn start_on(addr: SocketAddr, exchange: Exchange) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let fx = fx::Fx::default();
        let telegram = telegram::Telegram::default();
        let app = router(exchange.clone())
            .merge(fx::router(fx.clone()))
            .merge(telegram::router(telegram.clone()));
        let task = tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                tracing::error!(error = %e, "fake exchange stopped");
            }
        });
        Ok(Self {
            exchange,
            fx,
            telegram,
            addr,
            task,
        })
    }

    /// Base URL including `/api/v3`, as `BINANCE_API_URL` takes it.
    pub fn api_url(&self) -> String {
        format!("http://{}/api/v3", self.addr)
    }

    /// Base URL without `/api/v3`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `CURRENCY_API_URL` of the fake latest rates (the v4 shape).
    pub fn fx_latest_url(&self) -> String {
        format!("http://{}/v4/latest/USD", self.addr)
    }

    /// `TELEGRAM_API_URL` of the fake Bot API.
    pub fn telegram_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `CURRENCY_HISTORY_URL` of the fake history rates.
    pub fn fx_history_url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }
}

impl Drop for FakeExchange {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The HTTP routes of the fake.
pub fn router(exchange: Exchange) -> Router {
    Router::new()
        .route("/api/v3/ping", get(|| async { json_ok(json!({}), 1) }))
        .route("/api/v3/time", get(time))
        .route("/api/v3/exchangeInfo", get(exchange_info))
        .route("/api/v3/ticker/price", get(ticker_price))
        .route("/api/v3/ticker/24hr", get(ticker_24hr))
        .route("/api/v3/klines", get(klines::klines))
        .route("/_control/price", post(control_price))
        .route("/_control/klines", post(control_klines))
        .route("/_control/fault", post(control_fault))
        .route("/_control/requests", get(control_requests))
        .layer(axum::middleware::from_fn_with_state(
            exchange.clone(),
            faults,
        ))
        .with_state(exchange)
}

fn weight_headers(weight: u64) -> HeaderMap {
    let mut h = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(&weight.to_string()) {
        h.insert("x-mbx-used-weight-1m", v.clone());
        h.insert("x-mbx-used-weight", v);
    }
    h
}

fn json_ok(body: Value, _weight: u64) -> Response {
    (
        StatusCode::OK,
        [("content-type", "application/json")],
        body.to_string(),
    )
        .into_response()
}

fn error(status: StatusCode, body: &str) -> Response {
    (
        status,
        [("content-type", "application/json")],
        body.to_owned(),
    )
        .into_response()
}

async fn faults(
    State(ex): State<Exchange>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.to_string())
        .unwrap_or_default();
    let control = path.starts_with("/_control");
    let (fault, weight) = {
        let mut g = ex.lock();
        if !control {
            g.requests.push(path.clone());
            g.weight += request_weight(&path);
        }
        let fault = if control { None } else { g.faults.pop_front() };
        (fault, g.weight)
    };
    let mut resp = match fault {
        None => next.run(req).await,
        Some(Fault::Slow(d)) => {
            tokio::time::sleep(d).await;
            next.run(req).await
        }
        Some(Fault::TooManyRequests(s)) => {
            let mut r = error(StatusCode::TOO_MANY_REQUESTS, TOO_MANY);
            r.headers_mut().insert("retry-after", HeaderValue::from(s));
            r
        }
        Some(Fault::Banned(s)) => {
            let mut r = error(StatusCode::IM_A_TEAPOT, BANNED);
            r.headers_mut().insert("retry-after", HeaderValue::from(s));
            r
        }
        Some(Fault::Server(code)) => error(
            StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            r#"{"code":-1001,"msg":"Internal error; unable to process your request. Please try again."}"#,
        ),
        Some(Fault::Restricted) => error(StatusCode::UNAVAILABLE_FOR_LEGAL_REASONS, RESTRICTED),
        Some(Fault::Malformed) => (StatusCode::OK, "<html>upstream hiccup").into_response(),
    };
    if !control {
        resp.headers_mut().extend(weight_headers(weight));
    }
    resp
}

fn request_weight(path: &str) -> u64 {
    if path.starts_with("/api/v3/exchangeInfo") {
        20
    } else if path.starts_with("/api/v3/ticker/24hr") {
        if path.contains("symbol") {
            2
        } else {
            80
        }
    } else if path.starts_with("/api/v3/klines") {
        2
    } else if path.starts_with("/api/v3/ticker/price") {
        if path.contains("symbol=") {
            2
        } else {
            4
        }
    } else {
        1
    }
}

async fn time() -> Response {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or_default();
    json_ok(json!({ "serverTime": ms }), 1)
}

/// Parses the `symbol` / `symbols` parameters the way Binance does.
/// A refused request: status and error body.
type Refusal = (StatusCode, &'static str);

fn requested(q: &HashMap<String, String>) -> Result<Option<Vec<String>>, Refusal> {
    let valid = |s: &str| {
        !s.is_empty()
            && s.len() <= 20
            && s.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "-_.".contains(c))
    };
    match (q.get("symbol"), q.get("symbols")) {
        (Some(_), Some(_)) => Err((
            StatusCode::BAD_REQUEST,
            r#"{"code":-1101,"msg":"Parameter 'symbol' and 'symbols' cannot be sent together."}"#,
        )),
        (Some(s), None) if valid(s) => Ok(Some(vec![s.clone()])),
        (Some(_), None) => Err((StatusCode::BAD_REQUEST, ILLEGAL_CHARS)),
        (None, Some(list)) => {
            let parsed: Vec<String> =
                serde_json::from_str(list).map_err(|_| (StatusCode::BAD_REQUEST, ILLEGAL_CHARS))?;
            if parsed.is_empty() {
                return Err((StatusCode::BAD_REQUEST, MANDATORY));
            }
            if !parsed.iter().all(|s| valid(s)) {
                return Err((StatusCode::BAD_REQUEST, ILLEGAL_CHARS));
            }
            let mut seen = std::collections::HashSet::new();
            if !parsed.iter().all(|s| seen.insert(s)) {
                return Err((
                    StatusCode::BAD_REQUEST,
                    r#"{"code":-1151,"msg":"Symbol is present multiple times in the list."}"#,
                ));
            }
            Ok(Some(parsed))
        }
        (None, None) => Ok(None),
    }
}

/// Answers a ticker endpoint the way Binance does: one `row` per named pair
/// (every pair when none is named); one unknown pair fails the request; a
/// `symbol` gets an object, a `symbols` list an array, in reverse order (the
/// exchange does not promise the request's). `weight` prices the request by
/// the number of pairs named (`None`: all).
fn ticker_answer(
    ex: &Exchange,
    q: &HashMap<String, String>,
    row: impl Fn(&Inner, &str) -> Value,
    weight: impl Fn(Option<usize>) -> u64,
) -> Response {
    let wanted = match requested(q) {
        Ok(w) => w,
        Err((status, body)) => return error(status, body),
    };
    let g = ex.lock();
    match wanted {
        None => json_ok(
            Value::Array(g.pairs.keys().map(|s| row(&g, s)).collect()),
            weight(None),
        ),
        Some(list) => {
            if list.iter().any(|s| !g.pairs.contains_key(s)) {
                return error(StatusCode::BAD_REQUEST, INVALID_SYMBOL);
            }
            if q.contains_key("symbol") {
                return json_ok(row(&g, &list[0]), weight(Some(1)));
            }
            json_ok(
                Value::Array(list.iter().rev().map(|s| row(&g, s)).collect()),
                weight(Some(list.len())),
            )
        }
    }
}

async fn ticker_price(
    State(ex): State<Exchange>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    ticker_answer(
        &ex,
        &q,
        |g, s| json!({ "symbol": s, "price": g.pairs[s].0 }),
        |n| if n == Some(1) { 2 } else { 4 },
    )
}

/// `ticker/24hr`: the rolling 24 h window of each pair (`type=MINI` or
/// `FULL`), with `priceChange = lastPrice − openPrice`.
async fn ticker_24hr(
    State(ex): State<Exchange>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let mini = q.get("type").is_some_and(|t| t == "MINI");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or_default();
    let row = |g: &Inner, s: &str| {
        let last = &g.pairs[s].0;
        let open = g.opens.get(s).unwrap_or(last);
        let mut r = json!({
            "symbol": s, "openPrice": open, "highPrice": last, "lowPrice": open,
            "lastPrice": last, "volume": "1000.00000000", "quoteVolume": "1000000.00000000",
            "openTime": now - 86_400_000, "closeTime": now,
            "firstId": 1, "lastId": 1000, "count": 1000,
        });
        if !mini {
            let change = match (
                rust_decimal::Decimal::from_str_exact(last),
                rust_decimal::Decimal::from_str_exact(open),
            ) {
                (Ok(l), Ok(o)) => (l - o).to_string(),
                _ => "0".to_owned(),
            };
            r["priceChange"] = json!(change);
        }
        r
    };
    ticker_answer(&ex, &q, row, |n| match n {
        Some(0..=20) => 2,
        Some(21..=100) => 40,
        _ => 80,
    })
}

async fn exchange_info(
    State(ex): State<Exchange>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let wanted = match requested(&q) {
        Ok(w) => w,
        Err((status, body)) => return error(status, body),
    };
    let mut info: Value = match serde_json::from_str(EXCHANGE_INFO) {
        Ok(v) => v,
        Err(_) => return error(StatusCode::INTERNAL_SERVER_ERROR, "{}"),
    };
    let template = info["symbols"]
        .as_array()
        .and_then(|a| a.iter().find(|s| s["symbol"] == "BTCUSDT").cloned())
        .unwrap_or_default();
    let g = ex.lock();
    let names: Vec<String> = match wanted {
        Some(list) => {
            if list.iter().any(|s| !g.pairs.contains_key(s)) {
                return error(StatusCode::BAD_REQUEST, INVALID_SYMBOL);
            }
            list
        }
        None => g.pairs.keys().cloned().collect(),
    };
    let symbols: Vec<Value> = names
        .iter()
        .map(|name| {
            let mut s = template.clone();
            s["symbol"] = json!(name);
            s["baseAsset"] = json!(name.trim_end_matches("USDT"));
            s["status"] = json!(g.pairs[name].1);
            s
        })
        .collect();
    info["symbols"] = Value::Array(symbols);
    json_ok(info, 20)
}

/// `POST /_control/klines?symbol=BTCUSDT&interval=1h&count=N`: `count`
/// deterministic candles ending with the one open now (see
/// [`Exchange::generate_klines`]); `start` (epoch ms, aligned) instead
/// places the first; `near=PRICE` generates them around that price.
async fn control_klines(
    State(ex): State<Exchange>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (Some(symbol), Some(interval), Some(count)) = (
        q.get("symbol"),
        q.get("interval"),
        q.get("count").and_then(|c| c.parse::<usize>().ok()),
    ) else {
        return (StatusCode::BAD_REQUEST, "need symbol, interval and count").into_response();
    };
    let Some(step) = klines::interval_ms(interval) else {
        return (StatusCode::BAD_REQUEST, "unknown interval").into_response();
    };
    let start = match q.get("start").map(|s| s.parse::<i64>()) {
        Some(Ok(ms)) => ms,
        Some(Err(_)) => return (StatusCode::BAD_REQUEST, "bad start").into_response(),
        None => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as i64);
            now - now.rem_euclid(step) - (count as i64 - 1) * step
        }
    };
    match q.get("near") {
        Some(price) => ex.generate_klines_near(symbol, interval, start, count, price),
        None => ex.generate_klines(symbol, interval, start, count),
    }
    StatusCode::NO_CONTENT.into_response()
}

async fn control_price(
    State(ex): State<Exchange>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    match (q.get("symbol"), q.get("price")) {
        (Some(s), Some(p)) => {
            ex.set_price(s, p);
            StatusCode::NO_CONTENT.into_response()
        }
        _ => (StatusCode::BAD_REQUEST, "need symbol and price").into_response(),
    }
}

async fn control_fault(
    State(ex): State<Exchange>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let n = |k: &str, d: u64| q.get(k).and_then(|v| v.parse().ok()).unwrap_or(d);
    let fault = match q.get("kind").map(String::as_str) {
        Some("429") => Fault::TooManyRequests(n("retry_after", 1)),
        Some("418") => Fault::Banned(n("retry_after", 120)),
        Some("500") => Fault::Server(500),
        Some("451") => Fault::Restricted,
        Some("malformed") => Fault::Malformed,
        Some("slow") => Fault::Slow(Duration::from_millis(n("ms", 1000))),
        _ => {
            return (
                StatusCode::BAD_REQUEST,
                "kind must be 429, 418, 451, 500, malformed or slow",
            )
                .into_response()
        }
    };
    ex.push_fault(fault);
    StatusCode::NO_CONTENT.into_response()
}

async fn control_requests(State(ex): State<Exchange>) -> Response {
    json_ok(json!(ex.requests()), 0)
}

/// Environment for a test that runs the real binary or app: `HOME`,
/// `XDG_CONFIG_HOME` and `XDG_DATA_HOME` inside `dir` (created here), so a
/// test never reads or writes the user's real config and data folders.
pub fn isolated_env(dir: &std::path::Path) -> Vec<(&'static str, std::path::PathBuf)> {
    let vars = [
        ("HOME", dir.join("home")),
        ("XDG_CONFIG_HOME", dir.join("config")),
        ("XDG_DATA_HOME", dir.join("data")),
    ];
    for (_, path) in &vars {
        if let Err(e) = std::fs::create_dir_all(path) {
            panic!("cannot create {}: {e}", path.display());
        }
    }
    vars.into()
}
