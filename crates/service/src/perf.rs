//! Where time goes: the last poll's latency, the price cache's hit rate, and
//! database call latencies since start (p50/p99 from a log-bucket histogram,
//! so memory stays constant however long the app runs).

use serde::Serialize;
use std::sync::Mutex;
use std::time::Duration;
use ts_rs::TS;

/// Buckets per decade of microseconds (≈ 12 % resolution).
const PER_DECADE: f64 = 20.0;
/// 1 µs … 100 s.
const BUCKETS: usize = 8 * PER_DECADE as usize + 1;

/// A histogram of durations in log-spaced microsecond buckets.
#[derive(Debug, Clone)]
pub struct Histogram {
    counts: Vec<u64>,
    total: u64,
}

impl Default for Histogram {
    fn default() -> Self {
        Self {
            counts: vec![0; BUCKETS],
            total: 0,
        }
    }
}

impl Histogram {
    /// Counts one duration.
    pub fn record(&mut self, d: Duration) {
        let micros = d.as_secs_f64() * 1e6;
        let index = if micros <= 1.0 {
            0
        } else {
            ((micros.log10() * PER_DECADE).ceil() as usize).min(BUCKETS - 1)
        };
        self.counts[index] += 1;
        self.total += 1;
    }

    /// Number of durations counted.
    pub fn count(&self) -> u64 {
        self.total
    }

    /// The `q` quantile (0..=1) in milliseconds: the upper bound of the
    /// bucket holding it, so never below the true value.
    pub fn quantile_ms(&self, q: f64) -> Option<f64> {
        if self.total == 0 {
            return None;
        }
        let rank = ((q.clamp(0.0, 1.0) * self.total as f64).ceil() as u64).max(1);
        let mut seen = 0;
        for (i, c) in self.counts.iter().enumerate() {
            seen += c;
            if seen >= rank {
                return Some(10f64.powf(i as f64 / PER_DECADE) / 1000.0);
            }
        }
        None
    }
}

/// Counters the service keeps while it runs.
#[derive(Debug, Default)]
pub struct Perf {
    last_poll: Mutex<Option<Duration>>,
    db: Mutex<Histogram>,
}

impl Perf {
    /// Remembers how long the last poll took.
    pub fn poll_took(&self, d: Duration) {
        if let Ok(mut p) = self.last_poll.lock() {
            *p = Some(d);
        }
    }

    /// Counts one database call.
    pub fn db_took(&self, d: Duration) {
        if let Ok(mut h) = self.db.lock() {
            h.record(d);
        }
    }

    /// The figures now, with the cache's counters.
    pub fn report(&self, cache: cryptodesk_cache::CacheStats) -> PerfReport {
        let last_poll_ms = self
            .last_poll
            .lock()
            .ok()
            .and_then(|p| *p)
            .map(|d| d.as_secs_f64() * 1000.0);
        let db = self.db.lock().map(|h| h.clone()).unwrap_or_default();
        let asked = cache.hits + cache.misses;
        PerfReport {
            last_poll_ms,
            cache_hits: cache.hits,
            cache_misses: cache.misses,
            cache_hit_rate_pct: (asked > 0).then(|| cache.hits as f64 * 100.0 / asked as f64),
            db_calls: db.count(),
            db_p50_ms: db.quantile_ms(0.5),
            db_p99_ms: db.quantile_ms(0.99),
        }
    }
}

/// Figures for the Performance page. Timings, not money: floats are fine.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PerfReport {
    /// Duration of the last poll (request, cache, alerts, store), in ms.
    pub last_poll_ms: Option<f64>,
    /// Price reads served from the cache since start.
    #[ts(type = "number")]
    pub cache_hits: u64,
    /// Price reads the cache could not serve since start.
    #[ts(type = "number")]
    pub cache_misses: u64,
    /// `hits / (hits + misses) × 100`, once anything was read.
    pub cache_hit_rate_pct: Option<f64>,
    /// Database calls timed since start.
    #[ts(type = "number")]
    pub db_calls: u64,
    /// Median database call, in ms (bucket upper bound, ≈ 12 % resolution).
    pub db_p50_ms: Option<f64>,
    /// 99th-percentile database call, in ms.
    pub db_p99_ms: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_bound_the_true_value_within_a_bucket() {
        let mut h = Histogram::default();
        assert_eq!(h.quantile_ms(0.5), None);
        for ms in 1..=100u64 {
            h.record(Duration::from_millis(ms));
        }
        let p50 = h.quantile_ms(0.5).unwrap_or_default();
        let p99 = h.quantile_ms(0.99).unwrap_or_default();
        assert!((50.0..50.0 * 1.13).contains(&p50), "p50 {p50}");
        assert!((99.0..99.0 * 1.13).contains(&p99), "p99 {p99}");
        assert_eq!(h.count(), 100);
    }

    #[test]
    fn hit_rate() {
        let p = Perf::default();
        let r = p.report(cryptodesk_cache::CacheStats { hits: 3, misses: 1 });
        assert_eq!(r.cache_hit_rate_pct, Some(75.0));
        assert_eq!(r.last_poll_ms, None);
        p.poll_took(Duration::from_millis(12));
        let r = p.report(cryptodesk_cache::CacheStats::default());
        assert_eq!(r.last_poll_ms, Some(12.0));
        assert_eq!(r.cache_hit_rate_pct, None);
    }
}
