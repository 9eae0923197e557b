"""Whole-process timings of Cryptodesk's backtester beside backtesting.py and
vectorbt on the same generated candles, printed as a Markdown table of
ratios from one run (so machine noise hits all tools alike).

    python -m venv .venv && .venv/bin/pip install backtesting vectorbt
    .venv/bin/python bench/compare.py

It builds `cryptodesk` in release mode, writes the candles with
`cryptodesk synth-candles` into target/bench/, and times:
  * cryptodesk (whole process: read CSV, compute, print JSON), best of 5;
  * backtesting.py (read CSV + FractionalBacktest.run), best of 3, on 100k
    candles (1M takes minutes), compared with cryptodesk on the same 100k;
  * vectorbt (read CSV + SMAs + Portfolio.from_signals with next-open fills),
    best of 3 after a warm-up run that pays numba's compilation.
"""

import os
import pathlib
import subprocess
import sys
import time
import warnings

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "target" / "bench"
EXE = ROOT / "target" / "release" / "cryptodesk"


def sh(*args, stdout=None):
    subprocess.run(args, check=True, stdout=stdout, cwd=ROOT)


def best_of(n, fn):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def candles(rows, seed):
    path = OUT / f"candles_{rows}_{seed}.csv"
    if not path.exists():
        with open(path, "w") as f:
            sh(str(EXE), "synth-candles", "--rows", str(rows), "--seed", str(seed), stdout=f)
    return path


def cryptodesk(*args):
    return lambda: sh(str(EXE), *args, stdout=subprocess.DEVNULL)


def cryptodesk_compute(*args, runs=5):
    """Best compute-only time (ms → s) reported by `--timings`."""
    best = float("inf")
    for _ in range(runs):
        err = subprocess.run([str(EXE), *args, "--timings"], check=True, cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True).stderr
        line = [l for l in err.splitlines() if l.startswith("timings:")][-1]
        compute = float(line.split("compute ")[1].split(" ms")[0])
        best = min(best, compute / 1e3)
    return best


def backtesting_py(path):
    import pandas as pd
    from backtesting import Strategy
    from backtesting.lib import FractionalBacktest

    def sma(x, n):
        return pd.Series(x).rolling(n).mean().to_numpy()

    class SmaCross(Strategy):
        def init(self):
            self.f = self.I(sma, self.data.Close, 10)
            self.s = self.I(sma, self.data.Close, 30)

        def next(self):
            if len(self.f) < 2:
                return
            f0, f1, s0, s1 = self.f[-2], self.f[-1], self.s[-2], self.s[-1]
            if not self.position and f1 > s1 and f0 <= s0:
                self.buy(size=1 - 1e-12)
            elif self.position and f1 < s1 and f0 >= s0:
                self.position.close()

    loaded = pd.read_csv(path, parse_dates=["time"], index_col="time").rename(columns=str.capitalize)

    def compute(df):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            FractionalBacktest(df, SmaCross, cash=10_000, commission=0.001, trade_on_close=False,
                               finalize_trades=False, fractional_unit=1e-12).run()

    def whole():
        compute(pd.read_csv(path, parse_dates=["time"], index_col="time").rename(columns=str.capitalize))

    return whole, lambda: compute(loaded)


def vectorbt(path):
    import numpy as np
    import pandas as pd
    import vectorbt as vbt

    def compute(df):
        # vectorbt's documented `fast.ma_crossed_above(slow)` spends ~9 s of
        # 13 s aligning the two indicators' column indexes on 1M rows; the
        # crossings are done in numpy instead, so vectorbt is measured at its
        # fastest.
        f = vbt.MA.run(df["close"], 10).ma.to_numpy()
        s = vbt.MA.run(df["close"], 30).ma.to_numpy()
        up = np.zeros(len(f), dtype=bool)
        down = np.zeros(len(f), dtype=bool)
        up[1:] = (f[1:] > s[1:]) & (f[:-1] <= s[:-1])
        down[1:] = (f[1:] < s[1:]) & (f[:-1] >= s[:-1])
        # signal on bar i's close, filled at bar i+1's open
        entries = np.roll(up, 1)
        exits = np.roll(down, 1)
        entries[0] = exits[0] = False
        pf = vbt.Portfolio.from_signals(df["close"].to_numpy(), entries, exits, price=df["open"].to_numpy(),
                                        fees=0.001, init_cash=10_000)
        pf.final_value()

    loaded = pd.read_csv(path, parse_dates=["time"], index_col="time")

    def whole():
        compute(pd.read_csv(path, parse_dates=["time"], index_col="time"))

    return whole, lambda: compute(loaded)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    sh("cargo", "build", "--release", "--locked", "-p", "cryptodesk-cli")
    big, small = candles(1_000_000, 1), candles(100_000, 1)
    grid_files = [candles(17_520, s) for s in (1, 2, 3)]
    sma_args = ["--strategy", "sma-cross", "--param", "fast=10", "--param", "slow=30", "--cash", "10000",
                "--fee", "0.001", "--format", "json"]
    rows = []
    cd_big = best_of(5, cryptodesk("backtest", "--candles", str(big), *sma_args))
    cd_small = best_of(5, cryptodesk("backtest", "--candles", str(small), *sma_args))
    cd_big_compute = cryptodesk_compute("backtest", "--candles", str(big), *sma_args)
    cd_small_compute = cryptodesk_compute("backtest", "--candles", str(small), *sma_args)
    grid = ["backtest", *sum((["--candles", str(f)] for f in grid_files), []), "--strategy", "sma-cross",
            "--grid", "fast=5..50:5", "--grid", "slow=20..200:20", "--format", "json"]
    cd_grid = best_of(5, cryptodesk(*grid))
    cd_ind = best_of(5, cryptodesk("indicators", "--candles", str(big), "--format", "csv"))
    cd_ind_compute = cryptodesk_compute("indicators", "--candles", str(big), "--format", "csv")
    rows.append(("cryptodesk sma-cross, 1M candles, whole process (read CSV, compute, print JSON)", cd_big, None))
    rows.append(("cryptodesk sma-cross, 1M candles, compute only", cd_big_compute, None))
    rows.append(("cryptodesk 11 indicator columns, 1M candles, whole process (CSV out)", cd_ind, None))
    rows.append(("cryptodesk 11 indicator columns, 1M candles, compute only", cd_ind_compute, None))
    rows.append(("cryptodesk grid 100 params x 3 files x 17,520, whole process", cd_grid, None))

    bp_whole, bp_compute = backtesting_py(small)
    rows.append(("backtesting.py sma-cross, 100k candles, read CSV + run", best_of(3, bp_whole), cd_small))
    rows.append(("backtesting.py sma-cross, 100k candles, run only", best_of(3, bp_compute), cd_small_compute))

    vb_whole, vb_compute = vectorbt(big)
    vb_compute()  # numba compiles on first use
    rows.append(("vectorbt sma-cross, 1M candles, read CSV + run", best_of(3, vb_whole), cd_big))
    rows.append(("vectorbt sma-cross, 1M candles, run only (after JIT warm-up)", best_of(3, vb_compute), cd_big_compute))

    print("| run | seconds | cryptodesk is … × faster (same size, same kind of timing) |")
    print("|---|---:|---:|")
    for name, t, ours in rows:
        ratio = f"{t / ours:.1f}" if ours else "—"
        print(f"| {name} | {t:.3f} | {ratio} |")
    print(f"\ncryptodesk sma-cross on the same 100k candles: {cd_small:.3f} s whole, "
          f"{cd_small_compute * 1e3:.1f} ms compute", file=sys.stderr)
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}", file=sys.stderr)


if __name__ == "__main__":
    main()
