//! A rule as typed, by the CLI's flags or the app's form: prices,
//! channels, percentages, durations and the frequency, each checked and
//! any error naming the field (or flag) it came from.

use crate::money::{self, ValidationError};
use crate::rules::Repeat;
use rust_decimal::Decimal;

/// A price level: a decimal above zero.
pub fn price(field: &'static str, text: &str) -> Result<Decimal, ValidationError> {
    money::positive(field, money::parse_decimal(field, text)?)
}

/// A percentage: `5` or `5%`.
pub fn percent(field: &'static str, text: &str) -> Result<Decimal, ValidationError> {
    money::parse_decimal(field, text.trim().trim_end_matches('%'))
}

/// The size of a move in percent: above zero, and below 100 for a fall.
pub fn move_pct(field: &'static str, text: &str, down: bool) -> Result<Decimal, ValidationError> {
    let pct = money::positive(field, percent(field, text)?)?;
    if down && pct >= Decimal::ONE_HUNDRED {
        return Err(ValidationError::new(
            field,
            format!("must be below 100 (got {pct})"),
        ));
    }
    Ok(pct)
}

/// A duration like `90s`, `15m`, `1h`, `2d`, in ms; more than zero.
pub fn duration_ms(field: &'static str, text: &str) -> Result<i64, ValidationError> {
    let t = text.trim();
    let bad = || {
        ValidationError::new(
            field,
            format!("must be a duration like 90s, 15m, 1h or 2d (got {t:?})"),
        )
    };
    let unit = match t.chars().last() {
        Some('s') => 1_000,
        Some('m') => 60_000,
        Some('h') => 3_600_000,
        Some('d') => 86_400_000,
        _ => return Err(bad()),
    };
    let n: i64 = t[..t.len() - 1].parse().map_err(|_| bad())?;
    if n <= 0 {
        return Err(ValidationError::new(
            field,
            format!("must be more than zero (got {t:?})"),
        ));
    }
    n.checked_mul(unit).ok_or_else(bad)
}

/// A channel `[low, high]` with `low < high`, both prices; an error names
/// `low_field` or `high_field`.
pub fn channel(
    low_field: &'static str,
    high_field: &'static str,
    low: &str,
    high: &str,
) -> Result<(Decimal, Decimal), ValidationError> {
    let (low, high) = (price(low_field, low)?, price(high_field, high)?);
    if low >= high {
        return Err(ValidationError::new(
            high_field,
            format!("LOW must be below HIGH (got {low} ≥ {high})"),
        ));
    }
    Ok((low, high))
}

/// The frequency as typed: `--repeat`, `--rearm-band`, `--cooldown` (or
/// the form's fields of those names).
#[derive(Debug, Clone, Copy, Default)]
pub struct FrequencyText<'a> {
    /// `once` (default) or `every`.
    pub repeat: Option<&'a str>,
    /// Percent, at least 0 and below 100.
    pub rearm_band: Option<&'a str>,
    /// A duration; only with `every`.
    pub cooldown: Option<&'a str>,
}

/// What errors call the three frequency fields.
#[derive(Debug, Clone, Copy)]
pub struct FrequencyFields {
    /// Name of the repeat field.
    pub repeat: &'static str,
    /// Name of the re-arm band field.
    pub rearm_band: &'static str,
    /// Name of the cooldown field.
    pub cooldown: &'static str,
}

/// A checked frequency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frequency {
    /// `once` or `every`.
    pub repeat: Repeat,
    /// Re-arm band, percent.
    pub rearm_band: Decimal,
    /// Cooldown, ms.
    pub cooldown_ms: Option<i64>,
}

/// Checks a frequency: a band of 0 up to (not including) 100 percent, and
/// a cooldown only with `every`.
pub fn frequency(
    text: FrequencyText<'_>,
    fields: FrequencyFields,
) -> Result<Frequency, ValidationError> {
    let repeat = match text
        .repeat
        .map(|r| r.trim().to_ascii_lowercase())
        .as_deref()
    {
        None | Some("") | Some("once") => Repeat::Once,
        Some("every") => Repeat::Every,
        Some(other) => {
            return Err(ValidationError::new(
                fields.repeat,
                format!("must be once or every (got {other:?})"),
            ))
        }
    };
    let rearm_band = match text.rearm_band.filter(|b| !b.trim().is_empty()) {
        None => Decimal::ZERO,
        Some(b) => {
            let b = percent(fields.rearm_band, b)?;
            if b < Decimal::ZERO || b >= Decimal::ONE_HUNDRED {
                return Err(ValidationError::new(
                    fields.rearm_band,
                    format!("must be at least 0 and below 100 (got {b})"),
                ));
            }
            b
        }
    };
    let cooldown_ms = match text.cooldown.filter(|c| !c.trim().is_empty()) {
        None => None,
        Some(_) if repeat == Repeat::Once => {
            return Err(ValidationError::new(
                fields.cooldown,
                format!(
                    "only goes with {} every (a once rule fires one time)",
                    fields.repeat
                ),
            ))
        }
        Some(c) => Some(duration_ms(fields.cooldown, c)?),
    };
    Ok(Frequency {
        repeat,
        rearm_band,
        cooldown_ms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    const FIELDS: FrequencyFields = FrequencyFields {
        repeat: "repeat",
        rearm_band: "rearm_band",
        cooldown: "cooldown",
    };

    #[test]
    fn durations_percentages_and_channels() {
        assert_eq!(duration_ms("w", "90s"), Ok(90_000));
        assert_eq!(duration_ms("w", "2d"), Ok(172_800_000));
        assert_eq!(duration_ms("w", "0m").unwrap_err().field, "w");
        assert!(duration_ms("w", "1y").is_err());
        assert_eq!(percent("p", "5%"), Ok(dec!(5)));
        assert_eq!(move_pct("p", "100", true).unwrap_err().field, "p");
        assert_eq!(move_pct("p", "0", false).unwrap_err().field, "p");
        assert_eq!(move_pct("p", "150", false), Ok(dec!(150)));
        assert_eq!(channel("lo", "hi", "1", "2"), Ok((dec!(1), dec!(2))));
        assert_eq!(channel("lo", "hi", "2", "2").unwrap_err().field, "hi");
        assert_eq!(channel("lo", "hi", "-1", "2").unwrap_err().field, "lo");
    }

    #[test]
    fn frequency_defaults_to_once_and_checks_band_and_cooldown() {
        let f = frequency(FrequencyText::default(), FIELDS).unwrap();
        assert_eq!(f.repeat, Repeat::Once);
        let text = |r, b, c| FrequencyText {
            repeat: r,
            rearm_band: b,
            cooldown: c,
        };
        let f = frequency(text(Some("every"), Some("1.5%"), Some("15m")), FIELDS).unwrap();
        assert_eq!(
            f,
            Frequency {
                repeat: Repeat::Every,
                rearm_band: dec!(1.5),
                cooldown_ms: Some(900_000)
            }
        );
        let field = |t| frequency(t, FIELDS).unwrap_err().field;
        assert_eq!(field(text(None, None, Some("1m"))), "cooldown");
        assert_eq!(field(text(Some("every"), Some("100"), None)), "rearm_band");
        assert_eq!(field(text(Some("every"), Some("-1"), None)), "rearm_band");
        assert_eq!(field(text(Some("sometimes"), None, None)), "repeat");
    }
}
