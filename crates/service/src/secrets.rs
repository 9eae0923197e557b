//! Secrets: a wrapper that never prints its value, and the OS keyring.

use std::collections::HashMap;
use std::fmt;

/// Keyring service name under which Cryptodesk keeps its secrets.
pub const KEYRING_SERVICE: &str = "cryptodesk";

/// Names of the secrets the app reads from the keyring.
pub const SECRET_NAMES: [&str; 3] = ["database-password", "redis-password", "telegram-bot-token"];

/// A secret value (a password, a token, or a URL that may carry a password).
/// `Debug` and `Display` show a redacted form.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value itself; only for handing to the component that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// A printable form: URLs keep scheme, user, host and path; the password
    /// is replaced by `***`. Anything else is fully redacted.
    pub fn redacted(&self) -> String {
        match url::Url::parse(&self.0) {
            Ok(mut u) if u.has_host() || u.scheme() == "sqlite" => {
                if u.password().is_some() {
                    let _ = u.set_password(Some("***"));
                }
                u.to_string()
            }
            _ => "***".into(),
        }
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({})", self.redacted())
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// Where secrets are kept, by name.
pub trait SecretStore: Send + Sync {
    /// The secret called `name`, if stored.
    fn get(&self, name: &str) -> Option<String>;
    /// Stores `value` as the secret `name`.
    fn set(&self, name: &str, value: &str) -> Result<(), KeyringError>;
    /// Deletes the secret `name` (absent is fine).
    fn delete(&self, name: &str) -> Result<(), KeyringError>;
    /// Where the secrets go, for the Settings page.
    fn describe(&self) -> &'static str;
}

impl<T: SecretStore + ?Sized> SecretStore for std::sync::Arc<T> {
    fn get(&self, name: &str) -> Option<String> {
        (**self).get(name)
    }

    fn set(&self, name: &str, value: &str) -> Result<(), KeyringError> {
        (**self).set(name, value)
    }

    fn delete(&self, name: &str) -> Result<(), KeyringError> {
        (**self).delete(name)
    }

    fn describe(&self) -> &'static str {
        (**self).describe()
    }
}

/// The OS keyring (macOS Keychain, Windows Credential Manager, Secret Service).
#[derive(Debug, Default)]
pub struct Keyring;

/// What went wrong writing to the keyring.
#[derive(Debug, thiserror::Error)]
pub enum KeyringError {
    /// Not one of [`SECRET_NAMES`].
    #[error("unknown secret {0:?} (use one of: {names})", names = SECRET_NAMES.join(", "))]
    UnknownName(String),
    /// A view that cannot be written to.
    #[error("this secret store is read-only")]
    ReadOnly,
    /// The keyring refused.
    #[error("OS keyring: {0}")]
    Keyring(#[from] keyring::Error),
}

impl Keyring {
    fn entry(name: &str) -> Result<keyring::Entry, KeyringError> {
        if !SECRET_NAMES.contains(&name) {
            return Err(KeyringError::UnknownName(name.to_owned()));
        }
        Ok(keyring::Entry::new(KEYRING_SERVICE, name)?)
    }
}

impl SecretStore for Keyring {
    fn set(&self, name: &str, value: &str) -> Result<(), KeyringError> {
        Ok(Self::entry(name)?.set_password(value)?)
    }

    fn delete(&self, name: &str) -> Result<(), KeyringError> {
        match Self::entry(name)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    fn describe(&self) -> &'static str {
        "OS keyring"
    }

    fn get(&self, name: &str) -> Option<String> {
        let entry = Self::entry(name).ok()?;
        match entry.get_password() {
            Ok(v) => Some(v),
            Err(keyring::Error::NoEntry) => None,
            Err(e) => {
                tracing::debug!(secret = name, error = %e, "keyring not available");
                None
            }
        }
    }
}

/// The secret store to use: the OS keyring, unless `CRYPTODESK_KEYRING=off`
/// (headless servers without a keyring, and tests).
pub fn default_store() -> Box<dyn SecretStore> {
    if std::env::var("CRYPTODESK_KEYRING").is_ok_and(|v| v == "off") {
        Box::new(MemorySecrets::default())
    } else {
        Box::new(Keyring)
    }
}

/// An in-memory secret store, for tests and for headless runs without a
/// keyring: what is set lives until the process ends.
#[derive(Debug, Default)]
pub struct MemorySecrets(std::sync::Mutex<HashMap<String, String>>);

impl<const N: usize> From<[(&str, &str); N]> for MemorySecrets {
    fn from(pairs: [(&str, &str); N]) -> Self {
        Self(std::sync::Mutex::new(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        ))
    }
}

impl SecretStore for MemorySecrets {
    fn get(&self, name: &str) -> Option<String> {
        self.0.lock().ok()?.get(name).cloned()
    }

    fn set(&self, name: &str, value: &str) -> Result<(), KeyringError> {
        if !SECRET_NAMES.contains(&name) {
            return Err(KeyringError::UnknownName(name.to_owned()));
        }
        if let Ok(mut m) = self.0.lock() {
            m.insert(name.to_owned(), value.to_owned());
        }
        Ok(())
    }

    fn delete(&self, name: &str) -> Result<(), KeyringError> {
        if let Ok(mut m) = self.0.lock() {
            m.remove(name);
        }
        Ok(())
    }

    fn describe(&self) -> &'static str {
        "memory only (CRYPTODESK_KEYRING=off): kept until the app quits"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction() {
        assert_eq!(
            Secret::new("postgres://u:pw@h:5432/db").redacted(),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(
            Secret::new("redis://127.0.0.1:6379").redacted(),
            "redis://127.0.0.1:6379"
        );
        assert_eq!(Secret::new("123456:ABC-token").to_string(), "***");
        assert!(!format!("{:?}", Secret::new("postgres://u:pw@h/db")).contains("pw@"));
    }
}
