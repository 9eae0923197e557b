//! `fake-tray-host`: owns `org.kde.StatusNotifierWatcher` on the session bus
//! and prints every tray item that registers, so a test can see that the app
//! put its icon in the tray. Its `app.cryptodesk.FakeTray` interface reads
//! the registered item's menu (`MenuLabels`) and clicks an entry by label
//! (`Click`), through the item's `com.canonical.dbusmenu`, as a panel does.
//! Runs until killed.

#![allow(missing_docs)] // the zbus interface macro generates undocumented items

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use zbus::object_server::SignalEmitter;
use zbus::zvariant::{OwnedObjectPath, OwnedValue, Value};

/// Registered items: (bus name, object path).
type Items = Arc<Mutex<Vec<(String, String)>>>;

struct Watcher {
    items: Items,
}

#[zbus::interface(name = "org.kde.StatusNotifierWatcher")]
impl Watcher {
    async fn register_status_notifier_item(
        &mut self,
        service: String,
        #[zbus(header)] header: zbus::message::Header<'_>,
        #[zbus(signal_emitter)] emitter: SignalEmitter<'_>,
    ) {
        println!("registered item {service}");
        let sender = header.sender().map(|s| s.to_string()).unwrap_or_default();
        // Items register either a bus name or an object path (AppIndicator).
        let entry = if service.starts_with('/') {
            (sender, service.clone())
        } else {
            (service.clone(), "/StatusNotifierItem".to_owned())
        };
        if let Ok(mut items) = self.items.lock() {
            items.push(entry);
        }
        let _ = Self::status_notifier_item_registered(&emitter, &service).await;
    }

    fn register_status_notifier_host(&self, _service: String) {}

    #[zbus(property)]
    fn registered_status_notifier_items(&self) -> Vec<String> {
        self.items
            .lock()
            .map(|i| i.iter().map(|(n, p)| format!("{n}{p}")).collect())
            .unwrap_or_default()
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

/// One menu entry: id, label, enabled.
type Entry = (i32, String, bool);

/// A dbusmenu layout node: id, properties, children (each a variant node).
type Node = (i32, HashMap<String, OwnedValue>, Vec<OwnedValue>);

fn text(props: &HashMap<String, OwnedValue>, key: &str) -> Option<String> {
    props
        .get(key)
        .and_then(|v| String::try_from(v.try_clone().ok()?).ok())
}

fn collect(node: Node, out: &mut Vec<Entry>, root: bool) {
    let (id, props, children) = node;
    let enabled = props
        .get("enabled")
        .and_then(|v| bool::try_from(v.try_clone().ok()?).ok())
        .unwrap_or(true);
    let separator = text(&props, "type").is_some_and(|t| t == "separator");
    if !root && !separator {
        out.push((
            id,
            text(&props, "label").unwrap_or_default().replace('_', ""),
            enabled,
        ));
    }
    for child in children {
        let inner: Result<Node, _> = match Value::from(child) {
            Value::Value(v) => Node::try_from(*v),
            other => Node::try_from(other),
        };
        if let Ok(n) = inner {
            collect(n, out, false);
        }
    }
}

struct Control {
    items: Items,
}

impl Control {
    async fn menu(
        &self,
        conn: &zbus::Connection,
    ) -> zbus::fdo::Result<(String, String, Vec<Entry>)> {
        let (name, path) = self
            .items
            .lock()
            .ok()
            .and_then(|i| i.last().cloned())
            .ok_or_else(|| zbus::fdo::Error::Failed("no tray item registered".into()))?;
        let item = zbus::Proxy::new(
            conn,
            name.as_str(),
            path.as_str(),
            "org.kde.StatusNotifierItem",
        )
        .await?;
        let menu_path: OwnedObjectPath = item.get_property("Menu").await?;
        let menu = zbus::Proxy::new(
            conn,
            name.as_str(),
            menu_path.as_str(),
            "com.canonical.dbusmenu",
        )
        .await?;
        let (_rev, layout): (u32, Node) = menu
            .call("GetLayout", &(0i32, -1i32, Vec::<String>::new()))
            .await?;
        let mut entries = Vec::new();
        collect(layout, &mut entries, true);
        Ok((name, menu_path.to_string(), entries))
    }
}

#[zbus::interface(name = "app.cryptodesk.FakeTray")]
impl Control {
    /// Labels of the tray menu's entries, `-` prefixed when disabled.
    async fn menu_labels(
        &self,
        #[zbus(connection)] conn: &zbus::Connection,
    ) -> zbus::fdo::Result<Vec<String>> {
        let (_, _, entries) = self.menu(conn).await?;
        Ok(entries
            .into_iter()
            .map(|(_, l, enabled)| if enabled { l } else { format!("-{l}") })
            .collect())
    }

    /// Clicks the first entry whose label starts with `label`.
    async fn click(
        &self,
        label: String,
        #[zbus(connection)] conn: &zbus::Connection,
    ) -> zbus::fdo::Result<bool> {
        let (name, path, entries) = self.menu(conn).await?;
        let Some((id, _, _)) = entries.into_iter().find(|(_, l, _)| l.starts_with(&label)) else {
            return Ok(false);
        };
        let menu =
            zbus::Proxy::new(conn, name.as_str(), path.as_str(), "com.canonical.dbusmenu").await?;
        menu.call_noreply("Event", &(id, "clicked", Value::I32(0), 0u32))
            .await?;
        Ok(true)
    }
}

#[tokio::main]
async fn main() -> zbus::Result<()> {
    let items: Items = Arc::default();
    let _conn = zbus::connection::Builder::session()?
        .name("org.kde.StatusNotifierWatcher")?
        .serve_at(
            "/StatusNotifierWatcher",
            Watcher {
                items: Arc::clone(&items),
            },
        )?
        .serve_at("/StatusNotifierWatcher", Control { items })?
        .build()
        .await?;
    println!("tray host ready");
    std::future::pending::<()>().await;
    Ok(())
}
