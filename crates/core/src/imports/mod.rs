//! Reading transaction files: Cryptodesk's own CSV (which `portfolio
//! export` writes) and the trade exports of Binance, Coinbase and Kraken.
//!
//! Every row becomes a validated buy or sale with a key that recognises it
//! on a re-import (the exchange and its trade id, or the row's content), or
//! an error naming its line, column and reason. Rows that are no trade at
//! all (a Coinbase "Send") are listed as ignored. Nothing here touches a
//! database: the caller stores all rows or none.

mod binance;
mod coinbase;
mod kraken;
mod own;

pub use own::{export, OWN_HEADER};

use crate::fx::FxOverrides;
use crate::money::{self, Currency, Symbol};
use crate::sales::NewSale;
use crate::NewHolding;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A file format `portfolio import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// `portfolio export`'s own CSV.
    Cryptodesk,
    /// Binance spot trade history.
    Binance,
    /// Coinbase transaction history.
    Coinbase,
    /// Kraken trades.
    Kraken,
}

impl Source {
    /// The name used by `--from`.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Cryptodesk => "cryptodesk",
            Source::Binance => "binance",
            Source::Coinbase => "coinbase",
            Source::Kraken => "kraken",
        }
    }

    /// Parses a `--from` value.
    pub fn parse(text: &str) -> Result<Self, money::ValidationError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "cryptodesk" => Ok(Source::Cryptodesk),
            "binance" => Ok(Source::Binance),
            "coinbase" => Ok(Source::Coinbase),
            "kraken" => Ok(Source::Kraken),
            other => Err(money::ValidationError::new(
                "from",
                format!("must be cryptodesk, binance, coinbase or kraken (got {other:?})"),
            )),
        }
    }
}

/// One row that cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RowError {
    /// 1-based line in the file.
    #[ts(type = "number")]
    pub line: u64,
    /// The column's header name (empty for the whole row).
    pub column: String,
    /// Why.
    pub reason: String,
}

/// A trade read from a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Trade {
    /// A buy.
    Buy(NewHolding),
    /// A sale.
    Sell(NewSale),
}

impl Trade {
    /// The asset traded.
    pub fn symbol(&self) -> &Symbol {
        match self {
            Trade::Buy(b) => &b.symbol,
            Trade::Sell(s) => &s.symbol,
        }
    }
}

/// A trade with where it came from and how it is recognised again.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    /// 1-based line in the file.
    pub line: u64,
    /// The trade.
    pub trade: Trade,
    /// `exchange:trade-id`, or `content:HASH#n` for a row without an id.
    pub key: String,
}

/// A file read: its format, the trades, the rows left out and why.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    /// The rows that can be stored, in file order.
    pub rows: Vec<ImportRow>,
    /// The rows that cannot, with line, column and reason.
    pub errors: Vec<RowError>,
    /// Rows that are no trade (transfers, rewards): line and what they were.
    pub ignored: Vec<RowError>,
}

/// A refused file (not a row): unknown header, unreadable text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct FileError(pub String);

/// Reads `text` as `source`, or as the format its header shows.
pub fn parse(
    text: &str,
    source: Option<Source>,
    today: NaiveDate,
) -> Result<(Source, Parsed), FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let source = match source {
        Some(s) => s,
        None => detect(text).ok_or_else(|| {
            FileError(format!(
                "unknown file: the header is not Cryptodesk's ({}), Binance's, Coinbase's or Kraken's",
                OWN_HEADER
            ))
        })?,
    };
    let parsed = match source {
        Source::Cryptodesk => own::parse(text, today)?,
        Source::Binance => binance::parse(text, today)?,
        Source::Coinbase => coinbase::parse(text, today)?,
        Source::Kraken => kraken::parse(text, today)?,
    };
    Ok((source, parsed))
}

/// The format whose header the file starts with (Coinbase's after its
/// preamble).
fn detect(text: &str) -> Option<Source> {
    let first = text.lines().find(|l| !l.trim().is_empty())?.trim();
    if first.starts_with(OWN_HEADER) {
        return Some(Source::Cryptodesk);
    }
    if first.starts_with(binance::HEADER) {
        return Some(Source::Binance);
    }
    if first.starts_with(kraken::HEADER) {
        return Some(Source::Kraken);
    }
    coinbase::header_line(text).map(|_| Source::Coinbase)
}

/// A CSV reader over `text` (quotes, CRLF, ragged rows allowed).
fn reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes())
}

/// The columns of a header row, by name; refuses a header missing any of
/// `needed`.
struct Columns {
    names: Vec<String>,
}

impl Columns {
    fn new(header: &csv::StringRecord, needed: &[&str], what: &str) -> Result<Self, FileError> {
        let names: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
        let missing: Vec<&str> = needed
            .iter()
            .copied()
            .filter(|n| !names.iter().any(|h| h == n))
            .collect();
        if !missing.is_empty() {
            return Err(FileError(format!(
                "not a {what} file: the header lacks {}",
                missing.join(", ")
            )));
        }
        Ok(Columns { names })
    }

    fn get<'r>(&self, row: &'r csv::StringRecord, name: &str) -> &'r str {
        self.names
            .iter()
            .position(|h| h == name)
            .and_then(|i| row.get(i))
            .unwrap_or("")
    }
}

/// Builds a row error.
fn err(line: u64, column: &str, reason: impl Into<String>) -> RowError {
    RowError {
        line,
        column: column.to_owned(),
        reason: reason.into(),
    }
}

/// A decimal cell: plain digits, optionally `$`/`€` and thousands commas
/// (Coinbase), more than 8 decimals rounded to 8.
fn number(line: u64, column: &str, text: &str) -> Result<Decimal, RowError> {
    let t: String = text
        .trim()
        .trim_start_matches(['$', '€'])
        .chars()
        .filter(|c| *c != ',')
        .collect();
    let d = Decimal::from_str_exact(&t)
        .or_else(|_| Decimal::from_scientific(&t))
        .map_err(|_| err(line, column, format!("not a number: {text:?}")))?;
    money::check_decimal("value", money::round_money(d)).map_err(|e| err(line, column, e.rule))
}

/// The fiat a quote currency counts as: stablecoins and USD as USD, EUR and
/// CZK as themselves; anything else is crypto.
fn fiat(quote: &str) -> Option<Currency> {
    match quote.to_ascii_uppercase().as_str() {
        "USDT" | "USDC" | "BUSD" | "USD" | "ZUSD" => Some(Currency::Usd),
        "EUR" | "ZEUR" => Some(Currency::Eur),
        "CZK" => Some(Currency::Czk),
        _ => None,
    }
}

/// The date of a timestamp cell (`2024-03-15 10:22:01`, `2024-03-15T10:22:01Z`,
/// `2024-03-15 10:22:01 UTC`, `2024-03-15`), checked like a typed date.
fn date(line: u64, column: &str, text: &str, today: NaiveDate) -> Result<NaiveDate, RowError> {
    let day = text.trim().get(..10).unwrap_or("");
    money::parse_date("date", day, today)
        .map_err(|e| err(line, column, format!("{} ({text:?})", e.rule)))
}

/// What a parsed cell set needs to become a trade.
struct Fields {
    buy: bool,
    symbol: Symbol,
    amount: Decimal,
    price: Decimal,
    currency: Currency,
    date: NaiveDate,
    commission: Decimal,
    source: Option<String>,
    fx: FxOverrides,
}

/// Checks the amounts and builds the trade (errors name their column).
fn trade(
    line: u64,
    f: Fields,
    amount_col: &str,
    price_col: &str,
    fee_col: &str,
) -> Result<Trade, RowError> {
    if f.amount <= Decimal::ZERO {
        return Err(err(
            line,
            amount_col,
            format!("must be > 0 (got {})", f.amount),
        ));
    }
    if f.price <= Decimal::ZERO {
        return Err(err(
            line,
            price_col,
            format!("must be > 0 (got {})", f.price),
        ));
    }
    if f.commission < Decimal::ZERO {
        return Err(err(
            line,
            fee_col,
            format!("must be >= 0 (got {})", f.commission),
        ));
    }
    Ok(if f.buy {
        Trade::Buy(NewHolding {
            symbol: f.symbol,
            amount: f.amount,
            price_buy: f.price,
            base_currency: f.currency,
            purchase_date: Some(f.date),
            commission: f.commission,
            source: f.source,
            fx: f.fx,
        })
    } else {
        Trade::Sell(NewSale {
            symbol: f.symbol,
            amount: f.amount,
            price: f.price,
            currency: f.currency,
            date: f.date,
            commission: f.commission,
            source: f.source,
            fx: f.fx,
        })
    })
}

/// Keys rows without an exchange id by their content, numbering repeats
/// within the file, so a re-import recognises each and two identical rows
/// stay two.
#[derive(Default)]
struct ContentKeys(std::collections::HashMap<String, u32>);

impl ContentKeys {
    fn key(&mut self, cells: &csv::StringRecord) -> String {
        let joined: Vec<&str> = cells.iter().collect();
        let hash = blake3::hash(joined.join("\u{1f}").as_bytes()).to_hex();
        let hash = &hash.as_str()[..24];
        let n = self.0.entry(hash.to_owned()).or_default();
        *n += 1;
        format!("content:{hash}#{n}")
    }
}

/// Reads data rows after the header with `row`, collecting errors.
fn each_row(
    text: &str,
    line_offset: u64,
    mut row: impl FnMut(u64, &csv::StringRecord) -> Result<Option<(Trade, String)>, RowError>,
    parsed: &mut Parsed,
) -> Result<(), FileError> {
    let mut rdr = reader(text);
    let mut record = csv::StringRecord::new();
    // Lines counted from byte offsets (the reader's own count is off on
    // CRLF files).
    let (mut counted_to, mut lines) = (0_usize, 1_u64);
    let mut line_at = |byte: u64| {
        // A CRLF record starts at the \n of the terminator before it.
        let byte = (byte as usize + 1).min(text.len());
        if byte >= counted_to {
            lines += text.as_bytes()[counted_to..byte]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64;
            counted_to = byte;
        }
        lines + line_offset
    };
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = line_at(record.position().map_or(0, |p| p.byte()));
                if record.iter().all(|c| c.is_empty()) {
                    continue;
                }
                match row(line, &record) {
                    Ok(Some((trade, key))) => parsed.rows.push(ImportRow { line, trade, key }),
                    Ok(None) => {}
                    Err(e) if e.column == "(ignored)" => parsed.ignored.push(RowError {
                        column: String::new(),
                        ..e
                    }),
                    Err(e) => parsed.errors.push(e),
                }
            }
            Err(e) => {
                let line = line_at(e.position().map_or(0, |p| p.byte()));
                parsed
                    .errors
                    .push(err(line, "", format!("unreadable row: {e}")));
            }
        }
    }
    Ok(())
}

/// A row that is no trade: listed, not an error.
fn ignored(line: u64, what: impl Into<String>) -> RowError {
    err(line, "(ignored)", what)
}

#[cfg(test)]
mod tests;
