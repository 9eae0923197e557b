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

/// `num / den` rounded half to even, with one hardware division (`/` and
/// `%` on `i128` are two library calls).
///
/// # Panics
/// On a zero `den`, and on `i128::MIN / -1`, as `/` does.
pub fn div_half_even(num: i128, den: i128) -> i128 {
    // Most figures fit 64 bits, where division is a single instruction
    // instead of a 128-bit library routine.
    let (q, r) = match (i64::try_from(num), i64::try_from(den)) {
        (Ok(n), Ok(d)) if n != i64::MIN => {
            let q = n / d;
            (i128::from(q), i128::from(n - q * d))
        }
        _ => {
            let q = num / den;
            (q, num - q * den)
        }
    };
    let away = match (2 * r.unsigned_abs()).cmp(&den.unsigned_abs()) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Equal => q % 2 != 0,
        std::cmp::Ordering::Less => false,
    };
    if !away {
        q
    } else if (num < 0) != (den < 0) {
        q - 1
    } else {
        q + 1
    }
}

/// An exact sum of decimals with at most [`FixedSum::SCALE`] places, kept
/// as one 128-bit integer (several times cheaper than decimal additions
/// of mixed scales); anything else is added as a decimal.
#[derive(Debug, Clone, Copy)]
pub struct FixedSum {
    units: i128,
    rest: Decimal,
    scale: u32,
}

impl FixedSum {
    /// Places the integer part of the sum keeps.
    pub const SCALE: u32 = 12;

    /// An empty sum.
    pub const ZERO: FixedSum = FixedSum {
        units: 0,
        rest: Decimal::ZERO,
        scale: 0,
    };

    /// Adds `v`.
    pub fn add(&mut self, v: Decimal) {
        let scale = v.scale();
        let units = (scale <= Self::SCALE)
            .then(|| v.mantissa().checked_mul(10_i128.pow(Self::SCALE - scale)))
            .flatten()
            .and_then(|u| self.units.checked_add(u));
        match units {
            Some(u) => {
                self.units = u;
                self.scale = self.scale.max(scale);
            }
            None => self.rest += v,
        }
    }

    /// Adds another sum.
    pub fn merge(&mut self, other: &FixedSum) {
        match self.units.checked_add(other.units) {
            Some(u) => self.units = u,
            None => self.rest += other.units_total(),
        }
        self.scale = self.scale.max(other.scale);
        self.rest += other.rest;
    }

    /// The integer part as a decimal.
    fn units_total(&self) -> Decimal {
        let one = 10_i128.pow(Self::SCALE);
        Decimal::from_i128_with_scale(self.units / one, 0)
            + Decimal::from_i128_with_scale(self.units % one, Self::SCALE)
    }

    /// The sum, with as many places as the most precise figure added.
    pub fn total(&self) -> Decimal {
        let mut sum = self.units_total() + self.rest;
        if self.rest.is_zero() && sum.scale() > self.scale {
            sum.rescale(self.scale);
        }
        sum
    }
}

/// Rounds a computed amount (a product or a quotient) back to 8 decimals,
/// half to even.
pub fn round_money(value: Decimal) -> Decimal {
    let scale = value.scale();
    if scale <= SCALE {
        return value;
    }
    // The mantissa is at most 96 bits, so the division by 10^k is exact
    // 128-bit integer work, much cheaper than decimal rounding.
    let q = div_half_even(value.mantissa(), 10_i128.pow(scale - SCALE));
    Decimal::from_i128_with_scale(q, SCALE)
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
        if den == 0 || num == i128::MIN {
            return None;
        }
        Decimal::try_from_i128_with_scale(div_half_even(num, den), scale).ok()
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

    proptest::proptest! {
        /// The integer rounding agrees with the decimal library's, ties
        /// and signs included, at every scale a decimal can have.
        #[test]
        fn round_money_matches_decimal_rounding(m in proptest::num::i128::ANY, scale in 0_u32..=28) {
            let m = m % (1_i128 << 96);
            let d = Decimal::from_i128_with_scale(m, scale);
            let want = d.round_dp_with_strategy(SCALE, rust_decimal::RoundingStrategy::MidpointNearestEven);
            proptest::prop_assert_eq!(round_money(d), want);
        }
    }

    proptest::proptest! {
        /// The 64-bit shortcut rounds as the 128-bit division does.
        #[test]
        fn div_half_even_matches_wide_division(num in proptest::num::i64::ANY, den in proptest::num::i64::ANY, wide in proptest::bool::ANY) {
            proptest::prop_assume!(den != 0 && num != i64::MIN);
            let scale = if wide { 1_i128 << 64 } else { 1 };
            let (n, d) = (i128::from(num) * scale, i128::from(den) * scale);
            let (q, r) = (n / d, n % d);
            let want = match (2 * r.unsigned_abs()).cmp(&d.unsigned_abs()) {
                std::cmp::Ordering::Greater => q + if (n < 0) != (d < 0) { -1 } else { 1 },
                std::cmp::Ordering::Equal if q % 2 != 0 => q + if (n < 0) != (d < 0) { -1 } else { 1 },
                _ => q,
            };
            proptest::prop_assert_eq!(div_half_even(n, d), want);
        }
    }

    proptest::proptest! {
        /// The integer sum equals the decimal sum (exact at these sizes),
        /// places included.
        #[test]
        fn fixed_sum_matches_decimal_sum(xs in proptest::collection::vec((-10_i64.pow(12)..10_i64.pow(12), 0_u32..=14), 0..50)) {
            let mut fixed = FixedSum::ZERO;
            let mut want = Decimal::ZERO;
            for &(m, scale) in &xs {
                let d = Decimal::new(m, scale);
                fixed.add(d);
                want += d;
            }
            let got = fixed.total();
            proptest::prop_assert_eq!(got, want);
            proptest::prop_assert_eq!(got.scale(), want.scale());
            let (mut left, mut right) = (FixedSum::ZERO, FixedSum::ZERO);
            for (i, (m, scale)) in xs.iter().enumerate() {
                if i % 2 == 0 { &mut left } else { &mut right }.add(Decimal::new(*m, *scale));
            }
            left.merge(&right);
            proptest::prop_assert_eq!(left.total(), want);
            proptest::prop_assert_eq!(left.total().scale(), want.scale());
        }
    }

    #[test]
    fn round_money_ties_to_even() {
        assert_eq!(round_money(dec!(0.000000025)), dec!(0.00000002));
        assert_eq!(round_money(dec!(0.000000035)), dec!(0.00000004));
        assert_eq!(round_money(dec!(-0.000000025)), dec!(-0.00000002));
        assert_eq!(round_money(dec!(-0.0000000251)), dec!(-0.00000003));
        assert_eq!(round_money(dec!(1.5)), dec!(1.5));
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
