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

    def run():
        df = pd.read_csv(path, parse_dates=["time"], index_col="time").rename(columns=str.capitalize)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            FractionalBacktest(df, SmaCross, cash=10_000, commission=0.001, trade_on_close=False,
                               finalize_trades=False, fractional_unit=1e-12).run()

    return run


def vectorbt(path):
    import pandas as pd
    import vectorbt as vbt

    def run():
        df = pd.read_csv(path, parse_dates=["time"], index_col="time")
        fast = vbt.MA.run(df["close"], 10)
        slow = vbt.MA.run(df["close"], 30)
        entries = fast.ma_crossed_above(slow).shift(1, fill_value=False)
        exits = fast.ma_crossed_below(slow).shift(1, fill_value=False)
        pf = vbt.Portfolio.from_signals(df["close"], entries, exits, price=df["open"], fees=0.001,
                                        init_cash=10_000, freq="1h")
        pf.final_value()

    return run


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
    grid = ["backtest", *sum((["--candles", str(f)] for f in grid_files), []), "--strategy", "sma-cross",
            "--grid", "fast=5..50:5", "--grid", "slow=20..200:20", "--format", "json"]
    cd_grid = best_of(5, cryptodesk(*grid))
    cd_ind = best_of(5, cryptodesk("indicators", "--candles", str(big), "--format", "csv"))
    rows.append(("cryptodesk sma-cross, 1M candles, whole process", cd_big, None))
    rows.append(("cryptodesk indicators (11 columns CSV), 1M candles, whole process", cd_ind, None))
    rows.append(("cryptodesk grid 100 params x 3 files x 17,520, whole process", cd_grid, None))

    bp = backtesting_py(small)
    rows.append(("backtesting.py sma-cross, 100k candles", best_of(3, bp), cd_small))

    vb_big = vectorbt(big)
    vb_big()  # numba compiles on first use
    rows.append(("vectorbt sma-cross, 1M candles (after JIT warm-up)", best_of(3, vb_big), cd_big))

    print(f"| run | seconds | cryptodesk is … × faster |")
    print("|---|---:|---:|")
    for name, t, ours in rows:
        ratio = f"{t / ours:.1f}" if ours else "—"
        print(f"| {name} | {t:.3f} | {ratio} |")
    print(f"\ncryptodesk sma-cross on the same 100k candles: {cd_small:.3f} s", file=sys.stderr)
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}", file=sys.stderr)


if __name__ == "__main__":
    main()
