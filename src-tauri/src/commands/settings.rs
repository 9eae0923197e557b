//! Settings page: the settings, saving them (the service restarts
//! in-process), connection tests and a test notification.

use super::{err, Reply, Service};
use cryptodesk_service::about::{self, About};
use cryptodesk_service::settings::{ConnectionReport, Settings, SettingsInput};

/// The settings in use (secrets never included).
#[tauri::command]
pub async fn settings(app: Service<'_>) -> Reply<Settings> {
    Ok(app.settings())
}

/// Saves settings and restarts the service on them (the shell hears the
/// `settings` event and applies start-at-login).
#[tauri::command]
pub async fn save_settings(app: Service<'_>, input: SettingsInput) -> Reply<Settings> {
    app.save_settings(input).await.map_err(err)
}

/// Connects to a database URL without saving it.
#[tauri::command]
pub async fn test_database(app: Service<'_>, url: String) -> Reply<ConnectionReport> {
    app.test_database(&url).await.map_err(err)
}

/// Connects to a Redis URL without saving it.
#[tauri::command]
pub async fn test_redis(app: Service<'_>, url: String) -> Reply<ConnectionReport> {
    app.test_redis(&url).await.map_err(err)
}

/// Shows a native notification now.
#[tauri::command]
pub async fn send_test_notification(app: Service<'_>) -> Reply<()> {
    app.app().test_notification().await.map_err(err)
}

/// The running build: version and git commit, for the About line.
#[tauri::command]
pub async fn about(_app: Service<'_>) -> Reply<About> {
    Ok(about::about())
}
