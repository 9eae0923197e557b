//! Gap repair end to end: the collector, started after an outage, fills
//! the hole in the stored 1m history with the exchange's own closed
//! candles (no holes, no duplicates), and asks nothing when there is none.
//! On SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

mod common;

use chrono::{TimeZone, Utc};
use common::harness::Harness;
use serde_json::Value;

const MINUTE: i64 = 60_000;

fn rfc3339(ms: i64) -> String {
    Utc.timestamp_millis_opt(ms).unwrap().to_rfc3339()
}

fn btc_1m(status: &Value) -> Value {
    status
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["symbol"] == "BTC" && s["interval"] == "1m")
        .cloned()
        .unwrap_or(Value::Null)
}

async fn an_outage_is_repaired(h: &Harness) {
    let now = Utc::now().timestamp_millis();
    let current = now - now.rem_euclid(MINUTE);
    let start = current - 300 * MINUTE;
    // The exchange has every minute up to the one open now.
    h.fake.exchange.generate_klines("BTCUSDT", "1m", start, 301);
    // Stored before the outage: the first hour, then nothing.
    h.ok(&[
        "history",
        "backfill",
        "--symbol",
        "BTC",
        "--interval",
        "1m",
        "--from",
        &rfc3339(start),
        "--to",
        &rfc3339(start + 60 * MINUTE),
    ])
    .await;
    h.ok(&["track", "add", "BTC"]).await;
    let before = btc_1m(&h.json(&["history", "status", "--format", "json"]).await);
    assert_eq!(before["count"], 60, "{before}");

    h.fake.exchange.clear_requests();
    h.ok(&["collect", "--once"]).await;
    assert!(h.kline_requests() >= 1);
    let after = btc_1m(&h.json(&["history", "status", "--format", "json"]).await);
    assert_eq!(after["gaps"].as_array().unwrap().len(), 0, "{after}");
    // The 60 stored, the 240 closed minutes since, and the one the poll
    // is folding prices into now (or, past a minute boundary, two).
    let count = after["count"].as_i64().unwrap();
    assert!((301..=302).contains(&count), "{after}");
    // The exchange's own candle, exactly (candle 60 of the generated run
    // closes at 160.00).
    let hole = h
        .json(&[
            "history",
            "export",
            "--symbol",
            "BTC",
            "--interval",
            "1m",
            "--from",
            &rfc3339(start + 60 * MINUTE),
            "--to",
            &rfc3339(start + 61 * MINUTE),
            "--format",
            "json",
        ])
        .await;
    assert_eq!(hole.as_array().unwrap().len(), 1, "{hole}");
    assert_eq!(hole[0]["close"], "160", "{hole}");

    // Nothing missing: the next start asks the exchange for no candles.
    h.fake.exchange.clear_requests();
    h.ok(&["collect", "--once"]).await;
    assert_eq!(h.kline_requests(), 0);
}

#[tokio::test]
async fn an_outage_is_repaired_on_sqlite() {
    an_outage_is_repaired(&Harness::sqlite().await).await;
}

#[tokio::test]
async fn an_outage_is_repaired_on_postgres() {
    let h = Harness::postgres("gap_repair").await;
    an_outage_is_repaired(&h).await;
    h.drop_db().await;
}
