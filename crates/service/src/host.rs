//! The service as a desktop app holds it: the running [`App`] and its poll
//! loop, restartable in-process when settings change, with one event
//! channel that survives restarts.

use crate::config::{self, Config};
use crate::secrets::SecretStore;
use crate::secrets::{KeyringError, Secret};
use crate::settings::{
    self, ConnectionReport, Settings, SettingsChange, SettingsInput, TokenChange, TELEGRAM_TOKEN,
};
use crate::{App, Event, PollerHandle, ServiceError};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use tokio::sync::{broadcast, Mutex};

/// The running service, swapped as a whole when settings are saved.
pub struct Host {
    current: RwLock<Arc<App>>,
    poller: Mutex<Option<PollerHandle>>,
    saving: Mutex<()>,
    events: broadcast::Sender<Event>,
    secrets: Box<dyn SecretStore>,
    config_file: Option<PathBuf>,
    env: HashMap<String, String>,
}

impl Host {
    /// Starts the service on `config` and its poll loop. `config_file` is
    /// where saved settings go; `env` the process environment (which
    /// overrides the file).
    pub async fn start(
        config: Config,
        secrets: Box<dyn SecretStore>,
        config_file: Option<PathBuf>,
        env: HashMap<String, String>,
    ) -> Result<Arc<Self>, ServiceError> {
        let (events, _) = broadcast::channel(256);
        let app = App::start_with_events(config, events.clone()).await?;
        let poller = app.spawn_poller();
        Ok(Arc::new(Self {
            current: RwLock::new(app),
            poller: Mutex::new(Some(poller)),
            saving: Mutex::new(()),
            events,
            secrets,
            config_file,
            env,
        }))
    }

    /// The service now.
    pub fn app(&self) -> Arc<App> {
        match self.current.read() {
            Ok(a) => Arc::clone(&a),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Events of whichever service is running.
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }

    /// The Settings page's view of the running configuration.
    pub fn settings(&self) -> Settings {
        settings::view(
            self.app().config(),
            self.secrets.as_ref(),
            self.config_file.as_deref(),
            &self.env,
        )
    }

    /// Validates a change, starts a service on it and, once that works,
    /// writes the secret store and then the config file, and swaps the
    /// running service (the old poll loop is stopped and waited for). If
    /// the new service cannot start (an unreachable database) or a write
    /// fails, nothing stays written and the old service keeps running.
    /// Saves are serialised.
    pub async fn save_settings(&self, input: SettingsInput) -> Result<Settings, ServiceError> {
        let _one_at_a_time = self.saving.lock().await;
        let current = self.app();
        let mut change = input.validate(current.config())?;
        change.keep_environment(current.config(), &self.env);
        let file_vars = match &self.config_file {
            Some(f) => config::read_config_file(f)?,
            None => HashMap::new(),
        };
        let pending = Pending::new(self.secrets.as_ref(), &change);
        let mut next =
            Config::from_layers(change.apply_to(file_vars), None, self.env.clone(), &pending)?;
        next.data_dir.clone_from(&current.config().data_dir);
        let app = App::start_with_events(next, self.events.clone())
            .await
            .map_err(|e| match e {
                ServiceError::Store(s) => ServiceError::Unreachable {
                    what: "database",
                    message: s.to_string(),
                },
                other => other,
            })?;
        if let Err(e) = self.write(&change).await {
            app.shutdown().await;
            return Err(e);
        }

        let mut poller = self.poller.lock().await;
        if let Some(old) = poller.take() {
            old.stop().await;
        }
        // The pause is stored; a new database takes a pause in force (and
        // keeps its own when there is none here).
        if let Some(until) = current.alerts_paused_until() {
            if let Err(e) = app.pause_alerts(Some(until)).await {
                tracing::warn!(error = %e, "the alerts' pause not carried over");
            }
        }
        let old = {
            let mut slot = match self.current.write() {
                Ok(s) => s,
                Err(poisoned) => poisoned.into_inner(),
            };
            std::mem::replace(&mut *slot, Arc::clone(&app))
        };
        *poller = Some(app.spawn_poller());
        drop(poller);
        old.shutdown().await;
        tracing::info!("settings saved; service restarted");
        let _ = self.events.send(Event::Settings(self.settings()));
        app.feed_status();
        Ok(self.settings())
    }

    /// Writes the secrets, then the file; if the file cannot be written the
    /// secrets are put back as they were.
    async fn write(&self, change: &SettingsChange) -> Result<(), ServiceError> {
        let mut touched: Vec<(&'static str, Option<String>)> = Vec::new();
        let mut writes: Vec<(&'static str, Option<&Secret>)> = change
            .passwords
            .iter()
            .map(|(name, pw)| (*name, Some(pw)))
            .collect();
        match &change.token {
            TokenChange::Keep => {}
            TokenChange::Remove => writes.push((TELEGRAM_TOKEN, None)),
            TokenChange::Set(t) => writes.push((TELEGRAM_TOKEN, Some(t))),
        }
        let restore = |touched: &[(&'static str, Option<String>)]| {
            for (name, before) in touched {
                let undone = match before {
                    Some(v) => self.secrets.set(name, v),
                    None => self.secrets.delete(name),
                };
                if let Err(e) = undone {
                    tracing::warn!(secret = name, error = %e, "cannot restore a secret");
                }
            }
        };
        for (name, value) in writes {
            let before = self.secrets.get(name);
            let written = match value {
                Some(v) => self.secrets.set(name, v.expose()),
                None => self.secrets.delete(name),
            };
            if let Err(e) = written {
                restore(&touched);
                return Err(e.into());
            }
            touched.push((name, before));
        }
        if let Some(path) = &self.config_file {
            let existing = std::fs::read_to_string(path).unwrap_or_default();
            if let Err(source) = settings::write_atomically(path, &change.render(&existing)) {
                restore(&touched);
                return Err(ServiceError::ConfigWrite {
                    path: path.display().to_string(),
                    source,
                });
            }
        }
        Ok(())
    }

    /// Tests a database URL from the Settings page (its redacted form means
    /// the stored URL, password included).
    pub async fn test_database(&self, url: &str) -> Result<ConnectionReport, ServiceError> {
        let app = self.app();
        settings::test_database(&settings::resolve_url(
            url,
            app.config().database_url.as_ref(),
        ))
        .await
    }

    /// Tests a Redis URL from the Settings page, like [`Host::test_database`].
    pub async fn test_redis(&self, url: &str) -> Result<ConnectionReport, ServiceError> {
        let app = self.app();
        settings::test_redis(&settings::resolve_url(url, app.config().redis_url.as_ref())).await
    }

    /// Stops the poll loop and waits for it, then closes the database.
    pub async fn stop(&self) {
        if let Some(p) = self.poller.lock().await.take() {
            p.stop().await;
        }
        self.app().shutdown().await;
    }
}

/// The secret store as it will be after a change: the change's passwords
/// and token first, then the real store. Used to try the new settings
/// before anything is written.
struct Pending<'a> {
    base: &'a dyn SecretStore,
    values: HashMap<&'static str, Option<String>>,
}

impl<'a> Pending<'a> {
    fn new(base: &'a dyn SecretStore, change: &SettingsChange) -> Self {
        let mut values: HashMap<&'static str, Option<String>> = change
            .passwords
            .iter()
            .map(|(n, pw)| (*n, Some(pw.expose().to_owned())))
            .collect();
        match &change.token {
            TokenChange::Keep => {}
            TokenChange::Remove => {
                values.insert(TELEGRAM_TOKEN, None);
            }
            TokenChange::Set(t) => {
                values.insert(TELEGRAM_TOKEN, Some(t.expose().to_owned()));
            }
        }
        Self { base, values }
    }
}

impl SecretStore for Pending<'_> {
    fn get(&self, name: &str) -> Option<String> {
        match self.values.get(name) {
            Some(v) => v.clone(),
            None => self.base.get(name),
        }
    }

    fn set(&self, _name: &str, _value: &str) -> Result<(), KeyringError> {
        Err(KeyringError::ReadOnly)
    }

    fn delete(&self, _name: &str) -> Result<(), KeyringError> {
        Err(KeyringError::ReadOnly)
    }

    fn describe(&self) -> &'static str {
        self.base.describe()
    }
}
