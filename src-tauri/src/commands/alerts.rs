//! Alerts page: every alert, create, edit, switch on or off, delete; history.

use super::{err, Reply, Service};
use cryptodesk_service::core::{Alert, AlertEvent, AlertId, AlertInput};
use cryptodesk_service::replay::{ReplayReport, ReplayRequest};
use cryptodesk_service::FeedStatus;

/// Every alert, newest first (armed and switched off).
#[tauri::command]
pub async fn alerts(app: Service<'_>) -> Reply<Vec<Alert>> {
    app.app().alerts(false).await.map_err(err)
}

/// Adds an alert.
#[tauri::command]
pub async fn add_alert(app: Service<'_>, input: AlertInput) -> Reply<Alert> {
    app.app().add_alert(input).await.map_err(err)
}

/// Replaces an alert's rule and arms it again.
#[tauri::command]
pub async fn update_alert(app: Service<'_>, id: AlertId, input: AlertInput) -> Reply<Alert> {
    app.app().update_alert(id, input).await.map_err(err)
}

/// Switches an alert on (armed) or off.
#[tauri::command]
pub async fn set_alert_active(app: Service<'_>, id: AlertId, active: bool) -> Reply<Alert> {
    app.app().set_alert_active(id, active).await.map_err(err)
}

/// Snoozes an alert for `minutes` (0 ends a snooze): no fire and no
/// notification until then.
#[tauri::command]
pub async fn snooze_alert(app: Service<'_>, id: AlertId, minutes: u32) -> Reply<Alert> {
    let until =
        (minutes > 0).then(|| chrono::Utc::now() + chrono::Duration::minutes(i64::from(minutes)));
    app.app().snooze_alert(id, until).await.map_err(err)
}

/// How often the form's rule would have fired over the stored history.
#[tauri::command]
pub async fn replay_alert(app: Service<'_>, request: ReplayRequest) -> Reply<ReplayReport> {
    app.app().replay_alert(request).await.map_err(err)
}

/// Deletes an alert (its history stays).
#[tauri::command]
pub async fn remove_alert(app: Service<'_>, id: AlertId) -> Reply<()> {
    app.app().remove_alert(id).await.map_err(err)
}

/// The last 200 fired alerts.
#[tauri::command]
pub async fn alert_history(app: Service<'_>) -> Reply<Vec<AlertEvent>> {
    app.app().alert_history(200).await.map_err(err)
}

/// Pauses alert evaluation for `minutes` (alerts stay armed).
#[tauri::command]
pub async fn pause_alerts(app: Service<'_>, minutes: u32) -> Reply<FeedStatus> {
    app.app().pause_alerts_for(minutes).await.map_err(err)?;
    Ok(app.app().feed_status())
}

/// Resumes alert evaluation.
#[tauri::command]
pub async fn resume_alerts(app: Service<'_>) -> Reply<FeedStatus> {
    app.app().pause_alerts(None).await.map_err(err)?;
    Ok(app.app().feed_status())
}
