//! `fake-notifier`: owns `org.freedesktop.Notifications` on the session bus
//! and prints every notification it is shown as one JSON line
//! (`{"id", "app", "summary", "body", "actions"}`), so a test can check what
//! the app showed. Its extra `Click(id)` method emits `ActionInvoked(id,
//! "default")`, as a desktop does when the user clicks. Runs until killed.

use cryptodesk_testkit::notifications::FakeNotifications;
use std::io::Write;

#[tokio::main]
async fn main() -> zbus::Result<()> {
    let _conn = FakeNotifications::new(Default::default())
        .on_show(|n| {
            let mut out = std::io::stdout().lock();
            if let Ok(line) = serde_json::to_string(n) {
                let _ = writeln!(out, "{line}");
            }
            let _ = out.flush();
        })
        .serve(None)
        .await?;
    eprintln!("notification server ready");
    std::future::pending::<()>().await;
    Ok(())
}
