//! Tables for people, JSON for scripts. JSON keys are the column names of
//! the seed schema; decimals are strings.

use clap::ValueEnum;
use cryptodesk_service::core::rules::Repeat;
use cryptodesk_service::core::{duration_text, Alert, AlertEvent, Holding};
use cryptodesk_service::PollReport;
use rust_decimal::Decimal;
use serde::Serialize;

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns.
    Table,
    /// A JSON array of objects.
    Json,
}

/// Prints `v` as pretty JSON.
pub fn json<T: Serialize + ?Sized>(v: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}

/// Prints aligned columns under `header`.
pub fn table(header: &[&str], rows: Vec<Vec<String>>) {
    let mut width: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for r in &rows {
        for (w, c) in width.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let s: Vec<String> = cells
            .iter()
            .zip(&width)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        println!("{}", s.join("  ").trim_end());
    };
    line(header.iter().map(|h| h.to_string()).collect());
    for r in rows {
        line(r);
    }
}

/// A figure, or a dash when unknown.
pub fn opt(d: Option<Decimal>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "—".into())
}

pub fn holding_added(h: &Holding, format: Format) -> anyhow::Result<()> {
    match format {
        Format::Json => json(std::slice::from_ref(h)),
        Format::Table => {
            println!(
                "added holding {}: {} {} at {} {}",
                h.id, h.amount, h.symbol, h.price_buy, h.base_currency
            );
            Ok(())
        }
    }
}

pub fn alerts(list: &[Alert], format: Format) -> anyhow::Result<()> {
    if format == Format::Json {
        return json(list);
    }
    let now = chrono::Utc::now();
    let rows = list
        .iter()
        .map(|a| {
            let state = if a.is_active && a.snoozed_until.is_some_and(|s| s > now) {
                "snoozed"
            } else if a.is_active {
                "active"
            } else if a.expires_at.is_some_and(|e| e <= now) {
                "expired"
            } else if a.last_fired_at.is_some() && a.repeat == Repeat::Once {
                "fired"
            } else {
                "disabled"
            };
            let mut repeat = a.repeat.as_str().to_owned();
            if a.repeat == Repeat::Every {
                if !a.rearm_band.is_zero() {
                    repeat += &format!(", band {}%", a.rearm_band.normalize());
                }
                if let Some(c) = a.cooldown_secs {
                    repeat += &format!(", cooldown {}", duration_text(c));
                }
            }
            if let Some(e) = a.expires_at {
                repeat += &format!(", until {}", e.format("%Y-%m-%d %H:%M UTC"));
            }
            vec![
                a.id.to_string(),
                a.symbol.to_string(),
                a.describe(),
                repeat,
                state.into(),
                a.message.clone().unwrap_or_default(),
            ]
        })
        .collect();
    table(
        &["ID", "SYMBOL", "RULE", "REPEAT", "STATE", "MESSAGE"],
        rows,
    );
    Ok(())
}

pub fn history(list: &[AlertEvent], format: Format) -> anyhow::Result<()> {
    if format == Format::Json {
        return json(list);
    }
    let rows = list
        .iter()
        .map(|e| {
            vec![
                e.triggered_at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
                e.symbol.to_string(),
                e.rule
                    .clone()
                    .unwrap_or_else(|| format!("{} {}", e.alert_type, e.threshold_price)),
                e.triggered_price.to_string(),
                e.message.clone().unwrap_or_default(),
            ]
        })
        .collect();
    table(&["TRIGGERED", "SYMBOL", "RULE", "PRICE", "MESSAGE"], rows);
    Ok(())
}

pub fn poll_report(r: &PollReport) {
    let mut prices: Vec<_> = r.prices.iter().collect();
    prices.sort();
    for (s, p) in prices {
        println!("{s} {p}");
    }
    for e in &r.fired {
        println!("fired: {} — {}", e.title(), e.body());
    }
    for s in &r.unknown_symbols {
        eprintln!("warning: the exchange does not list {s}USDT");
    }
    for e in &r.notify_errors {
        eprintln!("warning: {e}");
    }
}

/// `db status`.
pub fn database_status(
    s: &cryptodesk_service::dbstatus::DatabaseStatus,
    format: Format,
) -> anyhow::Result<()> {
    if format == Format::Json {
        return json(s);
    }
    println!(
        "database: {} ({})",
        s.server_version
            .as_deref()
            .unwrap_or("SQLite, file not created yet"),
        s.url
    );
    match &s.tier {
        cryptodesk_service::Tier::Sqlite => println!("history tier: SQLite"),
        cryptodesk_service::Tier::Timescaledb { version } => {
            println!("history tier: TimescaleDB {version}")
        }
        cryptodesk_service::Tier::Postgresql { reason } => {
            println!("history tier: plain PostgreSQL (TimescaleDB {reason})")
        }
    }
    if let Some(t) = &s.timescaledb {
        println!(
            "hypertable candles: {} chunks, {} compressed ({} → {} bytes)",
            t.chunks,
            t.compressed_chunks,
            t.before_compression_bytes.unwrap_or(0),
            t.after_compression_bytes.unwrap_or(0)
        );
        for p in &t.policies {
            println!("policy: {p}");
        }
        for a in &t.aggregates {
            println!("continuous aggregate: {a}");
        }
    }
    for o in &s.history_objects {
        println!("history: {o}");
    }
    for m in &s.migrations {
        println!(
            "{} {} {}",
            m.version,
            if m.applied { "applied" } else { "pending" },
            m.description
        );
    }
    Ok(())
}

/// `market stats`.
pub fn market_stats(
    stats: &[cryptodesk_service::stats::MarketStat],
    format: Format,
) -> anyhow::Result<()> {
    if format == Format::Json {
        return json(stats);
    }
    let pct = |p: Option<Decimal>| p.map_or_else(|| "–".to_owned(), |p| format!("{p}%"));
    table(
        &[
            "symbol",
            "price",
            "24h",
            "7d",
            "high 24h",
            "low 24h",
            "volume 24h",
            "updated",
        ],
        stats
            .iter()
            .map(|s| {
                vec![
                    s.symbol.clone(),
                    s.price.to_string(),
                    pct(s.change_24h_pct),
                    pct(s.change_7d_pct),
                    s.high_24h.to_string(),
                    s.low_24h.to_string(),
                    s.volume_24h.to_string(),
                    s.last_updated
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                ]
            })
            .collect(),
    );
    Ok(())
}

/// `db copy`.
pub fn copy_report(
    r: &cryptodesk_service::dbstatus::CopyReport,
    format: Format,
) -> anyhow::Result<()> {
    if format == Format::Json {
        return json(r);
    }
    table(
        &["table", "rows", "in target", "skipped", "checksum"],
        r.tables
            .iter()
            .map(|t| {
                vec![
                    t.table.clone(),
                    t.rows.to_string(),
                    t.target_rows.to_string(),
                    t.skipped.to_string(),
                    match t.checksum_ok {
                        Some(true) => "same".to_owned(),
                        Some(false) => "DIFFERENT".to_owned(),
                        None => "not compared (append)".to_owned(),
                    },
                ]
            })
            .collect(),
    );
    println!(
        "{} into {}",
        if r.verified {
            "copied and verified"
        } else {
            "copied, but the target DIFFERS"
        },
        r.to
    );
    Ok(())
}

/// Says on stderr when `symbol` was stored without the exchange's word
/// (it could not be reached and no catalogue was kept).
pub async fn note_unverified(
    app: &cryptodesk_service::App,
    symbol: &cryptodesk_service::core::Symbol,
) {
    if app
        .unverified_symbols()
        .await
        .is_ok_and(|list| list.contains(symbol))
    {
        eprintln!(
            "note: the exchange cannot be reached; {symbol} is stored unverified (price unknown) \
             and checked when the exchange answers"
        );
    }
}
