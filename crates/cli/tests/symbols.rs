//! `cryptodesk symbols` and `cryptodesk track` end to end: the real binary
//! against the fake exchange, on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

mod common;

use common::harness::Harness;
use serde_json::Value;

/// Requests for the exchange's whole list of pairs (no `symbol=` filter).
fn full_listings(h: &Harness) -> usize {
    h.fake
        .exchange
        .requests()
        .iter()
        .filter(|r| r.starts_with("/api/v3/exchangeInfo") && !r.contains("symbol"))
        .count()
}

fn watched<'a>(list: &'a Value, symbol: &str) -> Option<&'a Value> {
    list.as_array()
        .unwrap()
        .iter()
        .find(|w| w["symbol"] == symbol)
}

async fn catalogue_and_tracking(h: &Harness) {
    // The catalogue: one request for the whole list, counted by quote and
    // status; a pair that stops trading is counted out at the next sync.
    let sync = h.json(&["symbols", "sync", "--format", "json"]).await;
    assert_eq!(full_listings(h), 1);
    let pairs = sync["pairs"].as_u64().unwrap();
    let trading = sync["tradable"].as_u64().unwrap();
    assert!(pairs >= 3 && trading >= 2, "{sync}");
    assert_eq!(sync["usdt_pairs"].as_u64().unwrap(), pairs, "{sync}");
    h.fake.exchange.set_status("ETHUSDT", "BREAK");
    let table = h.ok(&["symbols", "sync"]).await;
    assert!(table.contains(&format!("{pairs} pairs")), "{table}");
    assert!(
        table.contains(&format!("{} of them trading", trading - 1)),
        "{table}"
    );

    // Search reads the kept catalogue: no further request within a day.
    let found = h
        .json(&["symbols", "search", "et", "--format", "json"])
        .await;
    let eth = &found.as_array().unwrap()[0];
    assert_eq!(eth["symbol"], "ETH");
    assert_eq!(eth["pair"], "ETHUSDT");
    assert_eq!(eth["status"], "BREAK");
    assert_eq!(eth["tradable"], false);
    assert_eq!(eth["watched"], false);
    let table = h.ok(&["symbols", "search", "BTC"]).await;
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("BTC") && l.contains("TRADING")),
        "{table}"
    );
    assert_eq!(
        full_listings(h),
        2,
        "only `symbols sync` fetched the list again"
    );
    let none = h.run(&["symbols", "search", "ZZZZ"]).await;
    assert_eq!(none.code, 0);
    assert!(none.stderr.contains("no USDT pair"), "{}", none.stderr);
    let bad = h.run(&["symbols", "search", "BT-C"]).await;
    assert_ne!(bad.code, 0);
    assert!(bad.stderr.contains("query"), "{}", bad.stderr);

    // Tracking: a trading asset in the kept catalogue is tracked without
    // asking the exchange.
    let asked = h.fake.exchange.requests().len();
    h.ok(&["track", "add", "sol"]).await;
    assert_eq!(
        h.fake.exchange.requests().len(),
        asked,
        "a catalogue hit asks nothing"
    );
    // One not trading or not listed is refused, after one request for that
    // pair alone (never the whole list) confirms the catalogue.
    let refused = h.run(&["track", "add", "ETH"]).await;
    assert_ne!(refused.code, 0);
    assert!(
        refused.stderr.contains("ETHUSDT is not trading"),
        "{}",
        refused.stderr
    );
    let unknown = h.run(&["track", "add", "NOPE"]).await;
    assert_ne!(unknown.code, 0);
    assert!(
        unknown.stderr.contains("does not list NOPEUSDT"),
        "{}",
        unknown.stderr
    );
    let since: Vec<String> = h.fake.exchange.requests()[asked..].to_vec();
    assert_eq!(since.len(), 2, "{since:?}");
    assert!(
        since
            .iter()
            .all(|r| r.starts_with("/api/v3/exchangeInfo") && r.contains("symbol")),
        "{since:?}"
    );
    // A pair listed since the sync is accepted on that confirmation.
    h.fake.exchange.set_price("NEWUSDT", "1.5");
    h.ok(&["track", "add", "NEW"]).await;
    h.ok(&["track", "remove", "NEW"]).await;

    // A holding watches its asset too; the list says what watches each.
    h.ok(&[
        "portfolio",
        "add",
        "--symbol",
        "BTC",
        "--amount",
        "0.1",
        "--price",
        "50000",
    ])
    .await;
    h.ok(&["track", "add", "BTC"]).await;
    let list = h.json(&["track", "list", "--format", "json"]).await;
    assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
    let btc = watched(&list, "BTC").unwrap();
    assert_eq!(
        (&btc["tracked"], &btc["held"], &btc["alerted"]),
        (&Value::Bool(true), &Value::Bool(true), &Value::Bool(false))
    );
    let sol = watched(&list, "SOL").unwrap();
    assert_eq!(
        (&sol["tracked"], &sol["held"]),
        (&Value::Bool(true), &Value::Bool(false))
    );
    let table = h.ok(&["track", "list"]).await;
    assert!(
        table
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["SOL", "yes", "no", "no"]),
        "{table}"
    );

    // Removing: the holding keeps BTC watched; SOL goes; twice is an error.
    let r = h.run(&["track", "remove", "BTC"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("stays watched for its holdings"),
        "{}",
        r.stderr
    );
    h.ok(&["track", "remove", "SOL"]).await;
    let list = h.json(&["track", "list", "--format", "json"]).await;
    assert!(watched(&list, "SOL").is_none(), "{list}");
    assert_eq!(watched(&list, "BTC").unwrap()["tracked"], false);
    let again = h.run(&["track", "remove", "SOL"]).await;
    assert_ne!(again.code, 0);
    assert!(
        again.stderr.contains("SOL is not tracked"),
        "{}",
        again.stderr
    );
}

#[tokio::test]
async fn catalogue_and_tracking_on_sqlite() {
    catalogue_and_tracking(&Harness::sqlite().await).await;
}

#[tokio::test]
async fn catalogue_and_tracking_on_postgres() {
    let h = Harness::postgres("symbols").await;
    catalogue_and_tracking(&h).await;
    h.drop_db().await;
}

/// A restricted-location answer (HTTP 451) names the fix: the exchange's
/// public market-data host.
#[tokio::test]
async fn a_restricted_location_names_the_market_data_host() {
    use cryptodesk_testkit::Fault;
    let h = Harness::sqlite().await;
    for args in [
        &["symbols", "sync"][..],
        &[
            "portfolio",
            "add",
            "--symbol",
            "BTC",
            "--amount",
            "1",
            "--price",
            "1",
        ][..],
    ] {
        h.fake.exchange.push_fault(Fault::Restricted);
        let r = h.run(args).await;
        assert_ne!(r.code, 0, "{args:?}");
        assert!(
            r.stderr.contains("HTTP 451")
                && r.stderr.contains("BINANCE_API_URL")
                && r.stderr.contains("https://data-api.binance.vision"),
            "{args:?}: {}",
            r.stderr
        );
    }
    let list = h.json(&["portfolio", "list", "--format", "json"]).await;
    assert!(
        list.as_array().unwrap().is_empty(),
        "nothing stored: {list}"
    );
}

/// A catalogue a day old is fetched again at the next check; while the
/// exchange is away the old one serves, and without any the asset is
/// stored unverified, to be checked when the exchange answers.
#[tokio::test]
async fn a_day_old_catalogue_is_fetched_again_and_an_old_one_serves_offline() {
    use cryptodesk_testkit::Fault;
    let h = Harness::sqlite().await;

    // No catalogue and the exchange failing: tracked, unverified.
    h.fake.exchange.push_fault(Fault::Server(503));
    let r = h.run(&["track", "add", "SOL"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("stored unverified"), "{}", r.stderr);

    h.ok(&["symbols", "sync"]).await;
    let age = |days: i64| {
        let db = h.data.path().join("cryptodesk.db");
        async move {
            let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", db.display()))
                .await
                .unwrap();
            sqlx::query("UPDATE crypto_symbols SET updated_at = $1")
                .bind(chrono::Utc::now() - chrono::Duration::days(days))
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
        }
    };

    // A day old, the exchange failing: the kept catalogue serves.
    age(2).await;
    h.fake.exchange.push_fault(Fault::Server(503));
    h.ok(&["track", "add", "SOL"]).await;

    // The exchange back: the next check fetches the whole list once, and
    // the checks after it go by the fresh one.
    let before = full_listings(&h);
    h.ok(&["track", "add", "BNB"]).await;
    assert_eq!(full_listings(&h), before + 1);
    h.ok(&["track", "add", "BTC"]).await;
    assert_eq!(full_listings(&h), before + 1);
    let list = h.json(&["track", "list", "--format", "json"]).await;
    assert_eq!(list.as_array().unwrap().len(), 3, "{list}");
}

/// Offline first, as a new user tries it: no catalogue yet and the
/// exchange away, a holding is stored all the same, unverified, and
/// checked at the first poll the exchange answers.
#[tokio::test]
async fn a_holding_added_offline_is_stored_and_checked_later() {
    let h = Harness::sqlite().await;
    h.fake
        .exchange
        .push_fault(cryptodesk_testkit::Fault::Server(503));
    let run = h
        .run(&[
            "portfolio",
            "add",
            "--symbol",
            "BTC",
            "--amount",
            "0.5",
            "--price",
            "30000",
        ])
        .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("stored unverified"), "{}", run.stderr);
    let held = h.json(&["portfolio", "list", "--format", "json"]).await;
    assert_eq!(held.as_array().unwrap().len(), 1, "{held}");
    h.ok(&["collect", "--once"]).await;
    // Verified: a second add of the same asset says nothing of it.
    let run = h
        .run(&[
            "portfolio",
            "add",
            "--symbol",
            "BTC",
            "--amount",
            "0.1",
            "--price",
            "31000",
        ])
        .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("unverified"), "{}", run.stderr);
}
