//! `cryptodesk portfolio …` and `cryptodesk fx rates`: buys, sales, lots
//! and P&L in USD, EUR and CZK.

use crate::output::{self, opt, Format};
use anyhow::Context;
use chrono::Utc;
use clap::Subcommand;
use cryptodesk_service::core::fx::CURRENCIES;
use cryptodesk_service::core::imports::Source;
use cryptodesk_service::core::lots::Method;
use cryptodesk_service::core::portfolio::{Figures, Summary, Total3, Transaction, Valuation};
use cryptodesk_service::core::{Currency, HoldingId, HoldingInput, SaleId, SaleInput};
use cryptodesk_service::imports::ImportReport;
use cryptodesk_service::App;
use rust_decimal::Decimal;
use serde_json::json;

/// `portfolio …` subcommands.
#[derive(Subcommand)]
pub enum PortfolioCmd {
    /// Add a holding (a buy).
    Add {
        /// The buy.
        #[command(flatten)]
        trade: TradeArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Record a sale; refused if it sells more than was held at its date.
    Sell {
        /// The sale.
        #[command(flatten)]
        trade: TradeArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// List holdings (one row per buy) with what remains of each, values,
    /// costs and P&L in USD, EUR and CZK.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Every buy and sale in the order they apply.
    Transactions {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Per asset and in total: held, cost, value, unrealized and realized P&L.
    Summary {
        /// Cost-basis method (default: the CRYPTODESK_COST_BASIS setting, fifo).
        #[arg(long)]
        method: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Write every transaction to FILE as Cryptodesk's own CSV.
    Export {
        /// The file to write.
        file: std::path::PathBuf,
    },
    /// Import transactions from FILE: all rows or none, every bad row listed
    /// with its line, column and reason; rows already imported are skipped.
    Import {
        /// The CSV file.
        file: std::path::PathBuf,
        /// cryptodesk, binance, coinbase or kraken (default: from the header).
        #[arg(long)]
        from: Option<String>,
        /// Show what would be stored; store nothing.
        #[arg(long)]
        dry_run: bool,
        /// Store the valid rows and list the others.
        #[arg(long)]
        skip_invalid: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Remove a holding by id (refused if a later sale would then oversell).
    Remove {
        /// Holding id.
        id: i64,
    },
    /// Remove a sale by id.
    RemoveSale {
        /// Sale id.
        id: i64,
    },
}

/// The flags of a buy or a sale (`portfolio add`, `portfolio sell`).
#[derive(clap::Args)]
pub struct TradeArgs {
    /// Asset ticker, e.g. BTC.
    #[arg(long)]
    symbol: String,
    /// Quantity bought or sold.
    #[arg(long, allow_hyphen_values = true)]
    amount: String,
    /// Price per unit.
    #[arg(long, allow_hyphen_values = true)]
    price: String,
    /// Currency of the price: USD, EUR or CZK.
    #[arg(long, default_value = "USD")]
    currency: String,
    /// Date, YYYY-MM-DD (default: today).
    #[arg(long)]
    date: Option<String>,
    /// Fee paid, in the same currency.
    #[arg(long, allow_hyphen_values = true)]
    commission: Option<String>,
    /// Exchange or wallet.
    #[arg(long)]
    source: Option<String>,
    /// Rate actually paid, CUR=R (units of CUR per 1 USD), e.g.
    /// EUR=0.9214; repeatable. Replaces the fetched rate for this trade.
    #[arg(long = "fx-rate", value_name = "CUR=RATE", allow_hyphen_values = true)]
    fx_rate: Vec<String>,
}

/// `fx …` subcommands.
#[derive(Subcommand)]
pub enum FxCmd {
    /// R_EUR and R_CZK (units per 1 USD) and the date they are valid for.
    Rates {
        /// The rates of this date (YYYY-MM-DD) instead of the latest.
        #[arg(long)]
        date: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

/// Runs a `portfolio` subcommand.
pub async fn run(app: &App, cmd: PortfolioCmd) -> anyhow::Result<()> {
    match cmd {
        PortfolioCmd::Add { trade: t, format } => {
            let h = app
                .add_holding(HoldingInput {
                    symbol: t.symbol,
                    amount: t.amount,
                    price: t.price,
                    currency: t.currency,
                    date: t.date,
                    commission: t.commission,
                    source: t.source,
                    fx_rate: t.fx_rate,
                })
                .await?;
            output::note_unverified(app, &h.symbol).await;
            output::holding_added(&h, format)?;
        }
        PortfolioCmd::Sell { trade: t, format } => {
            let s = app
                .sell(SaleInput {
                    symbol: t.symbol,
                    amount: t.amount,
                    price: t.price,
                    currency: t.currency,
                    date: t.date,
                    commission: t.commission,
                    source: t.source,
                    fx_rate: t.fx_rate,
                })
                .await?;
            match format {
                Format::Json => output::json(std::slice::from_ref(&s))?,
                Format::Table => println!(
                    "recorded sale {}: {} {} at {} {} on {}",
                    s.id, s.amount, s.symbol, s.price, s.currency, s.sell_date
                ),
            }
        }
        PortfolioCmd::List { format } => {
            let v = app.portfolio(true).await?;
            list(&v, app.config().display_currency, format)?;
        }
        PortfolioCmd::Transactions { format } => {
            transactions(&app.transactions().await?, format)?;
        }
        PortfolioCmd::Summary { method, format } => {
            let method = method.map(|m| Method::parse("method", &m)).transpose()?;
            let s = app.portfolio_summary(method).await?;
            summary(&s, app.config().display_currency, format)?;
        }
        PortfolioCmd::Export { file } => {
            let csv = app.export_transactions().await?;
            let tmp = file.with_extension("partial");
            std::fs::write(&tmp, csv.as_bytes())
                .and_then(|()| std::fs::rename(&tmp, &file))
                .with_context(|| format!("writing {}", file.display()))?;
            eprintln!(
                "exported {} transaction(s) to {}",
                csv.lines().count().saturating_sub(1),
                file.display()
            );
        }
        PortfolioCmd::Import {
            file,
            from,
            dry_run,
            skip_invalid,
            format,
        } => {
            let source = from.map(|f| Source::parse(&f)).transpose()?;
            let bytes =
                std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let text = String::from_utf8(bytes)
                .map_err(|e| anyhow::anyhow!("{} is not UTF-8 text: {e}", file.display()))?;
            let report = app
                .import_transactions(&text, source, dry_run, skip_invalid)
                .await?;
            import_report(&report, format)?;
            if !report.committed && !dry_run {
                anyhow::bail!(
                    "import refused: {} row(s) cannot be imported; nothing was stored (fix them, or --skip-invalid)",
                    report.errors.len()
                );
            }
        }
        PortfolioCmd::Remove { id } => {
            app.remove_holding(HoldingId(id)).await?;
            eprintln!("removed holding {id}");
        }
        PortfolioCmd::RemoveSale { id } => {
            app.remove_sale(SaleId(id)).await?;
            eprintln!("removed sale {id}");
        }
    }
    Ok(())
}

/// Runs an `fx` subcommand.
pub async fn run_fx(app: &App, cmd: FxCmd) -> anyhow::Result<()> {
    let FxCmd::Rates { date, format } = cmd;
    let (body, line) = match date {
        Some(d) => {
            let day =
                cryptodesk_service::core::money::parse_date("date", &d, Utc::now().date_naive())?;
            let r = app.rates_on(day).await?;
            let body = json!({
                "base": "USD",
                "date": r.published,
                "requested": r.date,
                "rates": {"EUR": r.rates.eur, "CZK": r.rates.czk},
                "provisional": r.provisional,
                "stale": false,
            });
            let note = if r.provisional {
                " (provisional: the rate service is unreachable; nearest earlier known rate)"
            } else {
                ""
            };
            let line = format!(
                "1 USD = {} EUR = {} CZK, valid for {} (published {}){note}",
                r.rates.eur, r.rates.czk, r.date, r.published
            );
            (body, line)
        }
        None => {
            let r = app
                .rates_now(true)
                .await?
                .context("no FX rate is known yet and the rate service cannot be reached")?;
            let body = json!({
                "base": "USD",
                "date": r.date,
                "rates": {"EUR": r.rates.eur, "CZK": r.rates.czk},
                "provisional": false,
                "stale": r.stale,
            });
            let note = if r.stale {
                " (stale: the rate service is unreachable; last known rates)"
            } else {
                ""
            };
            let line = format!(
                "1 USD = {} EUR = {} CZK, valid for {}{note}",
                r.rates.eur, r.rates.czk, r.date
            );
            (body, line)
        }
    };
    match format {
        Format::Json => output::json(&body)?,
        Format::Table => println!("{line}"),
    }
    Ok(())
}

/// The display currency first, then the other two.
fn order(display: Currency) -> [Currency; 3] {
    let mut out = [display; 3];
    let mut i = 1;
    for c in CURRENCIES {
        if c != display {
            out[i] = c;
            i += 1;
        }
    }
    out
}

fn total3(t: &Total3, display: Currency) -> String {
    order(display)
        .map(|c| format!("{} {c}", opt(t.get(c))))
        .join(" · ")
}

fn rates_note(v: Option<&cryptodesk_service::core::fx::LatestRates>) {
    match v {
        Some(r) if r.stale => eprintln!(
            "(FX rates are stale: the rate service is unreachable; using those of {})",
            r.date
        ),
        Some(_) => {}
        None => eprintln!("(no FX rate known yet: EUR and CZK figures are unknown)"),
    }
}

fn list(v: &Valuation, display: Currency, format: Format) -> anyhow::Result<()> {
    if format == Format::Json {
        return output::json(&v.holdings);
    }
    let [d, o1, o2] = order(display);
    let pick = |h: &cryptodesk_service::core::portfolio::ValuedHolding, c: Currency| match c {
        Currency::Usd => (h.value_usd, h.pnl_usd, h.pnl_pct_usd),
        Currency::Eur => (h.value_eur, h.pnl_eur, h.pnl_pct_eur),
        Currency::Czk => (h.value_czk, h.pnl_czk, h.pnl_pct_czk),
    };
    let rows = v
        .holdings
        .iter()
        .map(|x| {
            let h = &x.holding;
            let (value, pnl, pct) = pick(x, d);
            vec![
                h.id.to_string(),
                h.symbol.to_string(),
                h.amount.to_string(),
                x.remaining.to_string(),
                format!("{} {}", h.price_buy, h.base_currency),
                opt(x.current_price),
                opt(value),
                opt(pnl),
                pct.map(|p| format!("{p}%")).unwrap_or_else(|| "—".into()),
                opt(pick(x, o1).1),
                opt(pick(x, o2).1),
                h.purchase_date.map(|d| d.to_string()).unwrap_or_default(),
                h.source.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let (value_h, pnl_h) = (format!("VALUE {d}"), format!("P&L {d}"));
    let (o1_h, o2_h) = (format!("P&L {o1}"), format!("P&L {o2}"));
    output::table(
        &[
            "ID",
            "SYMBOL",
            "AMOUNT",
            "REMAINING",
            "BUY PRICE",
            "PRICE USD",
            &value_h,
            &pnl_h,
            "P&L %",
            &o1_h,
            &o2_h,
            "DATE",
            "SOURCE",
        ],
        rows,
    );
    println!();
    println!(
        "Total value: {}   P&L: {}   (method {})",
        total3(&v.total_value, display),
        total3(&v.total_pnl, display),
        v.method
    );
    if v.unpriced > 0 {
        println!(
            "({} holding(s) without a price: exchange unreachable or asset not listed)",
            v.unpriced
        );
    }
    rates_note(v.rates_now.as_ref());
    Ok(())
}

fn import_report(r: &ImportReport, format: Format) -> anyhow::Result<()> {
    if format == Format::Json {
        return output::json(r);
    }
    if r.dry_run {
        let rows = r
            .rows
            .iter()
            .map(|p| {
                vec![
                    p.line.to_string(),
                    p.kind.clone(),
                    p.date.to_string(),
                    p.symbol.clone(),
                    p.amount.clone(),
                    format!("{} {}", p.price, p.currency),
                    p.commission.clone(),
                    if p.duplicate {
                        "already imported".into()
                    } else {
                        String::new()
                    },
                ]
            })
            .collect();
        output::table(
            &[
                "LINE", "KIND", "DATE", "SYMBOL", "AMOUNT", "PRICE", "FEE", "NOTE",
            ],
            rows,
        );
        println!();
    }
    println!(
        "{} file: {} valid row(s), {} already imported, {} ignored, {} with errors{}",
        r.source.as_str(),
        r.valid,
        r.duplicates,
        r.ignored.len(),
        r.errors.len(),
        if r.committed {
            format!(
                "; stored {} buy(s) and {} sale(s)",
                r.stored_buys, r.stored_sells
            )
        } else if r.dry_run {
            "; dry run, nothing stored".into()
        } else {
            String::new()
        }
    );
    for e in &r.errors {
        eprintln!("line {}, column {:?}: {}", e.line, e.column, e.reason);
    }
    for i in &r.ignored {
        eprintln!("line {}: ignored ({})", i.line, i.reason);
    }
    Ok(())
}

fn transactions(list: &[Transaction], format: Format) -> anyhow::Result<()> {
    if format == Format::Json {
        return output::json(list);
    }
    let rows = list
        .iter()
        .map(|t| {
            let rates = match &t.rates {
                Some(r) => format!(
                    "EUR {} CZK {}{}",
                    r.rates.eur,
                    r.rates.czk,
                    if r.provisional { " (provisional)" } else { "" }
                ),
                None => "unknown".into(),
            };
            vec![
                t.date.to_string(),
                format!("{:?}", t.kind).to_lowercase(),
                t.id.to_string(),
                t.symbol.to_string(),
                t.amount.to_string(),
                format!("{} {}", t.price, t.currency),
                t.commission.to_string(),
                rates,
                opt(t.realized_pnl_usd),
                t.source.clone().unwrap_or_default(),
            ]
        })
        .collect();
    output::table(
        &[
            "DATE",
            "KIND",
            "ID",
            "SYMBOL",
            "AMOUNT",
            "PRICE",
            "FEE",
            "RATES PER USD",
            "REALIZED USD",
            "SOURCE",
        ],
        rows,
    );
    Ok(())
}

fn figure(f: &Figures, what: &str, c: Currency) -> Option<Decimal> {
    match (what, c) {
        ("cost", Currency::Usd) => f.cost_usd,
        ("cost", Currency::Eur) => f.cost_eur,
        ("cost", Currency::Czk) => f.cost_czk,
        ("value", Currency::Usd) => f.value_usd,
        ("value", Currency::Eur) => f.value_eur,
        ("value", Currency::Czk) => f.value_czk,
        ("unrealized", Currency::Usd) => f.unrealized_pnl_usd,
        ("unrealized", Currency::Eur) => f.unrealized_pnl_eur,
        ("unrealized", Currency::Czk) => f.unrealized_pnl_czk,
        (_, Currency::Usd) => f.realized_pnl_usd,
        (_, Currency::Eur) => f.realized_pnl_eur,
        (_, Currency::Czk) => f.realized_pnl_czk,
    }
}

fn summary(s: &Summary, display: Currency, format: Format) -> anyhow::Result<()> {
    if format == Format::Json {
        return output::json(s);
    }
    let cells = |f: &Figures| -> Vec<String> {
        let mut out = Vec::new();
        for what in ["cost", "value", "unrealized", "realized"] {
            out.push(opt(figure(f, what, display)));
        }
        for c in order(display).into_iter().skip(1) {
            out.push(format!(
                "{} / {}",
                opt(figure(f, "unrealized", c)),
                opt(figure(f, "realized", c))
            ));
        }
        out
    };
    let mut rows: Vec<Vec<String>> = s
        .assets
        .iter()
        .map(|a| {
            let mut r = vec![a.symbol.to_string(), a.amount.to_string()];
            r.extend(cells(&a.figures));
            r
        })
        .collect();
    let mut total = vec!["TOTAL".to_owned(), String::new()];
    total.extend(cells(&s.total));
    rows.push(total);
    let [d, o1, o2] = order(display);
    let heads = [
        format!("COST {d}"),
        format!("VALUE {d}"),
        format!("UNREALIZED {d}"),
        format!("REALIZED {d}"),
        format!("UNREAL/REAL {o1}"),
        format!("UNREAL/REAL {o2}"),
    ];
    let mut header = vec!["SYMBOL", "HELD"];
    header.extend(heads.iter().map(String::as_str));
    output::table(&header, rows);
    println!("\nmethod: {}", s.method);
    rates_note(s.rates_now.as_ref());
    Ok(())
}
