//! End to end through the real `cryptodesk` binary: a fake exchange, a private
//! D-Bus session bus with a fake notification server that records what it is
//! shown, and a real database (SQLite, or PostgreSQL + Redis).

#![allow(clippy::unwrap_used)] // tests fail loudly by design

mod common;

use cryptodesk_testkit::notifications::{FakeNotifications, SessionBus, ShownLog};
use serde_json::Value;
use std::ops::Deref;

/// The CLI harness with a private D-Bus session bus whose fake
/// notification server records what it is shown.
struct Harness {
    cli: common::harness::Harness,
    _bus: SessionBus,
    _conn: zbus::Connection,
    shown: ShownLog,
}

impl Deref for Harness {
    type Target = common::harness::Harness;

    fn deref(&self) -> &Self::Target {
        &self.cli
    }
}

impl Harness {
    async fn new(mut cli: common::harness::Harness) -> Self {
        let bus = SessionBus::start();
        let shown = ShownLog::default();
        let conn = FakeNotifications::new(shown.clone())
            .serve(Some(&bus.address))
            .await
            .unwrap();
        cli.env.extend([
            ("DBUS_SESSION_BUS_ADDRESS".to_owned(), bus.address.clone()),
            ("CRYPTODESK_NOTIFICATIONS".to_owned(), "on".to_owned()),
        ]);
        Harness {
            cli,
            _bus: bus,
            _conn: conn,
            shown,
        }
    }

    /// Runs the real binary; returns stdout, panics with stderr on failure.
    async fn run(&self, args: &[&str]) -> String {
        self.cli.ok(args).await
    }

    /// The database the binary uses: `DATABASE_URL`, or the SQLite file in
    /// the data folder.
    fn database_url(&self) -> String {
        self.cli
            .env
            .iter()
            .find(|(k, _)| k == "DATABASE_URL")
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| {
                format!(
                    "sqlite://{}",
                    self.cli.data.path().join("cryptodesk.db").display()
                )
            })
    }

    fn shown(&self) -> Vec<(String, String)> {
        let shown = self.shown.lock().unwrap();
        shown
            .iter()
            .map(|n| (n.summary.clone(), n.body.clone()))
            .collect()
    }
}

async fn alert_fires_exactly_once(h: &Harness) {
    h.fake.exchange.set_price("BTCUSDT", "99999.99");
    h.run(&[
        "alerts",
        "add",
        "--symbol",
        "BTC",
        "--above",
        "100000",
        "--message",
        "Take profit",
    ])
    .await;
    h.run(&["alerts", "add", "--symbol", "ETH", "--below", "2000"])
        .await;

    h.run(&["collect", "--once"]).await;
    assert!(
        h.shown().is_empty(),
        "below the threshold nothing is shown: {:?}",
        h.shown()
    );
    let history: Value =
        serde_json::from_str(&h.run(&["alerts", "history", "--format", "json"]).await).unwrap();
    assert_eq!(history.as_array().unwrap().len(), 0);

    h.fake.exchange.set_price("BTCUSDT", "100500.5");
    h.fake.exchange.clear_requests();
    h.run(&["collect", "--once"]).await;
    // One request for all watched symbols.
    let requests = h.fake.exchange.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert!(requests[0].contains("symbols="), "{requests:?}");
    assert_eq!(
        h.shown(),
        vec![(
            "BTC above 100000".to_owned(),
            "BTC is at 100500.5 USD. Take profit".to_owned()
        )]
    );

    let history: Value =
        serde_json::from_str(&h.run(&["alerts", "history", "--format", "json"]).await).unwrap();
    let rows = history.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["symbol"], "BTC");
    assert_eq!(rows[0]["alert_type"], "above");
    assert_eq!(rows[0]["triggered_price"], "100500.5");
    assert_eq!(rows[0]["threshold_price"], "100000");
    assert_eq!(rows[0]["message"], "Take profit");
    assert!(rows[0]["triggered_at"].is_string());

    h.run(&["collect", "--once"]).await;
    h.fake.exchange.set_price("BTCUSDT", "120000");
    h.run(&["collect", "--once"]).await;
    assert_eq!(
        h.shown().len(),
        1,
        "no repeat notifications: {:?}",
        h.shown()
    );
    let history: Value =
        serde_json::from_str(&h.run(&["alerts", "history", "--format", "json"]).await).unwrap();
    assert_eq!(history.as_array().unwrap().len(), 1);

    let active: Value =
        serde_json::from_str(&h.run(&["alerts", "list", "--format", "json"]).await).unwrap();
    let active = active.as_array().unwrap();
    assert_eq!(active.len(), 1, "only the ETH alert is still active");
    assert_eq!(active[0]["symbol"], "ETH");

    // Every poll was folded into the stored 1-minute candles. BTC was
    // watched (by its alert) for the first two polls: 99999.99, 100500.5
    // (one or two minutes); ETH for all four.
    let store = cryptodesk_store::Store::connect(&h.database_url(), 1)
        .await
        .unwrap();
    let btc = store.candles("BTCUSDT", "1m", 0, i64::MAX).await.unwrap();
    assert!(!btc.is_empty() && btc.len() <= 2, "{btc:?}");
    assert!(btc.iter().all(|c| c.open_time % 60_000 == 0), "{btc:?}");
    assert_eq!(
        btc.iter().map(|c| c.high).max().unwrap(),
        "100500.5".parse().unwrap()
    );
    assert_eq!(
        btc.iter().map(|c| c.low).min().unwrap(),
        "99999.99".parse().unwrap()
    );
    assert_eq!(btc.first().unwrap().open, "99999.99".parse().unwrap());
    assert_eq!(btc.last().unwrap().close, "100500.5".parse().unwrap());
    assert!(!store
        .candles("ETHUSDT", "1m", 0, i64::MAX)
        .await
        .unwrap()
        .is_empty());
    store.close().await;
}

#[tokio::test]
async fn sqlite_alert_fires_once_as_a_native_notification() {
    let h = Harness::new(common::harness::Harness::sqlite().await).await;
    alert_fires_exactly_once(&h).await;
}

#[tokio::test]
async fn postgres_and_redis_alert_fires_once_as_a_native_notification() {
    let mut cli = common::harness::Harness::postgres("e2e").await;
    let redis =
        std::env::var("CRYPTODESK_TEST_REDIS").unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
    cli.env.push(("REDIS_URL".into(), redis));
    let h = Harness::new(cli).await;
    alert_fires_exactly_once(&h).await;
    h.cli.drop_db().await;
}

/// Twelve alerts firing in one poll: ten notifications, then one summary
/// for the other two; all twelve are in the history. A snoozed alert and a
/// pause show nothing until they end.
#[tokio::test]
async fn at_most_ten_notifications_a_minute_then_a_summary() {
    let h = Harness::new(common::harness::Harness::sqlite().await).await;
    // BTC is at 96842.15: every level below it holds.
    for i in 0..12 {
        let level = format!("{}", 90_000 + i * 100);
        h.run(&["alerts", "add", "--symbol", "BTC", "--above", &level])
            .await;
    }
    h.run(&["collect", "--once"]).await;
    let shown = h.shown();
    assert_eq!(shown.len(), 11, "{shown:?}");
    assert!(shown[..10]
        .iter()
        .all(|(title, _)| title.starts_with("BTC above 9")));
    assert_eq!(shown[10].0, "and 2 more alerts fired");
    let history: Value =
        serde_json::from_str(&h.run(&["alerts", "history", "--format", "json"]).await).unwrap();
    assert_eq!(history.as_array().unwrap().len(), 12);
}

#[tokio::test]
async fn snoozed_and_paused_alerts_stay_quiet_until_the_end() {
    let h = Harness::new(common::harness::Harness::sqlite().await).await;
    let added: Value = serde_json::from_str(
        &h.run(&[
            "alerts", "add", "--symbol", "BTC", "--above", "90000", "--format", "json",
        ])
        .await,
    )
    .unwrap();
    let id = added[0]["id"].to_string();
    h.run(&["alerts", "snooze", &id, "--for", "1h"]).await;
    h.run(&["collect", "--once"]).await;
    assert!(h.shown().is_empty(), "snoozed: {:?}", h.shown());
    let listed: Value =
        serde_json::from_str(&h.run(&["alerts", "list", "--format", "json"]).await).unwrap();
    assert!(listed[0]["snoozed_until"].is_string(), "{listed}");
    assert_eq!(listed[0]["is_active"], true, "a snooze keeps the rule");
    assert!(h.run(&["alerts", "list"]).await.contains("snoozed"));

    // Paused for every process; a second alert stays quiet too.
    h.run(&["alerts", "pause", "--for", "1h"]).await;
    h.run(&["alerts", "add", "--symbol", "BTC", "--above", "91000"])
        .await;
    h.run(&["collect", "--once"]).await;
    assert!(h.shown().is_empty(), "paused: {:?}", h.shown());
    let bad = h.cli.run(&["alerts", "pause", "--for", "soon"]).await;
    assert!(bad.stderr.contains("--for"), "{}", bad.stderr);

    // Resumed: the unsnoozed alert fires; the snoozed one waits for its end.
    h.run(&["alerts", "resume"]).await;
    h.run(&["collect", "--once"]).await;
    let shown = h.shown();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(shown[0].0, "BTC above 91000");
    let history: Value =
        serde_json::from_str(&h.run(&["alerts", "history", "--format", "json"]).await).unwrap();
    assert_eq!(history.as_array().unwrap().len(), 1);
}
