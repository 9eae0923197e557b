//! Price history: backfilling candles from the exchange page by page, and
//! what is stored (span, count, gaps).

use crate::{App, ServiceError};
use chrono::{DateTime, Timelike, Utc};
use cryptodesk_core::{Symbol, ValidationError};
use cryptodesk_market::klines::{KLINES_WEIGHT, PAGE_LIMIT};
pub use cryptodesk_market::Interval;
use cryptodesk_market::{Kline, MarketError};
use cryptodesk_store::{roll_up, CandleRow};
use serde::Serialize;
use std::time::{Duration, Instant};
use ts_rs::TS;

/// 429 answers waited out per asset before the run stops.
const MAX_429: u32 = 10;
/// Longest `Retry-After` honoured; a longer one is waited this long.
const MAX_WAIT: Duration = Duration::from_secs(300);

/// What to backfill.
#[derive(Debug, Clone)]
pub struct BackfillRequest {
    /// Assets, each priced by its USDT pair.
    pub symbols: Vec<Symbol>,
    /// Candle interval.
    pub interval: Interval,
    /// First open time wanted, epoch ms UTC.
    pub from_ms: i64,
    /// End (exclusive), epoch ms UTC; `None` means now.
    pub to_ms: Option<i64>,
}

/// Progress after each stored page.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackfillProgress {
    /// The asset.
    pub symbol: String,
    /// The interval.
    pub interval: String,
    /// Pages fetched for this asset.
    pub page: u32,
    /// Candles stored for this asset so far.
    pub stored: u64,
    /// About how many candles this asset's range holds.
    pub expected: u64,
    /// Open time of the last candle of the page (RFC 3339), if any.
    pub last_open_time: Option<DateTime<Utc>>,
}

/// One asset's part of a backfill.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SymbolBackfill {
    /// The asset.
    pub symbol: String,
    /// Candles stored.
    pub stored: u64,
    /// Requests sent.
    pub requests: u32,
    /// Where this run started (after what was already stored).
    pub started_at: DateTime<Utc>,
}

/// What a backfill did.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackfillSummary {
    /// The interval.
    pub interval: String,
    /// Candles stored, all assets.
    pub stored: u64,
    /// Requests sent, all assets.
    pub requests: u32,
    /// Wall time in seconds.
    pub seconds: f64,
    /// Per asset.
    pub symbols: Vec<SymbolBackfill>,
    /// Things the user should know (retention cut the range, ...).
    pub notes: Vec<String>,
    /// Why the run stopped early; what was stored stays, and a re-run
    /// resumes after it.
    pub stopped: Option<String>,
}

/// How long to wait before a request of `cost` so that the weight used in
/// this minute stays within `budget`: until the next minute starts, when
/// the exchange resets its count.
pub fn budget_wait(
    used: Option<u64>,
    budget: u64,
    cost: u64,
    now: DateTime<Utc>,
) -> Option<Duration> {
    let used = used?;
    if used.saturating_add(cost) <= budget {
        return None;
    }
    let into_minute = Duration::from_secs(u64::from(now.second()))
        + Duration::from_nanos(u64::from(now.nanosecond().min(999_999_999)));
    Some(Duration::from_secs(61).saturating_sub(into_minute))
}

fn row(k: &Kline) -> CandleRow {
    CandleRow {
        open_time: k.open_time,
        open: k.open,
        high: k.high,
        low: k.low,
        close: k.close,
        volume: k.volume,
    }
}

fn when(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

impl App {
    /// Fetches closed candles of every asset in `req` from the exchange,
    /// 1000 per request, and stores each page as it arrives (one
    /// transaction per page). A re-run resumes after the last stored candle
    /// of the range; 429 waits out `Retry-After`; 418 and other failures stop
    /// the run with [`BackfillSummary::stopped`] set, keeping what is stored.
    /// The request weight stays within `CRYPTODESK_MAX_WEIGHT` per minute.
    pub async fn backfill(
        &self,
        req: &BackfillRequest,
        mut on_page: impl FnMut(&BackfillProgress),
    ) -> Result<BackfillSummary, ServiceError> {
        let started = Instant::now();
        let now = Utc::now().timestamp_millis();
        let iv = req.interval;
        let to = req.to_ms.unwrap_or(now).min(now);
        let mut from = iv.align_up(req.from_ms);
        let mut notes = Vec::new();
        if iv == Interval::M1 {
            let days = self.config().candle_retention_1m_days;
            let keep = iv.align_up(now - i64::from(days) * 86_400_000);
            if from < keep {
                notes.push(format!(
                    "1m candles are kept {days} days (CANDLE_RETENTION_1M): storing from {} instead of {}",
                    when(keep).to_rfc3339(),
                    when(from).to_rfc3339()
                ));
                from = keep;
            }
        }
        if from >= to {
            return Err(ValidationError::new(
                "from",
                format!(
                    "must be before the end of the range ({}; got {})",
                    when(to).to_rfc3339(),
                    when(from).to_rfc3339()
                ),
            )
            .into());
        }
        let mut summary = BackfillSummary {
            interval: iv.to_string(),
            stored: 0,
            requests: 0,
            seconds: 0.0,
            symbols: Vec::new(),
            notes,
            stopped: None,
        };
        for symbol in &req.symbols {
            let pair = symbol.usd_pair();
            let part = self
                .backfill_pair(symbol, &pair, iv, from, to, &mut on_page)
                .await?;
            if iv == Interval::M1 && part.0.stored > 0 {
                self.store_db(|s| s.refresh_aggregates(&pair, from, to))
                    .await?;
                self.history_changed().await;
            }
            summary.stored += part.0.stored;
            summary.requests += part.0.requests;
            summary.symbols.push(part.0);
            if let Some(why) = part.1 {
                summary.stopped = Some(format!("{symbol}: {why}"));
                break;
            }
        }
        summary.seconds = started.elapsed().as_secs_f64();
        tracing::info!(
            stored = summary.stored,
            requests = summary.requests,
            "backfill done"
        );
        Ok(summary)
    }

    /// One asset: returns what it did and, if it stopped early, why.
    async fn backfill_pair(
        &self,
        symbol: &Symbol,
        pair: &str,
        iv: Interval,
        from: i64,
        to: i64,
        on_page: &mut impl FnMut(&BackfillProgress),
    ) -> Result<(SymbolBackfill, Option<String>), ServiceError> {
        // Resume after the unbroken run of stored candles that begins at the
        // start of the range (an earlier, interrupted run); a hole after it
        // (other candles stored later in the range) is fetched, not skipped.
        let step = iv.fixed_ms().unwrap_or(2_592_000_000);
        let mut start = from;
        if let Some(span) = self
            .store_db(|s| s.candle_span(pair, iv.as_str(), from, to))
            .await?
        {
            if span.first <= from {
                let hole_after = iv.fixed_ms().unwrap_or(31 * 86_400_000);
                let first_gap = self
                    .store_db(|s| s.candle_gaps(pair, iv.as_str(), hole_after, (from, to), 1))
                    .await?;
                start = iv.next_open(first_gap.first().map_or(span.last, |g| g.0));
            }
        }
        let expected = u64::try_from((to - start).max(0) / step).unwrap_or(0);
        let mut done = SymbolBackfill {
            symbol: symbol.to_string(),
            stored: 0,
            requests: 0,
            started_at: when(start),
        };
        let mut page = 0;
        let mut rate_limited = 0;
        while start < to {
            if let Some(wait) = budget_wait(
                self.market().used_weight(),
                self.config().max_request_weight,
                KLINES_WEIGHT,
                Utc::now(),
            ) {
                tracing::info!(
                    wait_s = wait.as_secs(),
                    "waiting for the request-weight budget"
                );
                tokio::time::sleep(wait).await;
            }
            done.requests += 1;
            let klines = match self.market().klines(pair, iv, start, to - 1).await {
                Ok(k) => k,
                Err(MarketError::RateLimited { retry_after }) if rate_limited < MAX_429 => {
                    rate_limited += 1;
                    let wait = retry_after.min(MAX_WAIT);
                    tracing::warn!(wait_s = wait.as_secs(), "rate limited; waiting");
                    tokio::time::sleep(wait).await;
                    continue;
                }
                Err(MarketError::UnknownSymbols(_)) => {
                    return Err(ServiceError::UnknownSymbol {
                        symbol: symbol.to_string(),
                        reason: format!("{pair} is not listed on the exchange"),
                    })
                }
                Err(e) => return Ok((done, Some(e.to_string()))),
            };
            page += 1;
            // Only closed candles: the last one of a page may still be open.
            let now = Utc::now().timestamp_millis();
            let closed: Vec<CandleRow> = klines
                .iter()
                .filter(|k| k.close_time < now && k.open_time < to)
                .map(row)
                .collect();
            if !closed.is_empty() {
                self.store_db(|s| s.upsert_candles(pair, iv.as_str(), &closed))
                    .await?;
            }
            done.stored += closed.len() as u64;
            let last = klines.last().map(|k| k.open_time);
            on_page(&BackfillProgress {
                symbol: symbol.to_string(),
                interval: iv.to_string(),
                page,
                stored: done.stored,
                expected,
                last_open_time: last.map(when),
            });
            match last {
                // A page that does not move forward ends the run.
                Some(t)
                    if klines.len() == PAGE_LIMIT
                        && closed.len() == klines.len()
                        && iv.next_open(t) > start =>
                {
                    start = iv.next_open(t);
                }
                _ => break,
            }
        }
        Ok((done, None))
    }
}

/// A run of missing candles: `from` (the first missing open time) up to
/// `to` (the next stored one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// First missing open time.
    pub from: DateTime<Utc>,
    /// Next stored open time.
    pub to: DateTime<Utc>,
}

/// One stored series: first and last open time, count and holes.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesStatus {
    /// The asset (`BTC`; the pair when it is not a USDT pair).
    pub symbol: String,
    /// The interval.
    pub interval: String,
    /// First open time.
    pub first: DateTime<Utc>,
    /// Last open time.
    pub last: DateTime<Utc>,
    /// Candles stored.
    pub count: i64,
    /// Holes between first and last (at most 100 listed).
    pub gaps: Vec<Gap>,
}

/// Most gaps listed per series.
const GAPS_LISTED: i64 = 100;

impl App {
    /// Every stored candle series with its span, count and gaps.
    pub async fn history_status(&self) -> Result<Vec<SeriesStatus>, ServiceError> {
        let series = self.store_db(|s| s.candle_series()).await?;
        let mut out = Vec::with_capacity(series.len());
        for span in series {
            let iv: Option<Interval> = span.interval.parse().ok();
            // Months vary in length: a gap is more than 31 days there.
            let step = iv.map_or(60_000, |i| i.fixed_ms().unwrap_or(31 * 86_400_000));
            let holes = self
                .store_db(|s| {
                    s.candle_gaps(
                        &span.symbol,
                        &span.interval,
                        step,
                        (i64::MIN, i64::MAX),
                        GAPS_LISTED,
                    )
                })
                .await?;
            let gaps = holes
                .into_iter()
                .map(|(before, after)| Gap {
                    from: when(iv.map_or(before + step, |i| i.next_open(before))),
                    to: when(after),
                })
                .collect();
            out.push(SeriesStatus {
                symbol: span
                    .symbol
                    .strip_suffix("USDT")
                    .unwrap_or(&span.symbol)
                    .to_owned(),
                interval: span.interval,
                first: when(span.first),
                last: when(span.last),
                count: span.count,
                gaps,
            });
        }
        Ok(out)
    }

    /// Bulk-loads a candle CSV (`time,open,high,low,close,volume`) as
    /// `asset`/`interval` candles in one transaction; a bad row is refused
    /// with its line and column and nothing is stored. Returns the count.
    pub async fn import_candles(
        &self,
        asset: &Symbol,
        interval: Interval,
        csv: &[u8],
    ) -> Result<u64, ServiceError> {
        let rows: Vec<CandleRow> = cryptodesk_core::candles::parse_csv_decimal(csv)?
            .into_iter()
            .map(|c| CandleRow {
                open_time: c.time,
                open: c.open,
                high: c.high,
                low: c.low,
                close: c.close,
                volume: c.volume,
            })
            .collect();
        if rows.is_empty() {
            return Err(ValidationError::new("candles", "the file holds no candles").into());
        }
        let pair = asset.usd_pair();
        let n = self
            .store_db(|s| s.import_candles(&pair, interval.as_str(), &rows))
            .await?;
        if interval == Interval::M1 {
            let (first, last) = (rows[0].open_time, rows[rows.len() - 1].open_time);
            self.store_db(|s| s.refresh_aggregates(&pair, first, last))
                .await?;
            self.history_changed().await;
        }
        Ok(n)
    }

    /// Stored candles of `asset`/`interval` with `from <= open < to`, with
    /// decimal prices (for export). An interval that is not stored but can
    /// be derived is served from the finer candles: 1h and 1d from 1m by the
    /// tier's aggregate, 1d from stored 1h rolled up here; the second
    /// element names the source interval then. Stored 1h or 1d candles are
    /// followed by the aggregate's newer buckets (what the polls added
    /// since).
    pub async fn stored_candles(
        &self,
        asset: &Symbol,
        interval: Interval,
        from: i64,
        to: i64,
    ) -> Result<(Vec<CandleRow>, Option<Interval>), ServiceError> {
        let pair = asset.usd_pair();
        let rows = self
            .store_db(|s| s.candles(&pair, interval.as_str(), from, to))
            .await?;
        let Some(step) = interval.fixed_ms() else {
            return Ok((rows, None));
        };
        if let Some(last) = rows.last() {
            // Stored candles end where a backfill stopped; the polls go on
            // in minutes, so newer buckets come from the tier's aggregate.
            let after = last.open_time + step;
            let mut rows = rows;
            if sources(interval).contains(&Interval::M1) && after < to {
                let newer = self
                    .store_db(|s| s.derived_candles(&pair, interval.as_str(), after, to))
                    .await?;
                rows.extend(newer);
            }
            return Ok((rows, None));
        }
        for source in sources(interval) {
            // From 1m: the tier's aggregate (TimescaleDB's continuous
            // aggregate, plain PostgreSQL's view, SQLite's rollup table).
            let derived = if *source == Interval::M1 {
                self.store_db(|s| s.derived_candles(&pair, interval.as_str(), from, to))
                    .await?
            } else {
                let fine = self
                    .store_db(|s| s.candles(&pair, source.as_str(), from, to))
                    .await?;
                roll_up(&fine, step)?
            };
            if !derived.is_empty() {
                return Ok((derived, Some(*source)));
            }
        }
        Ok((rows, None))
    }
}

/// The finer stored intervals `interval` can be derived from, preferred
/// first: 1h from 1m, 1d from 1h or 1m.
pub fn sources(interval: Interval) -> &'static [Interval] {
    match interval {
        Interval::H1 => &[Interval::M1],
        Interval::D1 => &[Interval::H1, Interval::M1],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_budget_waits_for_the_next_minute_only_when_it_would_be_exceeded() {
        let t = Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 45).unwrap();
        assert_eq!(budget_wait(None, 6000, 2, t), None);
        assert_eq!(budget_wait(Some(5998), 6000, 2, t), None);
        assert_eq!(
            budget_wait(Some(5999), 6000, 2, t),
            Some(Duration::from_secs(16))
        );
        assert_eq!(
            budget_wait(Some(100), 100, 2, t),
            Some(Duration::from_secs(16))
        );
    }
}
