using System;
using System.Collections.Generic;
using Candlewick.Native;

namespace Candlewick
{
    /// <summary>One OHLCV series as columns.  The arrays are borrowed for the duration
    /// of a call: pinned and read in place (no copy), never retained.  Open, High, Low
    /// and Close are required and of one length; Time (Unix seconds, UTC) and Volume
    /// are optional (null).</summary>
    public sealed class Series
    {
        public long[] Time;
        public double[] Open, High, Low, Close;
        public double[] Volume;
    }

    /// <summary>A line over the price panel or in a Panel: one value per row, NaN where
    /// there is none.</summary>
    public sealed class Line
    {
        public double[] Values;
        /// <summary>0xRRGGBBAA (alpha ignored); 0 takes the next of Chart.LineColors.</summary>
        public uint Color;
        /// <summary>Pixels; 0 is the chart's line width.</summary>
        public float Width;
        /// <summary>An overlay's legend name ("SMA 20"): drawn when axes are on, at the
        /// price panel's top left with a swatch and the last value; null or "" leaves the
        /// line out of the legend.  A line in a Panel ignores it (the panel's Title
        /// names it).  A NUL character in it throws InvalidArgument.</summary>
        public string Name;
    }

    /// <summary>A filled band between two series (Bollinger, Keltner), behind the candles.</summary>
    public sealed class Band
    {
        public double[] Upper, Lower;
        public uint Fill = 0x2962FF33;   // may be translucent
        public uint Edge = 0x2962FFFF;
        public float Width = 1;          // edge width; 0: no edges
        /// <summary>The legend name ("BBANDS 20 2 2"), with the upper and lower values,
        /// as Line.Name: drawn when axes are on; null or "": no legend row.</summary>
        public string Name;
    }

    /// <summary>An extra panel under the price and volume panels.</summary>
    public sealed class Panel
    {
        public float Weight = 0.25f;     // height relative to the price panel's weight
        public Line[] Lines;
        public double[] Histogram;
        public uint HistogramUp, HistogramDown; // 0: the chart's up/down colours
        public double[] Levels;          // horizontal reference lines (30, 70)
        public double Min, Max;          // a fixed scale when Min < Max
        public string Title;             // drawn when axes are on
    }

    /// <summary>Everything one render draws; every array is borrowed for the call.</summary>
    public sealed class ChartData
    {
        public Series Series;
        public Line[] Overlays;
        public Band[] Bands;
        public Panel[] Panels;           // at most Chart.MaxPanels
        public string Title;

        public ChartData() { }
        public ChartData(Series series) { Series = series; }
    }

    /// <summary>A chart: fixed options and scratch memory reused from one render to the
    /// next.  Dispose releases it at once (a chart nobody disposes is released by its
    /// SafeHandle's finalizer).  Thread-safe: calls on one chart are serialised by a
    /// lock; separate charts render in parallel.</summary>
    public sealed class Chart : IDisposable, IStatsAttachable
    {
        /// <summary>The most extra panels one render takes.</summary>
        public const int MaxPanels = 8;

        /// <summary>Colours given, in turn, to lines whose Color is 0 (read-only: a
        /// writable array would let one caller change every chart's defaults).</summary>
        public static readonly IReadOnlyList<uint> LineColors =
            Array.AsReadOnly(new uint[] { 0x2962FFFF, 0xFF9800FF, 0xAB47BCFF, 0x26C6DAFF, 0xFFEB3BFF, 0xEC407AFF });

        private readonly object gate = new object();
        private readonly NativeHandle handle;
        private readonly Scratch scratch = new Scratch();
        private readonly StatsSlot slot;

        public int Width { get; private set; }
        public int Height { get; private set; }

        /// <summary>Creates a chart.  Throws CandlewickException: SizeOutOfRange (width or
        /// height outside 16..16384), InvalidArgument (a bad option, a translucent custom
        /// colour, font bytes that cannot be loaded), OutOfMemory.</summary>
        public Chart(ChartOptions options)
        {
            options = options ?? new ChartOptions();
            IntPtr h = IntPtr.Zero;
            using (Pins pins = new Pins())
            using (cw_chart_options o = options.ToNative(pins))
            {
                int status;
                unsafe { status = NativeMethods.cw_chart_create(o, (IntPtr)(&h)); }
                CandlewickException.Check(status, "Chart", () =>
                    Utf8.Message((m, n) => NativeMethods.cw_chart_options_validate(o, m, n)));
            }
            handle = new NativeHandle(h, NativeMethods.cw_chart_destroy, NativeMethods.cw_chart_last_error);
            slot = new StatsSlot(handle, "Chart", NativeMethods.cw_chart_attach_stats);
            uint w = 0, ht = 0;
            unsafe { NativeMethods.cw_chart_frame_info(h, (IntPtr)(&w), (IntPtr)(&ht), IntPtr.Zero, IntPtr.Zero); }
            Width = (int)w;
            Height = (int)ht;
        }

        public Chart() : this(new ChartOptions()) { }

        /// <summary>Destroys the chart (idempotent).  Arrays it returned stay valid.</summary>
        public void Dispose()
        {
            lock (gate)
            {
                handle.Dispose();
                scratch.Dispose();
            }
        }

        public byte[] RenderPng(Series series) { return Render(Format.Png, new ChartData(series)); }
        public byte[] RenderPng(ChartData data) { return Render(Format.Png, data); }
        public byte[] Render(Format format, Series series) { return Render(format, new ChartData(series)); }

        /// <summary>Draws `data` in any format: the file's bytes for PNG/WebP/SVG, a tight
        /// frame (Width x Height x bytes per pixel) for raw formats.  Throws
        /// CandlewickException: EmptySeries, LengthMismatch (a column, overlay, band or
        /// histogram of another length), NonFinite, InconsistentOhlc, NegativeVolume,
        /// InvalidArgument (too many panels, Indexed on an antialiased chart), Encode,
        /// OutOfMemory; ObjectDisposedException after Dispose.</summary>
        public byte[] Render(Format format, ChartData data)
        {
            int bpp = BytesPerPixel(format);
            if (bpp > 0)
            {
                byte[] frame = new byte[Width * bpp * Height];
                RenderInto(frame, Width * bpp, data, format);
                return frame;
            }
            IntPtr buffer = IntPtr.Zero;
            Call("Chart.Render", data, (h, d) =>
            {
                IntPtr b = IntPtr.Zero;
                int status;
                unsafe { status = NativeMethods.cw_chart_render(h, d, (int)format, (IntPtr)(&b)); }
                buffer = b;
                return status;
            });
            return Buffers.Take(buffer);
        }

        public void RenderInto(byte[] pixels, int rowStride, Series series, Format format = Format.Rgba)
        {
            RenderInto(pixels, rowStride, new ChartData(series), format);
        }

        /// <summary>Draws `data` into a caller-owned raw frame (Rgba, Rgb or Indexed) whose
        /// rows are rowStride bytes apart; bytes between rows are left alone, and the
        /// buffer is untouched on a validation error.  Throws as Render, plus
        /// BufferTooSmall.</summary>
        public void RenderInto(byte[] pixels, int rowStride, ChartData data, Format format = Format.Rgba)
        {
            if (BytesPerPixel(format) == 0)
                throw new CandlewickException("Chart.RenderInto", Status.InvalidArgument, "not a raw format: " + format);
            if (rowStride < 0)
                throw new CandlewickException("Chart.RenderInto", Status.BufferTooSmall, "negative row stride " + rowStride);
            Call("Chart.RenderInto", data, (h, d) =>
            {
                unsafe
                {
                    fixed (byte* p = pixels)
                    {
                        return NativeMethods.cw_chart_render_frame(h, d, (int)format, (IntPtr)p,
                                                                   (ulong)(pixels == null ? 0 : pixels.Length), (ulong)rowStride);
                    }
                }
            });
        }

        /// <summary>Bytes per pixel of a raw format (4, 3, 1); 0 for an encoded one.</summary>
        public static int BytesPerPixel(Format format)
        {
            return (int)NativeMethods.cw_format_bytes_per_pixel((int)format);
        }

        /// <summary>The colours (0xRRGGBBAA) of the last render, what Indexed frames refer to.</summary>
        public uint[] Palette()
        {
            lock (gate)
            {
                using (Lease h = new Lease(handle, "Chart"))
                {
                    ulong n = 0;
                    unsafe { h.Check(NativeMethods.cw_chart_palette(h.Ptr, IntPtr.Zero, 0, (IntPtr)(&n)), "Chart.Palette"); }
                    uint[] colors = new uint[n];
                    unsafe
                    {
                        fixed (uint* p = colors)
                            h.Check(NativeMethods.cw_chart_palette(h.Ptr, (IntPtr)p, n, (IntPtr)(&n)), "Chart.Palette");
                    }
                    return colors;
                }
            }
        }

        /// <summary>Sets the lossy WebP quality, 0..100 (default 90).</summary>
        public void SetWebPQuality(float quality)
        {
            lock (gate)
            {
                using (Lease h = new Lease(handle, "Chart"))
                    h.Check(NativeMethods.cw_chart_set_webp_quality(h.Ptr, quality), "Chart.SetWebPQuality");
            }
        }

        /// <summary>Records every render of this chart in `stats` (null detaches).  The
        /// chart keeps the stats handle alive while attached; Stats.Dispose detaches.</summary>
        public void AttachStats(Stats stats)
        {
            lock (gate) slot.Attach(stats, this);
        }

        public void DetachStats() { AttachStats(null); }

        void IStatsAttachable.DetachFrom(Stats from)
        {
            lock (gate) slot.DetachFrom(from);
        }

        private delegate int RenderCall(IntPtr chart, cw_chart_data data);

        /// <summary>One render: under the lock, with the handle referenced, the data laid
        /// out in the chart's C structs and every array pinned until the call returns.</summary>
        private void Call(string op, ChartData data, RenderCall call)
        {
            if (data == null) throw new ArgumentNullException("data");
            lock (gate)
            {
                using (Lease h = new Lease(handle, "Chart"))
                using (Pins pins = new Pins())
                {
                    scratch.Fill(pins, data, op);
                    h.Check(call(h.Ptr, scratch.Data), op);
                }
            }
        }
    }

    /// <summary>The C memory a chart fills for each render: one cw_chart_data and arrays
    /// of lines, bands and panels that only grow.  SWIG proxies of nested members are
    /// made once and reused.</summary>
    internal sealed class Scratch : IDisposable
    {
        internal readonly cw_chart_data Data = new cw_chart_data();
        private readonly cw_ohlcv series;
        private readonly cw_i64_column time;
        private readonly cw_f64_column open, high, low, close, volume;
        private readonly StructArray<cw_line> lines = new StructArray<cw_line>(
            NativeMethods.cwswig_cw_line_array_new, NativeMethods.cwswig_cw_line_array_at, cw_line.getCPtr);
        private readonly StructArray<cw_band> bands = new StructArray<cw_band>(
            NativeMethods.cwswig_cw_band_array_new, NativeMethods.cwswig_cw_band_array_at, cw_band.getCPtr);
        private readonly StructArray<cw_panel> panels = new StructArray<cw_panel>(
            NativeMethods.cwswig_cw_panel_array_new, NativeMethods.cwswig_cw_panel_array_at, cw_panel.getCPtr);

        internal Scratch()
        {
            series = Data.series;
            time = series.time;
            open = series.open;
            high = series.high;
            low = series.low;
            close = series.close;
            volume = series.volume;
        }

        internal static void Column(cw_f64_column c, Pins pins, double[] values)
        {
            c.data = pins.Pin(values);
            c.length = values == null ? 0UL : (ulong)values.Length;
            c.stride = 0;
        }

        internal static void Column(cw_i64_column c, Pins pins, long[] values)
        {
            c.data = pins.Pin(values);
            c.length = values == null ? 0UL : (ulong)values.Length;
            c.stride = 0;
        }

        internal void Fill(Pins pins, ChartData d, string op)
        {
            Line[] overlays = d.Overlays ?? new Line[0];
            Band[] bandList = d.Bands ?? new Band[0];
            Panel[] panelList = d.Panels ?? new Panel[0];
            if (panelList.Length > Chart.MaxPanels)
                throw new CandlewickException(op, Status.InvalidArgument,
                                              string.Format("{0} panels; at most {1}", panelList.Length, Chart.MaxPanels));
            int lineTotal = overlays.Length;
            foreach (Panel p in panelList) lineTotal += p == null || p.Lines == null ? 0 : p.Lines.Length;
            lines.Grow(lineTotal);
            bands.Grow(bandList.Length);
            panels.Grow(panelList.Length);

            NativeMethods.cw_chart_data_init(Data, null);
            Series s = d.Series ?? new Series();
            Column(time, pins, s.Time);
            Column(open, pins, s.Open);
            Column(high, pins, s.High);
            Column(low, pins, s.Low);
            Column(close, pins, s.Close);
            Column(volume, pins, s.Volume);

            int next = 0;
            Func<Line[], cw_line> fillLines = ls =>
            {
                if (ls == null || ls.Length == 0) return null;
                cw_line first = lines.At(next);
                for (int i = 0; i < ls.Length; i++)
                {
                    Line l = ls[i] ?? new Line();
                    cw_line c = lines.At(next++);
                    Column(lines.Values(c), pins, l.Values);
                    c.color = l.Color != 0 ? l.Color : Chart.LineColors[i % Chart.LineColors.Count];
                    c.width = l.Width;
                }
                return first;
            };
            if (overlays.Length > 0)
            {
                Data.overlays = fillLines(overlays);
                Data.overlay_count = (ulong)overlays.Length;
            }
            for (int i = 0; i < bandList.Length; i++)
            {
                Band b = bandList[i] ?? new Band();
                cw_band c = bands.At(i);
                Column(bands.Upper(c), pins, b.Upper);
                Column(bands.Lower(c), pins, b.Lower);
                c.fill = b.Fill;
                c.line = b.Edge;
                c.width = b.Width;
            }
            if (bandList.Length > 0)
            {
                Data.bands = bands.At(0);
                Data.band_count = (ulong)bandList.Length;
            }
            for (int i = 0; i < panelList.Length; i++)
            {
                Panel p = panelList[i] ?? new Panel();
                cw_panel c = panels.At(i);
                c.weight = p.Weight;
                c.lines = fillLines(p.Lines);
                c.line_count = p.Lines == null ? 0UL : (ulong)p.Lines.Length;
                Column(panels.Histogram(c), pins, p.Histogram);
                c.histogram_up = p.HistogramUp;
                c.histogram_down = p.HistogramDown;
                c.levels = pins.Pin(p.Levels);
                c.level_count = p.Levels == null ? 0UL : (ulong)p.Levels.Length;
                c.min = p.Min;
                c.max = p.Max;
                c.title = pins.CheckedText(p.Title, op, "panel title");
            }
            if (panelList.Length > 0)
            {
                Data.panels = panels.At(0);
                Data.panel_count = (ulong)panelList.Length;
            }
            Data.title = pins.CheckedText(d.Title, op, "title");
            Data.overlay_names = pins.Names(overlays, l => l.Name, op, "overlay name");
            Data.band_names = pins.Names(bandList, b => b.Name, op, "band name");
        }

        public void Dispose()
        {
            lines.Dispose();
            bands.Dispose();
            panels.Dispose();
            Data.Dispose();
        }
    }

    /// <summary>An array of C structs (calloc'd by the SWIG helpers, owned by a
    /// CMemory handle) with cached proxies of its elements and their columns.</summary>
    internal sealed class StructArray<T> : IDisposable where T : class
    {
        private readonly Func<ulong, T> create;
        private readonly Func<T, ulong, T> at;
        private readonly Func<T, System.Runtime.InteropServices.HandleRef> pointer;
        private CMemory memory;
        private T first;
        private readonly List<T> elements = new List<T>();
        private readonly Dictionary<T, cw_f64_column[]> columns = new Dictionary<T, cw_f64_column[]>();

        internal StructArray(Func<ulong, T> create, Func<T, ulong, T> at, Func<T, System.Runtime.InteropServices.HandleRef> pointer)
        {
            this.create = create;
            this.at = at;
            this.pointer = pointer;
        }

        internal void Grow(int n)
        {
            if (n <= elements.Count) return;
            Dispose();
            first = create((ulong)n);
            IntPtr p = pointer(first).Handle;
            if (p == IntPtr.Zero) throw new OutOfMemoryException("candlewick: struct array");
            memory = new CMemory(p);
            for (int i = 0; i < n; i++) elements.Add(at(first, (ulong)i));
        }

        internal T At(int i) { return elements[i]; }

        private cw_f64_column[] Cols(T e)
        {
            cw_f64_column[] c;
            if (!columns.TryGetValue(e, out c))
            {
                cw_line l = e as cw_line;
                cw_band b = e as cw_band;
                cw_panel p = e as cw_panel;
                c = l != null ? new[] { l.values } : b != null ? new[] { b.upper, b.lower } : new[] { p.histogram };
                columns[e] = c;
            }
            return c;
        }

        internal cw_f64_column Values(T line) { return Cols(line)[0]; }
        internal cw_f64_column Upper(T band) { return Cols(band)[0]; }
        internal cw_f64_column Lower(T band) { return Cols(band)[1]; }
        internal cw_f64_column Histogram(T panel) { return Cols(panel)[0]; }

        public void Dispose()
        {
            elements.Clear();
            columns.Clear();
            if (memory != null) memory.Dispose();
            memory = null;
            first = null;
        }
    }
}
