//! `Error`: a failed call's status and the library's message.

use std::ffi::{CStr, c_char};
use std::fmt;
use std::ptr::NonNull;

use candlewick_sys as sys;

/// Why a call failed: the C API's `cw_status`, one variant per stable number.
///
/// `Unknown` carries a number this crate does not know (from a newer
/// library); [`Status::code`] gives the number in every case.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// `CW_ERR_NULL_ARGUMENT`: a required input was missing (e.g. an
    /// optional column a method needs, such as the time column of time bars).
    NullArgument,
    /// `CW_ERR_INVALID_ARGUMENT`: an option or argument has a bad value.
    InvalidArgument,
    /// `CW_ERR_STRUCT_SIZE`: a struct older than the library accepts.
    StructSize,
    /// `CW_ERR_SIZE_OUT_OF_RANGE`: width or height outside 16..=16384, or a
    /// size that overflows.
    SizeOutOfRange,
    /// `CW_ERR_EMPTY_SERIES`: no rows.
    EmptySeries,
    /// `CW_ERR_LENGTH_MISMATCH`: columns of one series differ in length.
    LengthMismatch,
    /// `CW_ERR_NON_FINITE`: NaN or infinity where a number is needed.
    NonFinite,
    /// `CW_ERR_INCONSISTENT_OHLC`: high < low, or open/close outside them.
    InconsistentOhlc,
    /// `CW_ERR_NEGATIVE_VOLUME`: a volume below zero.
    NegativeVolume,
    /// `CW_ERR_BUFFER_TOO_SMALL`: a caller's buffer or row stride is short.
    BufferTooSmall,
    /// `CW_ERR_OUT_OF_MEMORY`: the allocator returned NULL.
    OutOfMemory,
    /// `CW_ERR_ENCODE`: the image encoder failed.
    Encode,
    /// `CW_ERR_INTERNAL`: a bug in candlewick; please report it.
    Internal,
    /// `CW_ERR_SERIES_TOO_SHORT`: fewer rows than a period parameter.
    SeriesTooShort,
    /// A status number this version of the crate has no name for.
    Unknown(i32),
}

impl Status {
    /// The status for a `cw_status`; `None` for `CW_OK`.
    pub fn from_code(code: i32) -> Option<Status> {
        const fn c(v: u32) -> i32 {
            v as i32
        }
        Some(match code {
            0 => return None,
            x if x == c(sys::CW_ERR_NULL_ARGUMENT) => Status::NullArgument,
            x if x == c(sys::CW_ERR_INVALID_ARGUMENT) => Status::InvalidArgument,
            x if x == c(sys::CW_ERR_STRUCT_SIZE) => Status::StructSize,
            x if x == c(sys::CW_ERR_SIZE_OUT_OF_RANGE) => Status::SizeOutOfRange,
            x if x == c(sys::CW_ERR_EMPTY_SERIES) => Status::EmptySeries,
            x if x == c(sys::CW_ERR_LENGTH_MISMATCH) => Status::LengthMismatch,
            x if x == c(sys::CW_ERR_NON_FINITE) => Status::NonFinite,
            x if x == c(sys::CW_ERR_INCONSISTENT_OHLC) => Status::InconsistentOhlc,
            x if x == c(sys::CW_ERR_NEGATIVE_VOLUME) => Status::NegativeVolume,
            x if x == c(sys::CW_ERR_BUFFER_TOO_SMALL) => Status::BufferTooSmall,
            x if x == c(sys::CW_ERR_OUT_OF_MEMORY) => Status::OutOfMemory,
            x if x == c(sys::CW_ERR_ENCODE) => Status::Encode,
            x if x == c(sys::CW_ERR_INTERNAL) => Status::Internal,
            x if x == c(sys::CW_ERR_SERIES_TOO_SHORT) => Status::SeriesTooShort,
            other => Status::Unknown(other),
        })
    }

    /// The stable `cw_status` number.
    pub fn code(self) -> i32 {
        (match self {
            Status::NullArgument => sys::CW_ERR_NULL_ARGUMENT,
            Status::InvalidArgument => sys::CW_ERR_INVALID_ARGUMENT,
            Status::StructSize => sys::CW_ERR_STRUCT_SIZE,
            Status::SizeOutOfRange => sys::CW_ERR_SIZE_OUT_OF_RANGE,
            Status::EmptySeries => sys::CW_ERR_EMPTY_SERIES,
            Status::LengthMismatch => sys::CW_ERR_LENGTH_MISMATCH,
            Status::NonFinite => sys::CW_ERR_NON_FINITE,
            Status::InconsistentOhlc => sys::CW_ERR_INCONSISTENT_OHLC,
            Status::NegativeVolume => sys::CW_ERR_NEGATIVE_VOLUME,
            Status::BufferTooSmall => sys::CW_ERR_BUFFER_TOO_SMALL,
            Status::OutOfMemory => sys::CW_ERR_OUT_OF_MEMORY,
            Status::Encode => sys::CW_ERR_ENCODE,
            Status::Internal => sys::CW_ERR_INTERNAL,
            Status::SeriesTooShort => sys::CW_ERR_SERIES_TOO_SHORT,
            Status::Unknown(code) => return code,
        }) as i32
    }

    /// The library's fixed English text for the status
    /// (`cw_status_string`: "null argument", "empty series", ...).
    pub fn text(self) -> &'static str {
        // SAFETY: cw_status_string returns static storage for any number.
        unsafe { static_str(sys::cw_status_string(self.code())) }.unwrap_or("unknown status")
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
    }
}

/// A failed call: its [`Status`] and the library's detailed message (which
/// names the option, column, row or parameter at fault).
///
/// `Display` gives "status text: message", e.g. `inconsistent OHLC: ...: row
/// 41: high 99.5 is below low 100.25`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    status: Status,
    message: String,
    series: Option<usize>,
}

impl Error {
    /// An error with this status and message (for code that wraps this crate).
    pub fn new(status: Status, message: impl Into<String>) -> Error {
        Error { status, message: message.into(), series: None }
    }

    /// Why the call failed.
    pub fn status(&self) -> Status {
        self.status
    }

    /// The stable `cw_status` number.
    pub fn code(&self) -> i32 {
        self.status.code()
    }

    /// The library's detailed message ("" when it gave none).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// For [`IndicatorContext::compute_batch`](crate::IndicatorContext::compute_batch):
    /// the index of the series that failed. `None` for every other call.
    pub fn failed_series(&self) -> Option<usize> {
        self.series
    }

    pub(crate) fn with_series(mut self, series: usize) -> Error {
        self.series = Some(series);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            write!(f, "{}", self.status)
        } else {
            write!(f, "{}: {}", self.status, self.message)
        }
    }
}

impl std::error::Error for Error {}

/// `Result<T, candlewick::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `Ok(())` for `CW_OK`, else the error with the message `message()` gives
/// (called only on failure, while the handle's message is still valid).
pub(crate) fn check(code: sys::cw_status, message: impl FnOnce() -> String) -> Result<()> {
    match Status::from_code(code) {
        None => Ok(()),
        Some(status) => Err(Error { status, message: message(), series: None }),
    }
}

/// The handle a `cw_*_create` call named `create` wrote into `raw`, once
/// its `status` is checked (`message` for a failure); a NULL handle after
/// success is an internal error.
pub(crate) fn created<T>(
    status: sys::cw_status,
    raw: *mut T,
    create: &str,
    message: impl FnOnce() -> String,
) -> Result<NonNull<T>> {
    check(status, message)?;
    NonNull::new(raw)
        .ok_or_else(|| Error::new(Status::Internal, format!("{create} returned no handle")))
}

/// Copies a NUL-terminated message owned by a handle (valid until the next
/// call on it) into a `String`. NULL gives "".
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string valid for this call.
pub(crate) unsafe fn copy_message(ptr: *const c_char) -> String {
    if ptr.is_null() {
        return String::new();
    }
    // SAFETY: per the caller's promise.
    unsafe { CStr::from_ptr(ptr) }.to_string_lossy().into_owned()
}

/// A string in the library's static storage (names, status texts).
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string that lives for the
/// whole process.
pub(crate) unsafe fn static_str(ptr: *const c_char) -> Option<&'static str> {
    if ptr.is_null() {
        return None;
    }
    // SAFETY: per the caller's promise; the library's names are ASCII.
    unsafe { CStr::from_ptr(ptr) }.to_str().ok()
}

/// Reads a message written by a `*_validate(options, message, size)`
/// function into a fixed buffer.
pub(crate) fn message_from_buffer(buffer: &[u8]) -> String {
    let end = buffer.iter().position(|&b| b == 0).unwrap_or(buffer.len());
    String::from_utf8_lossy(&buffer[..end]).into_owned()
}
