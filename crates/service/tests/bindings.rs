//! The UI's generated files stay what the Rust code generates:
//! `ui/src/lib/backend/bindings.ts` (the IPC types and command map) and
//! `ui/src/lib/backend/fixtures.json` (what the browser mock serves, computed
//! by the real core and the real error mapping, so the mock cannot drift).
//! Run with `UPDATE_BINDINGS=1` to rewrite them after changing the types.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use chrono::{DateTime, NaiveDate, Utc};
use cryptodesk_core::fx::{DatedRates, FxRates, LatestRates};
use cryptodesk_core::lots::{self, Method, Trade};
use cryptodesk_core::portfolio::{self, HoldingLot, Market, Summary, Transaction, Valuation};
use cryptodesk_core::{
    Alert, AlertEvent, AlertId, AlertInput, Holding, HoldingId, HoldingInput, Sale, SaleId,
    SaleInput, Symbol, ValidationError,
};
use cryptodesk_service::secrets::MemorySecrets;
use cryptodesk_service::settings::{self, SettingsInput};
use cryptodesk_service::{ipc, ErrorBody, ServiceError};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::PathBuf;

fn ui_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../ui/src/lib/backend")
        .join(name)
}

/// Compares `generated` with the committed file, or rewrites it.
fn check(name: &str, generated: &str) {
    let path = ui_file(name);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} differs from what the Rust types generate; run \
         `UPDATE_BINDINGS=1 cargo test -p cryptodesk-service --test bindings` and commit it",
        path.display()
    );
}

#[test]
fn bindings_ts_is_current() {
    let ts = ipc::typescript();
    for needle in [
        "export type Valuation",
        "export type Event",
        "export type ErrorBody",
        "export const ERROR_CODES",
        "add_holding: { args: { input: HoldingInput }; result: Holding };",
        "update_holding: { args: { id: HoldingId; input: HoldingInput }; result: Holding };",
    ] {
        assert!(ts.contains(needle), "bindings lack {needle:?}:\n{ts}");
    }
    check("bindings.ts", &ts);
}

const TODAY: &str = "2026-11-24";
const AT: &str = "2026-11-24T09:30:00Z";

fn at() -> DateTime<Utc> {
    AT.parse().unwrap()
}

fn prices() -> HashMap<Symbol, Decimal> {
    // The fake exchange's sample prices.
    [
        ("BTC", dec!(96842.15)),
        ("ETH", dec!(3412.58)),
        ("SOL", dec!(187.42)),
        ("BNB", dec!(912.35)),
    ]
    .into_iter()
    .map(|(s, p)| (Symbol::parse(s).unwrap(), p))
    .collect()
}

fn opens() -> HashMap<Symbol, Decimal> {
    // The fake exchange's 24 h window opens (its ticker/24hr samples).
    [
        ("BTC", dec!(96148.16)),
        ("ETH", dec!(3374.29)),
        ("SOL", dec!(190.83)),
    ]
    .into_iter()
    .map(|(s, p)| (Symbol::parse(s).unwrap(), p))
    .collect()
}

fn holding_input(symbol: &str, amount: &str, price: &str, currency: &str) -> HoldingInput {
    HoldingInput {
        symbol: symbol.into(),
        amount: amount.into(),
        price: price.into(),
        currency: currency.into(),
        date: None,
        commission: None,
        source: None,
        fx_rate: vec![],
    }
}

/// A stored holding as the store would return it for `input`.
fn stored(id: i64, input: &HoldingInput) -> Holding {
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    let n = input.validate(today).unwrap();
    Holding {
        id: HoldingId(id),
        symbol: n.symbol,
        amount: n.amount,
        price_buy: n.price_buy,
        purchase_date: n.purchase_date,
        base_currency: n.base_currency,
        purchase_price_eur: None,
        purchase_price_czk: None,
        source: n.source,
        commission: n.commission,
        fx_rate_eur: None,
        fx_rate_czk: None,
        import_key: None,
        created_at: at(),
        updated_at: at(),
    }
}

/// The fake rate service's default rates, for every date.
fn rates() -> DatedRates {
    let day = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    DatedRates {
        date: day,
        published: day,
        rates: FxRates {
            eur: dec!(0.862),
            czk: dec!(20.94),
        },
        provisional: false,
    }
}

/// `rows` valued by the core as the service values them (no sales).
fn value(rows: Vec<Holding>) -> Valuation {
    ledger_fixture(rows, &[], Method::Fifo).0
}

fn market() -> Market {
    let r = rates();
    Market {
        prices: prices(),
        opens: opens(),
        rates: Some(LatestRates {
            date: r.date,
            rates: r.rates,
            stale: false,
        }),
    }
}

/// A stored sale as the store would return it for `input`.
fn stored_sale(id: i64, input: &SaleInput) -> Sale {
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    let n = input.validate(today).unwrap();
    Sale {
        id: SaleId(id),
        symbol: n.symbol,
        amount: n.amount,
        price: n.price,
        currency: n.currency,
        sell_date: n.date,
        commission: n.commission,
        source: n.source,
        fx_rate_eur: n.fx.eur,
        fx_rate_czk: n.fx.czk,
        import_key: None,
        created_at: at(),
    }
}

/// Valuation, summary and transactions of `rows` and `sales` under
/// `method`, as the service computes them (every date at [`rates`]).
fn ledger_fixture(
    rows: Vec<Holding>,
    sales: &[Sale],
    method: Method,
) -> (Valuation, Summary, Vec<Transaction>) {
    let r = rates();
    let sells: Vec<Trade> = sales
        .iter()
        .map(|s| Trade {
            id: s.id.0,
            symbol: s.symbol.clone(),
            amount: s.amount,
            price: s.price,
            currency: s.currency,
            date: s.sell_date,
            commission: s.commission,
            rates: r.rates,
        })
        .collect();
    let trades: Vec<Trade> = rows
        .iter()
        .map(|h| Trade {
            id: h.id.0,
            symbol: h.symbol.clone(),
            amount: h.amount,
            price: h.price_buy,
            currency: h.base_currency,
            date: h.purchase_date.unwrap_or(r.date),
            commission: h.commission,
            rates: r.rates,
        })
        .collect();
    let ledger = lots::run(&trades, &sells, method).unwrap();
    let summary = portfolio::summarize(&ledger, &market(), method, &Default::default());
    let mut txs: Vec<Transaction> = rows
        .iter()
        .map(|h| Transaction::buy(h, h.purchase_date.unwrap_or(r.date), Some(r)))
        .chain(
            sales
                .iter()
                .zip(&ledger.sales)
                .map(|(s, x)| Transaction::sell(s, Some(r), Some(x.pnl))),
        )
        .collect();
    txs.sort_by_key(|t| (t.date, t.kind, t.id));
    let rows = rows
        .into_iter()
        .zip(ledger.lots.iter().copied())
        .map(|(holding, lot)| HoldingLot {
            holding,
            lot,
            rates: Some(r),
        })
        .collect();
    (portfolio::value(rows, &market(), method), summary, txs)
}

fn refusal(e: ServiceError) -> Value {
    serde_json::to_value(ErrorBody::from(&e)).unwrap()
}

/// Real import reports of a Kraken file with broken rows: the dry run, the
/// refusal, and the commit of its valid rows with `--skip-invalid` (the
/// service on a fresh SQLite file and the fake rate services).
fn import_fixture() -> Value {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/data/kraken_broken.csv"),
    )
    .unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let fake = cryptodesk_testkit::FakeExchange::start().await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let env = vec![
            (
                "CRYPTODESK_DATA_DIR".to_owned(),
                dir.path().display().to_string(),
            ),
            ("BINANCE_API_URL".to_owned(), fake.api_url()),
            ("CURRENCY_API_URL".to_owned(), fake.fx_latest_url()),
            ("CURRENCY_HISTORY_URL".to_owned(), fake.fx_history_url()),
            ("CRYPTODESK_NOTIFICATIONS".to_owned(), "off".to_owned()),
        ];
        let config =
            cryptodesk_service::Config::from_sources(None, None, env, &MemorySecrets::default())
                .unwrap();
        let app = cryptodesk_service::App::start(config).await.unwrap();
        let dry = app
            .import_transactions(&text, None, true, false)
            .await
            .unwrap();
        let refused = app
            .import_transactions(&text, None, false, false)
            .await
            .unwrap();
        let committed = app
            .import_transactions(&text, None, false, true)
            .await
            .unwrap();
        app.shutdown().await;
        json!({
            "file_name": "kraken_broken.csv",
            "text": text,
            "dry_run": dry,
            "refused": refused,
            "committed": committed,
        })
    })
}

fn fixtures() -> Value {
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    let btc = HoldingInput {
        date: Some("2024-01-15".into()),
        commission: Some("2.5".into()),
        source: Some("Binance".into()),
        ..holding_input("btc", "0.5", "30000", "USD")
    };
    let btc_plain = holding_input("BTC", "0.5", "30000", "USD");
    let eth = holding_input("ETH", "2", "2500", "USD");
    let sol_eur = holding_input("SOL", "10", "150", "EUR");
    let btc_edited = HoldingInput {
        amount: "0.75".into(),
        ..btc.clone()
    };
    let inputs = [&btc, &btc_plain, &eth, &sol_eur, &btc_edited];
    let holdings: Vec<Value> = inputs
        .iter()
        .map(|i| json!({"input": i, "holding": stored(0, i)}))
        .collect();

    // Every combination the browser tests reach, valued by the core.
    let scenarios: Vec<Vec<&HoldingInput>> = vec![
        vec![],
        vec![&btc],
        vec![&btc_plain],
        vec![&btc_edited],
        vec![&btc, &eth],
        vec![&btc, &eth, &sol_eur],
        vec![&eth],
    ];
    let valuations: Vec<Value> = scenarios
        .iter()
        .map(|list| {
            let rows: Vec<Holding> = list
                .iter()
                .enumerate()
                .map(|(i, input)| stored(i as i64 + 1, input))
                .collect();
            json!({"inputs": list, "valuation": value(rows)})
        })
        .collect();

    let bad_holdings: Vec<Value> = [
        holding_input("BTC", "0", "30000", "USD"),
        holding_input("BTC", "-1", "30000", "USD"),
        holding_input("BTC", "abc", "30000", "USD"),
        holding_input("BTC", "1", "0", "USD"),
        holding_input("", "1", "30000", "USD"),
    ]
    .into_iter()
    .map(|i| {
        let err = i.validate(today).unwrap_err();
        json!({"input": i, "error": refusal(err.into())})
    })
    .collect();
    let unknown = refusal(ServiceError::UnknownSymbol {
        symbol: "NOPE".into(),
        reason: "the exchange does not list NOPEUSDT".into(),
    });

    let alert_inputs = [
        AlertInput {
            symbol: "eth".into(),
            alert_type: "below".into(),
            threshold: "2000".into(),
            message: Some("buy the dip".into()),
            ..AlertInput::default()
        },
        AlertInput {
            symbol: "BTC".into(),
            alert_type: "above".into(),
            threshold: "100000".into(),
            message: Some("take profit".into()),
            ..AlertInput::default()
        },
        AlertInput {
            symbol: "BTC".into(),
            alert_type: "above".into(),
            threshold: "120000".into(),
            message: Some("take profit".into()),
            ..AlertInput::default()
        },
        AlertInput {
            symbol: "ETH".into(),
            alert_type: "enters".into(),
            threshold: "1800".into(),
            upper: Some("2200".into()),
            repeat: Some("every".into()),
            cooldown: Some("1h".into()),
            message: None,
            ..AlertInput::default()
        },
        AlertInput {
            symbol: "BTC".into(),
            alert_type: "crosses".into(),
            threshold: "100000".into(),
            repeat: Some("every".into()),
            message: None,
            ..AlertInput::default()
        },
        AlertInput {
            symbol: "BTC".into(),
            alert_type: "moves-down".into(),
            threshold: "5".into(),
            within: Some("1h".into()),
            message: Some("falling fast".into()),
            ..AlertInput::default()
        },
    ];
    let alerts: Vec<Value> = alert_inputs
        .iter()
        .map(|i| {
            let n = i.validate().unwrap();
            let (alert_type, threshold_price, upper_price, within_secs) = n.columns();
            let a = Alert {
                id: AlertId(0),
                symbol: n.symbol.clone(),
                alert_type,
                threshold_price,
                message: n.message.clone(),
                is_active: true,
                created_at: at(),
                updated_at: at(),
                upper_price,
                within_secs,
                repeat: n.rule.repeat,
                rearm_band: n.rule.rearm_band,
                cooldown_secs: n.rule.cooldown_ms.map(|c| c / 1000),
                expires_at: n.expires_at(),
                last_fired_at: None,
                snoozed_until: None,
            };
            json!({"input": i, "alert": a})
        })
        .collect();
    let bad_alerts: Vec<Value> = [
        AlertInput {
            symbol: "BTC".into(),
            alert_type: "above".into(),
            threshold: "abc".into(),
            message: None,
            ..AlertInput::default()
        },
        AlertInput {
            symbol: "BTC".into(),
            alert_type: "above".into(),
            threshold: "0".into(),
            message: None,
            ..AlertInput::default()
        },
        AlertInput {
            symbol: "BTC".into(),
            alert_type: "enters".into(),
            threshold: "90000".into(),
            upper: Some("80000".into()),
            message: None,
            ..AlertInput::default()
        },
    ]
    .into_iter()
    .map(|i| {
        let err = i.validate().unwrap_err();
        json!({"input": i, "error": refusal(err.into())})
    })
    .collect();
    let fired = AlertEvent {
        id: 1,
        alert_id: AlertId(90),
        symbol: Symbol::parse("BTC").unwrap(),
        triggered_price: dec!(100500.5),
        threshold_price: dec!(100000),
        alert_type: cryptodesk_core::AlertKind::Above,
        message: Some("take profit".into()),
        triggered_at: at(),
        rule: Some("above 100000".into()),
    };
    let prices: serde_json::Map<String, Value> = prices()
        .into_iter()
        .map(|(s, p)| (s.to_string(), json!(p)))
        .collect();
    let config = cryptodesk_service::Config::from_sources(
        None,
        None,
        [(
            "CRYPTODESK_DATA_DIR".to_owned(),
            "/home/user/.local/share/cryptodesk".to_owned(),
        )],
        &MemorySecrets::default(),
    )
    .unwrap();
    let settings = settings::view(
        &config,
        &MemorySecrets::default(),
        Some(std::path::Path::new(
            "/home/user/.config/cryptodesk/config.env",
        )),
        &HashMap::new(),
    );
    let good = SettingsInput {
        display_currency: "USD".into(),
        poll_seconds: "10".into(),
        notifications: true,
        database_url: String::new(),
        redis_url: String::new(),
        telegram_chat_id: String::new(),
        telegram_bot_token: None,
        start_at_login: false,
        start_minimized: false,
        theme: "system".into(),
    };
    let settings_refusals: Vec<Value> = [
        SettingsInput {
            poll_seconds: "0".into(),
            ..good.clone()
        },
        SettingsInput {
            database_url: "mysql://db.example/x".into(),
            ..good.clone()
        },
        SettingsInput {
            redis_url: "http://cache.example".into(),
            ..good.clone()
        },
    ]
    .into_iter()
    .map(|i| {
        let err = i.validate(&config).unwrap_err();
        json!({"input": i, "error": refusal(err.into())})
    })
    .collect();
    let unreachable_db = refusal(ServiceError::Unreachable {
        what: "database",
        message: "error communicating with database: Connection refused (os error 111)".into(),
    });
    // Buys in USD and EUR, then sales: every method's view of them.
    let lot_inputs = [
        HoldingInput {
            date: Some("2024-01-15".into()),
            ..holding_input("BTC", "0.5", "30000", "USD")
        },
        HoldingInput {
            date: Some("2024-06-01".into()),
            commission: Some("4".into()),
            ..holding_input("BTC", "0.3", "60000", "EUR")
        },
        HoldingInput {
            date: Some("2025-02-01".into()),
            ..holding_input("ETH", "2", "2500", "USD")
        },
    ];
    let sale_inputs = [
        SaleInput {
            symbol: "BTC".into(),
            amount: "0.6".into(),
            price: "90000".into(),
            currency: "USD".into(),
            date: Some("2025-03-01".into()),
            commission: Some("10".into()),
            source: Some("Kraken".into()),
            fx_rate: vec![],
        },
        SaleInput {
            symbol: "ETH".into(),
            amount: "0.5".into(),
            price: "80000".into(),
            currency: "CZK".into(),
            date: Some("2025-04-01".into()),
            commission: None,
            source: None,
            fx_rate: vec![],
        },
    ];
    let lot_rows: Vec<Holding> = lot_inputs
        .iter()
        .enumerate()
        .map(|(i, input)| stored(i as i64 + 1, input))
        .collect();
    let sales: Vec<Sale> = sale_inputs
        .iter()
        .enumerate()
        .map(|(i, input)| stored_sale(i as i64 + 1, input))
        .collect();
    let by_method: serde_json::Map<String, Value> = Method::ALL
        .into_iter()
        .map(|m| {
            let (valuation, summary, transactions) = ledger_fixture(lot_rows.clone(), &sales, m);
            (
                m.as_str().to_owned(),
                json!({"valuation": valuation, "summary": summary, "transactions": transactions}),
            )
        })
        .collect();
    let oversell = refusal(
        ValidationError::new(
            "amount",
            "selling: the sale of 5 BTC on 2025-03-01 would sell more than the 0.8 BTC held then",
        )
        .into(),
    );
    let ledger = json!({
        "inputs": lot_inputs,
        "sales": sale_inputs.iter().zip(&sales).map(|(i, s)| json!({"input": i, "sale": s})).collect::<Vec<_>>(),
        "by_method": by_method,
        "oversell": oversell,
    });

    json!({
        "replay": replay_fixture(),
        "import": import_fixture(),
        "ledger": ledger,
        "settings": settings,
        "settings_refusals": settings_refusals,
        "database_unreachable": unreachable_db,
        "generated_by": "cargo test -p cryptodesk-service --test bindings",
        "today": TODAY,
        "prices": prices,
        "holdings": holdings,
        "valuations": valuations,
        "holding_refusals": bad_holdings,
        "unknown_symbol": unknown,
        "alerts": alerts,
        "alert_refusals": bad_alerts,
        "alert_history": [fired],
    })
}

/// Hourly BTC candles of two days (a deterministic wave around 100,000)
/// and, for a few rules, what the real core's replay finds over them: the
/// mock answers `replay_alert` from these.
fn replay_fixture() -> Value {
    use cryptodesk_core::candles::DecimalCandle;
    use cryptodesk_service::replay::{report, ReplayRequest};
    let hour = 3_600_000i64;
    let start = 1_795_000_000_000 / hour * hour;
    let candles: Vec<DecimalCandle> = (0..48i64)
        .map(|i| {
            // 100,000 ± 6,000 in steps that are whole dollars.
            let wave = [0, 2, 4, 6, 4, 2, 0, -2, -4, -6, -4, -2][(i % 12) as usize];
            let close = Decimal::from(100_000 + wave * 1000 + (i % 5) * 137);
            DecimalCandle {
                time: start + i * hour,
                open: close - Decimal::from(150),
                high: close + Decimal::from(400),
                low: close - Decimal::from(500),
                close,
                volume: Decimal::from(12),
            }
        })
        .collect();
    let input = |kind: &str, threshold: &str, extra: fn(&mut AlertInput)| {
        let mut i = AlertInput {
            symbol: "BTC".into(),
            alert_type: kind.into(),
            threshold: threshold.into(),
            ..AlertInput::default()
        };
        extra(&mut i);
        i
    };
    let cases: Vec<Value> = [
        input("crosses", "100000", |i| i.repeat = Some("every".into())),
        input("above", "105000", |_| {}),
        input("moves-down", "5", |i| {
            i.within = Some("6h".into());
            i.repeat = Some("every".into());
        }),
    ]
    .into_iter()
    .map(|input| {
        let rule = input.validate().unwrap().rule;
        let request = ReplayRequest {
            input,
            interval: "1h".into(),
            days: 365,
            intrabar: false,
        };
        json!({"request": request, "report": report(&rule, &candles, hour, false)})
    })
    .collect();
    json!({"candles": candles.iter().map(|c| json!({
        "time": c.time, "open": c.open, "high": c.high, "low": c.low, "close": c.close, "volume": c.volume,
    })).collect::<Vec<_>>(), "cases": cases})
}

#[test]
fn mock_fixtures_are_current() {
    let mut text = serde_json::to_string_pretty(&fixtures()).unwrap();
    text.push('\n');
    check("fixtures.json", &text);
}
