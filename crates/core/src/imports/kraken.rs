//! Kraken trades: `txid,ordertxid,pair,time,type,ordertype,price,cost,fee,
//! vol,margin,misc,ledgers`, pairs in Kraken's names (`XXBTZEUR`,
//! `SOLUSD`). Rows are recognised by their `txid`.

use super::{date, each_row, err, fiat, number, trade, Fields, FileError, Parsed};
use crate::fx::FxOverrides;
use crate::money::Symbol;
use chrono::NaiveDate;

pub(super) const HEADER: &str =
    "txid,ordertxid,pair,time,type,ordertype,price,cost,fee,vol,margin,misc,ledgers";

/// Quotes Kraken appends to a pair, longest first.
const QUOTES: [&str; 9] = [
    "ZUSD", "ZEUR", "USDT", "USDC", "USD", "EUR", "CZK", "XBT", "ETH",
];

/// Kraken's asset names as tickers (`XXBT`, `XBT` → `BTC`; `XETH` → `ETH`).
fn asset(name: &str) -> String {
    let n = name.to_ascii_uppercase();
    let n = if n.len() == 4 && (n.starts_with('X') || n.starts_with('Z')) {
        n[1..].to_owned()
    } else {
        n
    };
    match n.as_str() {
        "XBT" => "BTC".into(),
        "XDG" => "DOGE".into(),
        _ => n,
    }
}

pub(super) fn parse(text: &str, today: NaiveDate) -> Result<Parsed, FileError> {
    let mut rdr = super::reader(text);
    let header = rdr
        .headers()
        .map_err(|e| FileError(format!("unreadable header: {e}")))?
        .clone();
    let cols = super::Columns::new(
        &header,
        &["txid", "pair", "time", "type", "price", "fee", "vol"],
        "Kraken trades",
    )?;
    let mut parsed = Parsed::default();
    each_row(
        text,
        0,
        |line, r| {
            let get = |c: &str| cols.get(r, c);
            let txid = get("txid");
            if txid.is_empty() {
                return Err(err(line, "txid", "is empty"));
            }
            let buy = match get("type").to_ascii_lowercase().as_str() {
                "buy" => true,
                "sell" => false,
                other => {
                    return Err(err(
                        line,
                        "type",
                        format!("must be buy or sell (got {other:?})"),
                    ))
                }
            };
            let pair = get("pair").to_ascii_uppercase();
            let (base, quote) = QUOTES
                .iter()
                .find_map(|q| {
                    pair.strip_suffix(q)
                        .filter(|b| !b.is_empty())
                        .map(|b| (asset(b), q.to_string()))
                })
                .ok_or_else(|| err(line, "pair", format!("unknown pair {pair:?}")))?;
            let currency = fiat(&quote).ok_or_else(|| {
                err(
                    line,
                    "pair",
                    format!(
                        "crypto-to-crypto trade ({base}/{}) is not supported: only USD, EUR and CZK quotes",
                        asset(&quote)
                    ),
                )
            })?;
            let symbol = Symbol::parse(&base).map_err(|e| err(line, "pair", e.rule))?;
            let t = trade(
                line,
                Fields {
                    buy,
                    symbol,
                    amount: number(line, "vol", get("vol"))?,
                    price: number(line, "price", get("price"))?,
                    currency,
                    date: date(line, "time", get("time"), today)?,
                    commission: number(line, "fee", get("fee"))?,
                    source: Some("Kraken".into()),
                    fx: FxOverrides::default(),
                },
                "vol",
                "price",
                "fee",
            )?;
            Ok(Some((t, format!("kraken:{txid}"))))
        },
        &mut parsed,
    )?;
    Ok(parsed)
}
