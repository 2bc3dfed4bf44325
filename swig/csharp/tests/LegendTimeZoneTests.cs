using System;
using System.Linq;
using Candlewick;
using NUnit.Framework;

namespace Candlewick.Tests
{
    // ChartOptions.TimeZone and the legend names (Line.Name, Band.Name).
    [TestFixture]
    public class LegendTimeZoneTests
    {
        static GoldenCase Find(string name)
        {
            return SyntheticCases.Cases().Single(c => c.Name == name);
        }

        static byte[] Frame(ChartOptions options, ChartData data)
        {
            using (Chart chart = new Chart(options)) return chart.Render(Format.Rgba, data);
        }

        // The time_* and axes_* cases (New York time, named SMA and Bollinger band)
        // render, through a Chart and through a Renderer's jobs, to the frames
        // hashes.txt records for the committed images of the C++ golden test.
        [Test]
        public void SyntheticGoldenCasesMatchC()
        {
            var cases = SyntheticCases.Cases();
            foreach (GoldenCase c in cases)
                Assert.AreEqual(TestKit.GoldenHash(c.Name), TestKit.PixelHash(Frame(c.Options, c.Data)), c.Name);
            using (Renderer r = new Renderer())
            {
                RenderResult[] results = r.RenderBatch(cases.Select(c => new RenderJob(c.Options, Format.Rgba, c.Data)).ToList(), 1);
                for (int i = 0; i < cases.Count; i++)
                {
                    Assert.IsTrue(results[i].Ok, cases[i].Name);
                    Assert.AreEqual(TestKit.GoldenHash(cases[i].Name), TestKit.PixelHash(results[i].Output), cases[i].Name + " (renderer)");
                }
                GoldenCase ny = cases[0];
                Assert.AreEqual(TestKit.GoldenHash(ny.Name), TestKit.PixelHash(r.Render(new RenderJob(ny.Options, Format.Rgba, ny.Data))));
            }
        }

        // An unknown zone fails the Chart constructor and a Renderer job with
        // InvalidArgument and the library's message naming the zone; a NUL in the name
        // is InvalidArgument too; "" is UTC.
        [Test]
        public void BadTimeZone()
        {
            Series s = TestKit.MakeSeries(30, 1);
            ChartOptions bad = new ChartOptions { ShowAxes = true, TimeZone = "America/New_Yrok" };
            var e = Assert.Throws<CandlewickException>(() => new Chart(bad));
            Assert.AreEqual(Status.InvalidArgument, e.Status, e.Message);
            StringAssert.Contains("America/New_Yrok", e.Detail);
            using (Renderer r = new Renderer(new RendererOptions { MaxCacheBytes = -1 }))
            {
                e = Assert.Throws<CandlewickException>(() => r.Render(new RenderJob(bad, Format.Png, new ChartData(s))));
                Assert.AreEqual(Status.InvalidArgument, e.Status, e.Message);
                StringAssert.Contains("America/New_Yrok", e.Detail);
                RenderResult[] results = r.RenderBatch(new[] { new RenderJob(new ChartOptions { TimeZone = "Europe/London\0x" }, Format.Png, new ChartData(s)) });
                Assert.AreEqual(Status.InvalidArgument, results[0].Error.Status, results[0].Error.Message);
            }
            e = Assert.Throws<CandlewickException>(() => new Chart(new ChartOptions { TimeZone = "Europe/London\0x" }));
            Assert.AreEqual(Status.InvalidArgument, e.Status, e.Message);
            StringAssert.Contains("NUL", e.Detail);
            GoldenCase utc = Find("time_daily_3m_light");
            byte[] want = Frame(utc.Options, utc.Data);
            utc.Options.TimeZone = "";
            Assert.IsTrue(want.SequenceEqual(Frame(utc.Options, utc.Data)), "\"\" is UTC");
            utc.Options.TimeZone = "America/New_York";
            Assert.IsFalse(want.SequenceEqual(Frame(utc.Options, utc.Data)), "the zone moves the daily labels");
        }

        // Names draw legend rows: without them the frame differs; an empty name leaves
        // its row out (as no name); a panel line's name is ignored; a NUL in a name is
        // InvalidArgument.
        [Test]
        public void LegendNames()
        {
            GoldenCase c = Find("axes_candlestick_light");
            Line sma = c.Data.Overlays[0];
            Band bb = c.Data.Bands[0];
            byte[] named = Frame(c.Options, c.Data);
            Assert.AreEqual(TestKit.GoldenHash(c.Name), TestKit.PixelHash(named));

            c.Data.Panels[0].Lines[0].Name = "RSI";
            Assert.IsTrue(named.SequenceEqual(Frame(c.Options, c.Data)), "a panel line's name is ignored");

            bb.Name = null;
            byte[] smaOnly = Frame(c.Options, c.Data);
            Assert.IsFalse(named.SequenceEqual(smaOnly), "the band's row");
            bb.Name = "";
            Assert.IsTrue(smaOnly.SequenceEqual(Frame(c.Options, c.Data)), "an empty band name: no row");

            sma.Name = null;
            byte[] none = Frame(c.Options, c.Data);
            Assert.IsFalse(smaOnly.SequenceEqual(none), "the overlay's row");
            sma.Name = "";
            Assert.IsTrue(none.SequenceEqual(Frame(c.Options, c.Data)), "an empty overlay name: no row");

            sma.Name = "SMA\0 20";
            var e = Assert.Throws<CandlewickException>(() => Frame(c.Options, c.Data));
            Assert.AreEqual(Status.InvalidArgument, e.Status, e.Message);
            sma.Name = null;
            bb.Name = "BB\0";
            e = Assert.Throws<CandlewickException>(() => Frame(c.Options, c.Data));
            Assert.AreEqual(Status.InvalidArgument, e.Status, e.Message);
            StringAssert.Contains("band name", e.Detail);
            bb.Name = null;

            // Titles likewise: C would draw only the part before the NUL.
            c.Data.Title = "AAPL\0 daily";
            e = Assert.Throws<CandlewickException>(() => Frame(c.Options, c.Data));
            Assert.AreEqual(Status.InvalidArgument, e.Status, e.Message);
            StringAssert.Contains("title", e.Detail);
            c.Data.Title = null;
            c.Data.Panels = new[] { new Panel { Title = "RSI\014" } };
            e = Assert.Throws<CandlewickException>(() => Frame(c.Options, c.Data));
            Assert.AreEqual(Status.InvalidArgument, e.Status, e.Message);
            StringAssert.Contains("panel title", e.Detail);
        }
    }
}
