//! Coinbase transaction history: a preamble, then the header
//! `Timestamp,Transaction Type,Asset,Quantity Transacted,Spot Price Currency,
//! Spot Price at Transaction,Subtotal,Total (inclusive of fees and/or
//! spread),Fees and/or Spread,Notes`, or the newer variant with `ID,` first
//! and `Price Currency`, `Price at Transaction`. Buys and sells are
//! imported; transfers and rewards are listed as ignored; conversions are
//! crypto-to-crypto and refused.

use super::{
    date, each_row, err, fiat, ignored, number, trade, ContentKeys, Fields, FileError, Parsed,
};
use crate::fx::FxOverrides;
use crate::money::Symbol;
use chrono::NaiveDate;

/// The byte offset and line number (0-based) of the header line.
pub(super) fn header_line(text: &str) -> Option<(usize, u64)> {
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let l = line.trim_start_matches('"');
        if l.starts_with("Timestamp,Transaction Type")
            || l.starts_with("ID,Timestamp,Transaction Type")
        {
            return Some((offset, n as u64));
        }
        offset += line.len();
    }
    None
}

pub(super) fn parse(text: &str, today: NaiveDate) -> Result<Parsed, FileError> {
    let (offset, lines_before) = header_line(text).ok_or_else(|| {
        FileError(
            "not a Coinbase transaction history: no `Timestamp,Transaction Type,…` header".into(),
        )
    })?;
    let body = &text[offset..];
    let mut rdr = super::reader(body);
    let header = rdr
        .headers()
        .map_err(|e| FileError(format!("unreadable header: {e}")))?
        .clone();
    let newer = header.iter().any(|h| h == "Price Currency");
    let (cur_col, price_col) = if newer {
        ("Price Currency", "Price at Transaction")
    } else {
        ("Spot Price Currency", "Spot Price at Transaction")
    };
    let cols = super::Columns::new(
        &header,
        &[
            "Timestamp",
            "Transaction Type",
            "Asset",
            "Quantity Transacted",
            cur_col,
            price_col,
            "Fees and/or Spread",
        ],
        "Coinbase transaction history",
    )?;
    let has_id = header.iter().any(|h| h == "ID");
    let mut keys = ContentKeys::default();
    let mut parsed = Parsed::default();
    each_row(
        body,
        lines_before,
        |line, r| {
            let get = |c: &str| cols.get(r, c);
            let kind = get("Transaction Type");
            let buy = match kind.to_ascii_lowercase().as_str() {
                "buy" | "advanced trade buy" => true,
                "sell" | "advanced trade sell" => false,
                "convert" => {
                    return Err(err(
                        line,
                        "Transaction Type",
                        "crypto-to-crypto trade (Convert) is not supported",
                    ))
                }
                _ => return Err(ignored(line, format!("{kind}: not a buy or sell"))),
            };
            let quote = get(cur_col).to_ascii_uppercase();
            let currency = fiat(&quote).ok_or_else(|| {
                err(
                    line,
                    cur_col,
                    format!("crypto-to-crypto trade (priced in {quote}) is not supported: only USD, EUR and CZK"),
                )
            })?;
            let symbol = Symbol::parse(get("Asset")).map_err(|e| err(line, "Asset", e.rule))?;
            let fee = get("Fees and/or Spread");
            let t = trade(
                line,
                Fields {
                    buy,
                    symbol,
                    amount: number(line, "Quantity Transacted", get("Quantity Transacted"))?,
                    price: number(line, price_col, get(price_col))?,
                    currency,
                    date: date(line, "Timestamp", get("Timestamp"), today)?,
                    commission: if fee.is_empty() {
                        rust_decimal::Decimal::ZERO
                    } else {
                        number(line, "Fees and/or Spread", fee)?
                    },
                    source: Some("Coinbase".into()),
                    fx: FxOverrides::default(),
                },
                "Quantity Transacted",
                price_col,
                "Fees and/or Spread",
            )?;
            let key = match get("ID") {
                id if has_id && !id.is_empty() => format!("coinbase:{id}"),
                _ => format!("coinbase:{}", keys.key(r)),
            };
            Ok(Some((t, key)))
        },
        &mut parsed,
    )?;
    Ok(parsed)
}
