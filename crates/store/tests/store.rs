//! Store tests against real SQLite files and the real PostgreSQL server,
//! each test in its own database.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use chrono::{NaiveDate, Utc};
use cryptodesk_core::alerts::Firing;
use cryptodesk_core::fx::{DatedRates, FxRates};
use cryptodesk_core::rules::{Repeat, RuleState};
use cryptodesk_core::SaleInput;
use cryptodesk_core::{
    AlertEvent, AlertId, AlertInput, AlertKind, HoldingId, HoldingInput, NewHolding,
};
use cryptodesk_store::{Backend, CandleRow, RateKind, Store, StoreError};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::str::FromStr;

/// The admin URL of the test PostgreSQL server.
fn pg_admin_url() -> String {
    std::env::var("CRYPTODESK_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// A database that lives as long as the test.
struct TestDb {
    store: Store,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

impl TestDb {
    async fn sqlite() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        let store = Store::connect(&url, 4).await.unwrap();
        store.migrate().await.unwrap();
        TestDb {
            store,
            _dir: Some(dir),
            pg_name: None,
        }
    }

    /// A new PostgreSQL database, not migrated.
    async fn postgres_empty() -> Self {
        let admin = Store::connect(&pg_admin_url(), 1)
            .await
            .expect("PostgreSQL must be running for the store tests");
        let name = format!("cd_store_{}_{}", std::process::id(), rand_suffix());
        let Store::Postgres(pool) = &admin else {
            unreachable!()
        };
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(pool)
            .await
            .unwrap();
        admin.close().await;
        let mut url = url::Url::parse(&pg_admin_url()).unwrap();
        url.set_path(&name);
        let store = Store::connect(url.as_str(), 4).await.unwrap();
        TestDb {
            store,
            _dir: None,
            pg_name: Some(name),
        }
    }

    async fn postgres() -> Self {
        let db = Self::postgres_empty().await;
        db.store.migrate().await.unwrap();
        db
    }

    async fn drop_db(self) {
        self.store.close().await;
        if let Some(name) = self.pg_name {
            let admin = Store::connect(&pg_admin_url(), 1).await.unwrap();
            let Store::Postgres(pool) = &admin else {
                unreachable!()
            };
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(pool)
                .await
                .unwrap();
        }
    }
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    t % 1_000_000_000 + N.fetch_add(1, Ordering::SeqCst) * 1_000_000_000
}

fn holding(amount: &str, price: &str) -> NewHolding {
    HoldingInput {
        symbol: "BTC".into(),
        amount: amount.into(),
        price: price.into(),
        currency: "EUR".into(),
        date: Some("2024-01-15".into()),
        commission: Some("2.5".into()),
        source: Some("Binance".into()),
        fx_rate: vec![],
    }
    .validate(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
    .unwrap()
}

async fn decimals_round_trip(db: &TestDb) {
    for v in [
        "0.00000001",
        "999999999999.99999999",
        "12345.67890123",
        "0.5",
        "30000",
    ] {
        let stored = db.store.add_holding(&holding(v, v), None).await.unwrap();
        let want = Decimal::from_str(v).unwrap();
        assert_eq!(stored.amount, want);
        assert_eq!(
            stored.amount.to_string(),
            want.normalize().to_string(),
            "text form of {v}"
        );
    }
    let listed = db.store.list_holdings().await.unwrap();
    let amounts: Vec<String> = listed.iter().map(|h| h.amount.to_string()).collect();
    assert_eq!(
        amounts,
        [
            "0.00000001",
            "999999999999.99999999",
            "12345.67890123",
            "0.5",
            "30000"
        ]
    );
    let h = &listed[0];
    assert_eq!(h.purchase_date, NaiveDate::from_ymd_opt(2024, 1, 15));
    assert_eq!(h.commission, dec!(2.5));
    assert_eq!(h.source.as_deref(), Some("Binance"));
    assert_eq!(h.base_currency.code(), "EUR");
}

async fn holdings_crud(db: &TestDb) {
    let a = db
        .store
        .add_holding(&holding("1", "100"), None)
        .await
        .unwrap();
    let b = db
        .store
        .add_holding(&holding("2", "200"), None)
        .await
        .unwrap();
    db.store.remove_holding(a.id).await.unwrap();
    let left = db.store.list_holdings().await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].id, b.id);
    assert!(matches!(
        db.store.remove_holding(HoldingId(9999)).await,
        Err(StoreError::NotFound { .. })
    ));
}

async fn edits_keep_created_at(db: &TestDb) {
    let a = db
        .store
        .add_holding(&holding("1", "100"), None)
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let edited = db
        .store
        .update_holding(a.id, &holding("1.25", "99.5"), None)
        .await
        .unwrap();
    assert_eq!(edited.id, a.id);
    assert_eq!(edited.amount, dec!(1.25));
    assert_eq!(edited.price_buy, dec!(99.5));
    assert_eq!(edited.created_at, a.created_at, "an edit keeps created_at");
    assert!(edited.updated_at > a.updated_at, "an edit moves updated_at");
    assert_eq!(db.store.list_holdings().await.unwrap(), vec![edited]);
    assert!(matches!(
        db.store
            .update_holding(HoldingId(9999), &holding("1", "1"), None)
            .await,
        Err(StoreError::NotFound {
            what: "holding",
            ..
        })
    ));

    let input = AlertInput {
        symbol: "BTC".into(),
        alert_type: "above".into(),
        threshold: "100000".into(),
        message: None,
        ..AlertInput::default()
    };
    let alert = db
        .store
        .add_alert(&input.validate().unwrap())
        .await
        .unwrap();
    let off = db.store.set_alert_active(alert.id, false).await.unwrap();
    assert!(!off.is_active);
    assert!(db.store.list_alerts(true).await.unwrap().is_empty());
    let below = AlertInput {
        alert_type: "below".into(),
        threshold: "50000.5".into(),
        message: Some("buy".into()),
        ..input
    };
    let edited = db
        .store
        .update_alert(alert.id, &below.validate().unwrap())
        .await
        .unwrap();
    assert!(edited.is_active, "an edited alert is armed again");
    assert_eq!(edited.alert_type, AlertKind::Below);
    assert_eq!(edited.threshold_price, dec!(50000.5));
    assert_eq!(edited.created_at, alert.created_at);
    assert!(matches!(
        db.store.set_alert_active(AlertId(9999), true).await,
        Err(StoreError::NotFound { what: "alert", .. })
    ));
}

async fn alerts_fire_once(db: &TestDb) {
    let input = AlertInput {
        symbol: "BTC".into(),
        alert_type: "above".into(),
        threshold: "100000".into(),
        message: Some("take profit".into()),
        ..AlertInput::default()
    };
    let alert = db
        .store
        .add_alert(&input.validate().unwrap())
        .await
        .unwrap();
    assert!(alert.is_active);
    assert_eq!(alert.alert_type, AlertKind::Above);
    let ev = AlertEvent {
        id: 0,
        alert_id: alert.id,
        symbol: alert.symbol.clone(),
        triggered_price: dec!(100000.01),
        threshold_price: alert.threshold_price,
        alert_type: alert.alert_type,
        message: alert.message.clone(),
        triggered_at: Utc::now(),
        rule: Some(alert.describe()),
    };
    let fire = Firing {
        event: ev,
        previous_fire: None,
        once: true,
        state: RuleState::default(),
        revision: alert.updated_at,
    };
    let recorded = db
        .store
        .record_fired(std::slice::from_ref(&fire))
        .await
        .unwrap();
    assert_eq!(recorded.len(), 1);
    assert!(recorded[0].id > 0);
    assert_eq!(recorded[0].rule.as_deref(), Some("above 100000"));
    // A second collector racing on the same alert records nothing.
    assert!(db.store.record_fired(&[fire]).await.unwrap().is_empty());
    assert!(db.store.list_alerts(true).await.unwrap().is_empty());
    assert_eq!(db.store.list_alerts(false).await.unwrap().len(), 1);
    let history = db.store.alert_history(10).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].triggered_price, dec!(100000.01));
    assert_eq!(history[0].message.as_deref(), Some("take profit"));
    // Deleting the alert keeps its history.
    db.store.remove_alert(alert.id).await.unwrap();
    assert_eq!(db.store.alert_history(10).await.unwrap().len(), 1);
}

async fn watched_symbols(db: &TestDb) {
    db.store
        .add_holding(&holding("1", "1"), None)
        .await
        .unwrap();
    let eth = AlertInput {
        symbol: "eth".into(),
        alert_type: "below".into(),
        threshold: "2000".into(),
        message: None,
        ..AlertInput::default()
    };
    db.store.add_alert(&eth.validate().unwrap()).await.unwrap();
    let syms: Vec<String> = db
        .store
        .watched_symbols()
        .await
        .unwrap()
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(syms, ["BTC", "ETH"]);
}

async fn candles_upsert_keeps_one_row(db: &TestDb) {
    let c = |t: i64, close: Decimal| CandleRow {
        open_time: t,
        open: dec!(1),
        high: dec!(2),
        low: dec!(0.5),
        close,
        volume: dec!(1968028265.27493204),
    };
    db.store
        .upsert_candles("BTCUSDT", "1h", &[c(1, dec!(1.1)), c(2, dec!(1.2))])
        .await
        .unwrap();
    db.store
        .upsert_candles("BTCUSDT", "1h", &[c(2, dec!(1.25)), c(3, dec!(1.3))])
        .await
        .unwrap();
    let rows = db.store.candles("BTCUSDT", "1h", 0, 10).await.unwrap();
    let closes: Vec<Decimal> = rows.iter().map(|r| r.close).collect();
    assert_eq!(closes, [dec!(1.1), dec!(1.25), dec!(1.3)]);
    assert_eq!(rows[0].volume, dec!(1968028265.27493204));
}

async fn polled_prices_fold_into_candles(db: &TestDb) {
    let t0 = 1_795_317_600_000; // a minute boundary
    let p = |v: Decimal| {
        vec![
            ("BTCUSDT".to_owned(), v),
            ("ETHUSDT".to_owned(), dec!(3412.58)),
        ]
    };
    db.store
        .record_prices(&p(dec!(100)), "1m", 60_000, t0 + 1_000)
        .await
        .unwrap();
    db.store
        .record_prices(&p(dec!(105.5)), "1m", 60_000, t0 + 20_000)
        .await
        .unwrap();
    db.store
        .record_prices(&p(dec!(99.99999999)), "1m", 60_000, t0 + 40_000)
        .await
        .unwrap();
    db.store
        .record_prices(&p(dec!(101)), "1m", 60_000, t0 + 59_999)
        .await
        .unwrap();
    db.store
        .record_prices(&p(dec!(102)), "1m", 60_000, t0 + 60_000)
        .await
        .unwrap();
    let rows = db
        .store
        .candles("BTCUSDT", "1m", 0, i64::MAX)
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    let c = &rows[0];
    assert_eq!(
        (c.open_time, c.open, c.high, c.low, c.close),
        (t0, dec!(100), dec!(105.5), dec!(99.99999999), dec!(101))
    );
    assert_eq!(
        (rows[1].open_time, rows[1].open, rows[1].close),
        (t0 + 60_000, dec!(102), dec!(102))
    );
    assert_eq!(
        db.store
            .candles("ETHUSDT", "1m", 0, i64::MAX)
            .await
            .unwrap()
            .len(),
        2
    );
}

/// Two collectors fold prices into the same candle at the same time: the
/// candle keeps the highest and the lowest price either of them saw.
async fn concurrent_folds_keep_every_extreme(db: &TestDb) {
    let t0 = 1_795_317_600_000;
    // Writer a sees 100..=199 and the high 250; writer b 100..=199 and the low 50.
    let prices = |extreme: Decimal| -> Vec<Decimal> {
        let mut v: Vec<Decimal> = (100..200).map(Decimal::from).collect();
        v.insert(37, extreme);
        v
    };
    let writer = |store: Store, seen: Vec<Decimal>| async move {
        for (i, p) in seen.into_iter().enumerate() {
            let at = t0 + (i as i64 % 60) * 1_000;
            store
                .record_prices(&[("BTCUSDT".to_owned(), p)], "1m", 60_000, at)
                .await
                .unwrap();
            tokio::task::yield_now().await;
        }
    };
    let a = tokio::spawn(writer(db.store.clone(), prices(dec!(250.12345678))));
    let b = tokio::spawn(writer(db.store.clone(), prices(dec!(50.5))));
    a.await.unwrap();
    b.await.unwrap();
    let rows = db
        .store
        .candles("BTCUSDT", "1m", 0, i64::MAX)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1, "one candle for the one minute: {rows:?}");
    assert_eq!(rows[0].open_time, t0);
    assert_eq!(rows[0].open, dec!(100), "the first price opens the candle");
    assert_eq!(
        (rows[0].high, rows[0].low),
        (dec!(250.12345678), dec!(50.5))
    );
}

/// Prices compare as numbers on both engines (text would put 9 above 10).
async fn candle_prices_compare_as_numbers(db: &TestDb) {
    let t0 = 1_795_317_600_000;
    for p in [
        dec!(9),
        dec!(10),
        dec!(100000),
        dec!(0.00000001),
        dec!(99.5),
    ] {
        db.store
            .record_prices(&[("XUSDT".to_owned(), p)], "1m", 60_000, t0)
            .await
            .unwrap();
    }
    let c = &db.store.candles("XUSDT", "1m", 0, i64::MAX).await.unwrap()[0];
    assert_eq!(
        (c.open, c.high, c.low, c.close),
        (dec!(9), dec!(100000), dec!(0.00000001), dec!(99.5))
    );
    // A window bounds open times exactly.
    assert_eq!(
        db.store
            .candles("XUSDT", "1m", t0, t0 + 1)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(db
        .store
        .candles("XUSDT", "1m", t0 + 1, i64::MAX)
        .await
        .unwrap()
        .is_empty());
}

/// Retention deletes old 1m candles in batches and keeps other intervals.
async fn old_minutes_are_deleted_in_batches(db: &TestDb) {
    let c = |t: i64| CandleRow {
        open_time: t,
        open: dec!(1),
        high: dec!(2),
        low: dec!(0.5),
        close: dec!(1.5),
        volume: dec!(1),
    };
    let old: Vec<CandleRow> = (0..25).map(|i| c(i * 60_000)).collect();
    let new: Vec<CandleRow> = (0..5).map(|i| c(10_000_000 + i * 60_000)).collect();
    db.store
        .upsert_candles("BTCUSDT", "1m", &old)
        .await
        .unwrap();
    db.store
        .upsert_candles("BTCUSDT", "1m", &new)
        .await
        .unwrap();
    db.store
        .upsert_candles("BTCUSDT", "1h", &old[..3])
        .await
        .unwrap();
    assert_eq!(
        db.store.delete_minutes_before(5_000_000, 10).await.unwrap(),
        25
    );
    assert_eq!(
        db.store
            .candles("BTCUSDT", "1m", 0, i64::MAX)
            .await
            .unwrap(),
        new
    );
    assert_eq!(
        db.store
            .candles("BTCUSDT", "1h", 0, i64::MAX)
            .await
            .unwrap()
            .len(),
        3
    );
}

async fn migrations_are_reported(db: &TestDb) {
    let status = db.store.migration_status().await.unwrap();
    assert!(!status.is_empty());
    assert!(status.iter().all(|m| m.applied));
    // Running them again is a no-op.
    db.store.migrate().await.unwrap();
}

const MIN: i64 = 60_000;
const HOUR: i64 = 3_600_000;
/// 2024-01-01T00:00:00Z.
const T0: i64 = 1_704_067_200_000;

/// Minute `i` from T0: closes at 100 + i, opens half below, high one above,
/// low two below, volume 1.5.
fn minute_row(i: i64) -> CandleRow {
    let close = Decimal::from(100 + i);
    CandleRow {
        open_time: T0 + i * MIN,
        open: close - dec!(0.5),
        high: close + dec!(1),
        low: close - dec!(2),
        close,
        volume: dec!(1.5),
    }
}

fn ohlcv(rows: &[CandleRow]) -> Vec<(i64, Decimal, Decimal, Decimal, Decimal, Decimal)> {
    rows.iter()
        .map(|c| (c.open_time, c.open, c.high, c.low, c.close, c.volume))
        .collect()
}

/// 1h and 1d candles derived from 1m ones by the tier's aggregate (SQLite's
/// rollup tables, plain PostgreSQL's views) after a bulk write, and kept up
/// by polled prices.
async fn hours_and_days_derive_from_minutes(db: &TestDb) {
    let tier = db
        .store
        .apply_tier(&cryptodesk_store::TierOptions {
            timescaledb: false,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!matches!(tier, cryptodesk_store::Tier::Timescaledb { .. }));
    let minutes: Vec<CandleRow> = (0..180).map(minute_row).collect();
    db.store
        .import_candles("BTCUSDT", "1m", &minutes)
        .await
        .unwrap();
    db.store
        .refresh_aggregates("BTCUSDT", T0, T0 + 179 * MIN)
        .await
        .unwrap();
    let hours = db
        .store
        .derived_candles("BTCUSDT", "1h", 0, i64::MAX)
        .await
        .unwrap();
    let h = |k: i64, open: Decimal| {
        let close = Decimal::from(159 + 60 * k);
        (
            T0 + k * HOUR,
            open,
            close + dec!(1),
            close - dec!(61),
            close,
            dec!(90),
        )
    };
    assert_eq!(
        ohlcv(&hours),
        [h(0, dec!(99.5)), h(1, dec!(159.5)), h(2, dec!(219.5))]
    );
    assert_eq!(hours, cryptodesk_store::roll_up(&minutes, HOUR).unwrap());
    let days = db
        .store
        .derived_candles("BTCUSDT", "1d", 0, i64::MAX)
        .await
        .unwrap();
    assert_eq!(
        ohlcv(&days),
        [(T0, dec!(99.5), dec!(280), dec!(98), dec!(279), dec!(270))]
    );
    // A range query sees only its buckets.
    let one = db
        .store
        .derived_candles("BTCUSDT", "1h", T0 + HOUR, T0 + 2 * HOUR)
        .await
        .unwrap();
    assert_eq!(one.len(), 1);

    // A polled price in the latest minute moves hour 2 at once on SQLite
    // (the rollup is folded in the same transaction) and after the
    // collector's refresh on PostgreSQL.
    db.store
        .record_prices(
            &[("BTCUSDT".into(), dec!(500))],
            "1m",
            MIN,
            T0 + 179 * MIN + 5,
        )
        .await
        .unwrap();
    db.store.refresh_hour_day_views().await.unwrap();
    let hours = db
        .store
        .derived_candles("BTCUSDT", "1h", 0, i64::MAX)
        .await
        .unwrap();
    assert_eq!((hours[2].high, hours[2].close), (dec!(500), dec!(500)));
    assert_eq!(hours[2].open, dec!(219.5), "the hour keeps its open");
    assert!(db
        .store
        .derived_candles("BTCUSDT", "4h", 0, i64::MAX)
        .await
        .is_err());
}

/// Plain PostgreSQL's recent-window index moves forward: an index with an
/// old bound is replaced by today's (the collector's daily upkeep).
#[tokio::test]
async fn the_recent_window_index_moves_forward() {
    let db = TestDb::postgres().await;
    db.store
        .apply_tier(&cryptodesk_store::TierOptions {
            timescaledb: false,
            ..Default::default()
        })
        .await
        .unwrap();
    let Store::Postgres(pool) = &db.store else {
        unreachable!()
    };
    let recent = || async {
        sqlx::query_scalar::<_, String>(
            "SELECT indexname::text FROM pg_indexes WHERE indexname LIKE 'candles_recent_%'",
        )
        .fetch_all(pool)
        .await
        .unwrap()
    };
    let today = recent().await;
    assert_eq!(today.len(), 1);
    sqlx::query(&format!(
        "ALTER INDEX \"{}\" RENAME TO candles_recent_20200101",
        today[0]
    ))
    .execute(pool)
    .await
    .unwrap();
    db.store.maintain_indexes().await.unwrap();
    assert_eq!(
        recent().await,
        today,
        "the old bound is gone, today's is back"
    );
    db.drop_db().await;
}

/// The dashboard statistics, hand-computed: 180 minutes from T0 and one
/// minute 24 h and 5 min before T0.
async fn dashboard_stats_hand_computed(db: &TestDb) {
    db.store
        .apply_tier(&cryptodesk_store::TierOptions {
            timescaledb: false,
            ..Default::default()
        })
        .await
        .unwrap();
    let mut rows: Vec<CandleRow> = vec![CandleRow {
        open_time: T0 - 24 * HOUR - 5 * MIN,
        open: dec!(50),
        high: dec!(5000),
        low: dec!(1),
        close: dec!(50),
        volume: dec!(1000),
    }];
    rows.extend((0..180).map(minute_row));
    db.store
        .import_candles("BTCUSDT", "1m", &rows)
        .await
        .unwrap();
    // ETH is watched but has no candles; SOL has candles but is not
    // watched: neither is listed.
    db.store
        .import_candles("SOLUSDT", "1m", &rows[..5])
        .await
        .unwrap();
    for s in ["BTC", "ETH"] {
        db.store
            .track_symbol(&cryptodesk_core::Symbol::parse(s).unwrap())
            .await
            .unwrap();
    }
    db.store.refresh_dashboard_stats().await.unwrap();
    let stats = db.store.dashboard_stats().await.unwrap();
    assert_eq!(
        stats,
        [cryptodesk_store::StatsRow {
            pair: "BTCUSDT".into(),
            price: dec!(279),
            last_open: T0 + 179 * MIN,
            close_24h: Some(dec!(50)),
            close_7d: None,
            high_24h: dec!(280),
            low_24h: dec!(98),
            volume_24h: dec!(270),
        }]
    );
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::from_str(text).unwrap()
}

fn dated(date: &str, eur: Decimal, czk: Decimal, provisional: bool) -> DatedRates {
    DatedRates {
        date: day(date),
        published: day(date),
        rates: FxRates { eur, czk },
        provisional,
    }
}

async fn rates_by_date(db: &TestDb) {
    let s = &db.store;
    s.put_rates(
        RateKind::History,
        &dated("2025-01-10", dec!(0.95), dec!(24.1), false),
        "t",
    )
    .await
    .unwrap();
    // A provisional rate is replaced by the real one...
    s.put_rates(
        RateKind::History,
        &dated("2025-01-13", dec!(0.95), dec!(24.1), true),
        "t",
    )
    .await
    .unwrap();
    let got = s.history_rates(&[day("2025-01-13")]).await.unwrap();
    assert!(got[&day("2025-01-13")].provisional);
    s.put_rates(
        RateKind::History,
        &dated("2025-01-13", dec!(0.96), dec!(24.3), false),
        "t",
    )
    .await
    .unwrap();
    // ...and a real one never changes.
    s.put_rates(
        RateKind::History,
        &dated("2025-01-13", dec!(1), dec!(1), false),
        "t",
    )
    .await
    .unwrap();
    let got = s
        .history_rates(&[day("2025-01-10"), day("2025-01-13"), day("2025-01-11")])
        .await
        .unwrap();
    assert_eq!(got.len(), 2, "no rate for the 11th: {got:?}");
    assert_eq!(
        got[&day("2025-01-13")],
        dated("2025-01-13", dec!(0.96), dec!(24.3), false)
    );
    // The nearest earlier real rate, for a date nobody answered.
    let before = s.rates_before(day("2025-01-12")).await.unwrap().unwrap();
    assert_eq!(before.date, day("2025-01-10"));
    assert!(s.rates_before(day("2024-01-01")).await.unwrap().is_none());
    // Latest rates: the newest date wins; a later fetch of a day replaces it.
    assert!(s.latest_rates().await.unwrap().is_none());
    s.put_rates(
        RateKind::Latest,
        &dated("2026-11-21", dec!(0.86), dec!(20.9), false),
        "t",
    )
    .await
    .unwrap();
    s.put_rates(
        RateKind::Latest,
        &dated("2026-11-22", dec!(0.861), dec!(20.91), false),
        "t",
    )
    .await
    .unwrap();
    s.put_rates(
        RateKind::Latest,
        &dated("2026-11-22", dec!(0.862), dec!(20.94), false),
        "t",
    )
    .await
    .unwrap();
    let latest = s.latest_rates().await.unwrap().unwrap();
    assert_eq!(
        latest.rates,
        FxRates {
            eur: dec!(0.862),
            czk: dec!(20.94)
        }
    );
}

async fn sales_round_trip(db: &TestDb) {
    let s = &db.store;
    let sale = SaleInput {
        symbol: "btc".into(),
        amount: "0.12345678".into(),
        price: "60000.5".into(),
        currency: "EUR".into(),
        date: Some("2025-03-01".into()),
        commission: Some("5".into()),
        source: Some("Kraken".into()),
        fx_rate: vec!["CZK=25.5".into()],
    }
    .validate(day("2026-11-24"))
    .unwrap();
    let a = s.add_sale(&sale).await.unwrap();
    assert_eq!(a.amount, dec!(0.12345678));
    assert_eq!(a.fx_rate_czk, Some(dec!(25.5)));
    assert_eq!(a.fx_rate_eur, None);
    assert_eq!(s.list_sales().await.unwrap(), vec![a.clone()]);
    s.remove_sale(a.id).await.unwrap();
    assert!(s.list_sales().await.unwrap().is_empty());
    assert!(matches!(
        s.remove_sale(a.id).await,
        Err(StoreError::NotFound { .. })
    ));
}

/// Every kind and frequency is stored and read back as given; a fire of
/// an `every` rule is claimed by compare-and-set on its last fire; saving a
/// state leaves the rules version alone, while an edit or a fire moves it.
async fn alert_rules_round_trip_and_claim(db: &TestDb) {
    let s = &db.store;
    let input = |kind: &str, threshold: &str| AlertInput {
        symbol: "ETH".into(),
        alert_type: kind.into(),
        threshold: threshold.into(),
        ..AlertInput::default()
    };
    let v0 = s.alert_rules_version().await.unwrap();
    let enters = s
        .add_alert(
            &AlertInput {
                upper: Some("2500.5".into()),
                repeat: Some("every".into()),
                rearm_band: Some("1.5".into()),
                cooldown: Some("15m".into()),
                expires: Some("2031-02-03T04:05:06Z".into()),
                ..input("enters", "2000")
            }
            .validate()
            .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(enters.alert_type, AlertKind::Enters);
    assert_eq!(enters.upper_price, Some(dec!(2500.5)));
    assert_eq!(enters.repeat, Repeat::Every);
    assert_eq!(enters.rearm_band, dec!(1.5));
    assert_eq!(enters.cooldown_secs, Some(900));
    assert_eq!(
        enters.expires_at.unwrap().to_rfc3339(),
        "2031-02-03T04:05:06+00:00"
    );
    let moves = s
        .add_alert(
            &AlertInput {
                within: Some("2d".into()),
                ..input("moves-down", "7.25%")
            }
            .validate()
            .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(moves.alert_type, AlertKind::MovesDown);
    assert_eq!(moves.within_secs, Some(172_800));
    assert_eq!(moves.describe(), "moves-down 7.25% within 2d");
    for kind in ["crosses", "crosses-up", "crosses-down", "exits"] {
        let mut i = input(kind, "100");
        i.upper = (kind == "exits").then(|| "200".into());
        let a = s.add_alert(&i.validate().unwrap()).await.unwrap();
        assert_eq!(a.alert_type.as_str(), kind);
    }
    let v1 = s.alert_rules_version().await.unwrap();
    assert!(v1 > v0, "adding rules moves the version");

    // State saved and read back, without moving the version.
    let mut state = RuleState {
        prev: Some(dec!(2100)),
        armed: false,
        ..RuleState::default()
    };
    state.window.push_back((5, dec!(1.5)));
    s.save_rule_states(&[(enters.id, state.clone(), enters.updated_at)])
        .await
        .unwrap();
    assert_eq!(s.alert_rules_version().await.unwrap(), v1);
    let rules = s.active_rules().await.unwrap();
    assert_eq!(rules.len(), 6);
    let (a, saved) = rules.iter().find(|(a, _)| a.id == enters.id).unwrap();
    assert_eq!(a, &enters);
    assert_eq!(saved.as_ref(), Some(&state));

    // An `every` rule's fire: claimed against the last fire known.
    let fire = |at: i64, previous_fire| Firing {
        event: AlertEvent {
            id: 0,
            alert_id: enters.id,
            symbol: enters.symbol.clone(),
            triggered_price: dec!(2200),
            threshold_price: enters.threshold_price,
            alert_type: enters.alert_type,
            message: None,
            triggered_at: chrono::DateTime::from_timestamp_millis(at).unwrap(),
            rule: Some(enters.describe()),
        },
        previous_fire,
        once: false,
        state: state.clone(),
        revision: enters.updated_at,
    };
    let t1 = 1_800_000_000_000;
    assert_eq!(s.record_fired(&[fire(t1, None)]).await.unwrap().len(), 1);
    let v2 = s.alert_rules_version().await.unwrap();
    assert!(v2 > v1, "a fire moves the version");
    // Another engine that did not see that fire loses its claim.
    assert!(s
        .record_fired(&[fire(t1 + 5, None)])
        .await
        .unwrap()
        .is_empty());
    // The next fire, claimed against the first, is recorded; the rule stays.
    assert_eq!(
        s.record_fired(&[fire(t1 + 60_000, Some(t1))])
            .await
            .unwrap()
            .len(),
        1
    );
    let a = s.active_rules().await.unwrap();
    let (a, _) = a.iter().find(|(a, _)| a.id == enters.id).unwrap();
    assert_eq!(a.last_fired_at.unwrap().timestamp_millis(), t1 + 60_000);
    let history = s.alert_history(10).await.unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].rule.as_deref(), Some("enters 2000–2500.5"));
    assert_eq!(history[0].alert_type, AlertKind::Enters);

    // An edit arms it afresh: no last fire, no state.
    let edited = s
        .update_alert(
            enters.id,
            &input("crosses-down", "1900").validate().unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(edited.last_fired_at, None);
    assert_eq!(edited.repeat, Repeat::Once);
    assert!(s.alert_rules_version().await.unwrap() > v2);
    let rules = s.active_rules().await.unwrap();
    let (_, saved) = rules.iter().find(|(a, _)| a.id == enters.id).unwrap();
    assert_eq!(saved, &None);
    // An engine that loaded the rule before the edit writes nothing over it:
    // not its old state, not a fire, not an expiry.
    s.save_rule_states(&[(enters.id, state.clone(), enters.updated_at)])
        .await
        .unwrap();
    assert!(s
        .record_fired(&[fire(t1 + 120_000, None)])
        .await
        .unwrap()
        .is_empty());
    s.expire_alerts(&[(enters.id, enters.updated_at)])
        .await
        .unwrap();
    let rules = s.active_rules().await.unwrap();
    let (a, saved) = rules.iter().find(|(a, _)| a.id == enters.id).unwrap();
    assert_eq!((a, saved), (&edited, &None));
    // Expired rules end.
    s.expire_alerts(&[(moves.id, moves.updated_at)])
        .await
        .unwrap();
    assert_eq!(s.active_rules().await.unwrap().len(), 5);
}

macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            use super::*;
            $(#[tokio::test] async fn $name() { let db = TestDb::sqlite().await; assert_eq!(db.store.backend(), Backend::Sqlite); super::$name(&db).await; db.drop_db().await; })*
        }
        mod postgres {
            use super::*;
            $(#[tokio::test] async fn $name() { let db = TestDb::postgres().await; assert_eq!(db.store.backend(), Backend::Postgres); super::$name(&db).await; db.drop_db().await; })*
        }
    };
}

both_backends!(
    decimals_round_trip,
    holdings_crud,
    edits_keep_created_at,
    alerts_fire_once,
    alert_rules_round_trip_and_claim,
    watched_symbols,
    candles_upsert_keeps_one_row,
    polled_prices_fold_into_candles,
    concurrent_folds_keep_every_extreme,
    candle_prices_compare_as_numbers,
    old_minutes_are_deleted_in_batches,
    migrations_are_reported,
    hours_and_days_derive_from_minutes,
    dashboard_stats_hand_computed,
    rates_by_date,
    sales_round_trip,
);

/// Candles written under the first schema (epoch-ms open times; decimal text
/// on SQLite) read back exactly after the candle-columns migration.
mod candles_migrate_forward {
    use super::*;
    use sqlx::migrate::Migrator;
    use std::path::Path;

    /// Only the first (seed) migration of `dir`.
    async fn seed_only(dir: &str) -> Migrator {
        let mut m = Migrator::new(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
            .await
            .unwrap();
        m.migrations = m.migrations[..1].to_vec().into();
        m
    }

    const T: i64 = 1_700_000_000_123;

    fn expected() -> CandleRow {
        CandleRow {
            open_time: T,
            open: dec!(65000.5),
            high: dec!(65100.12345678),
            low: dec!(64000),
            close: dec!(0.00000001),
            volume: dec!(12.5),
        }
    }

    #[tokio::test]
    async fn sqlite() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("old.db").display());
        let store = Store::connect(&url, 1).await.unwrap();
        let Store::Sqlite(pool) = &store else {
            unreachable!()
        };
        seed_only("../../migrations/sqlite")
            .await
            .run(pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO candles VALUES ('BTCUSDT', '1h', ?, '65000.5', '65100.12345678', '64000', '0.00000001', '12.5')")
            .bind(T)
            .execute(pool)
            .await
            .unwrap();
        store.migrate().await.unwrap();
        assert_eq!(
            store.candles("BTCUSDT", "1h", 0, i64::MAX).await.unwrap(),
            [expected()]
        );
        store.close().await;
    }

    #[tokio::test]
    async fn postgres() {
        let db = TestDb::postgres_empty().await;
        let Store::Postgres(pool) = &db.store else {
            unreachable!()
        };
        seed_only("../../migrations/postgres")
            .await
            .run(pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO candles VALUES ('BTCUSDT', '1h', $1, 65000.5, 65100.12345678, 64000, 0.00000001, 12.5)")
            .bind(T)
            .execute(pool)
            .await
            .unwrap();
        db.store.migrate().await.unwrap();
        assert_eq!(
            db.store
                .candles("BTCUSDT", "1h", 0, i64::MAX)
                .await
                .unwrap(),
            [expected()]
        );
        db.drop_db().await;
    }
}

/// Alerts and their history from before the alert-rules migration read
/// back after it as `once` rules, and each fire still names its alert
/// (SQLite rebuilds the table: foreign keys must not null `alert_id`).
mod alerts_migrate_forward {
    use super::*;
    use sqlx::migrate::Migrator;
    use std::path::Path;

    async fn before_rules(dir: &str) -> Migrator {
        let mut m = Migrator::new(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
            .await
            .unwrap();
        let n = m
            .migrations
            .iter()
            .position(|m| m.description.contains("alert rules"))
            .unwrap();
        m.migrations = m.migrations[..n].to_vec().into();
        m
    }

    const ALERT: &str = "INSERT INTO price_alerts (id, symbol, alert_type, threshold_price, \
        message, is_active, created_at, updated_at) \
        VALUES (7, 'BTC', 'below', 50000, 'dip', FALSE, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')";
    const FIRED: &str = "INSERT INTO alert_history (alert_id, symbol, triggered_price, \
        threshold_price, alert_type, message, triggered_at) \
        VALUES (7, 'BTC', 49999, 50000, 'below', 'dip', '2026-01-02T00:00:00Z')";

    async fn check(store: &Store) {
        let alerts = store.list_alerts(false).await.unwrap();
        assert_eq!(alerts.len(), 1);
        let a = &alerts[0];
        assert_eq!(a.id, AlertId(7));
        assert_eq!(a.alert_type, AlertKind::Below);
        assert_eq!(a.threshold_price, dec!(50000));
        assert_eq!(a.repeat, Repeat::Once);
        assert_eq!(a.upper_price, None);
        let history = store.alert_history(10).await.unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].alert_id, AlertId(7));
        assert_eq!(history[0].title(), "BTC below 50000");
    }

    #[tokio::test]
    async fn sqlite() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("old.db").display());
        let store = Store::connect(&url, 1).await.unwrap();
        let Store::Sqlite(pool) = &store else {
            unreachable!()
        };
        before_rules("../../migrations/sqlite")
            .await
            .run(pool)
            .await
            .unwrap();
        sqlx::query(ALERT).execute(pool).await.unwrap();
        sqlx::query(FIRED).execute(pool).await.unwrap();
        store.migrate().await.unwrap();
        check(&store).await;
        let fk: Vec<(i64,)> = sqlx::query_as("SELECT 1 FROM pragma_foreign_key_check")
            .fetch_all(pool)
            .await
            .unwrap();
        assert!(fk.is_empty(), "foreign keys hold after the rebuild");
        store.close().await;
    }

    #[tokio::test]
    async fn postgres() {
        let db = TestDb::postgres_empty().await;
        let Store::Postgres(pool) = &db.store else {
            unreachable!()
        };
        before_rules("../../migrations/postgres")
            .await
            .run(pool)
            .await
            .unwrap();
        sqlx::query(ALERT).execute(pool).await.unwrap();
        sqlx::query(FIRED).execute(pool).await.unwrap();
        db.store.migrate().await.unwrap();
        check(&db.store).await;
        db.drop_db().await;
    }
}

#[tokio::test]
async fn unsupported_url_is_refused() {
    let err = Store::connect("mysql://localhost/x", 1).await.unwrap_err();
    assert!(
        err.to_string().contains("unsupported database URL"),
        "{err}"
    );
}
