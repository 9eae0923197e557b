use super::*;
use rust_decimal_macros::dec;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn buy(r: &ImportRow) -> &NewHolding {
    match &r.trade {
        Trade::Buy(b) => b,
        Trade::Sell(_) => panic!("line {} is a sale", r.line),
    }
}

fn sell(r: &ImportRow) -> &NewSale {
    match &r.trade {
        Trade::Sell(s) => s,
        Trade::Buy(_) => panic!("line {} is a buy", r.line),
    }
}

const BINANCE: &str = "\u{feff}Date(UTC),Pair,Side,Price,Executed,Amount,Fee\r\n\
2024-03-15 10:22:01,SOLUSDT,BUY,150.5,0.18SOL,27.09USDT,0.0271USDT\r\n\
2024-04-01 08:00:00,BTCEUR,BUY,60000,0.01BTC,600EUR,0.00001BTC\r\n\
2024-05-02 09:30:00,ETHBTC,SELL,0.05,1ETH,0.05BTC,0.00005BTC\r\n\
2024-06-03 12:00:00,SOLUSDT,SELL,170,0.18SOL,30.6USDT,0.0001BNB\r\n\
2024-06-04 12:00:00,SOLUSDT,HOLD,170,0.18SOL,30.6USDT,0.0001BNB\r\n";

#[test]
fn binance_with_bom_crlf_units_and_broken_rows() {
    let (src, p) = parse(BINANCE, None, today()).unwrap();
    assert_eq!(src, Source::Binance);
    assert_eq!(p.rows.len(), 3, "{:?}", p.errors);
    let sol = buy(&p.rows[0]);
    assert_eq!(
        (sol.symbol.as_str(), sol.amount, sol.price_buy),
        ("SOL", dec!(0.18), dec!(150.5))
    );
    assert_eq!(
        (sol.base_currency, sol.commission),
        (Currency::Usd, dec!(0.0271))
    );
    assert_eq!(sol.purchase_date, NaiveDate::from_ymd_opt(2024, 3, 15));
    // A fee in the asset is worth its price; one in BNB is not counted.
    assert_eq!(buy(&p.rows[1]).commission, dec!(0.6));
    assert_eq!(buy(&p.rows[1]).base_currency, Currency::Eur);
    assert_eq!(sell(&p.rows[2]).commission, dec!(0));
    assert_eq!(p.rows[2].line, 5);
    let errors: Vec<(u64, &str)> = p
        .errors
        .iter()
        .map(|e| (e.line, e.column.as_str()))
        .collect();
    assert_eq!(errors, [(4, "Pair"), (6, "Side")]);
    assert!(
        p.errors[0].reason.contains("crypto-to-crypto"),
        "{}",
        p.errors[0].reason
    );
    // The same rows get the same keys again; identical rows stay apart.
    let (_, again) = parse(BINANCE, None, today()).unwrap();
    assert_eq!(p.rows[0].key, again.rows[0].key);
    let twice =
        format!("{BINANCE}2024-03-15 10:22:01,SOLUSDT,BUY,150.5,0.18SOL,27.09USDT,0.0271USDT\n");
    let (_, t) = parse(&twice, None, today()).unwrap();
    assert_ne!(t.rows[0].key, t.rows[3].key);
}

const COINBASE: &str = "\"You can use this transaction report to inform your likely tax obligations.\"\n\
\n\
Transactions\n\
User,jane@example.com,abc123\n\
Timestamp,Transaction Type,Asset,Quantity Transacted,Spot Price Currency,Spot Price at Transaction,Subtotal,Total (inclusive of fees and/or spread),Fees and/or Spread,Notes\n\
2024-03-15T10:22:01Z,Buy,BTC,0.01,EUR,\"60,000.00\",600,605.99,5.99,\"Bought 0.01 BTC for €605.99 EUR\"\n\
2024-04-15T10:22:01Z,Send,BTC,0.001,EUR,61000,,,,\"Sent 0.001 BTC\"\n\
2024-05-15T10:22:01Z,Convert,ETH,1,EUR,3000,,,,\"Converted 1 ETH to 0.05 BTC\"\n\
2024-06-15T10:22:01Z,Sell,BTC,0.005,EUR,65000,325,320,5,\"Sold\"\n\
2099-06-15T10:22:01Z,Sell,BTC,0.005,EUR,65000,325,320,5,\"Future\"\n";

#[test]
fn coinbase_preamble_quotes_and_kinds() {
    let (src, p) = parse(COINBASE, None, today()).unwrap();
    assert_eq!(src, Source::Coinbase);
    assert_eq!(p.rows.len(), 2);
    let b = buy(&p.rows[0]);
    assert_eq!(
        (b.amount, b.price_buy, b.commission),
        (dec!(0.01), dec!(60000), dec!(5.99))
    );
    assert_eq!(p.rows[0].line, 6);
    assert_eq!(sell(&p.rows[1]).amount, dec!(0.005));
    assert_eq!(p.ignored.len(), 1);
    assert_eq!(p.ignored[0].line, 7);
    let errors: Vec<(u64, &str)> = p
        .errors
        .iter()
        .map(|e| (e.line, e.column.as_str()))
        .collect();
    assert_eq!(errors, [(8, "Transaction Type"), (10, "Timestamp")]);
}

#[test]
fn coinbase_with_ids_keys_by_id() {
    let text = "ID,Timestamp,Transaction Type,Asset,Quantity Transacted,Price Currency,Price at Transaction,Subtotal,Total (inclusive of fees and/or spread),Fees and/or Spread,Notes\n\
67e0eaec07d7,2025-01-10 10:00:00 UTC,Advanced Trade Buy,ETH,0.5,USD,$3300.10,$1650.05,$1660.05,$10.00,\n";
    let (_, p) = parse(text, Some(Source::Coinbase), today()).unwrap();
    assert_eq!(p.rows[0].key, "coinbase:67e0eaec07d7");
    assert_eq!(buy(&p.rows[0]).price_buy, dec!(3300.1));
    assert_eq!(buy(&p.rows[0]).commission, dec!(10));
}

const KRAKEN: &str =
    "txid,ordertxid,pair,time,type,ordertype,price,cost,fee,vol,margin,misc,ledgers\n\
TXA-1,OA-1,XXBTZEUR,2025-03-01 09:00:00.1234,sell,limit,60000,12000,5,0.2,0,,\"LA,LB\"\n\
TXA-2,OA-2,SOLUSD,2025-03-02 09:00:00,buy,market,150,150,0.3,1,0,,\n\
TXA-3,OA-3,ETHXBT,2025-03-03 09:00:00,buy,market,0.05,0.05,0,1,0,,\n\
,OA-4,SOLUSD,2025-03-04 09:00:00,buy,market,150,150,0.3,1,0,,\n\
TXA-5,OA-5,SOLUSD,2025-03-05 09:00:00,buy,market,-1,150,0.3,1,0,,\n";

#[test]
fn kraken_pairs_ids_and_broken_rows() {
    let (src, p) = parse(KRAKEN, None, today()).unwrap();
    assert_eq!(src, Source::Kraken);
    assert_eq!(p.rows.len(), 2);
    let s = sell(&p.rows[0]);
    assert_eq!(
        (s.symbol.as_str(), s.currency, s.amount, s.commission),
        ("BTC", Currency::Eur, dec!(0.2), dec!(5))
    );
    assert_eq!(p.rows[0].key, "kraken:TXA-1");
    assert_eq!(buy(&p.rows[1]).symbol.as_str(), "SOL");
    let errors: Vec<(u64, &str)> = p
        .errors
        .iter()
        .map(|e| (e.line, e.column.as_str()))
        .collect();
    assert_eq!(errors, [(4, "pair"), (5, "txid"), (6, "price")]);
}

#[test]
fn unknown_headers_are_refused() {
    let e = parse("a,b,c\n1,2,3\n", None, today()).unwrap_err();
    assert!(e.0.contains("unknown file"), "{e}");
    let e = parse("a,b,c\n1,2,3\n", Some(Source::Kraken), today()).unwrap_err();
    assert!(e.0.contains("txid"), "{e}");
}

#[test]
fn own_format_reads_what_it_writes() {
    let text = format!(
        "{OWN_HEADER}\n\
buy,2024-03-15,BTC,0.5,60000,EUR,10,\"Kraken, main\",,,\n\
sell,2025-06-02,BTC,0.6,80000,USD,20,,0.9,,kraken:TX-1\n\
buy,2024-03-15,BTC,0.5,60000,EUR,10,\"Kraken, main\",,,\n\
buy,2024-03-15,BTC,0,60000,EUR,10,,,,\n"
    );
    let (src, p) = parse(&text, None, today()).unwrap();
    assert_eq!(src, Source::Cryptodesk);
    assert_eq!(p.rows.len(), 3);
    assert_eq!(buy(&p.rows[0]).source.as_deref(), Some("Kraken, main"));
    assert_eq!(sell(&p.rows[1]).fx.eur, Some(dec!(0.9)));
    assert_eq!(p.rows[1].key, "kraken:TX-1");
    assert_ne!(p.rows[0].key, p.rows[2].key, "identical rows stay two");
    assert_eq!(
        (p.errors[0].line, p.errors[0].column.as_str()),
        (5, "amount")
    );
}
