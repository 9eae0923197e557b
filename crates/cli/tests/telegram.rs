//! Telegram delivery end to end: the real binary sends each fire to the
//! fake Bot API (`TELEGRAM_API_URL`), waits out a 429's `retry_after`, and
//! never shows the bot token, not in its output, its logs or its errors.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

mod common;

use common::harness::Harness;
use std::time::{Duration, Instant};

const TOKEN: &str = "123456:SECRET-bot-token";

async fn harness() -> Harness {
    let mut h = Harness::sqlite().await;
    let url = h.fake.telegram_url();
    h.env.extend([
        ("TELEGRAM_BOT_TOKEN".to_owned(), TOKEN.to_owned()),
        ("TELEGRAM_CHAT_ID".to_owned(), "-100200".to_owned()),
        ("TELEGRAM_API_URL".to_owned(), url),
        ("CRYPTODESK_LOG".to_owned(), "debug".to_owned()),
    ]);
    h
}

#[tokio::test]
async fn fires_go_to_the_chat_and_a_429_is_waited_out() {
    let h = harness().await;
    // BTC is at 96842.15.
    h.ok(&[
        "alerts",
        "add",
        "--symbol",
        "BTC",
        "--above",
        "90000",
        "--message",
        "take profit",
    ])
    .await;
    let run = h.run(&["collect", "--once"]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sent = h.fake.telegram.messages();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].token, TOKEN);
    assert_eq!(sent[0].chat_id, "-100200");
    assert_eq!(
        sent[0].text,
        "BTC above 90000\nBTC is at 96842.15 USD. take profit"
    );
    assert!(!run.stderr.contains("SECRET") && !run.stdout.contains("SECRET"));

    // Too many requests: the answer's retry_after (1 s) is waited out.
    h.ok(&["alerts", "add", "--symbol", "BTC", "--crosses", "97000"])
        .await;
    h.ok(&["collect", "--once"]).await;
    h.fake.telegram.push_rate_limit(1);
    h.fake.exchange.set_price("BTCUSDT", "97500");
    let start = Instant::now();
    let run = h.run(&["collect", "--once"]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(start.elapsed() >= Duration::from_secs(1));
    assert_eq!(h.fake.telegram.limited(), 1);
    let sent = h.fake.telegram.messages();
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(sent[1].text.starts_with("BTC crosses 97000\n"), "{sent:?}");
    assert!(!run.stderr.contains("SECRET"), "{}", run.stderr);
}

#[tokio::test]
async fn a_failed_delivery_is_reported_without_the_token() {
    let h = harness().await;
    // Nothing listens there.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    h.ok(&["alerts", "add", "--symbol", "BTC", "--above", "90000"])
        .await;
    let run = h
        .run_with(&[("TELEGRAM_API_URL", &closed)], &["collect", "--once"])
        .await;
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.contains("telegram notification failed"), "{all}");
    assert!(!all.contains("SECRET"), "{all}");
    // The fire is recorded all the same.
    let history = h.json(&["alerts", "history", "--format", "json"]).await;
    assert_eq!(history.as_array().unwrap().len(), 1);
    // `config show` masks the token.
    let shown = h.ok(&["config", "show"]).await;
    assert!(!shown.contains("SECRET"), "{shown}");
    assert!(shown.contains("TELEGRAM_API_URL"), "{shown}");
}
