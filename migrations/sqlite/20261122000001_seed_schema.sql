-- Seed schema (SQLite). Decimals are TEXT so they round-trip exactly;
-- the application checks that they fit DECIMAL(20,8).
CREATE TABLE portfolio (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    symbol              TEXT    NOT NULL CHECK (length(symbol) BETWEEN 1 AND 15),
    amount              TEXT    NOT NULL,
    price_buy           TEXT    NOT NULL,
    purchase_date       TEXT,
    base_currency       TEXT    NOT NULL DEFAULT 'USD' CHECK (base_currency IN ('USD', 'EUR', 'CZK')),
    purchase_price_eur  TEXT,
    purchase_price_czk  TEXT,
    source              TEXT,
    commission          TEXT    NOT NULL DEFAULT '0',
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL
);
CREATE INDEX idx_portfolio_symbol ON portfolio (symbol);

CREATE TABLE currency_rates (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    base_currency    TEXT NOT NULL,
    target_currency  TEXT NOT NULL,
    rate             TEXT NOT NULL,
    source           TEXT,
    updated_at       TEXT NOT NULL,
    UNIQUE (base_currency, target_currency)
);

CREATE TABLE price_alerts (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    symbol           TEXT    NOT NULL,
    alert_type       TEXT    NOT NULL CHECK (alert_type IN ('above', 'below')),
    threshold_price  TEXT    NOT NULL,
    message          TEXT,
    is_active        BOOLEAN NOT NULL DEFAULT 1,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);
CREATE INDEX idx_price_alerts_active ON price_alerts (is_active, symbol);

CREATE TABLE alert_history (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id         INTEGER REFERENCES price_alerts (id) ON DELETE SET NULL,
    symbol           TEXT NOT NULL,
    triggered_price  TEXT NOT NULL,
    threshold_price  TEXT NOT NULL,
    alert_type       TEXT NOT NULL,
    message          TEXT,
    triggered_at     TEXT NOT NULL
);
CREATE INDEX idx_alert_history_triggered_at ON alert_history (triggered_at);
CREATE INDEX idx_alert_history_symbol ON alert_history (symbol);

CREATE TABLE tracked_symbols (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    symbol      TEXT    NOT NULL UNIQUE,
    is_active   BOOLEAN NOT NULL DEFAULT 1,
    created_at  TEXT    NOT NULL
);

CREATE TABLE crypto_symbols (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    symbol       TEXT NOT NULL UNIQUE,
    base_asset   TEXT NOT NULL,
    quote_asset  TEXT NOT NULL,
    status       TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX idx_crypto_symbols_base ON crypto_symbols (base_asset);

-- Price history; writing the same candle twice keeps one row.
CREATE TABLE candles (
    symbol     TEXT    NOT NULL,
    interval   TEXT    NOT NULL,
    open_time  INTEGER NOT NULL,
    open       TEXT    NOT NULL,
    high       TEXT    NOT NULL,
    low        TEXT    NOT NULL,
    close      TEXT    NOT NULL,
    volume     TEXT    NOT NULL,
    PRIMARY KEY (symbol, interval, open_time)
) WITHOUT ROWID;
