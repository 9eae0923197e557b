//! Start at login: the OS login item (a `.desktop` file in
//! `~/.config/autostart` on Linux, a LaunchAgent on macOS, the Run key on
//! Windows) that starts the app with `--minimized`.

use tauri_plugin_autostart::AutoLaunchManager;

/// The argument the login item passes.
pub const ARG: &str = "--minimized";

/// Makes the login item exist exactly when `enabled`.
pub fn apply(manager: &AutoLaunchManager, enabled: bool) {
    let now = manager.is_enabled().unwrap_or(false);
    if now == enabled {
        return;
    }
    let result = if enabled {
        manager.enable()
    } else {
        manager.disable()
    };
    match result {
        Ok(()) => tracing::info!(enabled, "start at login updated"),
        Err(e) => tracing::warn!(error = %e, enabled, "cannot update start at login"),
    }
}
