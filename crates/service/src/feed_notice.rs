//! The feed's own notifications: one "feed stale" when no prices have
//! arrived for three poll intervals (alerts are not evaluated on old
//! prices, so a user must know they are blind), and one "feed back" when
//! prices arrive again.

use std::time::{Duration, Instant};

/// A notification about the feed itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedNotice {
    /// No prices for too long.
    Stale,
    /// Prices again after a [`FeedNotice::Stale`].
    Back,
}

impl FeedNotice {
    /// Title and body of the notification; `quiet` is how long no prices
    /// came, `error` the last failure.
    pub fn text(self, quiet: Duration, error: Option<&str>) -> (String, String) {
        match self {
            FeedNotice::Stale => (
                "Price feed stale".to_owned(),
                format!(
                    "No prices for {} s{}: alerts are not evaluated until prices arrive again.",
                    quiet.as_secs(),
                    error.map(|e| format!(" ({e})")).unwrap_or_default()
                ),
            ),
            FeedNotice::Back => (
                "Price feed back".to_owned(),
                "Prices arrive again; alerts are evaluated.".to_owned(),
            ),
        }
    }
}

/// Watches poll outcomes for the two notices.
#[derive(Debug)]
pub struct FeedWatch {
    /// The last poll with prices (or the start).
    since: Instant,
    /// A stale notice went out and no prices came since.
    stale: bool,
}

impl FeedWatch {
    /// Starts watching at `now`.
    pub fn new(now: Instant) -> Self {
        Self {
            since: now,
            stale: false,
        }
    }

    /// After a poll at `now` that brought prices (`ok`) or not: the notice
    /// due, if any. Stale is `limit` (three poll intervals) without prices.
    pub fn on_poll(&mut self, ok: bool, now: Instant, limit: Duration) -> Option<FeedNotice> {
        if ok {
            self.since = now;
            return std::mem::take(&mut self.stale).then_some(FeedNotice::Back);
        }
        if !self.stale && now.duration_since(self.since) >= limit {
            self.stale = true;
            return Some(FeedNotice::Stale);
        }
        None
    }

    /// How long no prices have come.
    pub fn quiet(&self, now: Instant) -> Duration {
        now.duration_since(self.since)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_stale_after_three_intervals_and_one_back() {
        let t0 = Instant::now();
        let s = |secs| t0 + Duration::from_secs(secs);
        let limit = Duration::from_secs(30);
        let mut w = FeedWatch::new(t0);
        assert_eq!(w.on_poll(true, s(10), limit), None);
        assert_eq!(w.on_poll(false, s(20), limit), None);
        assert_eq!(w.on_poll(false, s(39), limit), None);
        assert_eq!(w.on_poll(false, s(40), limit), Some(FeedNotice::Stale));
        assert_eq!(w.quiet(s(40)), Duration::from_secs(30));
        assert_eq!(w.on_poll(false, s(50), limit), None, "once");
        assert_eq!(w.on_poll(true, s(60), limit), Some(FeedNotice::Back));
        assert_eq!(w.on_poll(true, s(70), limit), None);
        // A feed that never worked is stale too.
        let mut w = FeedWatch::new(t0);
        assert_eq!(w.on_poll(false, s(30), limit), Some(FeedNotice::Stale));
        let (title, body) = FeedNotice::Stale.text(Duration::from_secs(30), Some("HTTP 503"));
        assert_eq!(title, "Price feed stale");
        assert!(body.starts_with("No prices for 30 s (HTTP 503)"), "{body}");
    }
}
