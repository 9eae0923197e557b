//! Live alert evaluation: one engine for the process, kept between polls
//! and reloaded only when the rules changed (by this process or another:
//! the store's rules version says so), with each rule's state saved so a
//! restart neither repeats a fire nor loses a re-arm.

use crate::{App, ServiceError};
use chrono::{DateTime, Utc};
use cryptodesk_core::alerts::AlertEngine;
use cryptodesk_core::{AlertEvent, Symbol, Tick};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::atomic::Ordering;

impl App {
    /// How many times the alert engine was loaded from the store: once,
    /// then again only after a rule changed (here or in another process).
    pub fn alert_engine_loads(&self) -> u64 {
        self.rule_loads.load(Ordering::Relaxed)
    }

    /// Runs one batch of prices through the engine: fires are claimed and
    /// recorded (a fire another process claimed first is skipped), expired
    /// rules end, and changed states are saved. Returns the recorded fires.
    pub(crate) async fn evaluate_alerts(
        &self,
        prices: &HashMap<String, Decimal>,
        at: DateTime<Utc>,
    ) -> Result<Vec<AlertEvent>, ServiceError> {
        let mut guard = self.rules.lock().await;
        let version = self.store_db(|s| s.alert_rules_version()).await?;
        let engine = match guard.take() {
            Some((v, engine)) if v == version => engine,
            _ => {
                let mut engine = AlertEngine::default();
                for (alert, state) in self.store_db(|s| s.active_rules()).await? {
                    engine.insert(alert, state.unwrap_or_default());
                }
                self.rule_loads.fetch_add(1, Ordering::Relaxed);
                tracing::debug!(version, rules = engine.len(), "alert rules loaded");
                engine
            }
        };
        let (_, engine) = guard.insert((version, engine));
        let mut firings = Vec::new();
        for (s, p) in prices {
            if let Ok(symbol) = Symbol::parse(s) {
                firings.extend(engine.evaluate(&Tick {
                    symbol,
                    price: *p,
                    at,
                }));
            }
        }
        let expired = engine.take_expired(at.timestamp_millis());
        let states = engine.take_changed_states();
        let fired = if firings.is_empty() {
            Vec::new()
        } else {
            match self.store_db(|s| s.record_fired(&firings)).await {
                Ok(fired) => fired,
                Err(e) => {
                    // The engine already counted these fires: reload it from
                    // the store, where they are not, so none is lost.
                    *guard = None;
                    return Err(e);
                }
            }
        };
        if fired.len() < firings.len() {
            // Another process fired one first: its state wins; reload.
            *guard = None;
        }
        if let Err(e) = self.store_db(|s| s.save_rule_states(&states)).await {
            tracing::warn!(error = %e, "alert states not saved; a restart starts them afresh");
        }
        if !expired.is_empty() {
            tracing::info!(n = expired.len(), "alerts expired");
            if let Err(e) = self.store_db(|s| s.expire_alerts(&expired)).await {
                // The recorded fires still go out; the expired rules are
                // ended at the next load.
                tracing::warn!(error = %e, "expired alerts not ended in the store");
                *guard = None;
            }
        }
        Ok(fired)
    }
}
