//! Persistence for Cryptodesk with sqlx.
//!
//! One [`Store`] talks to either an embedded SQLite file (the default) or a
//! PostgreSQL server. It owns the migrations (`migrations/sqlite` and
//! `migrations/postgres`), the mapping between rows and domain records, and
//! the transactions of multi-row writes. It validates nothing itself: callers
//! hand it records already checked by `cryptodesk-core`. No Tauri, no HTTP.

mod columns;
mod copy;
mod rows;
pub mod tier;

pub use copy::TableCopy;
pub use tier::{Tier, TierOptions, TimescaleStats};

use chrono::Utc;
use columns::{OpenTime, Price};
use cryptodesk_core::money::round_money;
use cryptodesk_core::{
    alerts::{Firing, SavedState},
    rules::RuleState,
    Alert, AlertEvent, AlertId, Holding, HoldingId, NewAlert, NewHolding, Symbol,
};
use rows::{alert, event, holding, Get};
use rust_decimal::Decimal;
use serde::Serialize;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};
use std::collections::BTreeSet;
use std::str::FromStr;
use std::time::Duration;
use tracing::instrument;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../../migrations/postgres");

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database URL is not `sqlite:` or `postgres:`.
    #[error("unsupported database URL scheme {0:?} (use sqlite://PATH or postgres://...)")]
    UnsupportedUrl(String),
    /// A row the caller named does not exist.
    #[error("{what} {id} not found")]
    NotFound {
        /// Kind of row.
        what: &'static str,
        /// Its id.
        id: i64,
    },
    /// A stored value cannot be read back (edited by hand, or a bug).
    #[error("stored value in column {column} is invalid: {message}")]
    Corrupt {
        /// The column.
        column: &'static str,
        /// What is wrong.
        message: String,
    },
    /// Applying migrations failed.
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The database refused or could not be reached.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

/// Result alias for store calls.
pub type Result<T> = std::result::Result<T, StoreError>;

/// Which database engine a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    /// Embedded SQLite file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

/// What a connection test found.
#[derive(Debug, Clone, PartialEq)]
pub struct Probe {
    /// Server name and version, e.g. `PostgreSQL 15.19`.
    pub version: String,
    /// Time of one `SELECT 1`.
    pub round_trip: Duration,
    /// Anything the user should know (a SQLite file not created yet).
    pub note: Option<String>,
}

/// One migration and whether it is applied.
#[derive(Debug, Clone, Serialize)]
pub struct MigrationState {
    /// Timestamp version.
    pub version: i64,
    /// Description from the file name.
    pub description: String,
    /// Whether the database has it.
    pub applied: bool,
}

/// One stored OHLCV candle with decimal prices.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandleRow {
    /// Open time, epoch milliseconds UTC.
    pub open_time: i64,
    /// Open price.
    pub open: Decimal,
    /// High price.
    pub high: Decimal,
    /// Low price.
    pub low: Decimal,
    /// Close price.
    pub close: Decimal,
    /// Base-asset volume.
    pub volume: Decimal,
}

/// A stored candle series: its first and last open time (epoch ms UTC) and
/// how many candles it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeriesSpan {
    /// The pair, e.g. `BTCUSDT`.
    pub symbol: String,
    /// The interval, e.g. `1h`.
    pub interval: String,
    /// First open time.
    pub first: i64,
    /// Last open time.
    pub last: i64,
    /// Number of candles.
    pub count: i64,
}

/// Inserts or replaces one candle with [`UPSERT_CANDLE`] inside transaction `$tx`.
macro_rules! upsert_candle {
    ($sql:expr, $symbol:expr, $interval:expr, $c:expr, $tx:expr) => {
        sqlx::query($sql)
            .bind($symbol)
            .bind($interval)
            .bind(OpenTime($c.open_time))
            .bind(Price($c.open))
            .bind(Price($c.high))
            .bind(Price($c.low))
            .bind(Price($c.close))
            .bind(text($c.volume))
            .execute(&mut *$tx)
            .await?
    };
}

/// Binds a holding's columns in the order every holding query lists them:
/// symbol, amount, price, purchase date, currency, source, commission, the
/// rates paid (EUR, CZK) and the purchase prices in EUR and CZK.
macro_rules! bind_holding {
    ($query:expr, $h:expr, $pp:expr) => {
        $query
            .bind($h.symbol.as_str())
            .bind(text($h.amount))
            .bind(text($h.price_buy))
            .bind($h.purchase_date)
            .bind($h.base_currency.code())
            .bind($h.source.as_deref())
            .bind(text($h.commission))
            .bind($h.fx.eur.map(text))
            .bind($h.fx.czk.map(text))
            .bind($pp.map(|p: PurchasePrices| text(round_money(p.eur))))
            .bind($pp.map(|p: PurchasePrices| text(round_money(p.czk))))
    };
}

/// `price_buy` converted to EUR and CZK at the purchase date's rates,
/// written with the holding and never recomputed from later rates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PurchasePrices {
    /// `purchase_price_eur`.
    pub eur: Decimal,
    /// `purchase_price_czk`.
    pub czk: Decimal,
}

/// Binds an alert's columns in the order every alert query lists them:
/// symbol, type, threshold, message.
macro_rules! bind_alert {
    ($query:expr, $a:expr) => {{
        let (kind, threshold, upper, within) = $a.columns();
        $query
            .bind($a.symbol.as_str())
            .bind(kind.as_str())
            .bind(text(threshold))
            .bind($a.message.as_deref())
            .bind(upper.map(text))
            .bind(within)
            .bind($a.rule.repeat.as_str())
            .bind(text($a.rule.rearm_band))
            .bind($a.rule.cooldown_ms.map(|c| c / 1000))
            .bind($a.expires_at())
    }};
}

/// Writing a candle that exists (same symbol, interval, open time) replaces it.
const UPSERT_CANDLE: &str =
    "INSERT INTO candles (symbol, interval, open_time, open, high, low, close, volume) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, DEC($8)) \
     ON CONFLICT (symbol, interval, open_time) DO UPDATE SET open = excluded.open, \
     high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume";

/// Folds one polled price into its candle in one atomic statement: a new
/// bucket opens at the price; a known one keeps its open, raises its high,
/// lowers its low and moves its close. Two writers never lose an extreme
/// (no read-modify-write). `GREATEST`/`LEAST` are `max`/`min` on SQLite.
const FOLD_PRICE: &str =
    "INSERT INTO candles (symbol, interval, open_time, open, high, low, close, volume) \
     VALUES ($1, $2, $3, $4, $4, $4, $4, DEC($5)) \
     ON CONFLICT (symbol, interval, open_time) DO UPDATE SET \
     high = GREATEST(candles.high, excluded.high), low = LEAST(candles.low, excluded.low), \
     close = excluded.close";

/// A connection pool to the configured database.
#[derive(Debug, Clone)]
pub enum Store {
    /// Embedded SQLite.
    Sqlite(SqlitePool),
    /// PostgreSQL.
    Postgres(PgPool),
}

/// Runs `$body` once per backend with `$pool` bound to the concrete pool and
/// `$dec` to the SQL that turns a text parameter into a decimal, so each query
/// is written once and type-checked for both engines.
macro_rules! on_pool {
    ($store:expr, |$pool:ident, $sql:ident| $body:expr) => {
        match $store {
            Store::Sqlite($pool) => {
                let $sql = |s: &str| expand_dec(s, false);
                $body
            }
            Store::Postgres($pool) => {
                let $sql = |s: &str| expand_dec(s, true);
                $body
            }
        }
    };
}

mod fx;
mod rollups;
mod sales;
mod stats;
mod symbols;
pub use fx::RateKind;
pub use rollups::roll_up;
pub use sales::{ImportBuy, ImportSell};
pub use stats::StatsRow;
pub use symbols::ListedRow;

/// Spells the store's SQL for one engine:
/// - `DEC($n)`: a plain parameter on SQLite (decimals as text), a cast to
///   `NUMERIC` on PostgreSQL (the column's own type then rounds it);
/// - `MS(col)`: a candle time column as epoch milliseconds (SQLite keeps
///   them so; PostgreSQL's are `TIMESTAMPTZ`);
/// - `GREATEST(`/`LEAST(`: SQLite's two-argument `max(`/`min(`.
fn expand_dec(sql: &str, postgres: bool) -> String {
    let sql = if postgres {
        sql.to_owned()
    } else {
        sql.replace("GREATEST(", "max(").replace("LEAST(", "min(")
    };
    let mut out = String::with_capacity(sql.len() + 64);
    let mut rest = sql.as_str();
    loop {
        let next = [("DEC(", 0), ("MS(", 1)]
            .into_iter()
            .filter_map(|(token, kind)| rest.find(token).map(|at| (at, token, kind)))
            .min_by_key(|(at, _, _)| *at);
        let Some((start, token, kind)) = next else {
            break;
        };
        // `MS(` inside another word (e.g. `ITEMS(`) is not the macro.
        let word_start = start == 0
            || !rest[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        out.push_str(&rest[..start]);
        let after = &rest[start + token.len()..];
        if !word_start {
            out.push_str(token);
            rest = after;
            continue;
        }
        let end = after.find(')').unwrap_or(after.len());
        let inner = &after[..end];
        match (kind, postgres) {
            (0, true) => out.push_str(&format!("CAST({inner} AS NUMERIC)")),
            (1, true) => out.push_str(&format!(
                "CAST(EXTRACT(EPOCH FROM {inner}) * 1000 AS BIGINT)"
            )),
            _ => out.push_str(inner),
        }
        rest = after.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// Stored tickers as symbols; one that no longer parses is corruption.
fn parse_symbols(names: &[String]) -> Result<Vec<Symbol>> {
    names
        .iter()
        .map(|n| {
            Symbol::parse(n).map_err(|e| StoreError::Corrupt {
                column: "symbol",
                message: e.to_string(),
            })
        })
        .collect()
}

/// A time as stored: microseconds, PostgreSQL's precision, on both engines,
/// so a copy between them is exact.
fn stamp(t: chrono::DateTime<Utc>) -> chrono::DateTime<Utc> {
    use chrono::SubsecRound;
    t.trunc_subsecs(6)
}

/// Now, as stored.
fn now() -> chrono::DateTime<Utc> {
    stamp(Utc::now())
}

/// The row an update by id returned, or [`StoreError::NotFound`].
fn found<T>(row: Option<Result<T>>, what: &'static str, id: i64) -> Result<T> {
    row.unwrap_or(Err(StoreError::NotFound { what, id }))
}

fn state_json(state: &RuleState) -> Result<String> {
    serde_json::to_string(state).map_err(|e| StoreError::Corrupt {
        column: "rule_state",
        message: e.to_string(),
    })
}

fn text(d: Decimal) -> String {
    d.normalize().to_string()
}

impl Store {
    /// Connects to `url` (`sqlite://PATH` creates the file; `postgres://...`)
    /// with at most `max_connections` pooled connections.
    #[instrument(skip(url), err)]
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self> {
        let scheme = url.split(':').next().unwrap_or_default();
        match scheme {
            "sqlite" => {
                let opts = SqliteConnectOptions::from_str(url)?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10));
                let pool = SqlitePoolOptions::new()
                    .max_connections(max_connections.max(1))
                    .connect_with(opts)
                    .await?;
                Ok(Store::Sqlite(pool))
            }
            "postgres" | "postgresql" => {
                let pool = PgPoolOptions::new()
                    .max_connections(max_connections.max(1))
                    .acquire_timeout(Duration::from_secs(10))
                    .connect(url)
                    .await?;
                Ok(Store::Postgres(pool))
            }
            other => Err(StoreError::UnsupportedUrl(other.to_owned())),
        }
    }

    /// Connects to `url` without changing anything (a SQLite file that does
    /// not exist is not created) and reports the server's version and the
    /// round trip of one query. For the Settings page's "test connection".
    #[instrument(skip(url), err)]
    pub async fn probe(url: &str) -> Result<Probe> {
        let scheme = url.split(':').next().unwrap_or_default();
        let (store, note) = match scheme {
            "sqlite" => {
                let opts = SqliteConnectOptions::from_str(url)?;
                let exists = opts.get_filename().exists();
                let opts = if exists {
                    opts.read_only(true)
                } else {
                    SqliteConnectOptions::from_str("sqlite::memory:")?
                };
                let pool = SqlitePoolOptions::new()
                    .max_connections(1)
                    .connect_with(opts)
                    .await?;
                let note =
                    (!exists).then(|| "the file does not exist yet; it is created on save".into());
                (Store::Sqlite(pool), note)
            }
            "postgres" | "postgresql" => {
                let pool = PgPoolOptions::new()
                    .max_connections(1)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect(url)
                    .await?;
                (Store::Postgres(pool), None)
            }
            other => return Err(StoreError::UnsupportedUrl(other.to_owned())),
        };
        let version = store.server_version().await?;
        let start = std::time::Instant::now();
        let _: i32 = on_pool!(&store, |pool, _sql| sqlx::query_scalar("SELECT 1")
            .fetch_one(pool)
            .await?);
        let round_trip = start.elapsed();
        store.close().await;
        Ok(Probe {
            version,
            round_trip,
            note,
        })
    }

    /// Opens `url` without creating or migrating anything, for status
    /// reports: `None` for a SQLite file that does not exist yet (opened
    /// read-only when it does).
    pub async fn open_existing(url: &str) -> Result<Option<Self>> {
        if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)?;
            if !opts.get_filename().exists() {
                return Ok(None);
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(1)
                .connect_with(opts.read_only(true))
                .await?;
            return Ok(Some(Store::Sqlite(pool)));
        }
        Self::connect(url, 1).await.map(Some)
    }

    /// Every migration `backend` knows, none applied (a database that does
    /// not exist yet).
    pub fn known_migrations(backend: Backend) -> Vec<MigrationState> {
        let m = match backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        m.iter()
            .map(|m| MigrationState {
                version: m.version,
                description: m.description.to_string(),
                applied: false,
            })
            .collect()
    }

    /// The server's name and version, e.g. `PostgreSQL 15.19`.
    pub async fn server_version(&self) -> Result<String> {
        Ok(on_pool!(self, |pool, _sql| match self.backend() {
            Backend::Sqlite => {
                sqlx::query_scalar("SELECT 'SQLite ' || sqlite_version()")
                    .fetch_one(pool)
                    .await?
            }
            Backend::Postgres => {
                sqlx::query_scalar("SELECT 'PostgreSQL ' || current_setting('server_version')")
                    .fetch_one(pool)
                    .await?
            }
        }))
    }

    /// The engine behind this store.
    pub fn backend(&self) -> Backend {
        match self {
            Store::Sqlite(_) => Backend::Sqlite,
            Store::Postgres(_) => Backend::Postgres,
        }
    }

    fn migrator(&self) -> &'static Migrator {
        match self {
            Store::Sqlite(_) => &SQLITE_MIGRATIONS,
            Store::Postgres(_) => &POSTGRES_MIGRATIONS,
        }
    }

    /// Applies pending migrations (forward-only).
    #[instrument(skip(self), err)]
    pub async fn migrate(&self) -> Result<()> {
        match self {
            Store::Sqlite(p) => SQLITE_MIGRATIONS.run(p).await?,
            Store::Postgres(p) => POSTGRES_MIGRATIONS.run(p).await?,
        }
        Ok(())
    }

    /// Every known migration and whether it is applied.
    pub async fn migration_status(&self) -> Result<Vec<MigrationState>> {
        let applied: Vec<i64> = on_pool!(self, |pool, _sql| {
            let exists: bool =
                match self.backend() {
                    Backend::Sqlite => sqlx::query_scalar::<_, bool>(
                        "SELECT count(*) > 0 FROM sqlite_master WHERE name = '_sqlx_migrations'",
                    )
                    .fetch_one(pool)
                    .await?,
                    Backend::Postgres => {
                        sqlx::query_scalar::<_, bool>(
                            "SELECT to_regclass('_sqlx_migrations') IS NOT NULL",
                        )
                        .fetch_one(pool)
                        .await?
                    }
                };
            if exists {
                sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
                    .fetch_all(pool)
                    .await?
            } else {
                Vec::new()
            }
        });
        let applied: BTreeSet<i64> = applied.into_iter().collect();
        Ok(self
            .migrator()
            .iter()
            .map(|m| MigrationState {
                version: m.version,
                description: m.description.to_string(),
                applied: applied.contains(&m.version),
            })
            .collect())
    }

    /// Stores a validated holding with its purchase prices in EUR and CZK
    /// (when the rates of its date are known) and returns the stored row.
    #[instrument(skip(self), err)]
    pub async fn add_holding(
        &self,
        h: &NewHolding,
        purchase: Option<PurchasePrices>,
    ) -> Result<Holding> {
        let now = now();
        on_pool!(self, |pool, sql| {
            let row = bind_holding!(sqlx::query(&sql(
                "INSERT INTO portfolio (symbol, amount, price_buy, purchase_date, base_currency, \
                 source, commission, fx_rate_eur, fx_rate_czk, purchase_price_eur, \
                 purchase_price_czk, created_at, updated_at) \
                 VALUES ($1, DEC($2), DEC($3), $4, $5, $6, DEC($7), DEC($8), DEC($9), DEC($10), \
                 DEC($11), $12, $12) RETURNING *",
            )), h, purchase)
            .bind(now)
            .fetch_one(pool)
            .await?;
            holding(&row)
        })
    }

    /// Replaces the fields of holding `id` (with purchase prices for its
    /// new date); `created_at` stays, `updated_at` moves.
    #[instrument(skip(self), err)]
    pub async fn update_holding(
        &self,
        id: HoldingId,
        h: &NewHolding,
        purchase: Option<PurchasePrices>,
    ) -> Result<Holding> {
        let now = now();
        let row = on_pool!(self, |pool, sql| {
            bind_holding!(
                sqlx::query(&sql(
                    "UPDATE portfolio SET symbol = $2, amount = DEC($3), price_buy = DEC($4), \
                 purchase_date = $5, base_currency = $6, source = $7, commission = DEC($8), \
                 fx_rate_eur = DEC($9), fx_rate_czk = DEC($10), purchase_price_eur = DEC($11), \
                 purchase_price_czk = DEC($12), updated_at = $13 WHERE id = $1 RETURNING *",
                ))
                .bind(id.0),
                h,
                purchase
            )
            .bind(now)
            .fetch_optional(pool)
            .await?
            .map(|r| holding(&r))
        });
        found(row, "holding", id.0)
    }

    /// Every holding, oldest first.
    pub async fn list_holdings(&self) -> Result<Vec<Holding>> {
        on_pool!(self, |pool, _sql| {
            sqlx::query("SELECT * FROM portfolio ORDER BY id")
                .fetch_all(pool)
                .await?
                .iter()
                .map(holding)
                .collect()
        })
    }

    /// Deletes a holding.
    #[instrument(skip(self), err)]
    pub async fn remove_holding(&self, id: HoldingId) -> Result<()> {
        self.delete_by_id("portfolio", "holding", id.0).await
    }

    /// Stores a validated alert (active) and returns the stored row.
    #[instrument(skip(self), err)]
    pub async fn add_alert(&self, a: &NewAlert) -> Result<Alert> {
        let now = now();
        on_pool!(self, |pool, sql| {
            let row = bind_alert!(
                sqlx::query(&sql(
                    "INSERT INTO price_alerts (symbol, alert_type, threshold_price, message, \
                 upper_price, within_secs, repeat, rearm_band, cooldown_secs, expires_at, \
                 is_active, created_at, updated_at) \
                 VALUES ($1, $2, DEC($3), $4, DEC($5), $6, $7, DEC($8), $9, $10, TRUE, $11, $11) \
                 RETURNING *",
                )),
                a
            )
            .bind(now)
            .fetch_one(pool)
            .await?;
            alert(&row)
        })
    }

    /// Replaces the rule of alert `id` and arms it again (a fresh state, no
    /// last fire); `created_at` stays.
    #[instrument(skip(self), err)]
    pub async fn update_alert(&self, id: AlertId, a: &NewAlert) -> Result<Alert> {
        let now = now();
        let row = on_pool!(self, |pool, sql| {
            bind_alert!(sqlx::query(&sql(
                "UPDATE price_alerts SET symbol = $2, alert_type = $3, threshold_price = DEC($4), \
                 message = $5, upper_price = DEC($6), within_secs = $7, repeat = $8, \
                 rearm_band = DEC($9), cooldown_secs = $10, expires_at = $11, \
                 is_active = TRUE, last_fired_ms = NULL, rule_state = NULL, updated_at = $12 \
                 WHERE id = $1 RETURNING *",
            ))
            .bind(id.0), a)
            .bind(now)
            .fetch_optional(pool)
            .await?
            .map(|r| alert(&r))
        });
        found(row, "alert", id.0)
    }

    /// Arms (`active`, with a fresh state) or disarms alert `id`.
    #[instrument(skip(self), err)]
    pub async fn set_alert_active(&self, id: AlertId, active: bool) -> Result<Alert> {
        let now = now();
        let row = on_pool!(self, |pool, _sql| {
            sqlx::query(
                "UPDATE price_alerts SET is_active = $2, updated_at = $3, \
                 rule_state = CASE WHEN $2 THEN NULL ELSE rule_state END, \
                 last_fired_ms = CASE WHEN $2 THEN NULL ELSE last_fired_ms END \
                 WHERE id = $1 RETURNING *",
            )
            .bind(id.0)
            .bind(active)
            .bind(now)
            .fetch_optional(pool)
            .await?
            .map(|r| alert(&r))
        });
        found(row, "alert", id.0)
    }

    /// Alerts, newest first; only those still waiting to fire when `active_only`.
    pub async fn list_alerts(&self, active_only: bool) -> Result<Vec<Alert>> {
        on_pool!(self, |pool, _sql| {
            sqlx::query("SELECT * FROM price_alerts WHERE is_active OR NOT $1 ORDER BY id DESC")
                .bind(active_only)
                .fetch_all(pool)
                .await?
                .iter()
                .map(alert)
                .collect()
        })
    }

    /// Deletes an alert; its history rows stay.
    #[instrument(skip(self), err)]
    pub async fn remove_alert(&self, id: AlertId) -> Result<()> {
        self.delete_by_id("price_alerts", "alert", id.0).await
    }

    /// Deletes row `id` of `table` (a constant name, never user input).
    async fn delete_by_id(&self, table: &'static str, what: &'static str, id: i64) -> Result<()> {
        let sql = format!("DELETE FROM {table} WHERE id = $1");
        let n = on_pool!(self, |pool, _sql| {
            sqlx::query(&sql)
                .bind(id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if n == 0 {
            return Err(StoreError::NotFound { what, id });
        }
        Ok(())
    }

    /// Records fires in one transaction. Each is claimed first: the rule
    /// must still be active with the last fire the engine knew of, so when
    /// two processes see the same rule fire only one records it (the other
    /// skips it). A claim stores the fire's time and the rule's state, and
    /// ends a `once` rule. Returns the events recorded, with their ids.
    #[instrument(skip(self, firings), fields(n = firings.len()), err)]
    pub async fn record_fired(&self, firings: &[Firing]) -> Result<Vec<AlertEvent>> {
        on_pool!(self, |pool, sql| {
            let mut tx = pool.begin().await?;
            let mut recorded = Vec::with_capacity(firings.len());
            // Claimed in one order by every process, so two collectors
            // never wait on each other's locks.
            let mut order: Vec<&Firing> = firings.iter().collect();
            order.sort_by_key(|f| (f.event.alert_id, f.event.triggered_at));
            for f in order {
                let e = &f.event;
                let claimed = sqlx::query(
                    "UPDATE price_alerts SET last_fired_ms = $2, rule_state = $3, \
                     is_active = NOT $4 \
                     WHERE id = $1 AND is_active AND updated_at = $7 \
                     AND (last_fired_ms = $5 OR (last_fired_ms IS NULL AND $6))",
                )
                .bind(e.alert_id.0)
                .bind(e.triggered_at.timestamp_millis())
                .bind(state_json(&f.state)?)
                .bind(f.once)
                .bind(f.previous_fire.unwrap_or(i64::MIN))
                .bind(f.previous_fire.is_none())
                .bind(f.revision)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if claimed == 0 {
                    continue;
                }
                let row = sqlx::query(&sql(
                    "INSERT INTO alert_history (alert_id, symbol, triggered_price, threshold_price, \
                     alert_type, message, triggered_at, rule_text) \
                     VALUES ($1, $2, DEC($3), DEC($4), $5, $6, $7, $8) RETURNING *",
                ))
                .bind(e.alert_id.0)
                .bind(e.symbol.as_str())
                .bind(text(e.triggered_price))
                .bind(text(e.threshold_price))
                .bind(e.alert_type.as_str())
                .bind(e.message.as_deref())
                .bind(stamp(e.triggered_at))
                .bind(e.rule.as_deref())
                .fetch_one(&mut *tx)
                .await?;
                recorded.push(event(&row)?);
            }
            tx.commit().await?;
            Ok(recorded)
        })
    }

    /// The version of the alert rules: it changes whenever a rule is
    /// added, edited, switched, removed or fired, by any process, and not
    /// when only a rule's evaluation state is saved.
    pub async fn alert_rules_version(&self) -> Result<i64> {
        Ok(on_pool!(self, |pool, _sql| {
            sqlx::query_scalar::<_, i64>("SELECT version FROM alert_rules_version WHERE id = 1")
                .fetch_one(pool)
                .await?
        }))
    }

    /// Active alerts with their saved evaluation state (`None` for a fresh
    /// rule, or one whose saved state no longer reads).
    pub async fn active_rules(&self) -> Result<Vec<(Alert, Option<RuleState>)>> {
        on_pool!(self, |pool, _sql| {
            sqlx::query("SELECT * FROM price_alerts WHERE is_active ORDER BY id")
                .fetch_all(pool)
                .await?
                .iter()
                .map(|r| {
                    let state = r
                        .text_opt("rule_state")?
                        .and_then(|json| match serde_json::from_str(&json) {
                            Ok(s) => Some(s),
                            Err(e) => {
                                tracing::warn!(error = %e, "an alert's saved state does not read; it starts afresh");
                                None
                            }
                        });
                    Ok((alert(r)?, state))
                })
                .collect()
        })
    }

    /// Saves the evaluation state of rules (one transaction); a rule's
    /// version does not change. A rule edited since its revision (by any
    /// process) keeps its own state.
    #[instrument(skip(self, states), fields(n = states.len()), err)]
    pub async fn save_rule_states(&self, states: &[SavedState]) -> Result<()> {
        if states.is_empty() {
            return Ok(());
        }
        on_pool!(self, |pool, _sql| {
            let mut tx = pool.begin().await?;
            for (id, state, revision) in states {
                sqlx::query(
                    "UPDATE price_alerts SET rule_state = $2 \
                     WHERE id = $1 AND is_active AND updated_at = $3",
                )
                .bind(id.0)
                .bind(state_json(state)?)
                .bind(revision)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Snoozes alert `id` until `until` (`None` ends a snooze).
    #[instrument(skip(self), err)]
    pub async fn snooze_alert(
        &self,
        id: AlertId,
        until: Option<chrono::DateTime<Utc>>,
    ) -> Result<Alert> {
        let row = on_pool!(self, |pool, _sql| {
            sqlx::query("UPDATE price_alerts SET snoozed_until = $2 WHERE id = $1 RETURNING *")
                .bind(id.0)
                .bind(until.map(stamp))
                .fetch_optional(pool)
                .await?
                .map(|r| alert(&r))
        });
        found(row, "alert", id.0)
    }

    /// Pauses every alert until `until` (`None` resumes them), for every
    /// process on this database.
    #[instrument(skip(self), err)]
    pub async fn set_alerts_paused(&self, until: Option<chrono::DateTime<Utc>>) -> Result<()> {
        on_pool!(self, |pool, _sql| {
            sqlx::query(
                "INSERT INTO alert_pause (id, paused_until) VALUES (1, $1) \
                 ON CONFLICT (id) DO UPDATE SET paused_until = excluded.paused_until",
            )
            .bind(until.map(stamp))
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Until when every alert is paused, if a pause was set (it may have
    /// ended).
    pub async fn alerts_paused_until(&self) -> Result<Option<chrono::DateTime<Utc>>> {
        Ok(on_pool!(self, |pool, _sql| {
            sqlx::query_scalar::<_, Option<chrono::DateTime<Utc>>>(
                "SELECT paused_until FROM alert_pause WHERE id = 1",
            )
            .fetch_optional(pool)
            .await?
            .flatten()
        }))
    }

    /// Ends rules that reached their expiry, unless edited since their
    /// revision.
    #[instrument(skip(self), err)]
    pub async fn expire_alerts(&self, rules: &[(AlertId, chrono::DateTime<Utc>)]) -> Result<()> {
        let now = now();
        on_pool!(self, |pool, _sql| {
            let mut tx = pool.begin().await?;
            for (id, revision) in rules {
                sqlx::query(
                    "UPDATE price_alerts SET is_active = FALSE, updated_at = $2 \
                     WHERE id = $1 AND updated_at = $3",
                )
                .bind(id.0)
                .bind(now)
                .bind(revision)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Fired alerts, newest first, at most `limit`.
    pub async fn alert_history(&self, limit: i64) -> Result<Vec<AlertEvent>> {
        on_pool!(self, |pool, _sql| {
            sqlx::query("SELECT * FROM alert_history ORDER BY triggered_at DESC, id DESC LIMIT $1")
                .bind(limit)
                .fetch_all(pool)
                .await?
                .iter()
                .map(event)
                .collect()
        })
    }

    /// Symbols to poll: those held, those with an active alert, and those
    /// tracked explicitly.
    pub async fn watched_symbols(&self) -> Result<Vec<Symbol>> {
        let names: Vec<String> = on_pool!(self, |pool, _sql| {
            sqlx::query_scalar(
                "SELECT symbol FROM portfolio \
                 UNION SELECT symbol FROM price_alerts WHERE is_active \
                 UNION SELECT symbol FROM tracked_symbols WHERE is_active \
                 ORDER BY 1",
            )
            .fetch_all(pool)
            .await?
        });
        parse_symbols(&names)
    }

    /// Writes candles in one transaction; a candle already stored (same
    /// symbol, interval and open time) is replaced, never duplicated. On
    /// SQLite, 1-minute candles rebuild the hour and day rollups of the
    /// days they touch in the same transaction.
    #[instrument(skip(self, candles), fields(n = candles.len()), err)]
    pub async fn upsert_candles(
        &self,
        symbol: &str,
        interval: &str,
        candles: &[CandleRow],
    ) -> Result<()> {
        match self {
            Store::Sqlite(pool) => {
                let q = expand_dec(UPSERT_CANDLE, false);
                let mut tx = pool.begin().await?;
                for c in candles {
                    upsert_candle!(&q, symbol, interval, c, tx);
                }
                if let (Some(first), Some(last), "1m") = (candles.first(), candles.last(), interval)
                {
                    rollups::rebuild_sqlite_in(&mut tx, symbol, first.open_time, last.open_time)
                        .await?;
                }
                tx.commit().await?;
            }
            Store::Postgres(pool) => {
                let q = expand_dec(UPSERT_CANDLE, true);
                let mut tx = pool.begin().await?;
                for c in candles {
                    upsert_candle!(&q, symbol, interval, c, tx);
                }
                tx.commit().await?;
            }
        }
        Ok(())
    }

    /// Folds polled prices into candles of `interval` (`interval_ms` long)
    /// in one transaction, each with one atomic upsert ([`FOLD_PRICE`]).
    /// Volume is not known from ticker prices and stays 0.
    #[instrument(skip(self, prices), fields(n = prices.len()), err)]
    pub async fn record_prices(
        &self,
        prices: &[(String, Decimal)],
        interval: &str,
        interval_ms: i64,
        at_ms: i64,
    ) -> Result<()> {
        let open_time = at_ms - at_ms.rem_euclid(interval_ms.max(1));
        // SQLite keeps its hour and day rollups here, in the same
        // transaction; PostgreSQL's aggregates read the minutes.
        let rollups: Vec<(String, i64)> = match (self, interval) {
            (Store::Sqlite(_), "1m") => rollups::ROLLUPS
                .iter()
                .map(|(_, table, step)| (rollups::sqlite_fold_sql(table), *step))
                .collect(),
            _ => Vec::new(),
        };
        on_pool!(self, |pool, sql| {
            let fold = sql(FOLD_PRICE);
            let mut tx = pool.begin().await?;
            for (symbol, price) in prices {
                sqlx::query(&fold)
                    .bind(symbol)
                    .bind(interval)
                    .bind(OpenTime(open_time))
                    .bind(Price(*price))
                    .bind("0")
                    .execute(&mut *tx)
                    .await?;
                for (fold_rollup, step) in &rollups {
                    sqlx::query(fold_rollup)
                        .bind(symbol)
                        .bind(OpenTime(at_ms - at_ms.rem_euclid(*step)))
                        .bind(Price(*price))
                        .execute(&mut *tx)
                        .await?;
                }
            }
            tx.commit().await?;
            Ok(())
        })
    }

    /// Stored candles of `symbol`/`interval` with `from <= open_time < to`, in time order.
    pub async fn candles(
        &self,
        symbol: &str,
        interval: &str,
        from: i64,
        to: i64,
    ) -> Result<Vec<CandleRow>> {
        on_pool!(self, |pool, _sql| {
            sqlx::query(
                "SELECT * FROM candles WHERE symbol = $1 AND interval = $2 \
                 AND open_time >= $3 AND open_time < $4 ORDER BY open_time",
            )
            .bind(symbol)
            .bind(interval)
            .bind(OpenTime(from))
            .bind(OpenTime(to))
            .fetch_all(pool)
            .await?
            .iter()
            .map(rows::candle)
            .collect()
        })
    }

    /// Bulk-loads candles (in time order) of `symbol`/`interval` in one
    /// transaction: on PostgreSQL `COPY` (straight into `candles` when
    /// nothing is stored in the file's range, else through a temporary
    /// table), on SQLite multi-row inserts of 100. A candle already stored is replaced. Nothing is stored if any
    /// row fails.
    #[instrument(skip(self, rows), fields(n = rows.len()), err)]
    pub async fn import_candles(
        &self,
        symbol: &str,
        interval: &str,
        rows: &[CandleRow],
    ) -> Result<u64> {
        const SET: &str = "ON CONFLICT (symbol, interval, open_time) DO UPDATE SET \
            open = excluded.open, high = excluded.high, low = excluded.low, \
            close = excluded.close, volume = excluded.volume";
        match self {
            Store::Postgres(pool) => {
                use std::fmt::Write as _;
                let mut tx = pool.begin().await?;
                // The write lock first: taking it after the read below would
                // be a lock upgrade, which deadlocks against anything queued
                // for an exclusive lock meanwhile (TimescaleDB's jobs).
                sqlx::query("LOCK TABLE candles IN ROW EXCLUSIVE MODE")
                    .execute(&mut *tx)
                    .await?;
                // Nothing stored in the file's range: COPY straight into
                // candles. Otherwise through a temporary table, so stored
                // candles are replaced.
                let (first, last) = (
                    rows.first().map_or(0, |r| r.open_time),
                    rows.last().map_or(0, |r| r.open_time),
                );
                let overlap: bool = sqlx::query_scalar(
                    "SELECT EXISTS (SELECT 1 FROM candles WHERE symbol = $1 AND interval = $2 \
                     AND open_time >= $3 AND open_time <= $4)",
                )
                .bind(symbol)
                .bind(interval)
                .bind(OpenTime(first.min(last)))
                .bind(OpenTime(first.max(last)))
                .fetch_one(&mut *tx)
                .await?;
                let table = if overlap {
                    sqlx::query(
                        "CREATE TEMP TABLE candles_import (LIKE candles INCLUDING DEFAULTS) ON COMMIT DROP",
                    )
                    .execute(&mut *tx)
                    .await?;
                    "candles_import"
                } else {
                    "candles"
                };
                let mut copy = tx
                    .copy_in_raw(&format!(
                        "COPY {table} (symbol, interval, open_time, open, high, low, close, volume) \
                         FROM STDIN WITH (FORMAT csv)"
                    ))
                    .await?;
                let mut buf = String::with_capacity(1 << 20);
                for r in rows {
                    let t =
                        chrono::DateTime::from_timestamp_millis(r.open_time).ok_or_else(|| {
                            StoreError::Corrupt {
                                column: "open_time",
                                message: format!("{} is out of range", r.open_time),
                            }
                        })?;
                    // Writing to a String cannot fail.
                    let _ = writeln!(
                        buf,
                        "{symbol},{interval},{},{},{},{},{},{}",
                        t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                        r.open,
                        r.high,
                        r.low,
                        r.close,
                        r.volume
                    );
                    if buf.len() >= 1 << 20 {
                        copy.send(buf.as_bytes()).await?;
                        buf.clear();
                    }
                }
                if !buf.is_empty() {
                    copy.send(buf.as_bytes()).await?;
                }
                copy.finish().await?;
                if overlap {
                    sqlx::query(&format!(
                        "INSERT INTO candles SELECT symbol, interval, open_time, open, high, low, close, volume \
                         FROM candles_import {SET}"
                    ))
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
            }
            Store::Sqlite(pool) => {
                let mut tx = pool.begin().await?;
                for chunk in rows.chunks(100) {
                    let values = vec!["(?, ?, ?, ?, ?, ?, ?, ?)"; chunk.len()].join(", ");
                    let sql = format!(
                        "INSERT INTO candles (symbol, interval, open_time, open, high, low, close, volume) \
                         VALUES {values} {SET}"
                    );
                    let mut q = sqlx::query(&sql);
                    for r in chunk {
                        q = q
                            .bind(symbol)
                            .bind(interval)
                            .bind(OpenTime(r.open_time))
                            .bind(Price(r.open))
                            .bind(Price(r.high))
                            .bind(Price(r.low))
                            .bind(Price(r.close))
                            .bind(text(r.volume));
                    }
                    q.execute(&mut *tx).await?;
                }
                if let (Some(first), Some(last), "1m") = (rows.first(), rows.last(), interval) {
                    rollups::rebuild_sqlite_in(&mut tx, symbol, first.open_time, last.open_time)
                        .await?;
                }
                tx.commit().await?;
            }
        }
        Ok(rows.len() as u64)
    }

    /// The latest `symbol`/`interval` candle opening at or before
    /// `open_max` (epoch ms), if any.
    pub async fn candle_at_or_before(
        &self,
        symbol: &str,
        interval: &str,
        open_max: i64,
    ) -> Result<Option<CandleRow>> {
        on_pool!(self, |pool, _sql| {
            sqlx::query(
                "SELECT * FROM candles WHERE symbol = $1 AND interval = $2 AND open_time <= $3 \
                 ORDER BY open_time DESC LIMIT 1",
            )
            .bind(symbol)
            .bind(interval)
            .bind(OpenTime(open_max))
            .fetch_optional(pool)
            .await?
            .as_ref()
            .map(rows::candle)
            .transpose()
        })
    }

    /// Deletes 1-minute candles opened before `before_ms`, `batch` rows per
    /// statement (each committed on its own, so a long purge never holds
    /// one big transaction); other intervals are kept. Returns the count.
    pub async fn delete_minutes_before(&self, before_ms: i64, batch: i64) -> Result<u64> {
        let mut total = 0;
        loop {
            let n = on_pool!(self, |pool, _sql| {
                sqlx::query(
                    "DELETE FROM candles WHERE (symbol, interval, open_time) IN \
                     (SELECT symbol, interval, open_time FROM candles \
                      WHERE interval = '1m' AND open_time < $1 LIMIT $2)",
                )
                .bind(OpenTime(before_ms))
                .bind(batch)
                .execute(pool)
                .await?
                .rows_affected()
            });
            total += n;
            if n < u64::try_from(batch).unwrap_or(0) || n == 0 {
                return Ok(total);
            }
        }
    }

    /// Open-time span and count of every stored candle series, by symbol
    /// and interval.
    pub async fn candle_series(&self) -> Result<Vec<SeriesSpan>> {
        on_pool!(self, |pool, _sql| {
            sqlx::query(
                "SELECT symbol, interval, MIN(open_time) AS first, MAX(open_time) AS last, \
                 COUNT(*) AS n FROM candles GROUP BY symbol, interval ORDER BY symbol, interval",
            )
            .fetch_all(pool)
            .await?
            .iter()
            .map(rows::series_span)
            .collect()
        })
    }

    /// Span and count of `symbol`/`interval` candles with
    /// `from <= open_time < to`, if there are any.
    pub async fn candle_span(
        &self,
        symbol: &str,
        interval: &str,
        from: i64,
        to: i64,
    ) -> Result<Option<SeriesSpan>> {
        on_pool!(self, |pool, _sql| {
            sqlx::query(
                "SELECT symbol, interval, MIN(open_time) AS first, MAX(open_time) AS last, \
                 COUNT(*) AS n FROM candles WHERE symbol = $1 AND interval = $2 \
                 AND open_time >= $3 AND open_time < $4 GROUP BY symbol, interval",
            )
            .bind(symbol)
            .bind(interval)
            .bind(OpenTime(from))
            .bind(OpenTime(to))
            .fetch_optional(pool)
            .await?
            .as_ref()
            .map(rows::series_span)
            .transpose()
        })
    }

    /// Holes in the `symbol`/`interval` series within `from <= open < to`:
    /// pairs of consecutive stored open times more than `step_ms` apart (the
    /// last candle before a gap, the first after it), oldest first, at most
    /// `limit`.
    pub async fn candle_gaps(
        &self,
        symbol: &str,
        interval: &str,
        step_ms: i64,
        (from, to): (i64, i64),
        limit: i64,
    ) -> Result<Vec<(i64, i64)>> {
        on_pool!(self, |pool, sql| {
            let q = sql("SELECT prev, t FROM (SELECT MS(open_time) AS t, \
                 LAG(MS(open_time)) OVER (ORDER BY open_time) AS prev FROM candles \
                 WHERE symbol = $1 AND interval = $2 AND open_time >= $5 AND open_time < $6) g \
                 WHERE t - prev > $3 ORDER BY t LIMIT $4");
            let rows: Vec<(i64, i64)> = sqlx::query_as(&q)
                .bind(symbol)
                .bind(interval)
                .bind(step_ms)
                .bind(limit)
                .bind(OpenTime(from))
                .bind(OpenTime(to))
                .fetch_all(pool)
                .await?;
            Ok(rows)
        })
    }

    /// Closes the pool, waiting for connections to finish.
    pub async fn close(&self) {
        match self {
            Store::Sqlite(p) => p.close().await,
            Store::Postgres(p) => p.close().await,
        }
    }
}
