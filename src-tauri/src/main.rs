//! Cryptodesk desktop shell.
//!
//! Owns the window, the system tray and the bridge between the web UI and
//! `cryptodesk-service`: thin Tauri commands, and service events forwarded to
//! the UI. No business logic lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod autostart;
mod commands;
mod tray;
mod window;

use cryptodesk_service::host::Host;
use cryptodesk_service::{events, ipc, secrets, Config, Event};
use std::sync::Arc;
use tauri::{Emitter, Manager, RunEvent, WindowEvent};

fn init_logging(config: &Config) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    use tracing_subscriber::prelude::*;
    let filter = tracing_subscriber::EnvFilter::try_from_env("CRYPTODESK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let logs = config.data_dir.join("logs");
    let (file, guard) = match std::fs::create_dir_all(&logs) {
        Ok(()) => {
            let (w, g) = tracing_appender::non_blocking(tracing_appender::rolling::daily(
                logs,
                "cryptodesk.log",
            ));
            (
                Some(
                    tracing_subscriber::fmt::layer()
                        .with_ansi(false)
                        .with_writer(w),
                ),
                Some(g),
            )
        }
        Err(_) => (None, None),
    };
    tracing_subscriber::registry()
        .with(filter)
        .with(
            tracing_subscriber::fmt::layer()
                .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
                .with_writer(std::io::stderr),
        )
        .with(file)
        .init();
    guard
}

/// Shows a native error dialog: the app cannot start, why, and where the log is.
fn startup_failed(reason: &str, log_dir: Option<&std::path::Path>) {
    let log = log_dir.map_or_else(
        || "the log is printed to the terminal".to_owned(),
        |d| format!("Log files: {}", d.display()),
    );
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("Cryptodesk cannot start")
        .set_description(format!("{reason}\n\n{log}"))
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
}

/// When `main` began, for the start-up figures.
pub static PROCESS_START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// WebKitGTK's GPU compositing roughly doubles the web process's memory
/// (measured here: 213 MB → 118 MB PSS without it) for a UI that has no
/// use for it; `WEBKIT_DISABLE_COMPOSITING_MODE=0` brings it back. Set
/// before any thread exists.
fn prefer_lean_webview() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

fn main() -> std::process::ExitCode {
    PROCESS_START.get_or_init(std::time::Instant::now);
    prefer_lean_webview();
    // The keyring is read before any async runtime exists (its client blocks).
    let config = match Config::load(secrets::default_store().as_ref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("Cryptodesk cannot start: {e}");
            startup_failed(&e.to_string(), None);
            return std::process::ExitCode::FAILURE;
        }
    };
    let _log_guard = init_logging(&config);
    let log_dir = config.data_dir.join("logs");
    match run(config) {
        Ok(0) => std::process::ExitCode::SUCCESS,
        Ok(_) => std::process::ExitCode::FAILURE,
        Err(e) => {
            tracing::error!(error = %e, "cannot start");
            eprintln!("Cryptodesk cannot start: {e:#}");
            startup_failed(&format!("{e:#}"), Some(&log_dir));
            std::process::ExitCode::FAILURE
        }
    }
}

/// Runs the app; the exit code once it quits (1 after a start-up failure,
/// which it has already shown).
fn run(config: Config) -> anyhow::Result<i32> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    tauri::async_runtime::set(runtime.handle().clone());

    let tray_shown = tray::host_present();
    if !tray_shown {
        tracing::info!("no system tray host; closing the window will quit");
    }
    let args: Vec<String> = std::env::args().collect();
    let hidden = window::start_hidden(&args, config.start_minimized, tray_shown);
    let forwarding = tokio_util::sync::CancellationToken::new();

    // The single-instance plugin runs first: a second launch hands over to
    // the running app and exits before it opens the database or polls.
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            tracing::info!("second launch: focusing the running window");
            window::show(app);
        }))
        .plugin(
            // Size and position are kept; visibility is not, so a start in
            // the tray stays in the tray.
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(
                    tauri_plugin_window_state::StateFlags::all()
                        - tauri_plugin_window_state::StateFlags::VISIBLE,
                )
                .build(),
        )
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            Some(vec![autostart::ARG]),
        ))
        .invoke_handler(commands::handler())
        .setup({
            let forwarding = forwarding.clone();
            move |app| {
                use tauri_plugin_autostart::ManagerExt;
                let start_at_login = config.start_at_login;
                let log_dir = config.data_dir.join("logs");
                let started = tauri::async_runtime::block_on(Host::start(
                    config,
                    secrets::default_store(),
                    cryptodesk_service::config::config_file_path(),
                    std::env::vars().collect(),
                ));
                let host = match started {
                    Ok(host) => host,
                    Err(e) => {
                        // An unreachable database: an error dialog instead
                        // of the window, then leave.
                        use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
                        tracing::error!(error = %e, "cannot start");
                        eprintln!("Cryptodesk cannot start: {e}");
                        let handle = app.handle().clone();
                        app.dialog()
                            .message(format!("{e}\n\nLog files: {}", log_dir.display()))
                            .title("Cryptodesk cannot start")
                            .kind(MessageDialogKind::Error)
                            .show(move |_| handle.exit(1));
                        return Ok(());
                    }
                };
                app.manage(Arc::clone(&host));
                autostart::apply(&app.autolaunch(), start_at_login);
                tray::build(app.handle())?;
                if hidden {
                    tracing::info!("starting minimised to the tray");
                } else {
                    window::show(app.handle());
                }
                let handle = app.handle().clone();
                tauri::async_runtime::spawn(events::forward(
                    host.subscribe(),
                    events::PRICE_PERIOD,
                    forwarding,
                    move |e: Event| on_event(&handle, &e),
                ));
                Ok(())
            }
        })
        .on_window_event(move |window, event| {
            // Closing the window keeps the app running in the tray, when a
            // tray host shows the icon; without one, closing quits (a hidden
            // window could never be brought back).
            if let WindowEvent::CloseRequested { api, .. } = event {
                if tray_shown && window.app_handle().tray_by_id(tray::ID).is_some() {
                    api.prevent_close();
                    let _ = window.hide();
                }
            }
        })
        .build(tauri::generate_context!())?;
    let code = app.run_return(move |handle, event| {
        if let RunEvent::Exit = event {
            // Quit: stop the poller and wait for it, then close the pool.
            forwarding.cancel();
            if let Some(host) = handle.try_state::<Arc<Host>>() {
                tauri::async_runtime::block_on(host.stop());
                tracing::info!("quit: poller stopped and database closed");
            }
        }
    });
    Ok(code)
}

/// A service event: to the tray, to the OS (start at login), to the UI.
fn on_event(app: &tauri::AppHandle, e: &Event) {
    tray::on_event(app, e);
    match e {
        Event::Settings(s) => {
            use tauri_plugin_autostart::ManagerExt;
            autostart::apply(&app.autolaunch(), s.start_at_login);
        }
        Event::OpenAlert { .. } => window::show(app),
        _ => {}
    }
    if let Err(err) = app.emit(ipc::EVENT, e) {
        tracing::warn!(error = %err, "could not forward an event to the UI");
    }
}
