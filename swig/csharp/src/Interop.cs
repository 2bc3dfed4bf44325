// The interop rules of the hand-written layer, in one place: handles owned
// by SafeHandles and referenced for each call, managed arrays pinned for the
// call, C memory owned by SafeHandles, UTF-8 text.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using Candlewick.Native;

namespace Candlewick
{
    /// <summary>A native handle destroyed by its C destroy function exactly once: by
    /// Dispose, or by the finalizer of a handle nobody disposed.  Other SafeHandles it
    /// depends on (an attached stats handle) are referenced and released after it.
    /// lastError is its C last-error call (null: the handle keeps no message).</summary>
    internal sealed class NativeHandle : SafeHandle
    {
        private readonly Action<IntPtr> destroy;
        private readonly Func<IntPtr, string> lastError;
        private SafeHandle dependency; // released after this handle's destroy

        internal NativeHandle(IntPtr handle, Action<IntPtr> destroy, Func<IntPtr, string> lastError = null)
            : base(IntPtr.Zero, true)
        {
            this.destroy = destroy;
            this.lastError = lastError;
            SetHandle(handle);
        }

        /// <summary>A context (indicator, bar) made by its C create function with the
        /// default allocator; throws CandlewickException named `op` when that fails.</summary>
        internal static NativeHandle CreateContext(string op, Func<IntPtr, IntPtr, int> create,
                                                   Action<IntPtr> destroy, Func<IntPtr, string> lastError)
        {
            IntPtr h = IntPtr.Zero;
            int status;
            unsafe { status = create(IntPtr.Zero, (IntPtr)(&h)); }
            CandlewickException.Check(status, op, () => "");
            return new NativeHandle(h, destroy, lastError);
        }

        /// <summary>The message of the last failed call on `h` (this handle, leased).</summary>
        internal string LastError(IntPtr h)
        {
            return lastError == null ? "" : lastError(h);
        }

        public override bool IsInvalid { get { return handle == IntPtr.Zero; } }

        /// <summary>Makes this handle keep `other` alive (DangerousAddRef) until it is
        /// released or replaced; null drops the current one.  Under the owner's lock.</summary>
        internal void DependOn(SafeHandle other)
        {
            if (other != null)
            {
                bool added = false;
                other.DangerousAddRef(ref added);
            }
            SafeHandle old = dependency;
            dependency = other;
            if (old != null) old.DangerousRelease();
        }

        protected override bool ReleaseHandle()
        {
            destroy(handle);
            SafeHandle d = dependency;
            dependency = null;
            if (d != null) d.DangerousRelease();
            return true;
        }
    }

    /// <summary>A reference on a SafeHandle for the duration of one native call
    /// (what P/Invoke does for SafeHandle parameters): the handle cannot be released
    /// by another thread's Dispose or by its finalizer in the middle of the call.</summary>
    internal struct Lease : IDisposable
    {
        private readonly NativeHandle owner;
        private bool added;
        internal readonly IntPtr Ptr;

        internal Lease(NativeHandle handle, string what)
        {
            owner = handle;
            added = false;
            if (handle.IsClosed) throw new ObjectDisposedException(what);
            handle.DangerousAddRef(ref added); // throws ObjectDisposedException if closed meanwhile
            Ptr = handle.DangerousGetHandle();
        }

        /// <summary>Throws for a non-OK status of a call on the leased handle, with the
        /// handle's last error as the detail.</summary>
        internal void Check(int status, string op)
        {
            if (status != 0) throw new CandlewickException(op, (Status)status, owner.LastError(Ptr));
        }

        public void Dispose()
        {
            if (added) owner.DangerousRelease();
            added = false;
        }
    }

    /// <summary>Managed arrays pinned for one native call; Dispose unpins them.  A null
    /// array gives IntPtr.Zero (a column left out), an empty one a valid address.</summary>
    internal sealed class Pins : IDisposable
    {
        private readonly List<GCHandle> handles = new List<GCHandle>();

        internal IntPtr Pin(Array array)
        {
            if (array == null) return IntPtr.Zero;
            GCHandle h = GCHandle.Alloc(array, GCHandleType.Pinned);
            handles.Add(h);
            return h.AddrOfPinnedObject();
        }

        /// <summary>A NUL-terminated UTF-8 copy of text, pinned; Zero for null or "".</summary>
        internal IntPtr Text(string text)
        {
            if (string.IsNullOrEmpty(text)) return IntPtr.Zero;
            return Pin(Utf8.Encode(text));
        }

        /// <summary>Throws InvalidArgument, naming `what`, for text with a NUL inside:
        /// C would read only the part before it (another label, a cut title).</summary>
        internal static void RefuseNul(string text, string op, string what)
        {
            if (text != null && text.IndexOf('\0') >= 0)
                throw new CandlewickException(op, Status.InvalidArgument,
                                              string.Format("{0} \"{1}\" contains a NUL character", what, text.Replace("\0", "\\0")));
        }

        /// <summary>Text, for a caller's string (a title, a time zone, a legend name):
        /// RefuseNul, then Text.</summary>
        internal IntPtr CheckedText(string text, string op, string what)
        {
            RefuseNul(text, op, what);
            return Text(text);
        }

        /// <summary>A pinned array of the items' names as CheckedText (Zero for a null or
        /// "" name), or Zero when no item has one.</summary>
        internal IntPtr Names<T>(T[] items, Func<T, string> name, string op, string what) where T : class
        {
            IntPtr[] names = new IntPtr[items.Length];
            bool any = false;
            for (int i = 0; i < items.Length; i++)
            {
                names[i] = items[i] == null ? IntPtr.Zero : CheckedText(name(items[i]), op, what);
                any |= names[i] != IntPtr.Zero;
            }
            return any ? Pin(names) : IntPtr.Zero;
        }

        public void Dispose()
        {
            foreach (GCHandle h in handles) h.Free();
            handles.Clear();
        }
    }

    /// <summary>C memory allocated by the SWIG helpers (arrays of structs), freed with
    /// cwswig_free exactly once.</summary>
    internal sealed class CMemory : SafeHandle
    {
        internal CMemory(IntPtr p) : base(IntPtr.Zero, true) { SetHandle(p); }
        public override bool IsInvalid { get { return handle == IntPtr.Zero; } }
        protected override bool ReleaseHandle()
        {
            NativeMethods.cwswig_free(handle);
            return true;
        }
    }

    internal static class Utf8
    {
        internal static byte[] Encode(string text)
        {
            byte[] b = new byte[Encoding.UTF8.GetByteCount(text) + 1];
            Encoding.UTF8.GetBytes(text, 0, text.Length, b, 0);
            return b;
        }

        /// <summary>A NUL-terminated UTF-8 string the library owns (static text).</summary>
        internal static string Decode(IntPtr p)
        {
            if (p == IntPtr.Zero) return "";
            int n = 0;
            while (Marshal.ReadByte(p, n) != 0) n++;
            byte[] b = new byte[n];
            Marshal.Copy(p, b, 0, n);
            return Encoding.UTF8.GetString(b);
        }

        /// <summary>The message a C validate function (options, buffer, size) writes.</summary>
        internal static string Message(Func<IntPtr, ulong, int> validate)
        {
            byte[] message = new byte[1024];
            unsafe
            {
                fixed (byte* m = message) validate((IntPtr)m, (ulong)message.Length);
            }
            return Decode(message);
        }

        /// <summary>A NUL-terminated string written into a caller buffer.</summary>
        internal static string Decode(byte[] buffer)
        {
            int n = Array.IndexOf(buffer, (byte)0);
            return Encoding.UTF8.GetString(buffer, 0, n < 0 ? buffer.Length : n);
        }
    }

    internal static class Buffers
    {
        /// <summary>Copies a library-owned cw_buffer into a new byte[] and destroys it.</summary>
        internal static byte[] Take(IntPtr buffer)
        {
            if (buffer == IntPtr.Zero) return null;
            try
            {
                ulong n = NativeMethods.cw_buffer_size(buffer);
                byte[] bytes = new byte[checked((int)n)];
                if (n > 0) Marshal.Copy(NativeMethods.cw_buffer_data(buffer), bytes, 0, bytes.Length);
                return bytes;
            }
            finally
            {
                NativeMethods.cw_buffer_destroy(buffer);
            }
        }
    }
}
