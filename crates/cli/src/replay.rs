//! `cryptodesk alerts replay`: how often a rule would have fired over a
//! candle file or stored history, with the live engine's exact semantics
//! (`cryptodesk_core::rules`).

use crate::analysis::parse_when;
use crate::output::Format;
use crate::rule_args::RuleArgs;
use anyhow::{bail, Context};
use chrono::DateTime;
use cryptodesk_service::core::candles::{parse_csv_decimal, DecimalCandle};
use cryptodesk_service::core::rules::replay;
use cryptodesk_service::core::ValidationError;
use cryptodesk_service::history::Interval;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `cryptodesk alerts replay`.
#[derive(clap::Args, Debug)]
pub struct ReplayArgs {
    /// A candle CSV (time,open,high,low,close,volume).
    #[arg(long, conflicts_with = "symbol", required_unless_present = "symbol")]
    candles: Option<PathBuf>,
    /// Stored history of this asset instead (needs --interval).
    #[arg(long)]
    symbol: Option<String>,
    /// Candle interval; for a file, default the spacing of its first two rows.
    #[arg(long)]
    interval: Option<String>,
    /// First candle (YYYY-MM-DD or RFC 3339), stored history only.
    #[arg(long, requires = "symbol")]
    from: Option<String>,
    /// End (exclusive), stored history only.
    #[arg(long, requires = "symbol")]
    to: Option<String>,
    /// The rule.
    #[command(flatten)]
    rule: RuleArgs,
    /// Four ticks per candle (open, low, high, close when it closed up;
    /// open, high, low, close otherwise) instead of its close.
    #[arg(long)]
    intrabar: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

fn interval_ms(text: &str) -> anyhow::Result<i64> {
    let iv: Interval = text
        .parse()
        .map_err(|e: String| anyhow::anyhow!("--interval {e}"))?;
    iv.fixed_ms()
        .with_context(|| format!("--interval {text} has no fixed length; give 1m … 1w"))
}

/// The candles to replay and their interval (ms).
pub async fn candles(
    a: &ReplayArgs,
    app: Option<&cryptodesk_service::App>,
) -> anyhow::Result<(Vec<DecimalCandle>, i64)> {
    if let Some(path) = &a.candles {
        let bytes = std::fs::read(path).with_context(|| format!("--candles {}", path.display()))?;
        let rows = parse_csv_decimal(&bytes)?;
        let step = match (&a.interval, rows.get(0..2)) {
            (Some(iv), _) => interval_ms(iv)?,
            (None, Some([first, second])) => second.time - first.time,
            (None, _) => bail!("--interval is needed for a file of fewer than two candles"),
        };
        return Ok((rows, step));
    }
    let (Some(symbol), Some(app)) = (&a.symbol, app) else {
        bail!("give --candles FILE or --symbol ASSET --interval I");
    };
    let Some(iv_text) = &a.interval else {
        bail!("--interval is needed with --symbol");
    };
    let iv: Interval = iv_text
        .parse()
        .map_err(|e: String| anyhow::anyhow!("--interval {e}"))?;
    let step = interval_ms(iv_text)?;
    let asset = cryptodesk_service::core::Symbol::parse(symbol)?;
    let from = a
        .from
        .as_deref()
        .map(|v| parse_when("--from", v))
        .transpose()?
        .unwrap_or(i64::MIN);
    let to =
        a.to.as_deref()
            .map(|v| parse_when("--to", v))
            .transpose()?
            .unwrap_or(i64::MAX);
    let rows = app.closed_candles(&asset, iv, step, from, to).await?;
    if rows.is_empty() {
        bail!("no stored {iv_text} candles for {asset} in that range");
    }
    Ok((rows, step))
}

impl ReplayArgs {
    /// Checks the rule's flags.
    pub fn rule_check(&self) -> Result<(), ValidationError> {
        self.rule.rule().map(|_| ())
    }
}

/// Whether the candles come from the database (the app must start).
pub fn needs_app(a: &ReplayArgs) -> bool {
    a.candles.is_none()
}

/// Replays and prints.
pub fn run(a: &ReplayArgs, candles: &[DecimalCandle], step: i64) -> anyhow::Result<ExitCode> {
    let rule = a.rule.rule()?;
    let fires = replay(&rule, candles, step, a.intrabar);
    let kind = rule.kind.name();
    let time = |ms: i64| {
        DateTime::from_timestamp_millis(ms)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
            .unwrap_or_default()
    };
    match a.format {
        Format::Json => {
            let rows: Vec<serde_json::Value> = fires
                .iter()
                .map(|f| {
                    serde_json::json!({
                        "time": time(f.time),
                        "price": f.price.normalize().to_string(),
                        "kind": kind,
                    })
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&rows)?);
        }
        Format::Table => {
            println!("{:<22} {:>20}  kind", "time", "price");
            for f in &fires {
                println!("{:<22} {:>20}  {kind}", time(f.time), f.price.normalize());
            }
            println!(
                "{} fire{} over {} candles",
                fires.len(),
                if fires.len() == 1 { "" } else { "s" },
                candles.len()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
