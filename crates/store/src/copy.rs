//! Copying every table from one database to another (`db copy`): SQLite ↔
//! PostgreSQL, table by table, each in one transaction, then a row count
//! and a checksum per table read back from both sides.
//!
//! Values travel typed ([`Val`]), so a decimal stays exact, a time keeps its
//! microseconds and ids are kept (PostgreSQL's sequences are moved past
//! them).

use crate::columns::{OpenTime, Price};
use crate::{Result, Store, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use sqlx::postgres::{PgArguments, PgRow, Postgres};
use sqlx::sqlite::{Sqlite, SqliteArguments, SqliteRow};
use sqlx::Row;
use std::str::FromStr;

/// How a column is stored on each engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Text,
    /// Decimal: text on SQLite, NUMERIC on PostgreSQL.
    Dec,
    Time,
    Date,
    Bool,
    /// Candle price ([`Price`]).
    CandlePrice,
    /// Candle open time ([`OpenTime`]).
    CandleTime,
}

/// One value in transit.
#[derive(Debug, Clone, PartialEq)]
enum Val {
    Null,
    Int(i64),
    Text(String),
    Dec(Decimal),
    Time(DateTime<Utc>),
    Date(NaiveDate),
    Bool(bool),
}

impl Val {
    /// A canonical text for the checksum (decimals normalised).
    fn canonical(&self, out: &mut Vec<u8>) {
        let s = match self {
            Val::Null => "∅".to_owned(),
            Val::Int(i) => i.to_string(),
            Val::Text(t) => t.clone(),
            Val::Dec(d) => d.normalize().to_string(),
            Val::Time(t) => t.timestamp_micros().to_string(),
            Val::Date(d) => d.to_string(),
            Val::Bool(b) => b.to_string(),
        };
        out.extend_from_slice(s.as_bytes());
        out.push(0x1f);
    }
}

struct Table {
    name: &'static str,
    /// Column names, kinds and whether they may be NULL.
    columns: &'static [(&'static str, Kind, bool)],
    key: &'static str,
    /// Has a serial `id` whose sequence must follow the copied ids.
    serial: bool,
}

use Kind::*;

/// Every table, parents before children.
const TABLES: [Table; 9] = [
    Table {
        name: "portfolio",
        columns: &[
            ("id", Int, false),
            ("symbol", Text, false),
            ("amount", Dec, false),
            ("price_buy", Dec, false),
            ("purchase_date", Date, true),
            ("base_currency", Text, false),
            ("purchase_price_eur", Dec, true),
            ("purchase_price_czk", Dec, true),
            ("source", Text, true),
            ("commission", Dec, false),
            ("created_at", Time, false),
            ("updated_at", Time, false),
            ("fx_rate_eur", Dec, true),
            ("fx_rate_czk", Dec, true),
            ("import_key", Text, true),
        ],
        key: "id",
        serial: true,
    },
    Table {
        name: "portfolio_sells",
        columns: &[
            ("id", Int, false),
            ("symbol", Text, false),
            ("amount", Dec, false),
            ("price", Dec, false),
            ("currency", Text, false),
            ("sell_date", Date, false),
            ("commission", Dec, false),
            ("source", Text, true),
            ("fx_rate_eur", Dec, true),
            ("fx_rate_czk", Dec, true),
            ("import_key", Text, true),
            ("created_at", Time, false),
        ],
        key: "id",
        serial: true,
    },
    Table {
        name: "currency_rates",
        columns: &[
            ("id", Int, false),
            ("base_currency", Text, false),
            ("target_currency", Text, false),
            ("rate", Dec, false),
            ("source", Text, true),
            ("updated_at", Time, false),
            ("kind", Text, false),
            ("valid_on", Date, false),
            ("provisional", Bool, false),
            ("published_on", Date, true),
        ],
        key: "id",
        serial: true,
    },
    Table {
        name: "price_alerts",
        columns: &[
            ("id", Int, false),
            ("symbol", Text, false),
            ("alert_type", Text, false),
            ("threshold_price", Dec, false),
            ("message", Text, true),
            ("is_active", Bool, false),
            ("created_at", Time, false),
            ("updated_at", Time, false),
            ("upper_price", Dec, true),
            ("within_secs", Int, true),
            ("repeat", Text, false),
            ("rearm_band", Dec, false),
            ("cooldown_secs", Int, true),
            ("expires_at", Time, true),
            ("last_fired_ms", Int, true),
            ("rule_state", Text, true),
            ("snoozed_until", Time, true),
        ],
        key: "id",
        serial: true,
    },
    Table {
        name: "alert_history",
        columns: &[
            ("id", Int, false),
            ("alert_id", Int, true),
            ("symbol", Text, false),
            ("triggered_price", Dec, false),
            ("threshold_price", Dec, false),
            ("alert_type", Text, false),
            ("message", Text, true),
            ("triggered_at", Time, false),
            ("rule_text", Text, true),
        ],
        key: "id",
        serial: true,
    },
    Table {
        name: "tracked_symbols",
        columns: &[
            ("id", Int, false),
            ("symbol", Text, false),
            ("is_active", Bool, false),
            ("created_at", Time, false),
        ],
        key: "id",
        serial: true,
    },
    Table {
        name: "unverified_symbols",
        columns: &[
            ("id", Int, false),
            ("symbol", Text, false),
            ("created_at", Time, false),
        ],
        key: "id",
        serial: true,
    },
    Table {
        name: "crypto_symbols",
        columns: &[
            ("id", Int, false),
            ("symbol", Text, false),
            ("base_asset", Text, false),
            ("quote_asset", Text, false),
            ("status", Text, false),
            ("updated_at", Time, false),
        ],
        key: "id",
        serial: true,
    },
    Table {
        name: "candles",
        columns: &[
            ("symbol", Text, false),
            ("interval", Text, false),
            ("open_time", CandleTime, false),
            ("open", CandlePrice, false),
            ("high", CandlePrice, false),
            ("low", CandlePrice, false),
            ("close", CandlePrice, false),
            ("volume", Dec, false),
        ],
        key: "symbol, interval, open_time",
        serial: false,
    },
];

/// What was copied of one table.
#[derive(Debug, Clone, Serialize)]
pub struct TableCopy {
    /// The table.
    pub table: String,
    /// Rows read from the source.
    pub rows: u64,
    /// Rows the target holds afterwards.
    pub target_rows: u64,
    /// Rows skipped because the target had their key already (`--append`).
    pub skipped: u64,
    /// Whether source and target checksums agree (not checked on append).
    pub checksum_ok: Option<bool>,
    /// The source's checksum (blake3 of the canonical rows, hex).
    pub checksum: String,
}

const BATCH: usize = 200;

fn sqlite_val(r: &SqliteRow, c: &'static str, kind: Kind) -> Result<Val> {
    let v = match kind {
        Int => r.try_get::<Option<i64>, _>(c)?.map(Val::Int),
        Text => r.try_get::<Option<String>, _>(c)?.map(Val::Text),
        Dec => r
            .try_get::<Option<String>, _>(c)?
            .map(|s| {
                Decimal::from_str(&s)
                    .map(Val::Dec)
                    .map_err(|e| StoreError::Corrupt {
                        column: c,
                        message: format!("{s:?}: {e}"),
                    })
            })
            .transpose()?,
        Time => r.try_get::<Option<DateTime<Utc>>, _>(c)?.map(Val::Time),
        Date => r.try_get::<Option<NaiveDate>, _>(c)?.map(Val::Date),
        Bool => r.try_get::<Option<bool>, _>(c)?.map(Val::Bool),
        CandlePrice => Some(Val::Dec(r.try_get::<Price, _>(c)?.0)),
        CandleTime => Some(Val::Int(r.try_get::<OpenTime, _>(c)?.0)),
    };
    Ok(v.unwrap_or(Val::Null))
}

fn pg_val(r: &PgRow, c: &'static str, kind: Kind) -> Result<Val> {
    let v = match kind {
        Int => r.try_get::<Option<i64>, _>(c)?.map(Val::Int),
        Text => r.try_get::<Option<String>, _>(c)?.map(Val::Text),
        Dec => r.try_get::<Option<Decimal>, _>(c)?.map(Val::Dec),
        Time => r.try_get::<Option<DateTime<Utc>>, _>(c)?.map(Val::Time),
        Date => r.try_get::<Option<NaiveDate>, _>(c)?.map(Val::Date),
        Bool => r.try_get::<Option<bool>, _>(c)?.map(Val::Bool),
        CandlePrice => Some(Val::Dec(r.try_get::<Price, _>(c)?.0)),
        CandleTime => Some(Val::Int(r.try_get::<OpenTime, _>(c)?.0)),
    };
    Ok(v.unwrap_or(Val::Null))
}

type SqliteQuery<'q> = sqlx::query::Query<'q, Sqlite, SqliteArguments<'q>>;
type PgQuery<'q> = sqlx::query::Query<'q, Postgres, PgArguments>;

/// Binds `v` (of column kind `k`) on a SQLite query.
fn bind_sqlite<'q>(q: SqliteQuery<'q>, v: &Val, k: Kind) -> SqliteQuery<'q> {
    match (v, k) {
        (Val::Null, Int) => q.bind(None::<i64>),
        (Val::Null, Time) => q.bind(None::<DateTime<Utc>>),
        (Val::Null, Date) => q.bind(None::<NaiveDate>),
        (Val::Null, Bool) => q.bind(None::<bool>),
        (Val::Null, _) => q.bind(None::<String>),
        (Val::Int(i), CandleTime) => q.bind(OpenTime(*i)),
        (Val::Int(i), _) => q.bind(*i),
        (Val::Text(t), _) => q.bind(t.clone()),
        (Val::Dec(d), CandlePrice) => q.bind(Price(*d)),
        (Val::Dec(d), _) => q.bind(d.normalize().to_string()),
        (Val::Time(t), _) => q.bind(*t),
        (Val::Date(d), _) => q.bind(*d),
        (Val::Bool(b), _) => q.bind(*b),
    }
}

/// Binds `v` (of column kind `k`) on a PostgreSQL query.
fn bind_pg<'q>(q: PgQuery<'q>, v: &Val, k: Kind) -> PgQuery<'q> {
    match (v, k) {
        (Val::Null, Int) => q.bind(None::<i64>),
        (Val::Null, Time) => q.bind(None::<DateTime<Utc>>),
        (Val::Null, Date) => q.bind(None::<NaiveDate>),
        (Val::Null, Bool) => q.bind(None::<bool>),
        (Val::Null, Dec) => q.bind(None::<Decimal>),
        (Val::Null, _) => q.bind(None::<String>),
        (Val::Int(i), CandleTime) => q.bind(OpenTime(*i)),
        (Val::Int(i), _) => q.bind(*i),
        (Val::Text(t), _) => q.bind(t.clone()),
        (Val::Dec(d), CandlePrice) => q.bind(Price(*d)),
        (Val::Dec(d), _) => q.bind(*d),
        (Val::Time(t), _) => q.bind(*t),
        (Val::Date(d), _) => q.bind(*d),
        (Val::Bool(b), _) => q.bind(*b),
    }
}

/// Rows in key order, text compared byte by byte on both engines (a
/// PostgreSQL locale would sort `1M` after `1m`, SQLite before), so the
/// checksums of the two sides compare.
fn select(t: &Table, postgres: bool) -> String {
    let cols: Vec<&str> = t.columns.iter().map(|c| c.0).collect();
    let key: Vec<String> = t
        .key
        .split(", ")
        .map(|k| {
            let text = t.columns.iter().any(|c| c.0 == k && c.1 == Text);
            if postgres && text {
                format!("{k} COLLATE \"C\"")
            } else {
                k.to_owned()
            }
        })
        .collect();
    format!(
        "SELECT {} FROM {} ORDER BY {}",
        cols.join(", "),
        t.name,
        key.join(", ")
    )
}

fn insert(t: &Table, rows: usize, postgres: bool) -> String {
    let n = t.columns.len();
    let cols: Vec<&str> = t.columns.iter().map(|c| c.0).collect();
    let values: Vec<String> = (0..rows)
        .map(|r| {
            let ps: Vec<String> = (1..=n)
                .map(|i| {
                    if postgres {
                        format!("${}", r * n + i)
                    } else {
                        "?".to_owned()
                    }
                })
                .collect();
            format!("({})", ps.join(", "))
        })
        .collect();
    format!(
        "INSERT INTO {} ({}) VALUES {} ON CONFLICT DO NOTHING",
        t.name,
        cols.join(", "),
        values.join(", ")
    )
}

/// Every row of `t` in key order, and the checksum of their canonical form.
async fn read_table(store: &Store, t: &Table) -> Result<(Vec<Vec<Val>>, String)> {
    let sql = select(t, matches!(store, Store::Postgres(_)));
    let mut rows = Vec::new();
    match store {
        Store::Sqlite(pool) => {
            for r in sqlx::query(&sql).fetch_all(pool).await? {
                rows.push(
                    t.columns
                        .iter()
                        .map(|(c, k, _)| sqlite_val(&r, c, *k))
                        .collect::<Result<Vec<Val>>>()?,
                );
            }
        }
        Store::Postgres(pool) => {
            for r in sqlx::query(&sql).fetch_all(pool).await? {
                rows.push(
                    t.columns
                        .iter()
                        .map(|(c, k, _)| pg_val(&r, c, *k))
                        .collect::<Result<Vec<Val>>>()?,
                );
            }
        }
    }
    let mut hasher = blake3::Hasher::new();
    let mut buf = Vec::with_capacity(256);
    for row in &rows {
        buf.clear();
        for v in row {
            v.canonical(&mut buf);
        }
        buf.push(b'\n');
        hasher.update(&buf);
    }
    Ok((rows, hasher.finalize().to_hex().to_string()))
}

/// Writes `rows` into `t` on `store` in one transaction; returns how many
/// were inserted (the rest had their key in the target already).
async fn write_table(store: &Store, t: &Table, rows: &[Vec<Val>]) -> Result<u64> {
    let mut inserted = 0;
    match store {
        Store::Sqlite(pool) => {
            let mut tx = pool.begin().await?;
            for chunk in rows.chunks(BATCH) {
                let sql = insert(t, chunk.len(), false);
                let mut q = sqlx::query(&sql);
                for row in chunk {
                    for (v, (_, k, _)) in row.iter().zip(t.columns) {
                        q = bind_sqlite(q, v, *k);
                    }
                }
                inserted += q.execute(&mut *tx).await?.rows_affected();
            }
            tx.commit().await?;
        }
        Store::Postgres(pool) => {
            let mut tx = pool.begin().await?;
            for chunk in rows.chunks(BATCH) {
                let sql = insert(t, chunk.len(), true);
                let mut q = sqlx::query(&sql);
                for row in chunk {
                    for (v, (_, k, _)) in row.iter().zip(t.columns) {
                        q = bind_pg(q, v, *k);
                    }
                }
                inserted += q.execute(&mut *tx).await?.rows_affected();
            }
            if t.serial {
                sqlx::query(&format!(
                    "SELECT setval(pg_get_serial_sequence('{0}', 'id'), \
                     coalesce((SELECT max(id) FROM {0}), 0) + 1, false)",
                    t.name
                ))
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        }
    }
    Ok(inserted)
}

async fn count(store: &Store, table: &str) -> Result<u64> {
    let sql = format!("SELECT count(*) FROM {table}");
    let n: i64 = match store {
        Store::Sqlite(p) => sqlx::query_scalar(&sql).fetch_one(p).await?,
        Store::Postgres(p) => sqlx::query_scalar(&sql).fetch_one(p).await?,
    };
    Ok(u64::try_from(n).unwrap_or(0))
}

impl Store {
    /// Rows in all tables (`db copy` refuses a target that has any).
    pub async fn total_rows(&self) -> Result<u64> {
        let mut n = 0;
        for t in &TABLES {
            n += count(self, t.name).await?;
        }
        Ok(n)
    }

    /// Copies every table of `self` into `target` (migrated), table by
    /// table, each in one transaction, then compares row counts and
    /// checksums. With `append`, rows whose key the target has are skipped
    /// and the checksums are not compared. `on_table` hears each result.
    pub async fn copy_to(
        &self,
        target: &Store,
        append: bool,
        mut on_table: impl FnMut(&TableCopy),
    ) -> Result<Vec<TableCopy>> {
        let mut out = Vec::with_capacity(TABLES.len());
        for t in &TABLES {
            let (rows, checksum) = read_table(self, t).await?;
            let inserted = write_table(target, t, &rows).await?;
            let checksum_ok = if append {
                None
            } else {
                Some(read_table(target, t).await?.1 == checksum)
            };
            let copy = TableCopy {
                table: t.name.to_owned(),
                rows: rows.len() as u64,
                target_rows: count(target, t.name).await?,
                skipped: rows.len() as u64 - inserted,
                checksum_ok,
                checksum,
            };
            on_table(&copy);
            out.push(copy);
        }
        Ok(out)
    }
}
