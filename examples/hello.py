"""Draws a candlestick chart with volume and two moving averages of a pandas
DataFrame to hello.png and prints its last RSI, through the pip-installed
package only."""
import numpy as np
import pandas as pd

import candlewick
import candlewick.indicators as ind

rng = np.random.default_rng(42)  # a reproducible random walk
close = 100 + np.cumsum(rng.normal(0, 1, 120))
open_ = np.r_[100, close[:-1]]
df = pd.DataFrame({"Open": open_, "High": np.maximum(open_, close) + 1,
                   "Low": np.minimum(open_, close) - 1, "Close": close,
                   "Volume": rng.integers(1000, 5000, 120)},  # int64, as read_csv gives
                  index=pd.date_range("2024-01-02", periods=120, freq="B", tz="America/New_York"))

candlewick.plot(df, type="candle", volume=True, mav=(10, 20), style="yahoo", title="HELLO",
                savefig="hello.png")
rsi = ind.compute("rsi", df["Close"], period=14)  # a Series on df.index
print(f"candlewick {candlewick.__version__}: hello.png; "
      f"RSI(14) on {rsi.index[-1]:%Y-%m-%d}: {rsi.iloc[-1]:.2f}")
