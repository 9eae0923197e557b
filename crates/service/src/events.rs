//! Delivery of service events to a UI: prices are coalesced per symbol and
//! leave at most once per period (a burst of ticks costs the UI one update);
//! every other event passes at once.

use crate::Event;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::time::Duration;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio_util::sync::CancellationToken;

/// The UI's price budget: at most 4 price events a second.
pub const PRICE_PERIOD: Duration = Duration::from_millis(250);

/// Forwards events from `rx` to `sink` until `cancel` fires or the service
/// goes away, batching price events as the module says.
pub async fn forward(
    mut rx: broadcast::Receiver<Event>,
    period: Duration,
    cancel: CancellationToken,
    mut sink: impl FnMut(Event),
) {
    let mut pending: HashMap<String, Decimal> = HashMap::new();
    let mut pending_at: Option<DateTime<Utc>> = None;
    let mut ticker = tokio::time::interval(period);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = cancel.cancelled() => break,
            received = rx.recv() => match received {
                Ok(Event::Prices { prices, at }) => {
                    pending.extend(prices);
                    pending_at = Some(pending_at.map_or(at, |p| p.max(at)));
                }
                Ok(other) => sink(other),
                Err(RecvError::Lagged(n)) => {
                    tracing::warn!(skipped = n, "the UI fell behind; asking it to read everything again");
                    sink(Event::Resync);
                }
                Err(RecvError::Closed) => break,
            },
            _ = ticker.tick(), if !pending.is_empty() => {
                if let Some(at) = pending_at.take() {
                    sink(Event::Prices { prices: std::mem::take(&mut pending), at });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[tokio::test]
    async fn a_lagging_ui_is_told_to_read_everything_again() {
        let (tx, rx) = broadcast::channel(4);
        for _ in 0..10 {
            let _ = tx.send(Event::AlertsChanged);
        }
        drop(tx);
        let mut seen = Vec::new();
        forward(rx, PRICE_PERIOD, CancellationToken::new(), |e| seen.push(e)).await;
        assert!(matches!(seen.first(), Some(Event::Resync)), "{seen:?}");
        assert_eq!(seen.len(), 5, "the resync, then the 4 events still queued");
    }

    #[tokio::test]
    async fn prices_are_coalesced_per_symbol_and_rate_limited() {
        let (tx, rx) = broadcast::channel(1024);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let cancel = CancellationToken::new();
        let task = {
            let seen = Arc::clone(&seen);
            let cancel = cancel.clone();
            tokio::spawn(forward(rx, Duration::from_millis(100), cancel, move |e| {
                if let Ok(mut s) = seen.lock() {
                    s.push(e);
                }
            }))
        };
        let start = std::time::Instant::now();
        for i in 0..200u32 {
            let sym = ["BTC", "ETH", "SOL"][(i % 3) as usize];
            let _ = tx.send(Event::Prices {
                prices: HashMap::from([(sym.to_owned(), Decimal::from(i))]),
                at: Utc::now(),
            });
            if i == 100 {
                let _ = tx.send(Event::AlertsChanged);
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
        let elapsed = start.elapsed();
        cancel.cancel();
        let _ = task.await;
        let seen = seen.lock().map(|s| s.clone()).unwrap_or_default();
        let price_events: Vec<&HashMap<String, Decimal>> = seen
            .iter()
            .filter_map(|e| match e {
                Event::Prices { prices, .. } => Some(prices),
                _ => None,
            })
            .collect();
        let budget = (elapsed.as_millis() / 100 + 1) as usize;
        assert!(
            price_events.len() <= budget,
            "{} price events in {elapsed:?}",
            price_events.len()
        );
        assert!(seen.iter().any(|e| matches!(e, Event::AlertsChanged)));
        let mut latest: HashMap<String, Decimal> = HashMap::new();
        for p in &price_events {
            latest.extend(p.iter().map(|(k, v)| (k.clone(), *v)));
        }
        assert_eq!(latest.get("BTC"), Some(&Decimal::from(198)));
        assert_eq!(latest.get("ETH"), Some(&Decimal::from(199)));
        assert_eq!(latest.get("SOL"), Some(&Decimal::from(197)));
    }
}
