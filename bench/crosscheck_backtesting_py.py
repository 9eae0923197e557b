"""Records backtesting.py's closed trades for the cross-check fixture.

Runs backtesting.py (FractionalBacktest, trade_on_close=False,
finalize_trades=False) on crates/core/tests/fixtures/crosscheck.csv with the
three strategies and writes crates/core/tests/fixtures/crosscheck.json, which
crates/core/tests/crosscheck.rs compares against Cryptodesk's engine.

    python bench/crosscheck_backtesting_py.py     (needs: pip install backtesting pandas numpy)

The CSV itself comes from `cryptodesk synth-candles --rows 3000 --seed 42`.
"""

import json
import pathlib
import sys
import warnings

import numpy as np
import pandas as pd
from backtesting import Strategy
from backtesting.lib import FractionalBacktest

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "crates" / "core" / "tests" / "fixtures"
CASH, FEE = 10_000.0, 0.001
# Buy with (almost) all cash: backtesting.py wants a fraction strictly below 1.
SIZE = 1 - 1e-12


def sma(x, n):
    return pd.Series(x).rolling(n).mean().to_numpy()


def rsi(x, n):
    """Wilder's RSI exactly as the issue defines it (SMA-seeded at row n)."""
    x = np.asarray(x, dtype=float)
    out = np.full(len(x), np.nan)
    if len(x) <= n:
        return out
    d = np.diff(x)
    gain, loss = np.where(d > 0, d, 0.0), np.where(d < 0, -d, 0.0)
    g, l = gain[:n].mean(), loss[:n].mean()

    def value(g, l):
        if l == 0:
            return 50.0 if g == 0 else 100.0
        return 100.0 * g / (g + l)

    out[n] = value(g, l)
    for i in range(n + 1, len(x)):
        g = (g * (n - 1) + gain[i - 1]) / n
        l = (l * (n - 1) + loss[i - 1]) / n
        out[i] = value(g, l)
    return out


def bb_lower(x, n, k):
    s = pd.Series(x)
    return (s.rolling(n).mean() - k * s.rolling(n).std(ddof=0)).to_numpy()


class SmaCross(Strategy):
    fast, slow = 10, 30

    def init(self):
        self.f = self.I(sma, self.data.Close, self.fast)
        self.s = self.I(sma, self.data.Close, self.slow)

    def next(self):
        if len(self.f) < 2:
            return
        f0, f1, s0, s1 = self.f[-2], self.f[-1], self.s[-2], self.s[-1]
        if not self.position and f1 > s1 and f0 <= s0:
            self.buy(size=SIZE)
        elif self.position and f1 < s1 and f0 >= s0:
            self.position.close()


class Rsi(Strategy):
    period, lower, upper = 14, 30.0, 70.0

    def init(self):
        self.r = self.I(rsi, self.data.Close, self.period)

    def next(self):
        if len(self.r) < 2:
            return
        r0, r1 = self.r[-2], self.r[-1]
        if not self.position and r1 < self.lower and r0 >= self.lower:
            self.buy(size=SIZE)
        elif self.position and r1 > self.upper and r0 <= self.upper:
            self.position.close()


class Bbands(Strategy):
    period, k = 20, 2.0

    def init(self):
        self.mid = self.I(sma, self.data.Close, self.period)
        self.low = self.I(bb_lower, self.data.Close, self.period, self.k)

    def next(self):
        c = self.data.Close[-1]
        if not self.position and c < self.low[-1]:
            self.buy(size=SIZE)
        elif self.position and c > self.mid[-1]:
            self.position.close()


def main():
    df = pd.read_csv(FIXTURES / "crosscheck.csv", parse_dates=["time"], index_col="time")
    df = df.rename(columns=str.capitalize)
    cases = [
        ("sma-cross", SmaCross, {"fast": 10, "slow": 30}),
        ("sma-cross", SmaCross, {"fast": 5, "slow": 50}),
        ("rsi", Rsi, {"period": 14, "lower": 30.0, "upper": 70.0}),
        ("bbands", Bbands, {"period": 20, "k": 2.0}),
    ]
    out = []
    for name, cls, params in cases:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bt = FractionalBacktest(df, cls, cash=CASH, commission=FEE, trade_on_close=False,
                                    finalize_trades=False, fractional_unit=1e-12)
            stats = bt.run(**params)
        trades = stats["_trades"]
        out.append({
            "strategy": name,
            "params": params,
            "trades": [
                {
                    "entry_index": int(t.EntryBar),
                    "exit_index": int(t.ExitBar),
                    "entry_price": float(t.EntryPrice),
                    "exit_price": float(t.ExitPrice),
                    "qty": float(t.Size),
                    "pnl": float(t.PnL),
                }
                for t in trades.itertuples()
            ],
        })
        print(f"{name} {params}: {len(trades)} closed trades", file=sys.stderr)
    meta = {"cash": CASH, "fee": FEE, "tool": "backtesting.py", "cases": out}
    (FIXTURES / "crosscheck.json").write_text(json.dumps(meta, indent=1) + "\n")


if __name__ == "__main__":
    main()
