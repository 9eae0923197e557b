//! `cryptodesk indicators` and `cryptodesk backtest` through the real binary.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use serde_json::Value;
use std::path::Path;
use std::process::Command;

mod common;

fn run(args: &[&str]) -> (bool, String, String) {
    let home = tempfile::tempdir().unwrap();
    common::run_in(home.path(), args)
}

fn write(dir: &Path, name: &str, body: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p.display().to_string()
}

fn synth(dir: &Path, rows: usize, seed: u64) -> String {
    let (ok, csv, err) = run(&[
        "synth-candles",
        "--rows",
        &rows.to_string(),
        "--seed",
        &seed.to_string(),
    ]);
    assert!(ok, "{err}");
    write(dir, &format!("c{seed}.csv"), &csv)
}

#[test]
fn indicators_csv_has_the_columns_and_round_trippable_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let file = synth(dir.path(), 60, 3);
    let (ok, out, err) = run(&["indicators", "--candles", &file, "--format", "csv"]);
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "time,sma20,ema12,ema26,rsi14,macd,macd_signal,macd_hist,bb_upper,bb_middle,bb_lower,atr14"
    );
    assert_eq!(lines.len(), 61);
    let row = |i: usize| lines[i + 1].split(',').collect::<Vec<_>>();
    assert_eq!(row(0)[0], "2020-01-01T00:00:00Z");
    // warm-up cells are empty: sma20 until row 19, ema12 until 11, rsi14 until 14, macd until 25, signal until 33
    assert_eq!(row(18)[1], "");
    assert!(!row(19)[1].is_empty());
    assert_eq!(row(10)[2], "");
    assert!(!row(11)[2].is_empty());
    assert_eq!(row(13)[4], "");
    assert!(!row(14)[4].is_empty());
    assert_eq!(row(24)[5], "");
    assert!(!row(25)[5].is_empty());
    assert_eq!(row(32)[6], "");
    assert!(!row(33)[6].is_empty());
    for cell in row(59).iter().skip(1) {
        let v: f64 = cell.parse().unwrap();
        assert_eq!(v.to_string().parse::<f64>().unwrap(), v);
    }
    let (ok, out, _) = run(&[
        "indicators",
        "--candles",
        &file,
        "--sma",
        "50",
        "--rsi",
        "7",
    ]);
    assert!(ok && out.starts_with("time,sma50,ema12,ema26,rsi7,"));
}

#[test]
fn broken_csv_names_line_and_column_and_prints_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "bad.csv", "time,open,high,low,close,volume\n2023-01-01T00:00:00Z,1,2,0.5,1,1\n2023-01-01T01:00:00Z,1,2,0.5,x,1\n");
    for args in [
        vec!["indicators", "--candles", file.as_str()],
        vec![
            "backtest",
            "--candles",
            file.as_str(),
            "--strategy",
            "rsi",
            "--format",
            "json",
        ],
    ] {
        let (ok, out, err) = run(&args);
        assert!(!ok);
        assert!(out.is_empty(), "no output on error: {out}");
        assert!(err.contains("line 3, column close: not a number"), "{err}");
    }
}

#[test]
fn backtest_json_has_params_metrics_and_trades() {
    let dir = tempfile::tempdir().unwrap();
    let file = synth(dir.path(), 3000, 5);
    let (ok, out, err) = run(&[
        "backtest",
        "--candles",
        &file,
        "--strategy",
        "sma-cross",
        "--param",
        "fast=10",
        "--param",
        "slow=30",
        "--cash",
        "10000",
        "--fee",
        "0.001",
        "--format",
        "json",
    ]);
    assert!(ok, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["params"]["fast"], 10.0);
    assert_eq!(v["params"]["slow"], 30.0);
    for k in [
        "final_equity",
        "total_return_pct",
        "num_trades",
        "win_rate_pct",
        "max_drawdown_pct",
        "sharpe",
        "sortino",
        "exposure_pct",
        "fingerprint",
    ] {
        assert!(!v[k].is_null(), "missing {k}");
    }
    let trades = v["trades"].as_array().unwrap();
    assert_eq!(trades.len() as u64, v["num_trades"].as_u64().unwrap());
    let t = &trades[0];
    for k in [
        "entry_time",
        "entry_price",
        "exit_time",
        "exit_price",
        "qty",
        "pnl",
        "exit_reason",
    ] {
        assert!(!t[k].is_null(), "trade misses {k}");
    }
    assert!(t["entry_time"].as_str().unwrap().ends_with('Z'));
    let expected = (v["final_equity"].as_f64().unwrap() / 10_000.0 - 1.0) * 100.0;
    assert!((v["total_return_pct"].as_f64().unwrap() - expected).abs() < 1e-9);
    let (ok, _, err) = run(&[
        "backtest",
        "--candles",
        &file,
        "--strategy",
        "sma-cross",
        "--param",
        "speed=3",
    ]);
    assert!(!ok && err.contains("has no parameter \"speed\""), "{err}");
}

#[test]
fn grid_over_files_is_ranked_and_fingerprinted() {
    let dir = tempfile::tempdir().unwrap();
    let a = synth(dir.path(), 2000, 1);
    let b = synth(dir.path(), 2000, 2);
    let (ok, out, err) = run(&[
        "backtest",
        "--candles",
        &a,
        "--candles",
        &b,
        "--strategy",
        "sma-cross",
        "--grid",
        "fast=5..20:5",
        "--grid",
        "slow=30..60:10",
        "--rank",
        "sharpe",
        "--format",
        "json",
    ]);
    assert!(ok, "{err}");
    let runs: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(runs.len(), 2 * 4 * 4);
    let sharpe: Vec<f64> = runs.iter().map(|r| r["sharpe"].as_f64().unwrap()).collect();
    assert!(sharpe.windows(2).all(|w| w[0] >= w[1]), "ranked by sharpe");
    let mut prints: Vec<&str> = runs
        .iter()
        .map(|r| r["fingerprint"].as_str().unwrap())
        .collect();
    prints.sort();
    prints.dedup();
    assert_eq!(
        prints.len(),
        runs.len(),
        "every run has its own fingerprint"
    );
    // The same run alone gives the same numbers and the same fingerprint.
    let best = &runs[0];
    let (ok, out, _) = run(&[
        "backtest",
        "--candles",
        best["candles"].as_str().unwrap(),
        "--strategy",
        "sma-cross",
        "--param",
        &format!("fast={}", best["params"]["fast"]),
        "--param",
        &format!("slow={}", best["params"]["slow"]),
        "--format",
        "json",
    ]);
    assert!(ok);
    let single: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(single["fingerprint"], best["fingerprint"]);
    assert_eq!(single["final_equity"], best["final_equity"]);
}

#[test]
fn backtest_reads_stored_candles_from_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let file = synth(dir.path(), 800, 9);
    let data = dir.path().join("data");
    let cli = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_cryptodesk"))
            .args(args)
            .env("CRYPTODESK_DATA_DIR", &data)
            .env("CRYPTODESK_KEYRING", "off")
            .envs(cryptodesk_testkit::isolated_env(dir.path()))
            .env_remove("DATABASE_URL")
            .current_dir(dir.path())
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (ok, _, err) = cli(&["db", "migrate"]);
    assert!(ok, "{err}");
    // Store the same candles the CSV holds, as a collector would.
    let csv = std::fs::read_to_string(&file).unwrap();
    let db = data.join("cryptodesk.db");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = cryptodesk_store::Store::connect(&format!("sqlite://{}", db.display()), 1)
            .await
            .unwrap();
        let dec = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
        let rows: Vec<cryptodesk_store::CandleRow> = csv
            .lines()
            .skip(1)
            .map(|line| {
                let f: Vec<&str> = line.split(',').collect();
                cryptodesk_store::CandleRow {
                    open_time: chrono::DateTime::parse_from_rfc3339(f[0])
                        .unwrap()
                        .timestamp_millis(),
                    open: dec(f[1]),
                    high: dec(f[2]),
                    low: dec(f[3]),
                    close: dec(f[4]),
                    volume: dec(f[5]),
                }
            })
            .collect();
        store.upsert_candles("BTCUSDT", "1h", &rows).await.unwrap();
        store.close().await;
    });
    let args = ["--strategy", "rsi", "--format", "json"];
    let (ok, from_db, err) = cli(&[
        &[
            "backtest",
            "--symbol",
            "BTC",
            "--interval",
            "1h",
            "--from",
            "2020-01-01",
        ][..],
        &args[..],
    ]
    .concat());
    assert!(ok, "{err}");
    let (ok, from_csv, _) =
        cli(&[&["backtest", "--candles", file.as_str()][..], &args[..]].concat());
    assert!(ok);
    let (a, b): (Value, Value) = (
        serde_json::from_str(&from_db).unwrap(),
        serde_json::from_str(&from_csv).unwrap(),
    );
    assert_eq!(a["bars"], 800);
    assert_eq!(a["final_equity"], b["final_equity"]);
    assert_eq!(a["trades"], b["trades"]);
    let (ok, _, err) = cli(&["backtest", "--symbol", "ETH", "--strategy", "rsi"]);
    assert!(!ok && err.contains("no stored 1h candles for ETH"), "{err}");
}
