//! `fake-notifier`: owns `org.freedesktop.Notifications` on the session bus
//! and prints every notification it is shown as one JSON line
//! (`{"id", "summary", "body", "actions"}`), so a test can check what the app
//! showed. Its extra `Click(id)` method emits `ActionInvoked(id, "default")`,
//! as a desktop does when the user clicks a notification. Runs until killed.

#![allow(missing_docs)] // the zbus interface macro generates undocumented items

use std::collections::HashMap;
use std::io::Write;
use zbus::object_server::SignalEmitter;
use zbus::zvariant::OwnedValue;

struct Notifications {
    next: u32,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Notifications {
    #[allow(clippy::too_many_arguments)]
    async fn notify(
        &mut self,
        app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        _hints: HashMap<String, OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        self.next += 1;
        let line = serde_json::json!({
            "id": self.next,
            "app": app_name,
            "summary": summary,
            "body": body,
            "actions": actions,
        });
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
        self.next
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["body".into(), "actions".into()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        (
            "fake".into(),
            "cryptodesk-tests".into(),
            "1.0".into(),
            "1.2".into(),
        )
    }

    fn close_notification(&self, _id: u32) {}

    /// Test control: the user clicks notification `id`.
    async fn click(&self, id: u32, #[zbus(signal_emitter)] emitter: SignalEmitter<'_>) {
        let _ = Self::action_invoked(&emitter, id, "default").await;
    }

    #[zbus(signal)]
    async fn action_invoked(emitter: &SignalEmitter<'_>, id: u32, action: &str)
        -> zbus::Result<()>;

    #[zbus(signal)]
    async fn notification_closed(
        emitter: &SignalEmitter<'_>,
        id: u32,
        reason: u32,
    ) -> zbus::Result<()>;
}

#[tokio::main]
async fn main() -> zbus::Result<()> {
    let _conn = zbus::connection::Builder::session()?
        .name("org.freedesktop.Notifications")?
        .serve_at("/org/freedesktop/Notifications", Notifications { next: 0 })?
        .build()
        .await?;
    eprintln!("notification server ready");
    std::future::pending::<()>().await;
    Ok(())
}
