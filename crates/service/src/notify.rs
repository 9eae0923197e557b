//! Notifiers: every enabled one gets each fired alert.

use crate::Event;
use cryptodesk_core::{AlertEvent, AlertId};
use std::future::Future;
use std::pin::Pin;
use tokio::sync::broadcast;

/// A notifier that could not deliver.
#[derive(Debug, thiserror::Error)]
#[error("{channel} notification failed: {message}")]
pub struct NotifyError {
    /// Which notifier.
    pub channel: &'static str,
    /// Why.
    pub message: String,
}

/// Boxed future returned by notifiers (object-safe async).
pub type NotifyFuture<'a> = Pin<Box<dyn Future<Output = Result<(), NotifyError>> + Send + 'a>>;

/// Delivers fired alerts somewhere.
pub trait Notifier: Send + Sync {
    /// A short name for logs.
    fn name(&self) -> &'static str;
    /// Delivers one fired alert.
    fn notify<'a>(&'a self, event: &'a AlertEvent) -> NotifyFuture<'a>;
}

/// Native OS notifications (freedesktop D-Bus on Linux, Notification Center
/// on macOS, toast on Windows) through `notify-rust`. On Linux an alert's
/// notification carries the `default` action: clicking it sends
/// [`Event::OpenAlert`] to whoever listens (the desktop shell opens the
/// window on that alert).
#[derive(Debug, Default)]
pub struct DesktopNotifier {
    clicks: Option<broadcast::Sender<Event>>,
}

impl DesktopNotifier {
    /// A notifier whose clicks are reported on `clicks`.
    pub fn new(clicks: Option<broadcast::Sender<Event>>) -> Self {
        Self { clicks }
    }

    /// Shows one notification with `title` and `body`.
    pub async fn show(&self, title: String, body: String) -> Result<(), NotifyError> {
        self.notify_text(title, body, None).await
    }

    fn notify_text<'a>(
        &'a self,
        title: String,
        body: String,
        alert: Option<AlertId>,
    ) -> NotifyFuture<'a> {
        // Waiting for a click only makes sense when someone listens (the
        // desktop app, not the headless collector).
        let clicks = self
            .clicks
            .clone()
            .filter(|c| c.receiver_count() > 0)
            .zip(alert);
        Box::pin(async move {
            let shown = tokio::task::spawn_blocking(move || {
                let mut n = notify_rust::Notification::new();
                n.appname("Cryptodesk").summary(&title).body(&body);
                if clicks.is_some() {
                    n.action("default", "Open");
                }
                n.show().map(|handle| {
                    if let Some((tx, alert_id)) = clicks {
                        wait_for_click(handle, tx, alert_id);
                    }
                })
            })
            .await;
            match shown {
                Ok(Ok(())) => Ok(()),
                Ok(Err(e)) => Err(NotifyError {
                    channel: "desktop",
                    message: e.to_string(),
                }),
                Err(e) => Err(NotifyError {
                    channel: "desktop",
                    message: e.to_string(),
                }),
            }
        })
    }
}

impl Notifier for DesktopNotifier {
    fn name(&self) -> &'static str {
        "desktop"
    }

    fn notify<'a>(&'a self, event: &'a AlertEvent) -> NotifyFuture<'a> {
        self.notify_text(event.title(), event.body(), Some(event.alert_id))
    }
}

/// Waits on a dedicated thread for the notification's `default` action.
#[cfg(all(unix, not(target_os = "macos")))]
fn wait_for_click(
    handle: notify_rust::NotificationHandle,
    tx: broadcast::Sender<Event>,
    alert_id: AlertId,
) {
    // notify-rust's D-Bus connection runs on tokio: the waiting thread
    // enters the runtime this was called from (a blocking-pool thread).
    let runtime = tokio::runtime::Handle::try_current();
    let spawned = std::thread::Builder::new()
        .name("notification-click".into())
        .spawn(move || {
            let _entered = runtime.as_ref().map(|r| r.enter());
            tracing::debug!(notification = handle.id(), alert = %alert_id, "waiting for a click");
            handle.wait_for_action(|action| {
                tracing::debug!(action, alert = %alert_id, "notification answered");
                if action == "default" {
                    tracing::info!(alert = %alert_id, "notification clicked");
                    let _ = tx.send(Event::OpenAlert { alert_id });
                }
            });
        });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "cannot wait for notification clicks");
    }
}

/// Other systems do not report clicks to `notify-rust`.
#[cfg(not(all(unix, not(target_os = "macos"))))]
fn wait_for_click(
    _handle: notify_rust::NotificationHandle,
    _tx: broadcast::Sender<Event>,
    _alert_id: AlertId,
) {
}
