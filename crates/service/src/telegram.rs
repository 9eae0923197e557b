//! Telegram delivery: each fired alert as a message to the configured chat
//! through the Bot API's `sendMessage`. The bot token is part of the URL,
//! so no error, log line or IPC answer carries the URL, and any text that
//! could echo the token has it masked.

use crate::notify::{Notifier, NotifyError, NotifyFuture};
use crate::secrets::Secret;
use cryptodesk_core::AlertEvent;
use serde_json::{json, Value};
use std::time::Duration;

/// The Bot API's base URL.
pub const DEFAULT_API_URL: &str = "https://api.telegram.org";

/// Tries of one message when the API answers 429 (each after its
/// `retry_after`).
const TRIES: u32 = 3;

/// Longest `retry_after` honoured in one wait.
const MAX_WAIT: Duration = Duration::from_secs(60);

/// Sends messages to one chat.
#[derive(Debug)]
pub struct TelegramNotifier {
    http: reqwest::Client,
    api_url: String,
    token: Secret,
    chat_id: String,
}

impl TelegramNotifier {
    /// A notifier for `chat_id` through the bot `token` at `api_url`.
    pub fn new(api_url: &str, token: Secret, chat_id: String) -> Result<Self, NotifyError> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .user_agent(concat!("cryptodesk/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| fail(e.without_url().to_string()))?;
        Ok(Self {
            http,
            api_url: api_url.trim_end_matches('/').to_owned(),
            token,
            chat_id,
        })
    }

    /// Sends `text`, waiting out a 429's `retry_after` (up to a minute, up
    /// to three tries).
    pub async fn send(&self, text: &str) -> Result<(), NotifyError> {
        let url = format!("{}/bot{}/sendMessage", self.api_url, self.token.expose());
        let body = json!({ "chat_id": self.chat_id, "text": text });
        for attempt in 1..=TRIES {
            let response = self
                .http
                .post(&url)
                .json(&body)
                .send()
                .await
                .map_err(|e| fail(self.mask(&e.without_url().to_string())))?;
            let status = response.status();
            if status.is_success() {
                return Ok(());
            }
            let answer: Value = response.json().await.unwrap_or_default();
            let retry_after = answer["parameters"]["retry_after"].as_u64();
            if status.as_u16() == 429 && attempt < TRIES {
                let wait = Duration::from_secs(retry_after.unwrap_or(1)).min(MAX_WAIT);
                tracing::info!(?wait, attempt, "Telegram asks to retry later");
                tokio::time::sleep(wait).await;
                continue;
            }
            let description = answer["description"].as_str().unwrap_or("no description");
            return Err(fail(
                self.mask(&format!("HTTP {}: {description}", status.as_u16())),
            ));
        }
        Err(fail("still rate limited after 3 tries".into()))
    }

    fn mask(&self, text: &str) -> String {
        let token = self.token.expose();
        if token.is_empty() {
            text.to_owned()
        } else {
            text.replace(token, "***")
        }
    }
}

fn fail(message: String) -> NotifyError {
    NotifyError {
        channel: "telegram",
        message,
    }
}

impl Notifier for TelegramNotifier {
    fn name(&self) -> &'static str {
        "telegram"
    }

    fn notify<'a>(&'a self, event: &'a AlertEvent) -> NotifyFuture<'a> {
        Box::pin(async move {
            self.send(&format!("{}\n{}", event.title(), event.body()))
                .await
        })
    }

    fn notify_summary<'a>(&'a self, title: String, body: String) -> NotifyFuture<'a> {
        Box::pin(async move { self.send(&format!("{title}\n{body}")).await })
    }
}
