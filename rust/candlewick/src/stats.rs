//! `Stats`: bounded, thread-safe performance statistics, readable as a
//! snapshot, JSON or Prometheus text.

use std::ffi::{CString, c_char, c_void};
use std::fmt;
use std::ptr::{self, NonNull};
use std::sync::Arc;
use std::time::Duration;

use candlewick_sys as sys;

use crate::buffer::{self, Buffer};
use crate::error::{Status, check, message_from_buffer, static_str};
use crate::{Error, Result};

/// A kind of operation (`cw_stats_kind`): a built-in one, or a label
/// registered with [`StatsOptions::labels`].
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatsKind {
    /// Rendered raw frames.
    Render,
    /// Encoded files (PNG, WebP, SVG: rasterising and encoding).
    Encode,
    /// Indicator computations.
    Indicator,
    /// Bar aggregations.
    Aggregate,
    /// Batch jobs.
    Batch,
    /// Caller-defined label `i` (0-based, in registration order).
    Label(u32),
}

impl StatsKind {
    /// The C API's number (labels are `CW_STATS_LABEL_0 + i`).
    pub fn code(self) -> i32 {
        (match self {
            StatsKind::Render => sys::CW_STATS_RENDER,
            StatsKind::Encode => sys::CW_STATS_ENCODE,
            StatsKind::Indicator => sys::CW_STATS_INDICATOR,
            StatsKind::Aggregate => sys::CW_STATS_AGGREGATE,
            StatsKind::Batch => sys::CW_STATS_BATCH,
            StatsKind::Label(i) => sys::CW_STATS_LABEL_0 + i,
        }) as i32
    }

    /// The kind with this number, if it names one (built-in or label slot).
    pub fn from_code(code: i32) -> Option<StatsKind> {
        let code = u32::try_from(code).ok()?;
        Some(match code {
            sys::CW_STATS_RENDER => StatsKind::Render,
            sys::CW_STATS_ENCODE => StatsKind::Encode,
            sys::CW_STATS_INDICATOR => StatsKind::Indicator,
            sys::CW_STATS_AGGREGATE => StatsKind::Aggregate,
            sys::CW_STATS_BATCH => StatsKind::Batch,
            c if (sys::CW_STATS_LABEL_0..sys::CW_STATS_KIND_SLOTS).contains(&c) => {
                StatsKind::Label(c - sys::CW_STATS_LABEL_0)
            }
            _ => return None,
        })
    }
}

/// The SIMD instruction set an operation ran on (`cw_simd_target`, Highway's
/// names).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SimdTarget(pub i32);

impl SimdTarget {
    /// Not reported, no SIMD kernel, or the call failed.
    pub const NONE: SimdTarget = SimdTarget(sys::CW_SIMD_NONE as i32);

    /// The target the library's kernels dispatch to on this CPU now.
    pub fn active() -> SimdTarget {
        // SAFETY: thread-safe, no arguments.
        SimdTarget(unsafe { sys::cw_simd_target_active() })
    }

    /// "none", "other" or Highway's name ("AVX2", "AVX3", "SCALAR", ...);
    /// `None` for an unassigned number.
    pub fn name(self) -> Option<&'static str> {
        // SAFETY: static storage or NULL.
        unsafe { static_str(sys::cw_simd_target_name(self.0)) }
    }
}

impl fmt::Debug for SimdTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SimdTarget({})", self.name().unwrap_or("unassigned"))
    }
}

type ClockFn = dyn Fn() -> i64 + Send + Sync;

/// Options of a [`Stats`] handle, from the library's defaults
/// (`cw_stats_options_init`: 10,000 records, 24 hours, no labels, the
/// monotonic clock).
#[derive(Clone)]
pub struct StatsOptions {
    raw: sys::cw_stats_options,
    labels: Vec<String>,
    clock: Option<Arc<ClockFn>>,
}

impl Default for StatsOptions {
    fn default() -> Self {
        StatsOptions::new()
    }
}

impl StatsOptions {
    /// The library's defaults.
    pub fn new() -> Self {
        let mut raw = sys::cw_stats_options::default();
        // SAFETY: init writes every field of a struct we own.
        unsafe { sys::cw_stats_options_init(&mut raw) };
        StatsOptions { raw, labels: Vec::new(), clock: None }
    }

    /// Records kept in the recent window (at least 1; memory is 64 bytes a
    /// record, allocated at creation).
    pub fn capacity(mut self, records: u64) -> Self {
        self.raw.capacity = records;
        self
    }

    /// How long a record stays in the window (`Duration::MAX`: never leaves
    /// by age).
    pub fn retention(mut self, retention: Duration) -> Self {
        self.raw.retention_ns = i64::try_from(retention.as_nanos()).unwrap_or(i64::MAX);
        self
    }

    /// Caller-defined kinds, [`StatsKind::Label`]`(i)` for the i-th name: at
    /// most 8 names of 1 to 31 characters of `[a-z0-9_]` starting with a
    /// letter, unique, none a built-in kind's name.
    pub fn labels<I, S>(mut self, labels: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.labels = labels.into_iter().map(Into::into).collect();
        self
    }

    /// A clock in nanoseconds instead of the monotonic clock: called from
    /// any thread, it must never go backwards. Handy for tests of the
    /// window. (A panic inside it aborts the process: it is called from C.)
    pub fn clock(mut self, clock: impl Fn() -> i64 + Send + Sync + 'static) -> Self {
        self.clock = Some(Arc::new(clock));
        self
    }

    /// Checks the options as [`Stats::new`] does, without allocating.
    pub fn validate(&self) -> Result<()> {
        self.with_raw(|raw| {
            let mut message = [0u8; 512];
            // SAFETY: raw is complete and its pointers live for this call.
            let status = unsafe {
                sys::cw_stats_options_validate(
                    raw,
                    message.as_mut_ptr() as *mut c_char,
                    message.len(),
                )
            };
            check(status, || message_from_buffer(&message))
        })?
    }

    /// Calls `f` with the C struct, its label pointers valid for the call.
    fn with_raw<T>(&self, f: impl FnOnce(&sys::cw_stats_options) -> T) -> Result<T> {
        let labels = self
            .labels
            .iter()
            .map(|l| {
                CString::new(l.as_str()).map_err(|_| {
                    Error::new(Status::InvalidArgument, format!("label {l:?} contains a NUL byte"))
                })
            })
            .collect::<Result<Vec<CString>>>()?;
        let pointers: Vec<*const c_char> = labels.iter().map(|l| l.as_ptr()).collect();
        let mut raw = self.raw;
        raw.labels = if pointers.is_empty() { ptr::null() } else { pointers.as_ptr() };
        raw.label_count = u32::try_from(pointers.len()).unwrap_or(u32::MAX);
        if let Some(clock) = &self.clock {
            // A thin pointer to the Arc (a fat `dyn Fn` pointer would not
            // fit a void*), valid for this call; Stats::new points it at a
            // copy that lives as long as the handle.
            raw.clock = Some(call_clock);
            raw.clock_opaque = clock as *const Arc<ClockFn> as *mut c_void;
        }
        Ok(f(&raw))
    }
}

impl fmt::Debug for StatsOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StatsOptions")
            .field("capacity", &self.raw.capacity)
            .field("retention_ns", &self.raw.retention_ns)
            .field("labels", &self.labels)
            .field("custom_clock", &self.clock.is_some())
            .finish()
    }
}

extern "C" fn call_clock(opaque: *mut c_void) -> i64 {
    // SAFETY: opaque points at the Arc<ClockFn> that the Stats handle keeps
    // (boxed, so its address is stable) for as long as the C handle lives.
    let clock = unsafe { &*(opaque as *const Arc<ClockFn>) };
    clock()
}

struct Handle {
    raw: NonNull<sys::cw_stats>,
    // Boxed so the address given to C as clock_opaque never moves.
    _clock: Option<Box<Arc<ClockFn>>>,
}

// SAFETY: the header: "a cw_stats handle is THREAD-SAFE: every function
// taking one may be called from any number of threads at once ... except
// cw_stats_destroy()", which runs only when the last reference is gone.
unsafe impl Send for Handle {}
// SAFETY: as above.
unsafe impl Sync for Handle {}

impl Drop for Handle {
    fn drop(&mut self) {
        // SAFETY: the last reference: no other call runs or follows, and
        // every chart or context that attached it holds a reference, so
        // none still has it attached.
        unsafe { sys::cw_stats_destroy(self.raw.as_ptr()) }
    }
}

/// A statistics handle (`cw_stats`): lifetime totals and a bounded recent
/// window of the operations recorded in it, with latency percentiles.
/// All its memory is allocated at creation; recording never allocates.
///
/// Threads: unlike the other handles it is thread-safe, so `Stats` is
/// `Send + Sync`, every method takes `&self`, and clones share one handle
/// (it is reference counted). Charts and contexts it is attached to hold a
/// clone, so it lives as long as any of them: the C rule "the stats handle
/// must outlive the attachment" holds by construction.
///
/// ```no_run
/// use candlewick::{Chart, ChartOptions, Stats, StatsOptions};
///
/// # fn main() -> candlewick::Result<()> {
/// let stats = Stats::new(&StatsOptions::new())?;
/// let mut chart = Chart::new(&ChartOptions::new())?;
/// chart.attach_stats(Some(&stats))?;
/// // ... render ...
/// let text = stats.read_prometheus(Some("myservice_charts"))?;
/// print!("{}", text.as_str().expect("UTF-8"));
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Stats {
    handle: Arc<Handle>,
}

impl Stats {
    /// Creates a handle and all the memory it will use.
    ///
    /// Errors: [`Status::InvalidArgument`] (capacity 0, retention not
    /// positive, a bad label; the message says which),
    /// [`Status::SizeOutOfRange`], [`Status::OutOfMemory`].
    pub fn new(options: &StatsOptions) -> Result<Stats> {
        let clock = options.clock.clone().map(Box::new);
        let mut raw = ptr::null_mut();
        let status = options.with_raw(|raw_options| {
            let mut raw_options = *raw_options;
            if let Some(clock) = &clock {
                raw_options.clock_opaque = &**clock as *const Arc<ClockFn> as *mut c_void;
            }
            // SAFETY: raw_options is complete; its labels live for this
            // call (copied by the library); clock_opaque lives in `clock`,
            // which the handle keeps.
            unsafe { sys::cw_stats_create(&raw_options, &mut raw) }
        })?;
        if let Some(status) = Status::from_code(status) {
            let message = match options.validate() {
                Err(e) => e.message().to_owned(),
                Ok(()) => status.text().to_owned(),
            };
            return Err(Error::new(status, message));
        }
        let raw = NonNull::new(raw).ok_or_else(|| {
            Error::new(Status::Internal, "cw_stats_create returned CW_OK without a handle")
        })?;
        Ok(Stats { handle: Arc::new(Handle { raw, _clock: clock }) })
    }

    pub(crate) fn as_ptr(&self) -> *mut sys::cw_stats {
        self.handle.raw.as_ptr()
    }

    /// Attaches `stats` (`None` detaches) with a handle's C attach call
    /// `attach`, and returns what the handle keeps while attached: a clone
    /// of `stats`, so the statistics outlive the attachment, as the C API
    /// requires. `message` explains a failure.
    pub(crate) fn attach_with(
        stats: Option<&Stats>,
        attach: impl FnOnce(*mut sys::cw_stats) -> sys::cw_status,
        message: impl FnOnce() -> String,
    ) -> Result<Option<Stats>> {
        check(attach(stats.map_or(ptr::null_mut(), Stats::as_ptr)), message)?;
        Ok(stats.cloned())
    }

    /// The message of the most recent failed call on this handle, from any
    /// thread ("" when none failed).
    pub fn last_error(&self) -> String {
        let mut buffer = vec![0u8; 256];
        loop {
            // SAFETY: thread-safe; buffer is ours.
            let full = unsafe {
                sys::cw_stats_last_error(
                    self.as_ptr(),
                    buffer.as_mut_ptr() as *mut c_char,
                    buffer.len(),
                )
            };
            if full < buffer.len() {
                return message_from_buffer(&buffer);
            }
            buffer.resize(full + 1, 0);
        }
    }

    /// The handle's clock now, in nanoseconds: take a sample's end time
    /// from here.
    pub fn now(&self) -> i64 {
        // SAFETY: thread-safe.
        unsafe { sys::cw_stats_now(self.as_ptr()) }
    }

    /// Records one operation of your own. Never allocates or waits.
    ///
    /// Errors: [`Status::InvalidArgument`] for a kind that is not built in or
    /// registered, an unassigned SIMD target or a negative duration (the
    /// sample is then not counted).
    pub fn record(&self, sample: &Sample) -> Result<()> {
        // SAFETY: thread-safe; the sample is complete.
        let status = unsafe { sys::cw_stats_record(self.as_ptr(), &sample.raw) };
        check(status, || self.last_error())
    }

    /// The totals and the window as of now.
    pub fn read(&self) -> Result<Snapshot> {
        let mut raw: Box<sys::cw_stats_snapshot> = Box::default();
        raw.struct_size = std::mem::size_of::<sys::cw_stats_snapshot>();
        // SAFETY: thread-safe; the snapshot is ours with its size set.
        let status = unsafe { sys::cw_stats_read(self.as_ptr(), &mut *raw) };
        check(status, || self.last_error())?;
        Ok(Snapshot { raw })
    }

    /// The same reading as JSON text.
    pub fn read_json(&self) -> Result<Buffer> {
        let mut out = ptr::null_mut();
        // SAFETY: thread-safe; out is ours.
        let status = unsafe { sys::cw_stats_read_json(self.as_ptr(), &mut out) };
        check(status, || self.last_error())?;
        buffer::take(out)
    }

    /// The same reading in the Prometheus text format (0.0.4), every metric
    /// name starting with `prefix` and "_" (`None`: "candlewick").
    ///
    /// Errors: [`Status::InvalidArgument`] for a prefix that is not 1..=64
    /// characters of `[a-zA-Z0-9_]` not starting with a digit.
    pub fn read_prometheus(&self, prefix: Option<&str>) -> Result<Buffer> {
        let prefix = prefix
            .map(|p| {
                CString::new(p).map_err(|_| {
                    Error::new(Status::InvalidArgument, format!("prefix {p:?} contains a NUL byte"))
                })
            })
            .transpose()?;
        let mut out = ptr::null_mut();
        // SAFETY: thread-safe; prefix is NULL or a C string alive for the
        // call; out is ours.
        let status = unsafe {
            sys::cw_stats_read_prometheus(
                self.as_ptr(),
                prefix.as_ref().map_or(ptr::null(), |p| p.as_ptr()),
                &mut out,
            )
        };
        check(status, || self.last_error())?;
        buffer::take(out)
    }

    /// Clears the window and the lifetime totals.
    pub fn reset(&self) -> Result<()> {
        // SAFETY: thread-safe.
        let status = unsafe { sys::cw_stats_reset(self.as_ptr()) };
        check(status, || self.last_error())
    }
}

impl fmt::Debug for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Stats").field("handle", &self.handle.raw).finish()
    }
}

/// One finished operation, for [`Stats::record`].
#[derive(Clone, Copy)]
pub struct Sample {
    raw: sys::cw_stats_sample,
}

impl Sample {
    /// An operation of `kind` that ended at `end_ns` (a [`Stats::now`]
    /// reading) after `duration_ns`.
    pub fn new(kind: StatsKind, end_ns: i64, duration_ns: i64) -> Sample {
        Sample {
            raw: sys::cw_stats_sample {
                struct_size: std::mem::size_of::<sys::cw_stats_sample>(),
                end_ns,
                duration_ns,
                kind: kind.code(),
                ..Default::default()
            },
        }
    }

    raw_setters! {
        /// Bytes it produced.
        bytes(bytes: u64) => bytes;

        /// Items it processed (candles, rows, jobs).
        items(items: u64) => items;

        /// The SIMD target it ran on.
        simd_target(target: SimdTarget) => simd_target = target.0;

        /// Whether it failed (counted in errors; its time still counts).
        failed(failed: bool) => failed = failed.into();
    }
}

impl fmt::Debug for Sample {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.raw.fmt(f)
    }
}

/// A consistent reading of a [`Stats`] handle.
pub struct Snapshot {
    raw: Box<sys::cw_stats_snapshot>,
}

impl Snapshot {
    /// The clock reading the window was judged by.
    pub fn taken_at_ns(&self) -> i64 {
        self.raw.taken_at_ns
    }
    /// The window's capacity in records.
    pub fn capacity(&self) -> u64 {
        self.raw.capacity
    }
    /// The retention in nanoseconds.
    pub fn retention_ns(&self) -> i64 {
        self.raw.retention_ns
    }
    /// Records over the lifetime, all kinds.
    pub fn count(&self) -> u64 {
        self.raw.count
    }
    /// Records in the window, all kinds.
    pub fn window_count(&self) -> u64 {
        self.raw.window_count
    }

    /// The figures of one kind; `None` for a slot not in use.
    pub fn kind(&self, kind: StatsKind) -> Option<KindStats<'_>> {
        let slot = self.raw.kinds.get(usize::try_from(kind.code()).ok()?)?;
        (slot.name[0] != 0).then_some(KindStats { raw: slot })
    }

    /// Every kind in use, with its figures.
    pub fn kinds(&self) -> impl Iterator<Item = (StatsKind, KindStats<'_>)> + '_ {
        (0..self.raw.kinds.len()).filter_map(move |i| {
            let kind = StatsKind::from_code(i as i32)?;
            Some((kind, self.kind(kind)?))
        })
    }

    /// The C struct.
    pub fn as_raw(&self) -> &sys::cw_stats_snapshot {
        &self.raw
    }
}

impl fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Snapshot")
            .field("count", &self.count())
            .field("window_count", &self.window_count())
            .field("kinds", &self.kinds().map(|(_, k)| k).collect::<Vec<_>>())
            .finish()
    }
}

/// The figures of one kind in a [`Snapshot`]: lifetime totals, and the
/// window's (0 when it is empty).
#[derive(Clone, Copy)]
pub struct KindStats<'a> {
    raw: &'a sys::cw_stats_kind_snapshot,
}

macro_rules! figures {
    ($($(#[$m:meta])* $name:ident,)+) => {
        $($(#[$m])* pub fn $name(&self) -> u64 { self.raw.$name })+
    };
}

impl KindStats<'_> {
    /// "render", ..., or the label.
    pub fn name(&self) -> &str {
        let name = &self.raw.name;
        let end = name.iter().position(|&c| c == 0).unwrap_or(name.len());
        // SAFETY: c_char and u8 have the same size and alignment.
        let bytes = unsafe { std::slice::from_raw_parts(name.as_ptr() as *const u8, end) };
        std::str::from_utf8(bytes).unwrap_or("")
    }

    figures! {
        /// Operations over the lifetime.
        count,
        /// Failed operations over the lifetime.
        errors,
        /// Total time in nanoseconds.
        duration_ns,
        /// Bytes produced.
        bytes,
        /// Items processed.
        items,
        /// Operations in the window.
        window_count,
        /// Failed operations in the window.
        window_errors,
        /// Bytes produced in the window.
        window_bytes,
        /// Items processed in the window.
        window_items,
        /// Total time in the window (u64::MAX on overflow).
        window_duration_ns,
        /// Mean latency in the window.
        window_mean_ns,
        /// Fastest operation in the window.
        window_min_ns,
        /// Slowest operation in the window.
        window_max_ns,
        /// Median latency in the window (at most 6.25% above the exact value).
        window_p50_ns,
        /// 90th percentile latency in the window.
        window_p90_ns,
        /// 99th percentile latency in the window.
        window_p99_ns,
    }

    /// Operations that ran on `target`, over the lifetime.
    pub fn count_on(&self, target: SimdTarget) -> u64 {
        usize::try_from(target.0).ok().and_then(|i| self.raw.by_target.get(i)).copied().unwrap_or(0)
    }
}

impl fmt::Debug for KindStats<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KindStats")
            .field("name", &self.name())
            .field("count", &self.count())
            .field("errors", &self.errors())
            .field("window_count", &self.window_count())
            .field("window_p50_ns", &self.window_p50_ns())
            .finish()
    }
}
