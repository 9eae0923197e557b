-- Rollups of the 1-minute candles into hours and days, kept by the store as
-- candles arrive (SQLite has no materialized views). Same columns as
-- PostgreSQL's candles_1h / candles_1d aggregates: bucket is the bucket's
-- start in epoch milliseconds (UTC), prices INTEGER 10^-8 units as in
-- candles. Existing 1-minute candles are rolled up on the next start.
CREATE TABLE candles_1h (
    symbol  TEXT    NOT NULL,
    bucket  INTEGER NOT NULL,
    open    INTEGER NOT NULL,
    high    INTEGER NOT NULL,
    low     INTEGER NOT NULL,
    close   INTEGER NOT NULL,
    volume  TEXT    NOT NULL,
    PRIMARY KEY (symbol, bucket)
) WITHOUT ROWID;

CREATE TABLE candles_1d (
    symbol  TEXT    NOT NULL,
    bucket  INTEGER NOT NULL,
    open    INTEGER NOT NULL,
    high    INTEGER NOT NULL,
    low     INTEGER NOT NULL,
    close   INTEGER NOT NULL,
    volume  TEXT    NOT NULL,
    PRIMARY KEY (symbol, bucket)
) WITHOUT ROWID;
