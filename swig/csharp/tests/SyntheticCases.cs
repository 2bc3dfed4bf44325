// The time_* and axes_* golden cases of tests/golden_cases.cc rebuilt in C#: the
// series of data/synthetic.cc and the named indicator extras of
// tests/test_support.cc's IndicatorExtras (computed with Indicators.Compute).
// Their frames are checked against the hashes tests/golden/hashes.txt records for
// the committed images.
using System;
using System.Collections.Generic;
using Candlewick;

namespace Candlewick.Tests
{
    public static class SyntheticCases
    {
        const long Day = 86400;

        enum Kind { IntradayNy, MinuteSession, CryptoHourly, Daily3m, Weekly10y, Daily3mBare }

        // Days since 1970-01-01 of a proleptic Gregorian date (days_from_civil).
        static long DaysFromCivil(long y, long m, long d)
        {
            y -= m <= 2 ? 1 : 0;
            long era = (y >= 0 ? y : y - 399) / 400;
            long yoe = y - era * 400;
            long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
            long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
            return era * 146097 + doe - 719468;
        }

        // data/synthetic.cc's Walker: a random walk in integer ticks.
        sealed class Walker
        {
            uint state;
            long price;
            readonly double tick;
            readonly List<long> time = new List<long>();
            readonly List<double> open = new List<double>(), high = new List<double>(), low = new List<double>(),
                                  close = new List<double>(), volume = new List<double>();

            public Walker(uint seed, long startTicks, double tick)
            {
                state = unchecked(seed * 2654435761u + 1);
                price = startTicks;
                this.tick = tick;
            }

            uint Next()
            {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                return state;
            }

            public void Bar(long t, long swing, long wick, long drift, long baseVolume, long spread, long shapePercent)
            {
                long o = price;
                long c = Math.Max(1, o + Next() % (2 * swing + 1) - swing + drift);
                long h = Math.Max(o, c) + Next() % (wick + 1);
                long l = Math.Max(1, Math.Min(o, c) - Next() % (wick + 1));
                time.Add(t);
                open.Add(o * tick);
                high.Add(h * tick);
                low.Add(l * tick);
                close.Add(c * tick);
                volume.Add((baseVolume + Next() % (spread + 1)) * shapePercent / 100);
                price = c;
            }

            public Series Series()
            {
                return new Series { Time = time.ToArray(), Open = open.ToArray(), High = high.ToArray(),
                                    Low = low.ToArray(), Close = close.ToArray(), Volume = volume.ToArray() };
            }
        }

        // Intraday volume: heavy at the open and the close.
        static long SessionShape(long minute, long length)
        {
            long edge = Math.Min(minute, length - 1 - minute);
            return 60 + Math.Max(0, 180 - edge * 6);
        }

        static Series MakeSeries(Kind kind)
        {
            switch (kind)
            {
                case Kind.IntradayNy:
                {
                    Walker w = new Walker(11, 17250, 0.01);
                    long[] opens = { DaysFromCivil(2024, 3, 8) * Day + 14 * 3600 + 1800,
                                     DaysFromCivil(2024, 3, 11) * Day + 13 * 3600 + 1800,
                                     DaysFromCivil(2024, 3, 12) * Day + 13 * 3600 + 1800 };
                    foreach (long open in opens)
                        for (long k = 0; k < 78; k++) w.Bar(open + k * 300, 18, 9, 0, 40000, 60000, SessionShape(k * 5, 390));
                    return w.Series();
                }
                case Kind.MinuteSession:
                {
                    Walker w = new Walker(23, 41830, 0.01);
                    long open = DaysFromCivil(2024, 3, 13) * Day + 13 * 3600 + 1800;
                    for (long k = 0; k < 390; k++) w.Bar(open + k * 60, 6, 4, 0, 8000, 12000, SessionShape(k, 390));
                    return w.Series();
                }
                case Kind.CryptoHourly:
                {
                    Walker w = new Walker(37, 6500000, 0.01);
                    long start = DaysFromCivil(2024, 3, 10) * Day;
                    for (long k = 0; k < 240; k++) w.Bar(start + k * 3600, 40000, 25000, 1500, 800, 2400, 100);
                    return w.Series();
                }
                case Kind.Weekly10y:
                {
                    Walker w = new Walker(53, 2400, 0.01);
                    long first = DaysFromCivil(2014, 6, 2);
                    for (long k = 0; k < 522; k++) w.Bar((first + 7 * k) * Day, 140, 90, 12, 200000000, 300000000, 100);
                    return w.Series();
                }
                default: // the three months of daily bars, weekdays without two holidays
                {
                    Walker w = new Walker(41, 18520, 0.01);
                    long first = DaysFromCivil(2024, 1, 2), last = DaysFromCivil(2024, 3, 28);
                    long[] holidays = { DaysFromCivil(2024, 1, 15), DaysFromCivil(2024, 2, 19) };
                    for (long day = first; day <= last; day++)
                    {
                        long weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
                        if (weekday == 0 || weekday == 6 || day == holidays[0] || day == holidays[1]) continue;
                        w.Bar(day * Day, 250, 160, 12, 45000000, 50000000, 100);
                    }
                    return w.Series();
                }
            }
        }

        // IndicatorExtras with sma_periods {20}: a named SMA 20, a named Bollinger band
        // on the daily series, a MACD panel on the crypto series, else an RSI panel; and
        // the title "SYNTH".  The bare daily series has none of them.
        static ChartData MakeData(Kind kind)
        {
            Series s = MakeSeries(kind);
            ChartData d = new ChartData(s);
            if (kind == Kind.Daily3mBare) return d;
            double[][] close = { s.Close };
            d.Overlays = new[] { new Line { Values = Indicators.Compute("sma", close, 20)[0], Color = 0xFFB300FF, Name = "SMA 20" } };
            if (kind == Kind.Daily3m)
            {
                double[][] bb = Indicators.Compute("bbands", close, 20, 2, 2);
                d.Bands = new[] { new Band { Upper = bb[0], Lower = bb[2], Fill = 0x7E57C240, Edge = 0x7E57C2FF, Width = 1,
                                             Name = "BBANDS 20 2 2" } };
            }
            if (kind == Kind.CryptoHourly)
            {
                double[][] macd = Indicators.Compute("macd", close, 12, 26, 9);
                d.Panels = new[] { new Panel { Weight = 0.25f, Lines = new[] { new Line { Values = macd[0], Color = 0x42A5F5FF },
                                                                               new Line { Values = macd[1], Color = 0xAB47BCFF } },
                                               Levels = new double[] { 0 }, Histogram = macd[2], Title = "MACD 12 26 9" } };
            }
            else
            {
                d.Panels = new[] { new Panel { Weight = 0.25f, Lines = new[] { new Line { Values = Indicators.Compute("rsi", close, 14)[0],
                                                                                          Color = 0xAB47BCFF } },
                                               Levels = new double[] { 30, 70 }, Min = 0, Max = 100, Title = "RSI 14" } };
            }
            d.Title = "SYNTH";
            return d;
        }

        static GoldenCase Case(string name, int width, int height, Kind kind, ChartType type, Theme theme,
                               string zone = null, bool antialias = false)
        {
            return new GoldenCase
            {
                Name = name,
                Options = new ChartOptions { Width = width, Height = height, Type = type, Theme = theme, ShowAxes = true,
                                             Antialias = antialias, TimeZone = zone },
                Data = MakeData(kind),
            };
        }

        static readonly string[] TypeNames = { "candlestick", "hollow", "ohlc", "line", "area", "heikin-ashi", "renko", "point-figure" };

        /// <summary>golden_cases.cc's time_* cases (the time axis in New York time and in
        /// UTC) and axes_* cases (every chart type, light and dark).</summary>
        public static List<GoldenCase> Cases()
        {
            const string ny = "America/New_York";
            const ChartType candles = ChartType.Candlestick;
            var cases = new List<GoldenCase>
            {
                Case("time_intraday_ny_light", 560, 360, Kind.IntradayNy, candles, Theme.Light, ny),
                Case("time_minute_session_tradingview", 560, 360, Kind.MinuteSession, candles, Theme.TradingView, ny),
                Case("time_crypto_hourly_modern", 560, 360, Kind.CryptoHourly, candles, Theme.Modern),
                Case("time_daily_3m_light", 560, 360, Kind.Daily3m, candles, Theme.Light),
                Case("time_weekly_10y_classic", 560, 360, Kind.Weekly10y, candles, Theme.Classic),
                Case("time_intraday_ny_antialiased_tradingview", 560, 360, Kind.IntradayNy, candles, Theme.TradingView, ny, true),
            };
            for (int type = 0; type < TypeNames.Length; type++)
            {
                ChartType t = (ChartType)type;
                Kind kind = t == ChartType.Renko || t == ChartType.PointFigure ? Kind.Daily3mBare : Kind.Daily3m;
                cases.Add(Case("axes_" + TypeNames[type] + "_light", 480, 300, kind, t, Theme.Light));
                cases.Add(Case("axes_" + TypeNames[type] + "_dark", 480, 300, kind, t, Theme.TradingView));
            }
            return cases;
        }
    }
}
