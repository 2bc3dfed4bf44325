using System;
using Candlewick.Native;

namespace Candlewick
{
    /// <summary>A status code of the C API (stable numbers, never reused).</summary>
    public enum Status
    {
        Ok = 0,
        NullArgument = 1,       // a required pointer was NULL
        InvalidArgument = 2,    // an option or argument has a bad value
        StructSize = 3,         // struct_size smaller than the oldest layout
        SizeOutOfRange = 4,     // width/height outside 16..16384, or a frame that overflows
        EmptySeries = 5,        // a series with no rows
        LengthMismatch = 6,     // columns of one series differ in length
        NonFinite = 7,          // NaN or infinity where a number is needed
        InconsistentOhlc = 8,   // high < low, or open/close outside them
        NegativeVolume = 9,     // a volume below zero
        BufferTooSmall = 10,    // the caller's buffer or stride is short
        OutOfMemory = 11,       // the allocator returned NULL
        Encode = 12,            // the image encoder failed
        Internal = 13,          // a bug in candlewick: please report it
        SeriesTooShort = 14,    // fewer rows than a period parameter
    }

    /// <summary>A candlewick call failed: the operation, the C API's status and the
    /// library's detailed message (naming the column, row or option at fault).
    /// Calls on a disposed object throw ObjectDisposedException instead.</summary>
    [Serializable]
    public class CandlewickException : Exception
    {
        /// <summary>The C API's status.</summary>
        public Status Status { get; private set; }

        /// <summary>The library's fixed text for the status ("column length mismatch").</summary>
        public string StatusText { get; private set; }

        /// <summary>The detailed message (the handle's last error), or the status text.</summary>
        public string Detail { get; private set; }

        /// <summary>What was called ("Chart.Render", "Indicators.Compute").</summary>
        public string Operation { get; private set; }

        public CandlewickException(string operation, Status status, string detail)
            : base(Format(operation, status, detail))
        {
            Operation = operation;
            Status = status;
            StatusText = Text(status);
            Detail = string.IsNullOrEmpty(detail) ? StatusText : detail;
        }

        internal static string Text(Status status)
        {
            return NativeMethods.cw_status_string((int)status);
        }

        private static string Format(string operation, Status status, string detail)
        {
            string text = Text(status);
            return string.Format("{0}: {1} ({2})", operation, string.IsNullOrEmpty(detail) ? text : detail, text);
        }

        /// <summary>Throws for a non-OK status; `detail` is read only then.</summary>
        internal static void Check(int status, string operation, Func<string> detail)
        {
            if (status != 0) throw new CandlewickException(operation, (Status)status, detail());
        }
    }
}
