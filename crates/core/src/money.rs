//! Money and identifier rules shared by every layer.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use ts_rs::TS;

/// Number of decimals every stored amount and price may carry.
pub const SCALE: u32 = 8;

/// A rejected input value: names the field and the rule it broke.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field} {rule}")]
pub struct ValidationError {
    /// The input field, as the user knows it (`amount`, `price`, `symbol`, ...).
    pub field: &'static str,
    /// The rule that was broken, with the offending value where useful.
    pub rule: String,
}

impl ValidationError {
    /// Builds an error for `field` breaking `rule`.
    pub fn new(field: &'static str, rule: impl Into<String>) -> Self {
        Self {
            field,
            rule: rule.into(),
        }
    }
}

fn max_decimal() -> Decimal {
    // 999999999999.99999999
    Decimal::from_i128_with_scale(99_999_999_999_999_999_999, SCALE)
}

/// Parses user text into a decimal that fits `DECIMAL(20,8)`.
///
/// Rejects `NaN`, infinities, exponents, more than 8 decimals and magnitudes of
/// 10^12 or more, naming `field` in the error.
pub fn parse_decimal(field: &'static str, text: &str) -> Result<Decimal, ValidationError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(ValidationError::new(field, "must not be empty"));
    }
    let value = Decimal::from_str_exact(t).map_err(|_| {
        ValidationError::new(field, format!("must be a decimal number (got {t:?})"))
    })?;
    check_decimal(field, value)
}

/// Checks that a decimal fits `DECIMAL(20,8)` (at most 8 decimals, |x| < 10^12).
pub fn check_decimal(field: &'static str, value: Decimal) -> Result<Decimal, ValidationError> {
    let normalized = value.normalize();
    if normalized.scale() > SCALE {
        return Err(ValidationError::new(
            field,
            format!("must have at most {SCALE} decimals (got {value})"),
        ));
    }
    if normalized.abs() > max_decimal() {
        return Err(ValidationError::new(
            field,
            format!("must be below 1000000000000 (got {value})"),
        ));
    }
    Ok(normalized)
}

/// Checks a decimal that must be strictly positive and fit `DECIMAL(20,8)`.
pub fn positive(field: &'static str, value: Decimal) -> Result<Decimal, ValidationError> {
    let v = check_decimal(field, value)?;
    if v <= Decimal::ZERO {
        return Err(ValidationError::new(
            field,
            format!("must be > 0 (got {value})"),
        ));
    }
    Ok(v)
}

/// Checks a decimal that must be zero or positive and fit `DECIMAL(20,8)`.
pub fn non_negative(field: &'static str, value: Decimal) -> Result<Decimal, ValidationError> {
    let v = check_decimal(field, value)?;
    if v < Decimal::ZERO {
        return Err(ValidationError::new(
            field,
            format!("must be >= 0 (got {value})"),
        ));
    }
    Ok(v)
}

/// The earliest transaction date accepted (no crypto was traded before).
pub const EARLIEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2009, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Parses a transaction date `YYYY-MM-DD`: not after `today`, not before 2009.
pub fn parse_date(
    field: &'static str,
    text: &str,
    today: NaiveDate,
) -> Result<NaiveDate, ValidationError> {
    let t = text.trim();
    let date = NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map_err(|_| ValidationError::new(field, format!("must be YYYY-MM-DD (got {t:?})")))?;
    if date > today {
        return Err(ValidationError::new(
            field,
            format!("must not be in the future (got {date})"),
        ));
    }
    if date < EARLIEST_DATE {
        return Err(ValidationError::new(
            field,
            format!("must not be before {EARLIEST_DATE} (got {date})"),
        ));
    }
    Ok(date)
}

/// Rounds a computed amount (a product or a quotient) back to 8 decimals.
pub fn round_money(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(SCALE, rust_decimal::RoundingStrategy::MidpointNearestEven)
}

/// `a × b / c` rounded half to even to 8 decimals; see [`mul_div`].
pub fn mul_div8(a: Decimal, b: Decimal, c: Decimal) -> Decimal {
    mul_div(a, b, c, SCALE)
}

/// `a × b / c` rounded half to even to `scale` decimals, computed exactly
/// on 128-bit integers when the operands allow (a ledger's usual figures),
/// else with decimals. Faster and more exact than multiplying, dividing and
/// then rounding 28-digit decimals.
///
/// # Panics
/// Never for a non-zero `c`; a zero `c` panics as a decimal division does.
pub fn mul_div(a: Decimal, b: Decimal, c: Decimal, scale: u32) -> Decimal {
    fn exact(a: Decimal, b: Decimal, c: Decimal, scale: u32) -> Option<Decimal> {
        let (am, bm, cm) = (a.mantissa(), b.mantissa(), c.mantissa());
        let e = scale as i32 + c.scale() as i32 - a.scale() as i32 - b.scale() as i32;
        let mut num = am.checked_mul(bm)?;
        let mut den = cm;
        if e >= 0 {
            num = num.checked_mul(10_i128.checked_pow(e as u32)?)?;
        } else {
            den = den.checked_mul(10_i128.checked_pow((-e) as u32)?)?;
        }
        let (q, r) = (num / den, num % den);
        let twice = r.unsigned_abs().checked_mul(2)?;
        let away = match twice.cmp(&den.unsigned_abs()) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal => q % 2 != 0,
            std::cmp::Ordering::Less => false,
        };
        let q = if away {
            q + if (num < 0) != (den < 0) { -1 } else { 1 }
        } else {
            q
        };
        Decimal::try_from_i128_with_scale(q, scale).ok()
    }
    exact(a, b, c, scale).unwrap_or_else(|| {
        (a * b / c)
            .round_dp_with_strategy(scale, rust_decimal::RoundingStrategy::MidpointNearestEven)
    })
}

/// [`round_money`] without trailing zeros: how computed figures are shown
/// and sent (`19368.43`, not `19368.430`).
pub fn round8(value: Decimal) -> Decimal {
    round_money(value).normalize()
}

/// Serializes a computed figure as [`round8`] text (serde `serialize_with`),
/// so computations keep their figures as they are and only output rounds.
pub fn ser8<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&round8(*d))
}

/// [`ser8`] for an optional figure.
pub fn ser8_opt<S: serde::Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(&round8(*d)),
        None => s.serialize_none(),
    }
}

/// A fiat currency a holding can be bought in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "UPPERCASE")]
pub enum Currency {
    /// US dollar (USDT prices are taken as USD).
    #[default]
    Usd,
    /// Euro.
    Eur,
    /// Czech koruna.
    Czk,
}

impl Currency {
    /// The ISO code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Czk => "CZK",
        }
    }

    /// Parses an ISO code (case-insensitive); names `field` on failure.
    pub fn parse(field: &'static str, text: &str) -> Result<Self, ValidationError> {
        match text.trim().to_ascii_uppercase().as_str() {
            "USD" => Ok(Currency::Usd),
            "EUR" => Ok(Currency::Eur),
            "CZK" => Ok(Currency::Czk),
            other => Err(ValidationError::new(
                field,
                format!("must be one of USD, EUR, CZK (got {other:?})"),
            )),
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Currency::parse("currency", s)
    }
}

/// An asset ticker such as `BTC`: upper-case ASCII letters and digits, 1 to 15 long.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(type = "string", rename = "AssetSymbol")]
pub struct Symbol(String);

impl Symbol {
    /// Validates and upper-cases an asset ticker.
    pub fn parse(text: &str) -> Result<Self, ValidationError> {
        let t = text.trim().to_ascii_uppercase();
        if t.is_empty() {
            return Err(ValidationError::new("symbol", "must not be empty"));
        }
        if t.len() > 15 || !t.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(ValidationError::new(
                "symbol",
                format!("must be 1 to 15 letters or digits (got {text:?})"),
            ));
        }
        Ok(Symbol(t))
    }

    /// The ticker text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The exchange pair that prices this asset in USD (`BTC` → `BTCUSDT`).
    pub fn usd_pair(&self) -> String {
        format!("{}USDT", self.0)
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn decimal_bounds() {
        assert_eq!(
            parse_decimal("price", "0.00000001").unwrap(),
            dec!(0.00000001)
        );
        assert_eq!(
            parse_decimal("price", "999999999999.99999999").unwrap(),
            dec!(999999999999.99999999)
        );
        let e = parse_decimal("price", "1000000000000").unwrap_err();
        assert_eq!(e.field, "price");
        let e = parse_decimal("price", "0.000000001").unwrap_err();
        assert!(e.to_string().contains("at most 8 decimals"), "{e}");
        assert!(parse_decimal("amount", "NaN").is_err());
        assert!(parse_decimal("amount", "inf").is_err());
        assert!(parse_decimal("amount", "").is_err());
        // trailing zeros beyond 8 decimals are fine: the value has 1 decimal
        assert_eq!(parse_decimal("price", "1.5000000000").unwrap(), dec!(1.5));
    }

    #[test]
    fn positive_rejects_zero_and_negative() {
        assert_eq!(
            positive("amount", dec!(0)).unwrap_err().to_string(),
            "amount must be > 0 (got 0)"
        );
        assert!(positive("amount", dec!(-3))
            .unwrap_err()
            .to_string()
            .contains("got -3"));
        assert!(non_negative("commission", dec!(0)).is_ok());
    }

    #[test]
    fn exact_multiply_divide() {
        assert_eq!(
            mul_div8(dec!(30010), dec!(1), dec!(0.92)),
            dec!(32619.56521739)
        );
        assert_eq!(
            mul_div8(dec!(30010), dec!(23.1), dec!(0.92)),
            dec!(753511.95652174)
        );
        // Half to even, both signs.
        assert_eq!(
            mul_div8(dec!(0.000000125), dec!(1), dec!(10)),
            dec!(0.00000001)
        );
        assert_eq!(
            mul_div8(dec!(0.000000015), dec!(1), dec!(1)),
            dec!(0.00000002)
        );
        assert_eq!(
            mul_div8(dec!(-0.000000015), dec!(1), dec!(1)),
            dec!(-0.00000002)
        );
        // Too large for 128 bits: the decimal path.
        let big = dec!(999999999999.99999999);
        assert_eq!(mul_div8(big, big, big), big);
    }

    proptest::proptest! {
        /// The integer path agrees with exact rational rounding.
        #[test]
        fn mul_div_matches_decimals(a in 1_i64..10_i64.pow(14), b in 1_i64..10_i64.pow(10), c in 1_i64..10_i64.pow(10)) {
            let (a, b, c) = (Decimal::new(a, 8), Decimal::new(b, 8), Decimal::new(c, 8));
            let want = round_money(a * b / c);
            let got = mul_div8(a, b, c);
            // Decimal division keeps 28 digits: at most one unit apart on a tie it cut.
            proptest::prop_assert!((got - want).abs() <= Decimal::new(1, 8), "{} vs {}", got, want);
        }
    }

    #[test]
    fn symbol_and_currency() {
        assert_eq!(Symbol::parse(" btc ").unwrap().as_str(), "BTC");
        assert_eq!(Symbol::parse("eth").unwrap().usd_pair(), "ETHUSDT");
        assert_eq!(Symbol::parse("").unwrap_err().field, "symbol");
        assert!(Symbol::parse("BTC/USD").is_err());
        assert_eq!(Currency::parse("currency", "eur").unwrap(), Currency::Eur);
        assert_eq!(
            Currency::parse("currency", "GBP").unwrap_err().field,
            "currency"
        );
    }
}
