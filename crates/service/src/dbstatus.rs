//! `db status`: which database is configured, its server version and which
//! migrations are applied, read without migrating or creating anything.

use crate::config::Config;
use crate::ServiceError;
use cryptodesk_store::{Backend, MigrationState, Store, Tier, TimescaleStats};
use serde::Serialize;

/// The configured database as it is now.
#[derive(Debug, Clone, Serialize)]
pub struct DatabaseStatus {
    /// `sqlite` or `postgres`.
    pub engine: Backend,
    /// The URL, password redacted.
    pub url: String,
    /// Server name and version, or `None` when the SQLite file does not
    /// exist yet.
    pub server_version: Option<String>,
    /// Every migration and whether it is applied.
    pub migrations: Vec<MigrationState>,
    /// The price-history tier; for plain PostgreSQL, why not TimescaleDB.
    pub tier: Tier,
    /// Chunks, compression, policies and aggregates on TimescaleDB.
    pub timescaledb: Option<TimescaleStats>,
    /// What serves derived reads besides: rollup tables (SQLite),
    /// materialized views and history indexes (PostgreSQL).
    pub history_objects: Vec<String>,
}

/// Reads the status of the database `config` names. Nothing is migrated,
/// and a SQLite file that does not exist is not created.
pub async fn database_status(config: &Config) -> Result<DatabaseStatus, ServiceError> {
    let url = config.effective_database_url();
    let engine = if url.expose().starts_with("sqlite:") {
        Backend::Sqlite
    } else {
        Backend::Postgres
    };
    let (server_version, migrations, (tier, timescaledb), history_objects) =
        match Store::open_existing(url.expose()).await? {
            None => (
                None,
                Store::known_migrations(engine),
                (Tier::Sqlite, None),
                Vec::new(),
            ),
            Some(store) => {
                let status = (
                    Some(store.server_version().await?),
                    store.migration_status().await?,
                    store.tier_status().await?,
                    store.history_objects().await?,
                );
                store.close().await;
                status
            }
        };
    Ok(DatabaseStatus {
        engine,
        url: url.redacted(),
        server_version,
        migrations,
        tier,
        timescaledb,
        history_objects,
    })
}

/// What `db copy` did.
#[derive(Debug, Clone, Serialize)]
pub struct CopyReport {
    /// The target URL, password redacted.
    pub to: String,
    /// Per table, in copy order.
    pub tables: Vec<cryptodesk_store::TableCopy>,
    /// Every table's rows and checksum agree (always true on append).
    pub verified: bool,
}

/// Copies every table of the configured database into the database at
/// `to_url` (created and migrated if need be), table by table in
/// transactions, then compares row counts and checksums. A target that
/// holds any row is refused unless `append`.
pub async fn copy_database(
    config: &Config,
    to_url: &str,
    append: bool,
    on_table: impl FnMut(&cryptodesk_store::TableCopy),
) -> Result<CopyReport, ServiceError> {
    let from = config.effective_database_url();
    let redacted_to = crate::secrets::Secret::new(to_url).redacted();
    if from.expose().trim_end_matches('/') == to_url.trim_end_matches('/') {
        return Err(cryptodesk_core::ValidationError::new(
            "to",
            "is the configured database itself; name another one",
        )
        .into());
    }
    let Some(source) = Store::open_existing(from.expose()).await? else {
        return Err(cryptodesk_core::ValidationError::new(
            "database",
            format!(
                "the configured database {} does not exist yet",
                from.redacted()
            ),
        )
        .into());
    };
    let target = Store::connect(to_url, 4).await?;
    target.migrate().await?;
    target.apply_tier(&config.tier_options()).await?;
    let existing = target.total_rows().await?;
    if existing > 0 && !append {
        source.close().await;
        target.close().await;
        return Err(cryptodesk_core::ValidationError::new(
            "to",
            format!(
                "the target database is not empty ({existing} rows); use --append to add to it"
            ),
        )
        .into());
    }
    let tables = source.copy_to(&target, append, on_table).await?;
    // The copied minutes' hours and days, and the dashboard view.
    target.rebuild_derived().await?;
    source.close().await;
    target.close().await;
    let verified = tables
        .iter()
        .all(|t| t.checksum_ok != Some(false) && (append || t.target_rows == t.rows));
    Ok(CopyReport {
        to: redacted_to,
        tables,
        verified,
    })
}
