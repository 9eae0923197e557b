//! Cache tests: in-process, the real Redis on 127.0.0.1:6379, and the
//! fallback when a Redis server (one this test starts and kills) goes away.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use chrono::Utc;
use cryptodesk_cache::{CacheStats, CacheStatus, CachedPrice, PriceCache};
use rust_decimal_macros::dec;
use std::time::Duration;

fn redis_url() -> String {
    std::env::var("CRYPTODESK_TEST_REDIS").unwrap_or_else(|_| "redis://127.0.0.1:6379".into())
}

fn unique(tag: &str) -> String {
    format!("T{}{}", tag, std::process::id())
}

fn price(p: rust_decimal::Decimal) -> CachedPrice {
    // millisecond precision, as stored
    let at = chrono::DateTime::from_timestamp_millis(Utc::now().timestamp_millis()).unwrap();
    CachedPrice { price: p, at }
}

#[tokio::test]
async fn in_process_round_trip_and_ttl() {
    let cache = PriceCache::in_process(Duration::from_millis(200));
    assert_eq!(cache.status(), CacheStatus::InProcess);
    let v = price(dec!(96842.15000000));
    cache.put_many(&[("BTC".into(), v.clone())]).await;
    assert_eq!(cache.get("BTC").await, Some(v));
    assert_eq!(cache.get("ETH").await, None);
    tokio::time::sleep(Duration::from_millis(250)).await;
    assert_eq!(cache.get("BTC").await, None, "expired after the TTL");
    let stats = cache.stats();
    assert_eq!((stats.hits, stats.misses), (1, 2));
    cache.put_many(&[("BTC".into(), price(dec!(1)))]).await;
    let got = cache
        .get_many(&["BTC".into(), "ETH".into(), "SOL".into()])
        .await;
    assert_eq!(got.len(), 1);
    assert_eq!(cache.stats(), CacheStats { hits: 2, misses: 4 });
}

#[tokio::test]
async fn redis_round_trip_is_exact_and_shared() {
    let a = PriceCache::redis(&redis_url(), Duration::from_secs(60))
        .await
        .expect("Redis must be running");
    let b = PriceCache::redis(&redis_url(), Duration::from_secs(60))
        .await
        .unwrap();
    assert_eq!(a.status(), CacheStatus::Redis);
    let sym = unique("R");
    let v = price(dec!(0.00000001));
    a.put_many(&[(sym.clone(), v.clone())]).await;
    // A second client (the desktop app next to a collector) sees the same value.
    assert_eq!(b.get(&sym).await, Some(v.clone()));
    let many = b.get_many(&[sym.clone(), unique("MISSING")]).await;
    assert_eq!(many.len(), 1);
    assert_eq!(many[&sym], v);
}

#[tokio::test]
async fn redis_ttl_expires() {
    let cache = PriceCache::redis(&redis_url(), Duration::from_millis(150))
        .await
        .unwrap();
    let sym = unique("TTL");
    cache.put_many(&[(sym.clone(), price(dec!(1)))]).await;
    assert!(cache.get(&sym).await.is_some());
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(cache.get(&sym).await, None);
}

#[tokio::test]
async fn falls_back_when_redis_goes_away() {
    // Our own Redis on a free port, so we can kill it.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let mut server = tokio::process::Command::new("redis-server")
        .args([
            "--port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ])
        .stdout(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("redis-server must be installed");
    let url = format!("redis://127.0.0.1:{port}");
    let mut cache = None;
    for _ in 0..50 {
        if let Ok(c) = PriceCache::redis(&url, Duration::from_secs(60)).await {
            cache = Some(c);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let cache = cache.expect("test redis did not start");
    let v = price(dec!(3412.58));
    cache.put_many(&[("ETH".into(), v.clone())]).await;
    assert_eq!(cache.status(), CacheStatus::Redis);
    server.kill().await.unwrap();
    server.wait().await.unwrap();
    // Reads fall back to the in-process copy and the status says so.
    assert_eq!(cache.get("ETH").await, Some(v));
    assert_eq!(cache.status(), CacheStatus::RedisDown);
    let w = price(dec!(3500));
    cache.put_many(&[("ETH".into(), w.clone())]).await;
    assert_eq!(cache.get_many(&["ETH".into()]).await["ETH"], w);
    assert_eq!(cache.status(), CacheStatus::RedisDown);
}

/// A Redis that is away when the cache starts is tried again: the cache
/// serves in-process (and says Redis is unavailable) until Redis answers,
/// then moves to it.
#[tokio::test]
async fn a_redis_away_at_start_is_taken_up_when_it_answers() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("redis://127.0.0.1:{port}");
    let (cache, error) =
        PriceCache::redis_or_in_process(&url, Duration::from_secs(60), Duration::from_millis(200))
            .await;
    assert!(error.is_some());
    assert_eq!(cache.status(), CacheStatus::RedisDown);
    let v = price(dec!(97000.5));
    cache.put_many(&[("BTC".into(), v.clone())]).await;
    assert_eq!(cache.get("BTC").await, Some(v.clone()));

    let _server = tokio::process::Command::new("redis-server")
        .args([
            "--port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ])
        .stdout(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("redis-server must be installed");
    let mut shared = None;
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        cache.put_many(&[("BTC".into(), v.clone())]).await;
        if cache.status() == CacheStatus::Redis {
            shared = PriceCache::redis(&url, Duration::from_secs(60)).await.ok();
            break;
        }
    }
    let other = shared.expect("the cache never moved to the Redis that came up");
    // Written through to Redis: another process's cache reads it.
    assert_eq!(other.get("BTC").await, Some(v));
}

#[tokio::test]
async fn unreachable_redis_is_an_error_at_start() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    assert!(
        PriceCache::redis(&format!("redis://127.0.0.1:{port}"), Duration::from_secs(1))
            .await
            .is_err()
    );
}
