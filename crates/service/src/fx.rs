//! FX rates for the portfolio: latest rates for values "now", and the
//! rates of each transaction's date for its cost.
//!
//! Every rate used is kept in `currency_rates`, so a date is fetched once
//! and the app works offline on what it knows: latest rates then come back
//! `stale`, and a date never fetched takes the nearest earlier stored rate
//! as a provisional one, replaced the first time the history service
//! answers. Latest rates are also cached for `CURRENCY_CACHE_DURATION`.
//! After a failure the services are not asked again for a minute, so an
//! outage never slows every valuation down.

use crate::{App, ServiceError};
use chrono::{NaiveDate, Utc};
use cryptodesk_core::fx::{DatedRates, LatestRates};
use cryptodesk_market::fx::{FxClient, FxError, Quote, DEFAULT_HISTORY_URL, DEFAULT_LATEST_URL};
use cryptodesk_store::RateKind;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const CACHE_KEY: &str = "fx:latest";
/// How long the rate services are left alone after a failure.
const RETRY_AFTER: Duration = Duration::from_secs(60);

/// The rate services' client and when they last failed.
#[derive(Debug)]
pub(crate) struct Rates {
    client: FxClient,
    latest_source: String,
    history_source: String,
    failed_at: Mutex<Option<Instant>>,
}

impl Rates {
    /// A client of the configured (or default) rate services.
    pub(crate) fn new(latest: Option<&str>, history: Option<&str>) -> Result<Self, FxError> {
        let latest = latest.unwrap_or(DEFAULT_LATEST_URL);
        let history = history.unwrap_or(DEFAULT_HISTORY_URL);
        Ok(Rates {
            client: FxClient::new(latest, history, Duration::from_secs(8))?,
            latest_source: latest.to_owned(),
            history_source: history.to_owned(),
            failed_at: Mutex::new(None),
        })
    }

    fn resting(&self) -> bool {
        self.failed_at
            .lock()
            .ok()
            .and_then(|f| *f)
            .is_some_and(|at| at.elapsed() < RETRY_AFTER)
    }

    fn outcome<T>(&self, r: Result<T, FxError>) -> Result<T, FxError> {
        if let Ok(mut f) = self.failed_at.lock() {
            *f = match &r {
                // An answer, even "no rate for that date", is no outage.
                Ok(_) | Err(FxError::Http { status: 404, .. }) => None,
                Err(e) => {
                    tracing::warn!(error = %e, "FX rate service failed");
                    Some(Instant::now())
                }
            };
        }
        r
    }
}

impl App {
    /// The latest `R_EUR` and `R_CZK`: cached, else asked (when `fetch`),
    /// else the last ones known, marked stale. None when no rate was ever
    /// known.
    pub async fn rates_now(&self, fetch: bool) -> Result<Option<LatestRates>, ServiceError> {
        if let Some(hit) = self.cache().get_derived(CACHE_KEY).await {
            if let Ok(r) = serde_json::from_str::<LatestRates>(&hit) {
                return Ok(Some(r));
            }
        }
        let fx = self.rates();
        if fetch && !fx.resting() {
            match fx.outcome(fx.client.latest().await) {
                Ok(Quote { date, rates }) => {
                    let dated = DatedRates {
                        date,
                        published: date,
                        rates,
                        provisional: false,
                    };
                    self.store_db(|s| s.put_rates(RateKind::Latest, &dated, &fx.latest_source))
                        .await?;
                    let now = LatestRates {
                        date,
                        rates,
                        stale: false,
                    };
                    if let Ok(json) = serde_json::to_string(&now) {
                        let ttl = self.config().currency_cache_duration;
                        self.cache().put_derived(CACHE_KEY, &json, ttl).await;
                    }
                    return Ok(Some(now));
                }
                Err(e) => tracing::info!(error = %e, "using the last known FX rates"),
            }
        }
        let today = Utc::now().date_naive();
        let known = match self.store_db(|s| s.latest_rates()).await? {
            Some(r) => Some(r),
            None => self.store_db(|s| s.rates_before(today)).await?,
        };
        // Not asked this time (a valuation after a poll): the stored rates
        // are stale only if the service failed or they are over a day old.
        let failed = fetch || fx.resting();
        Ok(known.map(|r| LatestRates {
            date: r.date,
            rates: r.rates,
            stale: failed || r.date < today - chrono::Days::new(1),
        }))
    }

    /// The rates valid on `date`, asking the history service for a date
    /// not yet known (or known only provisionally). Offline, the nearest
    /// earlier stored rate is kept for `date` as a provisional one.
    pub async fn rates_on(&self, date: NaiveDate) -> Result<DatedRates, ServiceError> {
        let mut found = self.rates_for(&[date], true).await?;
        found.remove(&date).ok_or_else(|| ServiceError::NoRates {
            date,
            reason: if self.rates().resting() {
                "the rate service cannot be reached".into()
            } else {
                "the rate service has none for that date".into()
            },
        })
    }

    /// The rates of each of `dates` that can be had: stored, else asked
    /// (when `fetch`), else provisional from an earlier stored date.
    pub(crate) async fn rates_for(
        &self,
        dates: &[NaiveDate],
        fetch: bool,
    ) -> Result<BTreeMap<NaiveDate, DatedRates>, ServiceError> {
        let mut found = self.store_db(|s| s.history_rates(dates)).await?;
        let mut wanted: Vec<NaiveDate> = dates
            .iter()
            .filter(|d| found.get(d).is_none_or(|r| r.provisional))
            .copied()
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let fx = self.rates();
        for date in wanted {
            let asked = if fetch && !fx.resting() {
                Some(fx.outcome(fx.client.on_date(date).await))
            } else {
                None
            };
            let rates = match asked {
                Some(Ok(q)) => DatedRates {
                    date,
                    published: q.date,
                    rates: q.rates,
                    provisional: false,
                },
                // The service answered that it has nothing for this date.
                Some(Err(FxError::Http { status: 404, .. })) => continue,
                _ => {
                    if found.contains_key(&date) {
                        continue;
                    }
                    let Some(before) = self.store_db(|s| s.rates_before(date)).await? else {
                        continue;
                    };
                    DatedRates {
                        date,
                        published: before.published,
                        rates: before.rates,
                        provisional: true,
                    }
                }
            };
            self.store_db(|s| s.put_rates(RateKind::History, &rates, &fx.history_source))
                .await?;
            found.insert(date, rates);
        }
        Ok(found)
    }
}
