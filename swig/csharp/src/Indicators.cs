using System;
using System.Collections.Generic;
using Candlewick.Native;

namespace Candlewick
{
    /// <summary>One parameter of an indicator.</summary>
    public sealed class IndicatorParam
    {
        public string Name;
        public double Default, Min, Max;
        public bool IsInteger;

        internal IndicatorParam Clone() { return (IndicatorParam)MemberwiseClone(); }
    }

    /// <summary>What an indicator takes and gives.</summary>
    public sealed class IndicatorInfo
    {
        public int Id;
        public string Name, Title;
        public string[] Inputs, Outputs;
        public IndicatorParam[] Params;
        public bool Streamable;

        /// <summary>A deep copy: what callers are given, so that changing it changes
        /// nothing for anyone else (the binding computes by the table's Id).</summary>
        internal IndicatorInfo Clone()
        {
            IndicatorInfo c = (IndicatorInfo)MemberwiseClone();
            c.Inputs = (string[])Inputs.Clone();
            c.Outputs = (string[])Outputs.Clone();
            c.Params = Array.ConvertAll(Params, p => p.Clone());
            return c;
        }
    }

    /// <summary>TA-Lib-compatible technical indicators over double[] columns.
    ///   double[][] bb = Indicators.Compute("bbands", new[] { close }, 20, 2, 2);
    /// Inputs are the indicator's columns in Info(name).Inputs order, of one length,
    /// pinned and read in place; parameters are positional (fewer leave the rest at
    /// their defaults).  Output i belongs to row i; rows before Lookback are NaN.
    /// The static methods are thread-safe (each thread keeps its own context).</summary>
    public static class Indicators
    {
        private static readonly Dictionary<string, IndicatorInfo> table = Describe();

        [ThreadStatic] private static IndicatorContext perThread;

        private static Dictionary<string, IndicatorInfo> Describe()
        {
            var infos = new Dictionary<string, IndicatorInfo>();
            using (cw_indicator_info ci = new cw_indicator_info())
            using (cw_indicator_param cp = new cw_indicator_param())
            {
                for (int id = 1; id <= NativeMethods.cw_indicator_count(); id++)
                {
                    if (NativeMethods.cw_indicator_get_info(id, ci) != 0) continue;
                    var info = new IndicatorInfo
                    {
                        Id = id, Name = ci.name, Title = Utf8.Decode(ci.title),
                        Inputs = new string[ci.input_count], Outputs = new string[ci.output_count],
                        Params = new IndicatorParam[ci.param_count],
                        Streamable = NativeMethods.cw_indicator_stream_supported(id) != 0,
                    };
                    for (int i = 0; i < info.Inputs.Length; i++) info.Inputs[i] = NativeMethods.cw_indicator_input_name(id, (ulong)i);
                    for (int i = 0; i < info.Outputs.Length; i++) info.Outputs[i] = NativeMethods.cw_indicator_output_name(id, (ulong)i);
                    for (int i = 0; i < info.Params.Length; i++)
                    {
                        NativeMethods.cw_indicator_get_param(id, (ulong)i, cp);
                        info.Params[i] = new IndicatorParam { Name = cp.name, Default = cp.default_value,
                                                              Min = cp.min_value, Max = cp.max_value, IsInteger = cp.is_integer != 0 };
                    }
                    infos[info.Name] = info;
                }
            }
            return infos;
        }

        /// <summary>Every indicator, in Id order.</summary>
        public static IndicatorInfo[] List()
        {
            var list = new List<IndicatorInfo>();
            foreach (IndicatorInfo info in table.Values) list.Add(info.Clone());
            list.Sort((a, b) => a.Id.CompareTo(b.Id));
            return list.ToArray();
        }

        /// <summary>Describes `name`; InvalidArgument for an unknown one.</summary>
        public static IndicatorInfo Info(string name) { return Find("Indicators.Info", name).Clone(); }

        internal static IndicatorInfo Find(string op, string name)
        {
            IndicatorInfo info;
            if (name == null || !table.TryGetValue(name, out info))
                throw new CandlewickException(op, Status.InvalidArgument, "no indicator '" + name + "' (see Indicators.List)");
            return info;
        }

        /// <summary>The index of the first defined output for these parameters.</summary>
        public static int Lookback(string name, params double[] parameters)
        {
            IndicatorInfo info = Find("Indicators.Lookback", name);
            ulong n = 0;
            int status;
            unsafe
            {
                fixed (double* p = parameters)
                    status = NativeMethods.cw_indicator_lookback(info.Id, (IntPtr)p, (ulong)(parameters == null ? 0 : parameters.Length), (IntPtr)(&n));
            }
            CandlewickException.Check(status, "Indicators.Lookback", () => name + ": bad parameters");
            return (int)n;
        }

        private static IndicatorContext Context
        {
            get { return perThread ?? (perThread = new IndicatorContext()); }
        }

        /// <summary>Computes `name` and returns its outputs (one array per output, as long
        /// as the inputs).  Throws CandlewickException: InvalidArgument (unknown name,
        /// wrong input count, bad parameter), LengthMismatch, EmptySeries, SeriesTooShort,
        /// InconsistentOhlc, NegativeVolume.</summary>
        public static double[][] Compute(string name, double[][] inputs, params double[] parameters)
        {
            return Context.Compute(name, inputs, parameters);
        }

        /// <summary>Compute into caller-owned outputs (each at least as long as the inputs;
        /// a null entry is computed but not stored; none may be an input or given twice:
        /// InvalidArgument).</summary>
        public static void ComputeInto(string name, double[][] inputs, double[][] outputs, params double[] parameters)
        {
            Context.ComputeInto(name, inputs, outputs, parameters);
        }

        /// <summary>One column, one output, spans: no array of arrays.  The spans must not
        /// overlap (InvalidArgument).</summary>
        public static void Compute(string name, ReadOnlySpan<double> input, Span<double> output, params double[] parameters)
        {
            Context.Compute(name, input, output, parameters);
        }
    }

    /// <summary>Scratch memory and the last error for computing indicators; the static
    /// Indicators methods keep one per thread.  Make one to attach a Stats.
    /// Thread-safe (calls are serialised).</summary>
    public sealed class IndicatorContext : IDisposable, IStatsAttachable
    {
        private readonly object gate = new object();
        private readonly NativeHandle handle;
        private readonly StatsSlot slot;
        private readonly StructArray<cw_f64_column> columns = new StructArray<cw_f64_column>(
            NativeMethods.cwswig_cw_f64_column_array_new, NativeMethods.cwswig_cw_f64_column_array_at, cw_f64_column.getCPtr);

        public IndicatorContext()
        {
            handle = NativeHandle.CreateContext("IndicatorContext", NativeMethods.cw_indicator_context_create,
                                                NativeMethods.cw_indicator_context_destroy,
                                                NativeMethods.cw_indicator_context_last_error);
            slot = new StatsSlot(handle, "IndicatorContext", NativeMethods.cw_indicator_context_attach_stats);
        }

        public void Dispose()
        {
            lock (gate)
            {
                handle.Dispose();
                columns.Dispose();
            }
        }

        public double[][] Compute(string name, double[][] inputs, params double[] parameters)
        {
            IndicatorInfo info = Indicators.Find("Indicators.Compute", name);
            int rows = inputs != null && inputs.Length > 0 && inputs[0] != null ? inputs[0].Length : 0;
            double[][] outputs = new double[info.Outputs.Length][];
            for (int i = 0; i < outputs.Length; i++) outputs[i] = new double[rows];
            ComputeInto(name, inputs, outputs, parameters);
            return outputs;
        }

        public void ComputeInto(string name, double[][] inputs, double[][] outputs, params double[] parameters)
        {
            const string op = "Indicators.Compute";
            IndicatorInfo info = Indicators.Find(op, name);
            inputs = inputs ?? new double[0][];
            outputs = outputs ?? new double[0][];
            // The library writes outputs while it still reads the inputs: an output that is
            // an input, or given twice, would hold wrong values reported as success.
            for (int i = 0; i < outputs.Length; i++)
            {
                if (outputs[i] == null || outputs[i].Length == 0) continue;
                for (int j = 0; j < inputs.Length; j++)
                    if (ReferenceEquals(outputs[i], inputs[j]))
                        throw Overlap(op, string.Format("output {0} is input {1}", i, j));
                for (int j = 0; j < i; j++)
                    if (ReferenceEquals(outputs[i], outputs[j]))
                        throw Overlap(op, string.Format("outputs {0} and {1} are one array", j, i));
            }
            lock (gate)
            {
                using (Lease h = new Lease(handle, "IndicatorContext"))
                using (Pins pins = new Pins())
                {
                    columns.Grow(inputs.Length);
                    for (int i = 0; i < inputs.Length; i++) Scratch.Column(columns.At(i), pins, inputs[i]);
                    IntPtr[] pointers = new IntPtr[outputs.Length];
                    long capacity = -1;
                    for (int i = 0; i < outputs.Length; i++)
                    {
                        if (outputs[i] == null) continue;
                        pointers[i] = pins.Pin(outputs[i]);
                        if (capacity < 0 || outputs[i].Length < capacity) capacity = outputs[i].Length;
                    }
                    if (capacity < 0) capacity = inputs.Length > 0 && inputs[0] != null ? inputs[0].Length : 0;
                    int status;
                    unsafe
                    {
                        fixed (double* p = parameters)
                        fixed (IntPtr* o = pointers)
                        {
                            status = NativeMethods.cw_indicator_compute(
                                h.Ptr, info.Id, inputs.Length > 0 ? columns.At(0) : null, (ulong)inputs.Length,
                                (IntPtr)p, (ulong)(parameters == null ? 0 : parameters.Length),
                                (IntPtr)o, (ulong)pointers.Length, (ulong)capacity);
                        }
                    }
                    h.Check(status, op);
                }
            }
        }

        public void Compute(string name, ReadOnlySpan<double> input, Span<double> output, params double[] parameters)
        {
            const string op = "Indicators.Compute";
            IndicatorInfo info = Indicators.Find(op, name);
            lock (gate)
            {
                using (Lease h = new Lease(handle, "IndicatorContext"))
                {
                    columns.Grow(1);
                    cw_f64_column column = columns.At(0);
                    int status;
                    unsafe
                    {
                        fixed (double* i = &System.Runtime.InteropServices.MemoryMarshal.GetReference(input))
                        fixed (double* o = &System.Runtime.InteropServices.MemoryMarshal.GetReference(output))
                        fixed (double* p = parameters)
                        {
                            if (input.Length > 0 && output.Length > 0 && i < o + output.Length && o < i + input.Length)
                                throw Overlap(op, "the output span overlaps the input span");
                            column.data = (IntPtr)i;
                            column.length = (ulong)input.Length;
                            column.stride = 0;
                            IntPtr outPointer = (IntPtr)o;
                            status = NativeMethods.cw_indicator_compute(
                                h.Ptr, info.Id, column, 1, (IntPtr)p, (ulong)(parameters == null ? 0 : parameters.Length),
                                (IntPtr)(&outPointer), 1, (ulong)output.Length);
                        }
                    }
                    h.Check(status, op);
                }
            }
        }

        /// <summary>Records every computation in `stats` (kind "indicator"); null detaches.</summary>
        public void AttachStats(Stats stats)
        {
            lock (gate) slot.Attach(stats, this);
        }

        void IStatsAttachable.DetachFrom(Stats stats)
        {
            lock (gate) slot.DetachFrom(stats);
        }

        private static CandlewickException Overlap(string op, string what)
        {
            return new CandlewickException(op, Status.InvalidArgument,
                                           what + " (outputs must not overlap the inputs or each other)");
        }
    }

    /// <summary>An indicator computed bar by bar for a live feed: each Push returns the
    /// newest bar's outputs, equal to what Compute gives at that row.  All memory is
    /// allocated at creation.  Thread-safe (calls are serialised).</summary>
    public sealed class IndicatorStream : IDisposable
    {
        private readonly object gate = new object();
        private readonly NativeHandle handle;
        private readonly IndicatorInfo info;

        /// <summary>What the stream computes (a copy).</summary>
        public IndicatorInfo Info { get { return info.Clone(); } }

        public IndicatorStream(string name, params double[] parameters)
        {
            info = Indicators.Find("IndicatorStream", name);
            IntPtr h = IntPtr.Zero;
            int status;
            unsafe
            {
                fixed (double* p = parameters)
                    status = NativeMethods.cw_indicator_stream_create(IntPtr.Zero, info.Id, (IntPtr)p,
                                                                      (ulong)(parameters == null ? 0 : parameters.Length), (IntPtr)(&h));
            }
            CandlewickException.Check(status, "IndicatorStream", () =>
                info.Streamable ? name + ": bad parameters" : name + " cannot be streamed");
            handle = new NativeHandle(h, NativeMethods.cw_indicator_stream_destroy, NativeMethods.cw_indicator_stream_last_error);
        }

        public void Dispose()
        {
            lock (gate) handle.Dispose();
        }

        /// <summary>Takes one bar (one value per input) and returns its outputs.</summary>
        public double[] Push(params double[] bar)
        {
            double[] outputs = new double[info.Outputs.Length];
            Push(bar, outputs);
            return outputs;
        }

        /// <summary>Push without allocating: the outputs go to `outputs` (at most the
        /// indicator's output count).  Throws InvalidArgument (wrong number of values),
        /// InconsistentOhlc, NegativeVolume; the stream is then unchanged.</summary>
        public void Push(ReadOnlySpan<double> bar, Span<double> outputs)
        {
            lock (gate)
            {
                using (Lease h = new Lease(handle, "IndicatorStream"))
                {
                    int status;
                    unsafe
                    {
                        fixed (double* b = &System.Runtime.InteropServices.MemoryMarshal.GetReference(bar))
                        fixed (double* o = &System.Runtime.InteropServices.MemoryMarshal.GetReference(outputs))
                            status = NativeMethods.cw_indicator_stream_push(h.Ptr, (IntPtr)b, (ulong)bar.Length, (IntPtr)o, (ulong)outputs.Length);
                    }
                    h.Check(status, "IndicatorStream.Push");
                }
            }
        }

        /// <summary>Forgets every bar pushed.</summary>
        public void Reset()
        {
            lock (gate)
                using (Lease h = new Lease(handle, "IndicatorStream")) NativeMethods.cw_indicator_stream_reset(h.Ptr);
        }

        /// <summary>The index of the first bar whose outputs are defined.</summary>
        public int Lookback
        {
            get
            {
                lock (gate)
                    using (Lease h = new Lease(handle, "IndicatorStream")) return (int)NativeMethods.cw_indicator_stream_lookback(h.Ptr);
            }
        }
    }
}
