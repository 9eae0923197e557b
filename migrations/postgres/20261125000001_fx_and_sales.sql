-- FX rates per date, rates paid by the user, and sales.
-- currency_rates: one row per (base, target, kind, date valid for). `latest`
-- rows come from CURRENCY_API_URL, `history` rows from CURRENCY_HISTORY_URL;
-- a provisional history row was copied from an earlier date while the rate
-- service was away and is replaced once it answers. published_on is the
-- date the service itself gave (the last working day at or before valid_on).
ALTER TABLE currency_rates DROP CONSTRAINT IF EXISTS currency_rates_base_currency_target_currency_key;
ALTER TABLE currency_rates
    ADD COLUMN kind        VARCHAR(7) NOT NULL DEFAULT 'latest' CHECK (kind IN ('latest', 'history')),
    ADD COLUMN valid_on    DATE       NOT NULL DEFAULT CURRENT_DATE,
    ADD COLUMN provisional BOOLEAN    NOT NULL DEFAULT FALSE,
    ADD COLUMN published_on DATE;
CREATE UNIQUE INDEX currency_rates_key ON currency_rates (base_currency, target_currency, kind, valid_on);

ALTER TABLE portfolio
    ADD COLUMN fx_rate_eur DECIMAL(20, 8) CHECK (fx_rate_eur > 0),
    ADD COLUMN fx_rate_czk DECIMAL(20, 8) CHECK (fx_rate_czk > 0),
    ADD COLUMN import_key  TEXT UNIQUE;

CREATE TABLE portfolio_sells (
    id           BIGSERIAL PRIMARY KEY,
    symbol       VARCHAR(15)    NOT NULL,
    amount       DECIMAL(20, 8) NOT NULL CHECK (amount > 0),
    price        DECIMAL(20, 8) NOT NULL CHECK (price > 0),
    currency     VARCHAR(3)     NOT NULL CHECK (currency IN ('USD', 'EUR', 'CZK')),
    sell_date    DATE           NOT NULL,
    commission   DECIMAL(20, 8) NOT NULL DEFAULT 0 CHECK (commission >= 0),
    source       VARCHAR(100),
    fx_rate_eur  DECIMAL(20, 8) CHECK (fx_rate_eur > 0),
    fx_rate_czk  DECIMAL(20, 8) CHECK (fx_rate_czk > 0),
    import_key   TEXT UNIQUE,
    created_at   TIMESTAMPTZ    NOT NULL DEFAULT now()
);
CREATE INDEX idx_portfolio_sells_symbol ON portfolio_sells (symbol, sell_date);
