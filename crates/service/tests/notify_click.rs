//! A native notification for a fired alert can be clicked: on a private
//! D-Bus session bus, a fake notification server records the notification
//! (with its `default` action) and then sends `ActionInvoked`, as a desktop
//! does on a click; the notifier turns that into `Event::OpenAlert`.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use cryptodesk_service::core::{AlertEvent, AlertId, AlertKind, Symbol};
use cryptodesk_service::notify::{DesktopNotifier, Notifier};
use cryptodesk_service::Event;
use cryptodesk_testkit::notifications::{click, FakeNotifications, SessionBus, ShownLog};
use std::time::Duration;
use tokio::sync::broadcast;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clicking_an_alert_notification_opens_the_alert() {
    let bus = SessionBus::start();
    // This test is alone in its process: notify-rust finds the bus here.
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &bus.address);
    let shown = ShownLog::default();
    let server = FakeNotifications::new(shown.clone())
        .serve(Some(&bus.address))
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
        rule: None,
    };
    notifier.notify(&event).await.unwrap();
    let first = shown.lock().unwrap()[0].clone();
    assert_eq!(first.summary, "BTC above 100000");
    assert!(first.actions.contains(&"default".to_owned()), "{first:?}");

    // Let the notifier subscribe to the signal, then click.
    tokio::time::sleep(Duration::from_millis(300)).await;
    click(&server, first.id).await.unwrap();
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
}
