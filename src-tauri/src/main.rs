//! Cryptodesk desktop shell.
//!
//! Owns the window, the system tray and the bridge between the web UI and
//! `cryptodesk-service`: thin Tauri commands, and service events forwarded to
//! the UI. No business logic lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod tray;

use cryptodesk_service::{secrets, App, Config, Event};
use std::sync::Arc;
use tauri::{Emitter, Manager, WindowEvent};

/// Name of the one event channel the UI listens on.
pub const EVENT: &str = "cryptodesk://event";

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

fn main() -> anyhow::Result<()> {
    // The keyring is read before any async runtime exists (its client blocks).
    let config = Config::load(secrets::default_store().as_ref())?;
    let _log_guard = init_logging(&config);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    tauri::async_runtime::set(runtime.handle().clone());

    let service = runtime.block_on(App::start(config)).map_err(|e| {
        tracing::error!(error = %e, "cannot start");
        anyhow::anyhow!("Cryptodesk cannot start: {e}")
    })?;
    let _poller = {
        let _enter = runtime.enter();
        service.spawn_poller()
    };

    let tray_shown = tray::host_present();
    if !tray_shown {
        tracing::info!("no system tray host; closing the window will quit");
    }

    tauri::Builder::default()
        .manage(Arc::clone(&service))
        .invoke_handler(tauri::generate_handler![
            commands::portfolio,
            commands::add_holding,
            commands::remove_holding,
            commands::alerts,
            commands::add_alert,
            commands::remove_alert,
            commands::alert_history,
            commands::feed_status,
            commands::refresh_prices,
        ])
        .setup(move |app| {
            tray::build(app.handle())?;
            let handle = app.handle().clone();
            let mut events = service.subscribe();
            tauri::async_runtime::spawn(async move {
                loop {
                    match events.recv().await {
                        Ok(e) => {
                            if let Event::AlertFired(ev) = &e {
                                tray::show_last_alert(&handle, &ev.title());
                            }
                            if let Err(err) = handle.emit(EVENT, &e) {
                                tracing::warn!(error = %err, "could not forward an event to the UI");
                            }
                        }
                        Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                            tracing::debug!(skipped = n, "UI event forwarder lagged");
                        }
                        Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
                    }
                }
            });
            Ok(())
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
        .run(tauri::generate_context!("../tauri.conf.json"))?;
    Ok(())
}
