//! The Binance client against the fake exchange from the test kit.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use cryptodesk_market::{BinanceClient, MarketError};
use cryptodesk_testkit::{FakeExchange, Fault};
use rust_decimal_macros::dec;
use std::time::Duration;

fn pairs(p: &[&str]) -> Vec<String> {
    p.iter().map(|s| s.to_string()).collect()
}

#[tokio::test]
async fn one_request_for_all_symbols() {
    let fake = FakeExchange::start().await.unwrap();
    fake.exchange.set_price("BTCUSDT", "101000.12345678");
    let client = BinanceClient::new(&fake.api_url(), Duration::from_secs(5)).unwrap();
    let (prices, unknown) = client
        .prices(&pairs(&["BTCUSDT", "ETHUSDT", "SOLUSDT"]))
        .await
        .unwrap();
    assert!(unknown.is_empty());
    assert_eq!(prices["BTCUSDT"], dec!(101000.12345678));
    assert_eq!(prices["ETHUSDT"], dec!(3412.58));
    assert_eq!(prices["SOLUSDT"], dec!(187.42));
    let reqs = fake.exchange.requests();
    assert_eq!(reqs.len(), 1, "{reqs:?}");
    assert!(
        reqs[0].starts_with("/api/v3/ticker/price?symbols="),
        "{reqs:?}"
    );
    assert_eq!(client.used_weight(), Some(4));
}

#[tokio::test]
async fn base_url_without_api_suffix_works() {
    let fake = FakeExchange::start().await.unwrap();
    let client = BinanceClient::new(&fake.base_url(), Duration::from_secs(5)).unwrap();
    let (prices, _) = client.prices(&pairs(&["BTCUSDT"])).await.unwrap();
    assert_eq!(prices["BTCUSDT"], dec!(96842.15));
}

#[tokio::test]
async fn one_unknown_symbol_does_not_block_the_others() {
    let fake = FakeExchange::start().await.unwrap();
    let client = BinanceClient::new(&fake.api_url(), Duration::from_secs(5)).unwrap();
    let (prices, unknown) = client
        .prices(&pairs(&["BTCUSDT", "NOPEUSDT"]))
        .await
        .unwrap();
    assert_eq!(prices.len(), 1);
    assert_eq!(prices["BTCUSDT"], dec!(96842.15));
    assert_eq!(unknown, ["NOPEUSDT"]);
}

#[tokio::test]
async fn symbol_check() {
    let fake = FakeExchange::start().await.unwrap();
    let client = BinanceClient::new(&fake.api_url(), Duration::from_secs(5)).unwrap();
    client.check_symbol("BTCUSDT").await.unwrap();
    assert!(matches!(
        client.check_symbol("NOPEUSDT").await,
        Err(MarketError::UnknownSymbols(_))
    ));
    let err = client.check_symbol("SRMUSDT").await.unwrap_err();
    assert!(matches!(err, MarketError::NotTrading { .. }), "{err}");
}

#[tokio::test]
async fn honours_retry_after_on_429() {
    let fake = FakeExchange::start().await.unwrap();
    let client = BinanceClient::new(&fake.api_url(), Duration::from_secs(5)).unwrap();
    fake.exchange.push_fault(Fault::TooManyRequests(1));
    let err = client.prices(&pairs(&["BTCUSDT"])).await.unwrap_err();
    assert!(
        matches!(err, MarketError::RateLimited { retry_after } if retry_after == Duration::from_secs(1))
    );
    // Within the window the client does not even ask.
    let err = client.prices(&pairs(&["BTCUSDT"])).await.unwrap_err();
    assert!(matches!(err, MarketError::RateLimited { .. }));
    assert_eq!(fake.exchange.requests().len(), 1);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    client.prices(&pairs(&["BTCUSDT"])).await.unwrap();
    assert_eq!(fake.exchange.requests().len(), 2);
}

#[tokio::test]
async fn stops_asking_while_banned() {
    let fake = FakeExchange::start().await.unwrap();
    let client = BinanceClient::new(&fake.api_url(), Duration::from_secs(5)).unwrap();
    fake.exchange.push_fault(Fault::Banned(120));
    assert!(matches!(
        client.prices(&pairs(&["BTCUSDT"])).await,
        Err(MarketError::Banned { .. })
    ));
    assert!(matches!(
        client.prices(&pairs(&["BTCUSDT"])).await,
        Err(MarketError::Banned { .. })
    ));
    assert_eq!(fake.exchange.requests().len(), 1);
}

#[tokio::test]
async fn server_errors_malformed_bodies_and_timeouts_are_transient() {
    let fake = FakeExchange::start().await.unwrap();
    let client = BinanceClient::new(&fake.api_url(), Duration::from_millis(300)).unwrap();
    fake.exchange.push_fault(Fault::Server(503));
    let e = client.prices(&pairs(&["BTCUSDT"])).await.unwrap_err();
    assert!(e.is_transient(), "{e}");
    fake.exchange.push_fault(Fault::Malformed);
    let e = client.prices(&pairs(&["BTCUSDT"])).await.unwrap_err();
    assert!(matches!(e, MarketError::Malformed(_)) && e.is_transient());
    fake.exchange
        .push_fault(Fault::Slow(Duration::from_secs(2)));
    let e = client.prices(&pairs(&["BTCUSDT"])).await.unwrap_err();
    assert!(matches!(e, MarketError::Transport(_)), "{e}");
    // and it recovers
    client.prices(&pairs(&["BTCUSDT"])).await.unwrap();
}

#[tokio::test]
async fn day_opens_in_one_light_request() {
    let fake = FakeExchange::start().await.unwrap();
    let client = BinanceClient::new(&fake.api_url(), Duration::from_secs(5)).unwrap();
    let opens = client
        .day_opens(&pairs(&["BTCUSDT", "ETHUSDT", "SOLUSDT"]))
        .await
        .unwrap();
    // The samples' 24 h window opens.
    assert_eq!(opens["BTCUSDT"], dec!(96148.16));
    assert_eq!(opens["ETHUSDT"], dec!(3374.29));
    assert_eq!(opens["SOLUSDT"], dec!(190.83));
    let reqs = fake.exchange.requests();
    assert_eq!(reqs.len(), 1, "{reqs:?}");
    assert!(
        reqs[0].starts_with("/api/v3/ticker/24hr?symbols=") && reqs[0].contains("type=MINI"),
        "{reqs:?}"
    );
    assert_eq!(client.used_weight(), Some(2));
    // An unknown pair is an error, not a silent zero.
    assert!(client.day_opens(&pairs(&["NOPEUSDT"])).await.is_err());
}
