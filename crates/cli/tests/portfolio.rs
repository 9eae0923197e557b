//! `cryptodesk portfolio` and `cryptodesk fx` end to end: the real binary
//! against the fake exchange and the fake FX services, on SQLite and on
//! PostgreSQL. Every expected figure was computed by hand (to 50 digits,
//! rounded to 8 places) from the rates the fake serves.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

mod common;

use common::harness::Harness;
use serde_json::Value;

/// (Rates: `Harness::publish_fx`; BTC at the fake exchange's sample price
/// 96842.15.) A holder who bought BTC in EUR in 2024 and in CZK in 2025 (on a
/// Saturday: Friday's rates) and sold some in USD on Kraken.
async fn buy_buy_sell(h: &Harness) {
    h.ok(&[
        "portfolio",
        "add",
        "--symbol",
        "BTC",
        "--amount",
        "0.5",
        "--price",
        "60000",
        "--currency",
        "EUR",
        "--date",
        "2024-03-15",
        "--commission",
        "10",
    ])
    .await;
    h.ok(&[
        "portfolio",
        "add",
        "--symbol",
        "BTC",
        "--amount",
        "0.3",
        "--price",
        "1500000",
        "--currency",
        "CZK",
        "--date",
        "2025-02-15",
    ])
    .await;
    h.ok(&[
        "portfolio",
        "sell",
        "--symbol",
        "BTC",
        "--amount",
        "0.6",
        "--price",
        "80000",
        "--currency",
        "USD",
        "--date",
        "2025-06-02",
        "--commission",
        "20",
        "--source",
        "Kraken",
    ])
    .await;
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

async fn pnl_in_three_currencies(h: Harness) {
    h.publish_fx();
    buy_buy_sell(&h).await;

    let rows = h.json(&["portfolio", "list", "--format", "json"]).await;
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2, "one row per buy: {rows:?}");
    // Buy 1: (0.5 × 60000 + 10) EUR at R_EUR 0.92, R_CZK 23.1; all sold (FIFO).
    assert_eq!(s(&rows[0]["purchase_price_eur"]), "60000");
    assert_eq!(s(&rows[0]["purchase_price_czk"]), "1506521.73913043");
    assert_eq!(s(&rows[0]["remaining"]), "0");
    assert_eq!(s(&rows[0]["cost_usd"]), "0");
    // Buy 2: 450000 CZK on 2025-02-15 at Friday's R_EUR 0.955, R_CZK 24.02;
    // 0.1 of its 0.3 sold, so two thirds of its cost remain.
    let b = &rows[1];
    assert_eq!(s(&b["purchase_price_eur"]), "59637.80183181");
    assert_eq!(s(&b["purchase_price_czk"]), "1500000");
    assert_eq!(s(&b["remaining"]), "0.2");
    assert_eq!(s(&b["cost_usd"]), "12489.59200666");
    assert_eq!(s(&b["cost_eur"]), "11927.56036636");
    assert_eq!(s(&b["cost_czk"]), "300000");
    // Value now: 0.2 × 96842.15 at R_EUR 0.862, R_CZK 20.94.
    assert_eq!(s(&b["value_usd"]), "19368.43");
    assert_eq!(s(&b["value_eur"]), "16695.58666");
    assert_eq!(s(&b["value_czk"]), "405574.9242");
    assert_eq!(s(&b["pnl_usd"]), "6878.83799334");
    assert_eq!(s(&b["pnl_eur"]), "4768.02629364");
    assert_eq!(s(&b["pnl_czk"]), "105574.9242");
    assert_eq!(s(&b["pnl_pct_usd"]), "55.0766");
    assert_eq!(s(&b["pnl_pct_eur"]), "39.9749");
    assert_eq!(s(&b["pnl_pct_czk"]), "35.1916");
    assert_eq!(s(&b["pnl_pct"]), "55.0766", "today's key is the USD one");
    assert_eq!(s(&b["base_currency"]), "CZK", "today's keys stay");

    // Realised: 47980 USD proceeds on 2025-06-02 (R_EUR 0.88, R_CZK 22)
    // minus buy 1's cost and a third of buy 2's.
    let sum = h.json(&["portfolio", "summary", "--format", "json"]).await;
    assert_eq!(sum["method"], "fifo");
    let btc = &sum["assets"][0];
    assert_eq!(btc["symbol"], "BTC");
    assert_eq!(s(&btc["amount"]), "0.2");
    for (key, want) in [
        ("cost_usd", "12489.59200666"),
        ("cost_eur", "11927.56036636"),
        ("cost_czk", "300000"),
        ("value_usd", "19368.43"),
        ("unrealized_pnl_usd", "6878.83799334"),
        ("unrealized_pnl_eur", "4768.02629364"),
        ("unrealized_pnl_czk", "105574.9242"),
        ("realized_pnl_usd", "9115.63877928"),
        ("realized_pnl_eur", "6248.61981682"),
        ("realized_pnl_czk", "152048.04347826"),
    ] {
        assert_eq!(s(&btc[key]), want, "fifo {key}");
        assert_eq!(s(&sum["total"][key]), want, "total {key}");
    }

    // The same history under the other methods (recomputed, nothing rewritten).
    let avg = h
        .json(&[
            "portfolio",
            "summary",
            "--method",
            "average",
            "--format",
            "json",
        ])
        .await;
    assert_eq!(avg["method"], "average");
    for (key, want) in [
        ("cost_usd", "12838.48830685"),
        ("cost_czk", "300877.98913043"),
        ("unrealized_pnl_eur", "4720.25152261"),
        ("realized_pnl_usd", "9464.53507946"),
        ("realized_pnl_eur", "6296.39458784"),
        ("realized_pnl_czk", "152926.0326087"),
    ] {
        assert_eq!(s(&avg["assets"][0][key]), want, "average {key}");
    }
    let lifo = h
        .json(&[
            "portfolio",
            "summary",
            "--method",
            "lifo",
            "--format",
            "json",
        ])
        .await;
    for (key, want) in [
        ("cost_usd", "13047.82608696"),
        ("cost_eur", "12004"),
        ("realized_pnl_czk", "153452.82608696"),
    ] {
        assert_eq!(s(&lifo["assets"][0][key]), want, "lifo {key}");
    }
    let again = h.json(&["portfolio", "summary", "--format", "json"]).await;
    assert_eq!(again, sum, "changing the method rewrites nothing");

    // The setting picks the default method.
    let r = h
        .run_with(
            &[("CRYPTODESK_COST_BASIS", "lifo")],
            &["portfolio", "summary", "--format", "json"],
        )
        .await;
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["method"], "lifo");

    // Transactions in the order they apply, with the rates used.
    let txs = h
        .json(&["portfolio", "transactions", "--format", "json"])
        .await;
    let kinds: Vec<(&str, &str)> = txs
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (s(&t["kind"]), s(&t["date"])))
        .collect();
    assert_eq!(
        kinds,
        [
            ("buy", "2024-03-15"),
            ("buy", "2025-02-15"),
            ("sell", "2025-06-02")
        ]
    );
    assert_eq!(txs[1]["rates"]["published"], "2025-02-14");
    assert_eq!(s(&txs[1]["rates"]["rates"]["czk"]), "24.02");
    assert_eq!(s(&txs[2]["realized_pnl_usd"]), "9115.63877928");

    // The rate history was fetched once per date.
    let fetched = h.fake.fx.requests();
    for day in ["2024-03-15", "2025-02-15", "2025-06-02"] {
        let n = fetched.iter().filter(|r| r.ends_with(day)).count();
        assert_eq!(n, 1, "{day} fetched {n} times: {fetched:?}");
    }
    h.drop_db().await;
}

#[tokio::test]
async fn sqlite_pnl_in_three_currencies_under_each_method() {
    pnl_in_three_currencies(Harness::sqlite().await).await;
}

#[tokio::test]
async fn postgres_pnl_in_three_currencies_under_each_method() {
    pnl_in_three_currencies(Harness::postgres("pnl").await).await;
}

async fn oversells_are_refused(h: Harness) {
    h.publish_fx();
    buy_buy_sell(&h).await;
    let count = |v: &Value| v.as_array().unwrap().len();
    let before = h
        .json(&["portfolio", "transactions", "--format", "json"])
        .await;
    let cases: [(&[&str], &str); 4] = [
        (&["--amount", "0.3", "--date", "2025-06-03"], "amount"),
        (&["--amount", "0.1", "--date", "2024-01-02"], "date"),
        // Back-dated: leaves the Kraken sale of 0.6 short (0.8 − 0.3 < 0.6).
        (&["--amount", "0.3", "--date", "2025-03-01"], "amount"),
        (&["--amount", "0", "--date", "2025-03-01"], "amount"),
    ];
    for (extra, field) in cases {
        let mut args = vec!["portfolio", "sell", "--symbol", "BTC", "--price", "1"];
        args.extend_from_slice(extra);
        let r = h.run(&args).await;
        assert_ne!(r.code, 0, "{args:?} must be refused");
        assert!(
            r.stderr.contains(field),
            "{args:?} names {field}: {}",
            r.stderr
        );
    }
    // Removing the 2025 buy would leave the sale selling more than held.
    let r = h.run(&["portfolio", "remove", "2"]).await;
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("more than"), "{}", r.stderr);
    let after = h
        .json(&["portfolio", "transactions", "--format", "json"])
        .await;
    assert_eq!(
        count(&after),
        count(&before),
        "nothing was stored or removed"
    );
    // Selling exactly what is left empties the position.
    h.ok(&[
        "portfolio",
        "sell",
        "--symbol",
        "BTC",
        "--amount",
        "0.2",
        "--price",
        "90000",
        "--date",
        "2025-07-01",
    ])
    .await;
    let sum = h.json(&["portfolio", "summary", "--format", "json"]).await;
    assert_eq!(s(&sum["assets"][0]["amount"]), "0");
    assert_eq!(s(&sum["assets"][0]["cost_usd"]), "0");
    h.drop_db().await;
}

#[tokio::test]
async fn sqlite_oversells_are_refused_and_store_nothing() {
    oversells_are_refused(Harness::sqlite().await).await;
}

#[tokio::test]
async fn postgres_oversells_are_refused_and_store_nothing() {
    oversells_are_refused(Harness::postgres("oversell").await).await;
}

#[tokio::test]
async fn bad_transaction_input_names_the_field() {
    let h = Harness::sqlite().await;
    h.publish_fx();
    let base = [
        "portfolio",
        "add",
        "--symbol",
        "BTC",
        "--amount",
        "1",
        "--price",
        "10",
    ];
    for (extra, field) in [
        (vec!["--currency", "GBP"], "currency"),
        (vec!["--date", "2999-01-01"], "date"),
        (vec!["--date", "2008-12-31"], "date"),
        (vec!["--fx-rate", "EUR=0"], "fx_rate"),
        (vec!["--fx-rate", "EUR=-1"], "fx_rate"),
        (vec!["--fx-rate", "EUR=abc"], "fx_rate"),
        (vec!["--fx-rate", "GBP=1"], "fx_rate"),
        (vec!["--commission", "-1"], "commission"),
    ] {
        let mut args = base.to_vec();
        args.extend(extra.iter().copied());
        let r = h.run(&args).await;
        assert_ne!(r.code, 0, "{args:?}");
        assert!(r.stderr.contains(field), "{args:?}: {}", r.stderr);
    }
    let r = h.run(&["portfolio", "summary", "--method", "lofi"]).await;
    assert!(r.stderr.contains("method"), "{}", r.stderr);
    let rows = h.json(&["portfolio", "list", "--format", "json"]).await;
    assert_eq!(rows.as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn the_rate_paid_overrides_the_fetched_one_for_that_buy_only() {
    let h = Harness::sqlite().await;
    h.publish_fx();
    h.ok(&[
        "portfolio",
        "add",
        "--symbol",
        "BTC",
        "--amount",
        "1",
        "--price",
        "900",
        "--currency",
        "EUR",
        "--date",
        "2024-03-15",
        "--fx-rate",
        "EUR=0.9",
    ])
    .await;
    h.ok(&[
        "portfolio",
        "add",
        "--symbol",
        "BTC",
        "--amount",
        "1",
        "--price",
        "920",
        "--currency",
        "EUR",
        "--date",
        "2024-03-15",
    ])
    .await;
    let rows = h.json(&["portfolio", "list", "--format", "json"]).await;
    // 900 EUR at the given R_EUR 0.9 is 1000 USD; the fetched R_CZK stays.
    assert_eq!(s(&rows[0]["cost_usd"]), "1000");
    assert_eq!(s(&rows[0]["cost_czk"]), "23100");
    assert_eq!(s(&rows[0]["purchase_price_czk"]), "23100");
    assert_eq!(s(&rows[0]["fx_rate_eur"]), "0.9");
    // 920 EUR at the fetched 0.92 is 1000 USD too.
    assert_eq!(s(&rows[1]["cost_usd"]), "1000");
}

#[tokio::test]
async fn fx_rates_from_both_latest_shapes_and_past_dates() {
    let h = Harness::sqlite().await;
    h.publish_fx();
    let v4 = h.json(&["fx", "rates", "--format", "json"]).await;
    assert_eq!(v4["date"], "2026-11-22");
    assert_eq!(s(&v4["rates"]["EUR"]), "0.862");
    assert_eq!(s(&v4["rates"]["CZK"]), "20.94");
    assert_eq!(v4["stale"], false);
    let v6_url = h.fake.fx_latest_url().replace("/v4/", "/v6/");
    let r = h
        .run_with(
            &[("CURRENCY_API_URL", v6_url.as_str())],
            &["fx", "rates", "--format", "json"],
        )
        .await;
    let v6: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        v6["date"], "2026-11-22",
        "v6 dates come from time_last_update_unix"
    );
    assert_eq!(s(&v6["rates"]["EUR"]), "0.862");
    // A Saturday answers with Friday's rates.
    let sat = h
        .json(&["fx", "rates", "--date", "2025-02-15", "--format", "json"])
        .await;
    assert_eq!(sat["date"], "2025-02-14");
    assert_eq!(sat["requested"], "2025-02-15");
    assert_eq!(s(&sat["rates"]["CZK"]), "24.02");
    // Before anything published: 404, a clear error.
    let r = h.run(&["fx", "rates", "--date", "2010-01-04"]).await;
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("2010-01-04"), "{}", r.stderr);
    let r = h.run(&["fx", "rates", "--date", "2999-01-01"]).await;
    assert!(r.stderr.contains("date"), "{}", r.stderr);
}

#[tokio::test]
async fn refusals_of_the_latest_service_fall_back_to_stored_rates() {
    use cryptodesk_testkit::fx::FxFault;
    let h = Harness::sqlite().await;
    h.publish_fx();
    // Nothing stored yet: `result: error` and 429 are errors the user sees.
    h.fake.fx.push_fault(FxFault::ResultError);
    let r = h.run(&["fx", "rates"]).await;
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("rate"), "{}", r.stderr);
    h.json(&["fx", "rates", "--format", "json"]).await;
    h.fake.fx.set_latest("2026-11-23", "0.87", "21");
    h.fake.fx.push_fault(FxFault::TooManyRequests);
    let v = h.json(&["fx", "rates", "--format", "json"]).await;
    assert_eq!(v["stale"], true, "{v}");
    assert_eq!(v["date"], "2026-11-22");
    let v = h.json(&["fx", "rates", "--format", "json"]).await;
    assert_eq!(
        (v["stale"].clone(), v["date"].clone()),
        (false.into(), "2026-11-23".into())
    );
}

async fn offline_on_stored_rates(h: Harness) {
    h.publish_fx();
    buy_buy_sell(&h).await;
    let online = h.json(&["portfolio", "summary", "--format", "json"]).await;
    h.fake.fx.set_down(true);
    // Values use the last known rates, marked stale; costs the stored ones.
    let r = h.run(&["portfolio", "summary", "--format", "json"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let offline: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(offline["rates_now"]["stale"], true);
    assert_eq!(offline["total"], online["total"]);
    let r = h.run(&["portfolio", "list"]).await;
    assert!(
        r.stderr.contains("stale"),
        "the table says so: {}",
        r.stderr
    );
    // A buy on a date never fetched takes the nearest earlier stored rate,
    // provisionally...
    h.ok(&[
        "portfolio",
        "add",
        "--symbol",
        "BTC",
        "--amount",
        "0.1",
        "--price",
        "2000000",
        "--currency",
        "CZK",
        "--date",
        "2025-09-10",
    ])
    .await;
    let txs = h
        .json(&["portfolio", "transactions", "--format", "json"])
        .await;
    let buy = &txs[3];
    assert_eq!(buy["date"], "2025-09-10");
    assert_eq!(buy["rates"]["provisional"], true);
    assert_eq!(s(&buy["rates"]["rates"]["czk"]), "22", "2025-06-02's rate");
    // ...replaced the first time the history service answers.
    h.fake.fx.set_history("2025-09-10", "0.85", "21.5");
    h.fake.fx.set_down(false);
    let txs = h
        .json(&["portfolio", "transactions", "--format", "json"])
        .await;
    assert_eq!(txs[3]["rates"]["provisional"], false);
    assert_eq!(s(&txs[3]["rates"]["rates"]["czk"]), "21.5");
    // A rate that is not provisional never changes.
    h.fake.fx.set_history("2025-09-10", "0.1", "1");
    let txs = h
        .json(&["portfolio", "transactions", "--format", "json"])
        .await;
    assert_eq!(s(&txs[3]["rates"]["rates"]["czk"]), "21.5");
    h.drop_db().await;
}

#[tokio::test]
async fn sqlite_works_offline_on_stored_rates() {
    offline_on_stored_rates(Harness::sqlite().await).await;
}

#[tokio::test]
async fn postgres_works_offline_on_stored_rates() {
    offline_on_stored_rates(Harness::postgres("offline").await).await;
}
