//! `cryptodesk history` end to end: the real binary against the fake
//! exchange's klines, on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use chrono::{TimeZone, Utc};
use cryptodesk_testkit::Fault;

mod common;
use common::harness::Harness;
use serde_json::Value;
use std::time::Duration;

const JAN_1_2024: i64 = 1_704_067_200_000;
const HOUR: i64 = 3_600_000;

/// The JSON summary line of `backfill --format json`, and the progress lines.
fn summary(stdout: &str) -> (Value, Vec<Value>) {
    let lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let summary = lines.last().unwrap()["summary"].clone();
    let progress = lines[..lines.len() - 1]
        .iter()
        .map(|l| l["progress"].clone())
        .collect();
    (summary, progress)
}

const BACKFILL: [&str; 10] = [
    "history",
    "backfill",
    "--symbol",
    "BTC",
    "--interval",
    "1h",
    "--from",
    "2024-01-01",
    "--format",
    "json",
];

async fn paging_resume_and_export(h: Harness) {
    // 2500 hourly candles from 2024-01-01: not a multiple of 1000.
    h.fake
        .exchange
        .generate_klines("BTCUSDT", "1h", JAN_1_2024, 2500);
    let args = [&BACKFILL[..], &["--to", "2024-06-30"]].concat();

    // A failure on the second page stops the run; the first page stays.
    h.fake.exchange.push_fault(Fault::Slow(Duration::ZERO));
    h.fake.exchange.push_fault(Fault::Server(503));
    let r = h.run(&args).await;
    assert_eq!(r.code, 2, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("running it again resumes"),
        "{}",
        r.stderr
    );
    let (s, progress) = summary(&r.stdout);
    assert_eq!(s["stored"], 1000);
    assert!(s["stopped"].as_str().unwrap().contains("503"), "{s}");
    assert_eq!(progress.len(), 1);
    assert_eq!(progress[0]["stored"], 1000);

    // The re-run resumes after the last stored candle: two more pages.
    h.fake.exchange.clear_requests();
    let (s, progress) = summary(&h.ok(&args).await);
    assert_eq!(s["stored"], 1500);
    assert_eq!(h.kline_requests(), 2, "{:?}", h.fake.exchange.requests());
    assert_eq!(progress.len(), 2);
    let first = h.fake.exchange.requests()[0].clone();
    assert!(
        first.contains(&format!("startTime={}", JAN_1_2024 + 1000 * HOUR)),
        "{first}"
    );

    // Running it again stores nothing twice: one request, nothing stored.
    h.fake.exchange.clear_requests();
    let (s, _) = summary(&h.ok(&args).await);
    assert_eq!((s["stored"].as_u64(), h.kline_requests()), (Some(0), 1));

    // Status: one series, 2500 candles, no gaps.
    let status: Value =
        serde_json::from_str(&h.ok(&["history", "status", "--format", "json"]).await).unwrap();
    let s = &status[0];
    assert_eq!(
        (s["symbol"].as_str(), s["interval"].as_str()),
        (Some("BTC"), Some("1h"))
    );
    assert_eq!(s["count"], 2500);
    assert_eq!(s["first"], "2024-01-01T00:00:00Z");
    assert_eq!(s["gaps"].as_array().unwrap().len(), 0);

    // Export: the backtester's CSV, every candle once, exact decimals.
    let csv = h
        .ok(&["history", "export", "--symbol", "BTC", "--interval", "1h"])
        .await;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "time,open,high,low,close,volume");
    assert_eq!(lines.len(), 2501);
    assert_eq!(lines[1], "2024-01-01T00:00:00Z,99.5,101.25,98.25,100,10.5");
    let json: Value = serde_json::from_str(
        &h.ok(&[
            "history",
            "export",
            "--symbol",
            "BTC",
            "--interval",
            "1h",
            "--from",
            "2024-01-02",
            "--to",
            "2024-01-02",
            "--format",
            "json",
        ])
        .await,
    )
    .unwrap();
    assert_eq!(json.as_array().unwrap().len(), 24, "one day of hours");
    assert_eq!(json[0]["time"], "2024-01-02T00:00:00Z");
    assert!(json[0]["close"].is_string());

    // Export → backtest works.
    let file = h.data.path().join("btc.csv");
    std::fs::write(&file, &csv).unwrap();
    let bt: Value = serde_json::from_str(
        &h.ok(&[
            "backtest",
            "--candles",
            file.to_str().unwrap(),
            "--strategy",
            "sma-cross",
            "--param",
            "fast=5",
            "--param",
            "slow=20",
            "--format",
            "json",
        ])
        .await,
    )
    .unwrap();
    assert_eq!(bt["bars"], 2500, "{bt}");
    assert!(bt["num_trades"].as_u64().unwrap() > 0, "{bt}");
    h.drop_db().await;
}

async fn rate_limits_gaps_and_open_candles(h: Harness) {
    h.fake
        .exchange
        .generate_klines("BTCUSDT", "1h", JAN_1_2024, 2500);
    // A hole in the exchange's own data: 100 hours from hour 1200.
    h.fake.exchange.remove_klines(
        "BTCUSDT",
        "1h",
        JAN_1_2024 + 1200 * HOUR,
        JAN_1_2024 + 1300 * HOUR,
    );
    // 429 with Retry-After: 1 on the second request: waited out, then retried.
    h.fake.exchange.push_fault(Fault::Slow(Duration::ZERO));
    h.fake.exchange.push_fault(Fault::TooManyRequests(1));
    let started = std::time::Instant::now();
    let (s, _) = summary(
        &h.ok(&[&BACKFILL[..], &["--to", "2024-06-30"]].concat())
            .await,
    );
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(s["stored"], 2400);
    assert_eq!(h.kline_requests(), 4, "3 pages and the refused one");
    let status: Value =
        serde_json::from_str(&h.ok(&["history", "status", "--format", "json"]).await).unwrap();
    let gaps = status[0]["gaps"].as_array().unwrap();
    assert_eq!(gaps.len(), 1, "{status}");
    let at = |hours: i64| {
        Utc.timestamp_millis_opt(JAN_1_2024 + hours * HOUR)
            .unwrap()
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    };
    assert_eq!(gaps[0]["from"], at(1200));
    assert_eq!(gaps[0]["to"], at(1300));

    // 418: the run stops at once, nothing more is asked.
    h.fake.exchange.clear_requests();
    h.fake.exchange.push_fault(Fault::Banned(120));
    let r = h
        .run(&[
            "history",
            "backfill",
            "--symbol",
            "ETH",
            "--interval",
            "1h",
            "--from",
            "2024-01-01",
        ])
        .await;
    assert_eq!(r.code, 2, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("banned"), "{}", r.stderr);
    assert_eq!(h.kline_requests(), 1);

    // Only closed candles: of 10 hourly candles from 8 hours ago, the still
    // open one and those in the future are not stored.
    let now = Utc::now().timestamp_millis();
    let start = now - now.rem_euclid(HOUR) - 8 * HOUR;
    h.fake.exchange.generate_klines("SOLUSDT", "1h", start, 10);
    let from = Utc.timestamp_millis_opt(start).unwrap().to_rfc3339();
    let (s, _) = summary(
        &h.ok(&[
            "history",
            "backfill",
            "--symbol",
            "SOL",
            "--interval",
            "1h",
            "--from",
            &from,
            "--format",
            "json",
        ])
        .await,
    );
    assert_eq!(s["stored"], 8, "{s}");

    // Bad input names the field.
    let r = h
        .run(&[
            "history",
            "backfill",
            "--symbol",
            "BTC",
            "--interval",
            "2m",
            "--from",
            "2024-01-01",
        ])
        .await;
    assert!(
        r.code != 0 && r.stderr.contains("--interval must be one of"),
        "{}",
        r.stderr
    );
    let r = h
        .run(&[
            "history",
            "backfill",
            "--symbol",
            "BTC",
            "--interval",
            "1h",
            "--from",
            "2999-01-01",
        ])
        .await;
    assert!(r.code != 0 && r.stderr.contains("from"), "{}", r.stderr);
    h.drop_db().await;
}

async fn import_is_all_or_nothing(h: Harness) {
    // 3000 hourly candles, BOM and CRLF, exact decimals.
    let mut csv = String::from("\u{feff}time,open,high,low,close,volume\r\n");
    for i in 0..3000_i64 {
        let t = Utc.timestamp_millis_opt(JAN_1_2024 + i * HOUR).unwrap();
        csv.push_str(&format!(
            "{},{}.12345678,{}.5,{}.25,{}.75,{}.00000001\r\n",
            t.format("%Y-%m-%dT%H:%M:%SZ"),
            100 + i % 50,
            110 + i % 50,
            90 + i % 50,
            100 + i % 50,
            i
        ));
    }
    let file = h.data.path().join("in.csv");
    std::fs::write(&file, &csv).unwrap();
    let import = [
        "history",
        "import",
        "--candles",
        file.to_str().unwrap(),
        "--symbol",
        "ETH",
        "--interval",
        "1h",
    ];
    assert!(h
        .ok(&import)
        .await
        .contains("imported 3000 1h candles for ETH"));
    // Importing it again replaces, never duplicates.
    h.ok(&import).await;
    let out = h
        .ok(&["history", "export", "--symbol", "ETH", "--interval", "1h"])
        .await;
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3001);
    assert_eq!(
        lines[1],
        "2024-01-01T00:00:00Z,100.12345678,110.5,90.25,100.75,0.00000001"
    );
    assert_eq!(lines[3000].split(',').next_back(), Some("2999.00000001"));

    // A big-supply coin's daily volume (1.2e13) fits.
    let pepe = h.data.path().join("pepe.csv");
    std::fs::write(&pepe, "time,open,high,low,close,volume\n2024-01-01T00:00:00Z,0.00000123,0.0000013,0.0000012,0.00000125,12345678901234.5\n").unwrap();
    h.ok(&[
        "history",
        "import",
        "--candles",
        pepe.to_str().unwrap(),
        "--symbol",
        "PEPE",
        "--interval",
        "1d",
    ])
    .await;
    let out = h
        .ok(&["history", "export", "--symbol", "PEPE", "--interval", "1d"])
        .await;
    assert!(
        out.ends_with(",0.00000123,0.0000013,0.0000012,0.00000125,12345678901234.5\n"),
        "{out}"
    );

    // Days are not stored: derived from the hours.
    let r = h
        .run(&[
            "history",
            "export",
            "--symbol",
            "ETH",
            "--interval",
            "1d",
            "--format",
            "json",
        ])
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("rolled up from its 1h candles"),
        "{}",
        r.stderr
    );
    let days: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(days.as_array().unwrap().len(), 125);
    assert_eq!(
        days[0],
        serde_json::json!({
            "time": "2024-01-01T00:00:00Z", "open": "100.12345678", "high": "133.5",
            "low": "90.25", "close": "123.75", "volume": "276.00000024",
        })
    );

    // A bad row anywhere refuses the whole file: line and column named,
    // nothing stored.
    let mut bad = csv.clone();
    bad.push_str("2024-06-01T00:00:00Z,1,2,1,oops,1\r\n");
    let bad_file = h.data.path().join("bad.csv");
    std::fs::write(&bad_file, &bad).unwrap();
    let r = h
        .run(&[
            "history",
            "import",
            "--candles",
            bad_file.to_str().unwrap(),
            "--symbol",
            "SOL",
            "--interval",
            "1h",
        ])
        .await;
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("line 3002, column close"), "{}", r.stderr);
    let status: Value =
        serde_json::from_str(&h.ok(&["history", "status", "--format", "json"]).await).unwrap();
    assert_eq!(
        status.as_array().unwrap().len(),
        2,
        "only ETH and PEPE: {status}"
    );
    h.drop_db().await;
}

#[tokio::test]
async fn sqlite_import_is_all_or_nothing() {
    import_is_all_or_nothing(Harness::sqlite().await).await;
}

#[tokio::test]
async fn postgres_import_is_all_or_nothing() {
    import_is_all_or_nothing(Harness::postgres("import").await).await;
}

#[tokio::test]
async fn sqlite_backfill_pages_resumes_and_exports() {
    paging_resume_and_export(Harness::sqlite().await).await;
}

#[tokio::test]
async fn postgres_backfill_pages_resumes_and_exports() {
    paging_resume_and_export(Harness::postgres("page").await).await;
}

#[tokio::test]
async fn sqlite_backfill_waits_out_429_stops_on_418_keeps_gaps_and_closed_candles_only() {
    rate_limits_gaps_and_open_candles(Harness::sqlite().await).await;
}

#[tokio::test]
async fn postgres_backfill_waits_out_429_stops_on_418_keeps_gaps_and_closed_candles_only() {
    rate_limits_gaps_and_open_candles(Harness::postgres("limits").await).await;
}

#[tokio::test]
async fn retention_keeps_only_the_last_days_of_1m_candles() {
    let mut h = Harness::sqlite().await;
    h.env.push(("CANDLE_RETENTION_1M".into(), "1".into()));
    let now = Utc::now().timestamp_millis();
    let start = now - now.rem_euclid(60_000) - 2 * 86_400_000;
    h.fake
        .exchange
        .generate_klines("BTCUSDT", "1m", start, 2 * 1440);
    let from = Utc.timestamp_millis_opt(start).unwrap().to_rfc3339();
    let r = h
        .run(&[
            "history",
            "backfill",
            "--symbol",
            "BTC",
            "--interval",
            "1m",
            "--from",
            &from,
        ])
        .await;
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stderr
            .contains("1m candles are kept 1 days (CANDLE_RETENTION_1M)"),
        "{}",
        r.stderr
    );
    let status: Value =
        serde_json::from_str(&h.ok(&["history", "status", "--format", "json"]).await).unwrap();
    let count = status[0]["count"].as_i64().unwrap();
    assert!(
        (1438..=1440).contains(&count),
        "about one day of minutes: {count}"
    );
}

async fn db_status_reads_without_migrating(h: Harness, engine: &str) {
    let status: Value =
        serde_json::from_str(&h.ok(&["db", "status", "--format", "json"]).await).unwrap();
    assert_eq!(status["engine"], engine);
    let migrations = status["migrations"].as_array().unwrap();
    assert!(migrations.len() >= 2, "{status}");
    assert!(
        migrations.iter().all(|m| m["applied"] == false),
        "a status read migrates nothing: {status}"
    );
    if engine == "sqlite" {
        assert!(status["server_version"].is_null());
        assert!(
            !h.data.path().join("cryptodesk.db").exists(),
            "nothing created"
        );
    } else {
        assert!(status["server_version"]
            .as_str()
            .unwrap()
            .starts_with("PostgreSQL"));
    }
    h.ok(&["db", "migrate"]).await;
    let status: Value =
        serde_json::from_str(&h.ok(&["db", "status", "--format", "json"]).await).unwrap();
    assert!(status["migrations"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["applied"] == true));
    if engine == "sqlite" {
        assert_eq!(
            status["history_objects"],
            serde_json::json!(["rollup table candles_1d", "rollup table candles_1h"])
        );
    }
    let table = h.ok(&["db", "status"]).await;
    assert!(
        table.contains("candle columns") && table.contains("applied"),
        "{table}"
    );
    h.drop_db().await;
}

#[tokio::test]
async fn sqlite_db_status_reads_without_migrating() {
    db_status_reads_without_migrating(Harness::sqlite().await, "sqlite").await;
}

#[tokio::test]
async fn postgres_db_status_reads_without_migrating() {
    db_status_reads_without_migrating(Harness::postgres("status").await, "postgres").await;
}

/// Hand-computed statistics: the latest 1m candle opens at T0+10m, so the
/// latest price's time is T0+11m.
async fn market_stats_are_hand_computed(h: Harness) {
    const T0: i64 = 1_709_251_200_000; // 2024-03-01T00:00:00Z
    const M: i64 = 60_000;
    const D: i64 = 86_400_000;
    let t = T0 + 11 * M;
    // (open time, open, high, low, close, volume)
    let mut rows = vec![
        // 7 d back: the first closes exactly at t − 7 d (the reference), the
        // second after it (not the reference).
        (t - 7 * D - M, "80", "81", "79", "80", "1"),
        (t - 7 * D, "999", "999", "999", "999", "1"),
        // 24 h back: closes exactly at t − 24 h: the reference, outside the window.
        (t - D - M, "100", "500", "1", "100", "100"),
        // Inside the 24 h window.
        (t - D, "100", "130", "95", "120", "2"),
        (T0 + 5 * M, "110", "120", "90", "111", "1.5"),
        (T0 + 10 * M, "110", "125", "105", "110", "0.25"),
    ];
    rows.sort_by_key(|r| r.0);
    let mut csv = String::from("time,open,high,low,close,volume\n");
    for r in &rows {
        csv.push_str(&format!(
            "{},{},{},{},{},{}\n",
            r.0, r.1, r.2, r.3, r.4, r.5
        ));
    }
    let file = h.data.path().join("stats.csv");
    std::fs::write(&file, csv).unwrap();
    h.ok(&["alerts", "add", "--symbol", "BTC", "--above", "1000000"])
        .await;
    h.ok(&[
        "history",
        "import",
        "--candles",
        file.to_str().unwrap(),
        "--symbol",
        "BTC",
        "--interval",
        "1m",
    ])
    .await;
    let stats: Value =
        serde_json::from_str(&h.ok(&["market", "stats", "--format", "json"]).await).unwrap();
    assert_eq!(
        stats,
        serde_json::json!([{
            "symbol": "BTC",
            "price": "110",
            "change_24h_pct": "10.00",
            "change_7d_pct": "37.50",
            "high_24h": "130",
            "low_24h": "90",
            "volume_24h": "3.75",
            "last_updated": "2024-03-01T00:11:00Z",
        }])
    );
    let table = h.ok(&["market", "stats"]).await;
    assert!(table.contains("BTC") && table.contains("10.00%"), "{table}");
    h.drop_db().await;
}

#[tokio::test]
async fn sqlite_market_stats_are_hand_computed() {
    market_stats_are_hand_computed(Harness::sqlite().await).await;
}

#[tokio::test]
async fn postgres_market_stats_are_hand_computed() {
    market_stats_are_hand_computed(Harness::postgres("stats").await).await;
}

#[tokio::test]
async fn timescaledb_backfill_pages_resumes_and_exports() {
    if let Some(h) = Harness::timescale("page").await {
        paging_resume_and_export(h).await;
    }
}

#[tokio::test]
async fn timescaledb_backfill_waits_out_429_stops_on_418_keeps_gaps_and_closed_candles_only() {
    if let Some(h) = Harness::timescale("limits").await {
        rate_limits_gaps_and_open_candles(h).await;
    }
}

#[tokio::test]
async fn timescaledb_import_is_all_or_nothing() {
    if let Some(h) = Harness::timescale("import").await {
        import_is_all_or_nothing(h).await;
    }
}

#[tokio::test]
async fn timescaledb_market_stats_are_hand_computed() {
    if let Some(h) = Harness::timescale("stats").await {
        market_stats_are_hand_computed(h).await;
    }
}

#[tokio::test]
async fn timescaledb_db_status_names_the_tier() {
    let Some(h) = Harness::timescale("status").await else {
        return;
    };
    h.ok(&["db", "migrate"]).await;
    let status: Value =
        serde_json::from_str(&h.ok(&["db", "status", "--format", "json"]).await).unwrap();
    assert_eq!(status["tier"]["tier"], "timescaledb", "{status}");
    assert_eq!(status["tier"]["version"], "2.28.3");
    let ts = &status["timescaledb"];
    assert_eq!(
        ts["aggregates"],
        serde_json::json!(["candles_1d", "candles_1h"])
    );
    let table = h.ok(&["db", "status"]).await;
    assert!(
        table.contains("history tier: TimescaleDB 2.28.3"),
        "{table}"
    );
    assert!(
        table.contains("continuous aggregate: candles_1h"),
        "{table}"
    );
    // The aggregates are TimescaleDB's, the dashboard view is plain.
    assert_eq!(
        status["history_objects"],
        serde_json::json!(["materialized view crypto_dashboard_stats"])
    );
    h.drop_db().await;
}

#[tokio::test]
async fn postgres_db_status_says_why_not_timescaledb() {
    let h = Harness::postgres("why").await;
    h.ok(&["db", "migrate"]).await;
    let status: Value =
        serde_json::from_str(&h.ok(&["db", "status", "--format", "json"]).await).unwrap();
    assert_eq!(status["tier"]["tier"], "postgresql", "{status}");
    assert!(
        status["tier"]["reason"]
            .as_str()
            .unwrap()
            .starts_with("not available"),
        "{status}"
    );
    assert!(status["timescaledb"].is_null());
    // The plain tier's views and indexes.
    let objects: Vec<&str> = status["history_objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_str().unwrap())
        .collect();
    assert_eq!(objects.len(), 5, "{status}");
    assert_eq!(objects[0], "index candles_open_time_brin");
    assert!(objects[1].starts_with("index candles_recent_"), "{status}");
    assert_eq!(
        objects[2..],
        [
            "materialized view candles_1d",
            "materialized view candles_1h",
            "materialized view crypto_dashboard_stats",
        ]
    );
    let table = h.ok(&["db", "status"]).await;
    assert!(
        table.contains("history: materialized view candles_1h"),
        "{table}"
    );
    h.drop_db().await;
}

/// What a user sees of a database: holdings, alerts, fired alerts, candles.
async fn snapshot(h: &Harness, db: &str) -> Vec<String> {
    let env = [("DATABASE_URL", db)];
    let mut out = Vec::new();
    for args in [
        &["portfolio", "list", "--format", "json"][..],
        &["alerts", "list", "--all", "--format", "json"],
        &["alerts", "history", "--format", "json"],
        &[
            "history",
            "export",
            "--symbol",
            "BTC",
            "--interval",
            "1h",
            "--format",
            "json",
        ],
        &["history", "status", "--format", "json"],
    ] {
        out.push(h.ok_with(&env, args).await);
    }
    out
}

/// Checksums per table of a `db copy --format json` answer, all verified.
fn verified_checksums(report: &str) -> Vec<(String, String)> {
    let r: Value = serde_json::from_str(report).unwrap();
    assert_eq!(r["verified"], true, "{r}");
    r["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            assert_eq!(t["checksum_ok"], true, "{t}");
            assert_eq!(t["rows"], t["target_rows"], "{t}");
            (
                t["table"].as_str().unwrap().to_owned(),
                t["checksum"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn db_copy_round_trip_sqlite_postgres_sqlite_is_lossless() {
    let h = Harness::sqlite().await;
    let pg = Harness::postgres("copy").await;
    let pg_url = pg.env[0].1.clone();
    let original = format!("sqlite://{}", h.data.path().join("cryptodesk.db").display());
    h.ok(&[
        "portfolio",
        "add",
        "--symbol",
        "BTC",
        "--amount",
        "0.5",
        "--price",
        "30000.12345678",
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
    h.ok(&[
        "portfolio",
        "add",
        "--symbol",
        "ETH",
        "--amount",
        "1.25",
        "--price",
        "2000",
        "--currency",
        "EUR",
    ])
    .await;
    h.ok(&[
        "portfolio",
        "sell",
        "--symbol",
        "BTC",
        "--amount",
        "0.1",
        "--price",
        "55000.5",
        "--currency",
        "CZK",
        "--date",
        "2025-01-02",
        "--fx-rate",
        "CZK=24.5",
    ])
    .await;
    h.ok(&[
        "alerts",
        "add",
        "--symbol",
        "BTC",
        "--above",
        "100000",
        "--message",
        "take, \"profit\"",
    ])
    .await;
    h.ok(&["alerts", "add", "--symbol", "ETH", "--below", "100"])
        .await;
    h.fake.exchange.set_price("BTCUSDT", "100500.5");
    h.ok(&["collect", "--once"]).await;
    h.fake
        .exchange
        .generate_klines("BTCUSDT", "1h", JAN_1_2024, 1500);
    h.ok(&BACKFILL).await;
    let before = snapshot(&h, &original).await;

    // SQLite → PostgreSQL: every table copied and verified.
    let first = verified_checksums(
        &h.ok(&["db", "copy", "--to", &pg_url, "--format", "json"])
            .await,
    );
    assert_eq!(first.len(), 9);
    // A target that holds rows is refused, unless appending (which skips them).
    let r = h.run(&["db", "copy", "--to", &pg_url]).await;
    assert!(
        r.code != 0 && r.stderr.contains("not empty"),
        "{}",
        r.stderr
    );
    let appended: Value = serde_json::from_str(
        &h.ok(&[
            "db", "copy", "--to", &pg_url, "--append", "--format", "json",
        ])
        .await,
    )
    .unwrap();
    for t in appended["tables"].as_array().unwrap() {
        assert_eq!(t["skipped"], t["rows"], "{t}");
    }

    // PostgreSQL → a new SQLite file: the same checksums, the same answers.
    let back = format!("sqlite://{}", h.data.path().join("back.db").display());
    let second = verified_checksums(
        &h.ok_with(
            &[("DATABASE_URL", &pg_url)],
            &["db", "copy", "--to", &back, "--format", "json"],
        )
        .await,
    );
    assert_eq!(first, second, "checksums survive the round trip");
    for (db, what) in [(&pg_url, "the PostgreSQL copy"), (&back, "the SQLite copy")] {
        for (a, b) in snapshot(&h, db).await.iter().zip(&before) {
            let diff: Vec<(&str, &str)> = a
                .lines()
                .zip(b.lines())
                .filter(|(x, y)| x != y)
                .take(5)
                .collect();
            assert!(
                diff.is_empty() && a.len() == b.len(),
                "{what} differs: {diff:?}"
            );
        }
    }
    // New rows in the copy get the next id (the sequences follow the copied ids).
    let added: Value = serde_json::from_str(
        &h.ok_with(
            &[("DATABASE_URL", &pg_url)],
            &[
                "alerts", "add", "--symbol", "SOL", "--above", "500", "--format", "json",
            ],
        )
        .await,
    )
    .unwrap();
    assert_eq!(added[0]["id"], 3, "{added}");
    pg.drop_db().await;
}

/// Candles stored at the start of the range and again later: a backfill
/// fills the hole between them instead of resuming after the newest.
#[tokio::test]
async fn backfill_fills_a_hole_after_the_stored_start() {
    let h = Harness::sqlite().await;
    h.fake
        .exchange
        .generate_klines("BTCUSDT", "1h", JAN_1_2024, 2500);
    let mut csv = String::from("time,open,high,low,close,volume\n");
    for i in (0..100).chain(2000..2100) {
        csv.push_str(&format!("{},1,2,0.5,1.5,1\n", JAN_1_2024 + i * HOUR));
    }
    let file = h.data.path().join("parts.csv");
    std::fs::write(&file, csv).unwrap();
    h.ok(&[
        "history",
        "import",
        "--candles",
        file.to_str().unwrap(),
        "--symbol",
        "BTC",
        "--interval",
        "1h",
    ])
    .await;
    let (s, _) = summary(
        &h.ok(&[&BACKFILL[..], &["--to", "2024-06-30"]].concat())
            .await,
    );
    assert_eq!(s["symbols"][0]["started_at"], "2024-01-05T04:00:00Z", "{s}");
    let status: Value =
        serde_json::from_str(&h.ok(&["history", "status", "--format", "json"]).await).unwrap();
    assert_eq!(status[0]["count"], 2500, "{status}");
    assert_eq!(status[0]["gaps"].as_array().unwrap().len(), 0, "{status}");
}

/// The collector applies the 1m retention on SQLite and plain PostgreSQL.
async fn collector_applies_1m_retention(h: Harness) {
    let mut csv = String::from("time,open,high,low,close,volume\n");
    for i in 0..10 {
        csv.push_str(&format!("{},1,2,0.5,1.5,1\n", JAN_1_2024 + i * 60_000));
    }
    let file = h.data.path().join("old.csv");
    std::fs::write(&file, csv).unwrap();
    for iv in ["1m", "1h"] {
        h.ok(&[
            "history",
            "import",
            "--candles",
            file.to_str().unwrap(),
            "--symbol",
            "BTC",
            "--interval",
            iv,
        ])
        .await;
    }
    h.ok(&["collect", "--once"]).await;
    let status: Value =
        serde_json::from_str(&h.ok(&["history", "status", "--format", "json"]).await).unwrap();
    let series: Vec<(&str, i64)> = status
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["interval"].as_str().unwrap(),
                s["count"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        series,
        [("1h", 10)],
        "2024 minutes are past the 365 days: {status}"
    );
    h.drop_db().await;
}

#[tokio::test]
async fn sqlite_collector_applies_1m_retention() {
    collector_applies_1m_retention(Harness::sqlite().await).await;
}

#[tokio::test]
async fn postgres_collector_applies_1m_retention() {
    collector_applies_1m_retention(Harness::postgres("retention").await).await;
}
