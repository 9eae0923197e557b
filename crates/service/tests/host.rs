//! The restartable service behind the desktop app: settings are written
//! only when the service starts on them, secrets go to the secret store and
//! never to the file, the event channel survives the restart, and stopping
//! waits for the poll loop.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use cryptodesk_service::config::{Config, Theme};
use cryptodesk_service::core::{Currency, HoldingInput};
use cryptodesk_service::host::Host;
use cryptodesk_service::secrets::{MemorySecrets, SecretStore};
use cryptodesk_service::settings::{SettingsInput, TELEGRAM_TOKEN};
use cryptodesk_service::{ErrorBody, ErrorCode, Event};
use cryptodesk_testkit::FakeExchange;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

struct Setup {
    host: Arc<Host>,
    secrets: Arc<MemorySecrets>,
    file: std::path::PathBuf,
    _dir: tempfile::TempDir,
    _fake: FakeExchange,
}

async fn setup() -> Setup {
    let fake = FakeExchange::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config").join("config.env");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "# mine\nPRICE_CACHE_DURATION=30\n").unwrap();
    let env: HashMap<String, String> = [
        (
            "CRYPTODESK_DATA_DIR",
            dir.path().join("data").display().to_string(),
        ),
        ("BINANCE_API_URL", fake.api_url()),
        ("CURRENCY_API_URL", fake.fx_latest_url()),
        ("CURRENCY_HISTORY_URL", fake.fx_history_url()),
        ("CRYPTODESK_NOTIFICATIONS", "off".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let secrets = Arc::new(MemorySecrets::default());
    let config = Config::from_sources(Some(&file), None, env.clone(), &secrets).unwrap();
    let host = Host::start(
        config,
        Box::new(Arc::clone(&secrets)),
        Some(file.clone()),
        env,
    )
    .await
    .unwrap();
    Setup {
        host,
        secrets,
        file,
        _dir: dir,
        _fake: fake,
    }
}

fn input(host: &Host) -> SettingsInput {
    let s = host.settings();
    SettingsInput {
        display_currency: s.display_currency.code().into(),
        poll_seconds: s.poll_seconds.to_string(),
        notifications: s.notifications,
        database_url: s.database_url.unwrap_or_default(),
        redis_url: s.redis_url.unwrap_or_default(),
        telegram_chat_id: s.telegram_chat_id.unwrap_or_default(),
        telegram_bot_token: None,
        start_at_login: s.start_at_login,
        start_minimized: s.start_minimized,
        theme: s.theme.as_str().into(),
    }
}

#[tokio::test]
async fn saving_restarts_the_service_and_writes_the_file() {
    let s = setup().await;
    let before = s.host.app();
    before
        .add_holding(HoldingInput {
            symbol: "BTC".into(),
            amount: "0.5".into(),
            price: "30000".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    let mut events = s.host.subscribe();

    let saved = s
        .host
        .save_settings(SettingsInput {
            display_currency: "eur".into(),
            poll_seconds: "7".into(),
            theme: "dark".into(),
            telegram_bot_token: Some("123:secret-token".into()),
            telegram_chat_id: "-100200".into(),
            ..input(&s.host)
        })
        .await
        .unwrap();
    assert_eq!(saved.display_currency, Currency::Eur);
    assert_eq!(saved.theme, Theme::Dark);
    assert!(saved.telegram_token_set);

    let after = s.host.app();
    assert!(!Arc::ptr_eq(&before, &after), "the service was restarted");
    assert_eq!(after.config().poll_interval, Duration::from_secs(7));
    // Same database, same data.
    assert_eq!(after.holdings().await.unwrap().len(), 1);

    let file = std::fs::read_to_string(&s.file).unwrap();
    assert!(
        file.starts_with("# mine\nPRICE_CACHE_DURATION=30\n"),
        "{file}"
    );
    assert!(file.contains("CRYPTODESK_DISPLAY_CURRENCY=EUR\n"), "{file}");
    assert!(file.contains("CRYPTODESK_POLL_SECONDS=7\n"), "{file}");
    assert!(file.contains("TELEGRAM_CHAT_ID=-100200\n"), "{file}");
    assert!(
        !file.contains("secret-token"),
        "tokens never go to the file"
    );
    // The config file reads back as what was saved.
    let reread = Config::from_sources(
        Some(&s.file),
        None,
        [("CRYPTODESK_DATA_DIR".to_owned(), "/d".to_owned())],
        &MemorySecrets::default(),
    )
    .unwrap();
    assert_eq!(reread.display_currency, Currency::Eur);
    assert_eq!(reread.theme, Theme::Dark);

    // Listeners of the old service hear the new one.
    let mut got_settings = false;
    while let Ok(Ok(e)) = tokio::time::timeout(Duration::from_millis(500), events.recv()).await {
        if matches!(e, Event::Settings(_)) {
            got_settings = true;
        }
        if matches!(e, Event::Feed(_)) && got_settings {
            break;
        }
    }
    assert!(got_settings, "a settings event reaches the old subscribers");
    after.poll_once().await.unwrap();

    // Removing the token.
    let saved = s
        .host
        .save_settings(SettingsInput {
            telegram_bot_token: Some(String::new()),
            ..input(&s.host)
        })
        .await
        .unwrap();
    assert!(!saved.telegram_token_set);
    s.host.stop().await;
}

#[tokio::test]
async fn an_unreachable_database_changes_nothing() {
    let s = setup().await;
    let before = s.host.app();
    let file_before = std::fs::read_to_string(&s.file).unwrap();
    let err = s
        .host
        .save_settings(SettingsInput {
            database_url: "postgres://nobody@127.0.0.1:1/nothing".into(),
            display_currency: "CZK".into(),
            ..input(&s.host)
        })
        .await
        .unwrap_err();
    let body = ErrorBody::from(&err);
    assert_eq!(body.code, ErrorCode::Upstream, "{err}");
    assert_eq!(body.field, Some("database_url"));
    assert_eq!(std::fs::read_to_string(&s.file).unwrap(), file_before);
    assert!(
        Arc::ptr_eq(&before, &s.host.app()),
        "the old service runs on"
    );
    assert_eq!(s.host.settings().display_currency, Currency::Usd);

    // Bad input names its field and writes nothing either.
    let err = s
        .host
        .save_settings(SettingsInput {
            poll_seconds: "0".into(),
            ..input(&s.host)
        })
        .await
        .unwrap_err();
    assert_eq!(ErrorBody::from(&err).field, Some("poll_seconds"));
    assert_eq!(std::fs::read_to_string(&s.file).unwrap(), file_before);
    s.host.stop().await;
}

#[tokio::test]
async fn connection_tests_report_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let r = cryptodesk_service::settings::test_database(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    assert!(r.server.starts_with("SQLite 3."), "{}", r.server);
    assert!(r.note.is_some());
    assert!(!path.exists(), "a test creates nothing");

    let pg = std::env::var("CRYPTODESK_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let r = cryptodesk_service::settings::test_database(&pg)
        .await
        .unwrap();
    assert!(r.server.starts_with("PostgreSQL "), "{}", r.server);
    assert!(r.round_trip_ms > 0.0);

    let redis =
        std::env::var("CRYPTODESK_TEST_REDIS").unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
    let r = cryptodesk_service::settings::test_redis(&redis)
        .await
        .unwrap();
    assert!(r.server.starts_with("Redis "), "{}", r.server);

    let err = cryptodesk_service::settings::test_redis("redis://127.0.0.1:1")
        .await
        .unwrap_err();
    assert_eq!(ErrorBody::from(&err).field, Some("redis_url"));
}

fn pg_admin() -> String {
    std::env::var("CRYPTODESK_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// Runs `statements` on the test server's admin database.
async fn pg_admin_exec(statements: &[String]) {
    let admin = cryptodesk_store::Store::connect(&pg_admin(), 1)
        .await
        .unwrap();
    let cryptodesk_store::Store::Postgres(pool) = &admin else {
        unreachable!()
    };
    for sql in statements {
        sqlx::query(sql).execute(pool).await.unwrap();
    }
    admin.close().await;
}

/// A fresh PostgreSQL database for this test; dropped by `drop_pg`.
async fn fresh_pg() -> (url::Url, String) {
    let name = format!("cd_host_{}", std::process::id());
    pg_admin_exec(&[
        format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
        format!("CREATE DATABASE {name}"),
    ])
    .await;
    let mut url = url::Url::parse(&pg_admin()).unwrap();
    url.set_path(&name);
    (url, name)
}

async fn drop_pg(name: &str) {
    pg_admin_exec(&[format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")]).await;
}

#[tokio::test]
async fn passwords_and_environment_values_never_reach_the_file() {
    let s = setup().await;
    // A database URL typed with its password (the test server ignores it
    // under trust auth, or it is the server's own).
    let (mut typed, db_name) = fresh_pg().await;
    if typed.password().is_none() {
        typed.set_password(Some("s3cr3t-pw")).unwrap();
    }
    let password = typed.password().unwrap().to_owned();
    let saved = s
        .host
        .save_settings(SettingsInput {
            database_url: typed.to_string(),
            ..input(&s.host)
        })
        .await
        .unwrap();
    let file = std::fs::read_to_string(&s.file).unwrap();
    assert!(
        !file.contains(&password),
        "a password reached the file:\n{file}"
    );
    assert!(file.contains("DATABASE_URL=postgres://"), "{file}");
    assert_eq!(
        s.secrets.get("database-password").as_deref(),
        Some(password.as_str())
    );
    let shown = saved.database_url.unwrap();
    assert!(
        shown.contains("***") && !shown.contains(&password),
        "{shown}"
    );
    assert_eq!(s.host.settings().overridden, ["CRYPTODESK_NOTIFICATIONS"]);
    // CRYPTODESK_NOTIFICATIONS comes from the environment and was not
    // changed on the page: it is not copied into the file.
    assert!(!file.contains("CRYPTODESK_NOTIFICATIONS"), "{file}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&s.file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the config file is the user's only");
    }

    // Saving the page again as shown (password redacted) keeps it, and a
    // connection test of the shown URL uses the stored password.
    s.host.save_settings(input(&s.host)).await.unwrap();
    assert_eq!(
        s.secrets.get("database-password").as_deref(),
        Some(password.as_str())
    );
    assert!(!std::fs::read_to_string(&s.file)
        .unwrap()
        .contains(&password));
    let report = s.host.test_database(&shown).await.unwrap();
    assert!(report.server.starts_with("PostgreSQL"), "{}", report.server);

    // Back to SQLite.
    s.host
        .save_settings(SettingsInput {
            database_url: String::new(),
            ..input(&s.host)
        })
        .await
        .unwrap();
    assert!(!std::fs::read_to_string(&s.file)
        .unwrap()
        .contains("DATABASE_URL"));
    s.host.stop().await;
    drop_pg(&db_name).await;
}

#[tokio::test]
async fn secrets_go_to_the_store() {
    let store = MemorySecrets::default();
    store.set(TELEGRAM_TOKEN, "1:a").unwrap();
    assert_eq!(store.get(TELEGRAM_TOKEN).as_deref(), Some("1:a"));
    store.delete(TELEGRAM_TOKEN).unwrap();
    assert_eq!(store.get(TELEGRAM_TOKEN), None);
    assert!(store.set("something-else", "x").is_err());
}
