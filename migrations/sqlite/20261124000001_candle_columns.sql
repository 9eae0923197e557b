-- Candle prices become INTEGER counts of 10^-8 units (NUMERIC(20,8) on
-- PostgreSQL), so max/min, ordering and comparisons are exact: decimal text
-- compares as strings ("9" > "10"). Open times stay epoch milliseconds (UTC);
-- the key (symbol, interval, open_time) stays. Existing rows move forward
-- exactly, digit by digit (decimals past the 8th are dropped).
CREATE TABLE candles_v2 (
    symbol     TEXT    NOT NULL,
    interval   TEXT    NOT NULL,
    open_time  INTEGER NOT NULL,
    open       INTEGER NOT NULL,
    high       INTEGER NOT NULL,
    low        INTEGER NOT NULL,
    close      INTEGER NOT NULL,
    volume     TEXT    NOT NULL,
    PRIMARY KEY (symbol, interval, open_time)
) WITHOUT ROWID;

INSERT INTO candles_v2 (symbol, interval, open_time, open, high, low, close, volume)
SELECT symbol, interval, open_time,
    CASE WHEN instr(open, '.') = 0 THEN CAST(open AS INTEGER) * 100000000
         ELSE CAST(substr(open, 1, instr(open, '.') - 1) AS INTEGER) * 100000000
              + CAST(substr(substr(open, instr(open, '.') + 1) || '00000000', 1, 8) AS INTEGER) END,
    CASE WHEN instr(high, '.') = 0 THEN CAST(high AS INTEGER) * 100000000
         ELSE CAST(substr(high, 1, instr(high, '.') - 1) AS INTEGER) * 100000000
              + CAST(substr(substr(high, instr(high, '.') + 1) || '00000000', 1, 8) AS INTEGER) END,
    CASE WHEN instr(low, '.') = 0 THEN CAST(low AS INTEGER) * 100000000
         ELSE CAST(substr(low, 1, instr(low, '.') - 1) AS INTEGER) * 100000000
              + CAST(substr(substr(low, instr(low, '.') + 1) || '00000000', 1, 8) AS INTEGER) END,
    CASE WHEN instr(close, '.') = 0 THEN CAST(close AS INTEGER) * 100000000
         ELSE CAST(substr(close, 1, instr(close, '.') - 1) AS INTEGER) * 100000000
              + CAST(substr(substr(close, instr(close, '.') + 1) || '00000000', 1, 8) AS INTEGER) END,
    volume
FROM candles;

DROP TABLE candles;
ALTER TABLE candles_v2 RENAME TO candles;
