//! Technical indicators on `f64` series, following the classic definitions
//! (TA-Lib's, except MACD, see [`macd`]). A value is `NaN` while undefined
//! (during warm-up); every output has the input's length.

/// Simple moving average: mean of the last `n` values, defined from index `n-1`.
pub fn sma(x: &[f64], n: usize) -> Vec<f64> {
    if n == 0 || x.len() < n {
        return vec![f64::NAN; x.len()];
    }
    // Each value written once (no NaN pre-fill of the whole vector).
    let mut out = Vec::with_capacity(x.len());
    out.resize(n - 1, f64::NAN);
    // A rolling sum, re-anchored with an exact window sum every ANCHOR bars so
    // rounding cannot drift on long series.
    let nf = n as f64;
    let mut start = n - 1;
    while start < x.len() {
        let end = (start + ANCHOR).min(x.len());
        let mut sum: f64 = x[start + 1 - n..=start].iter().sum();
        out.push(sum / nf);
        let added = &x[start + 1..end];
        let dropped = &x[start + 1 - n..end - n];
        out.extend(added.iter().zip(dropped).map(|(a, d)| {
            sum += a - d;
            sum / nf
        }));
        start = end;
    }
    out
}

/// Bars between exact re-anchorings of rolling sums.
const ANCHOR: usize = 4096;

/// The values of [`sma`] from index `start` on, one at a time and without
/// allocating, bit-identical to [`sma`] (same re-anchoring schedule).
#[derive(Debug, Clone)]
pub struct RollingMean<'a> {
    x: &'a [f64],
    n: usize,
    nf: f64,
    /// Index of the next value.
    i: usize,
    sum: f64,
}

impl<'a> RollingMean<'a> {
    /// Means of windows of `n` (`n >= 1`) ending at `start`, `start + 1`, ...
    /// (`start >= n - 1`).
    pub fn starting_at(x: &'a [f64], n: usize, start: usize) -> Self {
        let n = n.max(1);
        let start = start.max(n - 1);
        let exact = |end: usize| x[end + 1 - n..=end].iter().sum::<f64>();
        let mut sum = 0.0;
        if start < x.len() {
            if start == n - 1 {
                sum = exact(start);
            } else {
                // `next` continues from the sum at `start - 1`: replay it from
                // the last anchor so it is the very sum `sma` has there.
                let prev = start - 1;
                let anchor = n - 1 + (prev - (n - 1)) / ANCHOR * ANCHOR;
                sum = exact(anchor);
                for j in anchor + 1..=prev {
                    sum += x[j] - x[j - n];
                }
            }
        }
        Self {
            x,
            n,
            nf: n as f64,
            i: start,
            sum,
        }
    }
}

impl Iterator for RollingMean<'_> {
    type Item = f64;

    #[inline]
    fn next(&mut self) -> Option<f64> {
        let (i, n) = (self.i, self.n);
        if i >= self.x.len() {
            return None;
        }
        if i > self.n - 1 {
            if (i - (n - 1)) % ANCHOR == 0 {
                self.sum = self.x[i + 1 - n..=i].iter().sum();
            } else {
                self.sum += self.x[i] - self.x[i - n];
            }
        }
        self.i += 1;
        Some(self.sum / self.nf)
    }
}

/// Exponential moving average with `alpha = 2/(n+1)`, seeded at index `n-1`
/// with the SMA of the first `n` values.
pub fn ema(x: &[f64], n: usize) -> Vec<f64> {
    ema_from(x, n, 0)
}

/// EMA of `x[start..]` (for series that are themselves undefined before `start`).
fn ema_from(x: &[f64], n: usize, start: usize) -> Vec<f64> {
    let mut out = vec![f64::NAN; x.len()];
    if n == 0 || x.len() < start + n {
        return out;
    }
    let alpha = 2.0 / (n as f64 + 1.0);
    let seed_at = start + n - 1;
    let mut e = x[start..=seed_at].iter().sum::<f64>() / n as f64;
    out[seed_at] = e;
    for i in seed_at + 1..x.len() {
        e += alpha * (x[i] - e);
        out[i] = e;
    }
    out
}

fn rsi_value(g: f64, l: f64) -> f64 {
    if l == 0.0 {
        if g == 0.0 {
            50.0
        } else {
            100.0
        }
    } else {
        100.0 * g / (g + l)
    }
}

/// Wilder's RSI: average gain/loss seeded at index `n` with the simple means of
/// the first `n` changes, then smoothed `(prev*(n-1) + cur)/n`.
/// No change at all gives 50.
pub fn rsi(x: &[f64], n: usize) -> Vec<f64> {
    let mut out = vec![f64::NAN; x.len()];
    if n == 0 || x.len() <= n {
        return out;
    }
    let (mut g, mut l) = (0.0, 0.0);
    for i in 1..=n {
        let d = x[i] - x[i - 1];
        if d > 0.0 {
            g += d;
        } else {
            l -= d;
        }
    }
    let nf = n as f64;
    g /= nf;
    l /= nf;
    out[n] = rsi_value(g, l);
    for i in n + 1..x.len() {
        let d = x[i] - x[i - 1];
        let (gain, loss) = if d > 0.0 { (d, 0.0) } else { (0.0, -d) };
        g = (g * (nf - 1.0) + gain) / nf;
        l = (l * (nf - 1.0) + loss) / nf;
        out[i] = rsi_value(g, l);
    }
    out
}

/// MACD line, signal and histogram.
#[derive(Debug, Clone, PartialEq)]
pub struct Macd {
    /// EMA(fast) − EMA(slow), defined from index `slow-1`.
    pub line: Vec<f64>,
    /// EMA(signal) of the line seeded with the mean of its first `signal`
    /// values, defined from index `slow+signal-2`.
    pub signal: Vec<f64>,
    /// line − signal.
    pub hist: Vec<f64>,
}

/// MACD with both EMAs seeded by their own SMA (so the fast EMA starts at
/// `fast-1`, unlike TA-Lib, which starts it later).
pub fn macd(x: &[f64], fast: usize, slow: usize, signal: usize) -> Macd {
    macd_from_emas(&ema(x, fast), &ema(x, slow), fast, slow, signal)
}

/// [`macd`] from already computed `ema(x, fast)` and `ema(x, slow)`.
pub fn macd_from_emas(f: &[f64], s: &[f64], fast: usize, slow: usize, signal: usize) -> Macd {
    let line: Vec<f64> = f.iter().zip(s).map(|(a, b)| a - b).collect();
    let start = fast.max(slow).saturating_sub(1);
    let sig = ema_from(&line, signal, start);
    let hist = line.iter().zip(&sig).map(|(a, b)| a - b).collect();
    Macd {
        line,
        signal: sig,
        hist,
    }
}

/// Bollinger bands.
#[derive(Debug, Clone, PartialEq)]
pub struct Bollinger {
    /// middle + k·σ.
    pub upper: Vec<f64>,
    /// SMA(n).
    pub middle: Vec<f64>,
    /// middle − k·σ.
    pub lower: Vec<f64>,
}

/// Bollinger bands with the population standard deviation of the last `n`
/// values; σ is never NaN (tiny negative variances are clamped to 0).
pub fn bollinger(x: &[f64], n: usize, k: f64) -> Bollinger {
    bollinger_with_middle(x, n, k, sma(x, n))
}

/// [`bollinger`] reusing an already computed `middle` (= `sma(x, n)`).
pub fn bollinger_with_middle(x: &[f64], n: usize, k: f64, middle: Vec<f64>) -> Bollinger {
    let len = x.len();
    let mut upper = vec![f64::NAN; len];
    let mut lower = vec![f64::NAN; len];
    if n == 0 || len < n {
        return Bollinger {
            upper,
            middle,
            lower,
        };
    }
    // Sliding-window Welford update of the mean and the sum of squared
    // deviations, re-anchored with an exact two-pass pass every 1024 bars.
    let nf = n as f64;
    let exact = |w: &[f64]| {
        let m = w.iter().sum::<f64>() / nf;
        (m, w.iter().map(|v| (v - m) * (v - m)).sum::<f64>())
    };
    let (mut mean, mut m2) = exact(&x[..n]);
    for i in n - 1..len {
        if n == 1 {
            m2 = 0.0;
        } else if i >= n {
            if i % 1024 == 0 {
                (mean, m2) = exact(&x[i + 1 - n..=i]);
            } else {
                let (a, b) = (x[i], x[i - n]);
                let new_mean = mean + (a - b) / nf;
                m2 += (a - b) * (a - new_mean + b - mean);
                mean = new_mean;
            }
        }
        let sd = (m2 / nf).max(0.0).sqrt();
        upper[i] = middle[i] + k * sd;
        lower[i] = middle[i] - k * sd;
    }
    Bollinger {
        upper,
        middle,
        lower,
    }
}

/// Wilder's ATR: `TR[i] = max(h-l, |h-c[i-1]|, |l-c[i-1]|)` for `i >= 1`;
/// ATR at index `n` is the mean of `TR[1..=n]`, then `(ATR*(n-1) + TR)/n`.
pub fn atr(high: &[f64], low: &[f64], close: &[f64], n: usize) -> Vec<f64> {
    let len = close.len().min(high.len()).min(low.len());
    let mut out = vec![f64::NAN; close.len()];
    if n == 0 || len <= n {
        return out;
    }
    let tr = |i: usize| {
        let pc = close[i - 1];
        (high[i] - low[i])
            .max((high[i] - pc).abs())
            .max((low[i] - pc).abs())
    };
    let nf = n as f64;
    let mut a = (1..=n).map(tr).sum::<f64>() / nf;
    out[n] = a;
    for (i, slot) in out.iter_mut().enumerate().take(len).skip(n + 1) {
        a = (a * (nf - 1.0) + tr(i)) / nf;
        *slot = a;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::prop_assert_eq;

    fn close(a: f64, b: f64) -> bool {
        (a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
    }

    fn assert_series(got: &[f64], want: &[f64]) {
        assert_eq!(got.len(), want.len());
        for (i, (g, w)) in got.iter().zip(want).enumerate() {
            assert!(close(*g, *w), "index {i}: got {g}, want {w}");
        }
    }

    const N: f64 = f64::NAN;

    #[test]
    fn sma_by_hand() {
        assert_series(&sma(&[1., 2., 3., 4., 5.], 3), &[N, N, 2., 3., 4.]);
        assert_series(&sma(&[1., 2.], 3), &[N, N]);
        assert_series(&sma(&[7.; 4], 2), &[N, 7., 7., 7.]);
    }

    #[test]
    fn ema_by_hand() {
        // alpha = 0.5; seed = mean(1,2,3) = 2 at index 2; then 2+0.5*(4-2)=3; 3+0.5*(8-3)=5.5
        assert_series(&ema(&[1., 2., 3., 4., 8.], 3), &[N, N, 2., 3., 5.5]);
        assert_series(&ema(&[1., 2.], 3), &[N, N]);
    }

    #[test]
    fn rsi_by_hand() {
        // changes: +1, -2, +3, +1 ; n = 2: G=(1+0)/2=0.5, L=(0+2)/2=1 at index 2 -> 33.33
        // index 3: G=(0.5*1+3)/2=1.75, L=(1*1+0)/2=0.5 -> 77.78
        // index 4: G=(1.75+1)/2=1.375, L=0.25 -> 84.615...
        let r = rsi(&[10., 11., 9., 12., 13.], 2);
        assert_series(
            &r,
            &[N, N, 100. / 3., 100. * 1.75 / 2.25, 100. * 1.375 / 1.625],
        );
        assert_series(&rsi(&[5.; 4], 2), &[N, N, 50., 50.]);
        assert_series(&rsi(&[1., 2., 3., 4.], 2), &[N, N, 100., 100.]);
        assert_series(&rsi(&[4., 3., 2., 1.], 2), &[N, N, 0., 0.]);
        assert_series(&rsi(&[1., 2.], 2), &[N, N]);
    }

    #[test]
    fn macd_warmup_and_values() {
        let x: Vec<f64> = (0..60)
            .map(|i| 100.0 + (i as f64 * 0.7).sin() * 5.0 + i as f64 * 0.1)
            .collect();
        let m = macd(&x, 12, 26, 9);
        assert!(m.line[24].is_nan() && !m.line[25].is_nan());
        assert!(m.signal[32].is_nan() && !m.signal[33].is_nan());
        let e12 = ema(&x, 12);
        let e26 = ema(&x, 26);
        assert!(close(m.line[40], e12[40] - e26[40]));
        let seed: f64 = m.line[25..=33].iter().sum::<f64>() / 9.0;
        assert!(close(m.signal[33], seed));
        assert!(close(m.signal[34], seed + 0.2 * (m.line[34] - seed)));
        assert!(close(m.hist[50], m.line[50] - m.signal[50]));
    }

    #[test]
    fn bollinger_by_hand() {
        // window (2,4,4,4,5,5,7,9): mean 5, population sd 2
        let x = [2., 4., 4., 4., 5., 5., 7., 9.];
        let b = bollinger(&x, 8, 2.0);
        assert!(close(b.middle[7], 5.0) && close(b.upper[7], 9.0) && close(b.lower[7], 1.0));
        let flat = bollinger(&[3.3; 30], 20, 2.0);
        assert!(flat.upper[25] == 3.3 || close(flat.upper[25], 3.3));
        assert!(!flat.lower[29].is_nan());
    }

    #[test]
    fn atr_by_hand() {
        let h = [10., 12., 11., 15.];
        let l = [8., 9., 9., 12.];
        let c = [9., 11., 10., 14.];
        // TR1 = max(3, |12-9|, |9-9|) = 3; TR2 = max(2, 0, 2) = 2; TR3 = max(3, 5, 2) = 5
        // n=2: ATR[2] = 2.5; ATR[3] = (2.5 + 5)/2 = 3.75
        assert_series(&atr(&h, &l, &c, 2), &[N, N, 2.5, 3.75]);
    }

    proptest! {
        #[test]
        fn rolling_mean_iterator_is_bit_identical_to_sma(x in prop::collection::vec(1.0f64..100_000.0, 1..10_000), n in 1usize..60, skip in 0usize..9000) {
            let s = sma(&x, n);
            let start = (n - 1 + skip).min(x.len());
            let it: Vec<f64> = RollingMean::starting_at(&x, n, start).collect();
            prop_assert_eq!(it.len(), x.len().saturating_sub(start.max(n - 1)));
            for (k, v) in it.iter().enumerate() {
                prop_assert_eq!(v.to_bits(), s[start.max(n - 1) + k].to_bits());
            }
        }

        #[test]
        fn rolling_sma_equals_naive_mean(x in prop::collection::vec(1.0f64..100_000.0, 1..400), n in 1usize..50) {
            let s = sma(&x, n);
            for i in 0..x.len() {
                if i + 1 < n { prop_assert!(s[i].is_nan()); continue; }
                let naive = x[i + 1 - n..=i].iter().sum::<f64>() / n as f64;
                prop_assert!((s[i] - naive).abs() <= 1e-9 * naive.abs().max(1.0));
            }
        }

        #[test]
        fn bollinger_matches_naive(x in prop::collection::vec(1.0f64..100_000.0, 1..300), n in 1usize..40) {
            let b = bollinger(&x, n, 2.0);
            for i in (n.max(1) - 1)..x.len() {
                let w = &x[i + 1 - n..=i];
                let m = w.iter().sum::<f64>() / n as f64;
                let sd = (w.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / n as f64).sqrt();
                prop_assert!(!b.upper[i].is_nan());
                // A rolling variance loses digits relative to the largest value that
                // passed through the window recently, never more.
                let scale = x[i.saturating_sub(n)..=i].iter().fold(1.0f64, |a, v| a.max(v.abs()));
                prop_assert!((b.upper[i] - (m + 2.0 * sd)).abs() <= 1e-8 * scale, "{} vs {}", b.upper[i], m + 2.0 * sd);
            }
        }

        #[test]
        fn rsi_in_range(x in prop::collection::vec(1.0f64..1000.0, 2..200), n in 1usize..30) {
            for v in rsi(&x, n).into_iter().filter(|v| !v.is_nan()) {
                prop_assert!((0.0..=100.0).contains(&v));
            }
        }
    }
}
