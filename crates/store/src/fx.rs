//! Exchange rates kept in `currency_rates`: one row per currency and the
//! date it is valid for, `latest` (the current-rate service) or `history`
//! (rates for a past date). A history rate that is not provisional never
//! changes; a provisional one is replaced when the real one arrives.

use crate::rows::Get;
use crate::{expand_dec, now, text, Result, Store, StoreError};
use chrono::NaiveDate;
use cryptodesk_core::fx::{DatedRates, FxRates};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use tracing::instrument;

/// Which service a stored rate came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateKind {
    /// `CURRENCY_API_URL`: today's rates.
    Latest,
    /// `CURRENCY_HISTORY_URL`: the rates of a given date.
    History,
}

impl RateKind {
    fn as_str(self) -> &'static str {
        match self {
            RateKind::Latest => "latest",
            RateKind::History => "history",
        }
    }
}

/// One stored rate.
struct RateRow {
    valid_on: NaiveDate,
    published_on: Option<NaiveDate>,
    target: String,
    rate: Decimal,
    provisional: bool,
}

#[derive(Default)]
struct Parts {
    eur: Option<Decimal>,
    czk: Option<Decimal>,
    published: Option<NaiveDate>,
    provisional: bool,
}

/// Folds rows into rates per date; a date missing one of the two
/// currencies is left out.
fn by_date(rows: Vec<RateRow>) -> BTreeMap<NaiveDate, DatedRates> {
    let mut parts: BTreeMap<NaiveDate, Parts> = BTreeMap::new();
    for r in rows {
        let e = parts.entry(r.valid_on).or_default();
        match r.target.as_str() {
            "EUR" => e.eur = Some(r.rate),
            "CZK" => e.czk = Some(r.rate),
            _ => continue,
        }
        e.published = e.published.or(r.published_on);
        e.provisional |= r.provisional;
    }
    parts
        .into_iter()
        .filter_map(|(date, p)| {
            Some((
                date,
                DatedRates {
                    date,
                    published: p.published.unwrap_or(date),
                    rates: FxRates {
                        eur: p.eur?,
                        czk: p.czk?,
                    },
                    provisional: p.provisional,
                },
            ))
        })
        .collect()
}

fn rate_row(r: &impl Get) -> Result<RateRow> {
    Ok(RateRow {
        valid_on: r.date_opt("valid_on")?.ok_or_else(|| StoreError::Corrupt {
            column: "valid_on",
            message: "is NULL".into(),
        })?,
        published_on: r.date_opt("published_on")?,
        target: r.text("target_currency")?,
        rate: r.dec("rate")?,
        provisional: r.flag("provisional")?,
    })
}

const RATE_COLUMNS: &str =
    "SELECT valid_on, published_on, target_currency, rate, provisional FROM currency_rates";

impl Store {
    /// Stores the rates of `date`. An existing row is replaced only when it
    /// is provisional or a `latest` one.
    #[instrument(skip(self), err)]
    pub async fn put_rates(&self, kind: RateKind, rates: &DatedRates, source: &str) -> Result<()> {
        let now = now();
        on_pool!(self, |pool, sql| {
            let mut tx = pool.begin().await?;
            for (target, rate) in [("EUR", rates.rates.eur), ("CZK", rates.rates.czk)] {
                sqlx::query(&sql(
                    "INSERT INTO currency_rates (base_currency, target_currency, rate, source, \
                     updated_at, kind, valid_on, provisional, published_on) \
                     VALUES ('USD', $1, DEC($2), $3, $4, $5, $6, $7, $8) \
                     ON CONFLICT (base_currency, target_currency, kind, valid_on) DO UPDATE SET \
                     rate = excluded.rate, source = excluded.source, \
                     updated_at = excluded.updated_at, provisional = excluded.provisional, \
                     published_on = excluded.published_on \
                     WHERE currency_rates.provisional OR currency_rates.kind = 'latest'",
                ))
                .bind(target)
                .bind(text(rate))
                .bind(source)
                .bind(now)
                .bind(kind.as_str())
                .bind(rates.date)
                .bind(rates.provisional)
                .bind(rates.published)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// The stored history rates of each of `dates` that has them.
    pub async fn history_rates(
        &self,
        dates: &[NaiveDate],
    ) -> Result<BTreeMap<NaiveDate, DatedRates>> {
        let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) else {
            return Ok(BTreeMap::new());
        };
        let rows = on_pool!(self, |pool, _sql| {
            sqlx::query(&format!(
                "{RATE_COLUMNS} WHERE kind = 'history' AND base_currency = 'USD' \
                 AND valid_on BETWEEN $1 AND $2"
            ))
            .bind(first)
            .bind(last)
            .fetch_all(pool)
            .await?
            .iter()
            .map(rate_row)
            .collect::<Result<Vec<_>>>()?
        });
        let mut all = by_date(rows);
        all.retain(|d, _| dates.contains(d));
        Ok(all)
    }

    /// The newest rates of either kind valid on or before `date` that are
    /// not provisional, for a date the rate service cannot answer.
    pub async fn rates_before(&self, date: NaiveDate) -> Result<Option<DatedRates>> {
        let rows = on_pool!(self, |pool, _sql| {
            sqlx::query(&format!(
                "{RATE_COLUMNS} WHERE base_currency = 'USD' AND NOT provisional AND valid_on = \
                 (SELECT max(valid_on) FROM currency_rates WHERE base_currency = 'USD' \
                 AND NOT provisional AND valid_on <= $1)"
            ))
            .bind(date)
            .fetch_all(pool)
            .await?
            .iter()
            .map(rate_row)
            .collect::<Result<Vec<_>>>()?
        });
        Ok(by_date(rows).into_values().next_back())
    }

    /// The newest stored `latest` rates.
    pub async fn latest_rates(&self) -> Result<Option<DatedRates>> {
        let rows = on_pool!(self, |pool, _sql| {
            sqlx::query(&format!(
                "{RATE_COLUMNS} WHERE base_currency = 'USD' AND kind = 'latest' AND valid_on = \
                 (SELECT max(valid_on) FROM currency_rates WHERE base_currency = 'USD' \
                 AND kind = 'latest')"
            ))
            .fetch_all(pool)
            .await?
            .iter()
            .map(rate_row)
            .collect::<Result<Vec<_>>>()?
        });
        Ok(by_date(rows).into_values().next_back())
    }
}
