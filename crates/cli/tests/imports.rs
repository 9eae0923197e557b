//! `cryptodesk portfolio import / export` end to end with sample files in
//! the exchanges' shapes (`tests/data/`), on SQLite and PostgreSQL: the
//! issue's holder who bought BTC in EUR in 2024 (Coinbase) and in CZK in
//! 2025 (Binance) and sold some on Kraken sees, after importing the files,
//! the same P&L as when typing the trades in (`tests/portfolio.rs`).

#![allow(clippy::unwrap_used)] // tests fail loudly by design

mod common;

use common::harness::Harness;
use serde_json::Value;
use std::path::PathBuf;

fn data(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
        .display()
        .to_string()
}

async fn import(h: &Harness, file: &str, extra: &[&str]) -> Value {
    let path = data(file);
    let mut args = vec!["portfolio", "import", path.as_str(), "--format", "json"];
    args.extend_from_slice(extra);
    h.json(&args).await
}

async fn three_exchanges(h: Harness) {
    h.publish_fx();
    let cb = import(&h, "coinbase.csv", &[]).await;
    assert_eq!(cb["source"], "coinbase");
    assert_eq!(cb["stored_buys"], 1);
    assert_eq!(
        cb["ignored"][0]["line"], 7,
        "the Send row is listed, not imported"
    );
    let bn = import(&h, "binance.csv", &[]).await;
    assert_eq!(bn["source"], "binance", "BOM and CRLF read");
    assert_eq!(bn["stored_buys"], 1);
    let kr = import(&h, "kraken.csv", &["--from", "kraken"]).await;
    assert_eq!(kr["stored_sells"], 1);

    let sum = h.json(&["portfolio", "summary", "--format", "json"]).await;
    for (key, want) in [
        ("cost_usd", "12489.59200666"),
        ("cost_czk", "300000"),
        ("unrealized_pnl_usd", "6878.83799334"),
        ("unrealized_pnl_eur", "4768.02629364"),
        ("realized_pnl_usd", "9115.63877928"),
        ("realized_pnl_eur", "6248.61981682"),
        ("realized_pnl_czk", "152048.04347826"),
    ] {
        assert_eq!(sum["total"][key], want, "{key}");
    }

    // A re-import stores nothing twice.
    for file in ["coinbase.csv", "binance.csv", "kraken.csv"] {
        let again = import(&h, file, &[]).await;
        assert_eq!(again["duplicates"], 1, "{file}: {again}");
        assert_eq!(
            (again["stored_buys"].clone(), again["stored_sells"].clone()),
            (0.into(), 0.into())
        );
    }
    let txs = h
        .json(&["portfolio", "transactions", "--format", "json"])
        .await;
    assert_eq!(txs.as_array().unwrap().len(), 3);
    h.drop_db().await;
}

#[tokio::test]
async fn sqlite_imports_from_three_exchanges_give_the_typed_in_pnl() {
    three_exchanges(Harness::sqlite().await).await;
}

#[tokio::test]
async fn postgres_imports_from_three_exchanges_give_the_typed_in_pnl() {
    three_exchanges(Harness::postgres("imports").await).await;
}

async fn all_or_nothing(h: Harness) {
    h.publish_fx();
    let path = data("kraken_broken.csv");
    let r = h.run(&["portfolio", "import", path.as_str()]).await;
    assert_ne!(r.code, 0, "a bad row refuses the file");
    for want in [
        "line 3, column \"pair\": crypto-to-crypto",
        "line 4, column \"price\": not a number",
        "line 5, column \"time\"",
    ] {
        assert!(r.stderr.contains(want), "{want}:\n{}", r.stderr);
    }
    assert!(r.stderr.contains("nothing was stored"), "{}", r.stderr);
    let txs = h
        .json(&["portfolio", "transactions", "--format", "json"])
        .await;
    assert_eq!(txs.as_array().unwrap().len(), 0);

    let dry = import(&h, "kraken_broken.csv", &["--dry-run"]).await;
    assert_eq!(dry["valid"], 1);
    assert_eq!(dry["rows"][0]["symbol"], "SOL");
    assert_eq!(dry["committed"], false);
    let txs = h
        .json(&["portfolio", "transactions", "--format", "json"])
        .await;
    assert_eq!(txs.as_array().unwrap().len(), 0, "a dry run stores nothing");

    let some = import(&h, "kraken_broken.csv", &["--skip-invalid"]).await;
    assert_eq!(some["stored_buys"], 1);
    assert_eq!(some["errors"].as_array().unwrap().len(), 3);

    // A sale selling more than the file and the store hold is refused by line.
    let oversell = h.data.path().join("oversell.csv");
    std::fs::write(
        &oversell,
        "txid,ordertxid,pair,time,type,ordertype,price,cost,fee,vol,margin,misc,ledgers\n\
         TS-9,O,SOLUSD,2025-03-10 09:00:00,sell,market,170,170,0,5,0,,\n",
    )
    .unwrap();
    let r = h
        .run(&["portfolio", "import", oversell.to_str().unwrap()])
        .await;
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("line 2, column \"amount\""),
        "{}",
        r.stderr
    );

    let wrong = h.data.path().join("wrong.csv");
    std::fs::write(&wrong, "when,what\n2024-01-01,x\n").unwrap();
    let r = h
        .run(&["portfolio", "import", wrong.to_str().unwrap()])
        .await;
    assert!(r.stderr.contains("unknown file"), "{}", r.stderr);
    h.drop_db().await;
}

#[tokio::test]
async fn sqlite_imports_are_all_or_nothing() {
    all_or_nothing(Harness::sqlite().await).await;
}

#[tokio::test]
async fn postgres_imports_are_all_or_nothing() {
    all_or_nothing(Harness::postgres("import_aon").await).await;
}

#[tokio::test]
async fn the_own_format_round_trips_exactly() {
    let a = Harness::sqlite().await;
    a.publish_fx();
    import(&a, "coinbase.csv", &[]).await;
    import(&a, "kraken_broken.csv", &["--skip-invalid"]).await;
    a.ok(&[
        "portfolio",
        "add",
        "--symbol",
        "ETH",
        "--amount",
        "2",
        "--price",
        "2500.5",
        "--currency",
        "CZK",
        "--date",
        "2025-01-10",
        "--source",
        "wallet, cold",
        "--fx-rate",
        "CZK=24.5",
    ])
    .await;
    a.ok(&[
        "portfolio",
        "add",
        "--symbol",
        "ETH",
        "--amount",
        "2",
        "--price",
        "2500.5",
        "--currency",
        "CZK",
        "--date",
        "2025-01-10",
        "--source",
        "wallet, cold",
        "--fx-rate",
        "CZK=24.5",
    ])
    .await;
    a.ok(&[
        "portfolio",
        "sell",
        "--symbol",
        "BTC",
        "--amount",
        "0.1",
        "--price",
        "70000",
        "--date",
        "2025-05-01",
        "--commission",
        "1.5",
    ])
    .await;
    let first = a.data.path().join("first.csv");
    a.ok(&["portfolio", "export", first.to_str().unwrap()])
        .await;

    let b = Harness::sqlite().await;
    b.publish_fx();
    let r = import(&b, first.to_str().unwrap(), &[]).await;
    assert_eq!(r["source"], "cryptodesk");
    assert_eq!(r["stored_buys"], 4, "identical rows stay two: {r}");
    let second = b.data.path().join("second.csv");
    b.ok(&["portfolio", "export", second.to_str().unwrap()])
        .await;
    let (x, y) = (
        std::fs::read_to_string(&first).unwrap(),
        std::fs::read_to_string(&second).unwrap(),
    );
    assert_eq!(x, y);
    assert!(x.contains("\"wallet, cold\""), "{x}");
    assert!(x.contains("kraken:TA-1"), "exchange ids travel: {x}");
    // And importing it again stores nothing twice.
    let again = import(&b, second.to_str().unwrap(), &[]).await;
    assert_eq!(again["duplicates"], 5, "{again}");
}

#[tokio::test]
async fn a_100k_row_binance_export_imports_in_one_transaction() {
    let h = Harness::sqlite().await;
    let file = h.data.path().join("big.csv");
    let mut text = String::from("\u{feff}Date(UTC),Pair,Side,Price,Executed,Amount,Fee\r\n");
    for i in 0..100_000u32 {
        let day = 1 + i % 28;
        text.push_str(&format!(
            "2024-{:02}-{day:02} 10:{:02}:{:02},SOLUSDT,BUY,{}.{:02},0.{:04}SOL,1USDT,0.001USDT\r\n",
            1 + (i / 28) % 12,
            (i / 60) % 60,
            i % 60,
            100 + i % 50,
            i % 100,
            1 + i % 9999,
        ));
    }
    std::fs::write(&file, &text).unwrap();
    let start = std::time::Instant::now();
    let r = import(&h, file.to_str().unwrap(), &[]).await;
    let secs = start.elapsed().as_secs_f64();
    assert_eq!(
        r["stored_buys"].as_u64().unwrap() + r["duplicates"].as_u64().unwrap(),
        100_000,
        "{}",
        r["errors"]
    );
    eprintln!(
        "imported 100,000 Binance rows in {secs:.2} s (debug build, whole process): {:.0} rows/s",
        100_000.0 / secs
    );
}
