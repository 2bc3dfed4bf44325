// Shared by the tests: the golden cases of tests/golden_cases.cc rebuilt in C#,
// and the C reference results (swig/common/reference/reference.c, built against
// the installed library by test.sh, which passes its directory in
// CANDLEWICK_REFERENCE and the repository in CANDLEWICK_REPO).
using System;
using System.Collections.Generic;
using System.IO;
using Candlewick;
using NUnit.Framework;

namespace Candlewick.Tests
{
    public sealed class GoldenCase
    {
        public string Name;
        public ChartOptions Options;
        public ChartData Data;
    }

    public static class TestKit
    {
        static string Env(string name)
        {
            string v = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrEmpty(v)) Assert.Fail(name + " is not set: run swig/csharp/test.sh");
            return v;
        }

        public static string ReferenceDir { get { return Env("CANDLEWICK_REFERENCE"); } }
        public static string RepoRoot { get { return Env("CANDLEWICK_REPO"); } }

        public static byte[] Reference(string name)
        {
            return File.ReadAllBytes(Path.Combine(ReferenceDir, name));
        }

        public static double[] ReferenceDoubles(string name)
        {
            byte[] b = Reference(name);
            double[] d = new double[b.Length / 8];
            Buffer.BlockCopy(b, 0, d, 0, b.Length); // little-endian, as the C program wrote it
            return d;
        }

        public static long[] ReferenceLongs(string name)
        {
            byte[] b = Reference(name);
            long[] d = new long[b.Length / 8];
            Buffer.BlockCopy(b, 0, d, 0, b.Length);
            return d;
        }

        /// <summary>tests/golden/hashes.txt's record of a case's frame.</summary>
        public static string GoldenHash(string name)
        {
            foreach (string line in File.ReadAllLines(Path.Combine(RepoRoot, "tests", "golden", "hashes.txt")))
            {
                string[] f = line.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                if (f.Length == 2 && f[0] == name) return f[1];
            }
            Assert.Fail("hashes.txt has no " + name);
            return null;
        }

        /// <summary>tests/test_support.cc's PixelHash: FNV-1a over 64 bits with that
        /// file's offset basis.</summary>
        public static string PixelHash(byte[] data)
        {
            ulong h = 1469598103934665603UL;
            foreach (byte b in data)
            {
                h ^= b;
                h = unchecked(h * 1099511628211UL);
            }
            return h.ToString("x16");
        }

        /// <summary>The first index where the doubles differ in their bits, or -1.</summary>
        public static int FirstDifference(double[] got, double[] want)
        {
            if (got.Length != want.Length) return Math.Min(got.Length, want.Length);
            for (int i = 0; i < got.Length; i++)
                if (BitConverter.DoubleToInt64Bits(got[i]) != BitConverter.DoubleToInt64Bits(want[i])) return i;
            return -1;
        }

        /// <summary>tests/test_support.cc's MakeSeries (xorshift32 random walk in cents).</summary>
        public static Series MakeSeries(int n, uint seed)
        {
            var s = new Series { Time = new long[n], Open = new double[n], High = new double[n], Low = new double[n],
                                 Close = new double[n], Volume = new double[n] };
            uint state = unchecked(seed * 2654435761u + 1);
            Func<uint> next = () =>
            {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                return state;
            };
            long price = 10000;
            for (int i = 0; i < n; i++)
            {
                long open = price;
                long close = open + (long)(next() % 401) - 200;
                long high = Math.Max(open, close) + next() % 120;
                long low = Math.Min(open, close) - next() % 120;
                s.Time[i] = 1704153600 + (long)i * 86400;
                s.Open[i] = open / 100.0;
                s.Close[i] = close / 100.0;
                s.High[i] = high / 100.0;
                s.Low[i] = low / 100.0;
                s.Volume[i] = 1000 + next() % 9000;
                price = close < 1000 ? 1000 : close;
            }
            return s;
        }

        static double[] Sma(double[] x, int period)
        {
            double[] o = new double[x.Length];
            double sum = 0;
            for (int i = 0; i < x.Length; i++)
            {
                sum += x[i];
                if (i >= period) sum -= x[i - period];
                o[i] = i + 1 >= period ? sum / period : double.NaN;
            }
            return o;
        }

        static double[] Nans(int n)
        {
            double[] o = new double[n];
            for (int i = 0; i < n; i++) o[i] = double.NaN;
            return o;
        }

        static ChartData Extras(int n, uint seed)
        {
            Series s = MakeSeries(n, seed);
            double[] fast = Sma(s.Close, 10), slow = Sma(s.Close, 30), mid = Sma(s.Close, 20);
            double[] upper = Nans(n), lower = Nans(n), osc = Nans(n), hist = Nans(n);
            for (int i = 0; i < n; i++)
            {
                if (double.IsNaN(mid[i])) continue;
                double v = 0;
                for (int k = i + 1 - 20; k <= i; k++) v += (s.Close[k] - mid[i]) * (s.Close[k] - mid[i]);
                double sd = Math.Sqrt(v / 20);
                upper[i] = mid[i] + 2 * sd;
                lower[i] = mid[i] - 2 * sd;
                osc[i] = sd > 0 ? 50 + 25 * (s.Close[i] - mid[i]) / sd : 50;
                hist[i] = s.Close[i] - mid[i];
            }
            return new ChartData
            {
                Series = s,
                Overlays = new[] { new Line { Values = fast, Color = 0xFFB300FF }, new Line { Values = slow, Color = 0x42A5F5FF } },
                Bands = new[] { new Band { Upper = upper, Lower = lower, Fill = 0x7E57C240, Edge = 0x7E57C2FF, Width = 1 } },
                Panels = new[]
                {
                    new Panel { Weight = 0.25f, Lines = new[] { new Line { Values = osc, Color = 0xAB47BCFF, Width = 1 } },
                                Levels = new double[] { 30, 70 }, Min = 0, Max = 100, Title = "OSC 20" },
                    new Panel { Weight = 0.2f, Histogram = hist, Title = "HIST" },
                },
                Title = "GOLDEN / USD  1D",
            };
        }

        static ChartData Gappy(int n, uint seed)
        {
            Series s = MakeSeries(n, seed);
            double[] g = Sma(s.Close, 10);
            for (int i = 25; i < 32 && i < n; i++) g[i] = double.NaN;
            if (n > 45) g[44] = g[46] = double.NaN;
            return new ChartData { Series = s, Overlays = new[] { new Line { Values = g, Color = 0xFFB300FF, Width = 2 } } };
        }

        static ChartOptions Options(int w, int h, Theme theme = Theme.Classic)
        {
            return new ChartOptions { Width = w, Height = h, Theme = theme };
        }

        /// <summary>The golden cases reference.c renders.</summary>
        public static List<GoldenCase> Cases()
        {
            Colors custom = Colors.Default(); // golden_cases.cc changes four of init's colours
            custom.Background = 0xFAF0E6FF;
            custom.Grid = 0xD3D3D3FF;
            custom.Up = 0x1E90FFFF;
            custom.Down = 0xFF8C00FF;
            ChartOptions dense = Options(200, 100);
            dense.CustomColors = custom;
            ChartOptions axes = Options(480, 300, Theme.TradingView);
            axes.ShowAxes = true;
            return new List<GoldenCase>
            {
                new GoldenCase { Name = "candlestick_classic", Options = Options(320, 200), Data = new ChartData(MakeSeries(60, 2024)) },
                new GoldenCase { Name = "candles_dense_custom", Options = dense, Data = new ChartData(MakeSeries(400, 7)) },
                new GoldenCase { Name = "extras_classic", Options = Options(320, 240), Data = Extras(90, 8) },
                new GoldenCase { Name = "axes_tradingview", Options = axes, Data = Extras(80, 5) },
                new GoldenCase { Name = "gaps_tradingview", Options = Options(320, 200, Theme.TradingView), Data = Gappy(60, 4) },
            };
        }

        /// <summary>The process's resident set in bytes (/proc/self/statm), or -1.</summary>
        public static long Rss()
        {
            try
            {
                string[] f = File.ReadAllText("/proc/self/statm").Split(' ');
                return long.Parse(f[1]) * 4096;
            }
            catch (IOException)
            {
                return -1;
            }
        }
    }
}
