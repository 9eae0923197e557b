//! Portfolio valuation: holdings joined with the latest USD prices.

use crate::domain::Holding;
use crate::money::{round_money, Currency, Symbol};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// One holding with its live value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ValuedHolding {
    /// The stored row.
    #[serde(flatten)]
    pub holding: Holding,
    /// Latest USD price, if the feed has one.
    #[ts(type = "string | null")]
    pub current_price: Option<Decimal>,
    /// `amount × current_price` in USD.
    #[ts(type = "string | null")]
    pub value_usd: Option<Decimal>,
    /// What the holding cost in USD: `amount × price_buy + commission`.
    /// Only known for holdings bought in USD until FX conversion lands.
    #[ts(type = "string | null")]
    pub cost_usd: Option<Decimal>,
    /// `value_usd − cost_usd`.
    #[ts(type = "string | null")]
    pub pnl_usd: Option<Decimal>,
    /// `pnl_usd / cost_usd × 100`, rounded to 2 decimals.
    #[ts(type = "string | null")]
    pub pnl_pct: Option<Decimal>,
}

/// The whole portfolio valued in USD.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Valuation {
    /// Every holding, in the order given.
    pub holdings: Vec<ValuedHolding>,
    /// Sum of the known values.
    #[ts(type = "string")]
    pub total_value_usd: Decimal,
    /// Sum of the known costs of holdings that also have a value.
    #[ts(type = "string")]
    pub total_cost_usd: Decimal,
    /// `total_value_usd − total_cost_usd` over holdings with both known.
    #[ts(type = "string")]
    pub total_pnl_usd: Decimal,
    /// Value per asset with its share of the total, largest first.
    pub allocation: Vec<Allocation>,
    /// Change of the value over the exchange's rolling 24 h window:
    /// `Σ amount × (current_price − open)` over holdings with both prices.
    #[ts(type = "string | null")]
    pub day_change_usd: Option<Decimal>,
    /// `day_change_usd / Σ amount × open × 100`, rounded to 2 decimals.
    #[ts(type = "string | null")]
    pub day_change_pct: Option<Decimal>,
    /// Holdings whose price is missing (not counted in the totals).
    #[ts(type = "number")]
    pub unpriced: usize,
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

/// Groups valued holdings by asset, largest value first (ties by symbol).
fn allocation(holdings: &[ValuedHolding], total: Decimal) -> Vec<Allocation> {
    let mut by_symbol: std::collections::BTreeMap<&Symbol, Decimal> = Default::default();
    for h in holdings {
        if let Some(v) = h.value_usd {
            *by_symbol.entry(&h.holding.symbol).or_default() += v;
        }
    }
    let mut out: Vec<Allocation> = by_symbol
        .into_iter()
        .map(|(symbol, value_usd)| Allocation {
            symbol: symbol.clone(),
            value_usd,
            share_pct: if total.is_zero() {
                Decimal::ZERO
            } else {
                (value_usd / total * Decimal::ONE_HUNDRED).round_dp(2)
            },
        })
        .collect();
    out.sort_by_key(|a| std::cmp::Reverse(a.value_usd));
    out
}

/// Values `holdings` at `prices` (USD per unit, by symbol); `opens` are the
/// prices 24 h ago (the exchange's window open), for the day's change.
pub fn value(
    holdings: Vec<Holding>,
    prices: &HashMap<Symbol, Decimal>,
    opens: &HashMap<Symbol, Decimal>,
) -> Valuation {
    let mut day_change = None::<Decimal>;
    let mut day_base = Decimal::ZERO;
    for h in &holdings {
        if let (Some(p), Some(o)) = (prices.get(&h.symbol), opens.get(&h.symbol)) {
            *day_change.get_or_insert(Decimal::ZERO) += h.amount * (p - o);
            day_base += h.amount * o;
        }
    }
    let day_change_usd = day_change.map(round_money);
    let day_change_pct = day_change
        .filter(|_| !day_base.is_zero())
        .map(|c| (c / day_base * Decimal::ONE_HUNDRED).round_dp(2));
    let mut total_value = Decimal::ZERO;
    let mut total_cost = Decimal::ZERO;
    let mut total_pnl = Decimal::ZERO;
    let mut unpriced = 0;
    let holdings = holdings
        .into_iter()
        .map(|h| {
            let current_price = prices.get(&h.symbol).copied();
            let value_usd = current_price.map(|p| round_money(h.amount * p));
            let cost_usd = (h.base_currency == Currency::Usd)
                .then(|| round_money(h.amount * h.price_buy + h.commission));
            let pnl_usd = value_usd.zip(cost_usd).map(|(v, c)| v - c);
            let pnl_pct = pnl_usd
                .zip(cost_usd)
                .filter(|(_, c)| !c.is_zero())
                .map(|(p, c)| (p / c * Decimal::ONE_HUNDRED).round_dp(2));
            match value_usd {
                Some(v) => total_value += v,
                None => unpriced += 1,
            }
            if let (Some(v), Some(c)) = (value_usd, cost_usd) {
                total_cost += c;
                total_pnl += v - c;
            }
            ValuedHolding {
                holding: h,
                current_price,
                value_usd,
                cost_usd,
                pnl_usd,
                pnl_pct,
            }
        })
        .collect::<Vec<_>>();
    Valuation {
        allocation: allocation(&holdings, total_value),
        day_change_usd,
        day_change_pct,
        holdings,
        total_value_usd: total_value,
        total_cost_usd: total_cost,
        total_pnl_usd: total_pnl,
        unpriced,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::HoldingId;
    use chrono::Utc;
    use rust_decimal_macros::dec;

    fn holding(sym: &str, amount: Decimal, price: Decimal, cur: Currency) -> Holding {
        Holding {
            id: HoldingId(1),
            symbol: Symbol::parse(sym).unwrap(),
            amount,
            price_buy: price,
            purchase_date: None,
            base_currency: cur,
            purchase_price_eur: None,
            purchase_price_czk: None,
            source: None,
            commission: dec!(2.5),
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn values_and_pnl() {
        let prices = HashMap::from([(Symbol::parse("BTC").unwrap(), dec!(96842.15))]);
        let v = value(
            vec![
                holding("BTC", dec!(0.5), dec!(30000), Currency::Usd),
                holding("ETH", dec!(1), dec!(2000), Currency::Usd),
                holding("BTC", dec!(0.1), dec!(20000), Currency::Eur),
            ],
            &prices,
            &HashMap::from([(Symbol::parse("BTC").unwrap(), dec!(96148.16))]),
        );
        assert_eq!(v.holdings[0].value_usd, Some(dec!(48421.075)));
        assert_eq!(v.holdings[0].cost_usd, Some(dec!(15002.5)));
        assert_eq!(v.holdings[0].pnl_usd, Some(dec!(33418.575)));
        assert_eq!(v.holdings[0].pnl_pct, Some(dec!(222.75)));
        assert_eq!(v.holdings[1].value_usd, None);
        assert_eq!(v.holdings[2].pnl_usd, None);
        assert_eq!(v.total_value_usd, dec!(48421.075) + dec!(9684.215));
        assert_eq!(v.total_pnl_usd, dec!(33418.575));
        assert_eq!(v.unpriced, 1);
        assert_eq!(v.allocation.len(), 1, "unpriced assets have no share");
        assert_eq!(v.allocation[0].value_usd, dec!(58105.29));
        assert_eq!(v.allocation[0].share_pct, dec!(100));
        // Both BTC rows (0.6 BTC) moved from 96148.16 to 96842.15; ETH has no price.
        assert_eq!(v.day_change_usd, Some(dec!(416.394)));
        assert_eq!(v.day_change_pct, Some(dec!(0.72)));
    }

    #[test]
    fn no_day_change_without_opens() {
        let prices = HashMap::from([(Symbol::parse("BTC").unwrap(), dec!(1))]);
        let v = value(
            vec![holding("BTC", dec!(1), dec!(1), Currency::Usd)],
            &prices,
            &HashMap::new(),
        );
        assert_eq!((v.day_change_usd, v.day_change_pct), (None, None));
    }

    #[test]
    fn allocation_by_asset_largest_first() {
        let prices = HashMap::from([
            (Symbol::parse("BTC").unwrap(), dec!(3)),
            (Symbol::parse("ETH").unwrap(), dec!(1)),
        ]);
        let v = value(
            vec![
                holding("ETH", dec!(1), dec!(1), Currency::Usd),
                holding("BTC", dec!(1), dec!(1), Currency::Usd),
                holding("ETH", dec!(1), dec!(1), Currency::Usd),
            ],
            &prices,
            &HashMap::new(),
        );
        let got: Vec<(String, Decimal)> = v
            .allocation
            .iter()
            .map(|a| (a.symbol.to_string(), a.share_pct))
            .collect();
        assert_eq!(got, [("BTC".into(), dec!(60)), ("ETH".into(), dec!(40))]);
    }
}
