//! Portfolio valuation: what is left of each buy, valued at the latest USD
//! prices and rates, in USD, EUR and CZK side by side.

use crate::domain::Holding;
use crate::fx::{self, DatedRates, FxRates, LatestRates};
use crate::lots::{Lot, Method};
use crate::money::{mul_div8, round_money, Currency, FixedSum, Symbol};
use rayon::prelude::*;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

pub use crate::summary::{summarize, AssetSummary, Figures, Summary, Transaction, TxKind};

/// One buy with what is left of it, valued now in USD, EUR and CZK.
///
/// For X in usd, eur, czk: `cost_X` is the cost of the units still held
/// (the buy's `(amount × price_buy + commission) × rate(C→X at its date)`,
/// less what sales consumed), `value_X = remaining × price_USD_now ×
/// rate(USD→X now)`, `pnl_X = value_X − cost_X`, `pnl_pct_X = pnl_X / cost_X
/// × 100`. Decimals are rounded to 8 places, percentages to 4. A figure is
/// null when its price or rate is unknown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ValuedHolding {
    /// The stored row.
    #[serde(flatten)]
    pub holding: Holding,
    /// Units of this buy still held under the cost-basis method (pro rata
    /// under `average`).
    #[ts(type = "string")]
    #[serde(serialize_with = "crate::money::ser8")]
    pub remaining: Decimal,
    /// Latest USD price, if the feed has one.
    #[ts(type = "string | null")]
    pub current_price: Option<Decimal>,
    /// Value of the remaining units in USD.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub value_usd: Option<Decimal>,
    /// Value in EUR.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub value_eur: Option<Decimal>,
    /// Value in CZK.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub value_czk: Option<Decimal>,
    /// Cost of the remaining units in USD.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub cost_usd: Option<Decimal>,
    /// Cost in EUR.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub cost_eur: Option<Decimal>,
    /// Cost in CZK.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub cost_czk: Option<Decimal>,
    /// `value_usd − cost_usd`.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub pnl_usd: Option<Decimal>,
    /// `value_eur − cost_eur`.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub pnl_eur: Option<Decimal>,
    /// `value_czk − cost_czk`.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub pnl_czk: Option<Decimal>,
    /// Same as `pnl_pct_usd` (the key before FX landed).
    #[ts(type = "string | null")]
    pub pnl_pct: Option<Decimal>,
    /// `pnl_usd / cost_usd × 100`.
    #[ts(type = "string | null")]
    pub pnl_pct_usd: Option<Decimal>,
    /// `pnl_eur / cost_eur × 100`.
    #[ts(type = "string | null")]
    pub pnl_pct_eur: Option<Decimal>,
    /// `pnl_czk / cost_czk × 100`.
    #[ts(type = "string | null")]
    pub pnl_pct_czk: Option<Decimal>,
    /// The rates used for the purchase, with the date they are valid for;
    /// none when no rate for its date is known yet.
    pub purchase_rates: Option<DatedRates>,
}

/// A total in the three currencies; a currency is null when a rate it
/// needs is unknown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Total3 {
    /// In USD.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub usd: Option<Decimal>,
    /// In EUR.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub eur: Option<Decimal>,
    /// In CZK.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub czk: Option<Decimal>,
}

impl Total3 {
    /// The figure in `c`.
    pub fn get(&self, c: Currency) -> Option<Decimal> {
        match c {
            Currency::Usd => self.usd,
            Currency::Eur => self.eur,
            Currency::Czk => self.czk,
        }
    }

    fn rounded(self) -> Self {
        Total3 {
            usd: self.usd.map(round_money),
            eur: self.eur.map(round_money),
            czk: self.czk.map(round_money),
        }
    }
}

/// The whole portfolio valued in USD, EUR and CZK.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Valuation {
    /// Every buy, in the order given.
    pub holdings: Vec<ValuedHolding>,
    /// The cost-basis method the remaining amounts and costs follow.
    pub method: Method,
    /// Sum of the known USD values.
    #[ts(type = "string")]
    #[serde(serialize_with = "crate::money::ser8")]
    pub total_value_usd: Decimal,
    /// Sum of the USD costs of the holdings that also have a value.
    #[ts(type = "string")]
    #[serde(serialize_with = "crate::money::ser8")]
    pub total_cost_usd: Decimal,
    /// `total_value_usd − total_cost_usd`.
    #[ts(type = "string")]
    #[serde(serialize_with = "crate::money::ser8")]
    pub total_pnl_usd: Decimal,
    /// Sum of the known values in each currency.
    pub total_value: Total3,
    /// Sum of the costs of the priced holdings in each currency.
    pub total_cost: Total3,
    /// `total_value − total_cost` in each currency.
    pub total_pnl: Total3,
    /// Value per asset with its share of the total, largest first.
    pub allocation: Vec<Allocation>,
    /// Change of the value over the exchange's rolling 24 h window:
    /// `Σ remaining × (current_price − open)` over holdings with both prices.
    #[ts(type = "string | null")]
    #[serde(serialize_with = "crate::money::ser8_opt")]
    pub day_change_usd: Option<Decimal>,
    /// The day's change in each currency at today's rates.
    pub day_change: Total3,
    /// `day_change_usd / Σ remaining × open × 100`, rounded to 2 decimals.
    #[ts(type = "string | null")]
    pub day_change_pct: Option<Decimal>,
    /// Holdings whose price is missing (not counted in the totals).
    #[ts(type = "number")]
    pub unpriced: usize,
    /// The rates values are converted at; none if no rate is known at all.
    pub rates_now: Option<LatestRates>,
}

/// One asset's part of the portfolio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Allocation {
    /// Asset ticker.
    pub symbol: Symbol,
    /// Sum of the values of its holdings, in USD.
    #[ts(type = "string")]
    pub value_usd: Decimal,
    /// `value_usd / total × 100`, rounded to 2 decimals.
    #[ts(type = "string")]
    pub share_pct: Decimal,
}

/// An asset of the portfolio with the market's prices for it.
struct Asset {
    symbol: Symbol,
    price: Option<Decimal>,
    open: Option<Decimal>,
}

/// The allocation of the priced assets' USD values, largest first (ties
/// by symbol).
fn allocation(values: impl Iterator<Item = (Symbol, Decimal)>, total: Decimal) -> Vec<Allocation> {
    let mut out: Vec<Allocation> = values
        .map(|(symbol, value_usd)| Allocation {
            symbol,
            value_usd,
            share_pct: if total.is_zero() {
                Decimal::ZERO
            } else {
                (value_usd / total * Decimal::ONE_HUNDRED).round_dp(2)
            },
        })
        .collect();
    out.sort_by(|a, b| {
        b.value_usd
            .cmp(&a.value_usd)
            .then_with(|| a.symbol.cmp(&b.symbol))
    });
    out
}

/// A running sum in the three currencies that becomes unknown as soon as
/// one unknown figure is added.
#[derive(Clone, Copy)]
struct Sum3 {
    sum: [FixedSum; 3],
    known: [bool; 3],
}

impl Sum3 {
    const ZERO: Sum3 = Sum3 {
        sum: [FixedSum::ZERO; 3],
        known: [true; 3],
    };

    fn add(&mut self, figures: &[Option<Decimal>; 3]) {
        for (i, f) in figures.iter().enumerate() {
            match f {
                Some(v) => self.sum[i].add(*v),
                None => self.known[i] = false,
            }
        }
    }

    fn merge(&mut self, other: &Sum3) {
        for i in 0..3 {
            self.sum[i].merge(&other.sum[i]);
            self.known[i] &= other.known[i];
        }
    }

    fn total(self) -> Total3 {
        let at = |i: usize| self.known[i].then(|| self.sum[i].total());
        Total3 {
            usd: at(0),
            eur: at(1),
            czk: at(2),
        }
    }
}

/// One buy to value: the stored row, what the ledger left of it, and the
/// rates of its date (none when unknown; its lot cost then holds only a
/// USD cost, and only for a USD buy).
#[derive(Debug, Clone, PartialEq)]
pub struct HoldingLot {
    /// The stored row.
    pub holding: Holding,
    /// What is left of it.
    pub lot: Lot,
    /// The rates of its date.
    pub rates: Option<DatedRates>,
}

/// The market the holdings are valued at.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Market {
    /// USD price per unit, by asset.
    pub prices: HashMap<Symbol, Decimal>,
    /// The prices 24 h ago (the exchange's window open), for the day's change.
    pub opens: HashMap<Symbol, Decimal>,
    /// The latest rates.
    pub rates: Option<LatestRates>,
}

/// `usd` (unrounded) in the three currencies at today's rates: kept at 8
/// decimals, as costs are, so P&L and its percentage are exact on what is
/// shown.
fn in_each(usd: Decimal, now: Option<FxRates>) -> [Option<Decimal>; 3] {
    let rounded = Some(round_money(usd));
    match now {
        Some(r) => [
            rounded,
            Some(mul_div8(usd, r.eur, Decimal::ONE)),
            Some(mul_div8(usd, r.czk, Decimal::ONE)),
        ],
        None => [rounded, None, None],
    }
}

/// One buy valued at its asset's price and today's rates.
fn value_one(r: HoldingLot, price: Option<Decimal>, now: Option<FxRates>) -> ValuedHolding {
    let value = match price {
        Some(p) => in_each(r.lot.remaining * p, now),
        None => [None; 3],
    };
    let cost = match (&r.rates, r.holding.base_currency) {
        (Some(_), _) => [
            Some(r.lot.cost.usd),
            Some(r.lot.cost.eur),
            Some(r.lot.cost.czk),
        ],
        (None, Currency::Usd) => [Some(r.lot.cost.usd), None, None],
        (None, _) => [None; 3],
    };
    let pnl = [0, 1, 2].map(|i| value[i].zip(cost[i]).map(|(v, c)| v - c));
    let pct = [0, 1, 2].map(|i| pnl[i].zip(cost[i]).and_then(|(p, c)| fx::pct(p, c)));
    ValuedHolding {
        remaining: r.lot.remaining,
        current_price: price,
        value_usd: value[0],
        value_eur: value[1],
        value_czk: value[2],
        cost_usd: cost[0],
        cost_eur: cost[1],
        cost_czk: cost[2],
        pnl_usd: pnl[0],
        pnl_eur: pnl[1],
        pnl_czk: pnl[2],
        pnl_pct: pct[0],
        pnl_pct_usd: pct[0],
        pnl_pct_eur: pct[1],
        pnl_pct_czk: pct[2],
        purchase_rates: r.rates,
        holding: r.holding,
    }
}

/// The sums over part of the valued buys; parts add up.
#[derive(Clone)]
struct Totals {
    value: Sum3,
    cost: Sum3,
    /// Summed USD value per asset (by index).
    by_asset: Vec<FixedSum>,
    day_change: Option<Decimal>,
    day_base: Decimal,
    unpriced: usize,
}

impl Totals {
    fn new(assets: usize) -> Self {
        Totals {
            value: Sum3::ZERO,
            cost: Sum3::ZERO,
            by_asset: vec![FixedSum::ZERO; assets],
            day_change: None,
            day_base: Decimal::ZERO,
            unpriced: 0,
        }
    }

    fn add(mut self, h: &ValuedHolding, asset: usize, a: &Asset) -> Self {
        if let (Some(p), Some(o)) = (a.price, a.open) {
            *self.day_change.get_or_insert(Decimal::ZERO) += h.remaining * (p - o);
            self.day_base += h.remaining * o;
        }
        match h.value_usd {
            Some(v) => {
                self.by_asset[asset].add(v);
                self.value.add(&[h.value_usd, h.value_eur, h.value_czk]);
                self.cost.add(&[h.cost_usd, h.cost_eur, h.cost_czk]);
            }
            None => self.unpriced += 1,
        }
        self
    }

    fn merge(mut self, other: Totals) -> Self {
        self.value.merge(&other.value);
        self.cost.merge(&other.cost);
        for (a, b) in self.by_asset.iter_mut().zip(&other.by_asset) {
            a.merge(b);
        }
        self.day_change = match (self.day_change, other.day_change) {
            (Some(a), Some(b)) => Some(a + b),
            (a, b) => a.or(b),
        };
        self.day_base += other.day_base;
        self.unpriced += other.unpriced;
        self
    }
}

/// Values each buy's remaining units at `market`, in parallel.
pub fn value(rows: Vec<HoldingLot>, market: &Market, method: Method) -> Valuation {
    let now = market.rates.map(|r| r.rates);

    // Each asset's prices are looked up once, not once per buy.
    let mut index: FxHashMap<&Symbol, usize> = FxHashMap::default();
    let mut assets: Vec<Asset> = Vec::new();
    let asset_of: Vec<usize> = rows
        .iter()
        .map(|r| {
            let sym = &r.holding.symbol;
            *index.entry(sym).or_insert_with(|| {
                assets.push(Asset {
                    symbol: sym.clone(),
                    price: market.prices.get(sym).copied(),
                    open: market.opens.get(sym).copied(),
                });
                assets.len() - 1
            })
        })
        .collect();
    drop(index);

    let holdings: Vec<ValuedHolding> = rows
        .into_par_iter()
        .zip(asset_of.par_iter())
        .map(|(r, &a)| value_one(r, assets[a].price, now))
        .collect();
    let totals = holdings
        .par_iter()
        .zip(asset_of.par_iter())
        .fold(
            || Totals::new(assets.len()),
            |t, (h, &a)| t.add(h, a, &assets[a]),
        )
        .reduce(|| Totals::new(assets.len()), Totals::merge);

    let total_value = totals.value.total();
    let total_cost = totals.cost.total();
    let total_value_usd = total_value.usd.unwrap_or_default();
    let allocation = allocation(
        assets
            .into_iter()
            .zip(&totals.by_asset)
            .filter(|(a, _)| a.price.is_some())
            .map(|(a, v)| (a.symbol, v.total())),
        total_value_usd,
    );
    let day_change_pct = totals
        .day_change
        .filter(|_| !totals.day_base.is_zero())
        .map(|c| (c / totals.day_base * Decimal::ONE_HUNDRED).round_dp(2));
    let day_change = match totals.day_change {
        Some(c) => {
            let [usd, eur, czk] = in_each(c, now);
            Total3 { usd, eur, czk }.rounded()
        }
        None => Total3::default(),
    };
    let total_pnl = Total3 {
        usd: total_value.usd.zip(total_cost.usd).map(|(v, c)| v - c),
        eur: total_value.eur.zip(total_cost.eur).map(|(v, c)| v - c),
        czk: total_value.czk.zip(total_cost.czk).map(|(v, c)| v - c),
    };
    Valuation {
        allocation,
        method,
        total_value_usd,
        total_cost_usd: total_cost.usd.unwrap_or_default(),
        total_pnl_usd: total_pnl.usd.unwrap_or_default(),
        total_value,
        total_cost,
        total_pnl,
        day_change_usd: day_change.usd,
        day_change,
        day_change_pct,
        holdings,
        unpriced: totals.unpriced,
        rates_now: market.rates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::HoldingId;
    use crate::fx::FxRates;
    use crate::lots::{self, Trade};
    use chrono::{NaiveDate, Utc};
    use rust_decimal_macros::dec;

    fn holding(id: i64, sym: &str, amount: Decimal, price: Decimal, cur: Currency) -> Holding {
        Holding {
            id: HoldingId(id),
            symbol: Symbol::parse(sym).unwrap(),
            amount,
            price_buy: price,
            purchase_date: None,
            base_currency: cur,
            purchase_price_eur: None,
            purchase_price_czk: None,
            source: None,
            commission: dec!(2.5),
            fx_rate_eur: None,
            fx_rate_czk: None,
            import_key: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    fn dated(eur: Decimal, czk: Decimal) -> DatedRates {
        DatedRates {
            date: NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
            published: NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
            rates: FxRates { eur, czk },
            provisional: false,
        }
    }

    /// Runs the ledger (no sales) and values the rows.
    fn valued(rows: Vec<(Holding, Option<DatedRates>)>, market: &Market) -> Valuation {
        let trades: Vec<Trade> = rows
            .iter()
            .map(|(h, r)| Trade {
                id: h.id.0,
                symbol: h.symbol.clone(),
                amount: h.amount,
                price: h.price_buy,
                currency: h.base_currency,
                date: NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
                commission: h.commission,
                rates: r.map(|r| r.rates).unwrap_or(FxRates {
                    eur: Decimal::ONE,
                    czk: Decimal::ONE,
                }),
            })
            .collect();
        let ledger = lots::run(&trades, &[], Method::Fifo).unwrap();
        let rows = rows
            .into_iter()
            .zip(ledger.lots)
            .map(|((holding, rates), lot)| HoldingLot {
                holding,
                lot,
                rates,
            })
            .collect();
        value(rows, market, Method::Fifo)
    }

    fn btc() -> Symbol {
        Symbol::parse("BTC").unwrap()
    }

    fn market(rates: Option<FxRates>) -> Market {
        Market {
            prices: HashMap::from([(btc(), dec!(96842.15))]),
            opens: HashMap::from([(btc(), dec!(96148.16))]),
            rates: rates.map(|rates| LatestRates {
                date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
                rates,
                stale: false,
            }),
        }
    }

    #[test]
    fn values_and_pnl_in_three_currencies() {
        let now = FxRates {
            eur: dec!(0.86192),
            czk: dec!(20.932),
        };
        let v = valued(
            vec![
                (
                    holding(1, "BTC", dec!(0.5), dec!(30000), Currency::Usd),
                    Some(dated(dec!(0.9), dec!(23))),
                ),
                (
                    holding(2, "ETH", dec!(1), dec!(2000), Currency::Usd),
                    Some(dated(dec!(0.9), dec!(23))),
                ),
                (
                    holding(3, "BTC", dec!(0.1), dec!(20000), Currency::Eur),
                    Some(dated(dec!(0.8), dec!(25))),
                ),
            ],
            &market(Some(now)),
        );
        let h = &v.holdings[0];
        assert_eq!(h.value_usd, Some(dec!(48421.075)));
        // value_eur = 48421.075 × 0.86192 = 41735.092964
        assert_eq!(h.value_eur, Some(dec!(41735.092964)));
        assert_eq!(h.value_czk, Some(dec!(1013549.9419)));
        // cost: (0.5 × 30000 + 2.5) × R at the purchase date
        assert_eq!(h.cost_usd, Some(dec!(15002.5)));
        assert_eq!(h.cost_eur, Some(dec!(13502.25)));
        assert_eq!(h.cost_czk, Some(dec!(345057.5)));
        assert_eq!(h.pnl_usd, Some(dec!(33418.575)));
        assert_eq!(h.pnl_eur, Some(dec!(28232.842964)));
        assert_eq!(h.pnl_pct, Some(dec!(222.7534)));
        assert_eq!(h.pnl_pct_eur, Some(dec!(209.0973)));
        assert_eq!(h.remaining, dec!(0.5));
        // A EUR buy: (0.1 × 20000 + 2.5) EUR at R_EUR 0.8, R_CZK 25.
        let e = &v.holdings[2];
        assert_eq!(e.cost_eur, Some(dec!(2002.5)));
        assert_eq!(e.cost_usd, Some(dec!(2503.125)));
        assert_eq!(e.cost_czk, Some(dec!(62578.125)));
        assert_eq!(v.holdings[1].value_usd, None);
        assert_eq!(v.holdings[1].pnl_usd, None);
        assert_eq!(v.unpriced, 1);
        assert_eq!(v.total_value_usd, dec!(48421.075) + dec!(9684.215));
        assert_eq!(v.total_cost.eur, Some(dec!(13502.25) + dec!(2002.5)));
        assert_eq!(v.allocation.len(), 1, "unpriced assets have no share");
        assert_eq!(v.allocation[0].share_pct, dec!(100));
        // Both BTC rows (0.6 BTC) moved from 96148.16 to 96842.15.
        assert_eq!(v.day_change_usd, Some(dec!(416.394)));
        assert_eq!(v.day_change.eur, Some(dec!(358.89831648)));
        assert_eq!(v.day_change_pct, Some(dec!(0.72)));
    }

    #[test]
    fn unknown_rates_leave_only_what_needs_none() {
        let v = valued(
            vec![
                (holding(1, "BTC", dec!(1), dec!(10), Currency::Usd), None),
                (holding(2, "BTC", dec!(1), dec!(10), Currency::Czk), None),
            ],
            &market(None),
        );
        assert_eq!(v.holdings[0].cost_usd, Some(dec!(12.5)));
        assert_eq!(v.holdings[0].cost_eur, None);
        assert_eq!(v.holdings[0].value_eur, None);
        assert_eq!(v.holdings[1].cost_usd, None);
        assert_eq!(
            v.total_cost.usd, None,
            "one cost unknown makes the total unknown"
        );
        assert_eq!(v.total_value.usd, Some(dec!(193684.3)));
    }

    #[test]
    fn no_day_change_without_opens() {
        let mut m = market(None);
        m.opens.clear();
        let v = valued(
            vec![(holding(1, "BTC", dec!(1), dec!(1), Currency::Usd), None)],
            &m,
        );
        assert_eq!((v.day_change_usd, v.day_change_pct), (None, None));
    }

    #[test]
    fn allocation_by_asset_largest_first() {
        let m = Market {
            prices: HashMap::from([(btc(), dec!(3)), (Symbol::parse("ETH").unwrap(), dec!(1))]),
            ..Market::default()
        };
        let v = valued(
            vec![
                (holding(1, "ETH", dec!(1), dec!(1), Currency::Usd), None),
                (holding(2, "BTC", dec!(1), dec!(1), Currency::Usd), None),
                (holding(3, "ETH", dec!(1), dec!(1), Currency::Usd), None),
            ],
            &m,
        );
        let got: Vec<(String, Decimal)> = v
            .allocation
            .iter()
            .map(|a| (a.symbol.to_string(), a.share_pct))
            .collect();
        assert_eq!(got, [("BTC".into(), dec!(60)), ("ETH".into(), dec!(40))]);
    }

    #[test]
    fn allocation_ties_are_ordered_by_symbol() {
        let m = Market {
            prices: HashMap::from([(btc(), dec!(2)), (Symbol::parse("ADA").unwrap(), dec!(2))]),
            ..Market::default()
        };
        let v = valued(
            vec![
                (holding(1, "BTC", dec!(1), dec!(1), Currency::Usd), None),
                (holding(2, "ADA", dec!(1), dec!(1), Currency::Usd), None),
            ],
            &m,
        );
        let got: Vec<String> = v.allocation.iter().map(|a| a.symbol.to_string()).collect();
        assert_eq!(got, ["ADA", "BTC"]);
    }

    /// Thousands of buys (so the work really is split across threads) give
    /// the rows in order and totals equal to plain sequential sums of them.
    #[test]
    fn many_buys_match_sequential_sums() {
        let symbols = ["BTC", "ETH", "SOL", "ADA", "XRP"];
        let cur = [Currency::Usd, Currency::Eur, Currency::Czk];
        let rates = dated(dec!(0.92), dec!(23.1));
        let rows: Vec<(Holding, Option<DatedRates>)> = (0..5_000_i64)
            .map(|i| {
                let h = holding(
                    i + 1,
                    symbols[(i % 5) as usize],
                    Decimal::new(1 + i % 997, 3),
                    Decimal::new(10_000 + i * 37 % 90_000, 2),
                    cur[(i % 3) as usize],
                );
                // Some USD buys have no rates of their date: their cost
                // is known in USD only.
                (h, (i % 7 != 0 || i % 3 != 0).then_some(rates))
            })
            .collect();
        let mut m = market(Some(FxRates {
            eur: dec!(0.9),
            czk: dec!(22.5),
        }));
        // SOL has no price: its buys are unpriced and left out of totals.
        for (sym, p) in [
            ("ETH", dec!(3012.5)),
            ("ADA", dec!(0.4512)),
            ("XRP", dec!(0.61)),
        ] {
            m.prices.insert(Symbol::parse(sym).unwrap(), p);
        }
        let v = valued(rows, &m);

        let ids: Vec<i64> = v.holdings.iter().map(|h| h.holding.id.0).collect();
        assert_eq!(ids, (1..=5_000).collect::<Vec<_>>());
        let priced: Vec<&ValuedHolding> = v
            .holdings
            .iter()
            .filter(|h| h.value_usd.is_some())
            .collect();
        assert_eq!(v.unpriced, 1_000);
        let sum = |f: fn(&ValuedHolding) -> Option<Decimal>| -> Option<Decimal> {
            priced.iter().map(|h| f(h)).sum()
        };
        assert_eq!(v.total_value.usd, sum(|h| h.value_usd));
        assert_eq!(v.total_value.eur, sum(|h| h.value_eur));
        assert_eq!(v.total_value.czk, sum(|h| h.value_czk));
        // Every cost is known in USD; some priced buys have none in EUR
        // and CZK, which makes those totals unknown.
        assert!(v.total_cost.usd.is_some());
        assert_eq!(v.total_cost.usd, sum(|h| h.cost_usd));
        assert_eq!((v.total_cost.eur, v.total_cost.czk), (None, None));
        assert_eq!(
            v.total_pnl.usd,
            v.total_value.usd.zip(v.total_cost.usd).map(|(a, b)| a - b)
        );
        let by_asset: Decimal = v.allocation.iter().map(|a| a.value_usd).sum();
        assert_eq!(Some(by_asset), v.total_value.usd);
        assert_eq!(v.allocation.len(), 4);
    }
}
