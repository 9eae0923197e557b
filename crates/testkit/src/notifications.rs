//! A fake desktop notification server on a private D-Bus session bus.
//!
//! [`SessionBus`] starts a `dbus-daemon` of its own; [`FakeNotifications`]
//! serves `org.freedesktop.Notifications` on it, records every notification
//! it is shown, and its extra `Click(id)` method (or [`click`]) emits
//! `ActionInvoked(id, "default")`, as a desktop does when the user clicks.

#![allow(missing_docs)] // the zbus interface macro generates undocumented items

use serde::Serialize;
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use zbus::object_server::SignalEmitter;
use zbus::zvariant::OwnedValue;

/// Object path of the notification server.
pub const PATH: &str = "/org/freedesktop/Notifications";

/// A private session bus; the daemon is killed on drop.
pub struct SessionBus {
    child: Child,
    /// Its address, for `DBUS_SESSION_BUS_ADDRESS`.
    pub address: String,
}

impl SessionBus {
    /// Starts `dbus-daemon --session`; panics if it is not installed.
    pub fn start() -> Self {
        let mut child = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address"])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("dbus-daemon must be installed (package dbus): {e}"));
        let mut line = String::new();
        if let Some(out) = child.stdout.take() {
            let _ = BufReader::new(out).read_line(&mut line);
        }
        assert!(!line.trim().is_empty(), "dbus-daemon printed no address");
        SessionBus {
            child,
            address: line.trim().to_owned(),
        }
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One notification as the server was asked to show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shown {
    /// The id the server gave it.
    pub id: u32,
    /// The sending application's name.
    pub app: String,
    /// Title.
    pub summary: String,
    /// Text.
    pub body: String,
    /// Action keys and labels, alternating.
    pub actions: Vec<String>,
}

/// What the server has shown so far.
pub type ShownLog = Arc<Mutex<Vec<Shown>>>;

/// Called for every notification shown.
type OnShow = Box<dyn Fn(&Shown) + Send + Sync>;

/// The fake `org.freedesktop.Notifications`.
pub struct FakeNotifications {
    shown: ShownLog,
    on_show: Option<OnShow>,
}

impl FakeNotifications {
    /// A server recording into `shown`.
    pub fn new(shown: ShownLog) -> Self {
        Self {
            shown,
            on_show: None,
        }
    }

    /// Also calls `f` for every notification shown (the binary prints them).
    pub fn on_show(mut self, f: impl Fn(&Shown) + Send + Sync + 'static) -> Self {
        self.on_show = Some(Box::new(f));
        self
    }

    /// Serves this fake as `org.freedesktop.Notifications` on the bus at
    /// `address` (`None`: the session bus of the environment).
    pub async fn serve(self, address: Option<&str>) -> zbus::Result<zbus::Connection> {
        let builder = match address {
            Some(a) => zbus::connection::Builder::address(a)?,
            None => zbus::connection::Builder::session()?,
        };
        builder
            .name("org.freedesktop.Notifications")?
            .serve_at(PATH, self)?
            .build()
            .await
    }
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl FakeNotifications {
    #[allow(clippy::too_many_arguments)]
    async fn notify(
        &self,
        app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        _hints: HashMap<String, OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut shown = self.shown.lock().unwrap_or_else(|e| e.into_inner());
        let n = Shown {
            id: shown.len() as u32 + 1,
            app: app_name,
            summary,
            body,
            actions,
        };
        if let Some(f) = &self.on_show {
            f(&n);
        }
        let id = n.id;
        shown.push(n);
        id
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
}

/// Emits `ActionInvoked(id, "default")` from the server on `conn`.
pub async fn click(conn: &zbus::Connection, id: u32) -> zbus::Result<()> {
    let emitter = SignalEmitter::new(conn, PATH)?;
    FakeNotifications::action_invoked(&emitter, id, "default").await
}
