//! The system tray icon: Open and Quit, and the last alert in its tooltip.

use tauri::menu::{Menu, MenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager};

/// Id of the app's tray icon.
pub const ID: &str = "cryptodesk";

fn show_main(app: &AppHandle) {
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

/// Puts the last fired alert in the tray tooltip.
pub fn show_last_alert(app: &AppHandle, title: &str) {
    if let Some(tray) = app.tray_by_id(ID) {
        let _ = tray.set_tooltip(Some(format!("Cryptodesk — last alert: {title}")));
    }
}
