//! The portfolio per asset and in total (`portfolio summary`), and the
//! list of transactions (`portfolio transactions`).

use crate::domain::Holding;
use crate::fx::{DatedRates, Money3, CURRENCIES};
use crate::lots::{Ledger, Method};
use crate::money::{mul_div8, round_money, Currency, Symbol};
use crate::portfolio::Market;
use crate::sales::Sale;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// Figures in the three currencies, each null when unknown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Figures {
    /// Cost of the units held, in USD.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub cost_usd: Option<Decimal>,
    /// … in EUR.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub cost_eur: Option<Decimal>,
    /// … in CZK.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub cost_czk: Option<Decimal>,
    /// Value of the units held now, in USD.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub value_usd: Option<Decimal>,
    /// … in EUR.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub value_eur: Option<Decimal>,
    /// … in CZK.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub value_czk: Option<Decimal>,
    /// `value − cost`, in USD.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub unrealized_pnl_usd: Option<Decimal>,
    /// … in EUR.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub unrealized_pnl_eur: Option<Decimal>,
    /// … in CZK.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub unrealized_pnl_czk: Option<Decimal>,
    /// Sum of the P&L realised by sales, in USD.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub realized_pnl_usd: Option<Decimal>,
    /// … in EUR.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub realized_pnl_eur: Option<Decimal>,
    /// … in CZK.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub realized_pnl_czk: Option<Decimal>,
}

impl Figures {
    fn from_parts(
        cost: [Option<Decimal>; 3],
        value: [Option<Decimal>; 3],
        realized: [Option<Decimal>; 3],
    ) -> Self {
        let r = |v: Option<Decimal>| v;
        let u = [0, 1, 2].map(|i| value[i].zip(cost[i]).map(|(v, c)| v - c));
        Figures {
            cost_usd: r(cost[0]),
            cost_eur: r(cost[1]),
            cost_czk: r(cost[2]),
            value_usd: r(value[0]),
            value_eur: r(value[1]),
            value_czk: r(value[2]),
            unrealized_pnl_usd: r(u[0]),
            unrealized_pnl_eur: r(u[1]),
            unrealized_pnl_czk: r(u[2]),
            realized_pnl_usd: r(realized[0]),
            realized_pnl_eur: r(realized[1]),
            realized_pnl_czk: r(realized[2]),
        }
    }
}

/// One asset in the summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AssetSummary {
    /// Asset ticker.
    pub symbol: Symbol,
    /// Units held.
    #[ts(type = "string")]
    #[serde(serialize_with = "crate::money::ser8")]
    pub amount: Decimal,
    /// Latest USD price, if known.
    #[ts(type = "string | null")]
    pub current_price: Option<Decimal>,
    /// Cost, value and P&L.
    #[serde(flatten)]
    pub figures: Figures,
}

/// `portfolio summary`: every asset and the total, under one method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Summary {
    /// The cost-basis method.
    pub method: Method,
    /// Per asset, by symbol.
    pub assets: Vec<AssetSummary>,
    /// Sums over the assets (value, cost and unrealized P&L over the priced
    /// ones).
    pub total: Figures,
    /// Assets held but without a price (left out of the total's value).
    #[ts(type = "number")]
    pub unpriced: usize,
    /// The rates values are converted at.
    pub rates_now: Option<crate::fx::LatestRates>,
}

/// Sums per asset and in total. `unknown` names the assets with a trade
/// whose rates are unknown, with whether its USD figures are unknown too.
pub fn summarize(
    ledger: &Ledger,
    market: &Market,
    method: Method,
    unknown: &BTreeMap<Symbol, bool>,
) -> Summary {
    let now = market.rates.map(|r| r.rates);
    let known = |sym: &Symbol, c: Currency| match unknown.get(sym) {
        None => true,
        Some(usd_too) => c == Currency::Usd && !usd_too,
    };
    let mut total_cost = [Some(Decimal::ZERO); 3];
    let mut total_value = [Some(Decimal::ZERO); 3];
    let mut total_realized = [Some(Decimal::ZERO); 3];
    let mut unpriced = 0;
    let add = |t: &mut [Option<Decimal>; 3], v: [Option<Decimal>; 3]| {
        for i in 0..3 {
            t[i] = t[i].zip(v[i]).map(|(a, b)| a + b);
        }
    };
    let assets = ledger
        .positions
        .iter()
        .map(|(sym, p)| {
            let price = market.prices.get(sym).copied();
            let pick = |m: Money3| CURRENCIES.map(|c| known(sym, c).then(|| m.get(c)));
            let cost = pick(p.cost);
            let realized = pick(p.realized);
            let value = CURRENCIES.map(|c| {
                if p.amount.is_zero() {
                    return Some(Decimal::ZERO);
                }
                let usd = p.amount * price?;
                match c {
                    Currency::Usd => Some(round_money(usd)),
                    _ => now.map(|r| mul_div8(usd, r.per_usd(c), Decimal::ONE)),
                }
            });
            add(&mut total_realized, realized);
            if p.amount.is_zero() || price.is_some() {
                add(&mut total_cost, cost);
                add(&mut total_value, value);
            } else {
                unpriced += 1;
            }
            AssetSummary {
                symbol: sym.clone(),
                amount: p.amount,
                current_price: price,
                figures: Figures::from_parts(cost, value, realized),
            }
        })
        .collect();
    Summary {
        method,
        assets,
        total: Figures::from_parts(total_cost, total_value, total_realized),
        unpriced,
        rates_now: market.rates,
    }
}

/// Whether a transaction bought or sold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum TxKind {
    /// A buy (a `portfolio` row).
    Buy,
    /// A sale (a `portfolio_sells` row).
    Sell,
}

/// One buy or sale as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Transaction {
    /// Buy or sell.
    pub kind: TxKind,
    /// Its row id (in its own table).
    #[ts(type = "number")]
    pub id: i64,
    /// Asset ticker.
    pub symbol: Symbol,
    /// Units.
    #[ts(type = "string")]
    pub amount: Decimal,
    /// Price per unit in `currency`.
    #[ts(type = "string")]
    pub price: Decimal,
    /// Currency of the price and commission.
    pub currency: Currency,
    /// The day it counts from.
    pub date: NaiveDate,
    /// Fee paid.
    #[ts(type = "string")]
    pub commission: Decimal,
    /// Exchange or wallet.
    pub source: Option<String>,
    /// The rates used (the date's, or the ones the user paid).
    pub rates: Option<DatedRates>,
    /// `R_EUR` the user gave, if any.
    #[ts(type = "string | null")]
    pub fx_rate_eur: Option<Decimal>,
    /// `R_CZK` the user gave, if any.
    #[ts(type = "string | null")]
    pub fx_rate_czk: Option<Decimal>,
    /// The key an import recognises it by (`kraken:TXID`, `content:…`).
    pub import_key: Option<String>,
    /// For a sale: the P&L it realised, in USD.
    #[ts(type = "string | null")]
    pub realized_pnl_usd: Option<Decimal>,
    /// … in EUR.
    #[ts(type = "string | null")]
    pub realized_pnl_eur: Option<Decimal>,
    /// … in CZK.
    #[ts(type = "string | null")]
    pub realized_pnl_czk: Option<Decimal>,
}

impl Transaction {
    /// A buy, counted from `date`.
    pub fn buy(h: &Holding, date: NaiveDate, rates: Option<DatedRates>) -> Self {
        Transaction {
            kind: TxKind::Buy,
            id: h.id.0,
            symbol: h.symbol.clone(),
            amount: h.amount,
            price: h.price_buy,
            currency: h.base_currency,
            date,
            commission: h.commission,
            source: h.source.clone(),
            rates,
            fx_rate_eur: h.fx_rate_eur,
            fx_rate_czk: h.fx_rate_czk,
            import_key: h.import_key.clone(),
            realized_pnl_usd: None,
            realized_pnl_eur: None,
            realized_pnl_czk: None,
        }
    }

    /// A sale with the P&L it realised (when its rates are known).
    pub fn sell(s: &Sale, rates: Option<DatedRates>, realized: Option<Money3>) -> Self {
        let realized = realized.map(Money3::rounded);
        Transaction {
            kind: TxKind::Sell,
            id: s.id.0,
            symbol: s.symbol.clone(),
            amount: s.amount,
            price: s.price,
            currency: s.currency,
            date: s.sell_date,
            commission: s.commission,
            source: s.source.clone(),
            rates,
            fx_rate_eur: s.fx_rate_eur,
            fx_rate_czk: s.fx_rate_czk,
            import_key: s.import_key.clone(),
            realized_pnl_usd: realized.map(|r| r.usd),
            realized_pnl_eur: realized.map(|r| r.eur),
            realized_pnl_czk: realized.map(|r| r.czk),
        }
    }
}
