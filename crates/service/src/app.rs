//! The service object and its poll loop.

use crate::config::Config;
use crate::notify::{DesktopNotifier, Notifier};
use crate::ServiceError;
use chrono::{DateTime, Utc};
use cryptodesk_cache::{CachedPrice, PriceCache};
use cryptodesk_core::alerts::AlertEngine;
use cryptodesk_core::candles::Candles;
use cryptodesk_core::portfolio::Valuation;
use cryptodesk_core::{
    Alert, AlertEvent, AlertId, AlertInput, Holding, NewAlert, Symbol, ValidationError,
};
use cryptodesk_market::{BinanceClient, MarketError};
use cryptodesk_store::{Backend, MigrationState, Store, Tier};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::broadcast;
use tokio_util::sync::CancellationToken;
use tracing::instrument;
use ts_rs::TS;

use crate::perf::{Perf, PerfReport};
use std::future::Future;
use std::time::Instant;

/// Something the UI should hear about. Each carries what changed, so the UI
/// applies it to what it shows instead of asking again.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// New prices arrived (one event per poll, not per symbol).
    Prices {
        /// Asset → USD price.
        #[ts(type = "Record<string, string>")]
        prices: HashMap<String, Decimal>,
        /// When they were fetched.
        at: DateTime<Utc>,
    },
    /// The portfolio valued at the newest prices (after a poll or an edit).
    Portfolio(Box<Valuation>),
    /// An alert fired and was recorded.
    AlertFired(AlertEvent),
    /// The feed's health changed.
    Feed(FeedStatus),
    /// An alert was added, edited, switched on or off, or removed.
    AlertsChanged,
    /// Settings were saved and the service restarted on them.
    Settings(crate::settings::Settings),
    /// The UI fell behind and missed events: it should read everything again.
    Resync,
    /// The user asked to see an alert (clicked its notification or its
    /// tray entry): the UI shows it on the Alerts page.
    OpenAlert {
        /// The alert.
        alert_id: AlertId,
    },
    /// An asset was tracked or untracked on the Markets page.
    MarketsChanged,
    /// Candles were stored and the derived views and statistics follow
    /// them (after a poll, a backfill or an import): charts and market
    /// statistics read again.
    HistoryChanged,
    /// A backfill started from the UI finished (or stopped early).
    BackfillDone(crate::history::BackfillSummary),
}

/// The latest price of a watched asset.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TrackedPrice {
    /// Asset ticker.
    pub symbol: Symbol,
    /// USD price, if the cache has a fresh one.
    #[ts(type = "string | null")]
    pub price: Option<Decimal>,
    /// When the exchange reported it.
    pub at: Option<DateTime<Utc>>,
}

/// Health of the price feed, for the status line.
#[derive(Debug, Clone, Default, Serialize, TS)]
pub struct FeedStatus {
    /// Time of the last successful poll.
    pub last_success_at: Option<DateTime<Utc>>,
    /// The last poll's error, if it failed.
    pub last_error: Option<String>,
    /// Whether prices are older than they should be.
    pub stale: bool,
    /// Watched assets the exchange does not list.
    pub unknown_symbols: Vec<String>,
    /// Which cache serves (`in-process`, `redis`, or the fallback notice).
    pub cache: String,
    /// `sqlite` or `postgres`.
    pub database: String,
    /// Alerts are paused (not evaluated) until then.
    pub alerts_paused_until: Option<DateTime<Utc>>,
}

/// What one poll did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PollReport {
    /// Asset → USD price.
    pub prices: HashMap<String, Decimal>,
    /// Alerts fired and recorded by this poll.
    pub fired: Vec<AlertEvent>,
    /// Watched assets the exchange does not list.
    pub unknown_symbols: Vec<String>,
    /// Notifiers that failed, with their errors.
    pub notify_errors: Vec<String>,
    /// Whether the prices were folded into the 1-minute candles.
    pub candles_stored: bool,
}

/// How the poll loop ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PollOutcome {
    /// Cancelled by its owner.
    Cancelled,
    /// The loop's task panicked (a bug); the message says where.
    Crashed(String),
}

/// A running poll loop: [`PollerHandle::stop`] cancels it and waits for it.
pub struct PollerHandle {
    cancel: CancellationToken,
    task: tokio::task::JoinHandle<PollOutcome>,
}

impl PollerHandle {
    /// Cancels the loop, waits for it to finish and logs how it ended.
    pub async fn stop(self) -> PollOutcome {
        self.cancel.cancel();
        let outcome = match self.task.await {
            Ok(outcome) => outcome,
            Err(e) => PollOutcome::Crashed(e.to_string()),
        };
        tracing::info!(?outcome, "poller stopped");
        outcome
    }
}

/// The running service.
pub struct App {
    config: Config,
    store: Store,
    cache: PriceCache,
    market: BinanceClient,
    rates: crate::fx::Rates,
    notifiers: Vec<Box<dyn Notifier>>,
    events: broadcast::Sender<Event>,
    feed: Mutex<FeedStatus>,
    verified: Mutex<HashSet<String>>,
    perf: Perf,
    paused_until: Mutex<Option<DateTime<Utc>>>,
    /// Asset → open of the exchange's rolling 24 h window, and when read.
    day_opens: Mutex<Option<(Instant, HashMap<String, Decimal>)>>,
    /// How price history is stored.
    tier: Tier,
    /// When 1m retention last ran (SQLite and plain PostgreSQL).
    retention_at: Mutex<Option<Instant>>,
    /// When plain PostgreSQL's hour and day views were last refreshed.
    views_at: Mutex<Option<Instant>>,
    /// Ingests so far (see [`App::history_generation`]).
    history_generation: std::sync::atomic::AtomicU64,
    /// Held while a backfill started from the UI runs (one at a time).
    pub(crate) backfilling: tokio::sync::Mutex<()>,
    /// The live alert engine and the rules version it was loaded at.
    pub(crate) rules: tokio::sync::Mutex<Option<(i64, AlertEngine)>>,
    /// A gap repair of the 1m history is due (at start, after a failure).
    pub(crate) repair_due: std::sync::atomic::AtomicBool,
    /// Polls without prices, for the feed's stale and back notices.
    feed_watch: Mutex<crate::feed_notice::FeedWatch>,
    /// Notifications shown in the last minute (at most 10).
    notify_limit: Mutex<crate::notify::RateLimit>,
    /// How many times the alert engine was (re)loaded from the store.
    pub(crate) rule_loads: std::sync::atomic::AtomicU64,
}

/// The exchange is away for now (network, 5xx, rate limit, ban), as
/// opposed to refusing the asset or this location.
fn exchange_away(e: &MarketError) -> bool {
    e.is_transient() || matches!(e, MarketError::Banned { .. })
}

/// A new or edited rule must be able to fire: its expiry is in the future.
fn not_expired(new: &NewAlert) -> Result<(), ValidationError> {
    match new.expires_at() {
        Some(e) if e <= Utc::now() => Err(ValidationError::new(
            "expires",
            format!("must be in the future (got {})", e.to_rfc3339()),
        )),
        _ => Ok(()),
    }
}

/// How often a Redis that was away at start is tried again.
const REDIS_RETRY: Duration = Duration::from_secs(30);

/// Plain PostgreSQL's hour and day views are refreshed at most this often
/// by the collector.
const VIEWS_EVERY: Duration = Duration::from_secs(300);

/// How long the 24 h window opens are reused before they are asked again.
const DAY_OPENS_TTL: Duration = Duration::from_secs(300);

fn pair_to_asset(pair: &str) -> &str {
    pair.strip_suffix("USDT").unwrap_or(pair)
}

impl App {
    /// Connects everything the configuration names and applies migrations.
    /// A Redis that cannot be reached is not fatal: the in-process cache
    /// stands in and the feed status says so.
    pub async fn start(config: Config) -> Result<Arc<Self>, ServiceError> {
        Self::start_with_events(config, broadcast::channel(256).0).await
    }

    /// Like [`App::start`], sending events on `events` (so a restarted
    /// service keeps its listeners).
    #[instrument(skip_all, err)]
    pub async fn start_with_events(
        config: Config,
        events: broadcast::Sender<Event>,
    ) -> Result<Arc<Self>, ServiceError> {
        std::fs::create_dir_all(&config.data_dir).map_err(|source| ServiceError::DataDir {
            path: config.data_dir.display().to_string(),
            source,
        })?;
        let url = config.effective_database_url();
        tracing::info!(database = %url, "opening store");
        let store = Store::connect(url.expose(), config.max_connections).await?;
        store.migrate().await?;
        let tier = store.apply_tier(&config.tier_options()).await?;
        tracing::info!(?tier, "price-history tier");
        let cache = match &config.redis_url {
            None => PriceCache::in_process(config.price_cache_duration),
            Some(url) => {
                let (cache, error) = PriceCache::redis_or_in_process(
                    url.expose(),
                    config.price_cache_duration,
                    REDIS_RETRY,
                )
                .await;
                if let Some(e) = error {
                    tracing::warn!(redis = %url, error = %e, "redis unavailable; using the in-process cache and trying it again every 30 s");
                }
                cache
            }
        };
        let market = BinanceClient::new(&config.binance_api_url, Duration::from_secs(10))?;
        let rates = crate::fx::Rates::new(
            config.currency_api_url.as_deref(),
            config.currency_history_url.as_deref(),
        )?;
        let mut notifiers: Vec<Box<dyn Notifier>> = Vec::new();
        if config.desktop_notifications {
            notifiers.push(Box::new(DesktopNotifier::new(Some(events.clone()))));
        }
        if let (Some(token), Some(chat)) = (&config.telegram_bot_token, &config.telegram_chat_id) {
            match crate::telegram::TelegramNotifier::new(
                &config.telegram_api_url,
                token.clone(),
                chat.clone(),
            ) {
                Ok(t) => notifiers.push(Box::new(t)),
                Err(e) => tracing::warn!(error = %e, "Telegram notifications off"),
            }
        }
        let app = Arc::new(Self {
            config,
            store,
            cache,
            market,
            rates,
            notifiers,
            events,
            feed: Mutex::new(FeedStatus::default()),
            verified: Mutex::new(HashSet::new()),
            perf: Perf::default(),
            paused_until: Mutex::new(None),
            day_opens: Mutex::new(None),
            tier,
            retention_at: Mutex::new(None),
            views_at: Mutex::new(None),
            history_generation: std::sync::atomic::AtomicU64::new(0),
            backfilling: tokio::sync::Mutex::new(()),
            rules: tokio::sync::Mutex::new(None),
            rule_loads: std::sync::atomic::AtomicU64::new(0),
            notify_limit: Mutex::new(crate::notify::RateLimit::default()),
            feed_watch: Mutex::new(crate::feed_notice::FeedWatch::new(Instant::now())),
            repair_due: std::sync::atomic::AtomicBool::new(true),
        });
        app.update_feed(|_| {});
        app.refresh_pause().await;
        Ok(app)
    }

    /// The configuration in use.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The database engine in use.
    pub fn backend(&self) -> Backend {
        self.store.backend()
    }

    /// Subscribes to service events.
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }

    pub(crate) fn emit(&self, e: Event) {
        // No subscriber is fine (the CLI has none).
        let _ = self.events.send(e);
    }

    /// Awaits a store call and counts its latency for the Performance page.
    async fn db<T>(
        &self,
        call: impl Future<Output = Result<T, cryptodesk_store::StoreError>>,
    ) -> Result<T, ServiceError> {
        let start = Instant::now();
        let result = call.await;
        self.perf.db_took(start.elapsed());
        Ok(result?)
    }

    /// How price history is stored (SQLite, TimescaleDB or plain PostgreSQL).
    pub fn tier(&self) -> &Tier {
        &self.tier
    }

    /// The price and derived-value cache.
    pub(crate) fn cache(&self) -> &PriceCache {
        &self.cache
    }

    /// The exchange client.
    pub(crate) fn market(&self) -> &BinanceClient {
        &self.market
    }

    /// One store call, timed like every other.
    pub(crate) async fn store_db<'a, T, Fut>(
        &'a self,
        call: impl FnOnce(&'a Store) -> Fut,
    ) -> Result<T, ServiceError>
    where
        Fut: Future<Output = Result<T, cryptodesk_store::StoreError>>,
    {
        self.db(call(&self.store)).await
    }

    /// Shows a native notification now, so the user sees that (and how)
    /// notifications arrive.
    pub async fn test_notification(&self) -> Result<(), ServiceError> {
        if !self.config.desktop_notifications {
            return Err(ServiceError::Validation(
                cryptodesk_core::ValidationError::new(
                    "notifications",
                    "are off: switch them on and save first",
                ),
            ));
        }
        DesktopNotifier::default()
            .show(
                "Cryptodesk test notification".into(),
                "Price alerts will look like this.".into(),
            )
            .await
            .map_err(|e| ServiceError::Unreachable {
                what: "notifications",
                message: e.message,
            })
    }

    /// Pauses alert evaluation until `until` (alerts stay armed), or
    /// resumes it with `None`: stored, so every process on this database
    /// (the app, `collect`) pauses too.
    pub async fn pause_alerts(&self, until: Option<DateTime<Utc>>) -> Result<(), ServiceError> {
        self.db(self.store.set_alerts_paused(until)).await?;
        tracing::info!(?until, "alerts paused until");
        self.set_paused(until);
        Ok(())
    }

    /// Pauses alert evaluation for `minutes` from now.
    pub async fn pause_alerts_for(&self, minutes: u32) -> Result<(), ServiceError> {
        self.pause_alerts(Some(
            Utc::now() + chrono::Duration::minutes(i64::from(minutes)),
        ))
        .await
    }

    /// Takes the stored pause into the feed status (when it changed).
    fn set_paused(&self, until: Option<DateTime<Utc>>) {
        let changed = match self.paused_until.lock() {
            Ok(mut p) if *p != until => {
                *p = until;
                true
            }
            _ => false,
        };
        if changed {
            self.update_feed(|_| {});
        }
    }

    /// Reads the stored pause (another process may have set it).
    pub(crate) async fn refresh_pause(&self) {
        match self.db(self.store.alerts_paused_until()).await {
            Ok(until) => self.set_paused(until),
            Err(e) => tracing::warn!(error = %e, "the alerts' pause not read"),
        }
    }

    /// Until when alerts are paused, if they are.
    pub fn alerts_paused_until(&self) -> Option<DateTime<Utc>> {
        let until = self.paused_until.lock().ok().and_then(|p| *p)?;
        (until > Utc::now()).then_some(until)
    }

    /// Where time goes: last poll, cache hit rate, database latencies.
    pub fn performance(&self) -> PerfReport {
        self.perf.report(self.cache.stats())
    }

    /// Values the portfolio from the cache alone and tells the UI.
    pub(crate) async fn push_portfolio(&self) {
        match self.portfolio(false).await {
            Ok(v) => self.emit(Event::Portfolio(Box::new(v))),
            Err(e) => tracing::warn!(error = %e, "could not value the portfolio"),
        }
    }

    fn cache_label(&self) -> String {
        self.cache.status().label().to_owned()
    }

    fn update_feed(&self, f: impl FnOnce(&mut FeedStatus)) -> FeedStatus {
        let snapshot = match self.feed.lock() {
            Ok(mut feed) => {
                f(&mut feed);
                feed.cache = self.cache_label();
                feed.alerts_paused_until = self.alerts_paused_until();
                feed.database = match self.store.backend() {
                    Backend::Sqlite => "sqlite".into(),
                    Backend::Postgres => "postgres".into(),
                };
                let limit = chrono::Duration::from_std(self.config.poll_interval * 3)
                    .unwrap_or(chrono::Duration::MAX);
                feed.stale = feed.last_error.is_some()
                    || feed.last_success_at.is_none_or(|t| Utc::now() - t > limit);
                feed.clone()
            }
            Err(_) => FeedStatus::default(),
        };
        self.emit(Event::Feed(snapshot.clone()));
        snapshot
    }

    /// The feed's health now.
    pub fn feed_status(&self) -> FeedStatus {
        self.update_feed(|_| {})
    }

    /// Refuses assets the exchange does not list as trading against USDT.
    pub(crate) async fn verify_symbol(&self, symbol: &Symbol) -> Result<(), ServiceError> {
        let pair = symbol.usd_pair();
        if self
            .verified
            .lock()
            .map(|v| v.contains(&pair))
            .unwrap_or(false)
        {
            return Ok(());
        }
        let verdict = match self.catalogue_verdict(symbol).await {
            Err(ServiceError::Market(e)) if exchange_away(&e) => {
                // No catalogue and no exchange: what the user owns is
                // stored all the same, and checked when the exchange answers.
                tracing::warn!(%symbol, error = %e, "exchange unreachable; stored unverified");
                return self.db(self.store.add_unverified(symbol)).await;
            }
            other => other?,
        };
        match verdict {
            Ok(()) => {
                if let Ok(mut v) = self.verified.lock() {
                    v.insert(pair);
                }
                // Stored unverified earlier: the exchange has spoken now.
                self.db(self.store.remove_unverified(symbol)).await
            }
            Err(MarketError::UnknownSymbols(_)) => Err(ServiceError::UnknownSymbol {
                symbol: symbol.to_string(),
                reason: format!("the exchange does not list {pair}"),
            }),
            Err(MarketError::NotTrading { status, .. }) => Err(ServiceError::UnknownSymbol {
                symbol: symbol.to_string(),
                reason: format!("{pair} is not trading (status {status})"),
            }),
            Err(e) => Err(e.into()),
        }
    }

    /// Stored holdings.
    pub async fn holdings(&self) -> Result<Vec<Holding>, ServiceError> {
        self.db(self.store.list_holdings()).await
    }

    /// Every watched asset with its cached price, by symbol.
    pub async fn tracked_prices(&self) -> Result<Vec<TrackedPrice>, ServiceError> {
        let symbols = self.db(self.store.watched_symbols()).await?;
        let names: Vec<String> = symbols.iter().map(|s| s.to_string()).collect();
        let cached = self.cache.get_many(&names).await;
        Ok(symbols
            .into_iter()
            .map(|symbol| {
                let hit = cached.get(symbol.as_str());
                TrackedPrice {
                    price: hit.map(|c| c.price),
                    at: hit.map(|c| c.at),
                    symbol,
                }
            })
            .collect())
    }

    /// Latest USD prices of `symbols`: cached, plus (when `fetch_missing`)
    /// the missing ones in one request; an unreachable exchange leaves them
    /// out.
    pub(crate) async fn prices_of(
        &self,
        symbols: &[String],
        fetch_missing: bool,
    ) -> HashMap<Symbol, Decimal> {
        let mut prices: HashMap<Symbol, Decimal> = HashMap::new();
        let cached = self.cache.get_many(symbols).await;
        for (s, p) in &cached {
            if let Ok(sym) = Symbol::parse(s) {
                prices.insert(sym, p.price);
            }
        }
        let missing: Vec<String> = symbols
            .iter()
            .filter(|s| !cached.contains_key(*s))
            .cloned()
            .collect();
        if fetch_missing && !missing.is_empty() {
            match self.fetch_prices(&missing).await {
                Ok((fetched, _)) => {
                    for (s, p) in fetched {
                        if let Ok(sym) = Symbol::parse(&s) {
                            prices.insert(sym, p);
                        }
                    }
                }
                Err(e) => tracing::warn!(error = %e, "could not fetch prices for the portfolio"),
            }
        }
        prices
    }

    /// The opens of the exchange's rolling 24 h window known so far.
    pub(crate) fn day_opens(&self) -> HashMap<Symbol, Decimal> {
        self.day_opens
            .lock()
            .map(|d| {
                d.as_ref()
                    .map(|(_, m)| {
                        m.iter()
                            .filter_map(|(s, p)| Symbol::parse(s).ok().map(|s| (s, *p)))
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .unwrap_or_default()
    }

    /// The FX rate services.
    pub(crate) fn rates(&self) -> &crate::fx::Rates {
        &self.rates
    }

    /// Refreshes the 24 h window opens (for the day's change) when they are
    /// older than [`DAY_OPENS_TTL`] or miss a polled asset: one request.
    async fn refresh_day_opens(&self, assets: &[String]) {
        let fresh = self.day_opens.lock().ok().is_some_and(|d| {
            d.as_ref().is_some_and(|(at, m)| {
                at.elapsed() < DAY_OPENS_TTL && assets.iter().all(|a| m.contains_key(a))
            })
        });
        if fresh || assets.is_empty() {
            return;
        }
        let pairs: Vec<String> = assets.iter().map(|a| format!("{a}USDT")).collect();
        match self.market.day_opens(&pairs).await {
            Ok(by_pair) => {
                let opens = by_pair
                    .into_iter()
                    .map(|(p, v)| (pair_to_asset(&p).to_owned(), v))
                    .collect();
                if let Ok(mut d) = self.day_opens.lock() {
                    *d = Some((Instant::now(), opens));
                }
            }
            Err(e) => tracing::warn!(error = %e, "no 24 h opens; the day's change is unknown"),
        }
    }

    /// Validates, checks the asset, and stores an active alert.
    #[instrument(skip(self), err(level = "debug"))]
    pub async fn add_alert(&self, input: AlertInput) -> Result<Alert, ServiceError> {
        self.add_alert_rule(input.validate()?).await
    }

    /// Checks the asset and the expiry (not past) and stores an active
    /// alert of a rule validated by the caller (the CLI's flags).
    #[instrument(skip(self), err(level = "debug"))]
    pub async fn add_alert_rule(&self, new: NewAlert) -> Result<Alert, ServiceError> {
        not_expired(&new)?;
        self.verify_symbol(&new.symbol).await?;
        let a = self.db(self.store.add_alert(&new)).await?;
        self.emit(Event::AlertsChanged);
        Ok(a)
    }

    /// Validates and replaces the rule of alert `id`, arming it again.
    #[instrument(skip(self), err(level = "debug"))]
    pub async fn update_alert(
        &self,
        id: AlertId,
        input: AlertInput,
    ) -> Result<Alert, ServiceError> {
        self.update_alert_rule(id, input.validate()?).await
    }

    /// Replaces the rule of alert `id` with one validated by the caller,
    /// arming it again with a fresh state.
    #[instrument(skip(self), err(level = "debug"))]
    pub async fn update_alert_rule(
        &self,
        id: AlertId,
        new: NewAlert,
    ) -> Result<Alert, ServiceError> {
        not_expired(&new)?;
        self.verify_symbol(&new.symbol).await?;
        let a = self.db(self.store.update_alert(id, &new)).await?;
        self.emit(Event::AlertsChanged);
        Ok(a)
    }

    /// Switches alert `id` on (armed) or off.
    #[instrument(skip(self), err(level = "debug"))]
    pub async fn set_alert_active(&self, id: AlertId, active: bool) -> Result<Alert, ServiceError> {
        let a = self.db(self.store.set_alert_active(id, active)).await?;
        self.emit(Event::AlertsChanged);
        Ok(a)
    }

    /// Snoozes alert `id` until `until` (`None` ends the snooze): until
    /// then it neither fires nor notifies.
    #[instrument(skip(self), err(level = "debug"))]
    pub async fn snooze_alert(
        &self,
        id: AlertId,
        until: Option<DateTime<Utc>>,
    ) -> Result<Alert, ServiceError> {
        let a = self.db(self.store.snooze_alert(id, until)).await?;
        self.emit(Event::AlertsChanged);
        Ok(a)
    }

    /// Deletes an alert (its history stays).
    pub async fn remove_alert(&self, id: AlertId) -> Result<(), ServiceError> {
        self.db(self.store.remove_alert(id)).await?;
        self.emit(Event::AlertsChanged);
        Ok(())
    }

    /// Alerts, newest first.
    pub async fn alerts(&self, active_only: bool) -> Result<Vec<Alert>, ServiceError> {
        self.db(self.store.list_alerts(active_only)).await
    }

    /// Fired alerts, newest first.
    pub async fn alert_history(&self, limit: i64) -> Result<Vec<AlertEvent>, ServiceError> {
        self.db(self.store.alert_history(limit)).await
    }

    /// Stored candles of `asset` (priced in USDT) and `interval` with
    /// `from <= open time < to` (epoch ms), as the engines' `f64` columns.
    pub async fn candles(
        &self,
        asset: &Symbol,
        interval: &str,
        from: i64,
        to: i64,
    ) -> Result<Candles, ServiceError> {
        let rows = self
            .db(self.store.candles(&asset.usd_pair(), interval, from, to))
            .await?;
        // Through the decimal text, so a stored price becomes the same f64 a
        // CSV with the same digits would give.
        let f = |d: Decimal| d.to_string().parse::<f64>().unwrap_or(f64::NAN);
        let mut c = Candles::default();
        for r in rows {
            c.time.push(r.open_time);
            c.open.push(f(r.open));
            c.high.push(f(r.high));
            c.low.push(f(r.low));
            c.close.push(f(r.close));
            c.volume.push(f(r.volume));
        }
        Ok(c)
    }

    /// Applies pending migrations.
    pub async fn migrate(&self) -> Result<(), ServiceError> {
        Ok(self.store.migrate().await?)
    }

    /// Migrations and whether they are applied.
    pub async fn migration_status(&self) -> Result<Vec<MigrationState>, ServiceError> {
        Ok(self.store.migration_status().await?)
    }

    /// Fetches USD prices of `assets` in one request and caches them.
    async fn fetch_prices(
        &self,
        assets: &[String],
    ) -> Result<(HashMap<String, Decimal>, Vec<String>), ServiceError> {
        let pairs: Vec<String> = assets.iter().map(|a| format!("{a}USDT")).collect();
        let (by_pair, unknown) = self.market.prices(&pairs).await?;
        let now = Utc::now();
        let prices: HashMap<String, Decimal> = by_pair
            .into_iter()
            .map(|(p, v)| (pair_to_asset(&p).to_owned(), v))
            .collect();
        let entries: Vec<(String, CachedPrice)> = prices
            .iter()
            .map(|(s, p)| (s.clone(), CachedPrice { price: *p, at: now }))
            .collect();
        self.cache.put_many(&entries).await;
        let unknown = unknown
            .iter()
            .map(|p| pair_to_asset(p).to_owned())
            .collect();
        Ok((prices, unknown))
    }

    /// One poll: ONE request for every watched asset, prices to the cache,
    /// ticks to the alert engine, fired alerts recorded (once, even with
    /// several collectors) and delivered by every notifier.
    #[instrument(skip(self), err(level = "debug"))]
    pub async fn poll_once(&self) -> Result<PollReport, ServiceError> {
        let start = Instant::now();
        let result = self.poll_inner().await;
        self.perf.poll_took(start.elapsed());
        // After the alerts went out: the views and the cache follow the
        // new candle.
        if result.as_ref().is_ok_and(|r| r.candles_stored) {
            self.history_changed().await;
        }
        self.apply_retention().await;
        match &result {
            Ok(report) => {
                self.update_feed(|f| {
                    f.last_success_at = Some(Utc::now());
                    f.last_error = None;
                    f.unknown_symbols = report.unknown_symbols.clone();
                });
            }
            Err(e) => {
                let msg = e.to_string();
                self.update_feed(|f| f.last_error = Some(msg));
            }
        }
        self.notice_feed(result.as_ref().err()).await;
        // After the alerts went out: the holes an outage (or a closed app)
        // left in the 1m history, from the exchange's own candles.
        match &result {
            Ok(report) if !report.prices.is_empty() => {
                self.verify_pending().await;
                self.repair_gaps_if_due().await;
            }
            Ok(_) => {}
            Err(_) => self.repair_gaps_later(),
        }
        result
    }

    /// Sends the feed's own notice when one is due: "feed stale" after
    /// three poll intervals without prices, "feed back" when they return.
    async fn notice_feed(&self, error: Option<&ServiceError>) {
        let now = Instant::now();
        let Some((notice, quiet)) = self.feed_watch.lock().ok().and_then(|mut w| {
            let quiet = w.quiet(now);
            w.on_poll(error.is_none(), now, self.config.poll_interval * 3)
                .map(|n| (n, quiet))
        }) else {
            return;
        };
        let (title, body) = notice.text(quiet, error.map(|e| e.to_string()).as_deref());
        tracing::warn!(%title, %body, "feed notice");
        for n in &self.notifiers {
            if let Err(e) = n.notify_summary(title.clone(), body.clone()).await {
                tracing::warn!(notifier = n.name(), error = %e, "notification not delivered");
            }
        }
    }

    /// Folds one poll's prices into the stored 1-minute candles (the
    /// history charts and backtests read). A failure is logged, not fatal:
    /// alerts still fire when the history cannot be written.
    async fn record_candles(&self, prices: &HashMap<String, Decimal>, at: DateTime<Utc>) -> bool {
        let pairs: Vec<(String, Decimal)> = prices
            .iter()
            .filter_map(|(s, p)| Some((Symbol::parse(s).ok()?.usd_pair(), *p)))
            .collect();
        let stored = self
            .db(self
                .store
                .record_prices(&pairs, "1m", 60_000, at.timestamp_millis()))
            .await;
        if let Err(e) = &stored {
            tracing::warn!(error = %e, "prices not folded into the 1m candles");
        }
        stored.is_ok()
    }

    /// After 1-minute candles were written: refreshes PostgreSQL's
    /// dashboard view (and, at most every 5 minutes, plain PostgreSQL's
    /// hour and day views) and forgets the cached statistics. Failures are
    /// logged; the next write tries again.
    pub(crate) async fn history_changed(&self) {
        self.history_generation.fetch_add(1, Ordering::SeqCst);
        if let Err(e) = self.db(self.store.refresh_dashboard_stats()).await {
            tracing::warn!(error = %e, "dashboard statistics not refreshed");
        }
        if matches!(self.tier, Tier::Postgresql { .. }) && self.due(&self.views_at, VIEWS_EVERY) {
            if let Err(e) = self.db(self.store.refresh_hour_day_views()).await {
                tracing::warn!(error = %e, "hour and day views not refreshed");
            }
        }
        self.cache.remove_derived(&[crate::stats::CACHE_KEY]).await;
        self.emit(Event::HistoryChanged);
    }

    /// Bumped by every ingest: an answer computed across a bump is not
    /// cached.
    pub(crate) fn history_generation(&self) -> u64 {
        self.history_generation.load(Ordering::SeqCst)
    }

    /// Whether `every` has passed since `at` (then `at` becomes now).
    fn due(&self, at: &Mutex<Option<Instant>>, every: Duration) -> bool {
        let Ok(mut at) = at.lock() else {
            return false;
        };
        if at.is_some_and(|t| t.elapsed() < every) {
            return false;
        }
        *at = Some(Instant::now());
        true
    }

    /// Deletes 1-minute candles older than `CANDLE_RETENTION_1M` days, in
    /// batches, at most once an hour (TimescaleDB's own job does it there).
    async fn apply_retention(&self) {
        if matches!(self.tier, Tier::Timescaledb { .. })
            || !self.due(&self.retention_at, Duration::from_secs(3600))
        {
            return;
        }
        if let Err(e) = self.db(self.store.maintain_indexes()).await {
            tracing::warn!(error = %e, "recent-window index not moved");
        }
        let days = i64::from(self.config.candle_retention_1m_days);
        let before = Utc::now().timestamp_millis() - days * 86_400_000;
        match self
            .db(self.store.delete_minutes_before(before, 10_000))
            .await
        {
            Ok(0) => {}
            Ok(n) => tracing::info!(deleted = n, days, "1m candles past retention deleted"),
            Err(e) => tracing::warn!(error = %e, "1m retention failed"),
        }
    }

    async fn poll_inner(&self) -> Result<PollReport, ServiceError> {
        let symbols: Vec<String> = self
            .db(self.store.watched_symbols())
            .await?
            .iter()
            .map(|s| s.to_string())
            .collect();
        if symbols.is_empty() {
            return Ok(PollReport::default());
        }
        let (prices, unknown_symbols) = self.fetch_prices(&symbols).await?;
        // The day's change is for a UI; a headless collector has no
        // listener and asks for nothing more than the prices.
        if self.events.receiver_count() > 0 {
            let listed: Vec<String> = prices.keys().cloned().collect();
            self.refresh_day_opens(&listed).await;
        }
        let at = Utc::now();
        self.emit(Event::Prices {
            prices: prices.clone(),
            at,
        });
        let candles_stored = self.record_candles(&prices, at).await;

        // The engine stays loaded between polls; a change to the rules by
        // any process (the CLI next to the app) reloads it on the next one.
        self.refresh_pause().await;
        if self.alerts_paused_until().is_some() {
            self.push_portfolio().await;
            return Ok(PollReport {
                prices,
                unknown_symbols,
                candles_stored,
                ..PollReport::default()
            });
        }
        let fired = self.evaluate_alerts(&prices, at).await?;
        self.push_portfolio().await;
        let mut notify_errors = Vec::new();
        let allowed = self
            .notify_limit
            .lock()
            .map(|mut l| l.allow(fired.len(), Instant::now()))
            .unwrap_or(fired.len());
        for (i, event) in fired.iter().enumerate() {
            tracing::info!(alert = %event.alert_id, title = %event.title(), "alert fired");
            if i < allowed {
                for n in &self.notifiers {
                    if let Err(e) = n.notify(event).await {
                        tracing::warn!(notifier = n.name(), error = %e, "notification not delivered");
                        notify_errors.push(e.to_string());
                    }
                }
            }
            self.emit(Event::AlertFired(event.clone()));
        }
        if fired.len() > allowed {
            let (title, body) = crate::notify::summary(fired.len() - allowed);
            tracing::info!(%title, "notifications over the limit summarised");
            for n in &self.notifiers {
                if let Err(e) = n.notify_summary(title.clone(), body.clone()).await {
                    tracing::warn!(notifier = n.name(), error = %e, "notification not delivered");
                    notify_errors.push(e.to_string());
                }
            }
        }
        Ok(PollReport {
            prices,
            fired,
            unknown_symbols,
            notify_errors,
            candles_stored,
        })
    }

    /// Time to wait after a poll that ended with `result`.
    fn next_delay(&self, result: &Result<PollReport, ServiceError>, failures: u32) -> Duration {
        let interval = self.config.poll_interval;
        match result {
            Ok(_) => interval,
            Err(ServiceError::Market(MarketError::Banned { retry_after }))
            | Err(ServiceError::Market(MarketError::RateLimited { retry_after })) => {
                (*retry_after).max(interval)
            }
            Err(_) => {
                let exp = interval.saturating_mul(1u32 << failures.min(5));
                exp.min(Duration::from_secs(300))
            }
        }
    }

    /// Polls until `cancel` fires, backing off after failures (exponentially,
    /// up to 5 minutes; exactly `Retry-After` on 429/418).
    pub async fn run_poller(self: Arc<Self>, cancel: CancellationToken) -> PollOutcome {
        let mut failures = 0u32;
        loop {
            // A poll runs to its end (its requests time out on their own):
            // cancelled half-way, an alert could be recorded as fired and
            // never be delivered.
            if cancel.is_cancelled() {
                return PollOutcome::Cancelled;
            }
            let result = self.poll_once().await;
            failures = if result.is_ok() { 0 } else { failures + 1 };
            let delay = self.next_delay(&result, failures);
            if let Err(e) = &result {
                tracing::warn!(error = %e, retry_in = ?delay, "poll failed");
            }
            tokio::select! {
                _ = cancel.cancelled() => return PollOutcome::Cancelled,
                _ = tokio::time::sleep(delay) => {}
            }
        }
    }

    /// Starts the poll loop on the current runtime; the handle stops it.
    pub fn spawn_poller(self: &Arc<Self>) -> PollerHandle {
        let cancel = CancellationToken::new();
        let app = Arc::clone(self);
        let token = cancel.clone();
        let task = tokio::spawn(async move { app.run_poller(token).await });
        PollerHandle { cancel, task }
    }

    /// Closes the database pool.
    pub async fn shutdown(&self) {
        self.store.close().await;
    }
}
