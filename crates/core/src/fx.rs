//! Exchange rates between USD, EUR and CZK, and amounts held in all three.
//!
//! Every conversion goes through USD: with `R_X` the units of X per 1 USD
//! (`R_USD` = 1), `rate(A→B) = R_B / R_A`.

use crate::money::{self, Currency, ValidationError};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::ops::{Add, AddAssign, Mul, Sub};
use ts_rs::TS;

/// The three currencies, in display order.
pub const CURRENCIES: [Currency; 3] = [Currency::Usd, Currency::Eur, Currency::Czk];

/// Units of EUR and of CZK per 1 USD.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FxRates {
    /// `R_EUR`: euros per dollar.
    #[ts(type = "string")]
    pub eur: Decimal,
    /// `R_CZK`: koruna per dollar.
    #[ts(type = "string")]
    pub czk: Decimal,
}

impl FxRates {
    /// `R_X`, the units of `c` per 1 USD.
    pub fn per_usd(&self, c: Currency) -> Decimal {
        match c {
            Currency::Usd => Decimal::ONE,
            Currency::Eur => self.eur,
            Currency::Czk => self.czk,
        }
    }

    /// `value` in `from` expressed in `to`: `value × R_to / R_from`
    /// (multiplied first, so an exact product is divided once).
    pub fn convert(&self, value: Decimal, from: Currency, to: Currency) -> Decimal {
        match (from, to) {
            _ if from == to => value,
            (Currency::Usd, _) => value * self.per_usd(to),
            (_, Currency::Usd) => value / self.per_usd(from),
            _ => value * self.per_usd(to) / self.per_usd(from),
        }
    }

    /// `value` in `from` expressed in each of the three currencies.
    pub fn all(&self, value: Decimal, from: Currency) -> Money3 {
        Money3 {
            usd: self.convert(value, from, Currency::Usd),
            eur: self.convert(value, from, Currency::Eur),
            czk: self.convert(value, from, Currency::Czk),
        }
    }

    /// [`FxRates::all`] rounded (half to even) to `scale` decimals, exactly.
    pub fn all_at(&self, value: Decimal, from: Currency, scale: u32) -> Money3 {
        let r_from = self.per_usd(from);
        let to = |c: Currency| {
            if c == from {
                value.round_dp_with_strategy(
                    scale,
                    rust_decimal::RoundingStrategy::MidpointNearestEven,
                )
            } else {
                money::mul_div(value, self.per_usd(c), r_from, scale)
            }
        };
        Money3 {
            usd: to(Currency::Usd),
            eur: to(Currency::Eur),
            czk: to(Currency::Czk),
        }
    }

    /// These rates with the user's own `R_X` where given.
    pub fn with(&self, overrides: &FxOverrides) -> FxRates {
        FxRates {
            eur: overrides.eur.unwrap_or(self.eur),
            czk: overrides.czk.unwrap_or(self.czk),
        }
    }
}

/// Rates the user actually paid on one transaction (`--fx-rate EUR=0.9214`),
/// each an `R_X`; they replace the fetched ones for that transaction only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FxOverrides {
    /// `R_EUR` paid, if given.
    #[ts(type = "string | null")]
    pub eur: Option<Decimal>,
    /// `R_CZK` paid, if given.
    #[ts(type = "string | null")]
    pub czk: Option<Decimal>,
}

impl FxOverrides {
    /// Parses `CUR=RATE` items (repeatable); names `fx_rate` on any error.
    pub fn parse<S: AsRef<str>>(items: &[S]) -> Result<Self, ValidationError> {
        let mut out = FxOverrides::default();
        for item in items {
            let item = item.as_ref().trim();
            let (cur, rate) = item.split_once('=').ok_or_else(|| {
                ValidationError::new("fx_rate", format!("must be CUR=RATE (got {item:?})"))
            })?;
            let rate = money::parse_decimal("fx_rate", rate)?;
            if rate <= Decimal::ZERO {
                return Err(ValidationError::new(
                    "fx_rate",
                    format!("must be > 0 (got {item:?})"),
                ));
            }
            match Currency::parse("fx_rate", cur)? {
                Currency::Usd => {
                    return Err(ValidationError::new(
                        "fx_rate",
                        "USD is the base (R_USD = 1); give EUR=… or CZK=…",
                    ))
                }
                Currency::Eur => out.eur = Some(rate),
                Currency::Czk => out.czk = Some(rate),
            }
        }
        Ok(out)
    }

    /// Whether no rate was given.
    pub fn is_empty(&self) -> bool {
        self.eur.is_none() && self.czk.is_none()
    }
}

/// Rates valid for one date, as the rate service answered (or as kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DatedRates {
    /// The date they are valid for.
    pub date: NaiveDate,
    /// The date the rate service gave them for (its last working day at or
    /// before `date`).
    pub published: NaiveDate,
    /// The rates.
    pub rates: FxRates,
    /// Taken from the nearest earlier stored date while the rate service
    /// was unreachable; replaced once it answers.
    pub provisional: bool,
}

/// The latest rates, for values "now".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LatestRates {
    /// The date the rate service says they are valid for.
    pub date: NaiveDate,
    /// The rates.
    pub rates: FxRates,
    /// The rate service could not be reached: these are the last known ones.
    pub stale: bool,
}

/// One amount in USD, EUR and CZK.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Money3 {
    /// In US dollars.
    #[ts(type = "string")]
    pub usd: Decimal,
    /// In euros.
    #[ts(type = "string")]
    pub eur: Decimal,
    /// In Czech koruna.
    #[ts(type = "string")]
    pub czk: Decimal,
}

impl Money3 {
    /// The amount in `c`.
    pub fn get(&self, c: Currency) -> Decimal {
        match c {
            Currency::Usd => self.usd,
            Currency::Eur => self.eur,
            Currency::Czk => self.czk,
        }
    }

    /// Applies `f` to each currency's amount.
    pub fn map(self, f: impl Fn(Decimal) -> Decimal) -> Money3 {
        Money3 {
            usd: f(self.usd),
            eur: f(self.eur),
            czk: f(self.czk),
        }
    }

    /// Rounded to 8 decimals, as shown and exported.
    pub fn rounded(self) -> Money3 {
        self.map(money::round8)
    }
}

impl Add for Money3 {
    type Output = Money3;
    fn add(self, o: Money3) -> Money3 {
        Money3 {
            usd: self.usd + o.usd,
            eur: self.eur + o.eur,
            czk: self.czk + o.czk,
        }
    }
}

impl AddAssign for Money3 {
    fn add_assign(&mut self, o: Money3) {
        *self = *self + o;
    }
}

impl Sub for Money3 {
    type Output = Money3;
    fn sub(self, o: Money3) -> Money3 {
        Money3 {
            usd: self.usd - o.usd,
            eur: self.eur - o.eur,
            czk: self.czk - o.czk,
        }
    }
}

impl Mul<Decimal> for Money3 {
    type Output = Money3;
    fn mul(self, k: Decimal) -> Money3 {
        self.map(|v| v * k)
    }
}

/// `pnl / cost × 100` rounded to 4 decimals (half to even); none for a
/// zero cost. Both are taken at 8 decimals, as shown, and divided as
/// integers when they fit (much faster than a 28-digit decimal division,
/// and exact).
pub fn pct(pnl: Decimal, cost: Decimal) -> Option<Decimal> {
    if cost.is_zero() {
        return None;
    }
    let units = |d: Decimal| -> Option<i128> {
        let d = money::round_money(d);
        let m = d.mantissa();
        let scale = d.scale();
        (scale <= 8).then(|| m.checked_mul(10_i128.pow(8 - scale)))?
    };
    match (units(pnl), units(cost)) {
        // pnl × 100 × 10⁴ / cost, in units of 10⁻⁴ percent.
        (Some(p), Some(c)) if c != 0 && p.unsigned_abs() < (1 << 100) => {
            // Trailing zeros dropped on the integer (`12.5`, not `12.5000`).
            let (mut q, mut scale) = (money::div_half_even(p * 1_000_000, c), 4);
            while scale > 0 && q % 10 == 0 {
                q /= 10;
                scale -= 1;
            }
            Some(Decimal::from_i128_with_scale(q, scale))
        }
        _ => Some(
            (pnl / cost * Decimal::ONE_HUNDRED)
                .round_dp_with_strategy(4, rust_decimal::RoundingStrategy::MidpointNearestEven)
                .normalize(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    const R: FxRates = FxRates {
        eur: dec!(0.86192),
        czk: dec!(20.932),
    };

    #[test]
    fn conversions_go_through_usd() {
        assert_eq!(
            R.convert(dec!(100), Currency::Usd, Currency::Eur),
            dec!(86.192)
        );
        assert_eq!(
            R.convert(dec!(86.192), Currency::Eur, Currency::Usd),
            dec!(100)
        );
        // EUR → CZK = R_CZK / R_EUR
        let v = R.convert(dec!(1), Currency::Eur, Currency::Czk);
        assert_eq!(money::round_money(v), dec!(24.28531650));
        assert_eq!(R.convert(dec!(7), Currency::Czk, Currency::Czk), dec!(7));
        let all = R.all(dec!(10), Currency::Usd);
        assert_eq!(
            (all.usd, all.eur, all.czk),
            (dec!(10), dec!(8.6192), dec!(209.32))
        );
    }

    #[test]
    fn overrides_replace_one_rate() {
        let o = FxOverrides::parse(&["eur=0.9214"]).unwrap();
        assert_eq!(
            R.with(&o),
            FxRates {
                eur: dec!(0.9214),
                czk: dec!(20.932)
            }
        );
        for bad in ["EUR", "EUR=0", "EUR=-1", "EUR=abc", "GBP=1", "USD=1"] {
            let e = FxOverrides::parse(&[bad]).unwrap_err();
            assert_eq!(e.field, "fx_rate", "{bad}: {e}");
        }
        assert!(FxOverrides::parse::<&str>(&[]).unwrap().is_empty());
    }

    #[test]
    fn percentages_round_to_four() {
        assert_eq!(pct(dec!(1), dec!(3)), Some(dec!(33.3333)));
        assert_eq!(pct(dec!(2), dec!(3)), Some(dec!(66.6667)));
        assert_eq!(pct(dec!(-2), dec!(3)), Some(dec!(-66.6667)));
        assert_eq!(pct(dec!(1), dec!(0)), None);
        // Halves go to the even neighbour: 0.000125 % → 0.0001, 0.000375 % → 0.0004.
        assert_eq!(pct(dec!(0.00000125), dec!(1)), Some(dec!(0.0001)));
        assert_eq!(pct(dec!(0.00000375), dec!(1)), Some(dec!(0.0004)));
        assert_eq!(pct(dec!(-0.00000375), dec!(1)), Some(dec!(-0.0004)));
    }

    proptest::proptest! {
        /// The integer path agrees with a plain decimal division.
        #[test]
        fn integer_percentages_match_decimal_division(p in -10_i64.pow(15)..10_i64.pow(15), c in 1_i64..10_i64.pow(15)) {
            let (pnl, cost) = (Decimal::new(p, 8), Decimal::new(c, 8));
            let want = (pnl / cost * Decimal::ONE_HUNDRED)
                .round_dp_with_strategy(4, rust_decimal::RoundingStrategy::MidpointNearestEven);
            proptest::prop_assert_eq!(pct(pnl, cost), Some(want.normalize()));
        }
    }
}
