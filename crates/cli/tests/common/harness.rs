//! The real `cryptodesk` binary against the fake exchange (and the fake
//! rate services on its port), on SQLite or on a fresh PostgreSQL
//! database, in a throwaway home: the harness of the end-to-end tests.

#![allow(dead_code)] // each test file uses part of it
#![allow(clippy::unwrap_used)] // tests fail loudly by design

use cryptodesk_testkit::FakeExchange;

/// One isolated set-up: a fake exchange, a data folder and the environment.
pub struct Harness {
    /// The fake exchange (and FX services).
    pub fake: FakeExchange,
    /// The data folder (also HOME and the XDG folders).
    pub data: tempfile::TempDir,
    /// Extra environment for every run.
    pub env: Vec<(String, String)>,
    pg: Option<(sqlx::PgPool, String)>,
}

/// What a run printed and how it ended.
pub struct Run {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// The PostgreSQL server the tests create their databases on.
pub fn pg_admin_url() -> String {
    std::env::var("CRYPTODESK_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

impl Harness {
    pub async fn sqlite() -> Self {
        Harness {
            fake: FakeExchange::start().await.unwrap(),
            data: tempfile::tempdir().unwrap(),
            env: Vec::new(),
            pg: None,
        }
    }

    pub async fn postgres(tag: &str) -> Self {
        Self::postgres_on(&pg_admin_url(), tag).await
    }

    /// A fresh database on the TimescaleDB test cluster, or `None` when this
    /// run has none (`CRYPTODESK_REQUIRE_TSDB=1` makes that a failure).
    pub async fn timescale(tag: &str) -> Option<Self> {
        let Ok(url) = std::env::var("CRYPTODESK_TEST_TSDB") else {
            assert!(
                std::env::var("CRYPTODESK_REQUIRE_TSDB").as_deref() != Ok("1"),
                "CRYPTODESK_TEST_TSDB is required in this run"
            );
            eprintln!("SKIPPED: no TimescaleDB test cluster (CRYPTODESK_TEST_TSDB unset)");
            return None;
        };
        let mut h = Self::postgres_on(&url, &format!("ts_{tag}")).await;
        // The 1m retention job runs by itself; keep the tests' 2024 candles.
        h.env.push(("CANDLE_RETENTION_1M".into(), "36500".into()));
        Some(h)
    }

    pub async fn postgres_on(admin_url: &str, tag: &str) -> Self {
        use sqlx::Executor;
        let name = format!("cd_cli_{tag}_{}", std::process::id());
        let admin = sqlx::PgPool::connect(admin_url)
            .await
            .expect("PostgreSQL must be running");
        admin
            .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
            .await
            .unwrap();
        admin
            .execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .unwrap();
        let mut url = url::Url::parse(admin_url).unwrap();
        url.set_path(&name);
        let mut h = Self::sqlite().await;
        h.env.push(("DATABASE_URL".into(), url.to_string()));
        h.pg = Some((admin, name));
        h
    }

    pub async fn drop_db(self) {
        use sqlx::Executor;
        if let Some((admin, name)) = self.pg {
            admin
                .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                .await
                .unwrap();
        }
    }

    pub async fn run(&self, args: &[&str]) -> Run {
        self.run_with(&[], args).await
    }

    /// Runs with `extra` environment on top of the harness's.
    pub async fn run_with(&self, extra: &[(&str, &str)], args: &[&str]) -> Run {
        let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_cryptodesk"))
            .args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .envs(cryptodesk_testkit::isolated_env(self.data.path()))
            .env("CRYPTODESK_DATA_DIR", self.data.path())
            .env("CRYPTODESK_KEYRING", "off")
            .env("CRYPTODESK_NOTIFICATIONS", "off")
            .env("BINANCE_API_URL", self.fake.api_url())
            .env("CURRENCY_API_URL", self.fake.fx_latest_url())
            .env("CURRENCY_HISTORY_URL", self.fake.fx_history_url())
            .envs(self.env.iter().cloned())
            .envs(extra.iter().copied())
            .current_dir(self.data.path())
            .output()
            .await
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs and expects success.
    pub async fn ok(&self, args: &[&str]) -> String {
        self.ok_with(&[], args).await
    }

    /// Runs with `extra` environment and expects success.
    pub async fn ok_with(&self, extra: &[(&str, &str)], args: &[&str]) -> String {
        let r = self.run_with(extra, args).await;
        assert_eq!(
            r.code, 0,
            "cryptodesk {args:?}:\n{}\n{}",
            r.stdout, r.stderr
        );
        r.stdout
    }

    /// Klines requests the fake exchange answered.
    pub fn kline_requests(&self) -> usize {
        self.fake
            .exchange
            .requests()
            .iter()
            .filter(|r| r.starts_with("/api/v3/klines"))
            .count()
    }

    /// Runs, expects success and parses the JSON it printed.
    pub async fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.ok(args).await;
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}\n{out}"))
    }

    /// Publishes the FX rates the portfolio tests compute by hand: R_EUR and
    /// R_CZK of 2024-03-15, 2025-02-14 (a Friday) and 2025-06-02, and the
    /// latest ones of 2026-11-22; no other date has rates.
    pub fn publish_fx(&self) {
        let fx = &self.fake.fx;
        fx.clear_history();
        fx.set_history("2024-03-15", "0.92", "23.1");
        fx.set_history("2025-02-14", "0.955", "24.02");
        fx.set_history("2025-06-02", "0.88", "22");
        fx.set_latest("2026-11-22", "0.862", "20.94");
    }
}
