//! The main window: showing it, and whether to show it at start.

use tauri::{AppHandle, Manager};

/// Label of the main window.
pub const MAIN: &str = "main";

/// Shows, unminimises and focuses the main window.
pub fn show(app: &AppHandle) {
    if let Some(w) = app.get_webview_window(MAIN) {
        let _ = w.show();
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
}

/// Whether the app starts hidden in the tray: asked for (`--minimized`, as
/// the login item passes, or the setting) and possible (a tray host shows
/// the icon, so the window can be brought back).
pub fn start_hidden(args: &[String], setting: bool, tray_shown: bool) -> bool {
    tray_shown && (setting || args.iter().any(|a| a == "--minimized"))
}

#[cfg(test)]
mod tests {
    use super::start_hidden;

    #[test]
    fn hidden_only_with_a_tray() {
        let min = vec!["--minimized".to_owned()];
        assert!(start_hidden(&min, false, true));
        assert!(start_hidden(&[], true, true));
        assert!(!start_hidden(&min, true, false));
        assert!(!start_hidden(&[], false, true));
    }
}
