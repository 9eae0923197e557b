//! The running Cryptodesk without a UI.
//!
//! [`App`] wires the store, the market client, the price cache, the alert
//! engine and the notifiers, and offers the operations both adapters need:
//! the Tauri shell and the `cryptodesk` CLI are thin layers over it. It owns
//! configuration loading, the poll loop and its supervision, and the one
//! error type the adapters map to `{ code, message }`.

pub mod about;
pub mod chart;
pub mod config;
pub mod dbstatus;
pub mod events;
pub mod feed_notice;
mod fx;
mod gaps;
pub mod history;
pub mod host;
pub mod imports;
pub mod ipc;
mod live_rules;
pub mod markets;
pub mod notify;
pub mod perf;
mod portfolio;
pub mod replay;
pub mod secrets;
pub mod settings;
pub mod stats;
pub mod telegram;

mod app;

pub use app::{App, Event, FeedStatus, PollOutcome, PollReport, PollerHandle, TrackedPrice};
pub use config::Config;
pub use cryptodesk_core as core;
pub use cryptodesk_store::{Backend, MigrationState, Tier};

use cryptodesk_core::ValidationError;
use serde::Serialize;
use ts_rs::TS;

/// Closed set of error kinds the UI may branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Bad input; the message names the field.
    Validation,
    /// The asset is not listed (or not trading) on the exchange.
    UnknownSymbol,
    /// The row does not exist.
    NotFound,
    /// The exchange or another upstream service is unavailable.
    Upstream,
    /// The database failed.
    Storage,
    /// The configuration is unusable.
    Config,
}

impl ErrorCode {
    /// Every code, for the UI's closed list.
    pub const ALL: [ErrorCode; 6] = [
        ErrorCode::Validation,
        ErrorCode::UnknownSymbol,
        ErrorCode::NotFound,
        ErrorCode::Upstream,
        ErrorCode::Storage,
        ErrorCode::Config,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Validation => "validation",
            ErrorCode::UnknownSymbol => "unknown_symbol",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Upstream => "upstream",
            ErrorCode::Storage => "storage",
            ErrorCode::Config => "config",
        }
    }
}

/// Everything that can go wrong in the service.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Bad input.
    #[error(transparent)]
    Validation(#[from] ValidationError),
    /// Unknown or non-trading asset.
    #[error("symbol {symbol}: {reason}")]
    UnknownSymbol {
        /// The asset.
        symbol: String,
        /// Why it is refused.
        reason: String,
    },
    /// Upstream failure.
    #[error(transparent)]
    Market(#[from] cryptodesk_market::MarketError),
    /// The FX rate services failed.
    #[error(transparent)]
    Fx(#[from] cryptodesk_market::fx::FxError),
    /// No FX rate is known for a transaction's date.
    #[error("no EUR/CZK rate is known for {date}: {reason}; give the rate paid with --fx-rate EUR=… --fx-rate CZK=…")]
    NoRates {
        /// The date.
        date: chrono::NaiveDate,
        /// Why.
        reason: String,
    },
    /// Storage failure (or not found).
    #[error(transparent)]
    Store(#[from] cryptodesk_store::StoreError),
    /// Unusable configuration.
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    /// Cache set-up failure.
    #[error(transparent)]
    Cache(#[from] cryptodesk_cache::CacheError),
    /// A server named in a connection test or a new setting cannot be reached.
    #[error("{what} unreachable: {message}")]
    Unreachable {
        /// `database` or `redis`.
        what: &'static str,
        /// Why.
        message: String,
    },
    /// The keyring refused a secret.
    #[error(transparent)]
    Keyring(#[from] secrets::KeyringError),
    /// The config file cannot be written.
    #[error("config file {path}: {source}")]
    ConfigWrite {
        /// The file.
        path: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// A candle file with a bad row (its line and column).
    #[error("candle file {0}")]
    Csv(#[from] cryptodesk_core::candles::CsvError),
    /// The data folder cannot be created.
    #[error("data folder {path}: {source}")]
    DataDir {
        /// The folder.
        path: String,
        /// The OS error.
        source: std::io::Error,
    },
}

impl ServiceError {
    /// The error kind for the UI.
    pub fn code(&self) -> ErrorCode {
        match self {
            ServiceError::Validation(_) | ServiceError::Csv(_) => ErrorCode::Validation,
            ServiceError::UnknownSymbol { .. } => ErrorCode::UnknownSymbol,
            ServiceError::Market(_)
            | ServiceError::Fx(_)
            | ServiceError::NoRates { .. }
            | ServiceError::Cache(_)
            | ServiceError::Unreachable { .. } => ErrorCode::Upstream,
            ServiceError::Store(cryptodesk_store::StoreError::NotFound { .. }) => {
                ErrorCode::NotFound
            }
            ServiceError::Store(_) => ErrorCode::Storage,
            ServiceError::Config(_)
            | ServiceError::DataDir { .. }
            | ServiceError::Keyring(_)
            | ServiceError::ConfigWrite { .. } => ErrorCode::Config,
        }
    }
}

/// The one error shape sent over IPC.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ErrorBody {
    /// Closed error kind.
    pub code: ErrorCode,
    /// Human-readable message (names the field for validation errors).
    pub message: String,
    /// The offending field, for validation errors.
    #[ts(type = "string | null")]
    pub field: Option<&'static str>,
}

impl From<&ServiceError> for ErrorBody {
    fn from(e: &ServiceError) -> Self {
        ErrorBody {
            code: e.code(),
            message: e.to_string(),
            field: match e {
                ServiceError::Validation(v) => Some(v.field),
                ServiceError::UnknownSymbol { .. } => Some("symbol"),
                ServiceError::Unreachable {
                    what: "database", ..
                } => Some("database_url"),
                ServiceError::Unreachable { what: "redis", .. } => Some("redis_url"),
                _ => None,
            },
        }
    }
}
