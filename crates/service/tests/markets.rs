//! The Markets and Chart pages' backend against the fake exchange and a real
//! SQLite file: search over the exchange's pairs (fetched once a day),
//! tracking, candles with indicators, and a backfill with progress events.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use cryptodesk_core::indicators::{rsi, sma};
use cryptodesk_service::chart::{ChartInterval, ChartRequest};
use cryptodesk_service::config::Config;
use cryptodesk_service::core::{AlertInput, Symbol};
use cryptodesk_service::secrets::MemorySecrets;
use cryptodesk_service::{App, ErrorCode, Event};
use cryptodesk_testkit::FakeExchange;
use std::sync::Arc;

const HOUR: i64 = 3_600_000;

fn config(fake: &FakeExchange, dir: &tempfile::TempDir) -> Config {
    let env = vec![
        (
            "CRYPTODESK_DATA_DIR".to_owned(),
            dir.path().display().to_string(),
        ),
        ("BINANCE_API_URL".to_owned(), fake.api_url()),
        ("CURRENCY_API_URL".to_owned(), fake.fx_latest_url()),
        ("CURRENCY_HISTORY_URL".to_owned(), fake.fx_history_url()),
        ("CRYPTODESK_NOTIFICATIONS".to_owned(), "off".to_owned()),
    ];
    Config::from_sources(None, None, env, &MemorySecrets::default()).unwrap()
}

fn sym(s: &str) -> Symbol {
    Symbol::parse(s).unwrap()
}

fn request(symbol: &str, interval: ChartInterval, limit: u32) -> ChartRequest {
    ChartRequest {
        symbol: sym(symbol),
        interval,
        limit,
        sma: 20,
        ema: 50,
        bollinger: 20,
        rsi: 14,
    }
}

fn exchange_info_requests(fake: &FakeExchange) -> usize {
    fake.exchange
        .requests()
        .iter()
        .filter(|r| r.contains("exchangeInfo"))
        .count()
}

#[tokio::test]
async fn search_fetches_the_listing_once_and_tracking_checks_the_exchange() {
    let fake = FakeExchange::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = App::start(config(&fake, &dir)).await.unwrap();

    let found = app.search_symbols("et").await.unwrap();
    assert_eq!(found[0].symbol, sym("ETH"), "{found:?}");
    assert_eq!(found[0].pair, "ETHUSDT");
    assert!(!found[0].watched);
    assert!(found.iter().all(|a| a.symbol.as_str().starts_with("ET")));
    // The exact ticker comes first even when another starts with it.
    fake.exchange.set_price("SOLVUSDT", "1.5");
    let dir2 = tempfile::tempdir().unwrap();
    let fresh = App::start(config(&fake, &dir2)).await.unwrap();
    let sol = fresh.search_symbols("SOL").await.unwrap();
    assert_eq!(
        sol.iter().map(|a| a.symbol.as_str()).collect::<Vec<_>>(),
        ["SOL", "SOLV"]
    );

    // The listing is kept: a second search asks the exchange nothing.
    fake.exchange.clear_requests();
    app.search_symbols("BT").await.unwrap();
    assert_eq!(exchange_info_requests(&fake), 0);
    assert!(app.search_symbols("").await.unwrap().is_empty());
    let bad = app.search_symbols("B%").await.unwrap_err();
    assert_eq!(bad.code(), ErrorCode::Validation);
    assert!(bad.to_string().contains("query"), "{bad}");

    // Tracking checks the pair and makes the asset watched (so polled).
    let mut events = app.subscribe();
    let err = app.track_symbol(&sym("NOPE")).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnknownSymbol);
    app.track_symbol(&sym("ETH")).await.unwrap();
    app.track_symbol(&sym("ETH")).await.unwrap();
    let mut changed = 0;
    while let Ok(e) = events.try_recv() {
        changed += usize::from(matches!(e, Event::MarketsChanged));
    }
    assert_eq!(changed, 2, "one per track");
    assert_eq!(app.tracked_symbols().await.unwrap(), [sym("ETH")]);
    assert!(app.search_symbols("ETH").await.unwrap()[0].watched);
    let report = app.poll_once().await.unwrap();
    assert_eq!(report.prices.len(), 1, "{report:?}");
    assert!(report.prices.contains_key("ETH"));
    app.untrack_symbol(&sym("ETH")).await.unwrap();
    assert!(app.tracked_symbols().await.unwrap().is_empty());
}

#[tokio::test]
async fn the_chart_serves_stored_candles_with_the_cores_indicators() {
    let fake = FakeExchange::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = App::start(config(&fake, &dir)).await.unwrap();

    // Nothing stored: an empty chart, not an error.
    let empty = app
        .chart(&request("BTC", ChartInterval::H1, 500))
        .await
        .unwrap();
    assert!(empty.candles.is_empty() && empty.last.is_none());

    // 300 hours backfilled from the fake exchange, with progress events.
    let now = chrono::Utc::now().timestamp_millis();
    let start = now - now.rem_euclid(HOUR) - 300 * HOUR;
    fake.exchange.generate_klines("BTCUSDT", "1h", start, 300);
    let app2 = Arc::clone(&app);
    let mut events = app.subscribe();
    let mut pages = Vec::new();
    let summary = app2
        .backfill_recent(&sym("BTC"), ChartInterval::H1, 30, |p| {
            pages.push(p.clone())
        })
        .await
        .unwrap();
    assert_eq!(summary.stored, 300, "{summary:?}");
    // Progress goes to the caller only (one page of 300), the end to everyone.
    assert_eq!(pages.len(), 1, "{pages:?}");
    assert_eq!(
        (
            pages[0].symbol.as_str(),
            pages[0].interval.as_str(),
            pages[0].stored
        ),
        ("BTC", "1h", 300)
    );
    let mut done = 0;
    while let Ok(e) = events.try_recv() {
        if let Event::BackfillDone(s) = e {
            done += 1;
            assert_eq!(s.stored, 300);
        }
    }
    assert_eq!(done, 1);

    // The latest 200 of them, oldest first, with indicators from the core.
    let chart = app
        .chart(&request("BTC", ChartInterval::H1, 200))
        .await
        .unwrap();
    assert_eq!(chart.candles.len(), 200);
    assert_eq!(chart.derived_from, None);
    assert!(chart
        .candles
        .windows(2)
        .all(|w| w[1].time - w[0].time == 3600));
    assert_eq!(
        chart.candles.last().unwrap().time * 1000,
        start + 299 * HOUR
    );
    let closes: Vec<f64> = chart
        .candles
        .iter()
        .map(|c| c.close.to_string().parse().unwrap())
        .collect();
    let want_sma = sma(&closes, 20);
    assert_eq!(chart.indicators.sma[18], None);
    assert_eq!(chart.indicators.sma[19], Some(want_sma[19]));
    assert_eq!(chart.indicators.rsi[199], Some(rsi(&closes, 14)[199]));
    assert_eq!(chart.indicators.bollinger_middle, chart.indicators.sma);
    let (u, l) = (
        chart.indicators.bollinger_upper[50].unwrap(),
        chart.indicators.bollinger_lower[50].unwrap(),
    );
    assert!(u > want_sma[50] && l < want_sma[50]);

    // 1d is rolled up from the stored hours and says so.
    let daily = app
        .chart(&request("BTC", ChartInterval::D1, 100))
        .await
        .unwrap();
    assert_eq!(daily.derived_from.as_deref(), Some("1h"));
    assert!(
        (12..=14).contains(&daily.candles.len()),
        "{}",
        daily.candles.len()
    );

    // Bad requests name their field.
    let mut bad = request("BTC", ChartInterval::H1, 0);
    let e = app.chart(&bad).await.unwrap_err();
    assert!(e.to_string().contains("limit"), "{e}");
    bad.limit = 10;
    bad.rsi = 0;
    let e = app.chart(&bad).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::Validation);
    assert!(e.to_string().contains("rsi"), "{e}");
    let e = app
        .backfill_recent(&sym("BTC"), ChartInterval::H1, 0, |_| {})
        .await
        .unwrap_err();
    assert!(e.to_string().contains("days"), "{e}");
}

#[tokio::test]
async fn one_backfill_runs_at_a_time() {
    let fake = FakeExchange::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = App::start(config(&fake, &dir)).await.unwrap();
    // An alert makes BTC watched; the backfill does not need that.
    app.add_alert(AlertInput {
        symbol: "BTC".into(),
        alert_type: "above".into(),
        threshold: "200000".into(),
        ..Default::default()
    })
    .await
    .unwrap();
    fake.exchange.push_fault(cryptodesk_testkit::Fault::Slow(
        std::time::Duration::from_millis(800),
    ));
    let first = {
        let app = Arc::clone(&app);
        tokio::spawn(async move {
            app.backfill_recent(&sym("BTC"), ChartInterval::D1, 10, |_| {})
                .await
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let second = app
        .backfill_recent(&sym("BTC"), ChartInterval::D1, 10, |_| {})
        .await
        .unwrap_err();
    assert!(second.to_string().contains("already running"), "{second}");
    first.await.unwrap().unwrap();
}

#[tokio::test]
async fn market_stats_are_cached_until_the_next_ingest() {
    let fake = FakeExchange::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = App::start(config(&fake, &dir)).await.unwrap();
    app.track_symbol(&sym("BTC")).await.unwrap();
    fake.exchange.set_price("BTCUSDT", "50000");
    app.poll_once().await.unwrap();
    let first = app.market_stats().await.unwrap();
    assert_eq!(first[0].price.to_string(), "50000");

    // A candle written behind the app's back is not seen: the answer is
    // the cached one.
    let store = cryptodesk_store::Store::connect(
        &format!("sqlite://{}", dir.path().join("cryptodesk.db").display()),
        1,
    )
    .await
    .unwrap();
    let later = chrono::Utc::now().timestamp_millis() + 10 * 60_000;
    store
        .record_prices(
            &[("BTCUSDT".into(), rust_decimal_macros::dec!(1))],
            "1m",
            60_000,
            later,
        )
        .await
        .unwrap();
    assert_eq!(app.market_stats().await.unwrap(), first);
    // Straight from the database it is there.
    let fresh = app.market_stats_uncached(&[sym("BTC")]).await.unwrap();
    assert_eq!(fresh[0].price.to_string(), "1");

    // The next poll stores a candle and forgets the cached answer.
    app.poll_once().await.unwrap();
    assert_eq!(app.market_stats().await.unwrap(), fresh);
    // Tracking another asset changes the set: not served from the cache.
    app.track_symbol(&sym("ETH")).await.unwrap();
    fake.exchange.set_price("ETHUSDT", "3000");
    app.poll_once().await.unwrap();
    assert_eq!(app.market_stats().await.unwrap().len(), 2);
}

#[tokio::test]
async fn stored_hours_are_followed_by_the_hours_the_polls_added() {
    let fake = FakeExchange::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = App::start(config(&fake, &dir)).await.unwrap();
    // 48 hours backfilled up to two hours ago, then a poll now.
    let now = chrono::Utc::now().timestamp_millis();
    let this_hour = now - now.rem_euclid(HOUR);
    fake.exchange
        .generate_klines("BTCUSDT", "1h", this_hour - 50 * HOUR, 48);
    app.backfill_recent(&sym("BTC"), ChartInterval::H1, 3, |_| {})
        .await
        .unwrap();
    app.track_symbol(&sym("BTC")).await.unwrap();
    fake.exchange.set_price("BTCUSDT", "123456.5");
    app.poll_once().await.unwrap();

    let chart = app
        .chart(&request("BTC", ChartInterval::H1, 100))
        .await
        .unwrap();
    let last = chart.candles.last().unwrap();
    assert_eq!(last.time * 1000, this_hour, "the polled hour comes last");
    assert_eq!(last.close.to_string(), "123456.5");
    assert_eq!(
        chart.candles[chart.candles.len() - 2].time * 1000,
        this_hour - 3 * HOUR,
        "after the last stored hour"
    );
    assert_eq!(chart.derived_from, None);
}
