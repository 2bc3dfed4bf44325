using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Candlewick;
using NUnit.Framework;

namespace Candlewick.Tests
{
    [TestFixture]
    public class RendererTests
    {
        static readonly Tuple<Format, string>[] Encoded =
        {
            Tuple.Create(Format.Png, "png"), Tuple.Create(Format.WebP, "webp"), Tuple.Create(Format.Svg, "svg")
        };

        static ChartOptions WithWidth(ChartOptions o, int width)
        {
            return new ChartOptions
            {
                Width = width, Height = o.Height, Type = o.Type, Theme = o.Theme, ShowAxes = o.ShowAxes,
                CustomColors = o.CustomColors,
            };
        }

        // Every golden case through Render and RenderBatch: byte for byte the C
        // program's cw_renderer_render and batch outputs (and its cw_chart outputs), the
        // raw frame the C frame, and the batch's bad job failing alone with the C
        // program's status and message.
        [Test]
        public void MatchesC()
        {
            using (Renderer r = new Renderer())
            {
                foreach (GoldenCase c in TestKit.Cases())
                {
                    byte[] png = r.Render(new RenderJob(c.Options, Format.Png, c.Data));
                    Assert.IsTrue(png.SequenceEqual(TestKit.Reference(c.Name + ".renderer.png")), c.Name + ": renderer PNG");
                    byte[] raw = r.Render(new RenderJob(c.Options, Format.Rgba, c.Data));
                    Assert.IsTrue(raw.SequenceEqual(TestKit.Reference(c.Name + ".rgba")), c.Name + ": renderer frame");

                    var jobs = Encoded.Select(f => new RenderJob(c.Options, f.Item1, c.Data)).ToList();
                    jobs.Add(new RenderJob(WithWidth(c.Options, 8), Format.Png, c.Data));
                    RenderResult[] results = r.RenderBatch(jobs, 2);
                    for (int k = 0; k < Encoded.Length; k++)
                    {
                        Assert.IsTrue(results[k].Ok, c.Name + ": " + results[k].Error);
                        string ext = Encoded[k].Item2;
                        Assert.IsTrue(results[k].Output.SequenceEqual(TestKit.Reference(c.Name + ".batch." + ext)), c.Name + " batch " + ext);
                        Assert.IsTrue(results[k].Output.SequenceEqual(TestKit.Reference(c.Name + "." + ext)), c.Name + " chart " + ext);
                    }
                    CandlewickException e = results[3].Error;
                    Assert.IsNotNull(e, c.Name + ": the bad job succeeded");
                    Assert.IsNull(results[3].Output);
                    Assert.AreEqual(Status.SizeOutOfRange, e.Status);
                    string line = string.Format("{0} {1}", (int)e.Status, e.Detail);
                    Assert.AreEqual(Encoding.UTF8.GetString(TestKit.Reference(c.Name + ".batch_error.txt")), line, c.Name);
                }
            }
        }

        // Threads share one renderer with a small cache (charts evicted and remade while
        // others render), mixed sizes and formats: every output equals a Chart's.
        [Test]
        public void ThreadsMatchCharts()
        {
            var wants = new List<Tuple<RenderJob, byte[]>>();
            foreach (GoldenCase c in TestKit.Cases())
            {
                using (Chart chart = new Chart(c.Options))
                {
                    foreach (Format f in new[] { Format.Png, Format.Svg, Format.Rgb })
                        wants.Add(Tuple.Create(new RenderJob(c.Options, f, c.Data), chart.Render(f, c.Data)));
                }
            }
            using (Stats stats = new Stats())
            using (Renderer r = new Renderer(new RendererOptions { MaxCacheBytes = 2 << 20 }))
            {
                r.AttachStats(stats);
                const int threads = 8, rounds = 4;
                var errors = new List<string>();
                var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
                {
                    for (int i = 0; i < rounds * wants.Count; i++)
                    {
                        var w = wants[(i + t * 5) % wants.Count];
                        byte[] got = r.Render(w.Item1);
                        if (!got.SequenceEqual(w.Item2))
                            lock (errors) errors.Add(string.Format("thread {0} call {1} differs", t, i));
                    }
                })).ToList();
                workers.ForEach(w => w.Start());
                workers.ForEach(w => w.Join());
                Assert.IsEmpty(errors);
                RendererInfo info = r.Info();
                Assert.AreEqual(2UL << 20, info.MaxCacheBytes);
                Assert.LessOrEqual(info.CachedBytes, info.MaxCacheBytes);
                Assert.Greater(info.Hits, 0UL);
                Assert.AreEqual(0UL, info.ChartsInUse);
                ulong calls = (ulong)(threads * rounds * wants.Count);
                StatsSnapshot snap = stats.Snapshot();
                Assert.AreEqual(calls * 2 / 3, snap.Kinds["encode"].Count);
                Assert.AreEqual(calls / 3, snap.Kinds["render"].Count);
            }
        }

        // Bad jobs fail alone and name the problem; a disposed renderer says so.
        [Test]
        public void Errors()
        {
            Series s = TestKit.MakeSeries(30, 1);
            Series nan = TestKit.MakeSeries(30, 1);
            nan.High[3] = double.NaN;
            Series mismatched = new Series { Open = s.Open, High = s.High, Low = s.Low, Close = s.Close.Take(10).ToArray() };
            var cases = new[]
            {
                Tuple.Create(new RenderJob(new ChartOptions { Width = 100000 }, Format.Png, new ChartData(s)), Status.SizeOutOfRange),
                Tuple.Create(new RenderJob(new ChartOptions { Font = new byte[] { 1, 2, 3 } }, Format.Png, new ChartData(s)), Status.InvalidArgument),
                Tuple.Create(new RenderJob(new ChartOptions(), (Format)99, new ChartData(s)), Status.InvalidArgument),
                Tuple.Create(new RenderJob(new ChartOptions(), Format.Png, null), Status.NullArgument),
                Tuple.Create(new RenderJob(new ChartOptions(), Format.Png, new ChartData(mismatched)), Status.LengthMismatch),
                Tuple.Create(new RenderJob(new ChartOptions(), Format.Png, new ChartData(nan)), Status.NonFinite),
                Tuple.Create(new RenderJob(new ChartOptions { Width = 8 }, Format.Rgba, new ChartData(s)), Status.SizeOutOfRange),
            };
            Renderer r = new Renderer(new RendererOptions { MaxCacheBytes = -1 });
            foreach (var c in cases)
            {
                var e = Assert.Throws<CandlewickException>(() => r.Render(c.Item1));
                Assert.AreEqual(c.Item2, e.Status, e.Message);
                Assert.IsNotEmpty(e.Detail);
                RenderResult[] results = r.RenderBatch(new[] { c.Item1, new RenderJob(new ChartOptions(), Format.Png, new ChartData(s)) });
                Assert.AreEqual(c.Item2, results[0].Error.Status, "in a batch");
                Assert.IsTrue(results[1].Ok && results[1].Output.Length > 0, "the good job of the batch");
            }
            Assert.AreEqual(Status.InvalidArgument,
                            Assert.Throws<CandlewickException>(() => r.RenderBatch(new RenderJob[0], Renderer.MaxBatchThreads + 1)).Status);
            Assert.AreEqual(0, r.RenderBatch(new RenderJob[0]).Length);
            Assert.AreEqual(Status.InvalidArgument, Assert.Throws<CandlewickException>(
                () => new Renderer(new RendererOptions { Font = Encoding.ASCII.GetBytes("not a font") })).Status);
            r.Dispose();
            r.Dispose();
            Assert.Throws<ObjectDisposedException>(() => r.Render(new RenderJob(new ChartOptions(), Format.Png, new ChartData(s))));
            Assert.Throws<ObjectDisposedException>(() => r.RenderBatch(new RenderJob[0]));
            Assert.Throws<ObjectDisposedException>(() => r.Info());
        }
    }
}
