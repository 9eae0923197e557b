//! `cryptodesk alerts edit | enable | disable` end to end: the real binary
//! against the fake exchange, on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

mod common;

use common::harness::Harness;
use serde_json::Value;

async fn alert(h: &Harness, id: &str) -> Value {
    let all = h
        .json(&["alerts", "list", "--all", "--format", "json"])
        .await;
    all.as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"].as_i64() == id.parse().ok())
        .cloned()
        .unwrap_or(Value::Null)
}

async fn edit_disable_enable(h: &Harness) {
    let added = h
        .json(&[
            "alerts",
            "add",
            "--symbol",
            "BTC",
            "--above",
            "150000",
            "--message",
            "moon",
            "--format",
            "json",
        ])
        .await;
    let id = added[0]["id"].to_string();

    // Edit: only what is given changes.
    let edited = h
        .json(&[
            "alerts", "edit", &id, "--above", "90000", "--format", "json",
        ])
        .await;
    assert_eq!(edited[0]["threshold_price"], "90000");
    assert_eq!(edited[0]["alert_type"], "above");
    assert_eq!(edited[0]["message"], "moon");
    assert_eq!(edited[0]["symbol"], "BTC");
    let cleared = h
        .json(&["alerts", "edit", &id, "--message", "", "--format", "json"])
        .await;
    assert_eq!(cleared[0]["message"], Value::Null);
    assert_eq!(cleared[0]["threshold_price"], "90000");

    // Bad edits name what is wrong and change nothing.
    let bad = h.run(&["alerts", "edit", &id, "--below", "-5"]).await;
    assert_ne!(bad.code, 0);
    assert!(bad.stderr.contains("--below"), "{}", bad.stderr);
    assert_eq!(alert(h, &id).await["threshold_price"], "90000");
    let missing = h.run(&["alerts", "edit", "999999", "--above", "1"]).await;
    assert_ne!(missing.code, 0);
    assert!(
        missing.stderr.contains("alert 999999 not found"),
        "{}",
        missing.stderr
    );

    // Disabled: kept, not listed as active, and it does not fire (BTC is at
    // 96842.15 on the fake exchange, above 90000).
    h.ok(&["alerts", "disable", &id]).await;
    assert_eq!(alert(h, &id).await["is_active"], false);
    let active = h.json(&["alerts", "list", "--format", "json"]).await;
    assert!(active.as_array().unwrap().is_empty(), "{active}");
    h.ok(&["collect", "--once"]).await;
    let history = h.json(&["alerts", "history", "--format", "json"]).await;
    assert!(history.as_array().unwrap().is_empty(), "{history}");
    // Editing a disabled alert keeps it disabled.
    let edited = h
        .json(&[
            "alerts",
            "edit",
            &id,
            "--message",
            "later",
            "--format",
            "json",
        ])
        .await;
    assert_eq!(edited[0]["is_active"], false);
    assert_eq!(alert(h, &id).await["is_active"], false);

    // Enabled again: it fires at the next poll.
    h.ok(&["alerts", "enable", &id]).await;
    assert_eq!(alert(h, &id).await["is_active"], true);
    h.ok(&["collect", "--once"]).await;
    let history = h.json(&["alerts", "history", "--format", "json"]).await;
    assert_eq!(history.as_array().unwrap().len(), 1, "{history}");
    assert_eq!(history[0]["alert_id"].to_string(), id);
    let gone = h.run(&["alerts", "enable", "999999"]).await;
    assert_ne!(gone.code, 0);
}

#[tokio::test]
async fn edit_disable_enable_on_sqlite() {
    edit_disable_enable(&Harness::sqlite().await).await;
}

#[tokio::test]
async fn edit_disable_enable_on_postgres() {
    let h = Harness::postgres("alerts_manage").await;
    edit_disable_enable(&h).await;
    h.drop_db().await;
}
