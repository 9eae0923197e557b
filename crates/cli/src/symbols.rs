//! `symbols` (the exchange's catalogue of pairs) and `track` (assets watched
//! without being held or alerted on).

use crate::output::{self, Format};
use clap::Subcommand;
use cryptodesk_service::core::{Symbol, ValidationError};
use cryptodesk_service::App;
use std::sync::Arc;

/// `cryptodesk symbols ...`
#[derive(Subcommand)]
pub enum SymbolsCmd {
    /// Fetch the exchange's list of pairs (one request) into the database.
    Sync {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Assets listed against USDT whose ticker starts with TEXT.
    Search {
        /// The start of a ticker, e.g. BT.
        text: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

/// `cryptodesk track ...`
#[derive(Subcommand)]
pub enum TrackCmd {
    /// Watch an asset: the collector prices it and stores its candles.
    Add {
        /// Asset ticker, e.g. BTC.
        symbol: String,
    },
    /// Stop watching an asset explicitly (holdings and alerts still watch theirs).
    Remove {
        /// Asset ticker.
        symbol: String,
    },
    /// Every watched asset and what watches it.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

/// Runs a `symbols` command.
pub async fn run_symbols(app: &Arc<App>, cmd: SymbolsCmd) -> anyhow::Result<()> {
    match cmd {
        SymbolsCmd::Sync { format } => {
            let sync = app.sync_symbols().await?;
            match format {
                Format::Json => output::json(&sync)?,
                Format::Table => println!(
                    "stored {} pairs from the exchange: {} quoted in USDT, {} of them trading",
                    sync.pairs, sync.usdt_pairs, sync.tradable
                ),
            }
        }
        SymbolsCmd::Search { text, format } => {
            let found = app.search_symbols(&text).await?;
            match format {
                Format::Json => output::json(&found)?,
                Format::Table if found.is_empty() => {
                    eprintln!("no USDT pair's asset starts with {:?}", text.trim())
                }
                Format::Table => output::table(
                    &["symbol", "pair", "status", "tradable", "watched"],
                    found
                        .iter()
                        .map(|a| {
                            vec![
                                a.symbol.to_string(),
                                a.pair.clone(),
                                a.status.clone(),
                                yes_no(a.tradable),
                                yes_no(a.watched),
                            ]
                        })
                        .collect(),
                ),
            }
        }
    }
    Ok(())
}

/// Runs a `track` command.
pub async fn run_track(app: &Arc<App>, cmd: TrackCmd) -> anyhow::Result<()> {
    match cmd {
        TrackCmd::Add { symbol } => {
            let symbol = Symbol::parse(&symbol)?;
            app.track_symbol(&symbol).await?;
            crate::output::note_unverified(app, &symbol).await;
            eprintln!("tracking {symbol}");
        }
        TrackCmd::Remove { symbol } => {
            let symbol = Symbol::parse(&symbol)?;
            if !app.tracked_symbols().await?.contains(&symbol) {
                return Err(ValidationError::new(
                    "symbol",
                    format!("{symbol} is not tracked (`track list` shows what is)"),
                )
                .into());
            }
            app.untrack_symbol(&symbol).await?;
            let still = app
                .watch_list()
                .await?
                .into_iter()
                .find(|w| w.symbol == symbol);
            match still {
                Some(w) => eprintln!(
                    "{symbol} is no longer tracked on its own; it stays watched for its {}",
                    if w.held { "holdings" } else { "alerts" }
                ),
                None => eprintln!("stopped tracking {symbol}"),
            }
        }
        TrackCmd::List { format } => {
            let list = app.watch_list().await?;
            match format {
                Format::Json => output::json(&list)?,
                Format::Table => output::table(
                    &["symbol", "tracked", "held", "alerted"],
                    list.iter()
                        .map(|w| {
                            vec![
                                w.symbol.to_string(),
                                yes_no(w.tracked),
                                yes_no(w.held),
                                yes_no(w.alerted),
                            ]
                        })
                        .collect(),
                ),
            }
        }
    }
    Ok(())
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_owned()
}
