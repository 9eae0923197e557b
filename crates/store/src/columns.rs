//! Candle columns whose storage differs by engine, behind one Rust type each,
//! so the same statement binds and reads them on both.
//!
//! - [`Price`]: `NUMERIC(20,8)` on PostgreSQL; on SQLite an `INTEGER` count
//!   of 10⁻⁸ units, so `max`, `min`, `ORDER BY` and comparisons are exact
//!   (decimal text would compare as strings, `"9" > "10"`); that holds
//!   prices up to about 92 billion, and a larger one is refused.
//! - [`OpenTime`]: `TIMESTAMPTZ` on PostgreSQL; epoch milliseconds (UTC) as
//!   an `INTEGER` on SQLite.

use chrono::{DateTime, Utc};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArgumentBuffer, PgTypeInfo, PgValueRef, Postgres};
use sqlx::sqlite::{Sqlite, SqliteArgumentValue, SqliteTypeInfo, SqliteValueRef};
use sqlx::{Decode, Encode, Type};

/// Decimal places a candle price keeps (as `NUMERIC(20,8)`).
pub(crate) const PRICE_SCALE: u32 = 8;

/// A candle price.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Price(pub Decimal);

/// A candle's open time in epoch milliseconds, UTC.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct OpenTime(pub i64);

impl Price {
    /// The SQLite integer: units of 10⁻⁸, rounded half away from zero as
    /// PostgreSQL's `NUMERIC(20,8)` rounds.
    fn units(self) -> Result<i64, BoxDynError> {
        self.0
            .round_dp(PRICE_SCALE)
            .checked_mul(Decimal::from(100_000_000_i64))
            .and_then(|scaled| scaled.to_i64())
            .ok_or_else(|| format!("price {} is too large to store", self.0).into())
    }
}

impl OpenTime {
    /// The instant, clamped to what PostgreSQL's `TIMESTAMPTZ` holds (an
    /// open range bound such as `i64::MAX` means "no bound").
    fn instant(self) -> DateTime<Utc> {
        // 4713 BC is PostgreSQL's earliest timestamp; stay clear of it.
        const EARLIEST_MS: i64 = -210_000_000_000_000;
        DateTime::from_timestamp_millis(self.0.max(EARLIEST_MS)).unwrap_or(DateTime::<Utc>::MAX_UTC)
    }
}

impl Type<Sqlite> for Price {
    fn type_info() -> SqliteTypeInfo {
        <i64 as Type<Sqlite>>::type_info()
    }
    fn compatible(ty: &SqliteTypeInfo) -> bool {
        <i64 as Type<Sqlite>>::compatible(ty)
    }
}

impl<'q> Encode<'q, Sqlite> for Price {
    fn encode_by_ref(&self, buf: &mut Vec<SqliteArgumentValue<'q>>) -> Result<IsNull, BoxDynError> {
        <i64 as Encode<Sqlite>>::encode(self.units()?, buf)
    }
}

impl<'r> Decode<'r, Sqlite> for Price {
    fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
        let units = <i64 as Decode<Sqlite>>::decode(value)?;
        Ok(Price(Decimal::new(units, PRICE_SCALE).normalize()))
    }
}

impl Type<Postgres> for Price {
    fn type_info() -> PgTypeInfo {
        <Decimal as Type<Postgres>>::type_info()
    }
    fn compatible(ty: &PgTypeInfo) -> bool {
        <Decimal as Type<Postgres>>::compatible(ty)
    }
}

impl<'q> Encode<'q, Postgres> for Price {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
        <Decimal as Encode<Postgres>>::encode_by_ref(&self.0.round_dp(PRICE_SCALE), buf)
    }
}

impl<'r> Decode<'r, Postgres> for Price {
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(Price(
            <Decimal as Decode<Postgres>>::decode(value)?.normalize(),
        ))
    }
}

impl Type<Sqlite> for OpenTime {
    fn type_info() -> SqliteTypeInfo {
        <i64 as Type<Sqlite>>::type_info()
    }
    fn compatible(ty: &SqliteTypeInfo) -> bool {
        <i64 as Type<Sqlite>>::compatible(ty)
    }
}

impl<'q> Encode<'q, Sqlite> for OpenTime {
    fn encode_by_ref(&self, buf: &mut Vec<SqliteArgumentValue<'q>>) -> Result<IsNull, BoxDynError> {
        <i64 as Encode<Sqlite>>::encode(self.0, buf)
    }
}

impl<'r> Decode<'r, Sqlite> for OpenTime {
    fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(OpenTime(<i64 as Decode<Sqlite>>::decode(value)?))
    }
}

impl Type<Postgres> for OpenTime {
    fn type_info() -> PgTypeInfo {
        <DateTime<Utc> as Type<Postgres>>::type_info()
    }
    fn compatible(ty: &PgTypeInfo) -> bool {
        <DateTime<Utc> as Type<Postgres>>::compatible(ty)
    }
}

impl<'q> Encode<'q, Postgres> for OpenTime {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
        <DateTime<Utc> as Encode<Postgres>>::encode(self.instant(), buf)
    }
}

impl<'r> Decode<'r, Postgres> for OpenTime {
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(OpenTime(
            <DateTime<Utc> as Decode<Postgres>>::decode(value)?.timestamp_millis(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn sqlite_units_are_exact_and_round_like_numeric_20_8() {
        assert_eq!(Price(dec!(99.99999999)).units().unwrap(), 9_999_999_999);
        assert_eq!(Price(dec!(0.000000015)).units().unwrap(), 2);
        assert_eq!(Price(dec!(65000)).units().unwrap(), 6_500_000_000_000);
        // i64 units hold prices up to about 92 billion.
        assert!(Price(dec!(92000000000)).units().is_ok());
        let err = Price(dec!(1e12)).units().unwrap_err().to_string();
        assert!(err.contains("too large"), "{err}");
        assert!(Price(Decimal::MAX).units().is_err());
    }

    #[test]
    fn open_times_outside_postgres_range_are_clamped() {
        assert_eq!(OpenTime(0).instant().timestamp_millis(), 0);
        assert_eq!(OpenTime(i64::MAX).instant(), DateTime::<Utc>::MAX_UTC);
        assert!(OpenTime(i64::MIN).instant().timestamp_millis() >= -210_000_000_000_000);
    }
}
