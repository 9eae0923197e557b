//! The service against the fake exchange and a real SQLite file: feed
//! health, stale prices after failures, recovery, and Redis falling back.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use cryptodesk_service::config::Config;
use cryptodesk_service::core::{AlertInput, HoldingInput};
use cryptodesk_service::secrets::{MemorySecrets, Secret};
use cryptodesk_service::{App, ErrorCode, Event};
use cryptodesk_testkit::{FakeExchange, Fault};
use rust_decimal_macros::dec;

fn config(fake: &FakeExchange, dir: &tempfile::TempDir, extra: &[(&str, &str)]) -> Config {
    let mut env = vec![
        (
            "CRYPTODESK_DATA_DIR".to_owned(),
            dir.path().display().to_string(),
        ),
        ("BINANCE_API_URL".to_owned(), fake.api_url()),
        ("CURRENCY_API_URL".to_owned(), fake.fx_latest_url()),
        ("CURRENCY_HISTORY_URL".to_owned(), fake.fx_history_url()),
        ("CRYPTODESK_NOTIFICATIONS".to_owned(), "off".to_owned()),
    ];
    env.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    Config::from_sources(None, None, env, &MemorySecrets::default()).unwrap()
}

fn btc(amount: &str) -> HoldingInput {
    HoldingInput {
        symbol: "BTC".into(),
        amount: amount.into(),
        price: "30000".into(),
        currency: "USD".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn failed_polls_mark_the_feed_stale_and_recover() {
    let fake = FakeExchange::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = App::start(config(&fake, &dir, &[])).await.unwrap();
    app.add_holding(btc("0.5")).await.unwrap();
    let mut events = app.subscribe();

    app.poll_once().await.unwrap();
    let feed = app.feed_status();
    assert!(!feed.stale && feed.last_error.is_none() && feed.last_success_at.is_some());
    assert_eq!(
        (feed.database.as_str(), feed.cache.as_str()),
        ("sqlite", "in-process")
    );

    fake.exchange.push_fault(Fault::Server(503));
    let err = app.poll_once().await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Upstream);
    let feed = app.feed_status();
    assert!(feed.stale, "a failed poll shows the feed as stale");
    assert!(feed.last_error.unwrap().contains("503"));
    // The app still answers, with the last cached price.
    let v = app.portfolio(false).await.unwrap();
    assert_eq!(v.holdings[0].current_price, Some(dec!(96842.15)));

    fake.exchange.set_price("BTCUSDT", "97000");
    app.poll_once().await.unwrap();
    assert!(!app.feed_status().stale);
    assert_eq!(
        app.portfolio(false).await.unwrap().holdings[0].current_price,
        Some(dec!(97000))
    );

    // The UI heard about prices once per poll, not once per symbol.
    let mut prices = 0;
    while let Ok(e) = events.try_recv() {
        if let Event::Prices { .. } = e {
            prices += 1;
        }
    }
    assert_eq!(prices, 2);
}

#[tokio::test]
async fn unknown_assets_are_refused_and_errors_carry_code_and_field() {
    let fake = FakeExchange::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = App::start(config(&fake, &dir, &[])).await.unwrap();
    let e = app
        .add_holding(HoldingInput {
            symbol: "NOPE".into(),
            ..btc("1")
        })
        .await
        .unwrap_err();
    let body = cryptodesk_service::ErrorBody::from(&e);
    assert_eq!(
        (body.code, body.field),
        (ErrorCode::UnknownSymbol, Some("symbol"))
    );
    let e = app.add_holding(btc("-3")).await.unwrap_err();
    let body = cryptodesk_service::ErrorBody::from(&e);
    assert_eq!(
        (body.code, body.field),
        (ErrorCode::Validation, Some("amount"))
    );
    assert_eq!(body.message, "amount must be > 0 (got -3)");
    let e = app
        .add_alert(AlertInput {
            symbol: "BTC".into(),
            alert_type: "above".into(),
            threshold: "1e5".into(),
            message: None,
            ..AlertInput::default()
        })
        .await
        .unwrap_err();
    assert_eq!(
        cryptodesk_service::ErrorBody::from(&e).field,
        Some("threshold")
    );
    assert!(app.holdings().await.unwrap().is_empty());
    assert!(app.alerts(false).await.unwrap().is_empty());
}

/// Offline first: with no catalogue kept and the exchange away, what the
/// user owns is stored all the same, unverified, and checked at the first
/// poll the exchange answers: a listed asset is verified, one it does not
/// list is named among the feed's unknown symbols.
#[tokio::test]
async fn exchange_down_when_adding_stores_unverified_and_checks_later() {
    let fake = FakeExchange::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = App::start(config(&fake, &dir, &[])).await.unwrap();
    fake.exchange.push_fault(Fault::Server(500));
    let held = app.add_holding(btc("1")).await.unwrap();
    assert_eq!(app.holdings().await.unwrap(), [held]);
    fake.exchange.push_fault(Fault::Server(503));
    app.add_alert(AlertInput {
        symbol: "NOPE".into(),
        alert_type: "above".into(),
        threshold: "1".into(),
        message: None,
        ..AlertInput::default()
    })
    .await
    .unwrap();
    let names = |v: Vec<cryptodesk_service::core::Symbol>| -> Vec<String> {
        v.into_iter().map(|s| s.to_string()).collect()
    };
    assert_eq!(
        names(app.unverified_symbols().await.unwrap()),
        ["BTC", "NOPE"]
    );

    // The exchange answers: both are checked; NOPE is not listed.
    app.poll_once().await.unwrap();
    assert!(app.unverified_symbols().await.unwrap().is_empty());
    let feed = app.feed_status();
    assert!(feed.unknown_symbols.iter().any(|s| s == "NOPE"), "{feed:?}");
    assert!(!feed.unknown_symbols.iter().any(|s| s == "BTC"), "{feed:?}");

    // A location the exchange refuses is still an error naming the fix.
    let dir2 = tempfile::tempdir().unwrap();
    let app2 = App::start(config(&fake, &dir2, &[])).await.unwrap();
    fake.exchange.push_fault(Fault::Restricted);
    let e = app2.add_holding(btc("1")).await.unwrap_err();
    assert!(e.to_string().contains("data-api.binance.vision"), "{e}");
    assert!(app2.holdings().await.unwrap().is_empty());
}

#[tokio::test]
async fn unreachable_redis_falls_back_to_the_in_process_cache() {
    let fake = FakeExchange::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("redis://127.0.0.1:{port}");
    let app = App::start(config(&fake, &dir, &[("REDIS_URL", &url)]))
        .await
        .unwrap();
    app.add_holding(btc("1")).await.unwrap();
    app.poll_once().await.unwrap();
    let feed = app.feed_status();
    assert!(feed.cache.contains("redis unavailable"), "{}", feed.cache);
    assert_eq!(
        app.portfolio(false).await.unwrap().holdings[0].current_price,
        Some(dec!(96842.15))
    );
}

#[test]
fn secrets_do_not_leak_into_debug_output() {
    let s = Secret::new("postgres://u:hunter2@h/db");
    assert!(!format!("{s:?} {s}").contains("hunter2"));
}

#[tokio::test]
async fn the_day_change_needs_one_light_request_and_only_for_a_listener() {
    let fake = FakeExchange::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = App::start(config(&fake, &dir, &[])).await.unwrap();
    app.add_holding(btc("0.5")).await.unwrap();

    // Headless (nobody listens): a poll is the one price request.
    fake.exchange.clear_requests();
    app.poll_once().await.unwrap();
    assert_eq!(fake.exchange.requests().len(), 1);
    assert_eq!(app.portfolio(false).await.unwrap().day_change_usd, None);

    // With a UI listening, one ticker/24hr request, reused by the next polls.
    let _ui = app.subscribe();
    fake.exchange.clear_requests();
    app.poll_once().await.unwrap();
    app.poll_once().await.unwrap();
    let requests = fake.exchange.requests();
    assert_eq!(
        requests
            .iter()
            .filter(|r| r.contains("ticker/24hr"))
            .count(),
        1,
        "{requests:?}"
    );
    let v = app.portfolio(false).await.unwrap();
    // 0.5 × (96842.15 − 96148.16), the samples' price and 24 h open.
    assert_eq!(v.day_change_usd, Some(dec!(346.995)));
    assert_eq!(v.day_change_pct, Some(dec!(0.72)));
}

#[tokio::test]
async fn latest_fx_rates_are_cached_for_the_currency_cache_duration() {
    let fake = FakeExchange::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let latest = |fake: &FakeExchange| {
        fake.fx
            .requests()
            .iter()
            .filter(|r| r.contains("/latest/"))
            .count()
    };
    let app = App::start(config(&fake, &dir, &[])).await.unwrap();
    let first = app.rates_now(true).await.unwrap().unwrap();
    let second = app.rates_now(true).await.unwrap().unwrap();
    assert_eq!(first, second);
    assert!(!first.stale);
    assert_eq!(latest(&fake), 1, "the second answer came from the cache");
    app.shutdown().await;
    // With CURRENCY_CACHE_DURATION=1 the rates are asked again after a second.
    let dir = tempfile::tempdir().unwrap();
    let app = App::start(config(&fake, &dir, &[("CURRENCY_CACHE_DURATION", "1")]))
        .await
        .unwrap();
    app.rates_now(true).await.unwrap();
    app.rates_now(true).await.unwrap();
    assert_eq!(latest(&fake), 2);
    tokio::time::sleep(std::time::Duration::from_millis(1300)).await;
    app.rates_now(true).await.unwrap();
    assert_eq!(latest(&fake), 3);
    app.shutdown().await;
}
