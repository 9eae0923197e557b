//! The system tray icon: Open and Quit, and the last alert in its tooltip.

use tauri::menu::{Menu, MenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager};

/// Id of the app's tray icon.
pub const ID: &str = "cryptodesk";

/// Shows, unminimises and focuses the main window.
pub fn show_main(app: &AppHandle) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.show();
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
}

/// Creates the tray icon. Without a tray host (a bare X server) this still
/// succeeds and the app runs on without it.
pub fn build(app: &AppHandle) -> tauri::Result<()> {
    let open = MenuItem::with_id(app, "open", "Open Cryptodesk", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "Quit", true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&open, &quit])?;
    let mut builder = TrayIconBuilder::with_id(ID)
        .tooltip("Cryptodesk")
        .menu(&menu)
        .on_menu_event(|app, event| match event.id.as_ref() {
            "open" => show_main(app),
            "quit" => app.exit(0),
            _ => {}
        })
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                show_main(tray.app_handle());
            }
        });
    match tauri::image::Image::from_bytes(include_bytes!("../../icons/tray.png")) {
        Ok(icon) => builder = builder.icon(icon),
        Err(e) => {
            tracing::warn!(error = %e, "tray icon unreadable; using the window icon");
            if let Some(icon) = app.default_window_icon() {
                builder = builder.icon(icon.clone());
            }
        }
    }
    builder.build(app)?;
    Ok(())
}

/// Whether a tray host will show the icon. On Linux the icon is an
/// AppIndicator, shown only when a StatusNotifierWatcher owns its D-Bus name
/// (KDE, most panels; GNOME only with the AppIndicator extension). Elsewhere
/// the OS always has a tray.
pub fn host_present() -> bool {
    #[cfg(target_os = "linux")]
    {
        let owned = zbus::blocking::Connection::session().and_then(|c| {
            let dbus = zbus::blocking::fdo::DBusProxy::new(&c)?;
            let name = zbus::names::BusName::try_from("org.kde.StatusNotifierWatcher")
                .map_err(zbus::Error::from)?;
            Ok(dbus.name_has_owner(name)?)
        });
        match owned {
            Ok(present) => present,
            Err(e) => {
                tracing::debug!(error = %e, "cannot ask the session bus for a tray host");
                false
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        true
    }
}

/// Puts the last fired alert in the tray tooltip.
pub fn show_last_alert(app: &AppHandle, title: &str) {
    if let Some(tray) = app.tray_by_id(ID) {
        let _ = tray.set_tooltip(Some(format!("Cryptodesk — last alert: {title}")));
    }
}
