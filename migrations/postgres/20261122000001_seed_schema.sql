-- Seed schema (PostgreSQL).
CREATE TABLE portfolio (
    id                  BIGSERIAL PRIMARY KEY,
    symbol              VARCHAR(15)    NOT NULL,
    amount              DECIMAL(20, 8) NOT NULL CHECK (amount > 0),
    price_buy           DECIMAL(20, 8) NOT NULL CHECK (price_buy > 0),
    purchase_date       DATE,
    base_currency       VARCHAR(3)     NOT NULL DEFAULT 'USD' CHECK (base_currency IN ('USD', 'EUR', 'CZK')),
    purchase_price_eur  DECIMAL(20, 8),
    purchase_price_czk  DECIMAL(20, 8),
    source              VARCHAR(100),
    commission          DECIMAL(20, 8) NOT NULL DEFAULT 0 CHECK (commission >= 0),
    created_at          TIMESTAMPTZ    NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ    NOT NULL DEFAULT now()
);
CREATE INDEX idx_portfolio_symbol ON portfolio (symbol);

CREATE TABLE currency_rates (
    id               BIGSERIAL PRIMARY KEY,
    base_currency    VARCHAR(3)     NOT NULL,
    target_currency  VARCHAR(3)     NOT NULL,
    rate             DECIMAL(20, 8) NOT NULL,
    source           TEXT,
    updated_at       TIMESTAMPTZ    NOT NULL DEFAULT now(),
    UNIQUE (base_currency, target_currency)
);

CREATE TABLE price_alerts (
    id               BIGSERIAL PRIMARY KEY,
    symbol           VARCHAR(15)    NOT NULL,
    alert_type       VARCHAR(10)    NOT NULL CHECK (alert_type IN ('above', 'below')),
    threshold_price  DECIMAL(20, 8) NOT NULL CHECK (threshold_price > 0),
    message          VARCHAR(500),
    is_active        BOOLEAN        NOT NULL DEFAULT TRUE,
    created_at       TIMESTAMPTZ    NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ    NOT NULL DEFAULT now()
);
CREATE INDEX idx_price_alerts_active ON price_alerts (is_active, symbol);

CREATE TABLE alert_history (
    id               BIGSERIAL PRIMARY KEY,
    alert_id         BIGINT REFERENCES price_alerts (id) ON DELETE SET NULL,
    symbol           VARCHAR(15)    NOT NULL,
    triggered_price  DECIMAL(20, 8) NOT NULL,
    threshold_price  DECIMAL(20, 8) NOT NULL,
    alert_type       VARCHAR(10)    NOT NULL,
    message          VARCHAR(500),
    triggered_at     TIMESTAMPTZ    NOT NULL DEFAULT now()
);
CREATE INDEX idx_alert_history_triggered_at ON alert_history (triggered_at);
CREATE INDEX idx_alert_history_symbol ON alert_history (symbol);

CREATE TABLE tracked_symbols (
    id          BIGSERIAL PRIMARY KEY,
    symbol      VARCHAR(15) NOT NULL UNIQUE,
    is_active   BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE crypto_symbols (
    id           BIGSERIAL PRIMARY KEY,
    symbol       VARCHAR(20) NOT NULL UNIQUE,
    base_asset   VARCHAR(15) NOT NULL,
    quote_asset  VARCHAR(15) NOT NULL,
    status       VARCHAR(20) NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_crypto_symbols_base ON crypto_symbols (base_asset);

-- Price history; writing the same candle twice keeps one row. Turning it into
-- a TimescaleDB hypertable where the extension exists comes with backfill.
CREATE TABLE candles (
    symbol     VARCHAR(20)    NOT NULL,
    interval   VARCHAR(4)     NOT NULL,
    open_time  BIGINT         NOT NULL,
    open       DECIMAL(20, 8) NOT NULL,
    high       DECIMAL(20, 8) NOT NULL,
    low        DECIMAL(20, 8) NOT NULL,
    close      DECIMAL(20, 8) NOT NULL,
    volume     DECIMAL(20, 8) NOT NULL,
    PRIMARY KEY (symbol, interval, open_time)
);
