//! `cryptodesk alerts replay` through the real binary: a candle file and
//! stored history, closes and intrabar ticks, and bad rules refused naming
//! the flag.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use serde_json::{json, Value};
mod common;

use common::run_in;

/// Five hourly candles: closes 99, 101, 99, 100, 101; the third dips to 90
/// and spikes to 110 inside the hour.
const CSV: &str = "time,open,high,low,close,volume
2024-01-01T00:00:00Z,98,99.5,97,99,1
2024-01-01T01:00:00Z,99,101.5,98.5,101,1
2024-01-01T02:00:00Z,101,110,90,99,1
2024-01-01T03:00:00Z,99,100,98,100,1
2024-01-01T04:00:00Z,100,101,99.5,101,1
";

fn fires(out: &str) -> Vec<Value> {
    serde_json::from_str::<Vec<Value>>(out).unwrap()
}

#[test]
fn replay_over_a_file_fires_at_close_times_and_intrabar() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("c.csv");
    std::fs::write(&file, CSV).unwrap();
    let f = file.to_str().unwrap();
    let base = ["alerts", "replay", "--candles", f, "--format", "json"];

    // Closes: up at 01:00 (close time 02:00), down at 03:00, up again at
    // 04:00 (p = level completes), and from the level nothing starts.
    let args = [&base[..], &["--crosses", "100", "--repeat", "every"]].concat();
    let (ok, out, err) = run_in(home.path(), &args);
    assert!(ok, "{err}");
    assert_eq!(
        fires(&out),
        [
            json!({"time": "2024-01-01T02:00:00Z", "price": "101", "kind": "crosses"}),
            json!({"time": "2024-01-01T03:00:00Z", "price": "99", "kind": "crosses"}),
            json!({"time": "2024-01-01T04:00:00Z", "price": "100", "kind": "crosses"}),
        ]
    );
    // once: the first fire only.
    let args = [&base[..], &["--crosses", "100"]].concat();
    assert_eq!(fires(&run_in(home.path(), &args).1).len(), 1);

    // Intrabar: the third candle (down: open, high, low, close) goes above
    // 105 inside the hour; its ticks carry the close time.
    let args = [&base[..], &["--crosses-up", "105", "--intrabar"]].concat();
    let (ok, out, err) = run_in(home.path(), &args);
    assert!(ok, "{err}");
    assert_eq!(
        fires(&out),
        [json!({"time": "2024-01-01T03:00:00Z", "price": "110", "kind": "crosses-up"})]
    );
    let args = [&base[..], &["--crosses-up", "105"]].concat();
    assert!(fires(&run_in(home.path(), &args).1).is_empty());

    // A 10 % drop within 2 hours, seen only intrabar (101 → 90).
    let args = [
        &base[..],
        &["--moves-down", "10%", "--within", "2h", "--intrabar"],
    ]
    .concat();
    let (ok, out, err) = run_in(home.path(), &args);
    assert!(ok, "{err}");
    // The start is a tick stamped 02:00 (101.5), not the same candle's open.
    assert_eq!(
        fires(&out),
        [json!({"time": "2024-01-01T03:00:00Z", "price": "90", "kind": "moves-down"})]
    );
    // Within one candle (110 → 90, −18 %) is no move: one stamp.
    let args = [
        &base[..],
        &["--moves-down", "15", "--within", "1h", "--intrabar"],
    ]
    .concat();
    assert!(fires(&run_in(home.path(), &args).1).is_empty());
    // An expiry cuts the rule: the crossings at 03:00 and after are not fires.
    let args = [
        &base[..],
        &[
            "--crosses",
            "100",
            "--repeat",
            "every",
            "--expires",
            "2024-01-01T03:00:00Z",
        ],
    ]
    .concat();
    assert_eq!(fires(&run_in(home.path(), &args).1).len(), 1);

    // The table says how many.
    let (ok, out, _) = run_in(
        home.path(),
        &[
            "alerts",
            "replay",
            "--candles",
            f,
            "--above",
            "100",
            "--repeat",
            "every",
        ],
    );
    assert!(ok);
    assert!(out.contains("2 fires over 5 candles"), "{out}");
}

#[test]
fn replay_over_stored_history() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("c.csv");
    std::fs::write(&file, CSV).unwrap();
    let (ok, _, err) = run_in(
        home.path(),
        &[
            "history",
            "import",
            "--candles",
            file.to_str().unwrap(),
            "--symbol",
            "BTC",
            "--interval",
            "1h",
        ],
    );
    assert!(ok, "{err}");
    let (ok, out, err) = run_in(
        home.path(),
        &[
            "alerts",
            "replay",
            "--symbol",
            "BTC",
            "--interval",
            "1h",
            "--from",
            "2024-01-01T01:00:00Z",
            "--enters",
            "99.5",
            "100.5",
            "--repeat",
            "every",
            "--format",
            "json",
        ],
    );
    assert!(ok, "{err}");
    // From 01:00: closes 101, 99, 100, 101: enters at 100 (close 04:00).
    assert_eq!(
        fires(&out),
        [json!({"time": "2024-01-01T04:00:00Z", "price": "100", "kind": "enters"})]
    );
}

#[test]
fn bad_rules_are_refused_naming_the_flag() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("c.csv");
    std::fs::write(&file, CSV).unwrap();
    let f = file.to_str().unwrap();
    for (args, flag, words) in [
        (
            &["--enters", "20", "10"][..],
            "--enters",
            "LOW must be below HIGH",
        ),
        (
            &["--moves-up", "0", "--within", "1h"],
            "--moves-up",
            "must be > 0",
        ),
        (&["--moves-up", "5"], "--moves-up", "needs --within"),
        (
            &["--moves-up", "5", "--within", "0s"],
            "--within",
            "more than zero",
        ),
        (
            &["--above", "100", "--cooldown", "1h"],
            "--cooldown",
            "--repeat every",
        ),
        (
            &["--above", "100", "--repeat", "every", "--rearm-band", "100"],
            "--rearm-band",
            "below 100",
        ),
        (&["--above", "100", "--below", "90"], "kind", "only one"),
        (
            &["--enters", "10", "10"],
            "--enters",
            "LOW must be below HIGH",
        ),
        (
            &["--above", "100", "--repeat", "every", "--rearm-band", "-5"],
            "--rearm-band",
            "at least 0",
        ),
        (
            &["--moves-up", "5", "--within", "-1h"],
            "--within",
            "more than zero",
        ),
        (
            &["--moves-down", "-5", "--within", "1h"],
            "--moves-down",
            "must be > 0",
        ),
        (
            &["--above", "100", "--expires", "soon"],
            "--expires",
            "RFC 3339",
        ),
        (&["--repeat", "every"], "kind", "give one of"),
    ] {
        let all = [&["alerts", "replay", "--candles", f][..], args].concat();
        let (ok, out, err) = run_in(home.path(), &all);
        assert!(!ok, "{args:?} was accepted: {out}");
        assert!(err.contains(flag) && err.contains(words), "{args:?}: {err}");
    }
}
