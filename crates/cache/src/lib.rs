//! The latest-price cache, which also keeps derived values (the market
//! statistics) for a while.
//!
//! In-process by default; Redis when a URL is configured, so a desktop app and
//! a headless collector can share prices. When Redis stops answering, reads
//! and writes fall back to the in-process map and [`PriceCache::status`] says
//! so, until Redis answers again. Values are decimal text, never floats.
//! No Tauri, no database.

use chrono::{DateTime, Utc};
use redis::aio::ConnectionManager;
use redis::AsyncCommands;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Key prefix of every cached price.
const PREFIX: &str = "cryptodesk:price:";

/// What went wrong talking to Redis.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// The Redis URL is malformed or the server cannot be reached.
    #[error("redis unavailable: {0}")]
    Redis(#[from] redis::RedisError),
    /// Connecting took too long.
    #[error("redis did not answer within {0:?}")]
    Timeout(Duration),
}

/// A cached price with the time it was observed.
#[derive(Debug, Clone, PartialEq)]
pub struct CachedPrice {
    /// Price in USD.
    pub price: Decimal,
    /// When the exchange reported it.
    pub at: DateTime<Utc>,
}

/// Which cache is serving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheStatus {
    /// In-process, as configured.
    InProcess,
    /// Redis, healthy.
    Redis,
    /// Redis is configured but failing; the in-process cache stands in.
    RedisDown,
}

impl CacheStatus {
    /// Short label for the UI and the CLI.
    pub fn label(self) -> &'static str {
        match self {
            CacheStatus::InProcess => "in-process",
            CacheStatus::Redis => "redis",
            CacheStatus::RedisDown => "redis unavailable, using in-process cache",
        }
    }
}

#[derive(Default)]
struct Local {
    map: HashMap<String, (CachedPrice, Instant)>,
    /// Derived values (text) by key, with their expiry.
    blobs: HashMap<String, (String, Instant)>,
}

/// Key prefix of derived values (statistics and the like).
const BLOB_PREFIX: &str = "cryptodesk:derived:";

/// A Redis that could not be reached at start, tried again now and then.
struct Retry {
    client: redis::Client,
    every: Duration,
    last: Mutex<Instant>,
}

/// Latest prices by asset, with a time-to-live.
pub struct PriceCache {
    ttl: Duration,
    local: Mutex<Local>,
    redis: Mutex<Option<ConnectionManager>>,
    /// Set when Redis was configured but away at start.
    retry: Option<Retry>,
    redis_down: std::sync::atomic::AtomicBool,
    hits: AtomicU64,
    misses: AtomicU64,
}

/// Reads served from the cache since it was created.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Prices found fresh in the cache.
    pub hits: u64,
    /// Prices asked for and missing or stale.
    pub misses: u64,
}

impl PriceCache {
    /// An in-process cache whose entries live `ttl`.
    pub fn in_process(ttl: Duration) -> Self {
        Self {
            ttl,
            local: Mutex::new(Local::default()),
            redis: Mutex::new(None),
            retry: None,
            redis_down: false.into(),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    /// A Redis-backed cache; fails if Redis cannot be reached within 5 s.
    pub async fn redis(url: &str, ttl: Duration) -> Result<Self, CacheError> {
        let client = redis::Client::open(url)?;
        let manager = connect(client, Duration::from_secs(5)).await?;
        Ok(Self {
            redis: Mutex::new(Some(manager)),
            ..Self::in_process(ttl)
        })
    }

    /// A Redis-backed cache, or, when Redis cannot be reached now, the
    /// in-process cache that tries Redis again every `retry_every` (at the
    /// next write after that) and moves to it once it answers. The error
    /// says why Redis is not in use yet.
    pub async fn redis_or_in_process(
        url: &str,
        ttl: Duration,
        retry_every: Duration,
    ) -> (Self, Option<CacheError>) {
        let client = match redis::Client::open(url) {
            Ok(c) => c,
            Err(e) => return (Self::in_process(ttl), Some(e.into())),
        };
        match connect(client.clone(), Duration::from_secs(5)).await {
            Ok(manager) => (
                Self {
                    redis: Mutex::new(Some(manager)),
                    ..Self::in_process(ttl)
                },
                None,
            ),
            Err(e) => (
                Self {
                    retry: Some(Retry {
                        client,
                        every: retry_every,
                        last: Mutex::new(Instant::now()),
                    }),
                    ..Self::in_process(ttl)
                },
                Some(e),
            ),
        }
    }

    fn conn(&self) -> Option<ConnectionManager> {
        self.redis.lock().ok().and_then(|r| r.clone())
    }

    /// Tries a Redis that was away at start again, when that is due.
    async fn reconnect_if_due(&self) {
        let Some(retry) = &self.retry else { return };
        if self.conn().is_some() {
            return;
        }
        match retry.last.lock() {
            Ok(mut last) if last.elapsed() >= retry.every => *last = Instant::now(),
            _ => return,
        }
        match connect(retry.client.clone(), Duration::from_secs(2)).await {
            Ok(manager) => {
                if let Ok(mut r) = self.redis.lock() {
                    *r = Some(manager);
                }
                tracing::info!("redis answers now; the cache is shared from here on");
            }
            Err(e) => tracing::debug!(error = %e, "redis still away"),
        }
    }

    /// Hits and misses of price reads so far.
    pub fn stats(&self) -> CacheStats {
        CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
        }
    }

    fn count(&self, asked: usize, found: usize) {
        self.hits.fetch_add(found as u64, Ordering::Relaxed);
        self.misses
            .fetch_add(asked.saturating_sub(found) as u64, Ordering::Relaxed);
    }

    /// Connects to the Redis at `url` within 5 s and reports its version and
    /// the round trip of one `PING`. Changes nothing.
    pub async fn probe(url: &str) -> Result<(String, Duration), CacheError> {
        let client = redis::Client::open(url)?;
        let limit = Duration::from_secs(5);
        let mut conn = tokio::time::timeout(limit, client.get_multiplexed_async_connection())
            .await
            .map_err(|_| CacheError::Timeout(limit))??;
        let info: String = tokio::time::timeout(
            limit,
            redis::cmd("INFO").arg("server").query_async(&mut conn),
        )
        .await
        .map_err(|_| CacheError::Timeout(limit))??;
        let version = info
            .lines()
            .find_map(|l| l.strip_prefix("redis_version:"))
            .map_or_else(
                || "Redis (version not reported)".to_owned(),
                |v| format!("Redis {}", v.trim()),
            );
        let start = Instant::now();
        let _: String = tokio::time::timeout(limit, redis::cmd("PING").query_async(&mut conn))
            .await
            .map_err(|_| CacheError::Timeout(limit))??;
        Ok((version, start.elapsed()))
    }

    /// Which cache is serving right now.
    pub fn status(&self) -> CacheStatus {
        match (
            self.conn().is_some(),
            self.redis_down.load(std::sync::atomic::Ordering::Relaxed),
        ) {
            (false, _) if self.retry.is_some() => CacheStatus::RedisDown,
            (false, _) => CacheStatus::InProcess,
            (true, false) => CacheStatus::Redis,
            (true, true) => CacheStatus::RedisDown,
        }
    }

    fn mark(&self, ok: bool) {
        let was_down = self
            .redis_down
            .swap(!ok, std::sync::atomic::Ordering::Relaxed);
        if was_down && ok {
            tracing::info!("redis is back; cache shared again");
        } else if !was_down && !ok {
            tracing::warn!("redis unavailable; falling back to the in-process cache");
        }
    }

    fn put_local(&self, symbol: &str, value: &CachedPrice) {
        if let Ok(mut l) = self.local.lock() {
            l.map
                .insert(symbol.to_owned(), (value.clone(), Instant::now()));
        }
    }

    fn get_local(&self, symbol: &str) -> Option<CachedPrice> {
        let l = self.local.lock().ok()?;
        l.map
            .get(symbol)
            .filter(|(_, at)| at.elapsed() < self.ttl)
            .map(|(v, _)| v.clone())
    }

    /// Stores the latest prices (`symbol → price`).
    pub async fn put_many(&self, prices: &[(String, CachedPrice)]) {
        for (s, v) in prices {
            self.put_local(s, v);
        }
        self.reconnect_if_due().await;
        let Some(redis) = &self.conn() else { return };
        let mut conn = redis.clone();
        let mut pipe = redis::pipe();
        let ttl = self.ttl.as_millis().max(1) as u64;
        for (s, v) in prices {
            let value = format!("{}|{}", v.price, v.at.timestamp_millis());
            pipe.cmd("SET")
                .arg(format!("{PREFIX}{s}"))
                .arg(value)
                .arg("PX")
                .arg(ttl)
                .ignore();
        }
        let result: redis::RedisResult<()> = pipe.query_async(&mut conn).await;
        if let Err(e) = &result {
            tracing::debug!(error = %e, "redis write failed");
        }
        self.mark(result.is_ok());
    }

    /// The cached price of `symbol`, if fresh.
    pub async fn get(&self, symbol: &str) -> Option<CachedPrice> {
        let found = self.get_uncounted(symbol).await;
        self.count(1, usize::from(found.is_some()));
        found
    }

    async fn get_uncounted(&self, symbol: &str) -> Option<CachedPrice> {
        let Some(redis) = &self.conn() else {
            return self.get_local(symbol);
        };
        let mut conn = redis.clone();
        let result: redis::RedisResult<Option<String>> =
            conn.get(format!("{PREFIX}{symbol}")).await;
        self.mark(result.is_ok());
        match result {
            Ok(Some(raw)) => parse(&raw).or_else(|| self.get_local(symbol)),
            Ok(None) => None,
            Err(_) => self.get_local(symbol),
        }
    }

    /// Cached prices of several symbols (missing or stale ones are absent).
    pub async fn get_many(&self, symbols: &[String]) -> HashMap<String, CachedPrice> {
        let found = self.get_many_uncounted(symbols).await;
        self.count(symbols.len(), found.len());
        found
    }

    async fn get_many_uncounted(&self, symbols: &[String]) -> HashMap<String, CachedPrice> {
        let mut out = HashMap::new();
        if symbols.is_empty() {
            return out;
        }
        if let Some(redis) = &self.conn() {
            let mut conn = redis.clone();
            let keys: Vec<String> = symbols.iter().map(|s| format!("{PREFIX}{s}")).collect();
            let result: redis::RedisResult<Vec<Option<String>>> =
                redis::cmd("MGET").arg(&keys).query_async(&mut conn).await;
            self.mark(result.is_ok());
            if let Ok(values) = result {
                for (s, v) in symbols.iter().zip(values) {
                    if let Some(p) = v.as_deref().and_then(parse) {
                        out.insert(s.clone(), p);
                    }
                }
                return out;
            }
        }
        for s in symbols {
            if let Some(p) = self.get_local(s) {
                out.insert(s.clone(), p);
            }
        }
        out
    }
}

impl PriceCache {
    /// Keeps a derived value (already serialised) under `key` for `ttl`; in
    /// Redis when configured, so every process sharing it sees it.
    pub async fn put_derived(&self, key: &str, value: &str, ttl: Duration) {
        if let Ok(mut l) = self.local.lock() {
            l.blobs
                .insert(key.to_owned(), (value.to_owned(), Instant::now() + ttl));
        }
        let Some(redis) = &self.conn() else { return };
        let mut conn = redis.clone();
        let result: redis::RedisResult<()> = redis::cmd("SET")
            .arg(format!("{BLOB_PREFIX}{key}"))
            .arg(value)
            .arg("PX")
            .arg(ttl.as_millis().max(1) as u64)
            .query_async(&mut conn)
            .await;
        self.mark(result.is_ok());
    }

    /// The derived value under `key`, if kept and not expired.
    pub async fn get_derived(&self, key: &str) -> Option<String> {
        if let Some(redis) = &self.conn() {
            let mut conn = redis.clone();
            let result: redis::RedisResult<Option<String>> =
                conn.get(format!("{BLOB_PREFIX}{key}")).await;
            self.mark(result.is_ok());
            if let Ok(v) = result {
                return v;
            }
        }
        let l = self.local.lock().ok()?;
        l.blobs
            .get(key)
            .filter(|(_, until)| Instant::now() < *until)
            .map(|(v, _)| v.clone())
    }

    /// Forgets the derived values under `keys` (their inputs changed).
    pub async fn remove_derived(&self, keys: &[&str]) {
        if let Ok(mut l) = self.local.lock() {
            for k in keys {
                l.blobs.remove(*k);
            }
        }
        let Some(redis) = &self.conn() else { return };
        let mut conn = redis.clone();
        let names: Vec<String> = keys.iter().map(|k| format!("{BLOB_PREFIX}{k}")).collect();
        let result: redis::RedisResult<()> =
            redis::cmd("DEL").arg(&names).query_async(&mut conn).await;
        self.mark(result.is_ok());
    }
}

fn parse(raw: &str) -> Option<CachedPrice> {
    let (price, at) = raw.split_once('|')?;
    Some(CachedPrice {
        price: Decimal::from_str(price).ok()?,
        at: DateTime::from_timestamp_millis(at.parse().ok()?)?,
    })
}

/// A connection manager to `client`'s Redis within `limit`.
async fn connect(client: redis::Client, limit: Duration) -> Result<ConnectionManager, CacheError> {
    let config = redis::aio::ConnectionManagerConfig::new()
        .set_connection_timeout(limit)
        .set_response_timeout(limit)
        .set_number_of_retries(1);
    tokio::time::timeout(limit, ConnectionManager::new_with_config(client, config))
        .await
        .map_err(|_| CacheError::Timeout(limit))?
        .map_err(CacheError::from)
}
