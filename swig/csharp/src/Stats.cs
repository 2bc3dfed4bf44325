using System;
using System.Collections.Generic;
using System.IO;
using Candlewick.Native;

namespace Candlewick
{
    internal interface IStatsAttachable
    {
        void DetachFrom(Stats stats);
    }

    /// <summary>Bounded performance statistics of the charts and contexts attached to it
    /// (and of operations you record): lifetime totals per kind, and a recent window with
    /// latency percentiles.  Thread-safe; may be shared by any number of charts and
    /// contexts.  Dispose detaches them all; the native handle lives until the last
    /// attached object lets go.</summary>
    public sealed class Stats : IDisposable
    {
        internal readonly NativeHandle Handle;
        private readonly string[] labels;
        private readonly object gate = new object();
        private readonly List<WeakReference> attached = new List<WeakReference>();

        /// <summary>capacity: records in the window (0: 10000); retention: age limit of the
        /// window (null: 24 h; TimeSpan.MaxValue: never by age); labels: kinds of your own
        /// operations for Record ([a-z0-9_], at most 8).  Throws CandlewickException
        /// (InvalidArgument with the reason).</summary>
        public Stats(int capacity = 0, TimeSpan? retention = null, params string[] labels)
        {
            if (capacity < 0)
                throw new CandlewickException("Stats", Status.InvalidArgument, "negative capacity " + capacity);
            this.labels = (string[])(labels ?? new string[0]).Clone();
            foreach (string label in this.labels)
                Pins.RefuseNul(label, "Stats", "stats label");
            IntPtr h = IntPtr.Zero;
            using (Pins pins = new Pins())
            using (cw_stats_options o = new cw_stats_options())
            {
                NativeMethods.cw_stats_options_init(o);
                if (capacity > 0) o.capacity = (ulong)capacity;
                if (retention.HasValue)
                    o.retention_ns = Nanoseconds(retention.Value);
                if (this.labels.Length > 0)
                {
                    IntPtr[] pointers = new IntPtr[this.labels.Length];
                    for (int i = 0; i < pointers.Length; i++)
                        pointers[i] = pins.Pin(Utf8.Encode(this.labels[i] ?? ""));
                    o.labels = pins.Pin(pointers);
                    o.label_count = (uint)pointers.Length;
                }
                byte[] message = new byte[256];
                int status;
                unsafe
                {
                    fixed (byte* m = message)
                        status = NativeMethods.cw_stats_options_validate(o, (IntPtr)m, (ulong)message.Length);
                }
                CandlewickException.Check(status, "Stats", () => Utf8.Decode(message));
                unsafe { status = NativeMethods.cw_stats_create(o, (IntPtr)(&h)); }
                CandlewickException.Check(status, "Stats", () => "");
            }
            Handle = new NativeHandle(h, NativeMethods.cw_stats_destroy, LastError);
        }

        internal void Attached(IStatsAttachable owner)
        {
            lock (gate)
            {
                attached.RemoveAll(w => !w.IsAlive);
                attached.Add(new WeakReference(owner));
            }
        }

        /// <summary>Detaches every chart and context, then releases the handle
        /// (idempotent).</summary>
        public void Dispose()
        {
            List<WeakReference> owners;
            lock (gate)
            {
                owners = new List<WeakReference>(attached);
                attached.Clear();
            }
            foreach (WeakReference w in owners)
            {
                IStatsAttachable owner = w.Target as IStatsAttachable;
                if (owner != null) owner.DetachFrom(this);
            }
            Handle.Dispose();
        }

        /// <summary>The statistics in the Prometheus text exposition format (0.0.4), every
        /// metric named prefix + "_".  Throws InvalidArgument for a prefix not of
        /// [a-zA-Z0-9_] or starting with a digit.</summary>
        public string Prometheus(string prefix = "candlewick")
        {
            Pins.RefuseNul(prefix, "Stats.Prometheus", "metric prefix");
            return Read("Stats.Prometheus", (h, o) => NativeMethods.cw_stats_read_prometheus(h, prefix, o));
        }

        /// <summary>Writes Prometheus(prefix) to `writer` (a /metrics response).</summary>
        public void WritePrometheus(TextWriter writer, string prefix = "candlewick")
        {
            writer.Write(Prometheus(prefix));
        }

        /// <summary>The statistics as a JSON object (durations in nanoseconds).</summary>
        public string Json()
        {
            return Read("Stats.Json", NativeMethods.cw_stats_read_json);
        }

        private string Read(string op, Func<IntPtr, IntPtr, int> call)
        {
            using (Lease h = new Lease(Handle, "Stats"))
            {
                IntPtr buffer = IntPtr.Zero;
                int status;
                unsafe { status = call(h.Ptr, (IntPtr)(&buffer)); }
                h.Check(status, op);
                byte[] text = Buffers.Take(buffer);
                int n = text.Length;
                if (n > 0 && text[n - 1] == 0) n--; // the NUL kept for C callers
                return System.Text.Encoding.UTF8.GetString(text, 0, n);
            }
        }

        /// <summary>Clears the window and the lifetime totals.</summary>
        public void Reset()
        {
            using (Lease h = new Lease(Handle, "Stats"))
                h.Check(NativeMethods.cw_stats_reset(h.Ptr), "Stats.Reset");
        }

        /// <summary>Records one operation of your own that ended now.  kind: "render",
        /// "encode", "indicator", "aggregate", "batch" or one of the labels.</summary>
        public void Record(string kind, TimeSpan duration, ulong bytes = 0, ulong items = 0, bool failed = false)
        {
            int k = Kind(kind);
            using (Lease h = new Lease(Handle, "Stats"))
            using (cw_stats_sample s = new cw_stats_sample())
            {
                s.end_ns = NativeMethods.cw_stats_now(h.Ptr);
                s.duration_ns = Nanoseconds(duration);
                s.bytes = bytes;
                s.items = items;
                s.kind = k;
                s.simd_target = (int)cw_simd_target.CW_SIMD_NONE;
                s.failed = failed ? 1 : 0;
                h.Check(NativeMethods.cw_stats_record(h.Ptr, s), "Stats.Record");
            }
        }

        /// <summary>A TimeSpan in nanoseconds, saturated at long.MinValue/MaxValue (292
        /// years; TimeSpan.MaxValue is "never" for a retention): Ticks * 100 wrapped, so a
        /// long duration recorded as a negative one, or a long retention became a short
        /// or negative one.</summary>
        internal static long Nanoseconds(TimeSpan t)
        {
            if (t.Ticks > long.MaxValue / 100) return long.MaxValue;
            if (t.Ticks < long.MinValue / 100) return long.MinValue;
            return t.Ticks * 100;
        }

        private int Kind(string name)
        {
            switch (name)
            {
                case "render": return (int)cw_stats_kind.CW_STATS_RENDER;
                case "encode": return (int)cw_stats_kind.CW_STATS_ENCODE;
                case "indicator": return (int)cw_stats_kind.CW_STATS_INDICATOR;
                case "aggregate": return (int)cw_stats_kind.CW_STATS_AGGREGATE;
                case "batch": return (int)cw_stats_kind.CW_STATS_BATCH;
            }
            int i = Array.IndexOf(labels, name);
            if (i < 0) throw new CandlewickException("Stats.Record", Status.InvalidArgument, "unknown kind '" + name + "'");
            return (int)cw_stats_kind.CW_STATS_LABEL_0 + i;
        }

        /// <summary>One consistent reading: totals and window per kind in use.</summary>
        public StatsSnapshot Snapshot()
        {
            using (Lease h = new Lease(Handle, "Stats"))
            using (cw_stats_snapshot c = new cw_stats_snapshot())
            {
                h.Check(NativeMethods.cw_stats_read(h.Ptr, c), "Stats.Snapshot");
                StatsSnapshot snap = new StatsSnapshot
                {
                    TakenAtNs = c.taken_at_ns, Capacity = c.capacity, RetentionNs = c.retention_ns,
                    Count = c.count, WindowCount = c.window_count,
                };
                for (ulong i = 0; i < NativeMethods.CW_STATS_KIND_SLOTS; i++)
                {
                    cw_stats_kind_snapshot k = NativeMethods.cwswig_stats_snapshot_kind(c, i);
                    string name = k.name;
                    if (string.IsNullOrEmpty(name)) continue;
                    snap.Kinds[name] = new KindStats
                    {
                        Count = k.count, Errors = k.errors, DurationNs = k.duration_ns, Bytes = k.bytes, Items = k.items,
                        WindowCount = k.window_count, WindowErrors = k.window_errors, WindowBytes = k.window_bytes,
                        WindowItems = k.window_items, WindowMeanNs = k.window_mean_ns, WindowMinNs = k.window_min_ns,
                        WindowMaxNs = k.window_max_ns, WindowP50Ns = k.window_p50_ns, WindowP90Ns = k.window_p90_ns,
                        WindowP99Ns = k.window_p99_ns,
                    };
                }
                return snap;
            }
        }

        private static string LastError(IntPtr stats)
        {
            byte[] message = new byte[512];
            unsafe
            {
                fixed (byte* m = message)
                    NativeMethods.cw_stats_last_error(stats, (IntPtr)m, (ulong)message.Length);
            }
            return Utf8.Decode(message);
        }
    }

    public sealed class StatsSnapshot
    {
        public long TakenAtNs, RetentionNs;
        public ulong Capacity, Count, WindowCount;
        public readonly Dictionary<string, KindStats> Kinds = new Dictionary<string, KindStats>();
    }

    /// <summary>One kind's figures; window durations are 0 when the window is empty.</summary>
    public sealed class KindStats
    {
        public ulong Count, Errors, DurationNs, Bytes, Items;
        public ulong WindowCount, WindowErrors, WindowBytes, WindowItems;
        public ulong WindowMeanNs, WindowMinNs, WindowMaxNs, WindowP50Ns, WindowP90Ns, WindowP99Ns;
    }
}

namespace Candlewick
{
    /// <summary>The attachment of one native handle (a chart, an indicator or bar
    /// context) to a Stats; used under the owner's lock.  cAttach is the handle's C
    /// attach call (IntPtr.Zero detaches).</summary>
    internal sealed class StatsSlot
    {
        private readonly NativeHandle handle;
        private readonly string what;
        private readonly Func<IntPtr, IntPtr, int> cAttach;
        private Stats current;

        internal StatsSlot(NativeHandle handle, string what, Func<IntPtr, IntPtr, int> cAttach)
        {
            this.handle = handle;
            this.what = what;
            this.cAttach = cAttach;
        }

        /// <summary>Attaches `stats` (null detaches).  The handle references the stats
        /// handle while attached, so the stats handle outlives it.</summary>
        internal void Attach(Stats stats, IStatsAttachable owner)
        {
            using (Lease h = new Lease(handle, what))
            {
                if (stats == null)
                {
                    Detach(h.Ptr);
                    return;
                }
                using (Lease s = new Lease(stats.Handle, "Stats"))
                {
                    handle.DependOn(stats.Handle);
                    cAttach(h.Ptr, s.Ptr);
                }
                current = stats;
                stats.Attached(owner);
            }
        }

        /// <summary>Stats.Dispose: detach if still attached to `stats`.</summary>
        internal void DetachFrom(Stats stats)
        {
            if (current != stats || handle.IsClosed) return;
            using (Lease h = new Lease(handle, what)) Detach(h.Ptr);
        }

        private void Detach(IntPtr h)
        {
            cAttach(h, IntPtr.Zero);
            handle.DependOn(null);
            current = null;
        }
    }
}
