-- Candle open times become instants (TIMESTAMPTZ) instead of epoch
-- milliseconds; the key (symbol, interval, open_time) stays, so writing a
-- candle twice still keeps one row. Existing rows move forward exactly.
ALTER TABLE candles
    ALTER COLUMN open_time TYPE TIMESTAMPTZ
    USING TIMESTAMPTZ 'epoch' + open_time * INTERVAL '1 millisecond';

-- Volumes of big-supply coins exceed NUMERIC(20,8) (1e12) over a day or a
-- week: keep 38 digits there.
ALTER TABLE candles ALTER COLUMN volume TYPE NUMERIC(38, 8);
