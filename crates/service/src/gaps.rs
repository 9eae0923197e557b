//! Gap repair: after the collector starts and after any failed poll (the
//! exchange, the network or the database away), the holes in each watched
//! asset's stored 1-minute candles, within the 1m retention, are filled
//! with the exchange's own closed candles, so the series has no holes and
//! no duplicates (a candle already stored is replaced, never doubled).

use crate::history::{BackfillRequest, Interval};
use crate::{App, ServiceError};
use chrono::Utc;
use std::sync::atomic::Ordering;

/// Holes repaired per asset in one pass (the oldest first); the rest wait
/// for the next pass.
const HOLES_PER_PASS: i64 = 50;

impl App {
    /// Runs a repair pass when one is due (at start, after a failed poll);
    /// a pass that fails is due again.
    pub(crate) async fn repair_gaps_if_due(&self) {
        if !self.repair_due.swap(false, Ordering::SeqCst) {
            return;
        }
        match self.repair_gaps().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(candles = n, "gaps in the 1m history repaired"),
            Err(e) => {
                tracing::warn!(error = %e, "1m gaps not repaired; the next poll tries again");
                self.repair_due.store(true, Ordering::SeqCst);
            }
        }
    }

    /// A repair pass is due at the next successful poll.
    pub(crate) fn repair_gaps_later(&self) {
        self.repair_due.store(true, Ordering::SeqCst);
    }

    /// Fills the holes in every watched asset's 1m candles from the
    /// exchange's closed candles: returns how many were stored.
    pub async fn repair_gaps(&self) -> Result<u64, ServiceError> {
        let now = Utc::now().timestamp_millis();
        let minute = Interval::M1.fixed_ms().unwrap_or(60_000);
        let current = now - now.rem_euclid(minute);
        let days = i64::from(self.config().candle_retention_1m_days);
        let keep = now - days * 86_400_000;
        let mut stored = 0;
        for symbol in self.store_db(|s| s.watched_symbols()).await? {
            let pair = symbol.usd_pair();
            let holes = self
                .store_db(|s| {
                    s.candle_gaps(
                        &pair,
                        "1m",
                        minute,
                        (keep, current + minute),
                        HOLES_PER_PASS,
                    )
                })
                .await?;
            for (before, after) in holes {
                let request = BackfillRequest {
                    symbols: vec![symbol.clone()],
                    interval: Interval::M1,
                    from_ms: (before + minute).max(keep),
                    to_ms: Some(after.min(current)),
                };
                if request.to_ms.is_some_and(|to| to <= request.from_ms) {
                    continue;
                }
                let summary = self.backfill(&request, |_| {}).await?;
                stored += summary.stored;
                if let Some(why) = summary.stopped {
                    tracing::warn!(%symbol, %why, "gap repair stopped");
                    self.repair_gaps_later();
                    return Ok(stored);
                }
            }
        }
        Ok(stored)
    }
}
