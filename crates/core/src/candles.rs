//! OHLCV candles in columnar form, and the CSV reader for them.
//!
//! The reader takes bytes (the caller does the I/O) with the header
//! `time,open,high,low,close,volume` (columns may come in any order and extra
//! columns are ignored). `time` is RFC 3339 UTC or integer epoch
//! milliseconds. Any broken row fails the whole read with its line and column.

use rayon::prelude::*;

/// Candles as parallel columns; `time` is epoch milliseconds, ascending.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Candles {
    /// Open time, epoch milliseconds UTC.
    pub time: Vec<i64>,
    /// Open prices.
    pub open: Vec<f64>,
    /// High prices.
    pub high: Vec<f64>,
    /// Low prices.
    pub low: Vec<f64>,
    /// Close prices.
    pub close: Vec<f64>,
    /// Base-asset volume.
    pub volume: Vec<f64>,
}

impl Candles {
    /// Number of candles.
    pub fn len(&self) -> usize {
        self.time.len()
    }

    /// Whether there are no candles.
    pub fn is_empty(&self) -> bool {
        self.time.is_empty()
    }

    /// A content hash of every column, used to fingerprint cached results.
    pub fn content_hash(&self) -> blake3::Hash {
        // Values go through a block buffer: one hasher update per 8 KiB, not
        // per value, keeps hashing a million candles in the low milliseconds.
        let mut h = blake3::Hasher::new();
        let mut buf = [0u8; 8192];
        let mut feed = |values: &mut dyn Iterator<Item = [u8; 8]>| {
            let mut used = 0;
            for v in values {
                buf[used..used + 8].copy_from_slice(&v);
                used += 8;
                if used == buf.len() {
                    h.update(&buf);
                    used = 0;
                }
            }
            h.update(&buf[..used]);
        };
        feed(&mut self.time.iter().map(|t| t.to_le_bytes()));
        for col in [&self.open, &self.high, &self.low, &self.close, &self.volume] {
            feed(&mut col.iter().map(|v| v.to_bits().to_le_bytes()));
        }
        h.finalize()
    }

    fn with_capacity(n: usize) -> Self {
        Candles {
            time: Vec::with_capacity(n),
            open: Vec::with_capacity(n),
            high: Vec::with_capacity(n),
            low: Vec::with_capacity(n),
            close: Vec::with_capacity(n),
            volume: Vec::with_capacity(n),
        }
    }

    fn push(&mut self, row: [f64; 5], time: i64) {
        self.time.push(time);
        self.open.push(row[0]);
        self.high.push(row[1]);
        self.low.push(row[2]);
        self.close.push(row[3]);
        self.volume.push(row[4]);
    }

    fn append(&mut self, other: Candles) {
        self.time.extend(other.time);
        self.open.extend(other.open);
        self.high.extend(other.high);
        self.low.extend(other.low);
        self.close.extend(other.close);
        self.volume.extend(other.volume);
    }
}

/// A CSV row or header that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct CsvError {
    /// 1-based line number in the file.
    pub line: usize,
    /// Column name (or `header`).
    pub column: String,
    /// What is wrong.
    pub message: String,
}

const COLUMNS: [&str; 6] = ["time", "open", "high", "low", "close", "volume"];

/// Reads the header: the position of each of [`COLUMNS`] and where the
/// body starts.
fn read_header(bytes: &[u8]) -> Result<(Layout, usize), CsvError> {
    let header_end = bytes
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(bytes.len());
    let header = std::str::from_utf8(&bytes[..header_end])
        .map_err(|_| CsvError {
            line: 1,
            column: "header".into(),
            message: "header is not UTF-8".into(),
        })?
        .trim_start_matches('\u{feff}')
        .trim_end_matches('\r');
    let names: Vec<&str> = header.split(',').map(str::trim).collect();
    let mut index = [0usize; 6];
    for (slot, col) in index.iter_mut().zip(COLUMNS) {
        *slot = names
            .iter()
            .position(|n| n.eq_ignore_ascii_case(col))
            .ok_or_else(|| CsvError {
                line: 1,
                column: col.into(),
                message: format!(
                    "missing column {col} in header (want {})",
                    COLUMNS.join(",")
                ),
            })?;
    }
    Ok((Layout::new(index), (header_end + 1).min(bytes.len())))
}

/// Parses candle CSV bytes. Large inputs are parsed on all cores.
pub fn parse_csv(bytes: &[u8]) -> Result<Candles, CsvError> {
    let (layout, body_start) = read_header(bytes)?;
    let body = &bytes[body_start..];

    // Split the body into chunks at line boundaries; parse them in parallel.
    let chunks = split_chunks(
        body,
        if body.len() > 1 << 20 {
            rayon::current_num_threads() * 4
        } else {
            1
        },
    );
    let counts: Vec<usize> = chunks.par_iter().map(|c| bytecount(c)).collect();
    let mut first_line = 2;
    let mut jobs = Vec::with_capacity(chunks.len());
    for (chunk, lines) in chunks.into_iter().zip(counts) {
        jobs.push((chunk, first_line));
        first_line += lines;
    }
    let starts: Vec<usize> = jobs.iter().map(|j| j.1).collect();
    // Each chunk checks time order within itself; order across chunks is checked below.
    let parts: Vec<Result<Candles, CsvError>> = jobs
        .into_par_iter()
        .map(|(chunk, line)| parse_chunk(chunk, line, &layout))
        .collect();
    let parts: Vec<Candles> = parts.into_iter().collect::<Result<_, _>>()?;
    let total = parts.iter().map(Candles::len).sum();
    let mut out = Candles::with_capacity(total);
    for (part, line) in parts.into_iter().zip(starts) {
        if let (Some(&prev), Some(&first)) = (out.time.last(), part.time.first()) {
            if first <= prev {
                return Err(backwards(line, prev, first));
            }
        }
        out.append(part);
    }
    Ok(out)
}

fn backwards(line: usize, prev: i64, t: i64) -> CsvError {
    CsvError {
        line,
        column: "time".into(),
        message: format!("time goes backwards or repeats ({t} after {prev}; times must increase)"),
    }
}

fn bytecount(chunk: &[u8]) -> usize {
    chunk.iter().filter(|&&b| b == b'\n').count()
}

fn split_chunks(body: &[u8], n: usize) -> Vec<&[u8]> {
    if n <= 1 || body.is_empty() {
        return vec![body];
    }
    let target = body.len() / n + 1;
    let mut out = Vec::with_capacity(n);
    let mut start = 0;
    while start < body.len() {
        let mut end = (start + target).min(body.len());
        while end < body.len() && body[end - 1] != b'\n' {
            end += 1;
        }
        out.push(&body[start..end]);
        start = end;
    }
    out
}

struct Layout {
    /// Column position of time, open, high, low, close, volume.
    index: [usize; 6],
    /// Highest position needed.
    width: usize,
}

impl Layout {
    fn new(index: [usize; 6]) -> Self {
        let width = index.iter().copied().max().unwrap_or(0) + 1;
        Self { index, width }
    }
}

fn parse_chunk(chunk: &[u8], first_line: usize, layout: &Layout) -> Result<Candles, CsvError> {
    // A typical row is 50-70 bytes; over-reserving a little is cheaper than regrowing.
    let mut out = Candles::with_capacity(chunk.len() / 40 + 1);
    let mut fields: Vec<&[u8]> = Vec::with_capacity(layout.width.max(6));
    let mut prev_time: Option<i64> = None;
    for (offset, raw) in chunk.split(|&b| b == b'\n').enumerate() {
        let line = first_line + offset;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.len() < 8 && raw.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        fields.clear();
        // Only the columns up to the last one needed are split off.
        fields.extend(
            raw.splitn(layout.width + 1, |&b| b == b',')
                .take(layout.width),
        );
        if fields.len() < layout.width {
            let missing = COLUMNS
                .iter()
                .zip(layout.index)
                .find(|(_, i)| *i >= fields.len())
                .map(|(c, _)| *c)
                .unwrap_or("volume");
            return Err(CsvError {
                line,
                column: missing.into(),
                message: format!("missing column {missing} (row has {} fields)", fields.len()),
            });
        }
        let time_field = fields[layout.index[0]];
        let time = parse_time(time_field).ok_or_else(|| CsvError {
            line,
            column: "time".into(),
            message: format!(
                "not an RFC 3339 UTC time or epoch milliseconds (got {:?})",
                String::from_utf8_lossy(time_field)
            ),
        })?;
        if let Some(prev) = prev_time {
            if time <= prev {
                return Err(backwards(line, prev, time));
            }
        }
        prev_time = Some(time);
        let mut row = [0f64; 5];
        for (k, slot) in row.iter_mut().enumerate() {
            let field = fields[layout.index[k + 1]];
            *slot = parse_number(field).ok_or_else(|| CsvError {
                line,
                column: COLUMNS[k + 1].into(),
                message: format!("not a number (got {:?})", String::from_utf8_lossy(field)),
            })?;
        }
        if row[1] < row[2] {
            return Err(CsvError {
                line,
                column: "high".into(),
                message: format!("high {} is below low {}", row[1], row[2]),
            });
        }
        out.push(row, time);
    }
    Ok(out)
}

/// One candle with exact decimal prices (what `history import` stores).
#[derive(Debug, Clone, PartialEq)]
pub struct DecimalCandle {
    /// Open time, epoch milliseconds UTC.
    pub time: i64,
    /// Open price.
    pub open: rust_decimal::Decimal,
    /// High price.
    pub high: rust_decimal::Decimal,
    /// Low price.
    pub low: rust_decimal::Decimal,
    /// Close price.
    pub close: rust_decimal::Decimal,
    /// Base-asset volume.
    pub volume: rust_decimal::Decimal,
}

/// Parses candle CSV bytes into exact decimals. Any broken row (a bad
/// number, a price ≤ 0, a negative volume, high below low, time not
/// increasing) fails the whole read with its line and column.
pub fn parse_csv_decimal(bytes: &[u8]) -> Result<Vec<DecimalCandle>, CsvError> {
    use rust_decimal::Decimal;
    let (layout, body_start) = read_header(bytes)?;
    let mut out = Vec::with_capacity(bytes.len() / 50 + 1);
    let mut prev: Option<i64> = None;
    for (offset, raw) in bytes[body_start..].split(|&b| b == b'\n').enumerate() {
        let line = offset + 2;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let fields: Vec<&[u8]> = raw.split(|&b| b == b',').collect();
        let field = |k: usize| -> Result<&[u8], CsvError> {
            fields
                .get(layout.index[k])
                .copied()
                .ok_or_else(|| CsvError {
                    line,
                    column: COLUMNS[k].into(),
                    message: format!(
                        "missing column {} (row has {} fields)",
                        COLUMNS[k],
                        fields.len()
                    ),
                })
        };
        let t = field(0)?;
        let time = parse_time(t).ok_or_else(|| CsvError {
            line,
            column: "time".into(),
            message: format!(
                "not an RFC 3339 UTC time or epoch milliseconds (got {:?})",
                String::from_utf8_lossy(t)
            ),
        })?;
        if let Some(p) = prev {
            if time <= p {
                return Err(backwards(line, p, time));
            }
        }
        prev = Some(time);
        let mut v = [Decimal::ZERO; 5];
        for (k, slot) in v.iter_mut().enumerate() {
            let f = field(k + 1)?;
            let text = std::str::from_utf8(f).unwrap_or("").trim();
            let bad = |message: String| CsvError {
                line,
                column: COLUMNS[k + 1].into(),
                message,
            };
            *slot = Decimal::from_str_exact(text)
                .map_err(|_| bad(format!("not a decimal number (got {text:?})")))?;
            if k < 4 && *slot <= Decimal::ZERO {
                return Err(bad(format!("must be > 0 (got {text})")));
            }
            if k == 4 && slot.is_sign_negative() {
                return Err(bad(format!("must be ≥ 0 (got {text})")));
            }
        }
        let [open, high, low, close, volume] = v;
        if high < low {
            return Err(CsvError {
                line,
                column: "high".into(),
                message: format!("high {high} is below low {low}"),
            });
        }
        out.push(DecimalCandle {
            time,
            open,
            high,
            low,
            close,
            volume,
        });
    }
    Ok(out)
}

fn parse_number(field: &[u8]) -> Option<f64> {
    let f = field.trim_ascii();
    let v: f64 = fast_float2::parse(f).ok()?;
    v.is_finite().then_some(v)
}

fn digits(b: &[u8]) -> Option<i64> {
    if b.is_empty() {
        return None;
    }
    let mut v: i64 = 0;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add(i64::from(c - b'0'))?;
    }
    Some(v)
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.fff]Z` (or any RFC 3339 offset) or epoch ms.
fn parse_time(field: &[u8]) -> Option<i64> {
    let f = field.trim_ascii();
    if let Some(ms) = digits(f) {
        return Some(ms);
    }
    // Fast path: exactly `YYYY-MM-DDTHH:MM:SSZ`.
    if f.len() == 20
        && f[4] == b'-'
        && f[7] == b'-'
        && (f[10] == b'T' || f[10] == b' ')
        && f[13] == b':'
        && f[16] == b':'
        && f[19] == b'Z'
    {
        let (y, mo, d) = (digits(&f[0..4])?, digits(&f[5..7])?, digits(&f[8..10])?);
        let (h, mi, s) = (
            digits(&f[11..13])?,
            digits(&f[14..16])?,
            digits(&f[17..19])?,
        );
        if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
            return None;
        }
        return Some((days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s) * 1000);
    }
    let text = std::str::from_utf8(f).ok()?;
    chrono::DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.timestamp_millis())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rfc3339_and_epoch_ms() {
        let csv = b"time,open,high,low,close,volume\n2023-01-01T00:00:00Z,1,2,0.5,1.5,10\n1672534800000,1.5,2,1,1.8,3\r\n2023-01-01T02:00:00+00:00,1.8,1.9,1.7,1.7,0\n";
        let c = parse_csv(csv).unwrap();
        assert_eq!(
            c.time,
            vec![1_672_531_200_000, 1_672_534_800_000, 1_672_538_400_000]
        );
        assert_eq!(c.close, vec![1.5, 1.8, 1.7]);
    }

    #[test]
    fn columns_in_any_order_with_extras() {
        let csv = b"close,time,extra,volume,low,high,open\n1,2023-01-01T00:00:00Z,x,5,0.5,2,1\n";
        let c = parse_csv(csv).unwrap();
        assert_eq!(
            (c.open[0], c.high[0], c.low[0], c.close[0], c.volume[0]),
            (1.0, 2.0, 0.5, 1.0, 5.0)
        );
    }

    #[test]
    fn decimal_rows_are_exact_and_bad_rows_name_line_and_column() {
        let ok = parse_csv_decimal(
            b"\xef\xbb\xbftime,open,high,low,close,volume\r\n2024-01-01T00:00:00Z,1.1,2.123456789,0.5,1.9,0\r\n1704070800000,2,3,1,2,7.25\r\n",
        )
        .unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[0].high.to_string(), "2.123456789");
        assert_eq!(ok[1].time, 1_704_070_800_000);
        let e = parse_csv_decimal(b"time,open,high,low,close,volume\n1,1,2,1,1,1\n2,1,2,1,x,1\n")
            .unwrap_err();
        assert_eq!((e.line, e.column.as_str()), (3, "close"));
        let e = parse_csv_decimal(b"time,open,high,low,close,volume\n1,0,2,1,1,1\n").unwrap_err();
        assert_eq!((e.line, e.column.as_str()), (2, "open"));
        let e = parse_csv_decimal(b"time,open,high,low,close,volume\n1,1,2,3,1,1\n").unwrap_err();
        assert_eq!((e.line, e.column.as_str()), (2, "high"));
        let e = parse_csv_decimal(b"time,open,high,low,close,volume\n5,1,2,1,1,1\n4,1,2,1,1,1\n")
            .unwrap_err();
        assert_eq!((e.line, e.column.as_str()), (3, "time"));
        let e = parse_csv_decimal(b"time,open,high,close,volume\n").unwrap_err();
        assert_eq!((e.line, e.column.as_str()), (1, "low"));
    }

    fn err(csv: &str) -> CsvError {
        parse_csv(csv.as_bytes()).unwrap_err()
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = err("time,open,high,low,volume\n");
        assert_eq!((e.line, e.column.as_str()), (1, "close"));
        let e = err("time,open,high,low,close,volume\n2023-01-01T00:00:00Z,1,2,0.5,abc,1\n");
        assert_eq!((e.line, e.column.as_str()), (2, "close"));
        let e = err("time,open,high,low,close,volume\n2023-01-01T00:00:00Z,1,2,0.5,1\n");
        assert_eq!((e.line, e.column.as_str()), (2, "volume"));
        let e = err("time,open,high,low,close,volume\n2023-01-01T01:00:00Z,1,2,0.5,1,1\n2023-01-01T00:00:00Z,1,2,0.5,1,1\n");
        assert_eq!((e.line, e.column.as_str()), (3, "time"));
        let e = err("time,open,high,low,close,volume\n2023-01-01T01:00:00Z,1,0.5,2,1,1\n");
        assert_eq!((e.line, e.column.as_str()), (2, "high"));
        let e = err("time,open,high,low,close,volume\nyesterday,1,2,0.5,1,1\n");
        assert_eq!((e.line, e.column.as_str()), (2, "time"));
        let e = err("time,open,high,low,close,volume\n2023-01-01T01:00:00Z,NaN,2,0.5,1,1\n");
        assert_eq!((e.line, e.column.as_str()), (2, "open"));
    }

    #[test]
    fn parallel_chunks_keep_line_numbers_and_order() {
        let mut csv = String::from("time,open,high,low,close,volume\n");
        for i in 0..60_000i64 {
            csv.push_str(&format!(
                "{},1,2,0.5,{},1\n",
                1_600_000_000_000 + i * 3_600_000,
                i
            ));
        }
        let c = parse_csv(csv.as_bytes()).unwrap();
        assert_eq!(c.len(), 60_000);
        assert!(c.time.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(c.close[59_999], 59_999.0);
        // A bad row deep in a later chunk reports its own line.
        let bad = csv.replacen(",1,2,0.5,50000,1\n", ",1,2,0.5,oops,1\n", 1);
        let e = parse_csv(bad.as_bytes()).unwrap_err();
        assert_eq!((e.line, e.column.as_str()), (50_002, "close"));
        // Time going backwards across a chunk boundary is caught too.
        let mut rows: Vec<&str> = csv.lines().collect();
        rows.swap(30_000, 30_001);
        let swapped = rows.join("\n");
        assert_eq!(parse_csv(swapped.as_bytes()).unwrap_err().column, "time");
    }
}

/// Deterministic synthetic hourly candles (a random walk with drift and
/// volatility regimes), for benchmarks and side-by-side comparisons.
pub fn synthetic(n: usize, seed: u64) -> Candles {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        // xorshift64*: uniform in [0, 1)
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut c = Candles::with_capacity(n);
    let start = 1_577_836_800_000i64; // 2020-01-01T00:00:00Z
    let mut price = 30_000.0f64;
    for i in 0..n {
        let vol = if (i / 2000) % 3 == 0 { 0.012 } else { 0.006 };
        let open = price;
        let ret = (next() - 0.5) * 2.0 * vol + 0.00002;
        let close = (open * (1.0 + ret)).max(1.0);
        let high = open.max(close) * (1.0 + next() * vol * 0.5);
        let low = open.min(close) * (1.0 - next() * vol * 0.5);
        // Two decimals, like exchange prices.
        let r = |x: f64| (x * 100.0).round() / 100.0;
        let (o, h, l, cl) = (r(open), r(high), r(low), r(close));
        c.time.push(start + i as i64 * 3_600_000);
        c.open.push(o);
        c.high.push(h.max(o).max(cl));
        c.low.push(l.min(o).min(cl));
        c.close.push(cl);
        c.volume.push(r(10.0 + next() * 1000.0));
        price = cl;
    }
    c
}

/// Writes candles as CSV (`time` in RFC 3339 UTC) into `out`.
pub fn write_csv(c: &Candles, out: &mut impl std::io::Write) -> std::io::Result<()> {
    writeln!(out, "time,open,high,low,close,volume")?;
    for i in 0..c.len() {
        let t = chrono::DateTime::from_timestamp_millis(c.time[i])
            .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
            .unwrap_or_default();
        writeln!(
            out,
            "{t},{},{},{},{},{}",
            c.open[i], c.high[i], c.low[i], c.close[i], c.volume[i]
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod synthetic_tests {
    use super::*;

    #[test]
    fn synthetic_round_trips_through_csv() {
        let c = synthetic(5000, 7);
        assert_eq!(c, synthetic(5000, 7), "deterministic");
        assert!((0..c.len()).all(
            |i| c.low[i] <= c.open[i].min(c.close[i]) && c.high[i] >= c.open[i].max(c.close[i])
        ));
        let mut buf = Vec::new();
        write_csv(&c, &mut buf).unwrap();
        assert_eq!(parse_csv(&buf).unwrap(), c);
    }
}
