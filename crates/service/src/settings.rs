//! The Settings page's model: what it shows, what it may change, how a
//! change is validated and written (the config file in the OS config folder
//! for settings, the keyring for secrets), and the connection tests.
//!
//! A change is written only once the service has started on it (see
//! [`crate::host::Host::save_settings`]), so a broken database URL never
//! ends up in the file. Lines of the file this page does not manage (other
//! settings, comments) are kept as they are.

use crate::config::{Config, Theme};
use crate::secrets::{Secret, SecretStore};
use crate::ServiceError;
use cryptodesk_core::{Currency, ValidationError};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;
use ts_rs::TS;

/// Name of the Telegram token in the keyring.
pub const TELEGRAM_TOKEN: &str = "telegram-bot-token";

/// Config-file keys this page manages.
pub const KEYS: [&str; 9] = [
    "CRYPTODESK_DISPLAY_CURRENCY",
    "CRYPTODESK_POLL_SECONDS",
    "CRYPTODESK_NOTIFICATIONS",
    "DATABASE_URL",
    "REDIS_URL",
    "TELEGRAM_CHAT_ID",
    "CRYPTODESK_START_AT_LOGIN",
    "CRYPTODESK_START_MINIMIZED",
    "CRYPTODESK_THEME",
];

/// The settings as the page shows them. Secrets never come back: only
/// whether one is stored.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Settings {
    /// Currency of the totals.
    pub display_currency: Currency,
    /// Seconds between polls.
    pub poll_seconds: u32,
    /// Native notifications on or off.
    pub notifications: bool,
    /// The configured database URL, password redacted; `null` = SQLite in the data folder.
    pub database_url: Option<String>,
    /// The SQLite file used when no database URL is set.
    pub default_database: String,
    /// The configured Redis URL, password redacted; `null` = in-process cache.
    pub redis_url: Option<String>,
    /// Telegram chat id.
    pub telegram_chat_id: Option<String>,
    /// Whether a Telegram bot token is stored.
    pub telegram_token_set: bool,
    /// Start with the session.
    pub start_at_login: bool,
    /// Start in the tray without showing the window.
    pub start_minimized: bool,
    /// Colour scheme.
    pub theme: Theme,
    /// Where secrets are kept.
    pub secret_store: String,
    /// The config file the settings are saved in.
    pub config_file: Option<String>,
    /// Settings the process environment overrides (a saved value for them
    /// has no effect until the variable is unset).
    pub overridden: Vec<String>,
}

/// A change from the Settings page: every value as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct SettingsInput {
    /// `USD`, `EUR` or `CZK`.
    pub display_currency: String,
    /// Whole seconds, 1 to 3600.
    pub poll_seconds: String,
    /// Native notifications on or off.
    pub notifications: bool,
    /// `sqlite://PATH` or `postgres://...`; empty = SQLite in the data folder.
    /// A URL equal to the shown (redacted) one keeps the stored password.
    pub database_url: String,
    /// `redis://...`; empty = in-process cache.
    pub redis_url: String,
    /// Telegram chat id (a number, or `@channel`); empty = none.
    pub telegram_chat_id: String,
    /// `null` keeps the stored token, `""` removes it, anything else replaces it.
    pub telegram_bot_token: Option<String>,
    /// Start with the session.
    pub start_at_login: bool,
    /// Start in the tray without showing the window.
    pub start_minimized: bool,
    /// `system`, `light` or `dark`.
    pub theme: String,
}

/// What to do with the Telegram token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenChange {
    /// Leave it.
    Keep,
    /// Remove it from the keyring.
    Remove,
    /// Store this one.
    Set(Secret),
}

/// A validated change: the config-file values and the token action.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsChange {
    /// Key → value for every managed key; `None` removes the line.
    pub file: Vec<(&'static str, Option<String>)>,
    /// The token action.
    pub token: TokenChange,
}

/// The result of a connection test.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ConnectionReport {
    /// Server name and version.
    pub server: String,
    /// One round trip, in ms.
    pub round_trip_ms: f64,
    /// Anything worth knowing (a SQLite file not created yet).
    pub note: Option<String>,
}

fn on_off(v: bool) -> String {
    if v { "on" } else { "off" }.into()
}

/// Builds the page's view of `config`.
pub fn view(
    config: &Config,
    secrets: &dyn SecretStore,
    config_file: Option<&Path>,
    env: &HashMap<String, String>,
) -> Settings {
    Settings {
        display_currency: config.display_currency,
        poll_seconds: u32::try_from(config.poll_interval.as_secs()).unwrap_or(u32::MAX),
        notifications: config.desktop_notifications,
        database_url: config.database_url.as_ref().map(Secret::redacted),
        default_database: config.data_dir.join("cryptodesk.db").display().to_string(),
        redis_url: config.redis_url.as_ref().map(Secret::redacted),
        telegram_chat_id: config.telegram_chat_id.clone(),
        telegram_token_set: config.telegram_bot_token.is_some()
            || secrets.get(TELEGRAM_TOKEN).is_some(),
        start_at_login: config.start_at_login,
        start_minimized: config.start_minimized,
        theme: config.theme,
        secret_store: secrets.describe().to_owned(),
        config_file: config_file.map(|p| p.display().to_string()),
        overridden: KEYS
            .iter()
            .filter(|k| env.get(**k).is_some_and(|v| !v.trim().is_empty()))
            .map(|k| k.to_string())
            .collect(),
    }
}

fn url_field(
    field: &'static str,
    text: &str,
    schemes: &[&str],
    current: Option<&Secret>,
) -> Result<Option<String>, ValidationError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    // The page shows the stored URL with its password as `***`; sending it
    // back unchanged keeps the stored one.
    if let Some(c) = current {
        if c.redacted() == t {
            return Ok(Some(c.expose().to_owned()));
        }
    }
    let scheme = t.split(':').next().unwrap_or_default();
    if !schemes.contains(&scheme) || !t.contains("://") {
        return Err(ValidationError::new(
            field,
            format!(
                "must start with {} (got {:?})",
                schemes
                    .iter()
                    .map(|s| format!("{s}://"))
                    .collect::<Vec<_>>()
                    .join(" or "),
                Secret::new(t).redacted()
            ),
        ));
    }
    if scheme != "sqlite" {
        url::Url::parse(t)
            .map_err(|e| ValidationError::new(field, format!("is not a valid URL ({e})")))?;
    }
    Ok(Some(t.to_owned()))
}

impl SettingsInput {
    /// Validates every field against the current configuration; the first
    /// broken rule is returned, naming its field.
    pub fn validate(&self, current: &Config) -> Result<SettingsChange, ValidationError> {
        let currency = Currency::parse("display_currency", &self.display_currency)?;
        let poll = self.poll_seconds.trim();
        let poll_seconds = match poll.parse::<u32>() {
            Ok(n) if (1..=3600).contains(&n) => n,
            _ => {
                return Err(ValidationError::new(
                    "poll_seconds",
                    format!("must be a whole number of seconds from 1 to 3600 (got {poll:?})"),
                ))
            }
        };
        let database_url = url_field(
            "database_url",
            &self.database_url,
            &["sqlite", "postgres", "postgresql"],
            current.database_url.as_ref(),
        )?;
        let redis_url = url_field(
            "redis_url",
            &self.redis_url,
            &["redis", "rediss"],
            current.redis_url.as_ref(),
        )?;
        let chat = self.telegram_chat_id.trim();
        let chat_ok = chat.is_empty()
            || chat
                .strip_prefix('-')
                .unwrap_or(chat)
                .chars()
                .all(|c| c.is_ascii_digit())
            || (chat.starts_with('@') && chat.len() > 1);
        if !chat_ok {
            return Err(ValidationError::new(
                "telegram_chat_id",
                format!("must be a number or @channel (got {chat:?})"),
            ));
        }
        let token = match self.telegram_bot_token.as_deref().map(str::trim) {
            None => TokenChange::Keep,
            Some("") => TokenChange::Remove,
            Some(t) if t.contains(':') && !t.contains(char::is_whitespace) => {
                TokenChange::Set(Secret::new(t))
            }
            Some(_) => {
                return Err(ValidationError::new(
                    "telegram_bot_token",
                    "must look like 123456:ABC-DEF (as BotFather gives it)",
                ))
            }
        };
        let theme = Theme::parse(&self.theme).ok_or_else(|| {
            ValidationError::new(
                "theme",
                format!("must be system, light or dark (got {:?})", self.theme),
            )
        })?;
        let some = |v: String| Some(v);
        Ok(SettingsChange {
            file: vec![
                ("CRYPTODESK_DISPLAY_CURRENCY", some(currency.code().into())),
                ("CRYPTODESK_POLL_SECONDS", some(poll_seconds.to_string())),
                ("CRYPTODESK_NOTIFICATIONS", some(on_off(self.notifications))),
                ("DATABASE_URL", database_url),
                ("REDIS_URL", redis_url),
                (
                    "TELEGRAM_CHAT_ID",
                    (!chat.is_empty()).then(|| chat.to_owned()),
                ),
                (
                    "CRYPTODESK_START_AT_LOGIN",
                    some(on_off(self.start_at_login)),
                ),
                (
                    "CRYPTODESK_START_MINIMIZED",
                    some(on_off(self.start_minimized)),
                ),
                ("CRYPTODESK_THEME", some(theme.as_str().into())),
            ],
            token,
        })
    }
}

impl SettingsChange {
    /// The config file's settings after this change.
    pub fn apply_to(&self, mut vars: HashMap<String, String>) -> HashMap<String, String> {
        for (k, v) in &self.file {
            match v {
                Some(v) => vars.insert((*k).to_owned(), v.clone()),
                None => vars.remove(*k),
            };
        }
        vars
    }

    /// `existing` (a config file's text) with this change: managed lines
    /// replaced in place or removed, new ones appended, everything else kept.
    pub fn render(&self, existing: &str) -> String {
        let mut done: Vec<&str> = Vec::new();
        let mut out = String::new();
        for line in existing.lines() {
            let key = line
                .trim_start()
                .strip_prefix("export ")
                .unwrap_or(line.trim_start())
                .split('=')
                .next()
                .unwrap_or_default()
                .trim();
            match self.file.iter().find(|(k, _)| *k == key) {
                Some((k, v)) if !line.trim_start().starts_with('#') => {
                    if !done.contains(k) {
                        if let Some(v) = v {
                            out.push_str(&format!("{k}={}\n", quote(v)));
                        }
                        done.push(k);
                    }
                }
                _ => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        for (k, v) in &self.file {
            if let (false, Some(v)) = (done.contains(k), v) {
                out.push_str(&format!("{k}={}\n", quote(v)));
            }
        }
        out
    }
}

/// Quotes a value for a dotenv file when it needs it.
fn quote(v: &str) -> String {
    if v.chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_.:/@+%?&=,".contains(c))
    {
        v.to_owned()
    } else {
        format!("'{}'", v.replace('\'', "'\\''"))
    }
}

/// Writes `text` to `path` atomically (a temporary file, then a rename), so
/// a crash never leaves half a config file.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("env.tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

/// Connects to a database URL (nothing is created or changed) and reports
/// the server and one round trip.
pub async fn test_database(url: &str) -> Result<ConnectionReport, ServiceError> {
    let probe = tokio::time::timeout(
        Duration::from_secs(10),
        cryptodesk_store::Store::probe(url.trim()),
    )
    .await
    .map_err(|_| ServiceError::Unreachable {
        what: "database",
        message: "no answer within 10 s".into(),
    })?
    .map_err(|e| ServiceError::Unreachable {
        what: "database",
        message: e.to_string(),
    })?;
    Ok(ConnectionReport {
        server: probe.version,
        round_trip_ms: probe.round_trip.as_secs_f64() * 1000.0,
        note: probe.note,
    })
}

/// Connects to a Redis URL and reports the server and one `PING`.
pub async fn test_redis(url: &str) -> Result<ConnectionReport, ServiceError> {
    let (server, rtt) = cryptodesk_cache::PriceCache::probe(url.trim())
        .await
        .map_err(|e| ServiceError::Unreachable {
            what: "redis",
            message: e.to_string(),
        })?;
    Ok(ConnectionReport {
        server,
        round_trip_ms: rtt.as_secs_f64() * 1000.0,
        note: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::MemorySecrets;

    fn config() -> Config {
        Config::from_sources(
            None,
            None,
            [
                ("CRYPTODESK_DATA_DIR".to_owned(), "/d".to_owned()),
                (
                    "REDIS_URL".to_owned(),
                    "redis://u:pw@cache.example:6379".to_owned(),
                ),
            ],
            &MemorySecrets::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    fn input() -> SettingsInput {
        SettingsInput {
            display_currency: "eur".into(),
            poll_seconds: "15".into(),
            notifications: false,
            database_url: String::new(),
            redis_url: "redis://u:***@cache.example:6379".into(),
            telegram_chat_id: "-100123".into(),
            telegram_bot_token: Some("123:abc".into()),
            start_at_login: true,
            start_minimized: false,
            theme: "dark".into(),
        }
    }

    #[test]
    fn a_valid_change_keeps_the_redacted_password() {
        let change = input()
            .validate(&config())
            .unwrap_or_else(|e| panic!("{e}"));
        let vars = change.apply_to(HashMap::from([("OTHER".into(), "x".into())]));
        assert_eq!(vars["CRYPTODESK_DISPLAY_CURRENCY"], "EUR");
        assert_eq!(vars["CRYPTODESK_POLL_SECONDS"], "15");
        assert_eq!(vars["CRYPTODESK_NOTIFICATIONS"], "off");
        assert_eq!(vars["REDIS_URL"], "redis://u:pw@cache.example:6379");
        assert!(!vars.contains_key("DATABASE_URL"));
        assert_eq!(vars["OTHER"], "x");
        assert_eq!(change.token, TokenChange::Set(Secret::new("123:abc")));
    }

    #[test]
    fn errors_name_the_field() {
        type Case = (fn(&mut SettingsInput), &'static str);
        let cases: Vec<Case> = vec![
            (|i| i.display_currency = "GBP".into(), "display_currency"),
            (|i| i.poll_seconds = "0".into(), "poll_seconds"),
            (|i| i.poll_seconds = "ten".into(), "poll_seconds"),
            (|i| i.database_url = "mysql://x".into(), "database_url"),
            (|i| i.redis_url = "http://x".into(), "redis_url"),
            (
                |i| i.telegram_chat_id = "my chat".into(),
                "telegram_chat_id",
            ),
            (
                |i| i.telegram_bot_token = Some("nope".into()),
                "telegram_bot_token",
            ),
            (|i| i.theme = "blue".into(), "theme"),
        ];
        for (mutate, field) in cases {
            let mut i = input();
            mutate(&mut i);
            let e = i.validate(&config()).unwrap_err();
            assert_eq!(e.field, field, "{e}");
        }
    }

    #[test]
    fn render_keeps_other_lines_and_replaces_managed_ones() {
        let change = input()
            .validate(&config())
            .unwrap_or_else(|e| panic!("{e}"));
        let before = "# my settings\nBINANCE_API_URL=http://x\nCRYPTODESK_THEME=light\nDATABASE_URL=sqlite:///old.db\n";
        let after = change.render(before);
        assert!(
            after.starts_with("# my settings\nBINANCE_API_URL=http://x\nCRYPTODESK_THEME=dark\n"),
            "{after}"
        );
        assert!(!after.contains("DATABASE_URL"), "{after}");
        assert!(after.contains("CRYPTODESK_POLL_SECONDS=15\n"), "{after}");
        // What is written reads back as the same settings.
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("config.env");
        write_atomically(&file, &after).unwrap_or_else(|e| panic!("{e}"));
        let back = crate::config::read_config_file(&file).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back["CRYPTODESK_THEME"], "dark");
        assert_eq!(back["REDIS_URL"], "redis://u:pw@cache.example:6379");
    }

    #[test]
    fn view_never_shows_secrets() {
        let secrets = MemorySecrets::from([(TELEGRAM_TOKEN, "123:abc")]);
        let env = HashMap::from([("CRYPTODESK_POLL_SECONDS".to_owned(), "1".to_owned())]);
        let v = view(&config(), &secrets, None, &env);
        let json = serde_json::to_string(&v).unwrap_or_default();
        assert!(v.telegram_token_set);
        assert!(
            !json.contains("123:abc") && !json.contains(":pw@"),
            "{json}"
        );
        assert_eq!(v.overridden, ["CRYPTODESK_POLL_SECONDS"]);
    }
}
