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
    let (server_version, migrations, (tier, timescaledb)) =
        match Store::open_existing(url.expose()).await? {
            None => (None, Store::known_migrations(engine), (Tier::Sqlite, None)),
            Some(store) => {
                let status = (
                    Some(store.server_version().await?),
                    store.migration_status().await?,
                    store.tier_status().await?,
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
    })
}
