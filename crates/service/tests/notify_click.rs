//! A native notification for a fired alert can be clicked: on a private
//! D-Bus session bus, a fake notification server records the notification
//! (with its `default` action) and then sends `ActionInvoked`, as a desktop
//! does on a click; the notifier turns that into `Event::OpenAlert`.

#![allow(clippy::unwrap_used)] // tests fail loudly by design
#![allow(missing_docs)] // the zbus interface macro generates undocumented items

use cryptodesk_service::core::{AlertEvent, AlertId, AlertKind, Symbol};
use cryptodesk_service::notify::{DesktopNotifier, Notifier};
use cryptodesk_service::Event;
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::broadcast;
use zbus::object_server::SignalEmitter;

type Shown = Arc<Mutex<Vec<(u32, String, Vec<String>)>>>;

struct Notifications {
    shown: Shown,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Notifications {
    #[allow(clippy::too_many_arguments)]
    async fn notify(
        &self,
        _app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        _body: String,
        actions: Vec<String>,
        _hints: HashMap<String, zbus::zvariant::OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut shown = self.shown.lock().unwrap();
        let id = shown.len() as u32 + 1;
        shown.push((id, summary, actions));
        id
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["body".into(), "actions".into()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        ("fake".into(), "tests".into(), "1".into(), "1.2".into())
    }

    fn close_notification(&self, _id: u32) {}

    #[zbus(signal)]
    async fn action_invoked(emitter: &SignalEmitter<'_>, id: u32, action: &str)
        -> zbus::Result<()>;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clicking_an_alert_notification_opens_the_alert() {
    let mut bus = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("dbus-daemon must be installed");
    let mut address = String::new();
    BufReader::new(bus.stdout.take().unwrap())
        .read_line(&mut address)
        .unwrap();
    let address = address.trim().to_owned();
    // This test is alone in its process: notify-rust finds the bus here.
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &address);

    let shown: Shown = Arc::default();
    let server = zbus::connection::Builder::address(address.as_str())
        .unwrap()
        .name("org.freedesktop.Notifications")
        .unwrap()
        .serve_at(
            "/org/freedesktop/Notifications",
            Notifications {
                shown: shown.clone(),
            },
        )
        .unwrap()
        .build()
        .await
        .unwrap();

    let (tx, mut rx) = broadcast::channel(16);
    let notifier = DesktopNotifier::new(Some(tx));
    let event = AlertEvent {
        id: 7,
        alert_id: AlertId(42),
        symbol: Symbol::parse("BTC").unwrap(),
        triggered_price: rust_decimal::Decimal::new(1005005, 1),
        threshold_price: rust_decimal::Decimal::new(100000, 0),
        alert_type: AlertKind::Above,
        message: None,
        triggered_at: chrono::Utc::now(),
    };
    notifier.notify(&event).await.unwrap();
    let (id, summary, actions) = shown.lock().unwrap()[0].clone();
    assert_eq!(summary, "BTC above 100000");
    assert!(actions.contains(&"default".to_owned()), "{actions:?}");

    // Let the notifier subscribe to the signal, then click.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let emitter = SignalEmitter::new(&server, "/org/freedesktop/Notifications").unwrap();
    Notifications::action_invoked(&emitter, id, "default")
        .await
        .unwrap();
    let got = tokio::time::timeout(Duration::from_secs(5), rx.recv())
        .await
        .expect("the click arrives")
        .unwrap();
    assert!(
        matches!(
            got,
            Event::OpenAlert {
                alert_id: AlertId(42)
            }
        ),
        "{got:?}"
    );
    let _ = bus.kill();
    let _ = bus.wait();
}
