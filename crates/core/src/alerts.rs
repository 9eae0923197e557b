//! The alert engine: an index of active alerts, sorted by threshold per
//! symbol, so evaluating a tick costs `O(log n + k)` where `k` is the number
//! of alerts that fire, however many alerts exist.

use crate::domain::{Alert, AlertEvent, AlertId, AlertKind, Tick};
use crate::money::Symbol;
use rust_decimal::Decimal;
use std::collections::HashMap;

#[derive(Debug, Default)]
struct SymbolIndex {
    /// `above` alerts sorted by threshold ascending: a price `p` fires the suffix
    /// with `threshold <= p`.
    above: Vec<(Decimal, AlertId)>,
    /// `below` alerts sorted by threshold descending: a price `p` fires the suffix
    /// with `threshold >= p`.
    below: Vec<(Decimal, AlertId)>,
}

/// Active alerts indexed for evaluation. An alert fires once: the engine
/// removes it when it fires, and the caller deactivates it in the store.
#[derive(Debug, Default)]
pub struct AlertEngine {
    by_symbol: HashMap<Symbol, SymbolIndex>,
    alerts: HashMap<AlertId, Alert>,
}

impl AlertEngine {
    /// Builds the index from the active alerts (inactive ones are skipped).
    pub fn new(alerts: impl IntoIterator<Item = Alert>) -> Self {
        let mut engine = Self::default();
        for alert in alerts {
            engine.insert(alert);
        }
        engine
    }

    /// Number of alerts waiting to fire.
    pub fn len(&self) -> usize {
        self.alerts.len()
    }

    /// Whether no alert is waiting.
    pub fn is_empty(&self) -> bool {
        self.alerts.is_empty()
    }

    /// Adds an active alert to the index.
    pub fn insert(&mut self, alert: Alert) {
        if !alert.is_active || self.alerts.contains_key(&alert.id) {
            return;
        }
        let index = self.by_symbol.entry(alert.symbol.clone()).or_default();
        let key = (alert.threshold_price, alert.id);
        match alert.alert_type {
            AlertKind::Above => {
                let pos = index.above.partition_point(|e| *e < key);
                index.above.insert(pos, key);
            }
            AlertKind::Below => {
                let pos = index
                    .below
                    .partition_point(|e| e.0 > key.0 || (e.0 == key.0 && e.1 < key.1));
                index.below.insert(pos, key);
            }
        }
        self.alerts.insert(alert.id, alert);
    }

    /// Removes an alert (deleted or deactivated by the user).
    pub fn remove(&mut self, id: AlertId) {
        if let Some(alert) = self.alerts.remove(&id) {
            if let Some(index) = self.by_symbol.get_mut(&alert.symbol) {
                index.above.retain(|e| e.1 != id);
                index.below.retain(|e| e.1 != id);
            }
        }
    }

    /// Evaluates one tick: returns the alerts it fires, in threshold order,
    /// and removes them from the index so they never fire again.
    pub fn evaluate(&mut self, tick: &Tick) -> Vec<AlertEvent> {
        let Some(index) = self.by_symbol.get_mut(&tick.symbol) else {
            return Vec::new();
        };
        let p = tick.price;
        let first_above = index.above.partition_point(|e| e.0 <= p);
        // `above` is ascending: the fired ones (threshold <= p) are the prefix.
        let mut fired: Vec<AlertId> = index.above.drain(..first_above).map(|e| e.1).collect();
        // `below` is descending: the fired ones (threshold >= p) are the prefix.
        let first_below = index.below.partition_point(|e| e.0 >= p);
        fired.extend(index.below.drain(..first_below).map(|e| e.1));
        fired
            .into_iter()
            .filter_map(|id| self.alerts.remove(&id))
            .map(|alert| AlertEvent {
                id: 0,
                alert_id: alert.id,
                symbol: alert.symbol,
                triggered_price: p,
                threshold_price: alert.threshold_price,
                alert_type: alert.alert_type,
                message: alert.message,
                triggered_at: tick.at,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use rust_decimal_macros::dec;

    fn alert(id: i64, sym: &str, kind: AlertKind, thr: Decimal) -> Alert {
        Alert {
            id: AlertId(id),
            symbol: Symbol::parse(sym).unwrap(),
            alert_type: kind,
            threshold_price: thr,
            message: None,
            is_active: true,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    fn tick(sym: &str, p: Decimal) -> Tick {
        Tick {
            symbol: Symbol::parse(sym).unwrap(),
            price: p,
            at: Utc::now(),
        }
    }

    #[test]
    fn fires_once_when_crossed() {
        let mut e = AlertEngine::new([
            alert(1, "BTC", AlertKind::Above, dec!(100000)),
            alert(2, "BTC", AlertKind::Above, dec!(120000)),
            alert(3, "ETH", AlertKind::Below, dec!(2000)),
            alert(4, "ETH", AlertKind::Below, dec!(1500)),
        ]);
        assert!(e.evaluate(&tick("BTC", dec!(99999.99999999))).is_empty());
        let fired = e.evaluate(&tick("BTC", dec!(100000)));
        assert_eq!(fired.len(), 1);
        assert_eq!(fired[0].alert_id, AlertId(1));
        assert!(e.evaluate(&tick("BTC", dec!(100001))).is_empty());
        assert!(e.evaluate(&tick("ETH", dec!(2000.01))).is_empty());
        let fired = e.evaluate(&tick("ETH", dec!(1400)));
        let ids: Vec<_> = fired.iter().map(|f| f.alert_id.0).collect();
        assert_eq!(ids, vec![3, 4]);
        assert_eq!(e.len(), 1);
        assert!(e.evaluate(&tick("DOGE", dec!(1))).is_empty());
    }

    #[test]
    fn inactive_and_removed_alerts_never_fire() {
        let mut inactive = alert(1, "BTC", AlertKind::Above, dec!(1));
        inactive.is_active = false;
        let mut e = AlertEngine::new([inactive, alert(2, "BTC", AlertKind::Above, dec!(1))]);
        e.remove(AlertId(2));
        assert!(e.evaluate(&tick("BTC", dec!(5))).is_empty());
        assert!(e.is_empty());
    }

    #[test]
    fn matches_naive_scan() {
        // Deterministic pseudo-random thresholds against a linear scan.
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % 1000
        };
        let mut alerts = Vec::new();
        for id in 0..300 {
            let kind = if next() % 2 == 0 {
                AlertKind::Above
            } else {
                AlertKind::Below
            };
            alerts.push(alert(id, "BTC", kind, Decimal::from(next())));
        }
        let mut engine = AlertEngine::new(alerts.clone());
        let mut alive: Vec<Alert> = alerts;
        for _ in 0..50 {
            let p = Decimal::from(next());
            let mut got: Vec<i64> = engine
                .evaluate(&tick("BTC", p))
                .iter()
                .map(|f| f.alert_id.0)
                .collect();
            got.sort();
            let (fire, keep): (Vec<_>, Vec<_>) =
                alive.into_iter().partition(|a| match a.alert_type {
                    AlertKind::Above => p >= a.threshold_price,
                    AlertKind::Below => p <= a.threshold_price,
                });
            let mut want: Vec<i64> = fire.iter().map(|a| a.id.0).collect();
            want.sort();
            assert_eq!(got, want);
            alive = keep;
        }
    }
}
