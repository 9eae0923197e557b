-- FX rates per date, rates paid by the user, and sales (see the PostgreSQL
-- migration of the same name). SQLite cannot drop a UNIQUE constraint, so
-- currency_rates is rebuilt.
CREATE TABLE currency_rates_new (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    base_currency    TEXT    NOT NULL,
    target_currency  TEXT    NOT NULL,
    rate             TEXT    NOT NULL,
    source           TEXT,
    updated_at       TEXT    NOT NULL,
    kind             TEXT    NOT NULL DEFAULT 'latest' CHECK (kind IN ('latest', 'history')),
    valid_on         TEXT    NOT NULL,
    provisional      BOOLEAN NOT NULL DEFAULT 0,
    published_on     TEXT
);
INSERT INTO currency_rates_new (id, base_currency, target_currency, rate, source, updated_at, kind, valid_on)
    SELECT id, base_currency, target_currency, rate, source, updated_at, 'latest', substr(updated_at, 1, 10)
    FROM currency_rates;
DROP TABLE currency_rates;
ALTER TABLE currency_rates_new RENAME TO currency_rates;
CREATE UNIQUE INDEX currency_rates_key ON currency_rates (base_currency, target_currency, kind, valid_on);

ALTER TABLE portfolio ADD COLUMN fx_rate_eur TEXT;
ALTER TABLE portfolio ADD COLUMN fx_rate_czk TEXT;
ALTER TABLE portfolio ADD COLUMN import_key TEXT;
CREATE UNIQUE INDEX idx_portfolio_import_key ON portfolio (import_key);

CREATE TABLE portfolio_sells (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    symbol       TEXT NOT NULL CHECK (length(symbol) BETWEEN 1 AND 15),
    amount       TEXT NOT NULL,
    price        TEXT NOT NULL,
    currency     TEXT NOT NULL CHECK (currency IN ('USD', 'EUR', 'CZK')),
    sell_date    TEXT NOT NULL,
    commission   TEXT NOT NULL DEFAULT '0',
    source       TEXT,
    fx_rate_eur  TEXT,
    fx_rate_czk  TEXT,
    import_key   TEXT UNIQUE,
    created_at   TEXT NOT NULL
);
CREATE INDEX idx_portfolio_sells_symbol ON portfolio_sells (symbol, sell_date);
