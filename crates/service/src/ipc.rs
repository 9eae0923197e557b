//! The IPC contract between the desktop shell and the web UI: the one list
//! of commands (name, arguments, result), the event channel, and the
//! TypeScript bindings generated from the Rust types.
//!
//! The shell registers exactly the commands of [`ipc_commands!`] and the UI
//! calls them through the generated `Commands` map, so neither spells a name
//! by hand. `cargo test -p cryptodesk-service --test bindings` fails when the
//! committed `ui/src/lib/backend/bindings.ts` differs from [`typescript`].

use crate::about::About;
use crate::chart::{Chart, ChartCandle, ChartIndicators, ChartInterval, ChartRequest};
use crate::config::Theme;
use crate::history::{BackfillProgress, BackfillSummary, SymbolBackfill};
use crate::imports::{ImportReport, PreviewRow};
use crate::markets::ListedAsset;
use crate::perf::PerfReport;
use crate::settings::{ConnectionReport, Settings, SettingsInput};
use crate::stats::MarketStat;
use crate::{ErrorBody, ErrorCode, Event, FeedStatus, TrackedPrice};
use cryptodesk_core::fx::{DatedRates, FxRates, LatestRates};
use cryptodesk_core::imports::{RowError, Source};
use cryptodesk_core::lots::Method;
use cryptodesk_core::portfolio::{
    Allocation, AssetSummary, Figures, Summary, Total3, Transaction, TxKind, Valuation,
    ValuedHolding,
};
use cryptodesk_core::{
    Alert, AlertEvent, AlertId, AlertInput, AlertKind, Currency, Holding, HoldingId, HoldingInput,
    Sale, SaleId, SaleInput, Symbol,
};
use std::marker::PhantomData;
use ts_rs::{Config, TS};

/// Name of the one event channel the shell emits [`Event`]s on.
pub const EVENT: &str = "cryptodesk://event";

/// Calls `$callback!` with every IPC command as
/// `module::name(arg: Type, ...) -> Result;`, where `module` is the shell's
/// command module. The shell builds its handler from it and
/// [`typescript`] the UI's `Commands` map, so the two cannot drift.
///
/// A per-call progress argument is written `Channel<T>` without a path, on
/// purpose: it names whatever `Channel` is in scope where the list is
/// expanded, `tauri::ipc::Channel` in the shell and [`Channel`] (a callback
/// in TypeScript) here.
#[macro_export]
macro_rules! ipc_commands {
    ($callback:ident) => {
        $callback! {
            portfolio::portfolio() -> $crate::core::portfolio::Valuation;
            portfolio::add_holding(input: $crate::core::HoldingInput) -> $crate::core::Holding;
            portfolio::update_holding(id: $crate::core::HoldingId, input: $crate::core::HoldingInput) -> $crate::core::Holding;
            portfolio::remove_holding(id: $crate::core::HoldingId) -> ();
            portfolio::portfolio_with(method: $crate::core::lots::Method) -> $crate::core::portfolio::Valuation;
            portfolio::portfolio_summary(method: $crate::core::lots::Method) -> $crate::core::portfolio::Summary;
            portfolio::transactions() -> Vec<$crate::core::portfolio::Transaction>;
            portfolio::sell(input: $crate::core::SaleInput) -> $crate::core::Sale;
            portfolio::remove_sale(id: $crate::core::SaleId) -> ();
            portfolio::import_transactions(text: String, source: Option<$crate::core::imports::Source>, dry_run: bool, skip_invalid: bool) -> $crate::imports::ImportReport;
            portfolio::export_transactions() -> String;
            alerts::alerts() -> Vec<$crate::core::Alert>;
            alerts::add_alert(input: $crate::core::AlertInput) -> $crate::core::Alert;
            alerts::update_alert(id: $crate::core::AlertId, input: $crate::core::AlertInput) -> $crate::core::Alert;
            alerts::set_alert_active(id: $crate::core::AlertId, active: bool) -> $crate::core::Alert;
            alerts::snooze_alert(id: $crate::core::AlertId, minutes: u32) -> $crate::core::Alert;
            alerts::remove_alert(id: $crate::core::AlertId) -> ();
            alerts::alert_history() -> Vec<$crate::core::AlertEvent>;
            alerts::replay_alert(request: $crate::replay::ReplayRequest) -> $crate::replay::ReplayReport;
            alerts::pause_alerts(minutes: u32) -> $crate::FeedStatus;
            alerts::resume_alerts() -> $crate::FeedStatus;
            status::feed_status() -> $crate::FeedStatus;
            status::refresh_prices() -> ();
            status::tracked_prices() -> Vec<$crate::TrackedPrice>;
            status::performance() -> $crate::perf::PerfReport;
            status::first_paint(ms: f64) -> ();
            settings::settings() -> $crate::settings::Settings;
            settings::save_settings(input: $crate::settings::SettingsInput) -> $crate::settings::Settings;
            settings::test_database(url: String) -> $crate::settings::ConnectionReport;
            settings::test_redis(url: String) -> $crate::settings::ConnectionReport;
            settings::send_test_notification() -> ();
            settings::about() -> $crate::about::About;
            market::market_stats() -> Vec<$crate::stats::MarketStat>;
            market::search_symbols(query: String) -> Vec<$crate::markets::ListedAsset>;
            market::tracked_symbols() -> Vec<$crate::core::Symbol>;
            market::track_symbol(symbol: $crate::core::Symbol) -> ();
            market::untrack_symbol(symbol: $crate::core::Symbol) -> ();
            market::chart(request: $crate::chart::ChartRequest) -> $crate::chart::Chart;
            market::backfill(symbol: $crate::core::Symbol, interval: $crate::chart::ChartInterval, days: u32, on_progress: Channel<$crate::history::BackfillProgress>) -> $crate::history::BackfillSummary;
        }
    };
}

/// A per-call progress channel as the UI sees it: a callback taking each
/// message. The shell's commands take `tauri::ipc::Channel<T>` in its place
/// and the UI's backend wraps the callback in one.
pub struct Channel<T>(PhantomData<T>);

impl<T: TS + 'static> TS for Channel<T> {
    type WithoutGenerics = Channel<ts_rs::Dummy>;
    type OptionInnerType = Self;

    fn name(cfg: &Config) -> String {
        format!("(message: {}) => void", T::name(cfg))
    }

    fn inline(cfg: &Config) -> String {
        Self::name(cfg)
    }
}

/// Tauri passes arguments under their camelCase names.
fn camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

macro_rules! commands_map {
    ($( $module:ident :: $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty ; )*) => {{
        let cfg = ts_cfg();
        let mut map = String::from("/** Every command the UI may call: its arguments and its result. */\nexport type Commands = {\n");
        let mut names = Vec::new();
        $(
            let args: Vec<String> = vec![$(format!("{}: {}", camel(stringify!($arg)), <$ty as TS>::name(&cfg))),*];
            map.push_str(&format!(
                "  {}: {{ args: {{ {} }}; result: {} }};\n",
                stringify!($name),
                args.join("; "),
                <$ret as TS>::name(&cfg),
            ));
            names.push(format!("\"{}\"", stringify!($name)));
        )*
        map.push_str("};\n\n/** The command names, in the shell's order. */\n");
        map.push_str(&format!("export const COMMANDS = [{}] as const;\n", names.join(", ")));
        map
    }};
}

fn ts_cfg() -> Config {
    Config::new().with_large_int("number")
}

fn declare<T: TS>(cfg: &Config, out: &mut String) {
    if let Some(docs) = T::docs() {
        out.push_str(&docs);
    }
    out.push_str("export ");
    out.push_str(&T::decl(cfg));
    out.push_str("\n\n");
}

/// The whole `bindings.ts`: every type that crosses IPC, the event channel,
/// the closed error codes and the command map.
pub fn typescript() -> String {
    let cfg = ts_cfg();
    let mut out = String::from(
        "// Generated from the Rust types by `cargo test -p cryptodesk-service --test bindings`.\n\
         // Do not edit: change the Rust types, then run it with UPDATE_BINDINGS=1.\n\n",
    );
    declare::<Symbol>(&cfg, &mut out);
    declare::<HoldingId>(&cfg, &mut out);
    declare::<AlertId>(&cfg, &mut out);
    declare::<Currency>(&cfg, &mut out);
    declare::<AlertKind>(&cfg, &mut out);
    declare::<cryptodesk_core::rules::Repeat>(&cfg, &mut out);
    declare::<crate::replay::ReplayRequest>(&cfg, &mut out);
    declare::<crate::replay::ReplayFire>(&cfg, &mut out);
    declare::<crate::replay::ReplayReport>(&cfg, &mut out);
    declare::<HoldingInput>(&cfg, &mut out);
    declare::<Holding>(&cfg, &mut out);
    declare::<FxRates>(&cfg, &mut out);
    declare::<DatedRates>(&cfg, &mut out);
    declare::<LatestRates>(&cfg, &mut out);
    declare::<Method>(&cfg, &mut out);
    declare::<ValuedHolding>(&cfg, &mut out);
    declare::<Total3>(&cfg, &mut out);
    declare::<Allocation>(&cfg, &mut out);
    declare::<Valuation>(&cfg, &mut out);
    declare::<SaleId>(&cfg, &mut out);
    declare::<SaleInput>(&cfg, &mut out);
    declare::<Sale>(&cfg, &mut out);
    declare::<TxKind>(&cfg, &mut out);
    declare::<Transaction>(&cfg, &mut out);
    declare::<Figures>(&cfg, &mut out);
    declare::<AssetSummary>(&cfg, &mut out);
    declare::<Summary>(&cfg, &mut out);
    declare::<Source>(&cfg, &mut out);
    declare::<RowError>(&cfg, &mut out);
    declare::<PreviewRow>(&cfg, &mut out);
    declare::<ImportReport>(&cfg, &mut out);
    declare::<AlertInput>(&cfg, &mut out);
    declare::<Alert>(&cfg, &mut out);
    declare::<AlertEvent>(&cfg, &mut out);
    declare::<FeedStatus>(&cfg, &mut out);
    declare::<TrackedPrice>(&cfg, &mut out);
    declare::<PerfReport>(&cfg, &mut out);
    declare::<Theme>(&cfg, &mut out);
    declare::<Settings>(&cfg, &mut out);
    declare::<SettingsInput>(&cfg, &mut out);
    declare::<ConnectionReport>(&cfg, &mut out);
    declare::<About>(&cfg, &mut out);
    declare::<MarketStat>(&cfg, &mut out);
    declare::<ListedAsset>(&cfg, &mut out);
    declare::<ChartInterval>(&cfg, &mut out);
    declare::<ChartRequest>(&cfg, &mut out);
    declare::<ChartCandle>(&cfg, &mut out);
    declare::<ChartIndicators>(&cfg, &mut out);
    declare::<Chart>(&cfg, &mut out);
    declare::<BackfillProgress>(&cfg, &mut out);
    declare::<SymbolBackfill>(&cfg, &mut out);
    declare::<BackfillSummary>(&cfg, &mut out);
    declare::<ErrorCode>(&cfg, &mut out);
    declare::<ErrorBody>(&cfg, &mut out);
    declare::<Event>(&cfg, &mut out);
    out.push_str(&format!(
        "/** Name of the one event channel the backend emits `Event`s on. */\nexport const EVENT = \"{EVENT}\";\n\n"
    ));
    let codes: Vec<String> = ErrorCode::ALL
        .iter()
        .map(|c| format!("\"{}\"", c.as_str()))
        .collect();
    out.push_str(&format!(
        "/** Every error code the backend sends (a closed set). */\nexport const ERROR_CODES = [{}] as const;\n\n",
        codes.join(", ")
    ));
    out.push_str(&ipc_commands!(commands_map));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_names() {
        assert_eq!(camel("id"), "id");
        assert_eq!(camel("alert_id"), "alertId");
    }

    #[test]
    fn every_error_code_is_listed_with_its_wire_name() {
        for c in ErrorCode::ALL {
            let wire = serde_json::to_value(c).unwrap_or_default();
            assert_eq!(wire, serde_json::Value::from(c.as_str()));
        }
    }
}
