//! A fake of the Telegram Bot API's `sendMessage` on the fake exchange's
//! port (`TELEGRAM_API_URL` = its base URL): records each message with the
//! token it came with, and answers 429 with `parameters.retry_after` on
//! demand, as the real API does when a bot sends too fast.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

/// One message the fake received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// The bot token in the URL.
    pub token: String,
    /// `chat_id` of the body.
    pub chat_id: String,
    /// `text` of the body.
    pub text: String,
}

#[derive(Debug, Default)]
struct Inner {
    messages: Vec<Message>,
    /// `retry_after` seconds of the next 429 answers.
    limits: VecDeque<u64>,
    /// Requests answered 429.
    limited: usize,
}

/// Shared state of the fake Bot API.
#[derive(Debug, Clone, Default)]
pub struct Telegram {
    inner: Arc<Mutex<Inner>>,
}

impl Telegram {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        match self.inner.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// The messages received so far, in order.
    pub fn messages(&self) -> Vec<Message> {
        self.lock().messages.clone()
    }

    /// The next request is answered 429 with this `retry_after`.
    pub fn push_rate_limit(&self, retry_after: u64) {
        self.lock().limits.push_back(retry_after);
    }

    /// How many requests were answered 429.
    pub fn limited(&self) -> usize {
        self.lock().limited
    }
}

async fn send_message(
    State(t): State<Telegram>,
    Path(bot): Path<String>,
    Json(body): Json<Value>,
) -> Response {
    let Some(token) = bot.strip_prefix("bot") else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    let mut inner = t.lock();
    if let Some(retry_after) = inner.limits.pop_front() {
        inner.limited += 1;
        let answer = json!({
            "ok": false,
            "error_code": 429,
            "description": format!("Too Many Requests: retry after {retry_after}"),
            "parameters": { "retry_after": retry_after },
        });
        return (StatusCode::TOO_MANY_REQUESTS, Json(answer)).into_response();
    }
    let chat_id = match &body["chat_id"] {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => {
            let answer = json!({
                "ok": false,
                "error_code": 400,
                "description": "Bad Request: chat_id is empty",
            });
            return (StatusCode::BAD_REQUEST, Json(answer)).into_response();
        }
    };
    let text = body["text"].as_str().unwrap_or_default().to_owned();
    inner.messages.push(Message {
        token: token.to_owned(),
        chat_id: chat_id.clone(),
        text: text.clone(),
    });
    let id = inner.messages.len();
    Json(json!({
        "ok": true,
        "result": { "message_id": id, "chat": { "id": chat_id }, "text": text },
    }))
    .into_response()
}

/// The routes of the fake Bot API and its `/_control/telegram/...`.
pub fn router(t: Telegram) -> Router {
    Router::new()
        .route("/{bot}/sendMessage", post(send_message))
        .route(
            "/_control/telegram/messages",
            get(|State(t): State<Telegram>| async move { Json(t.messages()) }),
        )
        .route(
            "/_control/telegram/rate-limit",
            post(
                |State(t): State<Telegram>, Query(q): Query<HashMap<String, u64>>| async move {
                    t.push_rate_limit(q.get("retry_after").copied().unwrap_or(1));
                    StatusCode::NO_CONTENT
                },
            ),
        )
        .with_state(t)
}
