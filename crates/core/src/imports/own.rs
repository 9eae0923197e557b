//! Cryptodesk's own transaction CSV: what `portfolio export` writes and
//! `portfolio import` reads back exactly (export → import into an empty
//! database → export gives the same file).

use super::{date, each_row, err, number, trade, ContentKeys, Fields, FileError, Parsed};
use crate::fx::FxOverrides;
use crate::money::{Currency, Symbol};
use crate::summary::{Transaction, TxKind};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The header of the own format.
pub const OWN_HEADER: &str =
    "kind,date,symbol,amount,price,currency,commission,source,fx_rate_eur,fx_rate_czk,import_key";

fn text(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Every transaction as the own CSV, in the order given. Keys that only
/// hash a row's content are left out (the row's content gives them back).
pub fn export(rows: &[Transaction]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut out = String::from(OWN_HEADER);
    out.push('\n');
    for t in rows {
        let key = t
            .import_key
            .as_deref()
            .filter(|k| !k.starts_with("content:"))
            .unwrap_or("");
        let record = [
            match t.kind {
                TxKind::Buy => "buy".to_owned(),
                TxKind::Sell => "sell".to_owned(),
            },
            t.date.to_string(),
            t.symbol.to_string(),
            text(t.amount),
            text(t.price),
            t.currency.code().to_owned(),
            text(t.commission),
            t.source.clone().unwrap_or_default(),
            t.fx_rate_eur.map(text).unwrap_or_default(),
            t.fx_rate_czk.map(text).unwrap_or_default(),
            key.to_owned(),
        ];
        // Writing to memory cannot fail.
        let _ = w.write_record(&record);
    }
    let body = w.into_inner().unwrap_or_default();
    out.push_str(&String::from_utf8_lossy(&body));
    out
}

pub(super) fn parse(text: &str, today: NaiveDate) -> Result<Parsed, FileError> {
    let mut rdr = super::reader(text);
    let header = rdr
        .headers()
        .map_err(|e| FileError(format!("unreadable header: {e}")))?
        .clone();
    let needed: Vec<&str> = OWN_HEADER.split(',').collect();
    let cols = super::Columns::new(&header, &needed, "Cryptodesk")?;
    let mut keys = ContentKeys::default();
    let mut parsed = Parsed::default();
    each_row(
        text,
        0,
        |line, r| {
            let get = |c: &str| cols.get(r, c);
            let buy = match get("kind") {
                "buy" => true,
                "sell" => false,
                other => {
                    return Err(err(
                        line,
                        "kind",
                        format!("must be buy or sell (got {other:?})"),
                    ))
                }
            };
            let currency = Currency::parse("currency", get("currency"))
                .map_err(|e| err(line, "currency", e.rule))?;
            let symbol = Symbol::parse(get("symbol")).map_err(|e| err(line, "symbol", e.rule))?;
            let rate = |c: &str| -> Result<Option<Decimal>, super::RowError> {
                match get(c) {
                    "" => Ok(None),
                    v => {
                        let d = number(line, c, v)?;
                        if d <= Decimal::ZERO {
                            return Err(err(line, c, format!("must be > 0 (got {v})")));
                        }
                        Ok(Some(d))
                    }
                }
            };
            let fx = FxOverrides {
                eur: rate("fx_rate_eur")?,
                czk: rate("fx_rate_czk")?,
            };
            let source = match get("source") {
                "" => None,
                s if s.chars().count() > crate::MAX_SOURCE_CHARS => {
                    return Err(err(
                        line,
                        "source",
                        format!("must be at most {} characters", crate::MAX_SOURCE_CHARS),
                    ))
                }
                s => Some(s.to_owned()),
            };
            let t = trade(
                line,
                Fields {
                    buy,
                    symbol,
                    amount: number(line, "amount", get("amount"))?,
                    price: number(line, "price", get("price"))?,
                    currency,
                    date: date(line, "date", get("date"), today)?,
                    commission: match get("commission") {
                        "" => Decimal::ZERO,
                        c => number(line, "commission", c)?,
                    },
                    source,
                    fx,
                },
                "amount",
                "price",
                "commission",
            )?;
            let key = match get("import_key") {
                "" => keys.key(r),
                k => k.to_owned(),
            };
            Ok(Some((t, key)))
        },
        &mut parsed,
    )?;
    Ok(parsed)
}
