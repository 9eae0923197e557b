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

/// A validated change: the config-file values (never a secret) and what
/// goes to the secret store.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsChange {
    /// Key → value for every managed key; `None` removes the line.
    pub file: Vec<(&'static str, Option<String>)>,
    /// The token action.
    pub token: TokenChange,
    /// Passwords taken out of the URLs, by secret name
    /// (`database-password`, `redis-password`).
    pub passwords: Vec<(&'static str, Secret)>,
}

/// Splits the password out of a URL: the URL without it (for the file) and
/// the password (for the secret store). SQLite URLs have none.
pub fn split_password(url: &str) -> (String, Option<Secret>) {
    if url.starts_with("sqlite:") {
        return (url.to_owned(), None);
    }
    match url::Url::parse(url) {
        Ok(mut u) => match u.password().map(str::to_owned) {
            Some(pw) if !pw.is_empty() => {
                let _ = u.set_password(None);
                let pw = percent_decode(&pw);
                (u.to_string(), Some(Secret::new(pw)))
            }
            _ => (url.to_owned(), None),
        },
        Err(_) => (url.to_owned(), None),
    }
}

/// Decodes `%XX` escapes of a URL component.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The URL to connect to for a value from the Settings page: the stored one
/// when the page sent back its redacted form, else the text as typed.
pub fn resolve_url(text: &str, current: Option<&Secret>) -> String {
    let t = text.trim();
    match current {
        Some(c) if c.redacted() == t => c.expose().to_owned(),
        _ => t.to_owned(),
    }
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
        let mut passwords = Vec::new();
        let mut without_password = |url: Option<String>, secret: &'static str| {
            url.map(|u| {
                let (bare, pw) = split_password(&u);
                if let Some(pw) = pw {
                    passwords.push((secret, pw));
                }
                bare
            })
        };
        let database_url = without_password(database_url, "database-password");
        let redis_url = without_password(redis_url, "redis-password");
        let some = |v: String| Some(v);
        Ok(SettingsChange {
            passwords,
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

    /// The page's input for the settings in use (token kept).
    pub fn from_config(config: &Config) -> Self {
        Self {
            display_currency: config.display_currency.code().into(),
            poll_seconds: config.poll_interval.as_secs().to_string(),
            notifications: config.desktop_notifications,
            database_url: config
                .database_url
                .as_ref()
                .map(Secret::redacted)
                .unwrap_or_default(),
            redis_url: config
                .redis_url
                .as_ref()
                .map(Secret::redacted)
                .unwrap_or_default(),
            telegram_chat_id: config.telegram_chat_id.clone().unwrap_or_default(),
            telegram_bot_token: None,
            start_at_login: config.start_at_login,
            start_minimized: config.start_minimized,
            theme: config.theme.as_str().into(),
        }
    }
}

impl SettingsChange {
    /// Drops the settings the environment provides and the user left as
    /// they were, so saving never copies an environment variable (or a
    /// password it carries) into the file.
    pub fn keep_environment(&mut self, current: &Config, env: &HashMap<String, String>) {
        let Ok(unchanged) = SettingsInput::from_config(current).validate(current) else {
            return;
        };
        let from_env = |k: &str| env.get(k).is_some_and(|v| !v.trim().is_empty());
        self.file.retain(|(k, v)| {
            let same = unchanged.file.iter().any(|(uk, uv)| uk == k && uv == v);
            !(from_env(k) && same)
        });
        let dropped = |url_key: &str| !self.file.iter().any(|(k, _)| *k == url_key);
        let (db_dropped, redis_dropped) = (dropped("DATABASE_URL"), dropped("REDIS_URL"));
        self.passwords.retain(|(name, _)| match *name {
            "database-password" => !db_dropped,
            "redis-password" => !redis_dropped,
            _ => true,
        });
    }

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
/// a crash never leaves half a config file; readable by the user only.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("env.tmp");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    {
        use std::io::Write;
        let mut f = options.open(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
    }
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
        // The password stays a secret: out of the URL, into the store.
        assert_eq!(vars["REDIS_URL"], "redis://u@cache.example:6379");
        assert_eq!(
            change.passwords,
            vec![("redis-password", Secret::new("pw"))]
        );
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
        assert_eq!(back["REDIS_URL"], "redis://u@cache.example:6379");
        assert!(!after.contains(":pw@"), "{after}");
    }

    #[test]
    fn passwords_are_split_out_of_urls() {
        let (bare, pw) = split_password("postgres://app:p%40ss@db.example:5432/cd");
        assert_eq!(bare, "postgres://app@db.example:5432/cd");
        assert_eq!(pw, Some(Secret::new("p@ss")));
        assert_eq!(
            split_password("sqlite:///home/u/cd.db"),
            ("sqlite:///home/u/cd.db".to_owned(), None)
        );
        assert_eq!(split_password("redis://cache:6379").1, None);
    }

    #[test]
    fn unchanged_environment_values_are_not_saved() {
        let current = config();
        let env = HashMap::from([(
            "REDIS_URL".to_owned(),
            "redis://u:pw@cache.example:6379".to_owned(),
        )]);
        let mut unchanged = SettingsInput::from_config(&current)
            .validate(&current)
            .unwrap_or_else(|e| panic!("{e}"));
        unchanged.keep_environment(&current, &env);
        assert!(unchanged.file.iter().all(|(k, _)| *k != "REDIS_URL"));
        assert!(unchanged.passwords.is_empty());
        let mut changed = SettingsInput {
            redis_url: "redis://other:6379".into(),
            ..SettingsInput::from_config(&current)
        }
        .validate(&current)
        .unwrap_or_else(|e| panic!("{e}"));
        changed.keep_environment(&current, &env);
        assert!(changed
            .file
            .iter()
            .any(|(k, v)| *k == "REDIS_URL" && v.as_deref() == Some("redis://other:6379")));
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
