using System;
using System.Linq;
using System.Threading;
using Candlewick;
using NUnit.Framework;

namespace Candlewick.Tests
{
    [TestFixture]
    public class IndicatorTests
    {
        // RSI, MACD and BBANDS over series(300, 42)'s close are, bit for bit, what
        // the C reference program computes; so is RSI pushed bar by bar.
        [Test]
        public void MatchCBitForBit()
        {
            double[] close = TestKit.MakeSeries(300, 42).Close;
            foreach (var c in new[] { Tuple.Create("rsi", new double[] { 14 }), Tuple.Create("macd", new double[] { 12, 26, 9 }),
                                      Tuple.Create("bbands", new double[] { 20, 2, 2 }) })
            {
                double[][] outputs = Indicators.Compute(c.Item1, new[] { close }, c.Item2);
                double[] got = outputs.SelectMany(o => o).ToArray();
                Assert.AreEqual(-1, TestKit.FirstDifference(got, TestKit.ReferenceDoubles(c.Item1 + ".f64")), c.Item1);
                int lookback = Indicators.Lookback(c.Item1, c.Item2);
                Assert.IsTrue(double.IsNaN(outputs[0][lookback - 1]) && !double.IsNaN(outputs[0][lookback]), c.Item1);
            }
            using (IndicatorStream stream = new IndicatorStream("rsi", 14))
            {
                double[] pushed = new double[close.Length];
                for (int i = 0; i < close.Length; i++) stream.Push(new ReadOnlySpan<double>(close, i, 1), new Span<double>(pushed, i, 1));
                Assert.AreEqual(-1, TestKit.FirstDifference(pushed, TestKit.ReferenceDoubles("rsi_stream.f64")));
                Assert.AreEqual(14, stream.Lookback);
            }
            // Spans: a slice of a larger array, read in place.
            double[] padded = new double[close.Length + 10];
            Array.Copy(close, 0, padded, 5, close.Length);
            double[] rsi = new double[close.Length];
            Indicators.Compute("rsi", new ReadOnlySpan<double>(padded, 5, close.Length), rsi, 14);
            Assert.AreEqual(-1, TestKit.FirstDifference(rsi, TestKit.ReferenceDoubles("rsi.f64")));
        }

        [Test]
        public void Descriptions()
        {
            IndicatorInfo[] all = Indicators.List();
            Assert.GreaterOrEqual(all.Length, 69);
            Assert.AreEqual("sma", all[0].Name);
            IndicatorInfo bb = Indicators.Info("bbands");
            Assert.AreEqual(new[] { "upper", "middle", "lower" }, bb.Outputs);
            Assert.AreEqual("period", bb.Params[0].Name);
            Assert.AreEqual(20, bb.Params[0].Default);
            Assert.IsNotEmpty(bb.Title);
            Assert.AreEqual(new[] { "high", "low", "close" }, Indicators.Info("atr").Inputs);
        }

        // Info, List and IndicatorStream.Info hand out copies: they returned the table's
        // own objects, so `Indicators.Info("sma").Id = 7` made every later
        // Compute("sma") in the process compute RSI.
        [Test]
        public void DescriptionsAreCopies()
        {
            double[] x = TestKit.MakeSeries(40, 5).Close;
            double sma = Indicators.Compute("sma", new[] { x }, 5)[0][39];
            IndicatorInfo info = Indicators.Info("sma");
            info.Id = 7;
            info.Outputs[0] = "changed";
            info.Params[0].Default = 99;
            Indicators.List()[0].Name = "changed";
            using (IndicatorStream stream = new IndicatorStream("atr"))
            {
                stream.Info.Inputs[0] = "close";
                stream.Info.Outputs = new string[5];
                Assert.AreEqual(new[] { "high", "low", "close" }, stream.Info.Inputs);
                Assert.AreEqual(1, stream.Push(3, 1, 2).Length);
            }
            Assert.AreEqual(sma, Indicators.Compute("sma", new[] { x }, 5)[0][39]);
            IndicatorInfo again = Indicators.Info("sma");
            Assert.AreEqual(1, again.Id);
            Assert.AreEqual("value", again.Outputs[0]);
            Assert.AreEqual(30, again.Params[0].Default);
            Assert.AreEqual("sma", Indicators.List()[0].Name);
        }

        static void Expect(Status status, TestDelegate call)
        {
            var e = Assert.Throws<CandlewickException>(call);
            Assert.AreEqual(status, e.Status, e.Message);
            Assert.IsNotEmpty(e.Detail);
        }

        [Test]
        public void Errors()
        {
            Series s = TestKit.MakeSeries(50, 9);
            Expect(Status.InvalidArgument, () => Indicators.Compute("nope", new[] { s.Close }));
            Expect(Status.InvalidArgument, () => Indicators.Compute("rsi", new[] { s.Close, s.Close }));
            Expect(Status.InvalidArgument, () => Indicators.Compute("rsi", new[] { s.Close }, 14.5));
            Expect(Status.InvalidArgument, () => Indicators.Compute("rsi", new[] { s.Close }, double.NaN));
            Expect(Status.SeriesTooShort, () => Indicators.Compute("sma", new[] { s.Close }, 51));
            Expect(Status.EmptySeries, () => Indicators.Compute("sma", new[] { new double[0] }));
            Expect(Status.LengthMismatch, () => Indicators.Compute("atr", new[] { s.High, s.Low.Take(40).ToArray(), s.Close }));
            double[] bad = (double[])s.High.Clone();
            bad[4] = s.Low[4] - 1;
            Expect(Status.InconsistentOhlc, () => Indicators.Compute("atr", new[] { bad, s.Low, s.Close }));
            Expect(Status.BufferTooSmall, () => Indicators.ComputeInto("sma", new[] { s.Close }, new[] { new double[49] }, 5));
            Expect(Status.InvalidArgument, () => Indicators.Lookback("macd", 12, 26, 9, 1));
            Expect(Status.InvalidArgument, () => new IndicatorStream("midpoint", -3));
            using (IndicatorStream atr = new IndicatorStream("atr"))
            {
                Expect(Status.InvalidArgument, () => atr.Push(1, 2));
                Expect(Status.InconsistentOhlc, () => atr.Push(1, 2, 1.5));
            }
            // NaN is not an error: it splits the series.
            double[] gap = (double[])s.Close.Clone();
            gap[20] = double.NaN;
            double[] sma = Indicators.Compute("sma", new[] { gap }, 5)[0];
            Assert.IsTrue(double.IsNaN(sma[24]) && !double.IsNaN(sma[25]));
        }

        // The library writes outputs while it still reads the inputs: an output that is an
        // input (in place), one array given for two outputs, or overlapping spans used to
        // give wrong values and no error.
        [Test]
        public void OverlappingOutputsAreRejected()
        {
            double[] x = (double[])TestKit.MakeSeries(64, 3).Close.Clone();
            double[] o = new double[x.Length];
            double[] buf = new double[2 * x.Length];
            Array.Copy(x, buf, x.Length);
            foreach (Action a in new Action[] {
                () => Indicators.ComputeInto("sma", new[] { x }, new[] { x }, 5),
                () => Indicators.ComputeInto("bbands", new[] { x }, new[] { o, null, o }),
                () => Indicators.Compute("ema", new ReadOnlySpan<double>(buf, 0, x.Length), new Span<double>(buf, x.Length / 2, x.Length), 5),
                () => Indicators.Compute("ema", new ReadOnlySpan<double>(buf, 0, x.Length), new Span<double>(buf, 0, x.Length), 5),
            })
            {
                var e = Assert.Throws<CandlewickException>(() => a());
                Assert.AreEqual(Status.InvalidArgument, e.Status);
                StringAssert.Contains("overlap", e.Detail);
            }
            // Shared inputs and disjoint spans of one array are fine.
            Indicators.ComputeInto("atr", new[] { x, x, x }, new[] { o });
            Indicators.Compute("ema", new ReadOnlySpan<double>(buf, 0, x.Length), new Span<double>(buf, x.Length, x.Length), 5);
        }

        [Test]
        public void ThreadsAndStats()
        {
            double[] close = TestKit.MakeSeries(300, 42).Close;
            double[] want = Indicators.Compute("macd", new[] { close })[2];
            int failures = 0;
            Thread[] threads = Enumerable.Range(0, 6).Select(_ => new Thread(() =>
            {
                for (int i = 0; i < 50; i++)
                    if (TestKit.FirstDifference(Indicators.Compute("macd", new[] { close })[2], want) >= 0)
                        Interlocked.Increment(ref failures);
            })).ToArray();
            foreach (Thread t in threads) t.Start();
            foreach (Thread t in threads) t.Join();
            Assert.AreEqual(0, failures);

            using (Stats stats = new Stats())
            using (IndicatorContext context = new IndicatorContext())
            {
                context.AttachStats(stats);
                for (int i = 0; i < 4; i++) context.Compute("rsi", new[] { close });
                KindStats k = stats.Snapshot().Kinds["indicator"];
                Assert.AreEqual(4, k.Count);
                Assert.AreEqual(1200, k.Items);
            }
        }
    }

    [TestFixture]
    public class BarTests
    {
        [Test]
        public void RenkoMatchesC()
        {
            BarOptions o = new BarOptions(BarMethod.Renko) { BoxMode = BoxMode.Fixed, BoxSize = 1 };
            BarSeries b = Bars.FromOhlcv(TestKit.MakeSeries(300, 42), o);
            double[] want = TestKit.ReferenceDoubles("renko.f64");
            int n = b.Count;
            Assert.AreEqual(want.Length, 5 * n);
            double[][] columns = { b.Open, b.High, b.Low, b.Close, b.Volume };
            for (int i = 0; i < 5; i++)
                Assert.AreEqual(-1, TestKit.FirstDifference(columns[i], want.Skip(i * n).Take(n).ToArray()), "column " + i);
            Assert.AreEqual(TestKit.ReferenceLongs("renko_row.i64"), b.Row);
        }

        // docs/bars.md's worked example of time bars.
        [Test]
        public void TimeBarsFromTicks()
        {
            var ticks = new Ticks { Time = new long[] { 0, 10, 59, 60, 185 }, Price = new double[] { 10, 12, 9, 11, 13 },
                                    Size = new double[] { 1, 2, 3, 4, 5 } };
            BarSeries b = Bars.FromTicks(ticks, new BarOptions(BarMethod.Time) { Interval = 60, Empty = EmptyBars.Flat });
            Assert.AreEqual(new long[] { 0, 60, 120, 180 }, b.Time);
            Assert.AreEqual(new double[] { 10, 11, 11, 13 }, b.Open);
            Assert.AreEqual(new double[] { 12, 11, 11, 13 }, b.High);
            Assert.AreEqual(new double[] { 9, 11, 11, 13 }, b.Low);
            Assert.AreEqual(new double[] { 9, 11, 11, 13 }, b.Close);
            Assert.AreEqual(new double[] { 6, 4, 0, 5 }, b.Volume);
            Assert.AreEqual(new long[] { 2, 3, -1, 4 }, b.Row);
            using (Chart chart = new Chart(new ChartOptions { Width = 64, Height = 64 })) chart.RenderPng(b.ToSeries());
        }

        [Test]
        public void Errors()
        {
            double[] p = { 1, 2, 3 };
            Func<BarMethod, BarOptions> opt = m => new BarOptions(m);
            Assert.AreEqual(Status.InvalidArgument, Assert.Throws<CandlewickException>(() =>
                Bars.FromTicks(new Ticks { Time = new long[] { 0, 2, 1 }, Price = p }, opt(BarMethod.Time))).Status);
            Assert.AreEqual(Status.NullArgument, Assert.Throws<CandlewickException>(() =>
                Bars.FromTicks(new Ticks { Price = p }, opt(BarMethod.Time))).Status);
            Assert.AreEqual(Status.LengthMismatch, Assert.Throws<CandlewickException>(() =>
                Bars.FromTicks(new Ticks { Price = p, Size = new double[] { 1 } }, new BarOptions(BarMethod.Volume) { VolumeThreshold = 2 })).Status);
            Assert.AreEqual(Status.NonFinite, Assert.Throws<CandlewickException>(() =>
                Bars.FromTicks(new Ticks { Price = new[] { 1, double.NaN } }, opt(BarMethod.Tick))).Status);
            Assert.AreEqual(Status.InvalidArgument, Assert.Throws<CandlewickException>(() =>
                Bars.FromTicks(new Ticks { Price = p }, new BarOptions(BarMethod.Tick) { TickCount = 0 })).Status);
            Series s = TestKit.MakeSeries(20, 1);
            s.High[3] = s.Low[3] - 1;
            var e = Assert.Throws<CandlewickException>(() => Bars.FromOhlcv(s, opt(BarMethod.HeikinAshi)));
            Assert.AreEqual(Status.InconsistentOhlc, e.Status);
            StringAssert.Contains("3", e.Detail);
        }

        // Two ticks and a tiny box ask for 1e9 renko bricks (or 1e9 s of empty time bars):
        // the binding allocated 7 arrays of 8 GB and the process was killed for memory
        // (or, past int.MaxValue rows, threw a bare OverflowException).
        [Test]
        public void HugeOutputIsAnError()
        {
            Ticks ticks = new Ticks { Time = new long[] { 0, 1000000000 }, Price = new double[] { 1, 101 } };
            foreach (BarOptions o in new[] {
                new BarOptions(BarMethod.Renko) { BoxMode = BoxMode.Fixed, BoxSize = 1e-7 },
                new BarOptions(BarMethod.Renko) { BoxMode = BoxMode.Fixed, BoxSize = 1e-10 },
                new BarOptions(BarMethod.Time) { Interval = 1, Empty = EmptyBars.NaN },
                new BarOptions(BarMethod.Renko) { BoxMode = BoxMode.Fixed, BoxSize = 1, MaxRows = 50 },
            })
            {
                var e = Assert.Throws<CandlewickException>(() => Bars.FromTicks(ticks, o));
                Assert.AreEqual(Status.SizeOutOfRange, e.Status);
                StringAssert.Contains("MaxRows", e.Detail);
            }
            Assert.AreEqual(100, Bars.FromTicks(ticks, new BarOptions(BarMethod.Renko) { BoxMode = BoxMode.Fixed, BoxSize = 1, MaxRows = 100 }).Count);
            Assert.AreEqual(Status.InvalidArgument, Assert.Throws<CandlewickException>(() =>
                Bars.FromTicks(ticks, new BarOptions(BarMethod.Tick) { MaxRows = -1 })).Status);
        }

        [Test]
        public void ContextStats()
        {
            using (Stats stats = new Stats())
            using (BarContext context = new BarContext())
            {
                context.AttachStats(stats);
                context.FromTicks(new Ticks { Price = new double[] { 1, 2, 3 } }, new BarOptions(BarMethod.Tick));
                Assert.AreEqual(2, stats.Snapshot().Kinds["aggregate"].Count); // the size query and the fill
            }
        }
    }

    [TestFixture]
    public class StatsTests
    {
        [Test]
        public void RecordsRendersAndReads()
        {
            GoldenCase c = TestKit.Cases()[0];
            using (Stats stats = new Stats(64, TimeSpan.FromHours(1), "upload"))
            using (Chart chart = new Chart(c.Options))
            {
                chart.AttachStats(stats);
                for (int i = 0; i < 3; i++) chart.RenderPng(c.Data);
                chart.Render(Format.Rgba, c.Data);
                stats.Record("upload", TimeSpan.FromMilliseconds(3), 10, 1);
                StatsSnapshot snap = stats.Snapshot();
                Assert.AreEqual(3, snap.Kinds["encode"].Count);
                Assert.AreEqual(1, snap.Kinds["render"].Count);
                Assert.AreEqual(1, snap.Kinds["upload"].Count);
                Assert.AreEqual(3000000, snap.Kinds["upload"].WindowMaxNs);
                Assert.AreEqual(64, snap.Capacity);
                var text = new System.IO.StringWriter();
                stats.WritePrometheus(text, "charts");
                StringAssert.Contains("charts_operations_total{kind=\"encode\"} 3", text.ToString());
                StringAssert.StartsWith("{", stats.Json());
                stats.Reset();
                Assert.AreEqual(0, stats.Snapshot().Count);
                chart.DetachStats();
                chart.RenderPng(c.Data);
                Assert.AreEqual(0, stats.Snapshot().Count);
            }
        }

        [Test]
        public void Errors()
        {
            Assert.AreEqual(Status.InvalidArgument, Assert.Throws<CandlewickException>(() => new Stats(0, null, "Upper")).Status);
            var e = Assert.Throws<CandlewickException>(() => new Stats(0, null, "render"));
            StringAssert.Contains("render", e.Detail);
            Assert.AreEqual(Status.InvalidArgument, Assert.Throws<CandlewickException>(() => new Stats(-1)).Status);
            // TimeSpan -> ns saturates: Ticks * 100 wrapped, so a duration of 200,000 days
            // was refused as negative, a retention of 20,000 years became 112 years, and
            // one of -200,000 days was accepted as 37 years.
            using (Stats stats = new Stats(0, TimeSpan.FromDays(20000 * 365.0)))
            {
                Assert.AreEqual(long.MaxValue, stats.Snapshot().RetentionNs);
                stats.Record("render", TimeSpan.FromDays(200000));
                Assert.AreEqual((ulong)long.MaxValue, stats.Snapshot().Kinds["render"].DurationNs);
            }
            Assert.AreEqual(Status.InvalidArgument, Assert.Throws<CandlewickException>(() =>
                new Stats(0, TimeSpan.FromDays(-200000))).Status);
            // C reads up to a NUL: the label "ab\0cd" was registered as "ab".
            e = Assert.Throws<CandlewickException>(() => new Stats(0, null, "ab\0cd"));
            Assert.AreEqual(Status.InvalidArgument, e.Status);
            StringAssert.Contains("NUL", e.Detail);
            using (Stats stats = new Stats())
            {
                Assert.AreEqual(Status.InvalidArgument, Assert.Throws<CandlewickException>(() => stats.Prometheus("9lives")).Status);
                // C reads up to a NUL: "ok\0{bad}" wrote metrics named ok_*.
                Assert.AreEqual(Status.InvalidArgument, Assert.Throws<CandlewickException>(() => stats.Prometheus("ok\0{bad}")).Status);
                Assert.AreEqual(Status.InvalidArgument, Assert.Throws<CandlewickException>(() => stats.Record("nope", TimeSpan.Zero)).Status);
            }
        }

        // Disposing the Stats detaches the charts still attached; they keep rendering.
        [Test]
        public void DisposeDetaches()
        {
            GoldenCase c = TestKit.Cases()[0];
            using (Chart chart = new Chart(c.Options))
            {
                Stats stats = new Stats();
                chart.AttachStats(stats);
                stats.Dispose();
                chart.RenderPng(c.Data);
                // Attached, then dropped: the chart keeps the native stats alive.
                chart.AttachStats(new Stats());
                GC.Collect();
                GC.WaitForPendingFinalizers();
                for (int i = 0; i < 5; i++) chart.RenderPng(c.Data);
            }
        }
    }
}
