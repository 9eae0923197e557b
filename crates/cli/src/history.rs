//! `cryptodesk history`: backfill candles from the exchange, export them,
//! and show what is stored.

use crate::analysis::parse_when;
use crate::output::Format;
use anyhow::Context;
use chrono::{DateTime, SecondsFormat, Utc};
use clap::{Subcommand, ValueEnum};
use cryptodesk_service::core::Symbol;
use cryptodesk_service::history::{BackfillProgress, BackfillRequest, BackfillSummary, Interval};
use cryptodesk_service::App;

use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// `history` subcommands.
#[derive(Subcommand)]
pub enum HistoryCmd {
    /// Fetch closed candles from the exchange into the database (resumable).
    Backfill {
        /// Asset ticker (repeatable), e.g. BTC.
        #[arg(long = "symbol", required = true)]
        symbols: Vec<String>,
        /// Candle interval: 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M.
        #[arg(long)]
        interval: String,
        /// First day or instant (YYYY-MM-DD or RFC 3339, UTC).
        #[arg(long)]
        from: String,
        /// Last day (included) or end instant; defaults to now.
        #[arg(long)]
        to: Option<String>,
        /// Output: a progress bar and a summary, or JSON lines.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Write stored candles as CSV (the backtester's format) or JSON.
    Export {
        /// Asset ticker, e.g. BTC.
        #[arg(long)]
        symbol: String,
        /// Candle interval.
        #[arg(long)]
        interval: String,
        /// First day or instant (YYYY-MM-DD or RFC 3339, UTC).
        #[arg(long)]
        from: Option<String>,
        /// Last day (included) or end instant.
        #[arg(long)]
        to: Option<String>,
        /// csv or json.
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
    },
    /// Bulk-load a candle CSV (time,open,high,low,close,volume) in one transaction.
    Import {
        /// The CSV file.
        #[arg(long)]
        candles: std::path::PathBuf,
        /// Asset ticker, e.g. BTC.
        #[arg(long)]
        symbol: String,
        /// Candle interval of the file.
        #[arg(long)]
        interval: String,
    },
    /// Per symbol and interval: first, last, count and gaps.
    Status {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

/// `history export` formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// `time,open,high,low,close,volume`, RFC 3339 UTC.
    Csv,
    /// An array of objects with the same keys; decimals as strings.
    Json,
}

fn interval(v: &str) -> anyhow::Result<Interval> {
    v.parse()
        .map_err(|e: String| anyhow::anyhow!("--interval {e}"))
}

/// An end bound: a date means the end of that day (it is included).
fn parse_end(name: &str, v: &str) -> anyhow::Result<i64> {
    let t = parse_when(name, v)?;
    Ok(if DateTime::parse_from_rfc3339(v).is_ok() {
        t
    } else {
        t + 86_400_000
    })
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Runs one `history` subcommand.
pub async fn run(app: &App, cmd: HistoryCmd) -> anyhow::Result<ExitCode> {
    match cmd {
        HistoryCmd::Backfill {
            symbols,
            interval: iv,
            from,
            to,
            format,
        } => {
            let req = BackfillRequest {
                symbols: symbols
                    .iter()
                    .map(|s| Symbol::parse(s))
                    .collect::<Result<_, _>>()?,
                interval: interval(&iv)?,
                from_ms: parse_when("--from", &from)?,
                to_ms: to.as_deref().map(|v| parse_end("--to", v)).transpose()?,
            };
            backfill(app, &req, format).await
        }
        HistoryCmd::Export {
            symbol,
            interval: iv,
            from,
            to,
            format,
        } => {
            let asset = Symbol::parse(&symbol)?;
            let iv = interval(&iv)?;
            let from = from
                .as_deref()
                .map(|v| parse_when("--from", v))
                .transpose()?
                .unwrap_or(i64::MIN);
            let to = to
                .as_deref()
                .map(|v| parse_end("--to", v))
                .transpose()?
                .unwrap_or(i64::MAX);
            let (rows, derived_from) = app.stored_candles(&asset, iv, from, to).await?;
            if let Some(source) = derived_from {
                eprintln!(
                    "note: no stored {iv} candles for {asset}; rolled up from its {source} candles"
                );
            }
            if rows.is_empty() {
                anyhow::bail!(
                    "no stored {iv} candles for {asset} in that range (fill them with `cryptodesk history backfill`)"
                );
            }
            let out = std::io::stdout();
            let mut out = std::io::BufWriter::new(out.lock());
            let time = |ms: i64| rfc3339(DateTime::from_timestamp_millis(ms).unwrap_or_default());
            match format {
                ExportFormat::Csv => {
                    writeln!(out, "time,open,high,low,close,volume")?;
                    for r in &rows {
                        writeln!(
                            out,
                            "{},{},{},{},{},{}",
                            time(r.open_time),
                            r.open,
                            r.high,
                            r.low,
                            r.close,
                            r.volume
                        )?;
                    }
                }
                ExportFormat::Json => {
                    let list: Vec<serde_json::Value> = rows
                        .iter()
                        .map(|r| {
                            serde_json::json!({
                                "time": time(r.open_time),
                                "open": r.open.to_string(),
                                "high": r.high.to_string(),
                                "low": r.low.to_string(),
                                "close": r.close.to_string(),
                                "volume": r.volume.to_string(),
                            })
                        })
                        .collect();
                    serde_json::to_writer_pretty(&mut out, &list)?;
                    writeln!(out)?;
                }
            }
            out.flush().context("writing the export")?;
            Ok(ExitCode::SUCCESS)
        }
        HistoryCmd::Import {
            candles,
            symbol,
            interval: iv,
        } => {
            let asset = Symbol::parse(&symbol)?;
            let iv = interval(&iv)?;
            let bytes = std::fs::read(&candles)
                .with_context(|| format!("reading {}", candles.display()))?;
            let started = std::time::Instant::now();
            let n = app.import_candles(&asset, iv, &bytes).await?;
            println!(
                "imported {n} {iv} candles for {asset} in {:.2}s",
                started.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        HistoryCmd::Status { format } => {
            let series = app.history_status().await?;
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&series)?),
                Format::Table => {
                    if series.is_empty() {
                        println!(
                            "no stored candles (fill them with `cryptodesk history backfill`)"
                        );
                    }
                    for s in &series {
                        println!(
                            "{:<8} {:<4} {} … {}  {} candles, {} gap(s)",
                            s.symbol,
                            s.interval,
                            rfc3339(s.first),
                            rfc3339(s.last),
                            s.count,
                            s.gaps.len()
                        );
                        for g in &s.gaps {
                            println!("    gap: {} up to {}", rfc3339(g.from), rfc3339(g.to));
                        }
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn backfill(app: &App, req: &BackfillRequest, format: Format) -> anyhow::Result<ExitCode> {
    let bar = (format == Format::Table && std::io::stderr().is_terminal()).then(|| {
        let b = ProgressBar::new(0);
        b.set_style(
            ProgressStyle::with_template("{prefix:>6} [{bar:30}] {pos}/{len} candles {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        b
    });
    let summary: BackfillSummary = app
        .backfill(req, |p: &BackfillProgress| match format {
            Format::Json => {
                if let Ok(line) = serde_json::to_string(&serde_json::json!({ "progress": p })) {
                    println!("{line}");
                }
            }
            Format::Table => {
                if let Some(b) = &bar {
                    b.set_prefix(p.symbol.clone());
                    b.set_length(p.expected.max(p.stored));
                    b.set_position(p.stored);
                    if let Some(t) = p.last_open_time {
                        b.set_message(format!("(page {}, up to {})", p.page, rfc3339(t)));
                    }
                }
            }
        })
        .await?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string(&serde_json::json!({ "summary": summary }))?
        ),
        Format::Table => {
            for n in &summary.notes {
                eprintln!("note: {n}");
            }
            for s in &summary.symbols {
                println!(
                    "{:<8} {} candles stored in {} request(s), from {}",
                    s.symbol,
                    s.stored,
                    s.requests,
                    rfc3339(s.started_at)
                );
            }
            println!(
                "{} {} candles stored, {} request(s), {:.1}s",
                summary.stored, summary.interval, summary.requests, summary.seconds
            );
        }
    }
    if let Some(why) = &summary.stopped {
        eprintln!("backfill stopped: {why}; what was stored is kept, and running it again resumes");
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}
