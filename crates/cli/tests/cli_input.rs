//! Bad input through the real binary: a clear error naming the field, a
//! non-zero exit, and nothing stored.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

mod common;

use common::harness::Harness;
use serde_json::Value;

/// The tests' view of a run: success, stdout, stderr.
struct Env(Harness);

impl Env {
    async fn new() -> Self {
        Env(Harness::sqlite().await)
    }

    async fn run(&self, args: &[&str]) -> (bool, String, String) {
        let r = self.0.run(args).await;
        (r.code == 0, r.stdout, r.stderr)
    }

    async fn count(&self, what: &str) -> usize {
        let list = self.0.json(&[what, "list", "--format", "json"]).await;
        list.as_array().unwrap().len()
    }
}

#[tokio::test]
async fn bad_holdings_are_refused_naming_the_field() {
    let env = Env::new().await;
    let long = "x".repeat(10 * 1024);
    let base = [
        "portfolio",
        "add",
        "--symbol",
        "BTC",
        "--amount",
        "1",
        "--price",
        "100",
        "--currency",
        "USD",
    ];
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--amount", "-1"], "amount must be > 0"),
        (vec!["--amount", "0"], "amount must be > 0"),
        (vec!["--amount", "NaN"], "amount must be a decimal number"),
        (
            vec!["--price", "1.123456789"],
            "price must have at most 8 decimals",
        ),
        (vec!["--price", "1000000000000"], "price must be below"),
        (
            vec!["--currency", "GBP"],
            "currency must be one of USD, EUR, CZK",
        ),
        (vec!["--symbol", ""], "symbol must not be empty"),
        (
            vec!["--symbol", "NOPE"],
            "symbol NOPE: the exchange does not list NOPEUSDT",
        ),
        (vec!["--symbol", "SRM"], "SRMUSDT is not trading"),
        (vec!["--source", &long], "source must be at most"),
        (vec!["--date", "2024-13-01"], "date must be YYYY-MM-DD"),
        (vec!["--commission", "-2"], "commission must be >= 0"),
    ];
    for (over, want) in cases {
        let mut args: Vec<&str> = base.to_vec();
        // later flags override earlier ones
        for pair in over.chunks(2) {
            let pos = args.iter().position(|a| *a == pair[0]);
            match pos {
                Some(p) => args[p + 1] = pair[1],
                None => args.extend(pair),
            }
        }
        let (ok, _, err) = env.run(&args).await;
        assert!(!ok, "{args:?} was accepted");
        assert!(err.contains(want), "{args:?}: want {want:?} in {err:?}");
    }
    assert_eq!(env.count("portfolio").await, 0, "nothing was stored");
    let (ok, _, err) = env.run(&base).await;
    assert!(ok, "{err}");
    assert_eq!(env.count("portfolio").await, 1);
}

#[tokio::test]
async fn bad_alerts_are_refused_naming_the_field() {
    let env = Env::new().await;
    let long = "x".repeat(10 * 1024);
    for (args, want) in [
        (
            vec!["alerts", "add", "--symbol", "BTC", "--above", "-5"],
            "threshold must be > 0",
        ),
        (
            vec!["alerts", "add", "--symbol", "BTC", "--above", "abc"],
            "threshold must be a decimal number",
        ),
        (
            vec![
                "alerts",
                "add",
                "--symbol",
                "BTC",
                "--above",
                "1",
                "--message",
                long.as_str(),
            ],
            "message must be at most 500 characters",
        ),
        (
            vec!["alerts", "add", "--symbol", "DOGEX", "--below", "1"],
            "does not list DOGEXUSDT",
        ),
    ] {
        let (ok, _, err) = env.run(&args).await;
        assert!(!ok);
        assert!(err.contains(want), "want {want:?} in {err:?}");
    }
    assert_eq!(env.count("alerts").await, 0);
}

#[tokio::test]
async fn holdings_round_trip_through_the_cli() {
    let env = Env::new().await;
    let (ok, _, err) = env
        .run(&[
            "portfolio",
            "add",
            "--symbol",
            "btc",
            "--amount",
            "0.5",
            "--price",
            "30000",
            "--currency",
            "USD",
            "--date",
            "2024-01-15",
            "--commission",
            "2.5",
            "--source",
            "Binance",
        ])
        .await;
    assert!(ok, "{err}");
    let (ok, out, _) = env.run(&["portfolio", "list", "--format", "json"]).await;
    assert!(ok);
    let rows: Value = serde_json::from_str(&out).unwrap();
    let r = &rows[0];
    for (k, v) in [
        ("symbol", "BTC"),
        ("amount", "0.5"),
        ("price_buy", "30000"),
        ("base_currency", "USD"),
        ("purchase_date", "2024-01-15"),
        ("commission", "2.5"),
        ("source", "Binance"),
        ("current_price", "96842.15"),
        ("value_usd", "48421.075"),
        ("pnl_usd", "33418.575"),
    ] {
        assert_eq!(r[k], v, "{k} in {r}");
    }
    let id = r["id"].as_i64().unwrap().to_string();
    let (ok, _, err) = env.run(&["portfolio", "remove", &id]).await;
    assert!(ok, "{err}");
    assert_eq!(env.count("portfolio").await, 0);
    let (ok, _, err) = env.run(&["portfolio", "remove", &id]).await;
    assert!(!ok && err.contains("not found"), "{err}");
}

#[tokio::test]
async fn config_show_shows_what_the_settings_page_saved() {
    let env = Env::new().await;
    // Where the app's Settings page writes (the OS config folder).
    let file = env.0.data.path().join("config/cryptodesk/config.env");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(
        &file,
        "CRYPTODESK_DISPLAY_CURRENCY=CZK\nCRYPTODESK_THEME=dark\nCRYPTODESK_START_MINIMIZED=on\n\
         CRYPTODESK_START_AT_LOGIN=off\nTELEGRAM_CHAT_ID=-100200\n",
    )
    .unwrap();
    let (ok, out, err) = env.run(&["config", "show"]).await;
    assert!(ok, "{err}");
    for line in [
        "CRYPTODESK_DISPLAY_CURRENCY=CZK",
        "CRYPTODESK_THEME=dark",
        "CRYPTODESK_START_MINIMIZED=on",
        "CRYPTODESK_START_AT_LOGIN=off",
        "TELEGRAM_CHAT_ID=-100200",
        "CRYPTODESK_NOTIFICATIONS=off",
    ] {
        assert!(
            out.lines().any(|l| l == line),
            "{line} missing from:\n{out}"
        );
    }
    assert!(
        out.contains(&file.display().to_string()) || err.contains(&file.display().to_string()),
        "names the file:\n{out}{err}"
    );

    std::fs::write(&file, "CRYPTODESK_THEME=blue\n").unwrap();
    let (ok, _, err) = env.run(&["config", "show"]).await;
    assert!(!ok, "an unusable setting is refused");
    assert!(err.contains("CRYPTODESK_THEME"), "{err}");
}
