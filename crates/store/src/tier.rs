//! How price history is stored on PostgreSQL: with the `timescaledb`
//! extension (a hypertable with native compression, a 1-minute retention
//! job, and `candles_1h` / `candles_1d` continuous aggregates), or as plain
//! PostgreSQL when the extension is missing, disabled or cannot be created.
//!
//! The TimescaleDB DDL depends on the server, so it is an idempotent step
//! run after the sqlx migrations ([`Store::apply_tier`]), never inside them.
//! A failure to create the extension is not an error: the store falls back
//! to plain PostgreSQL and says why.

use crate::{Result, Store};
use serde::Serialize;
use sqlx::{PgConnection, PgPool};

/// Settings of the TimescaleDB tier.
#[derive(Debug, Clone)]
pub struct TierOptions {
    /// `CRYPTODESK_TIMESCALEDB`: `false` keeps plain PostgreSQL.
    pub timescaledb: bool,
    /// Hypertable chunk interval in days (default 7).
    pub chunk_days: u32,
    /// Compress chunks older than this many days (default 7).
    pub compress_after_days: u32,
    /// Keep 1-minute candles this many days (`CANDLE_RETENTION_1M`).
    pub retention_1m_days: u32,
}

impl Default for TierOptions {
    fn default() -> Self {
        Self {
            timescaledb: true,
            chunk_days: 7,
            compress_after_days: 7,
            retention_1m_days: 365,
        }
    }
}

/// Which storage tier is in use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "tier", rename_all = "lowercase")]
pub enum Tier {
    /// Embedded SQLite.
    Sqlite,
    /// PostgreSQL with the `timescaledb` extension.
    Timescaledb {
        /// The extension's version.
        version: String,
    },
    /// Plain PostgreSQL.
    Postgresql {
        /// Why TimescaleDB is not used.
        reason: String,
    },
}

/// What TimescaleDB holds, for `db status`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TimescaleStats {
    /// Chunks of the `candles` hypertable.
    pub chunks: i64,
    /// Of which compressed.
    pub compressed_chunks: i64,
    /// Bytes of the compressed chunks before compression.
    pub before_compression_bytes: Option<i64>,
    /// Bytes of the compressed chunks after compression.
    pub after_compression_bytes: Option<i64>,
    /// Background jobs: `name on table every interval`.
    pub policies: Vec<String>,
    /// Continuous aggregates (`candles_1h`, `candles_1d`).
    pub aggregates: Vec<String>,
}

/// The 1-minute retention job: deletes 1m candles older than the configured
/// number of days; other intervals are kept.
const RETENTION_PROC: &str =
    "CREATE OR REPLACE PROCEDURE cryptodesk_retention_1m(job_id int, config jsonb) \
     LANGUAGE plpgsql AS $$ BEGIN \
       DELETE FROM candles WHERE interval = '1m' \
         AND open_time < now() - make_interval(days => (config->>'days')::int); \
     END $$";

/// One continuous aggregate of the 1-minute candles.
struct Aggregate {
    name: &'static str,
    bucket: &'static str,
    start_offset: &'static str,
    end_offset: &'static str,
    schedule: &'static str,
    compress_after: &'static str,
}

const AGGREGATES: [Aggregate; 2] = [
    Aggregate {
        name: "candles_1h",
        bucket: "1 hour",
        start_offset: "3 days",
        end_offset: "1 hour",
        schedule: "30 minutes",
        compress_after: "30 days",
    },
    Aggregate {
        name: "candles_1d",
        bucket: "1 day",
        start_offset: "7 days",
        end_offset: "1 day",
        schedule: "6 hours",
        compress_after: "90 days",
    },
];

async fn installed_version(pool: &PgPool) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'")
            .fetch_optional(pool)
            .await?,
    )
}

async fn exec(conn: &mut PgConnection, sql: &str) -> Result<()> {
    sqlx::query(sql).execute(conn).await?;
    Ok(())
}

/// Each object is checked on its own, so a set-up cut short is completed
/// by the next start. The plain tier's indexes, if any, give way to the
/// chunks' own.
async fn setup_timescale(pool: &mut PgConnection, o: &TierOptions) -> Result<()> {
    let plain: Vec<String> = sqlx::query_scalar(
        "SELECT indexname::text FROM pg_indexes WHERE tablename = 'candles' \
         AND schemaname = current_schema() \
         AND (indexname = 'candles_open_time_brin' OR indexname LIKE 'candles_recent_%')",
    )
    .fetch_all(&mut *pool)
    .await?;
    for index in plain {
        exec(&mut *pool, &format!("DROP INDEX IF EXISTS \"{index}\"")).await?;
    }
    exec(
        &mut *pool,
        &format!(
            "SELECT create_hypertable('candles', by_range('open_time', INTERVAL '{} days'), \
             if_not_exists => TRUE, migrate_data => TRUE)",
            o.chunk_days
        ),
    )
    .await?;
    exec(
        &mut *pool,
        &format!(
            "SELECT set_chunk_time_interval('candles', INTERVAL '{} days')",
            o.chunk_days
        ),
    )
    .await?;
    let compressed: Option<bool> = sqlx::query_scalar(
        "SELECT compression_enabled FROM timescaledb_information.hypertables \
         WHERE hypertable_name = 'candles'",
    )
    .fetch_optional(&mut *pool)
    .await?;
    if compressed != Some(true) {
        exec(
            &mut *pool,
            "ALTER TABLE candles SET (timescaledb.compress, \
             timescaledb.compress_segmentby = 'symbol, interval', \
             timescaledb.compress_orderby = 'open_time DESC')",
        )
        .await?;
    }
    // Policies are added once and replaced only when a setting changed, so
    // a restart does not reschedule them.
    let compress_after = format!("{} days", o.compress_after_days);
    let current: Option<Option<String>> = sqlx::query_scalar(
        "SELECT config->>'compress_after' FROM timescaledb_information.jobs \
         WHERE proc_name = 'policy_compression' AND hypertable_name = 'candles'",
    )
    .fetch_optional(&mut *pool)
    .await?;
    if current.flatten().as_deref() != Some(compress_after.as_str()) {
        exec(
            &mut *pool,
            "SELECT remove_compression_policy('candles', if_exists => TRUE)",
        )
        .await?;
        exec(
            &mut *pool,
            &format!(
                "SELECT add_compression_policy('candles', compress_after => INTERVAL '{compress_after}')"
            ),
        )
        .await?;
    }
    for a in &AGGREGATES {
        let state: Option<bool> = sqlx::query_scalar(
            "SELECT compression_enabled FROM timescaledb_information.continuous_aggregates \
             WHERE view_name = $1",
        )
        .bind(a.name)
        .fetch_optional(&mut *pool)
        .await?;
        if state.is_none() {
            // A plain-PostgreSQL view of the same name from before the
            // extension was created gives way to the aggregate.
            exec(
                &mut *pool,
                &format!("DROP MATERIALIZED VIEW IF EXISTS {}", a.name),
            )
            .await?;
            exec(
                &mut *pool,
                &format!(
                    "CREATE MATERIALIZED VIEW {name} WITH (timescaledb.continuous) AS \
                     SELECT symbol, time_bucket(INTERVAL '{bucket}', open_time) AS bucket, \
                     first(open, open_time) AS open, max(high) AS high, min(low) AS low, \
                     last(close, open_time) AS close, sum(volume) AS volume \
                     FROM candles WHERE interval = '1m' GROUP BY symbol, bucket WITH NO DATA",
                    name = a.name,
                    bucket = a.bucket
                ),
            )
            .await?;
            // Over candles already stored (a database that ran on plain
            // PostgreSQL, or a copy): materialise every closed bucket, or
            // the policies, which look back days, never would.
            exec(
                &mut *pool,
                &format!(
                    "CALL refresh_continuous_aggregate('{name}', NULL, \
                     time_bucket(INTERVAL '{bucket}', now()))",
                    name = a.name,
                    bucket = a.bucket
                ),
            )
            .await?;
        }
        exec(
            &mut *pool,
            &format!(
                "CREATE INDEX IF NOT EXISTS {name}_symbol_bucket ON {name} (symbol, bucket DESC)",
                name = a.name
            ),
        )
        .await?;
        // Real-time aggregation: buckets the policy has not materialised
        // yet are computed from the 1m candles on read.
        exec(
            &mut *pool,
            &format!(
                "ALTER MATERIALIZED VIEW {} SET (timescaledb.materialized_only = false)",
                a.name
            ),
        )
        .await?;
        exec(
            &mut *pool,
            &format!(
                "SELECT add_continuous_aggregate_policy('{name}', \
                 start_offset => INTERVAL '{start}', end_offset => INTERVAL '{end}', \
                 schedule_interval => INTERVAL '{every}', if_not_exists => TRUE)",
                name = a.name,
                start = a.start_offset,
                end = a.end_offset,
                every = a.schedule
            ),
        )
        .await?;
        if state != Some(true) {
            exec(
                &mut *pool,
                &format!(
                    "ALTER MATERIALIZED VIEW {} SET (timescaledb.compress = true)",
                    a.name
                ),
            )
            .await?;
        }
        exec(
            &mut *pool,
            &format!(
                "SELECT add_compression_policy('{}', compress_after => INTERVAL '{}', \
                 if_not_exists => TRUE)",
                a.name, a.compress_after
            ),
        )
        .await?;
    }
    // Last: the aggregates have materialised every stored hour and day
    // before the first run of the 1m retention may delete old minutes.
    exec(&mut *pool, RETENTION_PROC).await?;
    let days: Option<Option<String>> = sqlx::query_scalar(
        "SELECT config->>'days' FROM timescaledb_information.jobs \
         WHERE proc_name = 'cryptodesk_retention_1m'",
    )
    .fetch_optional(&mut *pool)
    .await?;
    if days.flatten() != Some(o.retention_1m_days.to_string()) {
        exec(
            &mut *pool,
            "SELECT delete_job(job_id) FROM timescaledb_information.jobs \
             WHERE proc_name = 'cryptodesk_retention_1m'",
        )
        .await?;
        exec(
            &mut *pool,
            &format!(
                "SELECT add_job('cryptodesk_retention_1m', INTERVAL '1 day', \
                 config => '{{\"days\": {}}}'::jsonb)",
                o.retention_1m_days
            ),
        )
        .await?;
    }
    Ok(())
}

/// Plain PostgreSQL: a BRIN index on open time (cheap, for range scans of
/// time-ordered data), the recent-window partial index, and the
/// `candles_1h` / `candles_1d` materialized views with the unique index a
/// concurrent refresh needs.
async fn setup_plain(conn: &mut PgConnection) -> Result<()> {
    // A hypertable (TimescaleDB switched off after it ran) keeps its
    // chunks' own time indexes.
    if !is_hypertable(conn).await? {
        exec(
            &mut *conn,
            "CREATE INDEX IF NOT EXISTS candles_open_time_brin ON candles USING brin (open_time)",
        )
        .await?;
        ensure_recent_index(conn).await?;
    }
    for (_, table, step) in crate::rollups::ROLLUPS {
        let cagg: Option<i32> =
            sqlx::query_scalar("SELECT 1 FROM pg_class WHERE relname = $1 AND relkind = 'v'")
                .bind(table)
                .fetch_optional(&mut *conn)
                .await?;
        if cagg.is_some() {
            // TimescaleDB's aggregate from an earlier start serves the reads.
            continue;
        }
        exec(&mut *conn, &crate::rollups::plain_view_sql(table, step)).await?;
        exec(
            &mut *conn,
            &format!(
                "CREATE UNIQUE INDEX IF NOT EXISTS {table}_symbol_bucket ON {table} (symbol, bucket DESC)"
            ),
        )
        .await?;
    }
    Ok(())
}

/// Whether `candles` is a TimescaleDB hypertable.
async fn is_hypertable(conn: &mut PgConnection) -> Result<bool> {
    let extension: Option<i32> =
        sqlx::query_scalar("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'")
            .fetch_optional(&mut *conn)
            .await?;
    if extension.is_none() {
        return Ok(false);
    }
    let hypertable: Option<i32> = sqlx::query_scalar(
        "SELECT 1 FROM timescaledb_information.hypertables WHERE hypertable_name = 'candles'",
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(hypertable.is_some())
}

/// Days the recent-window partial index covers (7 and a margin).
const RECENT_DAYS: i64 = 8;

/// The partial index over the last [`RECENT_DAYS`] days of 1-minute
/// candles: range reads of recent minutes (the chart, exports, the
/// statistics' windows when planned with their values) scan it instead of
/// the whole key. Its bound is a constant, so once a day a copy with a later
/// bound is built and the old one dropped, both `CONCURRENTLY` (writes go
/// on) and under the tier's advisory lock (one process at a time); returns
/// whether it moved. A build cut short leaves an invalid index, which the
/// next call drops and builds again.
async fn ensure_recent_index(conn: &mut PgConnection) -> Result<bool> {
    let since = (chrono::Utc::now() - chrono::Duration::days(RECENT_DAYS)).date_naive();
    let name = format!("candles_recent_{}", since.format("%Y%m%d"));
    let existing: Vec<(String, bool)> = sqlx::query_as(
        "SELECT c.relname::text, i.indisvalid FROM pg_index i \
         JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid \
         WHERE t.relname = 'candles' AND t.relnamespace = current_schema()::regnamespace \
         AND c.relname LIKE 'candles_recent_%'",
    )
    .fetch_all(&mut *conn)
    .await?;
    if existing.iter().any(|(n, valid)| *n == name && *valid) {
        return Ok(false);
    }
    // Names are ours (`candles_recent_` and a date), quoted all the same.
    for (old, _) in existing.iter().filter(|(n, valid)| *n == name && !*valid) {
        exec(
            &mut *conn,
            &format!("DROP INDEX CONCURRENTLY IF EXISTS \"{old}\""),
        )
        .await?;
    }
    exec(
        &mut *conn,
        &format!(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS \"{name}\" ON candles (symbol, open_time DESC) \
             WHERE interval = '1m' AND open_time >= TIMESTAMPTZ '{since} 00:00:00+00'"
        ),
    )
    .await?;
    for (old, _) in existing.iter().filter(|(n, _)| *n != name) {
        exec(
            &mut *conn,
            &format!("DROP INDEX CONCURRENTLY IF EXISTS \"{old}\""),
        )
        .await?;
    }
    Ok(true)
}

/// Runs `f` holding the tier's advisory lock (session-level, on `conn`),
/// so one process sets up or maintains the tier at a time; the lock is
/// released whatever `f` returns.
async fn with_tier_lock<T>(
    conn: &mut PgConnection,
    f: impl for<'c> FnOnce(
        &'c mut PgConnection,
    ) -> std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<T>> + Send + 'c>,
    >,
) -> Result<T> {
    exec(
        &mut *conn,
        "SELECT pg_advisory_lock(hashtext('cryptodesk_tier'))",
    )
    .await?;
    let done = f(&mut *conn).await;
    exec(
        &mut *conn,
        "SELECT pg_advisory_unlock(hashtext('cryptodesk_tier'))",
    )
    .await?;
    done
}

/// Whether this database has TimescaleDB's `candles_1h` aggregate.
pub(crate) async fn has_continuous_aggregates(pool: &PgPool) -> bool {
    sqlx::query_scalar::<_, i32>(
        "SELECT 1 FROM timescaledb_information.continuous_aggregates WHERE view_name = 'candles_1h'",
    )
    .fetch_optional(pool)
    .await
    .ok()
    .flatten()
    .is_some()
}

/// Materialises `candles_1h` and `candles_1d` over the whole buckets around
/// `from..=to` (epoch ms, a day either side), but only buckets already
/// closed: materialising the current hour or day would move the
/// aggregate's watermark past now, and real-time reads would stop seeing
/// its newest minutes until the policy came round. Their policies only
/// refresh the recent days.
pub(crate) async fn refresh_continuous(pool: &PgPool, from: i64, to: i64) -> Result<()> {
    const DAY: i64 = 86_400_000;
    let t = |ms: i64| chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default();
    let now = chrono::Utc::now().timestamp_millis();
    for (_, view, step) in crate::rollups::ROLLUPS {
        let start = from.min(to) - DAY;
        let start = start - start.rem_euclid(step);
        let end = (from.max(to) + DAY).min(now - now.rem_euclid(step));
        if end - start < step {
            continue;
        }
        let sql = format!(
            "CALL refresh_continuous_aggregate('{view}', $1::timestamptz, $2::timestamptz)"
        );
        // A policy refreshing the same aggregate right now makes this one
        // fail at once (55P03): wait for it, up to about 10 s.
        let mut tries = 0;
        loop {
            match sqlx::query(&sql)
                .bind(t(start))
                .bind(t(end))
                .execute(pool)
                .await
            {
                Ok(_) => break,
                Err(sqlx::Error::Database(e))
                    if e.code().as_deref() == Some("55P03") && tries < 40 =>
                {
                    tries += 1;
                    tokio::time::sleep(std::time::Duration::from_millis(250)).await;
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(())
}

/// Refreshes plain PostgreSQL's `candles_1h` / `candles_1d` views
/// concurrently (reads go on meanwhile).
pub(crate) async fn refresh_plain_views(pool: &PgPool) -> Result<()> {
    for (_, view, _) in crate::rollups::ROLLUPS {
        let is_view: Option<i32> =
            sqlx::query_scalar("SELECT 1 FROM pg_matviews WHERE matviewname = $1")
                .bind(view)
                .fetch_optional(pool)
                .await?;
        if is_view.is_some() {
            sqlx::query(&format!("REFRESH MATERIALIZED VIEW CONCURRENTLY {view}"))
                .execute(pool)
                .await?;
        }
    }
    Ok(())
}

impl Store {
    /// Plain PostgreSQL's daily upkeep: moves the recent-window partial
    /// index forward. Does nothing elsewhere.
    pub async fn maintain_indexes(&self) -> Result<()> {
        if let Store::Postgres(pool) = self {
            if !has_continuous_aggregates(pool).await {
                let mut conn = pool.acquire().await?;
                let moved = with_tier_lock(&mut conn, |c| Box::pin(ensure_recent_index(c))).await?;
                if moved {
                    tracing::info!("recent-window index moved forward");
                }
            }
        }
        Ok(())
    }

    /// Brings the price-history storage to its tier (idempotent; run after
    /// [`Store::migrate`]). On PostgreSQL with the `timescaledb` extension
    /// available it creates the extension, the hypertable, compression, the
    /// 1m retention job and the continuous aggregates; if the extension is
    /// missing, disabled or cannot be created, the store stays plain
    /// PostgreSQL (a BRIN index, a recent-window partial index and
    /// materialized hour/day views) and the returned tier says why. Both
    /// PostgreSQL tiers get the `crypto_dashboard_stats` view; SQLite rolls
    /// up 1-minute candles stored before its rollup tables existed.
    pub async fn apply_tier(&self, o: &TierOptions) -> Result<Tier> {
        let pool = match self {
            Store::Sqlite(pool) => {
                crate::rollups::backfill_sqlite(pool).await?;
                return Ok(Tier::Sqlite);
            }
            Store::Postgres(pool) => pool,
        };
        let tier = Self::timescale_tier(pool, o).await?;
        let plain = matches!(tier, Tier::Postgresql { .. });
        let mut conn = pool.acquire().await?;
        with_tier_lock(&mut conn, |c| {
            Box::pin(async move {
                if plain {
                    setup_plain(&mut *c).await?;
                }
                crate::stats::setup(c).await
            })
        })
        .await?;
        Ok(tier)
    }

    /// Creates the extension and sets up TimescaleDB where it can, else
    /// says why the store stays plain PostgreSQL.
    async fn timescale_tier(pool: &PgPool, o: &TierOptions) -> Result<Tier> {
        let version = match installed_version(pool).await? {
            Some(v) => v,
            None => {
                if !o.timescaledb {
                    return Ok(Tier::Postgresql {
                        reason: "CRYPTODESK_TIMESCALEDB=off".into(),
                    });
                }
                let available: Option<String> = sqlx::query_scalar(
                    "SELECT default_version FROM pg_available_extensions WHERE name = 'timescaledb'",
                )
                .fetch_optional(pool)
                .await?;
                if available.is_none() {
                    return Ok(Tier::Postgresql {
                        reason: "the timescaledb extension is not installed on the server".into(),
                    });
                }
                if let Err(e) = sqlx::query("CREATE EXTENSION IF NOT EXISTS timescaledb")
                    .execute(pool)
                    .await
                {
                    tracing::warn!(error = %e, "CREATE EXTENSION timescaledb failed; plain PostgreSQL");
                    return Ok(Tier::Postgresql {
                        reason: format!("CREATE EXTENSION timescaledb failed: {e}"),
                    });
                }
                installed_version(pool).await?.unwrap_or_default()
            }
        };
        if !o.timescaledb {
            return Ok(Tier::Postgresql {
                reason: "CRYPTODESK_TIMESCALEDB=off".into(),
            });
        }
        let mut conn = pool.acquire().await?;
        let o = o.clone();
        let done = with_tier_lock(&mut conn, move |c| {
            Box::pin(async move { setup_timescale(c, &o).await })
        })
        .await;
        if let Err(e) = done {
            tracing::warn!(error = %e, "TimescaleDB set-up failed; plain PostgreSQL");
            return Ok(Tier::Postgresql {
                reason: format!("TimescaleDB set-up failed: {e}"),
            });
        }
        tracing::info!(version = %version, "price history on TimescaleDB");
        Ok(Tier::Timescaledb { version })
    }

    /// The tier in use, read without changing anything, and what
    /// TimescaleDB holds.
    pub async fn tier_status(&self) -> Result<(Tier, Option<TimescaleStats>)> {
        let Store::Postgres(pool) = self else {
            return Ok((Tier::Sqlite, None));
        };
        let Some(version) = installed_version(pool).await? else {
            let available: Option<String> = sqlx::query_scalar(
                "SELECT default_version FROM pg_available_extensions WHERE name = 'timescaledb'",
            )
            .fetch_optional(pool)
            .await?;
            let reason = match available {
                None => "not available: the timescaledb extension is not installed on the server"
                    .to_owned(),
                Some(v) => format!(
                    "not available: timescaledb {v} is installed on the server but not created \
                     in this database (it must be in shared_preload_libraries)"
                ),
            };
            return Ok((Tier::Postgresql { reason }, None));
        };
        let hypertable: Option<i32> = sqlx::query_scalar(
            "SELECT 1 FROM timescaledb_information.hypertables WHERE hypertable_name = 'candles'",
        )
        .fetch_optional(pool)
        .await?;
        if hypertable.is_none() {
            return Ok((
                Tier::Postgresql {
                    reason: format!(
                        "not in use: timescaledb {version} is created but candles is a plain table \
                         (CRYPTODESK_TIMESCALEDB=off, or its set-up failed: see the log)"
                    ),
                },
                None,
            ));
        }
        let (chunks, compressed): (i64, i64) = sqlx::query_as(
            "SELECT count(*), count(*) FILTER (WHERE is_compressed) \
             FROM timescaledb_information.chunks WHERE hypertable_name = 'candles'",
        )
        .fetch_one(pool)
        .await?;
        let sizes: Option<(Option<i64>, Option<i64>)> = sqlx::query_as(
            "SELECT sum(before_compression_total_bytes)::bigint, \
             sum(after_compression_total_bytes)::bigint \
             FROM hypertable_compression_stats('candles')",
        )
        .fetch_optional(pool)
        .await?;
        let policies: Vec<String> = sqlx::query_scalar(
            "SELECT proc_name || coalesce(' on ' || hypertable_name, '') || ' every ' || \
             schedule_interval::text FROM timescaledb_information.jobs \
             WHERE proc_name <> 'policy_telemetry' AND proc_name NOT LIKE '%job_stat%' \
             ORDER BY job_id",
        )
        .fetch_all(pool)
        .await?;
        let aggregates: Vec<String> = sqlx::query_scalar(
            "SELECT view_name::text FROM timescaledb_information.continuous_aggregates ORDER BY 1",
        )
        .fetch_all(pool)
        .await?;
        let (before, after) = sizes.unwrap_or_default();
        Ok((
            Tier::Timescaledb { version },
            Some(TimescaleStats {
                chunks,
                compressed_chunks: compressed,
                before_compression_bytes: before,
                after_compression_bytes: after,
                policies,
                aggregates,
            }),
        ))
    }
}
