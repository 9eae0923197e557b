//! Cross-check against backtesting.py: closed trades recorded by
//! `bench/crosscheck_backtesting_py.py` (FractionalBacktest,
//! trade_on_close=False, finalize_trades=False) on the committed fixture
//! candles must match this engine's trades closed by a signal.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use cryptodesk_core::backtest::{self, Config, ExitReason, Strategy};
use cryptodesk_core::candles;
use serde_json::Value;
use std::collections::BTreeMap;

fn close(a: f64, b: f64, what: &str) {
    let tol = 1e-9 * a.abs().max(b.abs()).max(1.0);
    assert!((a - b).abs() <= tol, "{what}: ours {a}, backtesting.py {b}");
}

#[test]
fn closed_trades_match_backtesting_py() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let csv = std::fs::read(format!("{dir}/crosscheck.csv")).unwrap();
    let data = candles::parse_csv(&csv).unwrap();
    let fixture: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/crosscheck.json")).unwrap())
            .unwrap();
    let cfg = Config {
        cash: fixture["cash"].as_f64().unwrap(),
        fee: fixture["fee"].as_f64().unwrap(),
    };
    let mut compared = 0;
    for case in fixture["cases"].as_array().unwrap() {
        let params: BTreeMap<String, f64> = case["params"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_f64().unwrap()))
            .collect();
        let strategy = Strategy::from_params(case["strategy"].as_str().unwrap(), &params).unwrap();
        let report = backtest::run(&data, &strategy, &cfg);
        let ours: Vec<_> = report
            .trades
            .iter()
            .filter(|t| t.exit_reason == ExitReason::Signal)
            .collect();
        let theirs = case["trades"].as_array().unwrap();
        assert_eq!(
            ours.len(),
            theirs.len(),
            "{strategy:?}: number of closed trades"
        );
        assert!(
            !ours.is_empty(),
            "{strategy:?}: the fixture must exercise trades"
        );
        for (o, t) in ours.iter().zip(theirs) {
            let what = format!("{strategy:?} trade entering at bar {}", o.entry_index);
            assert_eq!(
                o.entry_index as u64,
                t["entry_index"].as_u64().unwrap(),
                "{what}: entry bar"
            );
            assert_eq!(
                o.exit_index as u64,
                t["exit_index"].as_u64().unwrap(),
                "{what}: exit bar"
            );
            close(
                o.entry_price,
                t["entry_price"].as_f64().unwrap(),
                &format!("{what}: entry price"),
            );
            close(
                o.exit_price,
                t["exit_price"].as_f64().unwrap(),
                &format!("{what}: exit price"),
            );
            close(o.qty, t["qty"].as_f64().unwrap(), &format!("{what}: qty"));
            close(o.pnl, t["pnl"].as_f64().unwrap(), &format!("{what}: pnl"));
            compared += 1;
        }
    }
    assert!(compared > 100, "compared {compared} trades");
}
