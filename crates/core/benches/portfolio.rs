//! Valuation and summary of 10,000 buys and 10,000 sales in three
//! currencies, beside baselines measured in the same run: a naive lot
//! matcher (every sale scans the lots from the oldest), and a bare pass
//! that only converts each trade's amount into the three currencies.
//! Run: `cargo bench -p cryptodesk-core --bench portfolio`.

#![allow(clippy::unwrap_used, missing_docs)] // benches fail loudly; criterion generates undocumented items

use chrono::{Duration, NaiveDate, Utc};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use cryptodesk_core::fx::{DatedRates, FxRates, LatestRates, Money3};
use cryptodesk_core::lots::{self, Method, Trade};
use cryptodesk_core::portfolio::{self, HoldingLot, Market};
use cryptodesk_core::{Currency, Holding, HoldingId, Symbol};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::hint::black_box;

const ASSETS: usize = 50;
const N: usize = 10_000;

fn rates(i: usize) -> FxRates {
    FxRates {
        eur: Decimal::new(85_000 + (i % 997) as i64 * 7, 5),
        czk: Decimal::new(2_050_000 + (i % 991) as i64 * 31, 5),
    }
}

/// 10,000 buys, then 10,000 sales of 40 % of each buy's amount, over 50
/// assets, in USD, EUR and CZK, each on its own date with its own rates.
fn book() -> (Vec<Holding>, Vec<Trade>, Vec<Trade>) {
    let start = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap();
    let cur = [Currency::Usd, Currency::Eur, Currency::Czk];
    let symbols: Vec<Symbol> = (0..ASSETS)
        .map(|i| Symbol::parse(&format!("A{i}")).unwrap())
        .collect();
    let mut holdings = Vec::with_capacity(N);
    let mut buys = Vec::with_capacity(N);
    let mut sells = Vec::with_capacity(N);
    for i in 0..N {
        let date = start + Duration::days((i / 4) as i64);
        let t = Trade {
            id: i as i64 + 1,
            symbol: symbols[i % ASSETS].clone(),
            amount: Decimal::new(12_345 + (i as i64 % 5_000), 4),
            price: Decimal::new(100_000 + (i as i64 * 37) % 9_000_000, 2),
            currency: cur[i % 3],
            date,
            commission: Decimal::new(250, 2),
            rates: rates(i),
        };
        holdings.push(Holding {
            id: HoldingId(t.id),
            symbol: t.symbol.clone(),
            amount: t.amount,
            price_buy: t.price,
            purchase_date: Some(date),
            base_currency: t.currency,
            purchase_price_eur: None,
            purchase_price_czk: None,
            source: None,
            commission: t.commission,
            fx_rate_eur: None,
            fx_rate_czk: None,
            import_key: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        });
        sells.push(Trade {
            id: i as i64 + 1,
            amount: t.amount * Decimal::new(4, 1),
            date: date + Duration::days(1),
            currency: cur[(i + 1) % 3],
            rates: rates(i + 1),
            ..t.clone()
        });
        buys.push(t);
    }
    (holdings, buys, sells)
}

fn market() -> Market {
    Market {
        prices: (0..ASSETS)
            .map(|i| {
                (
                    Symbol::parse(&format!("A{i}")).unwrap(),
                    Decimal::new(50_000 + i as i64, 0),
                )
            })
            .collect(),
        opens: HashMap::new(),
        rates: Some(LatestRates {
            date: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            rates: rates(0),
            stale: false,
        }),
    }
}

/// The same FIFO result the slow way: each sale walks every lot of the
/// book from the oldest until it has its amount.
fn naive_fifo(buys: &[Trade], sells: &[Trade]) -> Decimal {
    let mut remaining: Vec<Decimal> = buys.iter().map(|b| b.amount).collect();
    let mut sorted: Vec<&Trade> = sells.iter().collect();
    sorted.sort_by_key(|s| (s.date, s.id));
    let mut realized = Decimal::ZERO;
    for s in sorted {
        let mut need = s.amount;
        for (i, b) in buys.iter().enumerate() {
            if need.is_zero() {
                break;
            }
            if b.symbol != s.symbol || b.date > s.date || remaining[i].is_zero() {
                continue;
            }
            let take = need.min(remaining[i]);
            realized -= b.cost().usd * take / b.amount;
            remaining[i] -= take;
            need -= take;
        }
        realized += s.proceeds().usd;
    }
    realized
}

fn bench(c: &mut Criterion) {
    let (holdings, buys, sells) = book();
    let market = market();
    let dated = DatedRates {
        date: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
        published: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
        rates: rates(0),
        provisional: false,
    };
    let ledger = lots::run(&buys, &sells, Method::Fifo).unwrap();
    assert_eq!(
        ledger
            .positions
            .values()
            .map(|p| p.realized.usd)
            .sum::<Decimal>()
            .round_dp(6),
        naive_fifo(&buys, &sells).round_dp(6),
        "the baseline computes the same realized P&L"
    );

    let mut g = c.benchmark_group("portfolio 10k buys + 10k sales");
    g.sample_size(20);
    let rows: Vec<HoldingLot> = holdings
        .iter()
        .zip(&ledger.lots)
        .map(|(h, lot)| HoldingLot {
            holding: h.clone(),
            lot: *lot,
            rates: Some(dated),
        })
        .collect();
    g.bench_function(
        "valuation (every buy's remaining value, cost, P&L and % in USD, EUR, CZK, and totals)",
        |b| {
            // One valuation at a time, its result dropped before the next,
            // as the service does once per poll.
            b.iter_batched(
                || rows.clone(),
                |rows| black_box(portfolio::value(rows, &market, Method::Fifo)),
                BatchSize::PerIteration,
            )
        },
    );
    g.bench_function("lot matching alone (FIFO)", |b| {
        b.iter(|| black_box(lots::run(black_box(&buys), black_box(&sells), Method::Fifo)))
    });
    for method in Method::ALL {
        g.bench_function(format!("summary under {method}"), |b| {
            b.iter(|| {
                let ledger = lots::run(black_box(&buys), black_box(&sells), method).unwrap();
                black_box(portfolio::summarize(
                    &ledger,
                    &market,
                    method,
                    &Default::default(),
                ))
            })
        });
    }
    g.bench_function("baseline: convert each trade into three currencies", |b| {
        b.iter(|| {
            let mut sum = Money3::default();
            for t in buys.iter().chain(&sells) {
                sum += black_box(t).cost();
            }
            black_box(sum)
        })
    });
    g.sample_size(10);
    g.bench_function("baseline: naive FIFO (each sale scans the lots)", |b| {
        b.iter(|| black_box(naive_fifo(black_box(&buys), black_box(&sells))))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
