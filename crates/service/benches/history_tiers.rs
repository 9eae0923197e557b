//! Price-history reads on each storage tier, in one run:
//!
//! - one year of stored 1h candles for one symbol;
//! - one day of 1m candles across 100 symbols;
//! - one year of 1h candles derived from 1m ones (the tier's aggregate);
//! - dashboard statistics for 1000 symbols, from the database and from the
//!   cache (goals: < 20 ms and < 5 ms);
//! - on TimescaleDB, the compression ratio after a year of 1m candles for
//!   10 symbols.
//!
//! `cargo bench -p cryptodesk-service --bench history_tiers`
//! PostgreSQL from `CRYPTODESK_TEST_PG` (default 127.0.0.1:5432, plain
//! tier); TimescaleDB from `CRYPTODESK_TEST_TSDB` when set (the test
//! script's cluster). Each tier gets a new database, dropped at the end.

#![allow(clippy::unwrap_used, clippy::print_stdout)] // a benchmark's report

use cryptodesk_core::Symbol;
use cryptodesk_service::config::Config;
use cryptodesk_service::history::Interval;
use cryptodesk_service::secrets::MemorySecrets;
use cryptodesk_service::App;
use cryptodesk_store::{CandleRow, Store};
use rust_decimal::Decimal;
use std::time::{Duration, Instant};

const MIN: i64 = 60_000;
const HOUR: i64 = 3_600_000;
/// 2025-01-01T00:00:00Z.
const START: i64 = 1_735_689_600_000;
const YEAR_MIN: i64 = 525_600;

fn rows(step: i64, from: i64, n: i64, seed: i64) -> Vec<CandleRow> {
    (0..n)
        .map(|i| {
            let c = Decimal::new(1_000_000 + ((i * 7919 + seed * 104_729) % 50_000), 2);
            CandleRow {
                open_time: from + i * step,
                open: c - Decimal::ONE,
                high: c + Decimal::TWO,
                low: c - Decimal::TWO,
                close: c,
                volume: Decimal::new(1_000 + (i % 100), 3),
            }
        })
        .collect()
}

/// Median of `n` timed runs of `f`.
async fn median<F, Fut>(n: usize, mut f: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let mut t = Vec::with_capacity(n);
    for _ in 0..n {
        let s = Instant::now();
        f().await;
        t.push(s.elapsed());
    }
    t.sort();
    t[n / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

struct Tier {
    name: &'static str,
    url: String,
    env: Vec<(&'static str, String)>,
    admin: Option<(String, String)>,
}

async fn pg_tier(name: &'static str, admin_url: &str, db: &str, tsdb: bool) -> Tier {
    let admin = Store::connect(admin_url, 1).await.unwrap();
    let Store::Postgres(pool) = &admin else {
        unreachable!()
    };
    sqlx::query(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))
        .execute(pool)
        .await
        .unwrap();
    sqlx::query(&format!("CREATE DATABASE {db}"))
        .execute(pool)
        .await
        .unwrap();
    admin.close().await;
    let url = format!("{}/{db}", admin_url.rsplit_once('/').unwrap().0);
    Tier {
        name,
        url: url.clone(),
        env: vec![
            ("DATABASE_URL", url),
            (
                "CRYPTODESK_TIMESCALEDB",
                if tsdb { "on" } else { "off" }.into(),
            ),
        ],
        admin: Some((admin_url.to_owned(), db.to_owned())),
    }
}

struct Figures {
    year_1h: Duration,
    day_1m_100: Duration,
    year_derived: Duration,
    stats_db: Duration,
    stats_cache: Duration,
    refresh: Duration,
    compression: Option<f64>,
}

async fn run(tier: &Tier, dir: &std::path::Path) -> Figures {
    let mut env: Vec<(String, String)> = vec![
        ("CRYPTODESK_DATA_DIR".into(), dir.display().to_string()),
        ("CRYPTODESK_NOTIFICATIONS".into(), "off".into()),
    ];
    env.extend(tier.env.iter().map(|(k, v)| (k.to_string(), v.clone())));
    let config = Config::from_sources(None, None, env, &MemorySecrets::default()).unwrap();
    let app = App::start(config).await.unwrap();
    let store = Store::connect(&tier.url, 4).await.unwrap();

    // A year of stored hours for BTC; a year of minutes for 10 symbols
    // (M000..M009); one day of minutes for 1000 more, all tracked.
    store
        .import_candles("BTCUSDT", "1h", &rows(HOUR, START, 8_760, 0))
        .await
        .unwrap();
    for s in 0..10 {
        let pair = format!("M{s:03}USDT");
        store
            .import_candles(&pair, "1m", &rows(MIN, START, YEAR_MIN, s))
            .await
            .unwrap();
        store
            .refresh_aggregates(&pair, START, START + (YEAR_MIN - 1) * MIN)
            .await
            .unwrap();
    }
    let day_start = START + (YEAR_MIN - 1_441) * MIN;
    let mut symbols = Vec::new();
    for s in 0..1_000 {
        let sym = Symbol::parse(&format!("S{s:03}")).unwrap();
        store
            .import_candles(&sym.usd_pair(), "1m", &rows(MIN, day_start, 1_441, s))
            .await
            .unwrap();
        store.track_symbol(&sym).await.unwrap();
        symbols.push(sym);
    }
    let s = Instant::now();
    store.refresh_dashboard_stats().await.unwrap();
    let refresh = s.elapsed();

    let btc = Symbol::parse("BTC").unwrap();
    let year = (START, START + 8_760 * HOUR);
    let year_1h = median(15, || async {
        let (r, _) = app
            .stored_candles(&btc, Interval::H1, year.0, year.1)
            .await
            .unwrap();
        assert_eq!(r.len(), 8_760);
    })
    .await;
    let day_1m_100 = median(7, || async {
        for sym in &symbols[..100] {
            let (r, _) = app
                .stored_candles(sym, Interval::M1, day_start + MIN, day_start + 1_441 * MIN)
                .await
                .unwrap();
            assert_eq!(r.len(), 1_440);
        }
    })
    .await;
    let m0 = Symbol::parse("M000").unwrap();
    let year_derived = median(15, || async {
        let (r, from) = app
            .stored_candles(&m0, Interval::H1, year.0, year.1)
            .await
            .unwrap();
        assert_eq!((r.len(), from), (8_760, Some(Interval::M1)));
    })
    .await;
    let stats_db = median(15, || async {
        assert_eq!(
            app.market_stats_uncached(&symbols).await.unwrap().len(),
            1_000
        );
    })
    .await;
    app.market_stats().await.unwrap();
    let stats_cache = median(51, || async {
        assert_eq!(app.market_stats().await.unwrap().len(), 1_000);
    })
    .await;

    let compression = match (&store, tier.name) {
        (Store::Postgres(pool), "timescaledb") => {
            sqlx::query(
                "SELECT compress_chunk(c, if_not_compressed => TRUE) FROM show_chunks('candles') c",
            )
            .execute(pool)
            .await
            .unwrap();
            let (before, after): (i64, i64) = sqlx::query_as(
                "SELECT sum(before_compression_total_bytes)::bigint, \
                 sum(after_compression_total_bytes)::bigint FROM hypertable_compression_stats('candles')",
            )
            .fetch_one(pool)
            .await
            .unwrap();
            Some(before as f64 / after as f64)
        }
        _ => None,
    };
    store.close().await;
    app.shutdown().await;
    Figures {
        year_1h,
        day_1m_100,
        year_derived,
        stats_db,
        stats_cache,
        refresh,
        compression,
    }
}

async fn drop_tier(tier: &Tier) {
    if let Some((admin_url, db)) = &tier.admin {
        let admin = Store::connect(admin_url, 1).await.unwrap();
        if let Store::Postgres(pool) = &admin {
            sqlx::query(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))
                .execute(pool)
                .await
                .unwrap();
        }
        admin.close().await;
    }
}

#[tokio::main]
async fn main() {
    let pg = std::env::var("CRYPTODESK_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let dir = tempfile::tempdir().unwrap();
    let sqlite_dir = dir.path().join("sqlite");
    let mut tiers = vec![Tier {
        name: "sqlite",
        url: format!("sqlite://{}", sqlite_dir.join("cryptodesk.db").display()),
        env: vec![],
        admin: None,
    }];
    tiers.push(pg_tier("postgresql", &pg, "cd_bench_plain", false).await);
    match std::env::var("CRYPTODESK_TEST_TSDB") {
        Ok(url) => tiers.push(pg_tier("timescaledb", &url, "cd_bench_tsdb", true).await),
        Err(_) => println!("no CRYPTODESK_TEST_TSDB: TimescaleDB not measured"),
    }
    let mut results = Vec::new();
    for tier in &tiers {
        let d = dir.path().join(tier.name);
        std::fs::create_dir_all(&d).unwrap();
        let f = run(tier, &d).await;
        drop_tier(tier).await;
        results.push((tier.name, f));
    }
    let base = &results[0].1;
    println!("| tier | 1 year of 1h, 1 symbol | 1 day of 1m, 100 symbols | 1 year of 1h from 1m | stats 1000, database | stats 1000, cache | stats view refresh |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (name, f) in &results {
        let r = |a: Duration, b: Duration| ms(a) / ms(b);
        println!(
            "| {name} | {:.2} ms ({:.2}×) | {:.1} ms ({:.2}×) | {:.2} ms ({:.2}×) | {:.2} ms | {:.3} ms ({:.0}× faster) | {:.0} ms |",
            ms(f.year_1h),
            r(f.year_1h, base.year_1h),
            ms(f.day_1m_100),
            r(f.day_1m_100, base.day_1m_100),
            ms(f.year_derived),
            r(f.year_derived, base.year_derived),
            ms(f.stats_db),
            ms(f.stats_cache),
            r(f.stats_db, f.stats_cache),
            ms(f.refresh),
        );
    }
    for (name, f) in &results {
        if let Some(c) = f.compression {
            println!(
                "{name}: compression ratio after a year of 1m candles for 10 symbols: {c:.1}:1"
            );
        }
    }
    println!("(ratios in parentheses: against the sqlite row of this run)");
}
