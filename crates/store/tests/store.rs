//! Store tests against real SQLite files and the real PostgreSQL server,
//! each test in its own database.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use chrono::{NaiveDate, Utc};
use cryptodesk_core::{
    AlertEvent, AlertId, AlertInput, AlertKind, HoldingId, HoldingInput, NewHolding,
};
use cryptodesk_store::{Backend, CandleRow, Store, StoreError};
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

    async fn postgres() -> Self {
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
        store.migrate().await.unwrap();
        TestDb {
            store,
            _dir: None,
            pg_name: Some(name),
        }
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
        let stored = db.store.add_holding(&holding(v, v)).await.unwrap();
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
    let a = db.store.add_holding(&holding("1", "100")).await.unwrap();
    let b = db.store.add_holding(&holding("2", "200")).await.unwrap();
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
    let a = db.store.add_holding(&holding("1", "100")).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let edited = db
        .store
        .update_holding(a.id, &holding("1.25", "99.5"))
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
            .update_holding(HoldingId(9999), &holding("1", "1"))
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
    };
    let recorded = db
        .store
        .record_fired(std::slice::from_ref(&ev))
        .await
        .unwrap();
    assert_eq!(recorded.len(), 1);
    assert!(recorded[0].id > 0);
    // A second collector racing on the same alert records nothing.
    assert!(db.store.record_fired(&[ev]).await.unwrap().is_empty());
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
    db.store.add_holding(&holding("1", "1")).await.unwrap();
    let eth = AlertInput {
        symbol: "eth".into(),
        alert_type: "below".into(),
        threshold: "2000".into(),
        message: None,
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

async fn migrations_are_reported(db: &TestDb) {
    let status = db.store.migration_status().await.unwrap();
    assert!(!status.is_empty());
    assert!(status.iter().all(|m| m.applied));
    // Running them again is a no-op.
    db.store.migrate().await.unwrap();
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
    watched_symbols,
    candles_upsert_keeps_one_row,
    polled_prices_fold_into_candles,
    migrations_are_reported,
);

#[tokio::test]
async fn unsupported_url_is_refused() {
    let err = Store::connect("mysql://localhost/x", 1).await.unwrap_err();
    assert!(
        err.to_string().contains("unsupported database URL"),
        "{err}"
    );
}
