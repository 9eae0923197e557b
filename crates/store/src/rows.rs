//! Row → record mapping shared by both engines. SQLite keeps decimals as
//! text; PostgreSQL as NUMERIC. [`Get`] hides that difference.

use crate::columns::{OpenTime, Price};
use crate::{CandleRow, Result, SeriesSpan, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use cryptodesk_core::rules::Repeat;
use cryptodesk_core::{
    Alert, AlertEvent, AlertId, AlertKind, Currency, Holding, HoldingId, Sale, SaleId, Symbol,
};
use rust_decimal::Decimal;
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{ColumnIndex, Decode, Row, Type};
use std::str::FromStr;

fn corrupt(column: &'static str, message: impl ToString) -> StoreError {
    StoreError::Corrupt {
        column,
        message: message.to_string(),
    }
}

/// Typed column access for either engine.
pub(crate) trait Get {
    fn dec_opt(&self, c: &'static str) -> Result<Option<Decimal>>;
    fn text_opt(&self, c: &'static str) -> Result<Option<String>>;
    fn int(&self, c: &'static str) -> Result<i64>;
    fn int_opt(&self, c: &'static str) -> Result<Option<i64>>;
    fn flag(&self, c: &'static str) -> Result<bool>;
    fn time(&self, c: &'static str) -> Result<DateTime<Utc>>;
    fn time_opt(&self, c: &'static str) -> Result<Option<DateTime<Utc>>>;
    fn date_opt(&self, c: &'static str) -> Result<Option<NaiveDate>>;

    fn dec(&self, c: &'static str) -> Result<Decimal> {
        self.dec_opt(c)?.ok_or_else(|| corrupt(c, "is NULL"))
    }
    fn text(&self, c: &'static str) -> Result<String> {
        self.text_opt(c)?.ok_or_else(|| corrupt(c, "is NULL"))
    }
    fn symbol(&self, c: &'static str) -> Result<Symbol> {
        Symbol::parse(&self.text(c)?).map_err(|e| corrupt(c, e))
    }
}

macro_rules! common_get {
    () => {
        fn text_opt(&self, c: &'static str) -> Result<Option<String>> {
            Ok(self.try_get(c)?)
        }
        fn int(&self, c: &'static str) -> Result<i64> {
            Ok(self.try_get(c)?)
        }
        fn int_opt(&self, c: &'static str) -> Result<Option<i64>> {
            Ok(self.try_get(c)?)
        }
        fn flag(&self, c: &'static str) -> Result<bool> {
            Ok(self.try_get(c)?)
        }
        fn time(&self, c: &'static str) -> Result<DateTime<Utc>> {
            Ok(self.try_get(c)?)
        }
        fn time_opt(&self, c: &'static str) -> Result<Option<DateTime<Utc>>> {
            Ok(self.try_get(c)?)
        }
        fn date_opt(&self, c: &'static str) -> Result<Option<NaiveDate>> {
            Ok(self.try_get(c)?)
        }
    };
}

impl Get for SqliteRow {
    fn dec_opt(&self, c: &'static str) -> Result<Option<Decimal>> {
        let v: Option<String> = self.try_get(c)?;
        v.map(|s| Decimal::from_str_exact(&s).map_err(|e| corrupt(c, format!("{s:?}: {e}"))))
            .transpose()
    }
    common_get!();
}

impl Get for PgRow {
    fn dec_opt(&self, c: &'static str) -> Result<Option<Decimal>> {
        let v: Option<Decimal> = self.try_get(c)?;
        Ok(v.map(|d| d.normalize()))
    }
    common_get!();
}

pub(crate) fn holding(r: &impl Get) -> Result<Holding> {
    Ok(Holding {
        id: HoldingId(r.int("id")?),
        symbol: r.symbol("symbol")?,
        amount: r.dec("amount")?,
        price_buy: r.dec("price_buy")?,
        purchase_date: r.date_opt("purchase_date")?,
        base_currency: Currency::from_str(&r.text("base_currency")?)
            .map_err(|e| corrupt("base_currency", e))?,
        purchase_price_eur: r.dec_opt("purchase_price_eur")?,
        purchase_price_czk: r.dec_opt("purchase_price_czk")?,
        source: r.text_opt("source")?,
        commission: r.dec("commission")?,
        fx_rate_eur: r.dec_opt("fx_rate_eur")?,
        fx_rate_czk: r.dec_opt("fx_rate_czk")?,
        import_key: r.text_opt("import_key")?,
        created_at: r.time("created_at")?,
        updated_at: r.time("updated_at")?,
    })
}

pub(crate) fn sale(r: &impl Get) -> Result<Sale> {
    Ok(Sale {
        id: SaleId(r.int("id")?),
        symbol: r.symbol("symbol")?,
        amount: r.dec("amount")?,
        price: r.dec("price")?,
        currency: Currency::from_str(&r.text("currency")?).map_err(|e| corrupt("currency", e))?,
        sell_date: r
            .date_opt("sell_date")?
            .ok_or_else(|| corrupt("sell_date", "is NULL"))?,
        commission: r.dec("commission")?,
        source: r.text_opt("source")?,
        fx_rate_eur: r.dec_opt("fx_rate_eur")?,
        fx_rate_czk: r.dec_opt("fx_rate_czk")?,
        import_key: r.text_opt("import_key")?,
        created_at: r.time("created_at")?,
    })
}

pub(crate) fn alert(r: &impl Get) -> Result<Alert> {
    Ok(Alert {
        id: AlertId(r.int("id")?),
        symbol: r.symbol("symbol")?,
        alert_type: AlertKind::parse(&r.text("alert_type")?)
            .map_err(|e| corrupt("alert_type", e))?,
        threshold_price: r.dec("threshold_price")?,
        message: r.text_opt("message")?,
        is_active: r.flag("is_active")?,
        created_at: r.time("created_at")?,
        updated_at: r.time("updated_at")?,
        upper_price: r.dec_opt("upper_price")?,
        within_secs: r.int_opt("within_secs")?,
        repeat: match r.text("repeat")?.as_str() {
            "every" => Repeat::Every,
            "once" => Repeat::Once,
            other => return Err(corrupt("repeat", format!("{other:?}"))),
        },
        rearm_band: r.dec("rearm_band")?,
        cooldown_secs: r.int_opt("cooldown_secs")?,
        expires_at: r.time_opt("expires_at")?,
        last_fired_at: r
            .int_opt("last_fired_ms")?
            .and_then(DateTime::<Utc>::from_timestamp_millis),
        snoozed_until: r.time_opt("snoozed_until")?,
    })
}

pub(crate) fn event(r: &impl Get) -> Result<AlertEvent> {
    Ok(AlertEvent {
        id: r.int("id")?,
        alert_id: AlertId(r.int_opt("alert_id")?.unwrap_or(0)),
        symbol: r.symbol("symbol")?,
        triggered_price: r.dec("triggered_price")?,
        threshold_price: r.dec("threshold_price")?,
        alert_type: AlertKind::parse(&r.text("alert_type")?)
            .map_err(|e| corrupt("alert_type", e))?,
        message: r.text_opt("message")?,
        triggered_at: r.time("triggered_at")?,
        rule: r.text_opt("rule_text")?,
    })
}

/// A candle row: prices and open time through the engine-specific
/// [`Price`] and [`OpenTime`] columns.
pub(crate) fn candle<R>(r: &R) -> Result<CandleRow>
where
    R: Row + Get,
    for<'a> Price: Decode<'a, R::Database> + Type<R::Database>,
    for<'a> OpenTime: Decode<'a, R::Database> + Type<R::Database>,
    for<'a> &'a str: ColumnIndex<R>,
{
    let price = |c: &'static str| -> Result<Decimal> { Ok(r.try_get::<Price, _>(c)?.0) };
    Ok(CandleRow {
        open_time: r.try_get::<OpenTime, _>("open_time")?.0,
        open: price("open")?,
        high: price("high")?,
        low: price("low")?,
        close: price("close")?,
        volume: r.dec("volume")?,
    })
}

/// A [`SeriesSpan`] row (`symbol, interval, first, last, n`).
pub(crate) fn series_span<R>(r: &R) -> Result<SeriesSpan>
where
    R: Row + Get,
    for<'a> OpenTime: Decode<'a, R::Database> + Type<R::Database>,
    for<'a> &'a str: ColumnIndex<R>,
{
    Ok(SeriesSpan {
        symbol: r.text("symbol")?,
        interval: r.text("interval")?,
        first: r.try_get::<OpenTime, _>("first")?.0,
        last: r.try_get::<OpenTime, _>("last")?.0,
        count: r.int("n")?,
    })
}
