using System;
using System.Collections.Generic;
using Candlewick;
using NUnit.Framework;

namespace Candlewick.Tests
{
    [TestFixture]
    public class ErrorTests
    {
        static void Expect(Status status, Action call, string says = null)
        {
            try
            {
                call();
            }
            catch (CandlewickException e)
            {
                Assert.AreEqual(status, e.Status, e.Message);
                Assert.IsNotEmpty(e.Detail);
                Assert.IsNotEmpty(e.Operation);
                Assert.AreEqual(CandlewickException_Text(status), e.StatusText);
                if (says != null) StringAssert.Contains(says, e.Message);
                return;
            }
            Assert.Fail("no exception, want " + status);
        }

        static string CandlewickException_Text(Status s)
        {
            return new CandlewickException("x", s, "").StatusText;
        }

        static Series With(Action<Series> edit)
        {
            Series s = TestKit.MakeSeries(40, 1);
            edit(s);
            return s;
        }

        [Test]
        public void StatusNumbersAreTheHeaders()
        {
            // The enum is written out (its values must be constants); this keeps it honest.
            var header = new Dictionary<Status, int>
            {
                { Status.Ok, Native.NativeMethods.CW_OK }, { Status.NullArgument, Native.NativeMethods.CW_ERR_NULL_ARGUMENT },
                { Status.InvalidArgument, Native.NativeMethods.CW_ERR_INVALID_ARGUMENT },
                { Status.StructSize, Native.NativeMethods.CW_ERR_STRUCT_SIZE },
                { Status.SizeOutOfRange, Native.NativeMethods.CW_ERR_SIZE_OUT_OF_RANGE },
                { Status.EmptySeries, Native.NativeMethods.CW_ERR_EMPTY_SERIES },
                { Status.LengthMismatch, Native.NativeMethods.CW_ERR_LENGTH_MISMATCH },
                { Status.NonFinite, Native.NativeMethods.CW_ERR_NON_FINITE },
                { Status.InconsistentOhlc, Native.NativeMethods.CW_ERR_INCONSISTENT_OHLC },
                { Status.NegativeVolume, Native.NativeMethods.CW_ERR_NEGATIVE_VOLUME },
                { Status.BufferTooSmall, Native.NativeMethods.CW_ERR_BUFFER_TOO_SMALL },
                { Status.OutOfMemory, Native.NativeMethods.CW_ERR_OUT_OF_MEMORY },
                { Status.Encode, Native.NativeMethods.CW_ERR_ENCODE },
                { Status.Internal, Native.NativeMethods.CW_ERR_INTERNAL },
                { Status.SeriesTooShort, Native.NativeMethods.CW_ERR_SERIES_TOO_SHORT },
            };
            foreach (var kv in header) Assert.AreEqual(kv.Value, (int)kv.Key, kv.Key.ToString());
            Assert.AreEqual(Enum.GetValues(typeof(Status)).Length, header.Count);
        }

        [Test]
        public void ChartOptionsErrors()
        {
            Expect(Status.SizeOutOfRange, () => new Chart(new ChartOptions { Width = 15 }), "15x600");
            Expect(Status.SizeOutOfRange, () => new Chart(new ChartOptions { Height = 16385 }));
            Expect(Status.SizeOutOfRange, () => new Chart(new ChartOptions { Width = -3 }), "negative");
            Expect(Status.InvalidArgument, () => new Chart(new ChartOptions { Theme = (Theme)9 }));
            Expect(Status.InvalidArgument, () => new Chart(new ChartOptions { Type = (ChartType)42 }));
            Colors translucent = Colors.Default();
            translucent.Up = 0x00FF0080;
            Expect(Status.InvalidArgument, () => new Chart(new ChartOptions { CustomColors = translucent }));
            Expect(Status.InvalidArgument, () => new Chart(new ChartOptions { PriceWeight = 0 }));
            Expect(Status.InvalidArgument, () => new Chart(new ChartOptions { Font = new byte[] { 1, 2, 3 } }));
        }

        [Test]
        public void RenderErrors()
        {
            Series good = TestKit.MakeSeries(40, 1);
            double[] shortCol = new double[39];
            var cases = new List<Tuple<string, ChartData, Status, string>>
            {
                Tuple.Create("empty", new ChartData(new Series { Open = new double[0], High = new double[0], Low = new double[0], Close = new double[0] }), Status.EmptySeries, (string)null),
                Tuple.Create("missing close", new ChartData(new Series { Open = good.Open, High = good.High, Low = good.Low }), Status.NullArgument, "close"),
                Tuple.Create("short close", new ChartData(With(s => s.Close = shortCol)), Status.LengthMismatch, "39"),
                Tuple.Create("short time", new ChartData(With(s => s.Time = new long[3])), Status.LengthMismatch, "time"),
                Tuple.Create("NaN close", new ChartData(With(s => s.Close[7] = double.NaN)), Status.NonFinite, "row 7"),
                Tuple.Create("infinite high", new ChartData(With(s => s.High[3] = double.PositiveInfinity)), Status.NonFinite, "row 3"),
                Tuple.Create("high below low", new ChartData(With(s => s.High[5] = s.Low[5] - 1)), Status.InconsistentOhlc, "row 5"),
                Tuple.Create("negative volume", new ChartData(With(s => s.Volume[2] = -1)), Status.NegativeVolume, "row 2"),
                Tuple.Create("short overlay", new ChartData(good) { Overlays = new[] { new Line { Values = shortCol } } }, Status.LengthMismatch, "overlay 0"),
                Tuple.Create("short band", new ChartData(good) { Bands = new[] { new Band { Upper = good.High, Lower = shortCol } } }, Status.LengthMismatch, "band"),
                Tuple.Create("short histogram", new ChartData(good) { Panels = new[] { new Panel { Histogram = shortCol } } }, Status.LengthMismatch, "histogram"),
                Tuple.Create("zero panel weight", new ChartData(good) { Panels = new[] { new Panel { Weight = 0, Histogram = good.Close } } }, Status.InvalidArgument, "panel 0"),
                Tuple.Create("nine panels", new ChartData(good) { Panels = new Panel[9] }, Status.InvalidArgument, "9 panels"),
            };
            using (Chart chart = new Chart(new ChartOptions { Width = 320, Height = 200 }))
            {
                foreach (var c in cases)
                {
                    Expect(c.Item3, () => chart.RenderPng(c.Item2), c.Item4);
                    byte[] frame = new byte[320 * 4 * 200];
                    frame[0] = 7;
                    Expect(c.Item3, () => chart.RenderInto(frame, 320 * 4, c.Item2));
                    Assert.AreEqual(7, frame[0], c.Item1 + ": a failed render wrote into the buffer");
                }
                chart.RenderPng(good); // still renders
            }
        }

        [Test]
        public void BufferErrors()
        {
            Series s = TestKit.MakeSeries(20, 3);
            using (Chart chart = new Chart(new ChartOptions { Width = 64, Height = 32 }))
            {
                Expect(Status.BufferTooSmall, () => chart.RenderInto(new byte[64 * 4 * 32 - 1], 64 * 4, s), "8191");
                Expect(Status.BufferTooSmall, () => chart.RenderInto(new byte[64 * 4 * 40], 64 * 4 - 1, s), "stride");
                Expect(Status.BufferTooSmall, () => chart.RenderInto(new byte[64 * 4 * 32], -1, s), "negative");
                Expect(Status.NullArgument, () => chart.RenderInto(null, 64 * 4, s));
                Expect(Status.InvalidArgument, () => chart.RenderInto(new byte[64 * 4 * 32], 64 * 4, s, Format.Png), "not a raw format");
                Expect(Status.InvalidArgument, () => chart.SetWebPQuality(101));
                Expect(Status.InvalidArgument, () => chart.SetWebPQuality(float.NaN));
            }
            using (Chart aa = new Chart(new ChartOptions { Width = 64, Height = 32, Antialias = true }))
                Expect(Status.InvalidArgument, () => aa.Render(Format.Indexed, s), "crisp");
        }

        [Test]
        public void DisposedObjects()
        {
            Series s = TestKit.MakeSeries(10, 1);
            Chart chart = new Chart(new ChartOptions { Width = 64, Height = 32 });
            chart.Dispose();
            chart.Dispose(); // idempotent
            Assert.Throws<ObjectDisposedException>(() => chart.RenderPng(s));
            Assert.Throws<ObjectDisposedException>(() => chart.RenderInto(new byte[64 * 4 * 32], 256, s));
            Assert.Throws<ObjectDisposedException>(() => chart.Palette());
            Assert.Throws<ObjectDisposedException>(() => chart.SetWebPQuality(50));
            using (Stats stats = new Stats())
                Assert.Throws<ObjectDisposedException>(() => chart.AttachStats(stats));

            Stats closed = new Stats();
            closed.Dispose();
            Assert.Throws<ObjectDisposedException>(() => closed.Prometheus());
            Assert.Throws<ObjectDisposedException>(() => closed.Reset());
            using (Chart other = new Chart(new ChartOptions { Width = 64, Height = 32 }))
                Assert.Throws<ObjectDisposedException>(() => other.AttachStats(closed));

            IndicatorContext context = new IndicatorContext();
            context.Dispose();
            Assert.Throws<ObjectDisposedException>(() => context.Compute("rsi", new[] { s.Close }));
            IndicatorStream stream = new IndicatorStream("rsi");
            stream.Dispose();
            Assert.Throws<ObjectDisposedException>(() => stream.Push(1.0));
            BarContext bars = new BarContext();
            bars.Dispose();
            Assert.Throws<ObjectDisposedException>(() => bars.FromTicks(new Ticks { Price = new double[] { 1 } }, new BarOptions(BarMethod.Tick)));
        }
    }
}
