//! Typed, layered configuration: built-in defaults, then `config.env` in the
//! OS config folder, then `.env` in the working directory, then the process
//! environment. The names are the old system's (`DATABASE_URL`, ...).
//! Passwords may live in the OS keyring instead of the URL.

use crate::secrets::{Secret, SecretStore};
use cryptodesk_core::lots::Method;
use cryptodesk_core::Currency;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;
use ts_rs::TS;

/// A configuration value that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("configuration {key}: {message}")]
pub struct ConfigError {
    /// The setting's name.
    pub key: &'static str,
    /// What is wrong.
    pub message: String,
}

/// Everything the service needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`; `None` means SQLite in the data folder.
    pub database_url: Option<Secret>,
    /// `REDIS_URL`; `None` means the in-process cache.
    pub redis_url: Option<Secret>,
    /// `BINANCE_API_URL`, with or without `/api/v3`.
    pub binance_api_url: String,
    /// `CURRENCY_API_URL`: latest FX rates (ExchangeRate-API v4 or v6 shape).
    pub currency_api_url: Option<String>,
    /// `CURRENCY_HISTORY_URL`: FX rates of a past date (Frankfurter v1).
    pub currency_history_url: Option<String>,
    /// `CRYPTODESK_COST_BASIS`: fifo, lifo, hifo or average.
    pub cost_basis: Method,
    /// `PRICE_CACHE_DURATION`: how long a cached price stays valid.
    pub price_cache_duration: Duration,
    /// `CURRENCY_CACHE_DURATION`: how long an FX rate stays valid.
    pub currency_cache_duration: Duration,
    /// `MAX_CONNECTIONS`: database pool size.
    pub max_connections: u32,
    /// `TELEGRAM_BOT_TOKEN`.
    pub telegram_bot_token: Option<Secret>,
    /// `TELEGRAM_CHAT_ID`.
    pub telegram_chat_id: Option<String>,
    /// `TELEGRAM_API_URL`: the Bot API's base (default
    /// `https://api.telegram.org`).
    pub telegram_api_url: String,
    /// `CRYPTODESK_DATA_DIR`: where the SQLite file and logs live.
    pub data_dir: PathBuf,
    /// `CRYPTODESK_POLL_SECONDS`: time between polls.
    pub poll_interval: Duration,
    /// `CRYPTODESK_NOTIFICATIONS`: `off` disables native notifications.
    pub desktop_notifications: bool,
    /// `CRYPTODESK_DISPLAY_CURRENCY`: the currency the app shows totals in.
    pub display_currency: Currency,
    /// `CRYPTODESK_START_AT_LOGIN`: the app starts with the session (in the tray).
    pub start_at_login: bool,
    /// `CRYPTODESK_START_MINIMIZED`: start in the tray without showing the window.
    pub start_minimized: bool,
    /// `CRYPTODESK_THEME`: `system`, `light` or `dark`.
    pub theme: Theme,
    /// `CANDLE_RETENTION_1M`: days of 1-minute candles kept (other
    /// intervals are kept for good).
    pub candle_retention_1m_days: u32,
    /// `CRYPTODESK_MAX_WEIGHT`: the exchange request weight per minute this
    /// app allows itself (the exchange's limit is 6000).
    pub max_request_weight: u64,
    /// `CRYPTODESK_TIMESCALEDB`: `off` keeps plain PostgreSQL even where
    /// the extension exists.
    pub timescaledb: bool,
    /// `CRYPTODESK_CHUNK_DAYS`: TimescaleDB chunk interval in days.
    pub chunk_days: u32,
    /// `CRYPTODESK_COMPRESS_AFTER_DAYS`: TimescaleDB compresses chunks
    /// older than this.
    pub compress_after_days: u32,
}

/// The UI's colour scheme.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow the OS.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Parses a stored name.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "system" => Some(Theme::System),
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }
}

fn on_off(
    vars: &HashMap<String, String>,
    key: &'static str,
    default: bool,
) -> Result<bool, ConfigError> {
    match vars.get(key).map(|v| v.trim().to_ascii_lowercase()) {
        None => Ok(default),
        Some(v) if v.is_empty() => Ok(default),
        Some(v) => match v.as_str() {
            "on" | "true" | "1" | "yes" => Ok(true),
            "off" | "false" | "0" | "no" => Ok(false),
            _ => Err(ConfigError {
                key,
                message: format!("must be on or off (got {v:?})"),
            }),
        },
    }
}

/// The OS folders of the app (`~/.local/share/cryptodesk`, ... on Linux).
pub fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("app", "Cryptodesk", "cryptodesk")
}

/// Where the user's config file is looked for.
pub fn config_file_path() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join("config.env"))
}

fn read_env_file(path: &Path) -> Result<HashMap<String, String>, ConfigError> {
    if !path.exists() {
        return Ok(HashMap::new());
    }
    let iter = dotenvy::from_path_iter(path).map_err(|e| ConfigError {
        key: "config file",
        message: format!("{}: {e}", path.display()),
    })?;
    iter.map(|r| {
        r.map_err(|e| ConfigError {
            key: "config file",
            message: format!("{}: {e}", path.display()),
        })
    })
    .collect()
}

/// A whole number in `range`, or `default` when unset.
fn whole(
    vars: &HashMap<String, String>,
    key: &'static str,
    default: u64,
    range: std::ops::RangeInclusive<u64>,
) -> Result<u64, ConfigError> {
    match vars.get(key).map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => Ok(default),
        Some(v) => match v.parse::<u64>() {
            Ok(n) if range.contains(&n) => Ok(n),
            _ => Err(ConfigError {
                key,
                message: format!(
                    "must be a whole number from {} to {} (got {v:?})",
                    range.start(),
                    range.end()
                ),
            }),
        },
    }
}

fn seconds(
    vars: &HashMap<String, String>,
    key: &'static str,
    default: u64,
) -> Result<Duration, ConfigError> {
    match vars.get(key).map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => Ok(Duration::from_secs(default)),
        Some(v) => match v.parse::<u64>() {
            Ok(n) if n > 0 => Ok(Duration::from_secs(n)),
            _ => Err(ConfigError {
                key,
                message: format!("must be a whole number of seconds > 0 (got {v:?})"),
            }),
        },
    }
}

impl Config {
    /// Loads from the standard places and the process environment.
    pub fn load(secrets: &dyn SecretStore) -> Result<Self, ConfigError> {
        let file = config_file_path();
        Self::from_sources(
            file.as_deref(),
            Some(Path::new(".env")),
            std::env::vars(),
            secrets,
        )
    }

    /// Loads from explicit sources: `file` (lowest), `dotenv`, then `env` (highest).
    pub fn from_sources(
        file: Option<&Path>,
        dotenv: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
        secrets: &dyn SecretStore,
    ) -> Result<Self, ConfigError> {
        let file_vars = match file {
            Some(f) => read_env_file(f)?,
            None => HashMap::new(),
        };
        Self::from_layers(file_vars, dotenv, env, secrets)
    }

    /// Loads with the config file's settings already parsed (`file_vars`),
    /// so a change can be tried before it is written.
    pub fn from_layers(
        file_vars: HashMap<String, String>,
        dotenv: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
        secrets: &dyn SecretStore,
    ) -> Result<Self, ConfigError> {
        let mut vars = file_vars;
        if let Some(d) = dotenv {
            vars.extend(read_env_file(d)?);
        }
        vars.extend(env);
        let get = |k: &str| {
            vars.get(k)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };

        let data_dir = match get("CRYPTODESK_DATA_DIR") {
            Some(d) => PathBuf::from(d),
            None => project_dirs()
                .map(|d| d.data_dir().to_path_buf())
                .ok_or(ConfigError {
                    key: "CRYPTODESK_DATA_DIR",
                    message: "no home folder found; set CRYPTODESK_DATA_DIR".into(),
                })?,
        };
        let max_connections = match get("MAX_CONNECTIONS") {
            None => 20,
            Some(v) => v
                .parse::<u32>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or(ConfigError {
                    key: "MAX_CONNECTIONS",
                    message: format!("must be a whole number > 0 (got {v:?})"),
                })?,
        };
        let database_url = get("DATABASE_URL")
            .map(|u| with_keyring_password(&u, "DATABASE_URL", "database-password", secrets))
            .transpose()?;
        let redis_url = get("REDIS_URL")
            .map(|u| with_keyring_password(&u, "REDIS_URL", "redis-password", secrets))
            .transpose()?;
        let telegram_bot_token = get("TELEGRAM_BOT_TOKEN")
            .or_else(|| secrets.get("telegram-bot-token"))
            .map(Secret::new);
        Ok(Config {
            database_url,
            redis_url,
            binance_api_url: get("BINANCE_API_URL")
                .unwrap_or_else(|| cryptodesk_market::DEFAULT_API_URL.to_owned()),
            currency_api_url: get("CURRENCY_API_URL"),
            currency_history_url: get("CURRENCY_HISTORY_URL"),
            cost_basis: match get("CRYPTODESK_COST_BASIS") {
                None => Method::Fifo,
                Some(m) => Method::parse("CRYPTODESK_COST_BASIS", &m).map_err(|e| ConfigError {
                    key: "CRYPTODESK_COST_BASIS",
                    message: e.rule,
                })?,
            },
            price_cache_duration: seconds(&vars, "PRICE_CACHE_DURATION", 60)?,
            currency_cache_duration: seconds(&vars, "CURRENCY_CACHE_DURATION", 1800)?,
            max_connections,
            telegram_bot_token,
            telegram_chat_id: get("TELEGRAM_CHAT_ID"),
            telegram_api_url: get("TELEGRAM_API_URL")
                .unwrap_or_else(|| crate::telegram::DEFAULT_API_URL.to_owned()),
            data_dir,
            poll_interval: seconds(&vars, "CRYPTODESK_POLL_SECONDS", 10)?,
            desktop_notifications: on_off(&vars, "CRYPTODESK_NOTIFICATIONS", true)?,
            display_currency: match get("CRYPTODESK_DISPLAY_CURRENCY") {
                None => Currency::Usd,
                Some(c) => {
                    Currency::parse("CRYPTODESK_DISPLAY_CURRENCY", &c).map_err(|e| ConfigError {
                        key: "CRYPTODESK_DISPLAY_CURRENCY",
                        message: e.rule,
                    })?
                }
            },
            start_at_login: on_off(&vars, "CRYPTODESK_START_AT_LOGIN", false)?,
            start_minimized: on_off(&vars, "CRYPTODESK_START_MINIMIZED", false)?,
            theme: match get("CRYPTODESK_THEME") {
                None => Theme::System,
                Some(t) => Theme::parse(&t).ok_or(ConfigError {
                    key: "CRYPTODESK_THEME",
                    message: format!("must be system, light or dark (got {t:?})"),
                })?,
            },
            candle_retention_1m_days: whole(&vars, "CANDLE_RETENTION_1M", 365, 1..=36_500)? as u32,
            max_request_weight: whole(&vars, "CRYPTODESK_MAX_WEIGHT", 6000, 10..=6000)?,
            timescaledb: on_off(&vars, "CRYPTODESK_TIMESCALEDB", true)?,
            chunk_days: whole(&vars, "CRYPTODESK_CHUNK_DAYS", 7, 1..=365)? as u32,
            compress_after_days: whole(&vars, "CRYPTODESK_COMPRESS_AFTER_DAYS", 7, 1..=3650)?
                as u32,
        })
    }

    /// Every setting with its effective value, secrets redacted, for
    /// `cryptodesk config show`.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        let secs = |d: Duration| format!("{}s", d.as_secs());
        let opt = |v: Option<String>| v.unwrap_or_else(|| "(not set)".into());
        vec![
            ("DATABASE_URL", self.effective_database_url().redacted()),
            (
                "REDIS_URL",
                opt(self.redis_url.as_ref().map(Secret::redacted))
                    .replace("(not set)", "(not set: in-process cache)"),
            ),
            ("BINANCE_API_URL", self.binance_api_url.clone()),
            (
                "CURRENCY_API_URL",
                self.currency_api_url
                    .clone()
                    .unwrap_or_else(|| cryptodesk_market::fx::DEFAULT_LATEST_URL.into()),
            ),
            (
                "CURRENCY_HISTORY_URL",
                self.currency_history_url
                    .clone()
                    .unwrap_or_else(|| cryptodesk_market::fx::DEFAULT_HISTORY_URL.into()),
            ),
            ("CRYPTODESK_COST_BASIS", self.cost_basis.as_str().into()),
            ("PRICE_CACHE_DURATION", secs(self.price_cache_duration)),
            (
                "CURRENCY_CACHE_DURATION",
                secs(self.currency_cache_duration),
            ),
            ("MAX_CONNECTIONS", self.max_connections.to_string()),
            (
                "TELEGRAM_BOT_TOKEN",
                opt(self.telegram_bot_token.as_ref().map(|_| "***".to_owned())),
            ),
            ("TELEGRAM_CHAT_ID", opt(self.telegram_chat_id.clone())),
            ("TELEGRAM_API_URL", self.telegram_api_url.clone()),
            ("CRYPTODESK_DATA_DIR", self.data_dir.display().to_string()),
            ("CRYPTODESK_POLL_SECONDS", secs(self.poll_interval)),
            (
                "CRYPTODESK_NOTIFICATIONS",
                on_off_text(self.desktop_notifications),
            ),
            (
                "CRYPTODESK_DISPLAY_CURRENCY",
                self.display_currency.code().into(),
            ),
            (
                "CRYPTODESK_START_AT_LOGIN",
                on_off_text(self.start_at_login),
            ),
            (
                "CRYPTODESK_START_MINIMIZED",
                on_off_text(self.start_minimized),
            ),
            ("CRYPTODESK_THEME", self.theme.as_str().into()),
            (
                "CANDLE_RETENTION_1M",
                format!("{} days", self.candle_retention_1m_days),
            ),
            ("CRYPTODESK_MAX_WEIGHT", self.max_request_weight.to_string()),
            ("CRYPTODESK_TIMESCALEDB", on_off_text(self.timescaledb)),
            ("CRYPTODESK_CHUNK_DAYS", format!("{} days", self.chunk_days)),
            (
                "CRYPTODESK_COMPRESS_AFTER_DAYS",
                format!("{} days", self.compress_after_days),
            ),
        ]
    }

    /// The price-history tier settings.
    pub fn tier_options(&self) -> cryptodesk_store::TierOptions {
        cryptodesk_store::TierOptions {
            timescaledb: self.timescaledb,
            chunk_days: self.chunk_days,
            compress_after_days: self.compress_after_days,
            retention_1m_days: self.candle_retention_1m_days,
        }
    }

    /// The database URL in use: the configured one or SQLite in the data folder.
    pub fn effective_database_url(&self) -> Secret {
        match &self.database_url {
            Some(u) => u.clone(),
            None => Secret::new(format!(
                "sqlite://{}",
                self.data_dir.join("cryptodesk.db").display()
            )),
        }
    }
}

fn on_off_text(v: bool) -> String {
    if v { "on" } else { "off" }.into()
}

/// Reads a config file's settings (an absent file has none).
pub fn read_config_file(path: &Path) -> Result<HashMap<String, String>, ConfigError> {
    read_env_file(path)
}

/// Puts the keyring's password into a URL that has a user but no password.
fn with_keyring_password(
    url: &str,
    key: &'static str,
    secret_name: &str,
    secrets: &dyn SecretStore,
) -> Result<Secret, ConfigError> {
    if url.starts_with("sqlite:") {
        return Ok(Secret::new(url.to_owned()));
    }
    let mut parsed = url::Url::parse(url).map_err(|e| ConfigError {
        key,
        message: format!("not a URL ({e})"),
    })?;
    if parsed.password().is_none() {
        if let Some(pw) = secrets.get(secret_name) {
            parsed.set_password(Some(&pw)).map_err(|_| ConfigError {
                key,
                message: "cannot carry a password".into(),
            })?;
            return Ok(Secret::new(parsed.to_string()));
        }
    }
    Ok(Secret::new(url.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::MemorySecrets;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults() {
        let c = Config::from_sources(
            None,
            None,
            env(&[("CRYPTODESK_DATA_DIR", "/tmp/x")]),
            &MemorySecrets::default(),
        )
        .unwrap();
        assert!(c.database_url.is_none() && c.redis_url.is_none());
        assert_eq!(c.binance_api_url, "https://api.binance.com/api/v3");
        assert_eq!(c.price_cache_duration, Duration::from_secs(60));
        assert_eq!(c.currency_cache_duration, Duration::from_secs(1800));
        assert_eq!(c.cost_basis, Method::Fifo);
        let shown: HashMap<&str, String> = c.describe().into_iter().collect();
        assert_eq!(
            shown["CURRENCY_API_URL"],
            "https://api.exchangerate-api.com/v4/latest/USD"
        );
        assert_eq!(
            shown["CURRENCY_HISTORY_URL"],
            "https://api.frankfurter.dev/v1"
        );
        assert_eq!(shown["CRYPTODESK_COST_BASIS"], "fifo");
        assert_eq!(c.max_connections, 20);
        assert_eq!(c.poll_interval, Duration::from_secs(10));
        assert_eq!(
            c.effective_database_url().expose(),
            "sqlite:///tmp/x/cryptodesk.db"
        );
    }

    #[test]
    fn layers_file_then_dotenv_then_env() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.env");
        let dotenv = dir.path().join(".env");
        std::fs::write(
            &file,
            "MAX_CONNECTIONS=5\nPRICE_CACHE_DURATION=30\nCRYPTODESK_POLL_SECONDS=7\n",
        )
        .unwrap();
        std::fs::write(
            &dotenv,
            "PRICE_CACHE_DURATION=20\nCRYPTODESK_POLL_SECONDS=3\n",
        )
        .unwrap();
        let c = Config::from_sources(
            Some(&file),
            Some(&dotenv),
            env(&[
                ("CRYPTODESK_POLL_SECONDS", "2"),
                ("CRYPTODESK_DATA_DIR", "/d"),
            ]),
            &MemorySecrets::default(),
        )
        .unwrap();
        assert_eq!(c.max_connections, 5);
        assert_eq!(c.price_cache_duration, Duration::from_secs(20));
        assert_eq!(c.poll_interval, Duration::from_secs(2));
    }

    #[test]
    fn bad_values_name_the_key() {
        let e = Config::from_sources(
            None,
            None,
            env(&[
                ("PRICE_CACHE_DURATION", "soon"),
                ("CRYPTODESK_DATA_DIR", "/d"),
            ]),
            &MemorySecrets::default(),
        )
        .unwrap_err();
        assert_eq!(e.key, "PRICE_CACHE_DURATION");
        let e = Config::from_sources(
            None,
            None,
            env(&[("MAX_CONNECTIONS", "0"), ("CRYPTODESK_DATA_DIR", "/d")]),
            &MemorySecrets::default(),
        )
        .unwrap_err();
        assert_eq!(e.key, "MAX_CONNECTIONS");
    }

    #[test]
    fn keyring_passwords_fill_urls_and_never_print() {
        let secrets = MemorySecrets::from([
            ("database-password", "s3cr3t"),
            ("redis-password", "r3d1s"),
            ("telegram-bot-token", "123:abc"),
        ]);
        let c = Config::from_sources(
            None,
            None,
            env(&[
                ("DATABASE_URL", "postgres://app@db.example/cryptodesk"),
                ("REDIS_URL", "redis://:@cache.example:6379"),
                ("CRYPTODESK_DATA_DIR", "/d"),
            ]),
            &secrets,
        )
        .unwrap();
        let db = c.database_url.as_ref().unwrap();
        assert_eq!(db.expose(), "postgres://app:s3cr3t@db.example/cryptodesk");
        assert!(c.redis_url.as_ref().unwrap().expose().contains("r3d1s"));
        assert_eq!(c.telegram_bot_token.as_ref().unwrap().expose(), "123:abc");
        let printed = format!("{c:?}");
        for s in ["s3cr3t", "r3d1s", "123:abc"] {
            assert!(!printed.contains(s), "{printed}");
        }
        // A password already in the URL wins.
        let c = Config::from_sources(
            None,
            None,
            env(&[
                ("DATABASE_URL", "postgres://app:inline@h/db"),
                ("CRYPTODESK_DATA_DIR", "/d"),
            ]),
            &secrets,
        )
        .unwrap();
        assert_eq!(
            c.database_url.unwrap().expose(),
            "postgres://app:inline@h/db"
        );
    }
}
