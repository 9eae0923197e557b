//! Lots and cost basis: which bought units a sale consumes, and the P&L it
//! realises, in USD, EUR and CZK at once.
//!
//! Transactions apply in date order (a buy before a sell on the same day,
//! then by id). A buy opens a lot whose cost in each currency is
//! `(amount × price + commission) × rate(C→X at its date)`; a sale realises
//! `(amount × price − commission) × rate(C→X at its date)` minus the cost of
//! the units it consumes, chosen by the [`Method`].

use crate::fx::{FxRates, Money3};
use crate::money::{mul_div, Currency, Symbol, ValidationError};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, BinaryHeap, HashMap, VecDeque};
use ts_rs::TS;

/// Decimals the ledger keeps its costs and proceeds at: four beyond what is
/// shown, so rounding inside the ledger never shows, while every figure
/// stays short enough for exact 128-bit arithmetic.
pub const LEDGER_SCALE: u32 = 12;

/// Which units a sale consumes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Oldest purchase first (purchase date, then id).
    #[default]
    Fifo,
    /// Newest purchase first.
    Lifo,
    /// Highest USD unit cost first (ties: older first).
    Hifo,
    /// Each currency's average unit cost of the units held; the remaining
    /// units keep that average and every lot shrinks pro rata.
    Average,
}

impl Method {
    /// Every method, in the order shown.
    pub const ALL: [Method; 4] = [Method::Fifo, Method::Lifo, Method::Hifo, Method::Average];

    /// The name used in settings, flags and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Fifo => "fifo",
            Method::Lifo => "lifo",
            Method::Hifo => "hifo",
            Method::Average => "average",
        }
    }

    /// Parses a name; names `field` on failure.
    pub fn parse(field: &'static str, text: &str) -> Result<Self, ValidationError> {
        Method::ALL
            .into_iter()
            .find(|m| m.as_str() == text.trim().to_ascii_lowercase())
            .ok_or_else(|| {
                ValidationError::new(
                    field,
                    format!("must be fifo, lifo, hifo or average (got {text:?})"),
                )
            })
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A buy or a sell as the ledger needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Trade {
    /// Row id (orders trades of one day).
    pub id: i64,
    /// Asset.
    pub symbol: Symbol,
    /// Units bought or sold (> 0).
    pub amount: Decimal,
    /// Price per unit in `currency`.
    pub price: Decimal,
    /// Currency of `price` and `commission`.
    pub currency: Currency,
    /// The day it happened.
    pub date: NaiveDate,
    /// Fee paid, in `currency`.
    pub commission: Decimal,
    /// `R_EUR`, `R_CZK` for this trade (fetched for its date, or the user's).
    pub rates: FxRates,
}

impl Trade {
    /// What a buy cost: `(amount × price + commission)` in each currency,
    /// at the ledger's [`LEDGER_SCALE`].
    pub fn cost(&self) -> Money3 {
        self.rates.all_at(
            self.amount * self.price + self.commission,
            self.currency,
            LEDGER_SCALE,
        )
    }

    /// What a sale brought: `(amount × price − commission)` in each
    /// currency, at the ledger's [`LEDGER_SCALE`].
    pub fn proceeds(&self) -> Money3 {
        self.rates.all_at(
            self.amount * self.price - self.commission,
            self.currency,
            LEDGER_SCALE,
        )
    }
}

/// What is left of one buy.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Lot {
    /// Units still held.
    pub remaining: Decimal,
    /// Cost of those units in each currency.
    pub cost: Money3,
}

/// What one sale realised.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Realized {
    /// `(amount × price − commission)` in each currency.
    pub proceeds: Money3,
    /// Cost of the units it consumed.
    pub cost: Money3,
    /// `proceeds − cost`.
    pub pnl: Money3,
}

/// One asset after every transaction.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Position {
    /// Units held.
    pub amount: Decimal,
    /// Cost of the units held.
    pub cost: Money3,
    /// Sum of the P&L realised by its sales.
    pub realized: Money3,
}

/// The state after applying every buy and sell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ledger {
    /// One per buy, in the order the buys were given.
    pub lots: Vec<Lot>,
    /// One per sell, in the order the sells were given.
    pub sales: Vec<Realized>,
    /// Per asset.
    pub positions: BTreeMap<Symbol, Position>,
}

/// A sale that sells more than was held at its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Oversold {
    /// Index of the sell in the input.
    pub sell: usize,
    /// `date` when nothing had been bought by then, else `amount`.
    pub field: &'static str,
    /// Units held just before it.
    pub held: Decimal,
}

#[derive(PartialEq, Eq)]
struct HifoKey {
    unit_cost_usd: Decimal,
    order: Reverse<usize>,
    lot: usize,
}

impl Ord for HifoKey {
    fn cmp(&self, o: &Self) -> Ordering {
        (self.unit_cost_usd, self.order).cmp(&(o.unit_cost_usd, o.order))
    }
}

impl PartialOrd for HifoKey {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

#[derive(Default)]
struct Book {
    bought: bool,
    held: Decimal,
    cost: Money3,
    realized: Money3,
    queue: VecDeque<usize>,
    heap: BinaryHeap<HifoKey>,
}

#[derive(Clone, Copy)]
enum Event {
    Buy(usize),
    Sell(usize),
}

/// `part` of `whole`'s cost at [`LEDGER_SCALE`]: all of it when the part
/// is the whole, so an emptied lot leaves no dust (what is left is the
/// exact difference).
fn share(cost: Money3, part: Decimal, whole: Decimal) -> Money3 {
    if part == whole {
        cost
    } else {
        cost.map(|v| mul_div(v, part, whole, LEDGER_SCALE))
    }
}

/// Applies `buys` and `sells` under `method`. Refuses the first sale (in
/// date order) that sells more than was held at its date.
pub fn run(buys: &[Trade], sells: &[Trade], method: Method) -> Result<Ledger, Oversold> {
    let mut events: Vec<(NaiveDate, u8, i64, Event)> = buys
        .iter()
        .enumerate()
        .map(|(i, t)| (t.date, 0, t.id, Event::Buy(i)))
        .chain(
            sells
                .iter()
                .enumerate()
                .map(|(i, t)| (t.date, 1, t.id, Event::Sell(i))),
        )
        .collect();
    events.sort_by_key(|(d, k, id, _)| (*d, *k, *id));

    let mut lots: Vec<Lot> = buys
        .iter()
        .map(|b| Lot {
            remaining: b.amount,
            cost: b.cost(),
        })
        .collect();
    let mut sales = vec![Realized::default(); sells.len()];
    // Per sale under `average`: the share of the position it left.
    let mut kept: Vec<Decimal> = vec![Decimal::ONE; sells.len()];
    let mut books: HashMap<&Symbol, Book> = HashMap::new();

    for (order, (_, _, _, ev)) in events.iter().enumerate() {
        match *ev {
            Event::Buy(i) => {
                let b = &buys[i];
                let book = books.entry(&b.symbol).or_default();
                book.bought = true;
                book.held += b.amount;
                book.cost += lots[i].cost;
                match method {
                    Method::Fifo | Method::Lifo => book.queue.push_back(i),
                    Method::Hifo => book.heap.push(HifoKey {
                        unit_cost_usd: lots[i].cost.usd / b.amount,
                        order: Reverse(order),
                        lot: i,
                    }),
                    Method::Average => {}
                }
            }
            Event::Sell(s) => {
                let sell = &sells[s];
                let book = books.entry(&sell.symbol).or_default();
                if !book.bought || sell.amount > book.held {
                    return Err(Oversold {
                        sell: s,
                        field: if book.bought { "amount" } else { "date" },
                        held: book.held,
                    });
                }
                let consumed = match method {
                    Method::Average => {
                        kept[s] = Decimal::ONE - sell.amount / book.held;
                        share(book.cost, sell.amount, book.held)
                    }
                    _ => consume(book, &mut lots, sell.amount, method),
                };
                book.held -= sell.amount;
                book.cost = book.cost - consumed;
                if book.held.is_zero() {
                    book.cost = Money3::default();
                }
                let proceeds = sell.proceeds();
                book.realized += proceeds - consumed;
                sales[s] = Realized {
                    proceeds,
                    cost: consumed,
                    pnl: proceeds - consumed,
                };
            }
        }
    }

    if method == Method::Average {
        // Walk back: a lot keeps the product of the shares left by the
        // sales after it.
        let mut factor: HashMap<&Symbol, Decimal> = HashMap::new();
        for (_, _, _, ev) in events.iter().rev() {
            match *ev {
                Event::Sell(s) => {
                    *factor.entry(&sells[s].symbol).or_insert(Decimal::ONE) *= kept[s];
                }
                Event::Buy(i) => {
                    let f = factor.get(&buys[i].symbol).copied().unwrap_or(Decimal::ONE);
                    lots[i].remaining *= f;
                    lots[i].cost = lots[i]
                        .cost
                        .map(|v| mul_div(v, f, Decimal::ONE, LEDGER_SCALE));
                }
            }
        }
    }

    let positions = books
        .into_iter()
        .map(|(sym, b)| {
            (
                sym.clone(),
                Position {
                    amount: b.held,
                    cost: b.cost,
                    realized: b.realized,
                },
            )
        })
        .collect();
    Ok(Ledger {
        lots,
        sales,
        positions,
    })
}

/// Takes `amount` units from the book's lots in the method's order and
/// returns their cost.
fn consume(book: &mut Book, lots: &mut [Lot], mut amount: Decimal, method: Method) -> Money3 {
    let mut consumed = Money3::default();
    while amount > Decimal::ZERO {
        let next = match method {
            Method::Fifo => book.queue.front().copied(),
            Method::Lifo => book.queue.back().copied(),
            Method::Hifo => book.heap.peek().map(|k| k.lot),
            Method::Average => None,
        };
        // The caller checked the amount held, so a lot is always there.
        let Some(i) = next else { break };
        let lot = &mut lots[i];
        let take = amount.min(lot.remaining);
        let cost = share(lot.cost, take, lot.remaining);
        consumed += cost;
        lot.remaining -= take;
        lot.cost = lot.cost - cost;
        amount -= take;
        if lot.remaining.is_zero() {
            lot.cost = Money3::default();
            match method {
                Method::Fifo => {
                    book.queue.pop_front();
                }
                Method::Lifo => {
                    book.queue.pop_back();
                }
                _ => {
                    book.heap.pop();
                }
            }
        }
    }
    consumed
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    const RATES: FxRates = FxRates {
        eur: dec!(0.5),
        czk: dec!(20),
    };

    fn t(id: i64, sym: &str, amount: Decimal, price: Decimal, date: &str) -> Trade {
        Trade {
            id,
            symbol: Symbol::parse(sym).unwrap(),
            amount,
            price,
            currency: Currency::Usd,
            date: date.parse().unwrap(),
            commission: Decimal::ZERO,
            rates: RATES,
        }
    }

    /// Buys: 1 @100 (Jan), 1 @300 (Feb), 1 @200 (Mar); sell 1.5 @400 in Apr.
    fn three_lots() -> (Vec<Trade>, Vec<Trade>) {
        (
            vec![
                t(1, "BTC", dec!(1), dec!(100), "2024-01-01"),
                t(2, "BTC", dec!(1), dec!(300), "2024-02-01"),
                t(3, "BTC", dec!(1), dec!(200), "2024-03-01"),
            ],
            vec![t(1, "BTC", dec!(1.5), dec!(400), "2024-04-01")],
        )
    }

    fn remaining(l: &Ledger) -> Vec<Decimal> {
        l.lots.iter().map(|x| x.remaining.normalize()).collect()
    }

    #[test]
    fn fifo_takes_oldest_first() {
        let (b, s) = three_lots();
        let l = run(&b, &s, Method::Fifo).unwrap();
        assert_eq!(remaining(&l), [dec!(0), dec!(0.5), dec!(1)]);
        // consumed 100 + 150 = 250; proceeds 600
        assert_eq!(l.sales[0].cost.usd, dec!(250));
        assert_eq!(
            l.sales[0].pnl,
            Money3 {
                usd: dec!(350),
                eur: dec!(175),
                czk: dec!(7000)
            }
        );
        let p = l.positions[&Symbol::parse("BTC").unwrap()];
        assert_eq!(p.amount, dec!(1.5));
        assert_eq!(p.cost.usd, dec!(350));
        assert_eq!(p.realized.usd, dec!(350));
    }

    #[test]
    fn lifo_takes_newest_first() {
        let (b, s) = three_lots();
        let l = run(&b, &s, Method::Lifo).unwrap();
        assert_eq!(remaining(&l), [dec!(1), dec!(0.5), dec!(0)]);
        assert_eq!(l.sales[0].cost.usd, dec!(350));
    }

    #[test]
    fn hifo_takes_dearest_first_in_every_currency() {
        let (b, s) = three_lots();
        let l = run(&b, &s, Method::Hifo).unwrap();
        assert_eq!(remaining(&l), [dec!(1), dec!(0), dec!(0.5)]);
        assert_eq!(
            l.sales[0].cost,
            Money3 {
                usd: dec!(400),
                eur: dec!(200),
                czk: dec!(8000)
            }
        );
    }

    #[test]
    fn hifo_ties_take_the_older() {
        let b = vec![
            t(1, "BTC", dec!(1), dec!(100), "2024-01-01"),
            t(2, "BTC", dec!(1), dec!(100), "2024-02-01"),
        ];
        let l = run(
            &b,
            &[t(1, "BTC", dec!(1), dec!(1), "2024-03-01")],
            Method::Hifo,
        )
        .unwrap();
        assert_eq!(remaining(&l), [dec!(0), dec!(1)]);
    }

    #[test]
    fn average_keeps_the_average_and_shrinks_lots_pro_rata() {
        let (b, s) = three_lots();
        let l = run(&b, &s, Method::Average).unwrap();
        // average 200; half the position sold
        assert_eq!(l.sales[0].cost.usd, dec!(300));
        assert_eq!(remaining(&l), [dec!(0.5), dec!(0.5), dec!(0.5)]);
        let p = l.positions[&Symbol::parse("BTC").unwrap()];
        assert_eq!(p.cost.usd, dec!(300));
        assert_eq!(p.cost.usd / p.amount, dec!(200));
        let lot_costs: Decimal = l.lots.iter().map(|x| x.cost.usd).sum();
        assert_eq!(lot_costs, dec!(300));
    }

    #[test]
    fn a_sell_that_empties_a_lot_exactly_leaves_no_dust() {
        let b = vec![
            t(1, "ETH", dec!(3), dec!(10), "2024-01-01"),
            t(2, "ETH", dec!(2), dec!(30), "2024-01-02"),
        ];
        let s = vec![t(1, "ETH", dec!(3), dec!(50), "2024-01-03")];
        let l = run(&b, &s, Method::Fifo).unwrap();
        assert_eq!(l.lots[0], Lot::default());
        assert_eq!(l.lots[1].remaining, dec!(2));
        assert_eq!(l.sales[0].pnl.usd, dec!(120));
    }

    #[test]
    fn commissions_and_currencies() {
        let mut buy = t(1, "BTC", dec!(2), dec!(100), "2024-01-01");
        buy.currency = Currency::Eur;
        buy.commission = dec!(4);
        let mut sell = t(1, "BTC", dec!(1), dec!(2000), "2024-02-01");
        sell.currency = Currency::Czk;
        sell.commission = dec!(20);
        let l = run(&[buy], &[sell], Method::Fifo).unwrap();
        // cost 204 EUR = 408 USD = 8160 CZK; half consumed
        assert_eq!(
            l.sales[0].cost,
            Money3 {
                usd: dec!(204),
                eur: dec!(102),
                czk: dec!(4080)
            }
        );
        // proceeds 1980 CZK = 99 USD = 49.5 EUR
        assert_eq!(
            l.sales[0].proceeds,
            Money3 {
                usd: dec!(99),
                eur: dec!(49.5),
                czk: dec!(1980)
            }
        );
    }

    #[test]
    fn several_assets_and_same_day_buy_before_sell() {
        let b = vec![
            t(1, "BTC", dec!(1), dec!(100), "2024-01-05"),
            t(2, "ETH", dec!(4), dec!(10), "2024-01-01"),
        ];
        let s = vec![
            t(1, "BTC", dec!(1), dec!(150), "2024-01-05"),
            t(2, "ETH", dec!(1), dec!(20), "2024-01-02"),
        ];
        let l = run(&b, &s, Method::Fifo).unwrap();
        assert_eq!(l.positions[&Symbol::parse("BTC").unwrap()].amount, dec!(0));
        assert_eq!(l.positions[&Symbol::parse("ETH").unwrap()].amount, dec!(3));
        assert_eq!(l.sales[0].pnl.usd, dec!(50));
        assert_eq!(l.sales[1].pnl.usd, dec!(10));
    }

    #[test]
    fn overselling_is_refused_naming_the_field() {
        let b = vec![t(1, "BTC", dec!(1), dec!(100), "2024-02-01")];
        let early = run(
            &b,
            &[t(1, "BTC", dec!(0.5), dec!(1), "2024-01-01")],
            Method::Fifo,
        );
        assert_eq!(early.unwrap_err().field, "date");
        let much = run(
            &b,
            &[t(1, "BTC", dec!(1.5), dec!(1), "2024-03-01")],
            Method::Fifo,
        );
        assert_eq!(
            much.unwrap_err(),
            Oversold {
                sell: 0,
                field: "amount",
                held: dec!(1)
            }
        );
        // A back-dated sale leaves a later one short.
        let s = vec![
            t(1, "BTC", dec!(0.8), dec!(1), "2024-04-01"),
            t(2, "BTC", dec!(0.5), dec!(1), "2024-03-01"),
        ];
        assert_eq!(run(&b, &s, Method::Lifo).unwrap_err().sell, 0);
    }

    #[test]
    fn methods_parse() {
        assert_eq!(Method::parse("method", "HIFO").unwrap(), Method::Hifo);
        assert_eq!(Method::parse("method", "lofi").unwrap_err().field, "method");
    }
}
