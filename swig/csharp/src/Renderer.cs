using System;
using System.Collections.Generic;
using System.Threading;
using Candlewick.Native;

namespace Candlewick
{
    /// <summary>Options of a Renderer.</summary>
    public sealed class RendererOptions
    {
        /// <summary>The most memory idle charts keep: 0 takes the default (64 MiB), a
        /// negative value keeps no chart (every call makes and destroys its own).</summary>
        public long MaxCacheBytes { get; set; }
        /// <summary>A TrueType/OpenType file for every chart's labels (copied at create);
        /// null takes the embedded DejaVu Sans.  ChartOptions.Font must be null in a
        /// renderer's jobs.</summary>
        public byte[] Font { get; set; }
    }

    /// <summary>One render: options, format and data of its own.</summary>
    public sealed class RenderJob
    {
        /// <summary>The chart's options, TimeZone included (loaded for the job: an unknown
        /// zone fails the job with InvalidArgument); Font must be null.</summary>
        public ChartOptions Options { get; set; }
        public Format Format { get; set; }
        public ChartData Data { get; set; }
        /// <summary>Format.WebPLossy's quality, 0..100; 0 takes 90.</summary>
        public float WebPQuality { get; set; }

        public RenderJob() { Format = Format.Png; }
        public RenderJob(ChartOptions options, Format format, ChartData data)
        {
            Options = options;
            Format = format;
            Data = data;
        }
    }

    /// <summary>One job's outcome: the encoded file or raw frame, or why it failed.</summary>
    public sealed class RenderResult
    {
        public byte[] Output { get; internal set; }
        public CandlewickException Error { get; internal set; }
        public bool Ok { get { return Error == null; } }
    }

    /// <summary>A reading of a renderer's cache and threads.</summary>
    public sealed class RendererInfo
    {
        public ulong MaxCacheBytes, CachedBytes, CachedCharts, ChartsInUse, Hits, Misses, Evictions, OverheadBytes;
        public int WorkerThreads;
    }

    /// <summary>The handle a service renders with (cw_renderer): any number of threads
    /// may call it at once, each call with its own options, format and data.  Behind it
    /// is a bounded cache of charts (least recently used evicted), so a warm call
    /// allocates nothing in C but its output; outputs are byte for byte those of a
    /// Chart with the same options.  Dispose releases it once the calls in progress
    /// have returned (a renderer nobody disposes is released by its SafeHandle's
    /// finalizer).</summary>
    public sealed class Renderer : IDisposable, IStatsAttachable
    {
        /// <summary>The most threads one batch may use.</summary>
        public static readonly int MaxBatchThreads = (int)NativeMethods.CW_MAX_BATCH_THREADS;

        private readonly object gate = new object(); // attach, detach, dispose
        // Renders hold it for reading; detaching stats holds it for writing, so the
        // stats handle is released only after the calls that record into it.
        private readonly ReaderWriterLockSlim calls = new ReaderWriterLockSlim();
        private readonly NativeHandle handle;
        private readonly StatsSlot slot;

        /// <summary>Creates a renderer (it starts no thread: batches start the library's
        /// workers when they first need them).  Throws CandlewickException:
        /// InvalidArgument (font bytes that cannot be loaded), OutOfMemory.</summary>
        public Renderer(RendererOptions options = null)
        {
            options = options ?? new RendererOptions();
            IntPtr h = IntPtr.Zero;
            using (Pins pins = new Pins())
            using (cw_renderer_options o = new cw_renderer_options())
            {
                NativeMethods.cw_renderer_options_init(o);
                if (options.MaxCacheBytes < 0) o.max_cache_bytes = 0;
                else if (options.MaxCacheBytes > 0) o.max_cache_bytes = (ulong)options.MaxCacheBytes;
                if (options.Font != null)
                {
                    if (options.Font.Length == 0)
                        throw new CandlewickException("Renderer", Status.InvalidArgument, "empty font");
                    o.font_data = pins.Pin(options.Font);
                    o.font_data_size = (ulong)options.Font.Length;
                }
                int status;
                unsafe { status = NativeMethods.cw_renderer_create(o, (IntPtr)(&h)); }
                CandlewickException.Check(status, "Renderer", () =>
                    Utf8.Message((m, n) => NativeMethods.cw_renderer_options_validate(o, m, n)));
            }
            handle = new NativeHandle(h, NativeMethods.cw_renderer_destroy);
            slot = new StatsSlot(handle, "Renderer", NativeMethods.cw_renderer_attach_stats);
        }

        /// <summary>Destroys the renderer (idempotent) once the calls in progress have
        /// returned.  Arrays it returned stay valid.</summary>
        public void Dispose()
        {
            lock (gate) handle.Dispose();
        }

        /// <summary>Renders one job: the file's bytes for PNG/WebP/SVG, a tight frame
        /// (width x height x bytes per pixel) for raw formats.  Thread-safe.  Throws
        /// CandlewickException with the job's status and message: those of new Chart for
        /// the options (and InvalidArgument for ChartOptions.Font), those of Chart.Render
        /// for the data; ObjectDisposedException after Dispose.</summary>
        public byte[] Render(RenderJob job)
        {
            RenderResult r = RenderOne(job);
            if (r.Error != null) throw r.Error;
            return r.Output;
        }

        private RenderResult RenderOne(RenderJob job)
        {
            if (job == null) throw new ArgumentNullException("job");
            calls.EnterReadLock();
            try
            {
                using (Lease h = new Lease(handle, "Renderer"))
                using (Pins pins = new Pins())
                using (Prepared p = Prepared.Make("Renderer.Render", pins, job))
                using (cw_render_job cj = new cw_render_job())
                {
                    if (p.Error != null) return new RenderResult { Error = p.Error };
                    p.Set(cj, pins);
                    NativeMethods.cw_renderer_render(h.Ptr, cj);
                    return p.Result("Renderer.Render", cj);
                }
            }
            finally
            {
                calls.ExitReadLock();
            }
        }

        /// <summary>Renders every job in parallel on the library's worker threads
        /// (`threads`, the calling one included: 0 = the CPUs the process may use), each
        /// with its own result: a bad job never fails the others.  Throws only for the
        /// batch as a whole (threads out of range, a disposed renderer).</summary>
        public RenderResult[] RenderBatch(IList<RenderJob> jobs, int threads = 0)
        {
            if (jobs == null) throw new ArgumentNullException("jobs");
            if (threads < 0 || threads > MaxBatchThreads)
                throw new CandlewickException("Renderer.RenderBatch", Status.InvalidArgument,
                                              string.Format("threads {0} is outside 0..{1}", threads, MaxBatchThreads));
            RenderResult[] results = new RenderResult[jobs.Count];
            calls.EnterReadLock();
            try
            {
                using (Lease h = new Lease(handle, "Renderer"))
                using (Pins pins = new Pins())
                {
                    List<Prepared> prepared = new List<Prepared>();
                    List<int> index = new List<int>();
                    try
                    {
                        for (int i = 0; i < jobs.Count; i++)
                        {
                            if (jobs[i] == null)
                            {
                                results[i] = new RenderResult { Error = new CandlewickException(
                                    "Renderer.RenderBatch", Status.NullArgument, "null job") };
                                continue;
                            }
                            Prepared p = Prepared.Make("Renderer.RenderBatch", pins, jobs[i]);
                            if (p.Error != null)
                            {
                                results[i] = new RenderResult { Error = p.Error };
                                p.Dispose();
                                continue;
                            }
                            prepared.Add(p);
                            index.Add(i);
                        }
                        if (prepared.Count == 0) return results;
                        cw_render_job first = NativeMethods.cwswig_cw_render_job_array_new((ulong)prepared.Count);
                        IntPtr firstPtr = cw_render_job.getCPtr(first).Handle;
                        if (firstPtr == IntPtr.Zero) throw new OutOfMemoryException("candlewick: job table");
                        using (CMemory memory = new CMemory(firstPtr))
                        using (cw_batch_options bo = new cw_batch_options())
                        {
                            var cjobs = new cw_render_job[prepared.Count];
                            for (int k = 0; k < prepared.Count; k++)
                            {
                                cjobs[k] = NativeMethods.cwswig_cw_render_job_array_at(first, (ulong)k);
                                prepared[k].Set(cjobs[k], pins);
                            }
                            NativeMethods.cw_batch_options_init(bo);
                            bo.threads = (uint)threads;
                            ulong failed = 0;
                            int status;
                            unsafe { status = NativeMethods.cw_renderer_render_batch(h.Ptr, first, (ulong)prepared.Count, bo, (IntPtr)(&failed)); }
                            CandlewickException.Check(status, "Renderer.RenderBatch", () => "the batch did not run");
                            for (int k = 0; k < prepared.Count; k++)
                                results[index[k]] = prepared[k].Result("Renderer.RenderBatch", cjobs[k]);
                        }
                    }
                    finally
                    {
                        foreach (Prepared p in prepared) p.Dispose();
                    }
                }
            }
            finally
            {
                calls.ExitReadLock();
            }
            return results;
        }

        /// <summary>Reads the cache's figures.</summary>
        public RendererInfo Info()
        {
            using (Lease h = new Lease(handle, "Renderer"))
            using (cw_renderer_info ci = new cw_renderer_info())
            {
                h.Check(NativeMethods.cw_renderer_get_info(h.Ptr, ci), "Renderer.Info");
                return new RendererInfo
                {
                    MaxCacheBytes = ci.max_cache_bytes, CachedBytes = ci.cached_bytes, CachedCharts = ci.cached_charts,
                    ChartsInUse = ci.charts_in_use, Hits = ci.hits, Misses = ci.misses, Evictions = ci.evictions,
                    OverheadBytes = ci.overhead_bytes, WorkerThreads = (int)ci.worker_threads,
                };
            }
        }

        /// <summary>Destroys every idle chart; calls running now keep theirs.</summary>
        public void ClearCache()
        {
            using (Lease h = new Lease(handle, "Renderer")) NativeMethods.cw_renderer_clear_cache(h.Ptr);
        }

        /// <summary>Records every call in `stats` (null detaches): Render as render or
        /// encode, each batch job as batch, failures included.  Detaching waits for the
        /// calls in progress.</summary>
        public void AttachStats(Stats stats)
        {
            lock (gate)
            {
                calls.EnterWriteLock();
                try { slot.Attach(stats, this); }
                finally { calls.ExitWriteLock(); }
            }
        }

        public void DetachStats() { AttachStats(null); }

        void IStatsAttachable.DetachFrom(Stats from)
        {
            lock (gate)
            {
                calls.EnterWriteLock();
                try { slot.DetachFrom(from); }
                finally { calls.ExitWriteLock(); }
            }
        }

        /// <summary>A job laid out in C memory for one call, its arrays pinned by the
        /// caller's Pins; Error when it cannot be laid out (it fails alone).</summary>
        private sealed class Prepared : IDisposable
        {
            internal CandlewickException Error;
            private cw_chart_options options;
            private Scratch scratch;
            private int format;
            private float quality;
            private byte[] frame;
            private int stride;

            internal static Prepared Make(string op, Pins pins, RenderJob job)
            {
                Prepared p = new Prepared { format = (int)job.Format, quality = job.WebPQuality };
                try
                {
                    if (job.Data == null) throw new CandlewickException(op, Status.NullArgument, "null data");
                    p.options = (job.Options ?? new ChartOptions()).ToNative(pins);
                    p.scratch = new Scratch();
                    p.scratch.Fill(pins, job.Data, op);
                    int bpp = Chart.BytesPerPixel(job.Format);
                    long w = p.options.width, h = p.options.height;
                    // A size out of range is the library's to report; no frame then.
                    if (bpp > 0 && w >= NativeMethods.CW_MIN_DIMENSION && w <= NativeMethods.CW_MAX_DIMENSION &&
                        h >= NativeMethods.CW_MIN_DIMENSION && h <= NativeMethods.CW_MAX_DIMENSION)
                    {
                        p.stride = (int)w * bpp;
                        p.frame = new byte[p.stride * (int)h];
                    }
                }
                catch (CandlewickException e)
                {
                    p.Error = e;
                }
                return p;
            }

            internal void Set(cw_render_job cj, Pins pins)
            {
                NativeMethods.cw_render_job_init(cj, options, scratch.Data, format);
                if (quality != 0) cj.webp_quality = quality;
                if (frame != null)
                {
                    cj.pixels = pins.Pin(frame);
                    cj.buffer_size = (ulong)frame.Length;
                    cj.row_stride = (ulong)stride;
                }
            }

            internal RenderResult Result(string op, cw_render_job cj)
            {
                if (cj.status != 0)
                    return new RenderResult { Error = new CandlewickException(op, (Status)cj.status,
                                                                              NativeMethods.cwswig_render_job_message(cj)) };
                if (frame != null) return new RenderResult { Output = frame };
                return new RenderResult { Output = Buffers.Take(cj.output) };
            }

            public void Dispose()
            {
                if (options != null) options.Dispose();
                if (scratch != null) scratch.Dispose();
                options = null;
                scratch = null;
            }
        }
    }
}
