//! Binance spot trade history: `Date(UTC),Pair,Side,Price,Executed,Amount,Fee`,
//! amounts carrying their unit (`0.18SOL`, `27.09USDT`). No trade ids: rows
//! are recognised by their content.

use super::{
    date, each_row, err, fiat, number, trade, ContentKeys, Fields, FileError, Parsed, RowError,
};
use crate::fx::FxOverrides;
use crate::money::Symbol;
use chrono::NaiveDate;
use rust_decimal::Decimal;

pub(super) const HEADER: &str = "Date(UTC),Pair,Side,Price,Executed,Amount,Fee";

/// `0.18SOL` → (0.18, `SOL`).
fn with_unit(line: u64, column: &str, text: &str) -> Result<(Decimal, String), RowError> {
    let t = text.trim();
    let split = t
        .find(|c: char| c.is_ascii_alphabetic())
        .ok_or_else(|| err(line, column, format!("no unit in {text:?}")))?;
    let (num, unit) = t.split_at(split);
    Ok((number(line, column, num)?, unit.to_ascii_uppercase()))
}

pub(super) fn parse(text: &str, today: NaiveDate) -> Result<Parsed, FileError> {
    let mut rdr = super::reader(text);
    let header = rdr
        .headers()
        .map_err(|e| FileError(format!("unreadable header: {e}")))?
        .clone();
    let cols = super::Columns::new(
        &header,
        &[
            "Date(UTC)",
            "Pair",
            "Side",
            "Price",
            "Executed",
            "Amount",
            "Fee",
        ],
        "Binance trade history",
    )?;
    let mut keys = ContentKeys::default();
    let mut parsed = Parsed::default();
    each_row(
        text,
        0,
        |line, r| {
            let get = |c: &str| cols.get(r, c);
            let buy = match get("Side").to_ascii_uppercase().as_str() {
                "BUY" => true,
                "SELL" => false,
                other => {
                    return Err(err(
                        line,
                        "Side",
                        format!("must be BUY or SELL (got {other:?})"),
                    ))
                }
            };
            let (amount, base) = with_unit(line, "Executed", get("Executed"))?;
            let pair = get("Pair").to_ascii_uppercase();
            let quote = pair
                .strip_prefix(&base)
                .filter(|q| !q.is_empty())
                .ok_or_else(|| err(line, "Pair", format!("{pair:?} does not start with {base}")))?
                .to_owned();
            let currency = fiat(&quote).ok_or_else(|| {
                err(
                    line,
                    "Pair",
                    format!("crypto-to-crypto trade ({base}/{quote}) is not supported: only USD, EUR and CZK quotes"),
                )
            })?;
            let symbol = Symbol::parse(&base).map_err(|e| err(line, "Pair", e.rule))?;
            let price = number(line, "Price", get("Price"))?;
            let (fee, fee_unit) = with_unit(line, "Fee", get("Fee"))?;
            // A fee in the quote is the commission; one in the asset is
            // worth its price; one in a third asset (BNB) is not counted.
            let commission = if fee_unit == quote {
                fee
            } else if fee_unit == base {
                crate::money::round_money(fee * price)
            } else {
                Decimal::ZERO
            };
            let t = trade(
                line,
                Fields {
                    buy,
                    symbol,
                    amount,
                    price,
                    currency,
                    date: date(line, "Date(UTC)", get("Date(UTC)"), today)?,
                    commission,
                    source: Some("Binance".into()),
                    fx: FxOverrides::default(),
                },
                "Executed",
                "Price",
                "Fee",
            )?;
            Ok(Some((t, format!("binance:{}", keys.key(r)))))
        },
        &mut parsed,
    )?;
    Ok(parsed)
}
