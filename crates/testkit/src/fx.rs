//! A fake of the two FX rate services on the fake exchange's port:
//! ExchangeRate-API's latest rates (`/v4/latest/USD`, `/v6/latest/USD`, the
//! payloads of the contract's samples with the test's EUR and CZK rates) and
//! Frankfurter v1 (`/v1/{date}?from=USD&to=EUR,CZK`, answering the last date
//! at or before the one asked, 404 before the first). Faults on demand: 429,
//! `{"result":"error"}` and the service being away.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::str::FromStr;
use std::sync::{Arc, Mutex};

const V4: &str = include_str!("../samples/fx_er_api_v4_latest_USD.json");
const V6: &str = include_str!("../samples/fx_er_api_v6_latest_USD.json");
const REFUSED: &str = include_str!("../samples/fx_er_api_error_unsupported_code.json");
const NOT_FOUND: &str = include_str!("../samples/fx_frankfurter_error_404.json");

/// A failure the next FX request gets instead of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FxFault {
    /// HTTP 429.
    TooManyRequests,
    /// HTTP 200 with `{"result":"error","error-type":"unsupported-code"}`.
    ResultError,
    /// HTTP 500.
    Server,
}

#[derive(Debug)]
struct Inner {
    /// Date, `R_EUR`, `R_CZK` of the latest rates (decimal text).
    latest: (String, String, String),
    /// Published dates → (`R_EUR`, `R_CZK`).
    history: BTreeMap<String, (String, String)>,
    faults: VecDeque<FxFault>,
    down: bool,
    requests: Vec<String>,
}

/// Shared state of the fake rate services. Until a test publishes its own,
/// one publication dated 2009-01-02 (the sample's rates) answers every date.
#[derive(Debug, Clone)]
pub struct Fx {
    inner: Arc<Mutex<Inner>>,
}

impl Default for Fx {
    fn default() -> Self {
        Fx {
            inner: Arc::new(Mutex::new(Inner {
                latest: ("2026-11-22".into(), "0.862".into(), "20.94".into()),
                // One publication, so every date since answers.
                history: BTreeMap::from([(
                    "2009-01-02".to_owned(),
                    ("0.86192".to_owned(), "20.932".to_owned()),
                )]),
                faults: VecDeque::new(),
                down: false,
                requests: Vec::new(),
            })),
        }
    }
}

impl Fx {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sets the latest rates and the date they are valid for.
    pub fn set_latest(&self, date: &str, eur: &str, czk: &str) {
        self.lock().latest = (date.into(), eur.into(), czk.into());
    }

    /// Publishes the rates of `date` (`YYYY-MM-DD`).
    pub fn set_history(&self, date: &str, eur: &str, czk: &str) {
        self.lock()
            .history
            .insert(date.into(), (eur.into(), czk.into()));
    }

    /// Forgets every publication (dates then answer 404 until published).
    pub fn clear_history(&self) {
        self.lock().history.clear();
    }

    /// Queues a fault for the next request.
    pub fn push_fault(&self, fault: FxFault) {
        self.lock().faults.push_back(fault);
    }

    /// While `down`, every request gets HTTP 503.
    pub fn set_down(&self, down: bool) {
        self.lock().down = down;
    }

    /// The paths asked so far.
    pub fn requests(&self) -> Vec<String> {
        self.lock().requests.clone()
    }

    /// Records the request; answers a pending fault or the outage instead.
    fn intercept(&self, path: String) -> Option<Response> {
        let mut g = self.lock();
        g.requests.push(path);
        if g.down {
            return Some(error(
                StatusCode::SERVICE_UNAVAILABLE,
                r#"{"message":"down"}"#,
            ));
        }
        match g.faults.pop_front()? {
            FxFault::TooManyRequests => Some(error(StatusCode::TOO_MANY_REQUESTS, "")),
            FxFault::ResultError => Some(error(StatusCode::OK, REFUSED)),
            FxFault::Server => Some(error(StatusCode::INTERNAL_SERVER_ERROR, "oops")),
        }
    }
}

fn error(status: StatusCode, body: &str) -> Response {
    (
        status,
        [("content-type", "application/json")],
        body.to_owned(),
    )
        .into_response()
}

fn num(text: &str) -> Value {
    serde_json::Number::from_str(text)
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

fn latest(fx: &Fx, sample: &str, v6: bool) -> Response {
    let (date, eur, czk) = fx.lock().latest.clone();
    let mut body: Value = serde_json::from_str(sample).unwrap_or_else(|_| json!({}));
    body["rates"]["EUR"] = num(&eur);
    body["rates"]["CZK"] = num(&czk);
    let stamp = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 2, 31))
        .map(|t| t.and_utc().timestamp())
        .unwrap_or_default();
    if v6 {
        body["time_last_update_unix"] = json!(stamp);
    } else {
        body["date"] = json!(date);
        body["time_last_updated"] = json!(stamp);
    }
    error(StatusCode::OK, &body.to_string())
}

async fn latest_v4(State(fx): State<Fx>) -> Response {
    fx.intercept("/v4/latest/USD".into())
        .unwrap_or_else(|| latest(&fx, V4, false))
}

async fn latest_v6(State(fx): State<Fx>) -> Response {
    fx.intercept("/v6/latest/USD".into())
        .unwrap_or_else(|| latest(&fx, V6, true))
}

async fn history(
    State(fx): State<Fx>,
    Path(date): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Some(r) = fx.intercept(format!("/v1/{date}")) {
        return r;
    }
    if chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").is_err() {
        return error(StatusCode::NOT_FOUND, NOT_FOUND);
    }
    let from = q.get("from").or(q.get("base")).map(String::as_str);
    let to = q
        .get("to")
        .or(q.get("symbols"))
        .cloned()
        .unwrap_or_default();
    if from != Some("USD") || !to.contains("EUR") || !to.contains("CZK") {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            r#"{"message":"bad currency pair"}"#,
        );
    }
    let g = fx.lock();
    let Some((day, (eur, czk))) = g.history.range(..=date).next_back() else {
        return error(StatusCode::NOT_FOUND, NOT_FOUND);
    };
    let body = json!({"amount": 1.0, "base": "USD", "date": day, "rates": {"CZK": num(czk), "EUR": num(eur)}});
    error(StatusCode::OK, &body.to_string())
}

async fn control_rates(State(fx): State<Fx>, Query(q): Query<HashMap<String, String>>) -> Response {
    let (Some(eur), Some(czk)) = (q.get("eur"), q.get("czk")) else {
        return (StatusCode::BAD_REQUEST, "need eur and czk").into_response();
    };
    match (q.get("kind").map(String::as_str), q.get("date")) {
        (Some("history"), Some(date)) => fx.set_history(date, eur, czk),
        (Some("latest"), Some(date)) => fx.set_latest(date, eur, czk),
        _ => return (StatusCode::BAD_REQUEST, "need kind=latest|history and date").into_response(),
    }
    StatusCode::NO_CONTENT.into_response()
}

async fn control_fault(State(fx): State<Fx>, Query(q): Query<HashMap<String, String>>) -> Response {
    match q.get("kind").map(String::as_str) {
        Some("429") => fx.push_fault(FxFault::TooManyRequests),
        Some("error") => fx.push_fault(FxFault::ResultError),
        Some("500") => fx.push_fault(FxFault::Server),
        Some("down") => fx.set_down(true),
        Some("up") => fx.set_down(false),
        _ => {
            return (
                StatusCode::BAD_REQUEST,
                "kind must be 429, error, 500, down or up",
            )
                .into_response()
        }
    }
    StatusCode::NO_CONTENT.into_response()
}

/// The routes of the fake rate services and their `/_control/fx/...`.
pub fn router(fx: Fx) -> Router {
    Router::new()
        .route("/v4/latest/USD", get(latest_v4))
        .route("/v6/latest/USD", get(latest_v6))
        .route("/v1/{date}", get(history))
        .route("/_control/fx/rates", post(control_rates))
        .route("/_control/fx/fault", post(control_fault))
        .route(
            "/_control/fx/requests",
            get(|State(fx): State<Fx>| async move {
                error(StatusCode::OK, &json!(fx.requests()).to_string())
            }),
        )
        .with_state(fx)
}
