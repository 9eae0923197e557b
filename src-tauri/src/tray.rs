//! The system tray: Open, the last five fired alerts (a click opens that
//! alert in the window), Pause alerts for 1 hour / Resume, and Quit. The
//! tooltip shows the net worth and the state of the price feed.

use crate::window;
use cryptodesk_service::core::portfolio::Total3;
use cryptodesk_service::core::{AlertEvent, Currency};
use cryptodesk_service::host::Host;
use cryptodesk_service::{ipc, Event, FeedStatus};
use rust_decimal::Decimal;
use std::sync::{Arc, Mutex};
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Emitter, Manager};

/// Id of the app's tray icon.
pub const ID: &str = "cryptodesk";

/// How many fired alerts the menu lists.
const RECENT: usize = 5;

/// What the tray shows; kept as Tauri state and updated from service events.
#[derive(Default)]
pub struct TrayState {
    recent: Vec<AlertEvent>,
    /// The last valuation's total in each currency.
    net_worth: Option<Total3>,
    /// The currency the user chose to see totals in.
    display: Currency,
    feed: Option<FeedStatus>,
    /// The menu's first line (net worth and feed), updated in place.
    status: Option<MenuItem<tauri::Wry>>,
}

type Shared = Mutex<TrayState>;

/// `12345.678` in `c` → `$12,345.68`, `€12,345.68`, `12,345.68 Kč`
/// (presentation only).
fn money(d: Decimal, c: Currency) -> String {
    let text = d.round_dp(2).to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |r| ("-", r));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match c {
        Currency::Usd => format!("{sign}${grouped}.{frac:0<2}"),
        Currency::Eur => format!("{sign}€{grouped}.{frac:0<2}"),
        Currency::Czk => format!("{sign}{grouped}.{frac:0<2} Kč"),
    }
}

/// The net worth in the display currency, or in USD while its rate is unknown.
fn net_worth(state: &TrayState) -> Option<String> {
    let t = state.net_worth?;
    match t.get(state.display) {
        Some(v) => Some(money(v, state.display)),
        None => t.usd.map(|v| money(v, Currency::Usd)),
    }
}

fn status_line(state: &TrayState) -> String {
    let worth =
        net_worth(state).map_or_else(|| "net worth —".to_owned(), |v| format!("net worth {v}"));
    let feed = match &state.feed {
        None => "starting".to_owned(),
        Some(f) => match f.alerts_paused_until {
            Some(until) => format!(
                "alerts paused until {}",
                until.with_timezone(&chrono::Local).format("%H:%M")
            ),
            None if f.stale => "prices stale".to_owned(),
            None => "prices live".to_owned(),
        },
    };
    format!("{}{} · {feed}", worth[..1].to_uppercase(), &worth[1..])
}

fn tooltip(state: &TrayState) -> String {
    format!("Cryptodesk — {}", status_line(state))
}

fn menu(app: &AppHandle, state: &mut TrayState) -> tauri::Result<Menu<tauri::Wry>> {
    let menu = Menu::new(app)?;
    // Linux trays show no tooltip: the first line carries it.
    let summary = MenuItem::with_id(app, "summary", status_line(state), false, None::<&str>)?;
    menu.append(&summary)?;
    state.status = Some(summary);
    menu.append(&MenuItem::with_id(
        app,
        "open",
        "Open Cryptodesk",
        true,
        None::<&str>,
    )?)?;
    menu.append(&PredefinedMenuItem::separator(app)?)?;
    if state.recent.is_empty() {
        menu.append(&MenuItem::with_id(
            app,
            "none",
            "No alert has fired yet",
            false,
            None::<&str>,
        )?)?;
    }
    for e in &state.recent {
        let label = format!(
            "{} — {}",
            e.title(),
            e.triggered_at
                .with_timezone(&chrono::Local)
                .format("%d %b %H:%M")
        );
        menu.append(&MenuItem::with_id(
            app,
            format!("alert:{}", e.alert_id),
            label,
            true,
            None::<&str>,
        )?)?;
    }
    menu.append(&PredefinedMenuItem::separator(app)?)?;
    let paused = state
        .feed
        .as_ref()
        .is_some_and(|f| f.alerts_paused_until.is_some());
    if paused {
        menu.append(&MenuItem::with_id(
            app,
            "resume",
            "Resume alerts",
            true,
            None::<&str>,
        )?)?;
    } else {
        menu.append(&MenuItem::with_id(
            app,
            "pause",
            "Pause alerts for 1 hour",
            true,
            None::<&str>,
        )?)?;
    }
    menu.append(&MenuItem::with_id(app, "quit", "Quit", true, None::<&str>)?)?;
    Ok(menu)
}

/// Updates the status line and the tooltip in place (no rebuild, so an
/// open menu stays open).
fn refresh_status(app: &AppHandle) {
    let Some(tray) = app.tray_by_id(ID) else {
        return;
    };
    let Some(shared) = app.try_state::<Shared>() else {
        return;
    };
    let Ok(state) = shared.lock() else { return };
    if let Some(item) = &state.status {
        let _ = item.set_text(status_line(&state));
    }
    let _ = tray.set_tooltip(Some(tooltip(&state)));
}

/// Rebuilds the menu and the tooltip from the current state.
fn refresh(app: &AppHandle) {
    let Some(tray) = app.tray_by_id(ID) else {
        return;
    };
    let Some(shared) = app.try_state::<Shared>() else {
        return;
    };
    let Ok(mut state) = shared.lock() else { return };
    match menu(app, &mut state) {
        Ok(m) => {
            if let Err(e) = tray.set_menu(Some(m)) {
                tracing::warn!(error = %e, "cannot update the tray menu");
            }
        }
        Err(e) => tracing::warn!(error = %e, "cannot build the tray menu"),
    }
    let _ = tray.set_tooltip(Some(tooltip(&state)));
}

/// Applies a service event to what the tray shows.
pub fn on_event(app: &AppHandle, event: &Event) {
    let Some(shared) = app.try_state::<Shared>() else {
        return;
    };
    let rebuild = {
        let Ok(mut state) = shared.lock() else { return };
        match event {
            Event::AlertFired(e) => {
                state.recent.insert(0, e.clone());
                state.recent.truncate(RECENT);
                true
            }
            Event::Portfolio(v) => {
                state.net_worth = Some(v.total_value);
                false
            }
            Event::Feed(f) => {
                let paused_changed = state.feed.as_ref().map(|o| o.alerts_paused_until.is_some())
                    != Some(f.alerts_paused_until.is_some());
                state.feed = Some(f.clone());
                paused_changed
            }
            Event::Settings(s) => {
                state.display = s.display_currency;
                // Maybe another database: its alerts, read again.
                load_recent(app);
                false
            }
            _ => return,
        }
    };
    if rebuild {
        refresh(app);
    } else {
        refresh_status(app);
    }
}

/// Reads the last fired alerts from the store into the menu, keeping any
/// that fired meanwhile.
fn load_recent(app: &AppHandle) {
    let app = app.clone();
    let host = Arc::clone(&app.state::<Arc<Host>>());
    tauri::async_runtime::spawn(async move {
        match host.app().alert_history(RECENT as i64).await {
            Ok(stored) => {
                if let Ok(mut s) = app.state::<Shared>().lock() {
                    let mut merged = std::mem::take(&mut s.recent);
                    let known: Vec<i64> = merged.iter().map(|m| m.id).collect();
                    merged.extend(stored.into_iter().filter(|e| !known.contains(&e.id)));
                    merged.sort_by_key(|e| std::cmp::Reverse(e.triggered_at));
                    merged.truncate(RECENT);
                    s.recent = merged;
                }
                refresh(&app);
            }
            Err(e) => tracing::warn!(error = %e, "cannot read the alert history for the tray"),
        }
    });
}

fn on_menu(app: &AppHandle, id: &str) {
    let host = app.state::<Arc<Host>>();
    match id {
        "open" => window::show(app),
        "quit" => app.exit(0),
        "pause" | "resume" => {
            let service = host.app();
            let pause = id == "pause";
            tauri::async_runtime::spawn(async move {
                let done = if pause {
                    service.pause_alerts_for(60).await
                } else {
                    service.pause_alerts(None).await
                };
                if let Err(e) = done {
                    tracing::warn!(error = %e, "alerts not paused or resumed");
                }
            });
        }
        other => {
            if let Some(Ok(alert)) = other.strip_prefix("alert:").map(str::parse::<i64>) {
                window::show(app);
                let open = Event::OpenAlert {
                    alert_id: cryptodesk_service::core::AlertId(alert),
                };
                if let Err(e) = app.emit(ipc::EVENT, &open) {
                    tracing::warn!(error = %e, "cannot open the alert in the window");
                }
            }
        }
    }
}

/// Creates the tray icon, filled with the last fired alerts. Without a tray
/// host (a bare X server) this still succeeds and the app runs on without it.
pub fn build(app: &AppHandle) -> tauri::Result<()> {
    let mut initial = TrayState {
        display: app.state::<Arc<Host>>().app().config().display_currency,
        ..TrayState::default()
    };
    let first_menu = menu(app, &mut initial)?;
    let mut builder = TrayIconBuilder::with_id(ID)
        .tooltip(tooltip(&initial))
        .menu(&first_menu)
        .on_menu_event(|app, event| on_menu(app, event.id.as_ref()))
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                window::show(tray.app_handle());
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
    app.manage(Shared::new(initial));
    load_recent(app);
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

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn money_groups_and_rounds() {
        assert_eq!(money(dec!(48421.075), Currency::Usd), "$48,421.08");
        assert_eq!(money(dec!(0), Currency::Usd), "$0.00");
        assert_eq!(money(dec!(-1234567.5), Currency::Usd), "-$1,234,567.50");
        assert_eq!(money(dec!(999), Currency::Eur), "€999.00");
        assert_eq!(money(dec!(1013549.9419), Currency::Czk), "1,013,549.94 Kč");
    }

    #[test]
    fn the_tooltip_uses_the_display_currency() {
        let mut state = TrayState {
            net_worth: Some(Total3 {
                usd: Some(dec!(100)),
                eur: Some(dec!(86.2)),
                czk: None,
            }),
            display: Currency::Eur,
            ..TrayState::default()
        };
        assert!(
            tooltip(&state).contains("Net worth €86.20"),
            "{}",
            tooltip(&state)
        );
        state.display = Currency::Czk;
        assert!(
            tooltip(&state).contains("Net worth $100.00"),
            "no CZK rate yet: USD"
        );
    }
}
