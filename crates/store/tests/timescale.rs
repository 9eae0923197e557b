//! The price-history tiers on real servers: TimescaleDB on the throwaway
//! cluster `scripts/test-all` starts (`CRYPTODESK_TEST_TSDB`), and the
//! fallback to plain PostgreSQL on the main server, where the extension is
//! installed but not preloaded. Background jobs are paused and run
//! explicitly, so the results are deterministic.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use cryptodesk_store::{CandleRow, Store, Tier, TierOptions};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use sqlx::PgPool;

/// The TimescaleDB cluster, or `None` (with a message) when this run has
/// none; `CRYPTODESK_REQUIRE_TSDB=1` (set by test-all when it built one)
/// makes a missing cluster a failure.
fn tsdb_url() -> Option<String> {
    match std::env::var("CRYPTODESK_TEST_TSDB") {
        Ok(u) => Some(u),
        Err(_) => {
            assert!(
                std::env::var("CRYPTODESK_REQUIRE_TSDB").as_deref() != Ok("1"),
                "CRYPTODESK_TEST_TSDB is required in this run"
            );
            eprintln!("SKIPPED: no TimescaleDB test cluster (CRYPTODESK_TEST_TSDB unset)");
            None
        }
    }
}

fn main_pg_url() -> String {
    std::env::var("CRYPTODESK_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// A fresh, migrated database on the server at `admin_url`; dropped by `drop`.
struct Db {
    store: Store,
    admin: PgPool,
    name: String,
}

impl Db {
    async fn new(admin_url: &str, tag: &str) -> Self {
        let admin = PgPool::connect(admin_url).await.unwrap();
        let name = format!("cd_tier_{tag}_{}", std::process::id());
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&admin)
            .await
            .unwrap();
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&admin)
            .await
            .unwrap();
        let mut url = url::Url::parse(admin_url).unwrap();
        url.set_path(&name);
        let store = Store::connect(url.as_str(), 2).await.unwrap();
        store.migrate().await.unwrap();
        Db { store, admin, name }
    }

    fn pool(&self) -> &PgPool {
        let Store::Postgres(p) = &self.store else {
            unreachable!()
        };
        p
    }

    async fn drop(self) {
        self.store.close().await;
        sqlx::query(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ))
        .execute(&self.admin)
        .await
        .unwrap();
    }
}

const JAN_1_2024: i64 = 1_704_067_200_000;
const MINUTE: i64 = 60_000;

/// 1m candle `i` from 2024-01-01: open 100+i, high 101+i+(i%3), low 99+i, close 100.5+i, volume 1.25.
fn minute(i: i64) -> CandleRow {
    let d = Decimal::from(i);
    CandleRow {
        open_time: JAN_1_2024 + i * MINUTE,
        open: dec!(100) + d,
        high: dec!(101) + d + Decimal::from(i % 3),
        low: dec!(99) + d,
        close: dec!(100.5) + d,
        volume: dec!(1.25),
    }
}

async fn pause_jobs(pool: &PgPool) {
    sqlx::query("SELECT alter_job(job_id, scheduled => false) FROM timescaledb_information.jobs WHERE job_id >= 1000")
        .execute(pool)
        .await
        .unwrap();
}

async fn job_id(pool: &PgPool, proc_name: &str, table: &str) -> i32 {
    sqlx::query_scalar(
        "SELECT job_id FROM timescaledb_information.jobs WHERE proc_name = $1 \
         AND coalesce(hypertable_name, '') = $2",
    )
    .bind(proc_name)
    .bind(table)
    .fetch_one(pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn timescaledb_tier_hypertable_aggregates_compression_and_retention() {
    let Some(url) = tsdb_url() else { return };
    let db = Db::new(&url, "tsdb").await;
    let opts = TierOptions::default();
    let tier = db.store.apply_tier(&opts).await.unwrap();
    assert!(
        matches!(&tier, Tier::Timescaledb { version } if version == "2.28.3"),
        "{tier:?}"
    );
    // Idempotent: a second start changes nothing and does not fail.
    assert_eq!(db.store.apply_tier(&opts).await.unwrap(), tier);
    pause_jobs(db.pool()).await;

    let hypertable: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM timescaledb_information.hypertables WHERE hypertable_name = 'candles'",
    )
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(hypertable, 1);

    // Two hours of 1m candles, and one old 1h candle.
    let rows: Vec<CandleRow> = (0..120).map(minute).collect();
    db.store
        .upsert_candles("BTCUSDT", "1m", &rows)
        .await
        .unwrap();
    db.store
        .upsert_candles("BTCUSDT", "1h", &[minute(0)])
        .await
        .unwrap();
    // Folding still keeps every extreme on a hypertable.
    db.store
        .record_prices(
            &[("BTCUSDT".into(), dec!(1000))],
            "1m",
            MINUTE,
            JAN_1_2024 + 30_000,
        )
        .await
        .unwrap();
    let first = &db
        .store
        .candles("BTCUSDT", "1m", 0, JAN_1_2024 + MINUTE)
        .await
        .unwrap()[0];
    assert_eq!((first.high, first.close), (dec!(1000), dec!(1000)));

    // The hourly aggregate: first open, highest high, lowest low, last close, summed volume.
    // What a bulk load of 1m candles does afterwards.
    db.store
        .refresh_aggregates("BTCUSDT", JAN_1_2024, JAN_1_2024 + 120 * MINUTE)
        .await
        .unwrap();
    let hours: Vec<(Decimal, Decimal, Decimal, Decimal, Decimal)> = sqlx::query_as(
        "SELECT open, high, low, close, volume FROM candles_1h WHERE symbol = 'BTCUSDT' ORDER BY bucket",
    )
    .fetch_all(db.pool())
    .await
    .unwrap();
    assert_eq!(
        hours,
        [
            (dec!(100), dec!(1000), dec!(99), dec!(159.5), dec!(75)),
            (dec!(160), dec!(222), dec!(159), dec!(219.5), dec!(75)),
        ]
    );
    // The store's read of derived hours is that aggregate.
    let derived = db
        .store
        .derived_candles("BTCUSDT", "1h", 0, i64::MAX)
        .await
        .unwrap();
    assert_eq!(
        derived
            .iter()
            .map(|c| (c.open, c.high, c.low, c.close, c.volume))
            .collect::<Vec<_>>(),
        hours
    );
    assert_eq!(derived[1].open_time, JAN_1_2024 + 60 * MINUTE);

    // Compression: the 2024 chunk compresses, and reads stay identical.
    let before = db
        .store
        .candles("BTCUSDT", "1m", 0, i64::MAX)
        .await
        .unwrap();
    let job = job_id(db.pool(), "policy_compression", "candles").await;
    sqlx::query(&format!("CALL run_job({job})"))
        .execute(db.pool())
        .await
        .unwrap();
    let (_, stats) = db.store.tier_status().await.unwrap();
    let stats = stats.unwrap();
    assert!(stats.compressed_chunks >= 1, "{stats:?}");
    assert!(stats.after_compression_bytes.unwrap() > 0);
    assert_eq!(stats.aggregates, ["candles_1d", "candles_1h"]);
    assert!(
        stats
            .policies
            .iter()
            .any(|p| p.starts_with("cryptodesk_retention_1m")),
        "{:?}",
        stats.policies
    );
    assert_eq!(
        db.store
            .candles("BTCUSDT", "1m", 0, i64::MAX)
            .await
            .unwrap(),
        before
    );

    // Retention removes old 1m candles only.
    let job = job_id(db.pool(), "cryptodesk_retention_1m", "").await;
    sqlx::query(&format!("CALL run_job({job})"))
        .execute(db.pool())
        .await
        .unwrap();
    assert!(db
        .store
        .candles("BTCUSDT", "1m", 0, i64::MAX)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        db.store
            .candles("BTCUSDT", "1h", 0, i64::MAX)
            .await
            .unwrap()
            .len(),
        1
    );
    db.drop().await;
}

#[tokio::test]
async fn timescaledb_can_be_turned_off() {
    let Some(url) = tsdb_url() else { return };
    let db = Db::new(&url, "off").await;
    let tier = db
        .store
        .apply_tier(&TierOptions {
            timescaledb: false,
            ..TierOptions::default()
        })
        .await
        .unwrap();
    assert_eq!(
        tier,
        Tier::Postgresql {
            reason: "CRYPTODESK_TIMESCALEDB=off".into()
        }
    );
    // Plain views over two hours of minutes, then the extension turned on:
    // the aggregates replace the views and serve the same hours; off again,
    // they keep serving (and the plain refresh leaves them alone).
    let rows: Vec<CandleRow> = (0..120).map(minute).collect();
    db.store
        .import_candles("BTCUSDT", "1m", &rows)
        .await
        .unwrap();
    db.store
        .refresh_aggregates("BTCUSDT", JAN_1_2024, JAN_1_2024 + 119 * MINUTE)
        .await
        .unwrap();
    let plain = db
        .store
        .derived_candles("BTCUSDT", "1h", 0, i64::MAX)
        .await
        .unwrap();
    assert_eq!(plain.len(), 2);
    let on = db.store.apply_tier(&TierOptions::default()).await.unwrap();
    assert!(matches!(on, Tier::Timescaledb { .. }), "{on:?}");
    pause_jobs(db.pool()).await;
    // The refresh policies look back days only: once they ran, the
    // aggregates' watermark is near now, and 2024's hours are served only
    // because creating the aggregates materialised what was stored.
    let policies: Vec<i32> = sqlx::query_scalar(
        "SELECT job_id FROM timescaledb_information.jobs \
         WHERE proc_name = 'policy_refresh_continuous_aggregate'",
    )
    .fetch_all(db.pool())
    .await
    .unwrap();
    assert_eq!(policies.len(), 2);
    for job in policies {
        // The scheduler may be running it right now (it starts new
        // policies at once): wait that out.
        let mut tries = 0;
        while let Err(e) = sqlx::query(&format!("CALL run_job({job})"))
            .execute(db.pool())
            .await
        {
            tries += 1;
            assert!(
                tries < 50 && e.to_string().contains("concurrent refresh"),
                "{e}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
    // The 1m retention (which the scheduler may start the moment it is
    // added) deletes 2024's minutes; the hours were materialised first.
    let retention = job_id(db.pool(), "cryptodesk_retention_1m", "").await;
    sqlx::query(&format!("CALL run_job({retention})"))
        .execute(db.pool())
        .await
        .unwrap();
    assert!(db
        .store
        .candles("BTCUSDT", "1m", 0, i64::MAX)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        db.store
            .derived_candles("BTCUSDT", "1h", 0, i64::MAX)
            .await
            .unwrap(),
        plain
    );
    let off = db
        .store
        .apply_tier(&TierOptions {
            timescaledb: false,
            ..TierOptions::default()
        })
        .await
        .unwrap();
    assert!(matches!(off, Tier::Postgresql { .. }));
    db.store.refresh_hour_day_views().await.unwrap();
    db.store.refresh_dashboard_stats().await.unwrap();
    assert_eq!(
        db.store
            .derived_candles("BTCUSDT", "1h", 0, i64::MAX)
            .await
            .unwrap(),
        plain
    );
    db.drop().await;
}

#[tokio::test]
async fn a_server_that_cannot_create_the_extension_stays_plain_postgresql() {
    let db = Db::new(&main_pg_url(), "plain").await;
    let tier = db.store.apply_tier(&TierOptions::default()).await.unwrap();
    let Tier::Postgresql { reason } = &tier else {
        panic!("the main server does not preload timescaledb: {tier:?}")
    };
    assert!(
        reason.contains("CREATE EXTENSION timescaledb failed") || reason.contains("not installed"),
        "{reason}"
    );
    // Everything still works.
    db.store
        .upsert_candles("BTCUSDT", "1m", &[minute(0)])
        .await
        .unwrap();
    assert_eq!(
        db.store
            .candles("BTCUSDT", "1m", 0, i64::MAX)
            .await
            .unwrap()
            .len(),
        1
    );
    let (status, stats) = db.store.tier_status().await.unwrap();
    assert!(matches!(status, Tier::Postgresql { .. }) && stats.is_none());
    db.drop().await;
}
