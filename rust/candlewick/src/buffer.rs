//! `Buffer`: bytes the library allocated (an encoded image, a raw frame,
//! statistics text), freed when dropped.

use std::fmt;
use std::ops::Deref;
use std::ptr::NonNull;

use candlewick_sys as sys;

/// Bytes owned by the library (`cw_buffer`): a PNG, WebP or SVG file, a raw
/// frame, JSON or Prometheus text. Derefs to `[u8]`; dropping it releases
/// the bytes with `cw_buffer_destroy` through the allocator of the handle
/// that made it.
///
/// A buffer does not borrow the chart (or stats handle) that produced it: the
/// C API keeps a copy of that handle's allocator in the buffer, so a buffer
/// may outlive its chart, and this type lets it.
///
/// It is `Send` and `Sync`: the bytes are read-only, any number of threads
/// may read them, and it may be dropped on any thread once they are done.
pub struct Buffer {
    raw: NonNull<sys::cw_buffer>,
}

// SAFETY: the header: "cw_buffers are read-only and may be read from several
// threads"; cw_buffer_destroy may be called "from any thread, after every
// reader is done", which borrowing guarantees before Drop runs.
unsafe impl Send for Buffer {}
// SAFETY: as above: cw_buffer_data and cw_buffer_size are "thread-safe for
// concurrent readers".
unsafe impl Sync for Buffer {}

impl Buffer {
    /// Takes ownership of a buffer returned by the C API.
    ///
    /// # Safety
    /// `raw` is a live `cw_buffer` that nothing else will destroy.
    pub unsafe fn from_raw(raw: NonNull<sys::cw_buffer>) -> Buffer {
        Buffer { raw }
    }

    /// Gives the `cw_buffer` back to the caller, who must destroy it.
    pub fn into_raw(self) -> NonNull<sys::cw_buffer> {
        let raw = self.raw;
        std::mem::forget(self);
        raw
    }

    /// The bytes as text, for the statistics' JSON and Prometheus output.
    pub fn as_str(&self) -> Result<&str, std::str::Utf8Error> {
        std::str::from_utf8(self)
    }
}

impl Deref for Buffer {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        // SAFETY: the buffer is live until Drop; data and size describe its
        // bytes, which nothing writes to.
        unsafe {
            let data = sys::cw_buffer_data(self.raw.as_ptr());
            let size = sys::cw_buffer_size(self.raw.as_ptr());
            if data.is_null() || size == 0 { &[] } else { std::slice::from_raw_parts(data, size) }
        }
    }
}

impl AsRef<[u8]> for Buffer {
    fn as_ref(&self) -> &[u8] {
        self
    }
}

impl Drop for Buffer {
    fn drop(&mut self) {
        // SAFETY: we own the buffer; borrows of its bytes have ended.
        unsafe { sys::cw_buffer_destroy(self.raw.as_ptr()) }
    }
}

impl fmt::Debug for Buffer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Buffer").field("len", &self.len()).finish()
    }
}

/// Turns the out-pointer of a call that succeeded into a `Buffer`.
pub(crate) fn take(raw: *mut sys::cw_buffer) -> crate::Result<Buffer> {
    NonNull::new(raw)
        // SAFETY: a buffer the library just returned to us.
        .map(|raw| unsafe { Buffer::from_raw(raw) })
        .ok_or_else(|| {
            crate::Error::new(
                crate::Status::Internal,
                "the library returned CW_OK without a buffer",
            )
        })
}
