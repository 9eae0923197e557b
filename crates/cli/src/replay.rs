//! `cryptodesk alerts replay`: how often a rule would have fired over a
//! candle file or stored history, with the live engine's exact semantics
//! (`cryptodesk_core::rules`).

use crate::analysis::parse_when;
use crate::output::Format;
use anyhow::{bail, Context};
use chrono::DateTime;
use cryptodesk_service::core::candles::{parse_csv_decimal, DecimalCandle};
use cryptodesk_service::core::money::parse_decimal;
use cryptodesk_service::core::rules::{replay, Repeat, Rule, RuleKind};
use cryptodesk_service::core::ValidationError;
use cryptodesk_service::history::Interval;
use rust_decimal::Decimal;
use std::path::PathBuf;
use std::process::ExitCode;

/// A rule as the CLI spells it: one KIND, a FREQUENCY and an expiry.
#[derive(clap::Args, Debug)]
pub struct RuleArgs {
    /// Fire when the price is at or above P.
    #[arg(long, value_name = "P", allow_hyphen_values = true)]
    above: Option<String>,
    /// Fire when the price is at or below P.
    #[arg(long, value_name = "P", allow_hyphen_values = true)]
    below: Option<String>,
    /// Fire when the price crosses P either way.
    #[arg(long, value_name = "P", allow_hyphen_values = true)]
    crosses: Option<String>,
    /// Fire when the price crosses P upwards (prev < P ≤ p).
    #[arg(long, value_name = "P", allow_hyphen_values = true)]
    crosses_up: Option<String>,
    /// Fire when the price crosses P downwards (prev > P ≥ p).
    #[arg(long, value_name = "P", allow_hyphen_values = true)]
    crosses_down: Option<String>,
    /// Fire when the price enters [LOW, HIGH].
    #[arg(long, num_args = 2, value_names = ["LOW", "HIGH"], allow_hyphen_values = true)]
    enters: Option<Vec<String>>,
    /// Fire when the price leaves [LOW, HIGH].
    #[arg(long, num_args = 2, value_names = ["LOW", "HIGH"], allow_hyphen_values = true)]
    exits: Option<Vec<String>>,
    /// Fire when the price rose PCT percent within --within.
    #[arg(long, value_name = "PCT", allow_hyphen_values = true)]
    moves_up: Option<String>,
    /// Fire when the price fell PCT percent within --within.
    #[arg(long, value_name = "PCT", allow_hyphen_values = true)]
    moves_down: Option<String>,
    /// The window of a move: 90s, 15m, 1h, 2d.
    #[arg(long, value_name = "DURATION", allow_hyphen_values = true)]
    within: Option<String>,
    /// once (default): the first fire ends the rule; every: fire again
    /// after re-arming.
    #[arg(long, value_name = "once|every")]
    repeat: Option<String>,
    /// With --repeat every: how far (percent) past the level the price must
    /// come back before above/below/crosses-up/crosses-down fire again.
    #[arg(long, value_name = "PCT", allow_hyphen_values = true)]
    rearm_band: Option<String>,
    /// With --repeat every: no fire sooner than this after the last.
    #[arg(long, value_name = "DURATION", allow_hyphen_values = true)]
    cooldown: Option<String>,
    /// Nothing fires at or after this instant (RFC 3339, or YYYY-MM-DD for
    /// that day's start, UTC).
    #[arg(long, value_name = "RFC3339", allow_hyphen_values = true)]
    expires: Option<String>,
}

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

/// A percentage: `5` or `5%`.
fn percent(flag: &'static str, text: &str) -> Result<Decimal, ValidationError> {
    parse_decimal(flag, text.trim().trim_end_matches('%'))
}

/// A duration like `90s`, `15m`, `1h`, `2d`, in ms; more than zero.
pub fn duration_ms(flag: &'static str, text: &str) -> Result<i64, ValidationError> {
    let t = text.trim();
    let bad = || {
        ValidationError::new(
            flag,
            format!("must be a duration like 90s, 15m, 1h or 2d (got {t:?})"),
        )
    };
    let unit = match t.chars().last() {
        Some('s') => 1_000,
        Some('m') => 60_000,
        Some('h') => 3_600_000,
        Some('d') => 86_400_000,
        _ => return Err(bad()),
    };
    let n: i64 = t[..t.len() - 1].parse().map_err(|_| bad())?;
    if n <= 0 {
        return Err(ValidationError::new(
            flag,
            format!("must be more than zero (got {t:?})"),
        ));
    }
    n.checked_mul(unit).ok_or_else(bad)
}

fn positive(flag: &'static str, v: Decimal) -> Result<Decimal, ValidationError> {
    if v <= Decimal::ZERO {
        return Err(ValidationError::new(flag, format!("must be > 0 (got {v})")));
    }
    Ok(v)
}

fn price(flag: &'static str, text: &str) -> Result<Decimal, ValidationError> {
    positive(flag, parse_decimal(flag, text)?)
}

fn channel(flag: &'static str, pair: &[String]) -> Result<(Decimal, Decimal), ValidationError> {
    let (Some(low), Some(high)) = (pair.first(), pair.get(1)) else {
        return Err(ValidationError::new(flag, "needs LOW and HIGH"));
    };
    let (low, high) = (price(flag, low)?, price(flag, high)?);
    if low >= high {
        return Err(ValidationError::new(
            flag,
            format!("LOW must be below HIGH (got {low} ≥ {high})"),
        ));
    }
    Ok((low, high))
}

impl RuleArgs {
    /// The rule these flags describe, or the first flag that is wrong.
    pub fn rule(&self) -> Result<Rule, ValidationError> {
        let mut kinds = Vec::new();
        if let Some(p) = &self.above {
            kinds.push(RuleKind::Above(price("--above", p)?));
        }
        if let Some(p) = &self.below {
            kinds.push(RuleKind::Below(price("--below", p)?));
        }
        if let Some(p) = &self.crosses {
            kinds.push(RuleKind::Crosses(price("--crosses", p)?));
        }
        if let Some(p) = &self.crosses_up {
            kinds.push(RuleKind::CrossesUp(price("--crosses-up", p)?));
        }
        if let Some(p) = &self.crosses_down {
            kinds.push(RuleKind::CrossesDown(price("--crosses-down", p)?));
        }
        if let Some(v) = &self.enters {
            let (low, high) = channel("--enters", v)?;
            kinds.push(RuleKind::Enters { low, high });
        }
        if let Some(v) = &self.exits {
            let (low, high) = channel("--exits", v)?;
            kinds.push(RuleKind::Exits { low, high });
        }
        let within = |flag: &'static str| -> Result<i64, ValidationError> {
            let w = self.within.as_deref().ok_or_else(|| {
                ValidationError::new(flag, "needs --within DURATION (the window of the move)")
            })?;
            duration_ms("--within", w)
        };
        if let Some(p) = &self.moves_up {
            let pct = positive("--moves-up", percent("--moves-up", p)?)?;
            kinds.push(RuleKind::MovesUp {
                pct,
                within_ms: within("--moves-up")?,
            });
        }
        if let Some(p) = &self.moves_down {
            let pct = positive("--moves-down", percent("--moves-down", p)?)?;
            if pct >= Decimal::ONE_HUNDRED {
                return Err(ValidationError::new(
                    "--moves-down",
                    format!("must be below 100 (got {pct})"),
                ));
            }
            kinds.push(RuleKind::MovesDown {
                pct,
                within_ms: within("--moves-down")?,
            });
        }
        if self.within.is_some() && self.moves_up.is_none() && self.moves_down.is_none() {
            return Err(ValidationError::new(
                "--within",
                "only goes with --moves-up or --moves-down",
            ));
        }
        let kind = match kinds.len() {
            1 => kinds.remove(0),
            0 => {
                return Err(ValidationError::new(
                    "kind",
                    "give one of --above, --below, --crosses, --crosses-up, --crosses-down, \
                     --enters, --exits, --moves-up, --moves-down",
                ))
            }
            _ => return Err(ValidationError::new("kind", "give only one rule kind")),
        };
        let repeat = match self.repeat.as_deref() {
            None | Some("once") => Repeat::Once,
            Some("every") => Repeat::Every,
            Some(other) => {
                return Err(ValidationError::new(
                    "--repeat",
                    format!("must be once or every (got {other:?})"),
                ))
            }
        };
        let rearm_band = match &self.rearm_band {
            None => Decimal::ZERO,
            Some(b) => {
                let b = percent("--rearm-band", b)?;
                if b < Decimal::ZERO || b >= Decimal::ONE_HUNDRED {
                    return Err(ValidationError::new(
                        "--rearm-band",
                        format!("must be at least 0 and below 100 (got {b})"),
                    ));
                }
                b
            }
        };
        let cooldown_ms = match &self.cooldown {
            None => None,
            Some(_) if repeat == Repeat::Once => {
                return Err(ValidationError::new(
                    "--cooldown",
                    "only goes with --repeat every (a once rule fires one time)",
                ))
            }
            Some(c) => Some(duration_ms("--cooldown", c)?),
        };
        let expires_ms = self
            .expires
            .as_deref()
            .map(|e| {
                parse_when("--expires", e).map_err(|_| {
                    ValidationError::new(
                        "--expires",
                        format!("must be RFC 3339 or YYYY-MM-DD (got {e:?})"),
                    )
                })
            })
            .transpose()?;
        Ok(Rule {
            kind,
            repeat,
            rearm_band,
            cooldown_ms,
            expires_ms,
        })
    }
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
    let (mut rows, _) = app.stored_candles(&asset, iv, from, to).await?;
    // A bucket still open (rolled up from the minutes so far) has not
    // closed: it is no tick yet.
    let now = chrono::Utc::now().timestamp_millis();
    rows.retain(|r| r.open_time + step <= now);
    if rows.is_empty() {
        bail!("no stored {iv_text} candles for {asset} in that range");
    }
    let rows = rows
        .into_iter()
        .map(|r| DecimalCandle {
            time: r.open_time,
            open: r.open,
            high: r.high,
            low: r.low,
            close: r.close,
            volume: r.volume,
        })
        .collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_percentages() {
        assert_eq!(duration_ms("--within", "90s").unwrap(), 90_000);
        assert_eq!(duration_ms("--within", "2d").unwrap(), 172_800_000);
        assert_eq!(
            duration_ms("--cooldown", "0m").unwrap_err().field,
            "--cooldown"
        );
        assert!(duration_ms("--within", "5").is_err());
        assert_eq!(percent("--rearm-band", "5%").unwrap(), Decimal::from(5));
    }
}
