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
    /// Delivers a message that is not one alert (the summary of fires
    /// beyond the rate limit).
    fn notify_summary<'a>(&'a self, title: String, body: String) -> NotifyFuture<'a>;
}

/// Most notifications shown in any minute; the fires beyond them get one
/// summary each batch instead (each is still in the history).
pub const PER_MINUTE: usize = 10;

/// The notifications shown in the last minute.
#[derive(Debug, Default)]
pub struct RateLimit {
    shown: std::collections::VecDeque<std::time::Instant>,
}

impl RateLimit {
    /// Of `n` fires at `now`, how many may have their own notification
    /// (they are counted as shown).
    pub fn allow(&mut self, n: usize, now: std::time::Instant) -> usize {
        let minute = std::time::Duration::from_secs(60);
        while self
            .shown
            .front()
            .is_some_and(|t| now.duration_since(*t) >= minute)
        {
            self.shown.pop_front();
        }
        let allowed = n.min(PER_MINUTE.saturating_sub(self.shown.len()));
        self.shown.extend(std::iter::repeat_n(now, allowed));
        allowed
    }
}

/// The summary's words for `n` fires beyond the limit.
pub fn summary(n: usize) -> (String, String) {
    (
        format!("and {n} more alert{} fired", if n == 1 { "" } else { "s" }),
        "More than 10 alerts fired within a minute; every one is in the history \
         (the Alerts page, or cryptodesk alerts history)."
            .to_owned(),
    )
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

    fn notify_summary<'a>(&'a self, title: String, body: String) -> NotifyFuture<'a> {
        self.notify_text(title, body, None)
    }
}

/// How long a notification's click is waited for (desktops that keep
/// notifications with actions would otherwise keep every wait alive).
const CLICK_WAIT: std::time::Duration = std::time::Duration::from_secs(3600);

/// Waits, as a task on the runtime this is called from (the notifier's
/// blocking-pool thread), for the notification's `default` action.
#[cfg(all(unix, not(target_os = "macos")))]
fn wait_for_click(
    handle: notify_rust::NotificationHandle,
    tx: broadcast::Sender<Event>,
    alert_id: AlertId,
) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        tracing::warn!("no runtime to wait for notification clicks on");
        return;
    };
    runtime.spawn(async move {
        let id = handle.id();
        tracing::debug!(notification = id, alert = %alert_id, "waiting for a click");
        let waited = tokio::time::timeout(
            CLICK_WAIT,
            handle.wait_for_action_async(|response| {
                if let notify_rust::NotificationResponse::Default = response {
                    tracing::info!(alert = %alert_id, "notification clicked");
                    let _ = tx.send(Event::OpenAlert { alert_id });
                }
            }),
        )
        .await;
        if waited.is_err() {
            tracing::debug!(notification = id, "stopped waiting for a click");
        }
    });
}

/// Other systems do not report clicks to `notify-rust`.
#[cfg(not(all(unix, not(target_os = "macos"))))]
fn wait_for_click(
    _handle: notify_rust::NotificationHandle,
    _tx: broadcast::Sender<Event>,
    _alert_id: AlertId,
) {
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn ten_a_minute_then_the_rest_summarised() {
        let mut limit = RateLimit::default();
        let t0 = Instant::now();
        assert_eq!(limit.allow(4, t0), 4);
        assert_eq!(limit.allow(8, t0 + Duration::from_secs(10)), 6);
        assert_eq!(limit.allow(3, t0 + Duration::from_secs(59)), 0);
        // The first four are a minute old: room for four.
        assert_eq!(limit.allow(9, t0 + Duration::from_secs(60)), 4);
        assert_eq!(limit.allow(20, t0 + Duration::from_secs(200)), 10);
        assert_eq!(summary(1).0, "and 1 more alert fired");
        assert_eq!(summary(7).0, "and 7 more alerts fired");
    }
}
