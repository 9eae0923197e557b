//! Alert rules of every kind end to end: stored by `alerts add` with their
//! frequency, refused with the flag named, and fired live by `collect`
//! exactly as the rules say. Each poll is a new process, so every step
//! also proves the rule's state (previous price, armed or not, last fire)
//! survives a restart. On SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

mod common;

use common::harness::Harness;
use serde_json::Value;

async fn fired(h: &Harness) -> Vec<Value> {
    h.json(&["alerts", "history", "--format", "json"])
        .await
        .as_array()
        .unwrap()
        .clone()
}

/// Sets BTC's price on the fake exchange and runs one poll.
async fn poll_at(h: &Harness, price: &str) {
    h.fake.exchange.set_price("BTCUSDT", price);
    h.ok(&["collect", "--once"]).await;
}

async fn rules_fire_live(h: &Harness) {
    // BTC is at 96842.15 on the fake exchange.
    let crossing = h
        .json(&[
            "alerts",
            "add",
            "--symbol",
            "BTC",
            "--crosses-up",
            "100000",
            "--repeat",
            "every",
            "--rearm-band",
            "2%",
            "--message",
            "breakout",
            "--format",
            "json",
        ])
        .await;
    let a = &crossing[0];
    assert_eq!(a["alert_type"], "crosses-up");
    assert_eq!(a["threshold_price"], "100000");
    assert_eq!(a["repeat"], "every");
    assert_eq!(a["rearm_band"], "2");
    let channel = h
        .json(&[
            "alerts", "add", "--symbol", "BTC", "--exits", "90000", "101000", "--format", "json",
        ])
        .await;
    assert_eq!(channel[0]["alert_type"], "exits");
    assert_eq!(channel[0]["upper_price"], "101000");
    assert_eq!(channel[0]["repeat"], "once");

    // First tick: no previous price, so nothing crosses or exits.
    poll_at(h, "96842.15").await;
    assert!(fired(h).await.is_empty());
    // prev 96842.15 < 100000 ≤ 100500: the crossing fires; still inside
    // the channel.
    poll_at(h, "100500").await;
    let history = fired(h).await;
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(history[0]["alert_type"], "crosses-up");
    assert_eq!(history[0]["rule"], "crosses-up 100000");
    assert_eq!(history[0]["triggered_price"], "100500");
    assert_eq!(history[0]["message"], "breakout");
    // Disarmed until below 98000 (2% under the level): down to 99000 and
    // up again does not fire.
    poll_at(h, "99000").await;
    poll_at(h, "100700").await;
    assert_eq!(fired(h).await.len(), 1);
    // 97000 re-arms it; p = 100000 exactly completes the next crossing.
    poll_at(h, "97000").await;
    poll_at(h, "100000").await;
    let history = fired(h).await;
    assert_eq!(history.len(), 2, "{history:?}");
    assert_eq!(history[0]["triggered_price"], "100000");
    // Leaving the channel fires the `exits` rule once, which ends it.
    poll_at(h, "101500").await;
    let history = fired(h).await;
    assert_eq!(history.len(), 3, "{history:?}");
    assert_eq!(history[0]["rule"], "exits 90000–101000");
    let all = h
        .json(&["alerts", "list", "--all", "--format", "json"])
        .await;
    let by_kind = |k: &str| {
        all.as_array()
            .unwrap()
            .iter()
            .find(|a| a["alert_type"] == k)
            .cloned()
            .unwrap()
    };
    assert_eq!(by_kind("exits")["is_active"], false);
    assert_eq!(by_kind("crosses-up")["is_active"], true);
    assert!(by_kind("crosses-up")["last_fired_at"].is_string());
    let table = h.ok(&["alerts", "list", "--all"]).await;
    assert!(table.contains("crosses-up 100000"), "{table}");
    assert!(table.contains("every, band 2%"), "{table}");
    assert!(table.contains("fired"), "{table}");
}

async fn bad_rules_name_the_flag(h: &Harness) {
    let cases: [(&[&str], &str); 9] = [
        (&["--enters", "3500", "3000"], "--enters"),
        (&["--exits", "3000", "3000"], "--exits"),
        (&["--moves-up", "5"], "--moves-up"),
        (&["--moves-up", "0", "--within", "1h"], "--moves-up"),
        (&["--moves-down", "5", "--within", "0m"], "--within"),
        (
            &["--above", "1", "--repeat", "every", "--rearm-band", "100"],
            "--rearm-band",
        ),
        (&["--above", "1", "--cooldown", "15m"], "--cooldown"),
        (&["--above", "1", "--expires", "2020-01-01"], "--expires"),
        (&["--above", "1", "--below", "2"], "only one rule kind"),
    ];
    for (flags, named) in cases {
        let mut args = vec!["alerts", "add", "--symbol", "BTC"];
        args.extend_from_slice(flags);
        let run = h.run(&args).await;
        assert_ne!(run.code, 0, "{flags:?} was accepted");
        assert!(run.stderr.contains(named), "{flags:?}: {}", run.stderr);
    }
    let all = h
        .json(&["alerts", "list", "--all", "--format", "json"])
        .await;
    assert!(all.as_array().unwrap().is_empty(), "nothing stored: {all}");
    // A move with its window, a cooldown with every, an expiry ahead.
    let ok = h
        .json(&[
            "alerts",
            "add",
            "--symbol",
            "BTC",
            "--moves-down",
            "5%",
            "--within",
            "1h",
            "--repeat",
            "every",
            "--cooldown",
            "15m",
            "--expires",
            "2099-01-01",
            "--format",
            "json",
        ])
        .await;
    assert_eq!(ok[0]["alert_type"], "moves-down");
    assert_eq!(ok[0]["within_secs"], 3600);
    assert_eq!(ok[0]["cooldown_secs"], 900);
    assert_eq!(ok[0]["expires_at"], "2099-01-01T00:00:00Z");
    // Edit keeps what is not given: only the percent changes.
    let id = ok[0]["id"].to_string();
    let edited = h
        .json(&[
            "alerts",
            "edit",
            &id,
            "--moves-down",
            "7",
            "--format",
            "json",
        ])
        .await;
    assert_eq!(edited[0]["threshold_price"], "7");
    assert_eq!(edited[0]["within_secs"], 3600);
    assert_eq!(edited[0]["repeat"], "every");
    assert_eq!(edited[0]["cooldown_secs"], 900);
    assert_eq!(edited[0]["expires_at"], "2099-01-01T00:00:00Z");
}

#[tokio::test]
async fn rules_fire_live_on_sqlite() {
    rules_fire_live(&Harness::sqlite().await).await;
}

#[tokio::test]
async fn rules_fire_live_on_postgres() {
    let h = Harness::postgres("alert_rules").await;
    rules_fire_live(&h).await;
    h.drop_db().await;
}

#[tokio::test]
async fn bad_rules_name_the_flag_on_sqlite() {
    bad_rules_name_the_flag(&Harness::sqlite().await).await;
}

#[tokio::test]
async fn bad_rules_name_the_flag_on_postgres() {
    let h = Harness::postgres("alert_rules_bad").await;
    bad_rules_name_the_flag(&h).await;
    h.drop_db().await;
}
