-- Candle open times become instants (TIMESTAMPTZ) instead of epoch
-- milliseconds; the key (symbol, interval, open_time) stays, so writing a
-- candle twice still keeps one row. Existing rows move forward exactly.
ALTER TABLE candles
    ALTER COLUMN open_time TYPE TIMESTAMPTZ
    USING TIMESTAMPTZ 'epoch' + open_time * INTERVAL '1 millisecond';
