using System;
using Candlewick.Native;

namespace Candlewick
{
    public enum BarMethod
    {
        Time = cw_bar_method.CW_BARS_TIME,           // OHLCV per clock interval (Interval, Offset, Empty)
        Tick = cw_bar_method.CW_BARS_TICK,           // every TickCount input rows
        Volume = cw_bar_method.CW_BARS_VOLUME,       // every VolumeThreshold of volume
        Range = cw_bar_method.CW_BARS_RANGE,         // bars spanning exactly Range
        HeikinAshi = cw_bar_method.CW_BARS_HEIKIN_ASHI,
        Renko = cw_bar_method.CW_BARS_RENKO,         // BoxMode, BoxSize, AtrPeriod
        PointFigure = cw_bar_method.CW_BARS_POINT_FIGURE,
        Kagi = cw_bar_method.CW_BARS_KAGI,           // ReversalAmount, ReversalPercent
        LineBreak = cw_bar_method.CW_BARS_LINE_BREAK, // LineCount
    }

    public enum EmptyBars
    {
        Skip = cw_bar_empty.CW_BAR_EMPTY_SKIP,
        NaN = cw_bar_empty.CW_BAR_EMPTY_NAN,
        Flat = cw_bar_empty.CW_BAR_EMPTY_FLAT,
    }

    public enum BoxMode
    {
        Fixed = cw_box_mode.CW_BOX_FIXED,
        Atr = cw_box_mode.CW_BOX_ATR,
    }

    /// <summary>The method and its parameters; a new instance holds the library's
    /// defaults for the method (cw_bar_options_init).</summary>
    public sealed class BarOptions
    {
        public BarMethod Method;
        public long Interval, Offset;
        public EmptyBars Empty;
        public ulong TickCount;
        public double VolumeThreshold;
        public bool VolumeSplit;
        public double Range;
        public BoxMode BoxMode;
        public double BoxSize;
        public int AtrPeriod, Reversal;
        public double ReversalAmount;
        public bool ReversalPercent;
        public int LineCount;
        /// <summary>The most output rows a call allocates: a method that would make more
        /// (renko bricks of a tiny box, time bars over a long empty span) throws
        /// SizeOutOfRange before allocating, instead of taking all the memory (the
        /// runtime's lazily committed arrays got the process killed).  0 (the default)
        /// takes the larger of DefaultMaxRows and the input's rows; negative is
        /// InvalidArgument.  At most int.MaxValue rows fit in the arrays.</summary>
        public long MaxRows;

        /// <summary>The bound on output rows when MaxRows is 0, unless the input has more
        /// rows: 16,777,216 rows of the seven columns take 0.9 GiB.</summary>
        public const long DefaultMaxRows = 1L << 24;

        public BarOptions(BarMethod method)
        {
            using (cw_bar_options o = new cw_bar_options())
            {
                NativeMethods.cw_bar_options_init(o, (int)method);
                Method = method;
                Interval = o.interval;
                Offset = o.offset;
                Empty = (EmptyBars)o.empty;
                TickCount = o.tick_count;
                VolumeThreshold = o.volume_threshold;
                VolumeSplit = o.volume_split != 0;
                Range = o.range;
                BoxMode = (BoxMode)o.box_mode;
                BoxSize = o.box_size;
                AtrPeriod = o.atr_period;
                Reversal = o.reversal;
                ReversalAmount = o.reversal_amount;
                ReversalPercent = o.reversal_percent != 0;
                LineCount = o.line_count;
            }
        }

        internal void Fill(cw_bar_options o)
        {
            NativeMethods.cw_bar_options_init(o, (int)Method);
            o.interval = Interval;
            o.offset = Offset;
            o.empty = (int)Empty;
            o.tick_count = TickCount;
            o.volume_threshold = VolumeThreshold;
            o.volume_split = VolumeSplit ? 1 : 0;
            o.range = Range;
            o.box_mode = (int)BoxMode;
            o.box_size = BoxSize;
            o.atr_period = AtrPeriod;
            o.reversal = Reversal;
            o.reversal_amount = ReversalAmount;
            o.reversal_percent = ReversalPercent ? 1 : 0;
            o.line_count = LineCount;
        }
    }

    /// <summary>Trades or quotes: a price per row, optionally its time (required by time
    /// bars) and size (required by volume bars).</summary>
    public sealed class Ticks
    {
        public long[] Time;
        public double[] Price, Size;
    }

    /// <summary>Output rows.  Row[i] is the last input row of output row i (-1 for an
    /// empty time interval); Time is null when the input has none.</summary>
    public sealed class BarSeries
    {
        public long[] Time;
        public double[] Open, High, Low, Close, Volume;
        public long[] Row;
        public int Count { get { return Close.Length; } }

        /// <summary>The bars as a series to chart (no copy).</summary>
        public Series ToSeries()
        {
            return new Series { Time = Time, Open = Open, High = High, Low = Low, Close = Close, Volume = Volume };
        }
    }

    /// <summary>Bar aggregation: time, tick, volume and range bars, Heikin-Ashi, renko,
    /// point-and-figure, kagi, line break (docs/bars.md).  Each call asks the library for
    /// the exact row count, allocates the output arrays and lets the library fill them in
    /// place.  Thread-safe (each thread keeps its own context).</summary>
    public static class Bars
    {
        [ThreadStatic] private static BarContext perThread;

        private static BarContext Context
        {
            get { return perThread ?? (perThread = new BarContext()); }
        }

        public static BarSeries FromOhlcv(Series series, BarOptions options) { return Context.FromOhlcv(series, options); }
        public static BarSeries FromTicks(Ticks ticks, BarOptions options) { return Context.FromTicks(ticks, options); }
    }

    /// <summary>A bar context and the C structs of a call, reused; make one to attach a
    /// Stats.  Thread-safe (calls are serialised).</summary>
    public sealed class BarContext : IDisposable, IStatsAttachable
    {
        private readonly object gate = new object();
        private readonly NativeHandle handle;
        private readonly StatsSlot slot;
        private readonly cw_bar_options options = new cw_bar_options();
        private readonly cw_ohlcv ohlcv = new cw_ohlcv();
        private readonly cw_ticks ticks = new cw_ticks();
        private readonly cw_bar_output output = new cw_bar_output();

        public BarContext()
        {
            handle = NativeHandle.CreateContext("BarContext", NativeMethods.cw_bar_context_create,
                                                NativeMethods.cw_bar_context_destroy,
                                                NativeMethods.cw_bar_context_last_error);
            slot = new StatsSlot(handle, "BarContext", NativeMethods.cw_bar_context_attach_stats);
        }

        public void Dispose()
        {
            lock (gate)
            {
                handle.Dispose();
                options.Dispose();
                ohlcv.Dispose();
                ticks.Dispose();
                output.Dispose();
            }
        }

        /// <summary>Aggregates bars (open/high/low/close required; time for time bars,
        /// volume for volume bars).  Throws CandlewickException: InvalidArgument (a bad
        /// option, decreasing times for time bars), NullArgument (a column the method
        /// needs is missing), LengthMismatch, NonFinite, InconsistentOhlc,
        /// NegativeVolume, SizeOutOfRange (more rows than BarOptions.MaxRows).</summary>
        public BarSeries FromOhlcv(Series series, BarOptions barOptions)
        {
            if (series == null) throw new ArgumentNullException("series");
            long inputRows = series.Close == null ? 0 : series.Close.Length;
            return Aggregate("Bars.FromOhlcv", barOptions, series.Time != null, inputRows, pins =>
            {
                Scratch.Column(ohlcv.time, pins, series.Time);
                Scratch.Column(ohlcv.open, pins, series.Open);
                Scratch.Column(ohlcv.high, pins, series.High);
                Scratch.Column(ohlcv.low, pins, series.Low);
                Scratch.Column(ohlcv.close, pins, series.Close);
                Scratch.Column(ohlcv.volume, pins, series.Volume);
            }, (h, o, count) => NativeMethods.cw_bars_from_ohlcv(h, ohlcv, options, o, count));
        }

        /// <summary>Aggregates ticks; throws as FromOhlcv.</summary>
        public BarSeries FromTicks(Ticks input, BarOptions barOptions)
        {
            if (input == null) throw new ArgumentNullException("input");
            long inputRows = input.Price == null ? 0 : input.Price.Length;
            return Aggregate("Bars.FromTicks", barOptions, input.Time != null, inputRows, pins =>
            {
                Scratch.Column(ticks.time, pins, input.Time);
                Scratch.Column(ticks.price, pins, input.Price);
                Scratch.Column(ticks.size, pins, input.Size);
            }, (h, o, count) => NativeMethods.cw_bars_from_ticks(h, ticks, options, o, count));
        }

        private BarSeries Aggregate(string op, BarOptions barOptions, bool hasTime, long inputRows, Action<Pins> input,
                                    Func<IntPtr, cw_bar_output, IntPtr, int> call)
        {
            if (barOptions == null) throw new ArgumentNullException("barOptions");
            if (barOptions.MaxRows < 0)
                throw new CandlewickException(op, Status.InvalidArgument, "MaxRows " + barOptions.MaxRows + " is negative");
            long limit = Math.Min(barOptions.MaxRows > 0 ? barOptions.MaxRows : Math.Max(BarOptions.DefaultMaxRows, inputRows),
                                  int.MaxValue);
            lock (gate)
            {
                using (Lease h = new Lease(handle, "BarContext"))
                using (Pins pins = new Pins())
                {
                    barOptions.Fill(options);
                    input(pins);
                    ulong count = 0;
                    int status;
                    unsafe { status = call(h.Ptr, null, (IntPtr)(&count)); }
                    h.Check(status, op);
                    if (count > (ulong)limit)
                        throw new CandlewickException(op, Status.SizeOutOfRange,
                                                      string.Format("{0} would make {1} rows, more than the {2} allowed (BarOptions.MaxRows)",
                                                                    barOptions.Method, count, limit));
                    int rows = (int)count;
                    BarSeries b = new BarSeries
                    {
                        Time = hasTime ? new long[rows] : null, Open = new double[rows], High = new double[rows],
                        Low = new double[rows], Close = new double[rows], Volume = new double[rows], Row = new long[rows],
                    };
                    output.capacity = (ulong)rows;
                    output.time = pins.Pin(b.Time);
                    output.open = pins.Pin(b.Open);
                    output.high = pins.Pin(b.High);
                    output.low = pins.Pin(b.Low);
                    output.close = pins.Pin(b.Close);
                    output.volume = pins.Pin(b.Volume);
                    output.row = pins.Pin(b.Row);
                    unsafe { status = call(h.Ptr, output, (IntPtr)(&count)); }
                    h.Check(status, op);
                    if (count != (ulong)rows)
                        throw new CandlewickException(op, Status.Internal,
                                                      string.Format("size query said {0} rows, the fill wrote {1}", rows, count));
                    return b;
                }
            }
        }

        /// <summary>Records every aggregation in `stats` (kind "aggregate"); null detaches.</summary>
        public void AttachStats(Stats stats)
        {
            lock (gate) slot.Attach(stats, this);
        }

        void IStatsAttachable.DetachFrom(Stats stats)
        {
            lock (gate) slot.DetachFrom(stats);
        }
    }
}
