//! Notifiers: every enabled one gets each fired alert.

use cryptodesk_core::AlertEvent;
use std::future::Future;
use std::pin::Pin;

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
/// on macOS, toast on Windows) through `notify-rust`.
#[derive(Debug, Default)]
pub struct DesktopNotifier;

impl Notifier for DesktopNotifier {
    fn name(&self) -> &'static str {
        "desktop"
    }

    fn notify<'a>(&'a self, event: &'a AlertEvent) -> NotifyFuture<'a> {
        let (title, body) = (event.title(), event.body());
        Box::pin(async move {
            let shown = tokio::task::spawn_blocking(move || {
                notify_rust::Notification::new()
                    .appname("Cryptodesk")
                    .summary(&title)
                    .body(&body)
                    .show()
                    .map(|_| ())
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
