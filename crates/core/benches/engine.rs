//! Compute benchmarks of the pure engines, each beside a baseline measured in
//! the same run (a naive implementation of the same result), so the ratio is
//! meaningful on a noisy machine. Run: `cargo bench -p cryptodesk-core`.

#![allow(clippy::unwrap_used, missing_docs)] // benches fail loudly; criterion generates undocumented items

use chrono::Utc;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use cryptodesk_core::alerts::AlertEngine;
use cryptodesk_core::backtest::{self, Config, SeriesCache, Strategy};
use cryptodesk_core::candles::{self, Candles};
use cryptodesk_core::indicators;
use cryptodesk_core::rules::Repeat;
use cryptodesk_core::{Alert, AlertId, AlertKind, Symbol, Tick};
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::hint::black_box;

const CFG: Config = Config {
    cash: 10_000.0,
    fee: 0.001,
};

fn naive_sma(x: &[f64], n: usize) -> Vec<f64> {
    (0..x.len())
        .map(|i| {
            if i + 1 < n {
                f64::NAN
            } else {
                x[i + 1 - n..=i].iter().sum::<f64>() / n as f64
            }
        })
        .collect()
}

/// The eleven columns as `cryptodesk indicators` computes them: EMAs shared
/// with MACD, the SMA shared with the Bollinger middle, on all cores.
fn all_indicators(c: &Candles) -> usize {
    let x = &c.close;
    let (e12, e26) = rayon::join(|| indicators::ema(x, 12), || indicators::ema(x, 26));
    let ((sma, rsi), atr) = rayon::join(
        || rayon::join(|| indicators::sma(x, 20), || indicators::rsi(x, 14)),
        || indicators::atr(&c.high, &c.low, x, 14),
    );
    let (m, b) = rayon::join(
        || indicators::macd_from_emas(&e12, &e26, 12, 26, 9),
        || indicators::bollinger_with_middle(x, 20, 2.0, sma.clone()),
    );
    let cols = [
        sma, e12, e26, rsi, m.line, m.signal, m.hist, b.upper, b.middle, b.lower, atr,
    ];
    cols.iter().map(Vec::len).sum()
}

/// The same eleven columns computed one by one, each from scratch (baseline).
fn all_indicators_naive(c: &Candles) -> usize {
    let x = &c.close;
    let m = indicators::macd(x, 12, 26, 9);
    let b = indicators::bollinger(x, 20, 2.0);
    let cols = [
        indicators::sma(x, 20),
        indicators::ema(x, 12),
        indicators::ema(x, 26),
        indicators::rsi(x, 14),
        m.line,
        m.signal,
        m.hist,
        b.upper,
        b.middle,
        b.lower,
        indicators::atr(&c.high, &c.low, x, 14),
    ];
    cols.iter().map(Vec::len).sum()
}

fn bench_million(c: &mut Criterion) {
    let data = candles::synthetic(1_000_000, 1);
    let mut csv = Vec::new();
    candles::write_csv(&data, &mut csv).unwrap();
    let mut g = c.benchmark_group("1M candles");
    g.sample_size(20);
    g.bench_function("parse CSV", |b| {
        b.iter(|| candles::parse_csv(black_box(&csv)).unwrap().len())
    });
    g.bench_function("sma-cross 10/30 backtest (indicators + simulation)", |b| {
        b.iter(|| {
            backtest::run(
                black_box(&data),
                &Strategy::SmaCross { fast: 10, slow: 30 },
                &CFG,
            )
            .final_equity
        })
    });
    g.bench_function("all 11 indicator columns (shared, parallel)", |b| {
        b.iter(|| all_indicators(black_box(&data)))
    });
    g.bench_function("all 11 indicator columns (one by one, baseline)", |b| {
        b.iter(|| all_indicators_naive(black_box(&data)))
    });
    g.bench_function("SMA(30) rolling", |b| {
        b.iter(|| indicators::sma(black_box(&data.close), 30))
    });
    g.bench_function("SMA(30) naive baseline", |b| {
        b.iter(|| naive_sma(black_box(&data.close), 30))
    });
    g.finish();
}

fn grid() -> Vec<Strategy> {
    let mut out = Vec::new();
    for fast in (5..=50).step_by(5) {
        for slow in (20..=200).step_by(20) {
            out.push(Strategy::SmaCross { fast, slow });
        }
    }
    out
}

fn bench_grid(c: &mut Criterion) {
    let files: Vec<Candles> = (1..=3).map(|s| candles::synthetic(17_520, s)).collect();
    let strategies = grid();
    assert_eq!(strategies.len(), 100);
    let mut g = c.benchmark_group("grid 100 params x 3 files x 17520 candles");
    g.sample_size(20);
    g.bench_function("parallel, shared indicator series", |b| {
        b.iter(|| {
            let caches: Vec<SeriesCache> = files.iter().map(|_| SeriesCache::default()).collect();
            let jobs: Vec<(usize, &Strategy)> = (0..3)
                .flat_map(|f| strategies.iter().map(move |s| (f, s)))
                .collect();
            jobs.par_iter()
                .map(|&(f, s)| backtest::run_cached(&files[f], s, &CFG, &caches[f]).final_equity)
                .sum::<f64>()
        })
    });
    g.bench_function(
        "sequential, indicators recomputed per run (baseline)",
        |b| {
            b.iter(|| {
                files
                    .iter()
                    .flat_map(|f| {
                        strategies
                            .iter()
                            .map(move |s| backtest::run(f, s, &CFG).final_equity)
                    })
                    .sum::<f64>()
            })
        },
    );
    g.finish();
}

fn alert(id: i64, kind: AlertKind, thr: i64) -> Alert {
    Alert {
        id: AlertId(id),
        symbol: Symbol::parse("BTC").unwrap(),
        alert_type: kind,
        threshold_price: Decimal::from(thr),
        message: None,
        is_active: true,
        created_at: Utc::now(),
        updated_at: Utc::now(),
        upper_price: None,
        within_secs: None,
        repeat: Repeat::Once,
        rearm_band: Decimal::ZERO,
        cooldown_secs: None,
        expires_at: None,
        last_fired_at: None,
        snoozed_until: None,
    }
}

fn bench_alerts(c: &mut Criterion) {
    // 100,000 alerts spread over 50,000..150,000; a tick at 100,000.5 that fires none
    // (above thresholds all > price; below thresholds all < price).
    let alerts: Vec<Alert> = (0..100_000)
        .map(|i| {
            if i % 2 == 0 {
                alert(i, AlertKind::Above, 100_001 + i)
            } else {
                alert(i, AlertKind::Below, 99_999 - i / 2)
            }
        })
        .collect();
    let tick = Tick {
        symbol: Symbol::parse("BTC").unwrap(),
        price: Decimal::new(1_000_005, 1),
        at: Utc::now(),
    };
    let mut g = c.benchmark_group("100k alerts, tick that fires none");
    g.bench_function("indexed engine", |b| {
        b.iter_batched_ref(
            || AlertEngine::new(alerts.clone()),
            |e| e.evaluate(black_box(&tick)).len(),
            BatchSize::LargeInput,
        )
    });
    g.bench_function("linear scan baseline", |b| {
        b.iter(|| {
            alerts
                .iter()
                .filter(|a| match a.alert_type {
                    AlertKind::Above => tick.price >= a.threshold_price,
                    _ => tick.price <= a.threshold_price,
                })
                .count()
        })
    });
    g.finish();
}

/// 100,000 rules of every kind, half `once` and half `every`, over 1000
/// symbols; one poll's batch is a tick for each symbol (prices around 100,
/// moving up to ±3 % a minute, so some rules fire). The engine is warmed
/// by one batch first, as it is between polls. Baseline in the same run:
/// loading the engine afresh for the batch, which is what evaluating
/// from the database on every poll costs before any query.
fn bench_rules(c: &mut Criterion) {
    let symbols: Vec<Symbol> = (0..1000)
        .map(|i| Symbol::parse(&format!("S{i}")).unwrap())
        .collect();
    let mut seed = 42u64;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let alerts: Vec<Alert> = (0..100_000usize)
        .map(|i| {
            let kind = AlertKind::ALL[i % 9];
            let mut a = alert(i as i64, kind, 90 + next(20) as i64);
            a.symbol = symbols[(i / 9) % 1000].clone();
            if (i / 9) % 2 == 1 {
                a.repeat = Repeat::Every;
                a.rearm_band = Decimal::ONE;
            }
            match kind {
                AlertKind::Enters | AlertKind::Exits => {
                    a.upper_price = Some(a.threshold_price + Decimal::from(5));
                }
                AlertKind::MovesUp | AlertKind::MovesDown => {
                    a.threshold_price = Decimal::from(2 + next(5));
                    a.within_secs = Some(600);
                }
                _ => {}
            }
            a
        })
        .collect();
    let t0 = Utc::now();
    let mut prices: Vec<i64> = vec![10_000; 1000];
    let mut batch = |minute: i64| -> Vec<Tick> {
        symbols
            .iter()
            .zip(prices.iter_mut())
            .map(|(s, p)| {
                *p += *p * (next(61) as i64 - 30) / 10_000;
                Tick {
                    symbol: s.clone(),
                    price: Decimal::new(*p, 2),
                    at: t0 + chrono::Duration::minutes(minute),
                }
            })
            .collect()
    };
    let warm_up = batch(0);
    let ticks = batch(1);
    let mut warm = AlertEngine::new(alerts.clone());
    for t in &warm_up {
        warm.evaluate(t);
    }
    let fires = {
        let mut e = warm.clone();
        ticks.iter().map(|t| e.evaluate(t).len()).sum::<usize>()
    };
    let mut g = c.benchmark_group(format!(
        "100k rules of 9 kinds over 1000 symbols, a batch of 1000 ticks ({fires} fire)"
    ));
    g.sample_size(20);
    g.bench_function("engine kept between polls", |b| {
        // Timed by hand: the copy of the warm engine each run starts from,
        // and dropping it, stay outside the measurement.
        b.iter_custom(|iters| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iters {
                let mut e = warm.clone();
                let start = std::time::Instant::now();
                let n: usize = ticks.iter().map(|t| e.evaluate(black_box(t)).len()).sum();
                total += start.elapsed();
                black_box(n);
            }
            total
        })
    });
    g.bench_function("baseline: engine loaded for the batch", |b| {
        b.iter(|| {
            let mut e = AlertEngine::new(alerts.clone());
            ticks
                .iter()
                .map(|t| e.evaluate(black_box(t)).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(
    benches,
    bench_million,
    bench_grid,
    bench_alerts,
    bench_rules
);
criterion_main!(benches);
