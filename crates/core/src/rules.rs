//! Alert rules and their exact semantics, shared by the live engine and
//! replay over history: price levels, crossings, channels and % moves, with
//! a frequency (`once` or `every`, a re-arm band, a cooldown) and an expiry.
//!
//! A rule sees ticks (a price `p` at time `t`, epoch ms) in order and keeps
//! the state that matters for the next one in [`RuleState`]. Replay turns
//! candles into ticks ([`candle_ticks`]) and runs the same state machine.

use crate::candles::DecimalCandle;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use ts_rs::TS;

/// What a rule watches for.
#[derive(Debug, Clone, PartialEq)]
pub enum RuleKind {
    /// `p ≥ level`.
    Above(Decimal),
    /// `p ≤ level`.
    Below(Decimal),
    /// A crossing of the level either way.
    Crosses(Decimal),
    /// `prev < level ≤ p`.
    CrossesUp(Decimal),
    /// `prev > level ≥ p`.
    CrossesDown(Decimal),
    /// `prev` outside `[low, high]`, `p` inside.
    Enters {
        /// Lower bound (inclusive).
        low: Decimal,
        /// Upper bound (inclusive).
        high: Decimal,
    },
    /// `prev` inside `[low, high]`, `p` outside.
    Exits {
        /// Lower bound (inclusive).
        low: Decimal,
        /// Upper bound (inclusive).
        high: Decimal,
    },
    /// `p ≥ p(s) · (1 + pct/100)` for some earlier tick `s` of the last
    /// `within_ms`.
    MovesUp {
        /// Percent.
        pct: Decimal,
        /// Window, ms.
        within_ms: i64,
    },
    /// `p ≤ p(s) · (1 − pct/100)` for some earlier tick `s` of the last
    /// `within_ms`.
    MovesDown {
        /// Percent.
        pct: Decimal,
        /// Window, ms.
        within_ms: i64,
    },
}

impl Repeat {
    /// `once` or `every`.
    pub fn as_str(self) -> &'static str {
        match self {
            Repeat::Once => "once",
            Repeat::Every => "every",
        }
    }
}

impl RuleKind {
    /// The kind's name as the CLI spells it (`crosses-up`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            RuleKind::Above(_) => "above",
            RuleKind::Below(_) => "below",
            RuleKind::Crosses(_) => "crosses",
            RuleKind::CrossesUp(_) => "crosses-up",
            RuleKind::CrossesDown(_) => "crosses-down",
            RuleKind::Enters { .. } => "enters",
            RuleKind::Exits { .. } => "exits",
            RuleKind::MovesUp { .. } => "moves-up",
            RuleKind::MovesDown { .. } => "moves-down",
        }
    }
}

/// How often a rule fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Repeat {
    /// The first fire ends the rule.
    #[default]
    Once,
    /// Fires again after re-arming (see the module's rules).
    Every,
}

/// A rule: its kind, frequency and expiry.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// What it watches for.
    pub kind: RuleKind,
    /// `once` or `every`.
    pub repeat: Repeat,
    /// Re-arm band in percent (`every` above/below and one-way crossings).
    pub rearm_band: Decimal,
    /// No fire within this many ms of the last one.
    pub cooldown_ms: Option<i64>,
    /// Nothing fires at or after this time (epoch ms).
    pub expires_ms: Option<i64>,
}

impl Rule {
    /// A rule of `kind` that fires once and never expires.
    pub fn once(kind: RuleKind) -> Self {
        Rule {
            kind,
            repeat: Repeat::Once,
            rearm_band: Decimal::ZERO,
            cooldown_ms: None,
            expires_ms: None,
        }
    }
}

/// One fire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fire {
    /// The tick's time, epoch ms.
    pub time: i64,
    /// The tick's price.
    pub price: Decimal,
}

/// What a rule remembers between ticks (stored as JSON with the rule, so a
/// restart neither repeats a fire nor loses a re-arm).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleState {
    /// The previous tick's price.
    pub prev: Option<Decimal>,
    /// Whether the rule may fire (edge-triggered rules disarm on a fire).
    pub armed: bool,
    /// Whether the rule still runs (`once` after its fire, or expired: not).
    pub active: bool,
    /// Time of the last fire.
    pub last_fire: Option<i64>,
    /// Earlier ticks a move may start from, oldest first.
    pub window: VecDeque<(i64, Decimal)>,
}

impl Default for RuleState {
    fn default() -> Self {
        RuleState {
            prev: None,
            armed: true,
            active: true,
            last_fire: None,
            window: VecDeque::new(),
        }
    }
}

/// `level · pct / 100`, exactly: dividing by 100 is moving the decimal
/// point two places, done without a division where the scale allows.
fn pct_of(level: Decimal, pct: Decimal) -> Decimal {
    let mut x = level * pct;
    if x.scale() + 2 <= 28 {
        x.set_scale(x.scale() + 2).ok();
        x
    } else {
        x / Decimal::ONE_HUNDRED
    }
}

impl Rule {
    /// Feeds one tick; returns whether the rule fired on it.
    pub fn on_tick(&self, s: &mut RuleState, price: Decimal, t: i64) -> bool {
        if let RuleKind::MovesUp { .. } | RuleKind::MovesDown { .. } = self.kind {
            if s.window.back().is_some_and(|(ts, _)| *ts < t) {
                keep_useful_starts(&mut s.window, matches!(self.kind, RuleKind::MovesUp { .. }));
            }
        }
        let fired = self.decide(s, price, t);
        s.prev = Some(price);
        if let RuleKind::MovesUp { within_ms, .. } | RuleKind::MovesDown { within_ms, .. } =
            self.kind
        {
            s.window.push_back((t, price));
            // Keep what a later tick (t' ≥ t) can still reach.
            while s.window.front().is_some_and(|(ts, _)| *ts < t - within_ms) {
                s.window.pop_front();
            }
        }
        fired
    }

    fn decide(&self, s: &mut RuleState, p: Decimal, t: i64) -> bool {
        if !s.active {
            return false;
        }
        if self.expires_ms.is_some_and(|e| t >= e) {
            s.active = false;
            return false;
        }
        let every = self.repeat == Repeat::Every;
        let band = self.rearm_band;
        // Re-arming by the band is checked on every tick, in a cooldown too.
        if every && !s.armed {
            let rearm = match self.kind {
                RuleKind::Above(l) | RuleKind::CrossesUp(l) => p < l - pct_of(l, band),
                RuleKind::Below(l) | RuleKind::CrossesDown(l) => p > l + pct_of(l, band),
                _ => true,
            };
            if rearm {
                s.armed = true;
            }
        }
        let cond = match self.kind {
            RuleKind::Above(l) => p >= l,
            RuleKind::Below(l) => p <= l,
            RuleKind::CrossesUp(l) => s.prev.is_some_and(|q| q < l && l <= p),
            RuleKind::CrossesDown(l) => s.prev.is_some_and(|q| q > l && l >= p),
            RuleKind::Crosses(l) => s
                .prev
                .is_some_and(|q| (q < l && l <= p) || (q > l && l >= p)),
            RuleKind::Enters { low, high } => s
                .prev
                .is_some_and(|q| (q < low || q > high) && low <= p && p <= high),
            RuleKind::Exits { low, high } => s
                .prev
                .is_some_and(|q| low <= q && q <= high && (p < low || p > high)),
            RuleKind::MovesUp { pct, within_ms } => {
                self.move_from(s, t, within_ms, true, |from| p >= from + pct_of(from, pct))
            }
            RuleKind::MovesDown { pct, within_ms } => {
                self.move_from(s, t, within_ms, false, |from| p <= from - pct_of(from, pct))
            }
        };
        if !cond || !s.armed {
            return false;
        }
        // In the cooldown: a level stays armed and fires later; an edge is
        // dropped and leaves the rule as it was; a move is checked afresh.
        if let (Some(c), Some(last)) = (self.cooldown_ms, s.last_fire) {
            if t - last < c {
                return false;
            }
        }
        s.last_fire = Some(t);
        if !every {
            s.active = false;
        } else if matches!(
            self.kind,
            RuleKind::Above(_)
                | RuleKind::Below(_)
                | RuleKind::CrossesUp(_)
                | RuleKind::CrossesDown(_)
        ) {
            s.armed = false;
        }
        true
    }

    /// Whether some earlier tick of the window (after the last fire, for
    /// `every`) is a start `from` with `holds(from)`. `holds` is monotonic
    /// in `from` (a rise needs a start low enough, a fall one high enough),
    /// so only the lowest start (`lowest`) or the highest is tried.
    fn move_from(
        &self,
        s: &RuleState,
        t: i64,
        within_ms: i64,
        lowest: bool,
        holds: impl Fn(Decimal) -> bool,
    ) -> bool {
        let floor = if self.repeat == Repeat::Every {
            s.last_fire.unwrap_or(i64::MIN)
        } else {
            i64::MIN
        };
        let starts = s
            .window
            .iter()
            .filter(|(ts, _)| *ts >= t - within_ms && *ts < t && *ts >= floor)
            .map(|(_, q)| *q);
        let best = if lowest { starts.min() } else { starts.max() };
        best.is_some_and(holds)
    }
}

/// Drops the move starts no later tick can need, when every start is
/// stamped before the tick at hand: a start is useless once a later one
/// (or one of the same stamp) is at least as good, lower for a rise and
/// higher for a fall, since the later one stays in the window, and after
/// the last fire, as long as the earlier one. What is left rises (for a
/// rise) or falls (for a fall) from front to back, so a long window holds
/// a handful of starts instead of every tick.
fn keep_useful_starts(window: &mut VecDeque<(i64, Decimal)>, up: bool) {
    let mut kept: VecDeque<(i64, Decimal)> = VecDeque::with_capacity(window.len());
    for (ts, q) in window.drain(..) {
        while kept
            .back()
            .is_some_and(|(_, b)| if up { *b >= q } else { *b <= q })
        {
            kept.pop_back();
        }
        kept.push_back((ts, q));
    }
    *window = kept;
}

/// The ticks replay feeds for a candle that lasts `interval_ms`: its close
/// at its close time, or with `intrabar` four ticks (open, low, high, close
/// when it closed at or above its open, else open, high, low, close), all
/// stamped with the close time.
pub fn candle_ticks(
    c: &DecimalCandle,
    interval_ms: i64,
    intrabar: bool,
) -> impl Iterator<Item = (i64, Decimal)> {
    let t = c.time + interval_ms;
    let prices: Vec<Decimal> = if !intrabar {
        vec![c.close]
    } else if c.close >= c.open {
        vec![c.open, c.low, c.high, c.close]
    } else {
        vec![c.open, c.high, c.low, c.close]
    };
    prices.into_iter().map(move |p| (t, p))
}

/// Replays `rule` over `candles` (in time order): every fire.
pub fn replay(
    rule: &Rule,
    candles: &[DecimalCandle],
    interval_ms: i64,
    intrabar: bool,
) -> Vec<Fire> {
    let mut state = RuleState::default();
    let mut fires = Vec::new();
    for c in candles {
        for (t, p) in candle_ticks(c, interval_ms, intrabar) {
            if rule.on_tick(&mut state, p, t) {
                fires.push(Fire { time: t, price: p });
            }
        }
        if !state.active {
            break;
        }
    }
    fires
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    const MIN: i64 = 60_000;

    /// Fire times (as tick indexes) of `rule` over prices one minute apart.
    fn fires(rule: &Rule, prices: &[Decimal]) -> Vec<usize> {
        let mut s = RuleState::default();
        prices
            .iter()
            .enumerate()
            .filter(|(i, p)| rule.on_tick(&mut s, **p, *i as i64 * MIN))
            .map(|(i, _)| i)
            .collect()
    }

    fn every(kind: RuleKind) -> Rule {
        Rule {
            repeat: Repeat::Every,
            ..Rule::once(kind)
        }
    }

    #[test]
    fn levels_fire_on_the_first_tick_and_once_ends_the_rule() {
        let r = Rule::once(RuleKind::Above(dec!(100)));
        assert_eq!(fires(&r, &[dec!(100), dec!(101), dec!(99), dec!(102)]), [0]);
        let r = Rule::once(RuleKind::Below(dec!(100)));
        assert_eq!(fires(&r, &[dec!(101), dec!(100)]), [1]);
    }

    #[test]
    fn every_level_rearms_past_the_band() {
        let mut r = every(RuleKind::Above(dec!(100)));
        // Band 0: back strictly below the level re-arms.
        let p = [dec!(100), dec!(101), dec!(100), dec!(99.99), dec!(100)];
        assert_eq!(fires(&r, &p), [0, 4]);
        // Band 1 %: must fall below 99; exactly 99 does not re-arm.
        r.rearm_band = dec!(1);
        let p = [dec!(100), dec!(99), dec!(100), dec!(98.99), dec!(100)];
        assert_eq!(fires(&r, &p), [0, 4]);
        let r = Rule {
            rearm_band: dec!(1),
            ..every(RuleKind::Below(dec!(100)))
        };
        let p = [dec!(100), dec!(101), dec!(100), dec!(101.01), dec!(99)];
        assert_eq!(fires(&r, &p), [0, 4]);
    }

    #[test]
    fn crossings_need_prev_strictly_on_the_other_side() {
        let r = every(RuleKind::CrossesUp(dec!(100)));
        // First tick never crosses; prev = level never starts one; p = level completes one.
        let p = [
            dec!(101),
            dec!(100),
            dec!(101),
            dec!(99),
            dec!(100),
            dec!(99),
            dec!(101),
        ];
        assert_eq!(fires(&r, &p), [4, 6]);
        let r = every(RuleKind::CrossesDown(dec!(100)));
        let p = [dec!(99), dec!(101), dec!(100), dec!(101), dec!(99)];
        assert_eq!(fires(&r, &p), [2, 4]);
        let r = every(RuleKind::Crosses(dec!(100)));
        // Up at 1, down at 2, up at 3 (p = level completes); from the
        // level at 4 nothing starts.
        let p = [dec!(99), dec!(101), dec!(99), dec!(100), dec!(101)];
        assert_eq!(fires(&r, &p), [1, 2, 3]);
        let r = Rule::once(RuleKind::Crosses(dec!(100)));
        assert_eq!(fires(&r, &p), [1]);
    }

    #[test]
    fn one_way_crossings_rearm_by_the_band_and_both_ways_ignore_it() {
        let r = Rule {
            rearm_band: dec!(2),
            ..every(RuleKind::CrossesUp(dec!(100)))
        };
        // After the fire: back to 99 (not below 98) and up again: no fire;
        // below 98, then up: fires.
        let p = [
            dec!(99),
            dec!(100),
            dec!(99),
            dec!(100),
            dec!(97),
            dec!(101),
        ];
        assert_eq!(fires(&r, &p), [1, 5]);
        let r = Rule {
            rearm_band: dec!(2),
            ..every(RuleKind::Crosses(dec!(100)))
        };
        // 100 → 99 starts from the level: no crossing; 99 → 100 is one.
        let p = [dec!(99), dec!(100), dec!(99), dec!(100)];
        assert_eq!(fires(&r, &p), [1, 3]);
    }

    #[test]
    fn channels_fire_on_entering_and_exiting() {
        let enters = every(RuleKind::Enters {
            low: dec!(10),
            high: dec!(20),
        });
        let p = [dec!(15), dec!(9), dec!(10), dec!(21), dec!(20), dec!(20)];
        assert_eq!(fires(&enters, &p), [2, 4]);
        let exits = every(RuleKind::Exits {
            low: dec!(10),
            high: dec!(20),
        });
        assert_eq!(fires(&exits, &p), [1, 3]);
    }

    #[test]
    fn moves_look_back_within_the_window_and_restart_after_a_fire() {
        let r = every(RuleKind::MovesUp {
            pct: dec!(10),
            within_ms: 2 * MIN,
        });
        // 100 → 105 → 110: +10 % within 2 min of 100 (t0 ≥ t2 − 2 min).
        // Then 121 is +10 % of 110, but 110 is the fire's own tick (stamped
        // at the fire: counts as a start): fires at t3.
        let p = [dec!(100), dec!(105), dec!(110), dec!(121)];
        assert_eq!(fires(&r, &p), [2, 3]);
        // Out of the window: 100 at t0, 110 at t3 (3 min later): no fire.
        let p = [dec!(100), dec!(101), dec!(102), dec!(110)];
        assert_eq!(fires(&r, &p), Vec::<usize>::new());
        // After a fire at t1 (110 from 100), only ticks from t1 on are
        // starts: 111 is +0.9 % of 110 (no fire, though +11 % of 100), and
        // 121 is +10 % of 110.
        let r = every(RuleKind::MovesUp {
            pct: dec!(10),
            within_ms: 5 * MIN,
        });
        let p = [dec!(100), dec!(110), dec!(111), dec!(121)];
        assert_eq!(fires(&r, &p), [1, 3]);
        let r = Rule::once(RuleKind::MovesDown {
            pct: dec!(5),
            within_ms: 5 * MIN,
        });
        let p = [dec!(100), dec!(96), dec!(95), dec!(90)];
        assert_eq!(fires(&r, &p), [2]);
    }

    #[test]
    fn cooldown_keeps_a_level_armed_drops_an_edge_and_allows_exactly_c() {
        let level = Rule {
            cooldown_ms: Some(2 * MIN),
            ..every(RuleKind::Above(dec!(100)))
        };
        // Fire at 0; re-armed at 1 (99); condition at 2 is in the cooldown
        // (2 − 0 < 2? no: 2 min exactly is allowed).
        let p = [
            dec!(100),
            dec!(99),
            dec!(100),
            dec!(99),
            dec!(101),
            dec!(102),
        ];
        assert_eq!(fires(&level, &p), [0, 2, 4]);
        let level = Rule {
            cooldown_ms: Some(3 * MIN),
            ..every(RuleKind::Above(dec!(100)))
        };
        // Armed again at 1, condition at 2 in the cooldown: stays armed and
        // fires at 3, the first tick after it where the condition holds.
        let p = [dec!(100), dec!(99), dec!(100), dec!(101)];
        assert_eq!(fires(&level, &p), [0, 3]);
        let edge = Rule {
            cooldown_ms: Some(3 * MIN),
            ..every(RuleKind::Crosses(dec!(100)))
        };
        // Crossings at 1, 2 (dropped), 3 (dropped), 4 (allowed: 3 min).
        let p = [dec!(99), dec!(101), dec!(99), dec!(101), dec!(99)];
        assert_eq!(fires(&edge, &p), [1, 4]);
    }

    #[test]
    fn the_band_rearms_in_a_cooldown_and_a_dropped_edge_keeps_the_rule_armed() {
        let r = Rule {
            rearm_band: dec!(2),
            cooldown_ms: Some(3 * MIN),
            ..every(RuleKind::CrossesUp(dec!(100)))
        };
        // Fire at 1; re-armed at 2 (97 < 98) in the cooldown; the crossing
        // at 3 is in the cooldown: dropped, still armed; 4 goes back below,
        // 5 crosses after the cooldown: fires.
        let p = [
            dec!(99),
            dec!(101),
            dec!(97),
            dec!(101),
            dec!(99),
            dec!(100),
        ];
        assert_eq!(fires(&r, &p), [1, 5]);
    }

    #[test]
    fn intrabar_ticks_of_one_stamp_are_not_starts_for_each_other() {
        let r = Rule::once(RuleKind::MovesDown {
            pct: dec!(15),
            within_ms: 60 * MIN,
        });
        let candle = DecimalCandle {
            time: 0,
            open: dec!(101),
            high: dec!(110),
            low: dec!(90),
            close: dec!(99),
            volume: Decimal::ZERO,
        };
        // 110 → 90 is −18 %, but inside one candle (one stamp).
        assert_eq!(replay(&r, &[candle], 60 * MIN, true), []);
    }

    #[test]
    fn nothing_fires_at_or_after_the_expiry() {
        let r = Rule {
            expires_ms: Some(2 * MIN),
            ..every(RuleKind::Above(dec!(100)))
        };
        let p = [dec!(99), dec!(99), dec!(101), dec!(101)];
        assert_eq!(fires(&r, &p), Vec::<usize>::new());
        // Before the expiry it fires as usual.
        assert_eq!(fires(&r, &[dec!(101), dec!(99), dec!(101)]), [0]);
        let mut s = RuleState::default();
        r.on_tick(&mut s, dec!(99), 2 * MIN);
        assert!(!s.active);
    }

    #[test]
    fn replay_feeds_closes_or_four_intrabar_ticks_at_the_close_time() {
        let c = |t: i64, o, h, l, cl| DecimalCandle {
            time: t,
            open: o,
            high: h,
            low: l,
            close: cl,
            volume: Decimal::ZERO,
        };
        let up = c(0, dec!(10), dec!(14), dec!(9), dec!(12));
        let down = c(MIN, dec!(12), dec!(13), dec!(8), dec!(9));
        let ticks: Vec<_> = candle_ticks(&up, MIN, true).collect();
        assert_eq!(
            ticks,
            [
                (MIN, dec!(10)),
                (MIN, dec!(9)),
                (MIN, dec!(14)),
                (MIN, dec!(12))
            ]
        );
        let ticks: Vec<_> = candle_ticks(&down, MIN, true).collect();
        assert_eq!(ticks[1..3], [(2 * MIN, dec!(13)), (2 * MIN, dec!(8))]);
        let rule = every(RuleKind::Crosses(dec!(13.5)));
        assert_eq!(replay(&rule, &[up.clone(), down.clone()], MIN, false), []);
        assert_eq!(
            replay(&rule, &[up, down], MIN, true),
            [
                Fire {
                    time: MIN,
                    price: dec!(14)
                },
                Fire {
                    time: MIN,
                    price: dec!(12)
                },
            ]
        );
    }

    mod moves_oracle {
        use super::*;
        use proptest::prelude::*;

        /// The move rules as the issue words them, tick by tick: some
        /// earlier tick `s` with `t − W ≤ t(s) < t` (and, for `every`, not
        /// before the last fire) has `p ≥ p(s)·(1 + X/100)` (rise) or
        /// `p ≤ p(s)·(1 − X/100)` (fall).
        fn oracle(
            up: bool,
            pct: Decimal,
            w: i64,
            every: bool,
            ticks: &[(i64, Decimal)],
        ) -> Vec<usize> {
            let mut fires = Vec::new();
            let mut last: Option<i64> = None;
            for (i, (t, p)) in ticks.iter().enumerate() {
                if !every && last.is_some() {
                    break;
                }
                let floor = if every {
                    last.unwrap_or(i64::MIN)
                } else {
                    i64::MIN
                };
                let hit = ticks[..i].iter().any(|(ts, q)| {
                    *ts >= t - w
                        && ts < t
                        && *ts >= floor
                        && if up {
                            *p >= *q + *q * pct / Decimal::ONE_HUNDRED
                        } else {
                            *p <= *q - *q * pct / Decimal::ONE_HUNDRED
                        }
                });
                if hit {
                    fires.push(i);
                    last = Some(*t);
                }
            }
            fires
        }

        proptest! {
            #[test]
            fn the_engine_fires_where_the_words_say(
                up in any::<bool>(),
                every in any::<bool>(),
                pct in 1u32..30,
                w in 1i64..6,
                steps in proptest::collection::vec((0i64..3, 50u32..150), 1..60),
            ) {
                let pct = Decimal::from(pct) / Decimal::from(2);
                let within_ms = w * MIN;
                let mut t = 0;
                let ticks: Vec<(i64, Decimal)> = steps
                    .iter()
                    .map(|(dt, p)| {
                        t += dt * MIN;
                        (t, Decimal::from(*p) / Decimal::from(4))
                    })
                    .collect();
                let kind = if up {
                    RuleKind::MovesUp { pct, within_ms }
                } else {
                    RuleKind::MovesDown { pct, within_ms }
                };
                let rule = Rule {
                    repeat: if every { Repeat::Every } else { Repeat::Once },
                    ..Rule::once(kind)
                };
                let mut s = RuleState::default();
                let got: Vec<usize> = ticks
                    .iter()
                    .enumerate()
                    .filter(|(_, (t, p))| rule.on_tick(&mut s, *p, *t))
                    .map(|(i, _)| i)
                    .collect();
                prop_assert_eq!(got, oracle(up, pct, within_ms, every, &ticks));
            }
        }
    }
}
