//! The live alert engine: every active rule with the state its next tick
//! needs, indexed by symbol. Each tick goes through
//! [`Rule::on_tick`](crate::rules::Rule::on_tick), the same state machine
//! replay runs, so a rule behaves alike live and over history.
//!
//! The common rule, a level that fires once (`above` / `below`), sits in a
//! list sorted by threshold: a tick costs `O(log n + k)` for those, where
//! `k` is the number that fire. Every other rule runs on each tick of its
//! symbol.

use crate::domain::{Alert, AlertEvent, AlertId, Tick};
use crate::money::Symbol;
use crate::rules::{Repeat, Rule, RuleKind, RuleState};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

/// One fire, with what claiming it in the store needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Firing {
    /// The history row to record.
    pub event: AlertEvent,
    /// The rule's last fire before this one (epoch ms): the claim succeeds
    /// only if the store still holds it, so two engines never both fire.
    pub previous_fire: Option<i64>,
    /// Whether this fire ends the rule.
    pub once: bool,
    /// The rule's state after the fire.
    pub state: RuleState,
    /// The rule's `updated_at` when the engine loaded it: a write for a
    /// rule edited since (by any process) is refused.
    pub revision: DateTime<Utc>,
}

/// A rule's saved state, with the revision it belongs to.
pub type SavedState = (AlertId, RuleState, DateTime<Utc>);

/// What a tick touches: the rule and its state, kept together and, for
/// the rules every tick of a symbol runs, side by side in one `Vec`.
#[derive(Debug, Clone)]
struct Hot {
    id: AlertId,
    rule: Rule,
    state: RuleState,
    /// No fire before this (epoch ms).
    snoozed_until: Option<i64>,
    /// The alert's `updated_at` when loaded.
    revision: DateTime<Utc>,
    /// The state changed since it was last taken for saving.
    dirty: bool,
}

/// What only a fire needs.
#[derive(Debug, Clone)]
struct Cold {
    alert: Alert,
    /// The rule in words.
    words: String,
}

#[derive(Debug, Default, Clone)]
struct SymbolRules {
    /// `above … once` by threshold ascending: a price `p` fires the prefix
    /// with `threshold <= p`.
    above: Vec<(Decimal, AlertId)>,
    /// `below … once` by threshold descending: `p` fires the prefix with
    /// `threshold >= p`.
    below: Vec<(Decimal, AlertId)>,
    /// Every other rule, in the order added, run on each tick.
    stateful: Vec<Hot>,
}

/// Active rules and their state.
#[derive(Debug, Default, Clone)]
pub struct AlertEngine {
    by_symbol: HashMap<Symbol, SymbolRules>,
    /// The indexed `once` levels.
    levels: HashMap<AlertId, Hot>,
    cold: HashMap<AlertId, Cold>,
    expiries: BTreeSet<(i64, AlertId)>,
    expired: Vec<(AlertId, DateTime<Utc>)>,
}

/// What of a rule's state its next decisions depend on. A level ignores
/// the previous price; a crossing needs only which side of its level it
/// was on, a channel only whether it was inside, below or above; a move
/// its whole window. A state is saved when this changes, not on every
/// tick, and a restart from the saved state decides exactly as before.
#[derive(Debug, PartialEq, Eq)]
struct Memo {
    armed: bool,
    active: bool,
    last_fire: Option<i64>,
    side: i8,
    window: (usize, Option<i64>, Option<i64>),
}

impl Memo {
    fn of(rule: &Rule, s: &RuleState) -> Self {
        let side_of = |o: std::cmp::Ordering| o as i8;
        let side = match (&rule.kind, s.prev) {
            (_, None) => 2,
            (RuleKind::Above(_) | RuleKind::Below(_), _) => 0,
            (RuleKind::Crosses(l) | RuleKind::CrossesUp(l) | RuleKind::CrossesDown(l), Some(q)) => {
                side_of(q.cmp(l))
            }
            (RuleKind::Enters { low, high } | RuleKind::Exits { low, high }, Some(q)) => {
                if q < *low {
                    -1
                } else if q > *high {
                    1
                } else {
                    0
                }
            }
            (RuleKind::MovesUp { .. } | RuleKind::MovesDown { .. }, _) => 0,
        };
        Memo {
            armed: s.armed,
            active: s.active,
            last_fire: s.last_fire,
            side,
            window: (
                s.window.len(),
                s.window.front().map(|w| w.0),
                s.window.back().map(|w| w.0),
            ),
        }
    }
}

/// Runs one tick through one rule; a fire comes back ready to claim.
fn run(hot: &mut Hot, cold: &HashMap<AlertId, Cold>, tick: &Tick, t: i64) -> Option<Firing> {
    let previous_fire = hot.state.last_fire;
    let before = Memo::of(&hot.rule, &hot.state);
    let mut fire = hot.rule.on_tick(&mut hot.state, tick.price, t);
    if fire && hot.snoozed_until.is_some_and(|until| t < until) {
        // Snoozed: the fire is dropped as in a cooldown. The rule sees the
        // tick (its previous price, its window) but stays armed, active
        // and with the last fire it had, so a level that still holds
        // fires when the snooze ends and an edge is gone.
        hot.state.armed = true;
        hot.state.active = true;
        hot.state.last_fire = previous_fire;
        fire = false;
    }
    hot.dirty |= fire || before != Memo::of(&hot.rule, &hot.state);
    if !fire {
        return None;
    }
    let c = cold.get(&hot.id)?;
    Some(Firing {
        event: AlertEvent {
            id: 0,
            alert_id: hot.id,
            symbol: tick.symbol.clone(),
            triggered_price: tick.price,
            threshold_price: c.alert.threshold_price,
            alert_type: c.alert.alert_type,
            message: c.alert.message.clone(),
            triggered_at: tick.at,
            rule: Some(c.words.clone()),
        },
        previous_fire,
        once: hot.rule.repeat == Repeat::Once,
        state: hot.state.clone(),
        revision: hot.revision,
    })
}

impl AlertEngine {
    /// Builds the engine from alerts with a fresh state (inactive ones are
    /// skipped).
    pub fn new(alerts: impl IntoIterator<Item = Alert>) -> Self {
        let mut engine = Self::default();
        for alert in alerts {
            engine.insert(alert, RuleState::default());
        }
        engine
    }

    /// Number of rules waiting to fire.
    pub fn len(&self) -> usize {
        self.cold.len()
    }

    /// Whether no rule is waiting.
    pub fn is_empty(&self) -> bool {
        self.cold.is_empty()
    }

    /// Adds an active alert with the state it had (as stored); its last
    /// fire is the alert's own `last_fired_at`.
    pub fn insert(&mut self, alert: Alert, mut state: RuleState) {
        if !alert.is_active || self.cold.contains_key(&alert.id) {
            return;
        }
        let rule = alert.rule();
        state.active = true;
        state.last_fire = alert.last_fired_at.map(|t| t.timestamp_millis());
        if rule.repeat == Repeat::Once {
            state.armed = true;
        }
        let id = alert.id;
        if let Some(e) = rule.expires_ms {
            self.expiries.insert((e, id));
        }
        let index = self.by_symbol.entry(alert.symbol.clone()).or_default();
        let level = match (&rule.kind, rule.repeat, rule.cooldown_ms) {
            (RuleKind::Above(l), Repeat::Once, None) => {
                let key = (*l, id);
                let pos = index.above.partition_point(|e| *e < key);
                index.above.insert(pos, key);
                true
            }
            (RuleKind::Below(l), Repeat::Once, None) => {
                let pos = index
                    .below
                    .partition_point(|e| e.0 > *l || (e.0 == *l && e.1 < id));
                index.below.insert(pos, (*l, id));
                true
            }
            _ => false,
        };
        let hot = Hot {
            id,
            rule,
            state,
            snoozed_until: alert.snoozed_until.map(|t| t.timestamp_millis()),
            revision: alert.updated_at,
            dirty: false,
        };
        if level {
            self.levels.insert(id, hot);
        } else {
            index.stateful.push(hot);
        }
        let words = alert.describe();
        self.cold.insert(id, Cold { alert, words });
    }

    /// Removes a rule (deleted, edited, switched off, fired elsewhere).
    pub fn remove(&mut self, id: AlertId) {
        let Some(cold) = self.cold.remove(&id) else {
            return;
        };
        if let Some(index) = self.by_symbol.get_mut(&cold.alert.symbol) {
            index.above.retain(|e| e.1 != id);
            index.below.retain(|e| e.1 != id);
            index.stateful.retain(|h| h.id != id);
        }
        self.levels.remove(&id);
        if let Some(e) = cold.alert.rule().expires_ms {
            self.expiries.remove(&(e, id));
        }
    }

    /// Evaluates one tick: the fires it causes, levels in threshold order
    /// first. A rule that fires `once` or reaches its expiry leaves the
    /// engine.
    pub fn evaluate(&mut self, tick: &Tick) -> Vec<Firing> {
        let Self {
            by_symbol,
            levels,
            cold,
            ..
        } = self;
        let Some(index) = by_symbol.get_mut(&tick.symbol) else {
            return Vec::new();
        };
        let p = tick.price;
        let t = tick.at.timestamp_millis();
        let n = index.above.partition_point(|e| e.0 <= p);
        let mut candidates: Vec<AlertId> = index.above.drain(..n).map(|e| e.1).collect();
        let n = index.below.partition_point(|e| e.0 >= p);
        candidates.extend(index.below.drain(..n).map(|e| e.1));
        let mut fired = Vec::new();
        let mut ended = Vec::new();
        for id in candidates {
            let Some(hot) = levels.get_mut(&id) else {
                continue;
            };
            let fire = run(hot, cold, tick, t);
            if hot.state.active && fire.is_none() {
                // Not reached by the index's rule; back in its place.
                match hot.rule.kind {
                    RuleKind::Above(l) => {
                        let pos = index.above.partition_point(|e| *e < (l, id));
                        index.above.insert(pos, (l, id));
                    }
                    RuleKind::Below(l) => {
                        let pos = index
                            .below
                            .partition_point(|e| e.0 > l || (e.0 == l && e.1 < id));
                        index.below.insert(pos, (l, id));
                    }
                    _ => {}
                }
            } else if !hot.state.active {
                ended.push((id, hot.revision, fire.is_some()));
            }
            fired.extend(fire);
        }
        for hot in &mut index.stateful {
            let fire = run(hot, cold, tick, t);
            if !hot.state.active {
                ended.push((hot.id, hot.revision, fire.is_some()));
            }
            fired.extend(fire);
        }
        if !ended.is_empty() {
            index.stateful.retain(|h| h.state.active);
        }
        for (id, revision, fire) in ended {
            self.remove(id);
            if !fire {
                self.expired.push((id, revision));
            }
        }
        fired
    }

    /// Rules whose expiry is at or before `now_ms` leave the engine, ticked
    /// or not; returns every rule that expired since the last call, with
    /// its revision.
    pub fn take_expired(&mut self, now_ms: i64) -> Vec<(AlertId, DateTime<Utc>)> {
        while let Some(&(e, id)) = self.expiries.first() {
            if e > now_ms {
                break;
            }
            if let Some(c) = self.cold.get(&id) {
                self.expired.push((id, c.alert.updated_at));
            }
            self.remove(id);
        }
        std::mem::take(&mut self.expired)
    }

    /// The states that changed since the last call, to be saved.
    pub fn take_changed_states(&mut self) -> Vec<SavedState> {
        self.by_symbol
            .values_mut()
            .flat_map(|ix| ix.stateful.iter_mut())
            .chain(self.levels.values_mut())
            .filter(|h| h.dirty)
            .map(|h| {
                h.dirty = false;
                (h.id, h.state.clone(), h.revision)
            })
            .collect()
    }

    /// The state of rule `id`, if it is in the engine.
    pub fn state(&self, id: AlertId) -> Option<&RuleState> {
        let symbol = &self.cold.get(&id)?.alert.symbol;
        self.levels.get(&id).map(|h| &h.state).or_else(|| {
            self.by_symbol
                .get(symbol)?
                .stateful
                .iter()
                .find(|h| h.id == id)
                .map(|h| &h.state)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::AlertKind;
    use chrono::{DateTime, Utc};
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

    fn tick(sym: &str, p: Decimal) -> Tick {
        tick_at(sym, p, 0)
    }

    fn tick_at(sym: &str, p: Decimal, minute: i64) -> Tick {
        Tick {
            symbol: Symbol::parse(sym).unwrap(),
            price: p,
            at: DateTime::from_timestamp_millis(1_700_000_000_000 + minute * 60_000).unwrap(),
        }
    }

    /// Candles a minute apart with these closes (open, high and low apart
    /// from the close, for intrabar ticks).
    fn candles(closes: &[i64]) -> Vec<crate::candles::DecimalCandle> {
        closes
            .iter()
            .enumerate()
            .map(|(i, c)| crate::candles::DecimalCandle {
                time: 1_700_000_000_000 + (i as i64 - 1) * 60_000,
                open: Decimal::from(*c - 2),
                high: Decimal::from(*c + 3),
                low: Decimal::from(*c - 4),
                close: Decimal::from(*c),
                volume: Decimal::ONE,
            })
            .collect()
    }

    fn ids(f: &[Firing]) -> Vec<i64> {
        f.iter().map(|f| f.event.alert_id.0).collect()
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
        assert_eq!(ids(&fired), [1]);
        assert_eq!(fired[0].event.rule.as_deref(), Some("above 100000"));
        assert!(fired[0].once);
        assert!(e.evaluate(&tick("BTC", dec!(100001))).is_empty());
        assert!(e.evaluate(&tick("ETH", dec!(2000.01))).is_empty());
        let fired = e.evaluate(&tick("ETH", dec!(1400)));
        assert_eq!(ids(&fired), [3, 4]);
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
                .map(|f| f.event.alert_id.0)
                .collect();
            got.sort();
            let (fire, keep): (Vec<_>, Vec<_>) =
                alive.into_iter().partition(|a| match a.alert_type {
                    AlertKind::Above => p >= a.threshold_price,
                    _ => p <= a.threshold_price,
                });
            let mut want: Vec<i64> = fire.iter().map(|a| a.id.0).collect();
            want.sort();
            assert_eq!(got, want);
            alive = keep;
        }
    }

    #[test]
    fn every_rule_keeps_its_state_across_a_restart() {
        let mut crosses = alert(1, "BTC", AlertKind::CrossesUp, dec!(100));
        crosses.repeat = Repeat::Every;
        crosses.rearm_band = dec!(10);
        let mut e = AlertEngine::new([crosses.clone()]);
        assert!(e.evaluate(&tick_at("BTC", dec!(95), 0)).is_empty());
        let fired = e.evaluate(&tick_at("BTC", dec!(101), 1));
        assert_eq!(ids(&fired), [1]);
        assert!(!fired[0].once);
        assert_eq!(fired[0].previous_fire, None);
        assert!(!fired[0].state.armed);
        // Saved, then a restart: the claim wrote the fire's time.
        let saved = e.take_changed_states();
        assert_eq!(saved.len(), 1);
        assert!(e.take_changed_states().is_empty(), "nothing changed since");
        let state: RuleState =
            serde_json::from_str(&serde_json::to_string(&saved[0].1).unwrap()).unwrap();
        crosses.last_fired_at = Some(tick_at("BTC", dec!(0), 1).at);
        let mut e = AlertEngine::new([]);
        e.insert(crosses.clone(), state);
        // Still disarmed: below 100 but not past the 10% band, then up again.
        assert!(e.evaluate(&tick_at("BTC", dec!(95), 2)).is_empty());
        assert!(e.evaluate(&tick_at("BTC", dec!(101), 3)).is_empty());
        // Past the band: re-armed, and the next crossing fires.
        assert!(e.evaluate(&tick_at("BTC", dec!(89), 4)).is_empty());
        let fired = e.evaluate(&tick_at("BTC", dec!(100), 5));
        assert_eq!(ids(&fired), [1]);
        assert_eq!(
            fired[0].previous_fire,
            Some(crosses.last_fired_at.unwrap().timestamp_millis())
        );
        // A fresh state would have fired at minute 3 (prev 95 < 100 ≤ 101).
        let mut fresh = AlertEngine::new([crosses]);
        assert!(fresh.evaluate(&tick_at("BTC", dec!(95), 2)).is_empty());
        assert_eq!(ids(&fresh.evaluate(&tick_at("BTC", dec!(101), 3))), [1]);
    }

    #[test]
    fn a_state_is_saved_when_what_decides_the_next_tick_changed() {
        let mut e = AlertEngine::new([alert(1, "BTC", AlertKind::Crosses, dec!(100))]);
        e.evaluate(&tick_at("BTC", dec!(90), 0));
        assert_eq!(e.take_changed_states().len(), 1, "the first price");
        // Still below the level: nothing a restart would decide differently.
        e.evaluate(&tick_at("BTC", dec!(95), 1));
        assert!(e.take_changed_states().is_empty());
        e.evaluate(&tick_at("BTC", dec!(100), 2));
        // It fired (and ended: once); the claim saves that state.
        assert!(e.is_empty());
        let mut level = alert(2, "BTC", AlertKind::Above, dec!(100));
        level.repeat = Repeat::Every;
        let mut e = AlertEngine::new([level]);
        e.evaluate(&tick_at("BTC", dec!(90), 0));
        e.take_changed_states();
        e.evaluate(&tick_at("BTC", dec!(91), 1));
        assert!(e.take_changed_states().is_empty(), "a level ignores prev");
        assert_eq!(e.evaluate(&tick_at("BTC", dec!(101), 2)).len(), 1);
        assert_eq!(e.take_changed_states().len(), 1, "disarmed");
    }

    #[test]
    fn a_snoozed_rule_drops_its_fires_until_the_snooze_ends() {
        let mut level = alert(1, "BTC", AlertKind::Above, dec!(100));
        level.snoozed_until = Some(tick_at("BTC", dec!(0), 3).at);
        let mut crossing = alert(2, "BTC", AlertKind::CrossesUp, dec!(100));
        crossing.snoozed_until = level.snoozed_until;
        let mut e = AlertEngine::new([level, crossing]);
        assert!(e.evaluate(&tick_at("BTC", dec!(90), 0)).is_empty());
        // Both conditions hold in the snooze: nothing fires, nothing ends.
        assert!(e.evaluate(&tick_at("BTC", dec!(105), 1)).is_empty());
        assert!(e.evaluate(&tick_at("BTC", dec!(106), 2)).is_empty());
        assert_eq!(e.len(), 2);
        // After it the level, still above, fires; the crossing was an edge
        // in the snooze and is gone.
        assert_eq!(ids(&e.evaluate(&tick_at("BTC", dec!(107), 3))), [1]);
        assert!(e.evaluate(&tick_at("BTC", dec!(99), 4)).is_empty());
        assert_eq!(ids(&e.evaluate(&tick_at("BTC", dec!(101), 5))), [2]);
    }

    #[test]
    fn expired_rules_leave_ticked_or_not() {
        let at = |m| tick_at("BTC", dec!(0), m).at;
        let mut a = alert(1, "BTC", AlertKind::Above, dec!(100));
        a.expires_at = Some(at(5));
        let mut b = alert(2, "ETH", AlertKind::Crosses, dec!(10));
        b.expires_at = Some(at(10));
        let mut e = AlertEngine::new([a, b]);
        let ids_of = |v: Vec<(AlertId, DateTime<Utc>)>| -> Vec<AlertId> {
            v.into_iter().map(|(id, _)| id).collect()
        };
        assert!(e.take_expired(at(4).timestamp_millis()).is_empty());
        // At the expiry nothing fires, and the rule is gone.
        assert!(e.evaluate(&tick_at("BTC", dec!(150), 5)).is_empty());
        assert_eq!(
            ids_of(e.take_expired(at(5).timestamp_millis())),
            [AlertId(1)]
        );
        assert_eq!(e.len(), 1);
        assert_eq!(
            ids_of(e.take_expired(at(10).timestamp_millis())),
            [AlertId(2)]
        );
        assert!(e.is_empty());
    }

    #[test]
    fn every_kind_fires_as_replay_would() {
        use crate::rules::candle_ticks;
        let prices = [100, 104, 97, 120, 90, 130, 80, 101, 99, 150];
        let kinds = [
            (AlertKind::Above, dec!(110), None, None),
            (AlertKind::Crosses, dec!(100), None, None),
            (AlertKind::Enters, dec!(95), Some(dec!(105)), None),
            (AlertKind::Exits, dec!(95), Some(dec!(105)), None),
            (AlertKind::MovesUp, dec!(20), None, Some(180)),
            (AlertKind::MovesDown, dec!(25), None, Some(120)),
        ];
        for repeat in [Repeat::Once, Repeat::Every] {
            for (i, (kind, thr, upper, within)) in kinds.iter().enumerate() {
                let mut a = alert(i as i64, "BTC", *kind, *thr);
                a.upper_price = *upper;
                a.within_secs = *within;
                a.repeat = repeat;
                let candles = candles(&prices);
                let want: Vec<i64> = crate::rules::replay(&a.rule(), &candles, 60_000, false)
                    .iter()
                    .map(|f| f.time)
                    .collect();
                let mut e = AlertEngine::new([a]);
                let mut got = Vec::new();
                for c in &candles {
                    for (t, p) in candle_ticks(c, 60_000, false) {
                        let tick = Tick {
                            symbol: Symbol::parse("BTC").unwrap(),
                            price: p,
                            at: DateTime::from_timestamp_millis(t).unwrap(),
                        };
                        got.extend(
                            e.evaluate(&tick)
                                .iter()
                                .map(|f| f.event.triggered_at.timestamp_millis()),
                        );
                    }
                }
                assert!(!want.is_empty(), "{kind:?} {repeat:?} never fires");
                assert_eq!(got, want, "{kind:?} {repeat:?}");
            }
        }
    }

    mod replay_equals_live {
        use super::*;
        use crate::rules::{candle_ticks, replay};
        use proptest::prelude::*;

        proptest! {
            /// Any rule over any candles: the live engine, fed the ticks
            /// replay feeds, fires exactly when replay does.
            #[test]
            fn the_engine_fires_where_replay_does(
                kind in 0usize..9,
                every in any::<bool>(),
                level in 90i64..110,
                band in 0u32..4,
                cooldown in proptest::option::of(1i64..4),
                intrabar in any::<bool>(),
                closes in proptest::collection::vec(85i64..115, 2..40),
            ) {
                let mut a = alert(1, "BTC", AlertKind::ALL[kind], Decimal::from(level));
                match a.alert_type {
                    AlertKind::Enters | AlertKind::Exits => a.upper_price = Some(Decimal::from(level + 6)),
                    AlertKind::MovesUp | AlertKind::MovesDown => {
                        a.threshold_price = Decimal::from(2 + band);
                        a.within_secs = Some(180);
                    }
                    _ => {}
                }
                if every {
                    a.repeat = Repeat::Every;
                    a.rearm_band = Decimal::from(band);
                    a.cooldown_secs = cooldown.map(|m| m * 60);
                }
                let step = 60_000;
                let candles = candles(&closes);
                let want: Vec<(i64, Decimal)> = replay(&a.rule(), &candles, step, intrabar)
                    .into_iter()
                    .map(|f| (f.time, f.price))
                    .collect();
                let mut e = AlertEngine::new([a]);
                let mut got = Vec::new();
                for c in &candles {
                    for (t, p) in candle_ticks(c, step, intrabar) {
                        let tick = Tick {
                            symbol: Symbol::parse("BTC").unwrap(),
                            price: p,
                            at: DateTime::from_timestamp_millis(t).unwrap(),
                        };
                        got.extend(
                            e.evaluate(&tick)
                                .iter()
                                .map(|f| (f.event.triggered_at.timestamp_millis(), f.event.triggered_price)),
                        );
                    }
                }
                prop_assert_eq!(got, want);
            }
        }
    }
}
