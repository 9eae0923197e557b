//! `fake-tray-host`: owns `org.kde.StatusNotifierWatcher` on the session bus
//! and prints every tray item that registers, so a test can see that the app
//! put its icon in the tray. Runs until killed.

#![allow(missing_docs)] // the zbus interface macro generates undocumented items

use zbus::object_server::SignalEmitter;

struct Watcher {
    items: Vec<String>,
}

#[zbus::interface(name = "org.kde.StatusNotifierWatcher")]
impl Watcher {
    async fn register_status_notifier_item(
        &mut self,
        service: String,
        #[zbus(signal_emitter)] emitter: SignalEmitter<'_>,
    ) {
        println!("registered item {service}");
        self.items.push(service.clone());
        let _ = Self::status_notifier_item_registered(&emitter, &service).await;
    }

    fn register_status_notifier_host(&self, _service: String) {}

    #[zbus(property)]
    fn registered_status_notifier_items(&self) -> Vec<String> {
        self.items.clone()
    }

    #[zbus(property)]
    fn is_status_notifier_host_registered(&self) -> bool {
        true
    }

    #[zbus(property)]
    fn protocol_version(&self) -> i32 {
        0
    }

    #[zbus(signal)]
    async fn status_notifier_item_registered(
        emitter: &SignalEmitter<'_>,
        service: &str,
    ) -> zbus::Result<()>;
}

#[tokio::main]
async fn main() -> zbus::Result<()> {
    let _conn = zbus::connection::Builder::session()?
        .name("org.kde.StatusNotifierWatcher")?
        .serve_at("/StatusNotifierWatcher", Watcher { items: Vec::new() })?
        .build()
        .await?;
    println!("tray host ready");
    std::future::pending::<()>().await;
    Ok(())
}
