//! The service as a desktop app holds it: the running [`App`] and its poll
//! loop, restartable in-process when settings change, with one event
//! channel that survives restarts.

use crate::config::{self, Config};
use crate::secrets::SecretStore;
use crate::settings::{self, Settings, SettingsInput, TokenChange, TELEGRAM_TOKEN};
use crate::{App, Event, PollerHandle, ServiceError};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use tokio::sync::{broadcast, Mutex};

/// The running service, swapped as a whole when settings are saved.
pub struct Host {
    current: RwLock<Arc<App>>,
    poller: Mutex<Option<PollerHandle>>,
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
    /// writes the config file and the keyring and swaps the running service
    /// (the old poll loop is stopped and waited for). If the new service
    /// cannot start (an unreachable database), nothing is written and the
    /// old one keeps running.
    pub async fn save_settings(&self, input: SettingsInput) -> Result<Settings, ServiceError> {
        let current = self.app();
        let change = input.validate(current.config())?;
        let file_vars = match &self.config_file {
            Some(f) => config::read_config_file(f)?,
            None => HashMap::new(),
        };
        let mut next = Config::from_layers(
            change.apply_to(file_vars),
            None,
            self.env.clone(),
            self.secrets.as_ref(),
        )?;
        next.data_dir.clone_from(&current.config().data_dir);
        if let TokenChange::Set(t) = &change.token {
            next.telegram_bot_token = Some(t.clone());
        } else if change.token == TokenChange::Remove {
            next.telegram_bot_token = None;
        }
        let app = App::start_with_events(next, self.events.clone())
            .await
            .map_err(|e| match e {
                ServiceError::Store(s) => ServiceError::Unreachable {
                    what: "database",
                    message: s.to_string(),
                },
                other => other,
            })?;
        if let Some(path) = &self.config_file {
            let existing = std::fs::read_to_string(path).unwrap_or_default();
            settings::write_atomically(path, &change.render(&existing)).map_err(|source| {
                ServiceError::ConfigWrite {
                    path: path.display().to_string(),
                    source,
                }
            })?;
        }
        match &change.token {
            TokenChange::Keep => {}
            TokenChange::Remove => self.secrets.delete(TELEGRAM_TOKEN)?,
            TokenChange::Set(t) => self.secrets.set(TELEGRAM_TOKEN, t.expose())?,
        }
        app.pause_alerts(current.alerts_paused_until());
        let mut poller = self.poller.lock().await;
        if let Some(old) = poller.take() {
            old.stop().await;
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

    /// Stops the poll loop and waits for it, then closes the database.
    pub async fn stop(&self) {
        if let Some(p) = self.poller.lock().await.take() {
            p.stop().await;
        }
        self.app().shutdown().await;
    }
}
