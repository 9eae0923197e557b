//! A rule as the CLI spells it (one KIND, a FREQUENCY, an expiry), shared
//! by `alerts add`, `alerts edit` and `alerts replay`. Errors name the flag.

use crate::analysis::parse_when;
use cryptodesk_service::core::rule_input::{self as input, FrequencyFields, FrequencyText};
use cryptodesk_service::core::rules::{Rule, RuleKind};
use cryptodesk_service::core::{duration_text, Alert, AlertKind, ValidationError};
use rust_decimal::Decimal;

/// The flags of one rule.
#[derive(clap::Args, Debug, Default)]
pub struct RuleArgs {
    /// Fire when the price is at or above P.
    #[arg(long, value_name = "P", allow_hyphen_values = true)]
    above: Option<String>,
    /// Fire when the price is at or below P.
    #[arg(long, value_name = "P", allow_hyphen_values = true)]
    below: Option<String>,
    /// Fire when the price crosses P either way.
    #[arg(long, value_name = "P", allow_hyphen_values = true)]
    crosses: Option<String>,
    /// Fire when the price crosses P upwards (prev < P ≤ p).
    #[arg(long, value_name = "P", allow_hyphen_values = true)]
    crosses_up: Option<String>,
    /// Fire when the price crosses P downwards (prev > P ≥ p).
    #[arg(long, value_name = "P", allow_hyphen_values = true)]
    crosses_down: Option<String>,
    /// Fire when the price enters [LOW, HIGH].
    #[arg(long, num_args = 2, value_names = ["LOW", "HIGH"], allow_hyphen_values = true)]
    enters: Option<Vec<String>>,
    /// Fire when the price leaves [LOW, HIGH].
    #[arg(long, num_args = 2, value_names = ["LOW", "HIGH"], allow_hyphen_values = true)]
    exits: Option<Vec<String>>,
    /// Fire when the price rose PCT percent within --within.
    #[arg(long, value_name = "PCT", allow_hyphen_values = true)]
    moves_up: Option<String>,
    /// Fire when the price fell PCT percent within --within.
    #[arg(long, value_name = "PCT", allow_hyphen_values = true)]
    moves_down: Option<String>,
    /// The window of a move: 90s, 15m, 1h, 2d.
    #[arg(long, value_name = "DURATION", allow_hyphen_values = true)]
    within: Option<String>,
    /// once (default): the first fire ends the rule; every: fire again
    /// after re-arming.
    #[arg(long, value_name = "once|every")]
    repeat: Option<String>,
    /// With --repeat every: how far (percent) past the level the price must
    /// come back before above/below/crosses-up/crosses-down fire again.
    #[arg(long, value_name = "PCT", allow_hyphen_values = true)]
    rearm_band: Option<String>,
    /// With --repeat every: no fire sooner than this after the last.
    #[arg(long, value_name = "DURATION", allow_hyphen_values = true)]
    cooldown: Option<String>,
    /// Nothing fires at or after this instant (RFC 3339, or YYYY-MM-DD for
    /// that day's start, UTC).
    #[arg(long, value_name = "RFC3339", allow_hyphen_values = true)]
    expires: Option<String>,
}

fn channel(flag: &'static str, pair: &[String]) -> Result<(Decimal, Decimal), ValidationError> {
    let (Some(low), Some(high)) = (pair.first(), pair.get(1)) else {
        return Err(ValidationError::new(flag, "needs LOW and HIGH"));
    };
    input::channel(flag, flag, low, high)
}

impl RuleArgs {
    fn kind_given(&self) -> bool {
        self.above.is_some()
            || self.below.is_some()
            || self.crosses.is_some()
            || self.crosses_up.is_some()
            || self.crosses_down.is_some()
            || self.enters.is_some()
            || self.exits.is_some()
            || self.moves_up.is_some()
            || self.moves_down.is_some()
    }

    /// These flags over `old`'s rule (`alerts edit`): the kind, window,
    /// frequency and expiry not given stay as they were.
    pub fn over(mut self, old: &Alert) -> Self {
        let level = old.threshold_price.normalize().to_string();
        let high = old
            .upper_price
            .unwrap_or(old.threshold_price)
            .normalize()
            .to_string();
        let moves = matches!(old.alert_type, AlertKind::MovesUp | AlertKind::MovesDown);
        if !self.kind_given() {
            match old.alert_type {
                AlertKind::Above => self.above = Some(level),
                AlertKind::Below => self.below = Some(level),
                AlertKind::Crosses => self.crosses = Some(level),
                AlertKind::CrossesUp => self.crosses_up = Some(level),
                AlertKind::CrossesDown => self.crosses_down = Some(level),
                AlertKind::Enters => self.enters = Some(vec![level, high]),
                AlertKind::Exits => self.exits = Some(vec![level, high]),
                AlertKind::MovesUp => self.moves_up = Some(level),
                AlertKind::MovesDown => self.moves_down = Some(level),
            }
        }
        let now_moves = self.moves_up.is_some() || self.moves_down.is_some();
        if self.within.is_none() && moves && now_moves {
            self.within = old.within_secs.map(duration_text);
        }
        if self.repeat.is_none() {
            self.repeat = Some(old.repeat.as_str().to_owned());
        }
        let every = self.repeat.as_deref() == Some("every");
        if self.rearm_band.is_none() && every {
            self.rearm_band = Some(old.rearm_band.normalize().to_string());
        }
        if self.cooldown.is_none() && every {
            self.cooldown = old.cooldown_secs.map(duration_text);
        }
        if self.expires.is_none() {
            self.expires = old.expires_at.map(|e| e.to_rfc3339());
        }
        self
    }

    /// The rule these flags describe, or the first flag that is wrong.
    pub fn rule(&self) -> Result<Rule, ValidationError> {
        let mut kinds = Vec::new();
        if let Some(p) = &self.above {
            kinds.push(RuleKind::Above(input::price("--above threshold", p)?));
        }
        if let Some(p) = &self.below {
            kinds.push(RuleKind::Below(input::price("--below threshold", p)?));
        }
        if let Some(p) = &self.crosses {
            kinds.push(RuleKind::Crosses(input::price("--crosses threshold", p)?));
        }
        if let Some(p) = &self.crosses_up {
            kinds.push(RuleKind::CrossesUp(input::price(
                "--crosses-up threshold",
                p,
            )?));
        }
        if let Some(p) = &self.crosses_down {
            kinds.push(RuleKind::CrossesDown(input::price(
                "--crosses-down threshold",
                p,
            )?));
        }
        if let Some(v) = &self.enters {
            let (low, high) = channel("--enters", v)?;
            kinds.push(RuleKind::Enters { low, high });
        }
        if let Some(v) = &self.exits {
            let (low, high) = channel("--exits", v)?;
            kinds.push(RuleKind::Exits { low, high });
        }
        let within = |flag: &'static str| -> Result<i64, ValidationError> {
            let w = self.within.as_deref().ok_or_else(|| {
                ValidationError::new(flag, "needs --within DURATION (the window of the move)")
            })?;
            input::duration_ms("--within", w)
        };
        if let Some(p) = &self.moves_up {
            kinds.push(RuleKind::MovesUp {
                pct: input::move_pct("--moves-up", p, false)?,
                within_ms: within("--moves-up")?,
            });
        }
        if let Some(p) = &self.moves_down {
            kinds.push(RuleKind::MovesDown {
                pct: input::move_pct("--moves-down", p, true)?,
                within_ms: within("--moves-down")?,
            });
        }
        if self.within.is_some() && self.moves_up.is_none() && self.moves_down.is_none() {
            return Err(ValidationError::new(
                "--within",
                "only goes with --moves-up or --moves-down",
            ));
        }
        let kind = match kinds.len() {
            1 => kinds.remove(0),
            0 => {
                return Err(ValidationError::new(
                    "kind",
                    "give one of --above, --below, --crosses, --crosses-up, --crosses-down, \
                     --enters, --exits, --moves-up, --moves-down",
                ))
            }
            _ => return Err(ValidationError::new("kind", "give only one rule kind")),
        };
        let f = input::frequency(
            FrequencyText {
                repeat: self.repeat.as_deref(),
                rearm_band: self.rearm_band.as_deref(),
                cooldown: self.cooldown.as_deref(),
            },
            FrequencyFields {
                repeat: "--repeat",
                rearm_band: "--rearm-band",
                cooldown: "--cooldown",
            },
        )?;
        let expires_ms = self
            .expires
            .as_deref()
            .map(|e| {
                parse_when("--expires", e).map_err(|_| {
                    ValidationError::new(
                        "--expires",
                        format!("must be RFC 3339 or YYYY-MM-DD (got {e:?})"),
                    )
                })
            })
            .transpose()?;
        Ok(Rule {
            kind,
            repeat: f.repeat,
            rearm_band: f.rearm_band,
            cooldown_ms: f.cooldown_ms,
            expires_ms,
        })
    }
}
