//! The feed's own notifications through a fake notification server on a
//! private D-Bus: none for a short outage, one "Price feed stale" after
//! three poll intervals without prices, however long it lasts, and one
//! "Price feed back" when prices return.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use cryptodesk_service::config::Config;
use cryptodesk_service::core::HoldingInput;
use cryptodesk_service::secrets::MemorySecrets;
use cryptodesk_service::App;
use cryptodesk_testkit::notifications::{FakeNotifications, SessionBus, ShownLog};
use cryptodesk_testkit::{FakeExchange, Fault};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_stale_notice_after_three_intervals_and_one_back() {
    let bus = SessionBus::start();
    // This test is alone in its process: notify-rust finds the bus here.
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &bus.address);
    let shown = ShownLog::default();
    let _server = FakeNotifications::new(shown.clone())
        .serve(Some(&bus.address))
        .await
        .unwrap();
    let titles = || -> Vec<String> {
        shown
            .lock()
            .unwrap()
            .iter()
            .map(|n| n.summary.clone())
            .collect()
    };

    let fake = FakeExchange::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let env = [
        ("CRYPTODESK_DATA_DIR", dir.path().display().to_string()),
        ("BINANCE_API_URL", fake.api_url()),
        ("CURRENCY_API_URL", fake.fx_latest_url()),
        ("CURRENCY_HISTORY_URL", fake.fx_history_url()),
        ("CRYPTODESK_NOTIFICATIONS", "on".to_owned()),
        ("CRYPTODESK_POLL_SECONDS", "1".to_owned()),
    ]
    .map(|(k, v)| (k.to_owned(), v));
    let config = Config::from_sources(None, None, env, &MemorySecrets::default()).unwrap();
    let app = App::start(config).await.unwrap();
    app.add_holding(HoldingInput {
        symbol: "BTC".into(),
        amount: "1".into(),
        price: "30000".into(),
        currency: "USD".into(),
        ..Default::default()
    })
    .await
    .unwrap();

    app.poll_once().await.unwrap();
    for _ in 0..4 {
        fake.exchange.push_fault(Fault::Server(503));
    }
    // A short outage: no notice.
    assert!(app.poll_once().await.is_err());
    assert!(titles().is_empty(), "{:?}", titles());
    tokio::time::sleep(Duration::from_millis(3100)).await;
    assert!(app.poll_once().await.is_err());
    assert!(app.poll_once().await.is_err());
    assert_eq!(titles(), ["Price feed stale"]);
    let body = shown.lock().unwrap()[0].body.clone();
    assert!(body.contains("503"), "{body}");
    assert!(app.poll_once().await.is_err());
    assert_eq!(titles().len(), 1, "one stale notice: {:?}", titles());
    app.poll_once().await.unwrap();
    assert_eq!(titles(), ["Price feed stale", "Price feed back"]);
    app.poll_once().await.unwrap();
    assert_eq!(titles().len(), 2);
}
