//! `cryptodesk indicators` and `cryptodesk backtest`: file handling and
//! printing around the pure engines in `cryptodesk_core`.

use anyhow::{bail, Context};
use chrono::{DateTime, SecondsFormat};
use clap::{Args, ValueEnum};
use cryptodesk_service::core::backtest::{self, Config, Report, SeriesCache, Strategy};
use cryptodesk_service::core::candles::{self, Candles};
use cryptodesk_service::core::indicators;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `cryptodesk indicators`.
#[derive(Args)]
pub struct IndicatorsArgs {
    /// Candle CSV: time,open,high,low,close,volume.
    #[arg(long)]
    candles: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Csv)]
    format: TableFormat,
    /// SMA period.
    #[arg(long, default_value_t = 20)]
    sma: usize,
    /// Fast EMA period (also MACD's fast EMA).
    #[arg(long, default_value_t = 12)]
    ema_fast: usize,
    /// Slow EMA period (also MACD's slow EMA).
    #[arg(long, default_value_t = 26)]
    ema_slow: usize,
    /// MACD signal period.
    #[arg(long, default_value_t = 9)]
    macd_signal: usize,
    /// RSI period.
    #[arg(long, default_value_t = 14)]
    rsi: usize,
    /// Bollinger period.
    #[arg(long, default_value_t = 20)]
    bb: usize,
    /// Bollinger width in standard deviations.
    #[arg(long, default_value_t = 2.0)]
    bb_k: f64,
    /// ATR period.
    #[arg(long, default_value_t = 14)]
    atr: usize,
    /// Print how long reading, computing and writing took (stderr).
    #[arg(long)]
    timings: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TableFormat {
    Csv,
}

/// How runs are ranked in a grid.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Rank {
    /// Highest total return first.
    Return,
    /// Highest Sharpe ratio first.
    Sharpe,
    /// Smallest maximum drawdown first.
    Drawdown,
}

/// Output format of backtests.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Json,
    Table,
}

/// Arguments of `cryptodesk backtest`.
#[derive(Args)]
pub struct BacktestArgs {
    /// Candle CSV file(s); several run as a batch.
    #[arg(long, required_unless_present = "symbol")]
    candles: Vec<PathBuf>,
    /// Read stored candles of this asset from the database instead of a file.
    #[arg(long, conflicts_with = "candles")]
    symbol: Option<String>,
    /// Candle interval of stored candles.
    #[arg(long, default_value = "1h", requires = "symbol")]
    interval: String,
    /// First open time of stored candles (RFC 3339 or YYYY-MM-DD, UTC).
    #[arg(long, requires = "symbol")]
    from: Option<String>,
    /// End of stored candles, exclusive (RFC 3339 or YYYY-MM-DD, UTC).
    #[arg(long, requires = "symbol")]
    to: Option<String>,
    /// sma-cross, rsi or bbands.
    #[arg(long)]
    strategy: String,
    /// A fixed parameter, NAME=VALUE (repeatable).
    #[arg(long = "param")]
    params: Vec<String>,
    /// A parameter range, NAME=FROM..TO:STEP (inclusive; repeatable).
    #[arg(long = "grid")]
    grid: Vec<String>,
    /// Starting cash.
    #[arg(long, default_value_t = 10_000.0)]
    cash: f64,
    /// Fee rate per fill (0.001 = 0.1 %).
    #[arg(long, default_value_t = 0.001)]
    fee: f64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    format: ReportFormat,
    /// Ranking of batch/grid results.
    #[arg(long, value_enum, default_value_t = Rank::Return)]
    rank: Rank,
    /// Print only the best N batch/grid results.
    #[arg(long)]
    top: Option<usize>,
    /// Print how long reading, computing and writing took (stderr).
    #[arg(long)]
    timings: bool,
}

/// Phase timings for `--timings`.
struct Timings {
    on: bool,
    at: std::time::Instant,
    phases: Vec<(&'static str, f64)>,
}

impl Timings {
    fn new(on: bool) -> Self {
        Self {
            on,
            at: std::time::Instant::now(),
            phases: Vec::new(),
        }
    }

    fn lap(&mut self, phase: &'static str) {
        let now = std::time::Instant::now();
        self.phases
            .push((phase, (now - self.at).as_secs_f64() * 1e3));
        self.at = now;
    }

    fn print(&self) {
        if self.on {
            let parts: Vec<String> = self
                .phases
                .iter()
                .map(|(p, ms)| format!("{p} {ms:.1} ms"))
                .collect();
            eprintln!("timings: {}", parts.join(", "));
        }
    }
}

/// Arguments of `cryptodesk synth-candles`.
#[derive(Args)]
pub struct SynthArgs {
    /// Number of hourly candles.
    #[arg(long, default_value_t = 17_520)]
    rows: usize,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

/// Runs `cryptodesk synth-candles`.
pub fn synth(a: SynthArgs) -> anyhow::Result<ExitCode> {
    let c = candles::synthetic(a.rows, a.seed);
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    candles::write_csv(&c, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn read_candles(path: &Path) -> anyhow::Result<Candles> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    candles::parse_csv(&bytes).with_context(|| format!("{}", path.display()))
}

fn rfc3339(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(SecondsFormat::AutoSi, true))
        .unwrap_or_else(|| ms.to_string())
}

/// The eleven columns, sharing the EMAs with MACD and the SMA with the
/// Bollinger middle when their periods agree.
fn indicator_columns(c: &Candles, a: &IndicatorsArgs) -> Vec<Vec<f64>> {
    let x = &c.close;
    let (ema_fast, ema_slow) = rayon::join(
        || indicators::ema(x, a.ema_fast),
        || indicators::ema(x, a.ema_slow),
    );
    let ((sma, rsi), atr) = rayon::join(
        || rayon::join(|| indicators::sma(x, a.sma), || indicators::rsi(x, a.rsi)),
        || indicators::atr(&c.high, &c.low, x, a.atr),
    );
    let (m, b) = rayon::join(
        || indicators::macd_from_emas(&ema_fast, &ema_slow, a.ema_fast, a.ema_slow, a.macd_signal),
        || {
            let middle = if a.bb == a.sma {
                sma.clone()
            } else {
                indicators::sma(x, a.bb)
            };
            indicators::bollinger_with_middle(x, a.bb, a.bb_k, middle)
        },
    );
    vec![
        sma, ema_fast, ema_slow, rsi, m.line, m.signal, m.hist, b.upper, b.middle, b.lower, atr,
    ]
}

/// Runs `cryptodesk indicators`.
pub fn indicators(a: IndicatorsArgs) -> anyhow::Result<ExitCode> {
    let mut t = Timings::new(a.timings);
    let c = read_candles(&a.candles)?;
    t.lap("read");
    for (name, n) in [
        ("--sma", a.sma),
        ("--ema-fast", a.ema_fast),
        ("--ema-slow", a.ema_slow),
        ("--macd-signal", a.macd_signal),
        ("--rsi", a.rsi),
        ("--bb", a.bb),
        ("--atr", a.atr),
    ] {
        if n == 0 {
            bail!("{name} must be >= 1 (got 0)");
        }
    }
    let cols = indicator_columns(&c, &a);
    t.lap("compute");
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    writeln!(
        out,
        "time,sma{},ema{},ema{},rsi{},macd,macd_signal,macd_hist,bb_upper,bb_middle,bb_lower,atr{}",
        a.sma, a.ema_fast, a.ema_slow, a.rsi, a.atr
    )?;
    let mut buf = ryu::Buffer::new();
    for i in 0..c.len() {
        out.write_all(rfc3339(c.time[i]).as_bytes())?;
        for col in &cols {
            out.write_all(b",")?;
            let v = col[i];
            if v.is_finite() {
                out.write_all(buf.format_finite(v).as_bytes())?;
            }
        }
        out.write_all(b"\n")?;
    }
    out.flush()?;
    t.lap("write");
    t.print();
    Ok(ExitCode::SUCCESS)
}

fn parse_value(name: &str, v: &str) -> anyhow::Result<f64> {
    v.trim()
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .with_context(|| format!("parameter {name}: {v:?} is not a number"))
}

fn parse_params(list: &[String]) -> anyhow::Result<BTreeMap<String, f64>> {
    list.iter()
        .map(|p| {
            let (k, v) = p
                .split_once('=')
                .with_context(|| format!("--param {p:?}: want NAME=VALUE"))?;
            Ok((k.trim().to_owned(), parse_value(k, v)?))
        })
        .collect()
}

/// `NAME=FROM..TO:STEP` → (name, values).
fn parse_grid(spec: &str) -> anyhow::Result<(String, Vec<f64>)> {
    let bad = || format!("--grid {spec:?}: want NAME=FROM..TO:STEP, e.g. fast=5..50:5");
    let (name, range) = spec.split_once('=').with_context(bad)?;
    let (span, step) = range.split_once(':').unwrap_or((range, "1"));
    let (from, to) = span.split_once("..").with_context(bad)?;
    let (from, to, step) = (
        parse_value(name, from)?,
        parse_value(name, to)?,
        parse_value(name, step)?,
    );
    if step <= 0.0 || to < from {
        bail!("{}: need FROM <= TO and STEP > 0", bad());
    }
    let count = ((to - from) / step + 1e-9).floor() as usize + 1;
    if count > 100_000 {
        bail!("{}: {count} values is too many", bad());
    }
    Ok((
        name.trim().to_owned(),
        (0..count).map(|i| from + step * i as f64).collect(),
    ))
}

/// Every combination of the grid over the fixed parameters.
fn expand(
    fixed: &BTreeMap<String, f64>,
    grid: &[(String, Vec<f64>)],
) -> Vec<BTreeMap<String, f64>> {
    let mut sets = vec![fixed.clone()];
    for (name, values) in grid {
        sets = sets
            .into_iter()
            .flat_map(|s| {
                values.iter().map(move |v| {
                    let mut s = s.clone();
                    s.insert(name.clone(), *v);
                    s
                })
            })
            .collect();
    }
    sets
}

#[derive(Serialize)]
struct TradeOut {
    entry_time: String,
    entry_price: f64,
    exit_time: String,
    exit_price: f64,
    qty: f64,
    pnl: f64,
    exit_reason: backtest::ExitReason,
}

#[derive(Serialize)]
struct RunOut {
    candles: String,
    strategy: &'static str,
    params: BTreeMap<String, f64>,
    cash: f64,
    fee: f64,
    bars: usize,
    fingerprint: String,
    final_equity: f64,
    total_return_pct: f64,
    num_trades: usize,
    win_rate_pct: f64,
    max_drawdown_pct: f64,
    sharpe: f64,
    sortino: f64,
    exposure_pct: f64,
    profit_factor: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    trades: Option<Vec<TradeOut>>,
}

fn run_out(
    path: &Path,
    c: &Candles,
    s: &Strategy,
    cfg: &Config,
    hash: &blake3::Hash,
    r: Report,
    with_trades: bool,
) -> RunOut {
    let trades = with_trades.then(|| {
        r.trades
            .iter()
            .map(|t| TradeOut {
                entry_time: rfc3339(t.entry_time),
                entry_price: t.entry_price,
                exit_time: rfc3339(t.exit_time),
                exit_price: t.exit_price,
                qty: t.qty,
                pnl: t.pnl,
                exit_reason: t.exit_reason,
            })
            .collect()
    });
    RunOut {
        candles: path.display().to_string(),
        strategy: s.name(),
        params: s.params(),
        cash: cfg.cash,
        fee: cfg.fee,
        bars: c.len(),
        fingerprint: s.fingerprint(hash, cfg),
        final_equity: r.final_equity,
        total_return_pct: r.total_return_pct,
        num_trades: r.num_trades,
        win_rate_pct: r.win_rate_pct,
        max_drawdown_pct: r.max_drawdown_pct,
        sharpe: r.sharpe,
        sortino: r.sortino,
        exposure_pct: r.exposure_pct,
        profit_factor: r.profit_factor,
        trades,
    }
}

pub(crate) fn parse_when(name: &str, v: &str) -> anyhow::Result<i64> {
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Ok(t.timestamp_millis());
    }
    chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp_millis())
        .with_context(|| format!("{name} must be RFC 3339 or YYYY-MM-DD (got {v:?})"))
}

/// Stored candles from the configured database.
fn stored_candles(
    symbol: &str,
    interval: &str,
    from: Option<&str>,
    to: Option<&str>,
) -> anyhow::Result<Candles> {
    let asset = cryptodesk_service::core::Symbol::parse(symbol)?;
    let from = from
        .map(|v| parse_when("--from", v))
        .transpose()?
        .unwrap_or(i64::MIN);
    let to = to
        .map(|v| parse_when("--to", v))
        .transpose()?
        .unwrap_or(i64::MAX);
    let config =
        cryptodesk_service::Config::load(cryptodesk_service::secrets::default_store().as_ref())?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let c = rt.block_on(async {
        let app = cryptodesk_service::App::start(config).await?;
        let c = app.candles(&asset, interval, from, to).await;
        app.shutdown().await;
        c
    })?;
    if c.is_empty() {
        bail!("no stored {interval} candles for {asset} in that range");
    }
    Ok(c)
}

/// Runs `cryptodesk backtest`.
pub fn backtest(a: BacktestArgs) -> anyhow::Result<ExitCode> {
    if !(a.cash.is_finite() && a.cash > 0.0) {
        bail!("--cash must be > 0 (got {})", a.cash);
    }
    if !(a.fee.is_finite() && (0.0..1.0).contains(&a.fee)) {
        bail!("--fee must be a rate in [0, 1) (got {})", a.fee);
    }
    let cfg = Config {
        cash: a.cash,
        fee: a.fee,
    };
    let mut t = Timings::new(a.timings);
    let fixed = parse_params(&a.params)?;
    let grid: Vec<(String, Vec<f64>)> = a
        .grid
        .iter()
        .map(|g| parse_grid(g))
        .collect::<anyhow::Result<_>>()?;
    // Check every parameter set before reading any data.
    let strategies: Vec<Strategy> = expand(&fixed, &grid)
        .iter()
        .map(|p| Strategy::from_params(&a.strategy, p))
        .collect::<Result<_, _>>()?;
    let data: Vec<(PathBuf, Candles, blake3::Hash, SeriesCache)> = match &a.symbol {
        Some(symbol) => {
            let c = stored_candles(symbol, &a.interval, a.from.as_deref(), a.to.as_deref())?;
            let h = c.content_hash();
            vec![(
                PathBuf::from(format!("db:{symbol}:{}", a.interval)),
                c,
                h,
                SeriesCache::default(),
            )]
        }
        None => a
            .candles
            .par_iter()
            .map(|p| {
                let c = read_candles(p)?;
                let h = c.content_hash();
                Ok((p.clone(), c, h, SeriesCache::default()))
            })
            .collect::<anyhow::Result<_>>()?,
    };

    t.lap("read");
    let single = data.len() == 1 && strategies.len() == 1;
    if single {
        let (path, c, hash, _) = &data[0];
        let r = backtest::run(c, &strategies[0], &cfg);
        t.lap("compute");
        let out = run_out(path, c, &strategies[0], &cfg, hash, r, true);
        let code = print_single(&out, a.format);
        t.lap("write");
        t.print();
        return code;
    }

    let jobs: Vec<(usize, &Strategy)> = (0..data.len())
        .flat_map(|d| strategies.iter().map(move |s| (d, s)))
        .collect();
    let bar = ProgressBar::new(jobs.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} runs ({per_sec}, eta {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut results: Vec<RunOut> = jobs
        .par_iter()
        .map(|&(d, s)| {
            let (path, c, hash, cache) = &data[d];
            let r = backtest::run_cached(c, s, &cfg, cache);
            bar.inc(1);
            run_out(path, c, s, &cfg, hash, r, false)
        })
        .collect();
    bar.finish_and_clear();
    t.lap("compute");
    let key = |r: &RunOut| match a.rank {
        Rank::Return => -r.total_return_pct,
        Rank::Sharpe => -r.sharpe,
        Rank::Drawdown => r.max_drawdown_pct,
    };
    results.sort_by(|x, y| key(x).total_cmp(&key(y)));
    if let Some(n) = a.top {
        results.truncate(n);
    }
    match a.format {
        ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&results)?),
        ReportFormat::Table => {
            println!(
                "{:<4} {:<28} {:<30} {:>12} {:>8} {:>8} {:>7} {:>7}",
                "RANK", "CANDLES", "PARAMS", "RETURN %", "SHARPE", "MAX DD%", "TRADES", "WIN %"
            );
            for (i, r) in results.iter().enumerate() {
                let params: Vec<String> =
                    r.params.iter().map(|(k, v)| format!("{k}={v}")).collect();
                println!(
                    "{:<4} {:<28} {:<30} {:>12.2} {:>8.2} {:>8.2} {:>7} {:>7.1}",
                    i + 1,
                    r.candles,
                    params.join(" "),
                    r.total_return_pct,
                    r.sharpe,
                    r.max_drawdown_pct,
                    r.num_trades,
                    r.win_rate_pct
                );
            }
        }
    }
    t.lap("write");
    t.print();
    Ok(ExitCode::SUCCESS)
}

fn print_single(out: &RunOut, format: ReportFormat) -> anyhow::Result<ExitCode> {
    match format {
        ReportFormat::Json => {
            let stdout = std::io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            serde_json::to_writer_pretty(&mut w, out)?;
            writeln!(w)?;
            w.flush()?;
        }
        ReportFormat::Table => {
            let params: Vec<String> = out.params.iter().map(|(k, v)| format!("{k}={v}")).collect();
            println!(
                "{} {} on {} ({} bars)",
                out.strategy,
                params.join(" "),
                out.candles,
                out.bars
            );
            println!("final equity     {:.2}", out.final_equity);
            println!("total return     {:.2} %", out.total_return_pct);
            println!(
                "trades           {} ({:.1} % won)",
                out.num_trades, out.win_rate_pct
            );
            println!("max drawdown     {:.2} %", out.max_drawdown_pct);
            println!("sharpe / sortino {:.3} / {:.3}", out.sharpe, out.sortino);
            println!("exposure         {:.1} %", out.exposure_pct);
            match out.profit_factor {
                Some(p) => println!("profit factor    {p:.3}"),
                None => println!("profit factor    — (no losing trade)"),
            }
            if let Some(trades) = &out.trades {
                println!();
                println!(
                    "{:<22} {:>14} {:<22} {:>14} {:>14} {:>12} REASON",
                    "ENTRY", "PRICE", "EXIT", "PRICE", "QTY", "PNL"
                );
                for t in trades {
                    println!(
                        "{:<22} {:>14.4} {:<22} {:>14.4} {:>14.6} {:>12.2} {:?}",
                        t.entry_time,
                        t.entry_price,
                        t.exit_time,
                        t.exit_price,
                        t.qty,
                        t.pnl,
                        t.exit_reason
                    );
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_specs() {
        assert_eq!(parse_grid("fast=5..50:5").unwrap().1.len(), 10);
        assert_eq!(parse_grid("slow=20..200:10").unwrap().1.len(), 19);
        assert_eq!(parse_grid("k=1..2:0.5").unwrap().1, vec![1.0, 1.5, 2.0]);
        assert!(parse_grid("fast=5-50").is_err());
        assert!(parse_grid("fast=50..5:5").is_err());
        let sets = expand(
            &BTreeMap::new(),
            &[
                parse_grid("a=1..2:1").unwrap(),
                parse_grid("b=1..3:1").unwrap(),
            ],
        );
        assert_eq!(sets.len(), 6);
    }
}
