//! The live alert engine inside the service: loaded once and kept between
//! polls, reloaded when any process changes a rule, never firing a rule
//! twice across two collectors, and ending rules at their expiry. Two
//! `App`s on one SQLite file stand in for two processes.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use cryptodesk_service::config::Config;
use cryptodesk_service::core::AlertInput;
use cryptodesk_service::secrets::MemorySecrets;
use cryptodesk_service::App;
use cryptodesk_testkit::FakeExchange;
use std::sync::Arc;

fn config(fake: &FakeExchange, dir: &tempfile::TempDir) -> Config {
    let env = [
        ("CRYPTODESK_DATA_DIR", dir.path().display().to_string()),
        ("BINANCE_API_URL", fake.api_url()),
        ("CURRENCY_API_URL", fake.fx_latest_url()),
        ("CURRENCY_HISTORY_URL", fake.fx_history_url()),
        ("CRYPTODESK_NOTIFICATIONS", "off".to_owned()),
    ]
    .map(|(k, v)| (k.to_owned(), v));
    Config::from_sources(None, None, env, &MemorySecrets::default()).unwrap()
}

fn crossing(level: &str) -> AlertInput {
    AlertInput {
        symbol: "BTC".into(),
        alert_type: "crosses-up".into(),
        threshold: level.into(),
        repeat: Some("every".into()),
        ..AlertInput::default()
    }
}

async fn two_apps() -> (FakeExchange, tempfile::TempDir, Arc<App>, Arc<App>) {
    let fake = FakeExchange::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let a = App::start(config(&fake, &dir)).await.unwrap();
    let b = App::start(config(&fake, &dir)).await.unwrap();
    (fake, dir, a, b)
}

#[tokio::test]
async fn the_engine_reloads_only_on_a_change_and_a_fire_is_never_doubled() {
    let (fake, _dir, a, b) = two_apps().await;
    // BTC is at 96842.15.
    a.add_alert(crossing("100000")).await.unwrap();
    a.poll_once().await.unwrap();
    b.poll_once().await.unwrap();
    a.poll_once().await.unwrap();
    assert_eq!(a.alert_engine_loads(), 1, "kept between polls");

    // A rule added by the other process is seen at the next poll.
    b.add_alert(crossing("98000")).await.unwrap();
    a.poll_once().await.unwrap();
    assert_eq!(a.alert_engine_loads(), 2);

    // Both collectors see the crossing; it is recorded once (B reloads on
    // A's fire; the store's claim by last fire, for two engines deciding
    // at the same moment, is tested in the store's tests).
    fake.exchange.set_price("BTCUSDT", "100500");
    let fired_a = a.poll_once().await.unwrap().fired;
    let fired_b = b.poll_once().await.unwrap().fired;
    assert_eq!(fired_a.len() + fired_b.len(), 2, "{fired_a:?} {fired_b:?}");
    assert_eq!(a.alert_history(10).await.unwrap().len(), 2);
    // Still above: nothing more, in either.
    fake.exchange.set_price("BTCUSDT", "100600");
    assert!(a.poll_once().await.unwrap().fired.is_empty());
    assert!(b.poll_once().await.unwrap().fired.is_empty());
    assert_eq!(b.alert_history(10).await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_rule_ends_at_its_expiry() {
    let (_fake, _dir, a, _b) = two_apps().await;
    let expires = chrono::Utc::now() + chrono::Duration::seconds(3);
    let rule = a
        .add_alert(AlertInput {
            expires: Some(expires.to_rfc3339()),
            ..crossing("100000")
        })
        .await
        .unwrap();
    a.poll_once().await.unwrap();
    assert!(a
        .alerts(true)
        .await
        .unwrap()
        .iter()
        .any(|r| r.id == rule.id));
    // Past the expiry, however slow the machine was until here.
    let left = (expires - chrono::Utc::now()).to_std().unwrap_or_default();
    tokio::time::sleep(left + std::time::Duration::from_millis(100)).await;
    a.poll_once().await.unwrap();
    assert!(a.alerts(true).await.unwrap().is_empty(), "expired");
    // A new rule's expiry must lie ahead.
    let err = a
        .add_alert(AlertInput {
            expires: Some("2020-01-01T00:00:00Z".into()),
            ..crossing("100000")
        })
        .await
        .unwrap_err();
    assert!(err.to_string().contains("expires"), "{err}");
}

/// The Alerts page's "test on history" replays the form's rule over the
/// stored candles that closed, exactly as the rules say.
#[tokio::test]
async fn a_rule_is_tried_on_the_stored_history() {
    use cryptodesk_service::history::Interval;
    use cryptodesk_service::replay::ReplayRequest;
    let (_fake, _dir, a, _b) = two_apps().await;
    // Six closed hours ending three hours ago: closes 95, 101, 99, 102, 97, 103.
    let hour = 3_600_000i64;
    let start = (chrono::Utc::now().timestamp_millis() / hour - 9) * hour;
    let csv: String = std::iter::once("time,open,high,low,close,volume\n".to_owned())
        .chain(
            [95, 101, 99, 102, 97, 103]
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{},{c},{c},{c},{c},1\n", start + i as i64 * hour)),
        )
        .collect();
    let btc = cryptodesk_service::core::Symbol::parse("BTC").unwrap();
    a.import_candles(&btc, Interval::H1, csv.as_bytes())
        .await
        .unwrap();
    let request = |repeat: &str| ReplayRequest {
        input: AlertInput {
            repeat: Some(repeat.into()),
            ..crossing("100")
        },
        interval: "1h".into(),
        days: 2,
        intrabar: false,
    };
    let every = a.replay_alert(request("every")).await.unwrap();
    assert_eq!(every.candles, 6);
    let prices: Vec<String> = every.fires.iter().map(|f| f.price.to_string()).collect();
    assert_eq!(prices, ["101", "102", "103"]);
    assert_eq!(
        every.fires[0].time.timestamp_millis(),
        start + 2 * hour,
        "at the candle's close"
    );
    let once = a.replay_alert(request("once")).await.unwrap();
    assert_eq!(once.fires.len(), 1);
    let bad = a
        .replay_alert(ReplayRequest {
            interval: "7x".into(),
            ..request("once")
        })
        .await
        .unwrap_err();
    assert!(bad.to_string().contains("interval"), "{bad}");
}
