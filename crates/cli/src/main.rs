//! `cryptodesk`: the headless Cryptodesk for servers and scripts.
//!
//! A thin adapter over `cryptodesk-service` (portfolio, alerts, collector,
//! database) and the pure engines of `cryptodesk-core` (indicators,
//! backtests). Parses arguments, prints tables or JSON, maps errors to exit
//! codes. No business logic lives here.

mod analysis;
mod history;
mod output;
mod portfolio;
mod replay;
mod rule_args;
mod symbols;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use cryptodesk_service::core::{alert_message, AlertId, NewAlert, Symbol, ValidationError};
use cryptodesk_service::secrets::{self, Keyring, SecretStore};
use cryptodesk_service::{App, Config};
use output::Format;
use std::io::Read;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "cryptodesk",
    version = cryptodesk_service::about::VERSION_LINE,
    about = "Crypto portfolio, price alerts and backtests, headless"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Holdings, sales, lots and P&L in USD, EUR and CZK.
    #[command(subcommand)]
    Portfolio(portfolio::PortfolioCmd),
    /// FX rates (USD, EUR, CZK).
    #[command(subcommand)]
    Fx(portfolio::FxCmd),
    /// Price alerts: add, list, remove, history.
    #[command(subcommand)]
    Alerts(AlertsCmd),
    /// Poll prices, evaluate alerts and notify (until Ctrl-C, or once).
    Collect {
        /// One poll, then exit.
        #[arg(long)]
        once: bool,
    },
    /// Market statistics of the tracked symbols, from stored candles.
    #[command(subcommand)]
    Market(MarketCmd),
    /// The exchange's catalogue of pairs: sync, search.
    #[command(subcommand)]
    Symbols(symbols::SymbolsCmd),
    /// Assets watched without a holding or an alert: add, remove, list.
    #[command(subcommand)]
    Track(symbols::TrackCmd),
    /// Price history: backfill from the exchange, export, status.
    #[command(subcommand)]
    History(history::HistoryCmd),
    /// Database migrations.
    #[command(subcommand)]
    Db(DbCmd),
    /// Show the effective configuration (secrets redacted) and where it is read from.
    #[command(subcommand)]
    Config(ConfigCmd),
    /// Secrets in the OS keyring (database-password, redis-password, telegram-bot-token).
    #[command(subcommand)]
    Secrets(SecretsCmd),
    /// Indicator columns for a candle CSV.
    Indicators(analysis::IndicatorsArgs),
    /// Backtest a strategy on candle CSVs (one run, or a parameter grid).
    Backtest(analysis::BacktestArgs),
    /// Write deterministic synthetic hourly candles as CSV (benchmarks, comparisons).
    #[command(hide = true)]
    SynthCandles(analysis::SynthArgs),
}

#[derive(Subcommand)]
enum AlertsCmd {
    /// Add an alert: one rule KIND, its FREQUENCY and an expiry.
    Add {
        /// Asset ticker, e.g. BTC.
        #[arg(long)]
        symbol: String,
        /// The rule.
        #[command(flatten)]
        rule: rule_args::RuleArgs,
        /// Text shown in the notification.
        #[arg(long)]
        message: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// List alerts (active ones unless --all).
    List {
        /// Include alerts that already fired.
        #[arg(long)]
        all: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Change an alert: what is not given stays as it is.
    Edit {
        /// Alert id.
        id: i64,
        /// Asset ticker.
        #[arg(long)]
        symbol: Option<String>,
        /// The rule's new kind, frequency or expiry.
        #[command(flatten)]
        rule: rule_args::RuleArgs,
        /// Text shown in the notification (empty to clear it).
        #[arg(long)]
        message: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Snooze an alert: no fire and no notification for DURATION.
    Snooze {
        /// Alert id.
        id: i64,
        /// How long: 90s, 15m, 1h, 2d.
        #[arg(long = "for", value_name = "DURATION")]
        duration: String,
    },
    /// Pause every alert for DURATION (the app and every collector on this
    /// database).
    Pause {
        /// How long: 90s, 15m, 1h, 2d.
        #[arg(long = "for", value_name = "DURATION")]
        duration: String,
    },
    /// End a pause.
    Resume,
    /// Arm an alert again (also one that fired).
    Enable {
        /// Alert id.
        id: i64,
    },
    /// Switch an alert off without deleting it.
    Disable {
        /// Alert id.
        id: i64,
    },
    /// Remove an alert by id.
    Remove {
        /// Alert id.
        id: i64,
    },
    /// How often a rule would have fired over a candle file or stored
    /// history (the live engine's semantics).
    Replay(Box<replay::ReplayArgs>),
    /// Fired alerts, newest first.
    History {
        /// At most this many.
        #[arg(long, default_value_t = 100)]
        limit: i64,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Subcommand)]
enum MarketCmd {
    /// Per tracked symbol: price, 24 h and 7 d change, 24 h high, low and volume.
    Stats {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Subcommand)]
enum DbCmd {
    /// Apply pending migrations.
    Migrate,
    /// The database in use, its version, and which migrations are applied
    /// (read without migrating).
    Status {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Copy every table into another database (postgres://… or sqlite://…),
    /// then compare row counts and checksums per table.
    Copy {
        /// The target database URL; it is created and migrated if need be.
        #[arg(long)]
        to: String,
        /// Add to a target that already holds rows (rows it has are skipped).
        #[arg(long)]
        append: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Subcommand)]
enum ConfigCmd {
    /// Print every setting with its effective value.
    Show,
}

#[derive(Subcommand)]
enum SecretsCmd {
    /// Store a secret read from standard input.
    Set {
        /// database-password, redis-password or telegram-bot-token.
        #[arg(value_enum)]
        name: SecretName,
    },
    /// Delete a stored secret.
    Delete {
        /// database-password, redis-password or telegram-bot-token.
        #[arg(value_enum)]
        name: SecretName,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum SecretName {
    DatabasePassword,
    RedisPassword,
    TelegramBotToken,
}

impl SecretName {
    fn as_str(self) -> &'static str {
        match self {
            SecretName::DatabasePassword => "database-password",
            SecretName::RedisPassword => "redis-password",
            SecretName::TelegramBotToken => "telegram-bot-token",
        }
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("CRYPTODESK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .init();
}

fn main() -> ExitCode {
    init_logging();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Indicators(args) => return analysis::indicators(args),
        Command::Backtest(args) => return analysis::backtest(args),
        Command::SynthCandles(args) => return analysis::synth(args),
        Command::Secrets(cmd) => {
            return match cmd {
                SecretsCmd::Set { name } => {
                    let mut value = String::new();
                    std::io::stdin()
                        .read_to_string(&mut value)
                        .context("reading the secret from stdin")?;
                    let value = value.trim_end_matches(['\r', '\n']);
                    anyhow::ensure!(!value.is_empty(), "the secret read from stdin is empty");
                    Keyring.set(name.as_str(), value)?;
                    eprintln!("stored {} in the OS keyring", name.as_str());
                    Ok(ExitCode::SUCCESS)
                }
                SecretsCmd::Delete { name } => {
                    Keyring.delete(name.as_str())?;
                    eprintln!("deleted {} from the OS keyring", name.as_str());
                    Ok(ExitCode::SUCCESS)
                }
            }
        }
        Command::Alerts(AlertsCmd::Replay(ref a)) => {
            // A bad rule is refused before anything is read.
            a.rule_check()?;
            if !replay::needs_app(a) {
                let (candles, step) = runtime()?.block_on(replay::candles(a, None))?;
                return replay::run(a, &candles, step);
            }
        }
        _ => {}
    }
    // The keyring is read before the runtime starts (its client blocks).
    let config = Config::load(secrets::default_store().as_ref())?;
    if let Command::Config(ConfigCmd::Show) = cli.command {
        if let Some(file) = cryptodesk_service::config::config_file_path() {
            println!("# config file: {}", file.display());
        }
        for (key, value) in config.describe() {
            println!("{key}={value}");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let rt = runtime()?;
    if let Command::Db(DbCmd::Status { format }) = cli.command {
        // Before the app starts: starting migrates.
        let status = rt.block_on(cryptodesk_service::dbstatus::database_status(&config))?;
        output::database_status(&status, format)?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Command::Db(DbCmd::Copy { to, append, format }) = cli.command {
        // Straight from the configured database: nothing else starts.
        let report = rt.block_on(cryptodesk_service::dbstatus::copy_database(
            &config,
            &to,
            append,
            |t| {
                if format == Format::Table {
                    eprintln!("copied {}: {} rows", t.table, t.rows);
                }
            },
        ))?;
        output::copy_report(&report, format)?;
        return Ok(if report.verified {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(4)
        });
    }
    rt.block_on(async move {
        let app = App::start(config).await?;
        let code = service_command(&app, cli.command).await;
        app.shutdown().await;
        code
    })
}

async fn service_command(app: &Arc<App>, command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Portfolio(cmd) => portfolio::run(app, cmd).await?,
        Command::Fx(cmd) => portfolio::run_fx(app, cmd).await?,
        Command::Alerts(AlertsCmd::Add {
            symbol,
            rule,
            message,
            format,
        }) => {
            let a = app
                .add_alert_rule(new_alert(&symbol, &rule, message.as_deref())?)
                .await?;
            output::note_unverified(app, &a.symbol).await;
            output::alerts(std::slice::from_ref(&a), format)?;
        }
        Command::Alerts(AlertsCmd::List { all, format }) => {
            output::alerts(&app.alerts(!all).await?, format)?
        }
        Command::Alerts(AlertsCmd::Edit {
            id,
            symbol,
            rule,
            message,
            format,
        }) => {
            let Some(old) = app
                .alerts(false)
                .await?
                .into_iter()
                .find(|a| a.id == AlertId(id))
            else {
                anyhow::bail!("alert {id} not found (`alerts list --all` shows every alert)");
            };
            let symbol = symbol.unwrap_or_else(|| old.symbol.to_string());
            let message = match message {
                Some(m) if m.trim().is_empty() => None,
                Some(m) => Some(m),
                None => old.message.clone(),
            };
            let new = new_alert(&symbol, &rule.over(&old), message.as_deref())?;
            let a = app.update_alert_rule(AlertId(id), new).await?;
            // An update arms the alert; a disabled one stays disabled.
            let a = if old.is_active {
                a
            } else {
                app.set_alert_active(AlertId(id), false).await?
            };
            output::alerts(std::slice::from_ref(&a), format)?;
        }
        Command::Alerts(AlertsCmd::Snooze { id, duration }) => {
            let until = from_now(&duration)?;
            app.snooze_alert(AlertId(id), Some(until)).await?;
            eprintln!("alert {id} snoozed until {}", until.to_rfc3339());
        }
        Command::Alerts(AlertsCmd::Pause { duration }) => {
            let until = from_now(&duration)?;
            app.pause_alerts(Some(until)).await?;
            eprintln!("alerts paused until {}", until.to_rfc3339());
        }
        Command::Alerts(AlertsCmd::Resume) => {
            app.pause_alerts(None).await?;
            eprintln!("alerts resumed");
        }
        Command::Alerts(AlertsCmd::Enable { id }) => {
            app.set_alert_active(AlertId(id), true).await?;
            eprintln!("alert {id} enabled");
        }
        Command::Alerts(AlertsCmd::Disable { id }) => {
            app.set_alert_active(AlertId(id), false).await?;
            eprintln!("alert {id} disabled");
        }
        Command::Alerts(AlertsCmd::Remove { id }) => {
            app.remove_alert(AlertId(id)).await?;
            eprintln!("removed alert {id}");
        }
        Command::Alerts(AlertsCmd::Replay(a)) => {
            let (candles, step) = replay::candles(&a, Some(app)).await?;
            return replay::run(&a, &candles, step);
        }
        Command::Alerts(AlertsCmd::History { limit, format }) => {
            output::history(&app.alert_history(limit).await?, format)?
        }
        Command::Collect { once: true } => {
            let report = app.poll_once().await?;
            output::poll_report(&report);
            if !report.notify_errors.is_empty() {
                return Ok(ExitCode::from(3));
            }
        }
        Command::Collect { once: false } => {
            eprintln!(
                "collecting every {}s from {} (Ctrl-C to stop)",
                app.config().poll_interval.as_secs(),
                app.config().binance_api_url
            );
            let poller = app.spawn_poller();
            shutdown_signal().await;
            poller.stop().await;
        }
        Command::History(cmd) => return history::run(app, cmd).await,
        Command::Market(MarketCmd::Stats { format }) => {
            output::market_stats(&app.market_stats().await?, format)?
        }
        Command::Symbols(cmd) => symbols::run_symbols(app, cmd).await?,
        Command::Track(cmd) => symbols::run_track(app, cmd).await?,
        Command::Db(DbCmd::Migrate) => {
            app.migrate().await?;
            eprintln!("migrations applied ({:?})", app.backend());
        }
        Command::Indicators(_)
        | Command::Backtest(_)
        | Command::SynthCandles(_)
        | Command::Secrets(_)
        | Command::Db(DbCmd::Status { .. } | DbCmd::Copy { .. })
        | Command::Config(_) => {
            unreachable!("handled before start")
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// An alert from the CLI's flags; errors name the flag (`--symbol`,
/// `--crosses-up`, `--expires` in the past, ...).
fn new_alert(
    symbol: &str,
    rule: &rule_args::RuleArgs,
    message: Option<&str>,
) -> Result<NewAlert, ValidationError> {
    let symbol = Symbol::parse(symbol).map_err(|e| ValidationError::new("--symbol", e.rule))?;
    let rule = rule.rule()?;
    if let Some(e) = rule.expires_ms {
        if e <= chrono::Utc::now().timestamp_millis() {
            return Err(ValidationError::new("--expires", "must be in the future"));
        }
    }
    Ok(NewAlert {
        symbol,
        rule,
        message: alert_message(message).map_err(|e| ValidationError::new("--message", e.rule))?,
    })
}

/// Now plus a duration given with `--for` (`90s`, `15m`, `1h`, `2d`).
fn from_now(duration: &str) -> Result<chrono::DateTime<chrono::Utc>, ValidationError> {
    let ms = cryptodesk_service::core::rule_input::duration_ms("--for", duration)?;
    chrono::Utc::now()
        .checked_add_signed(chrono::Duration::milliseconds(ms))
        .ok_or_else(|| ValidationError::new("--for", format!("is too long (got {duration:?})")))
}
