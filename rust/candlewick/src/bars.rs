//! Bar aggregation: time, tick, volume and range bars, Heikin-Ashi, renko,
//! point-and-figure, kagi and line break, from ticks or bars.

use std::fmt;
use std::ptr;

use candlewick_sys as sys;

use crate::error::{Status, check};
use crate::{Error, Ohlcv, Result, Ticks};

c_enum! {
    /// An aggregation method (`cw_bar_method`).
    BarMethod {
        /// OHLCV per interval of the clock.
        Time = sys::CW_BARS_TIME,
        /// Every `tick_count` input rows.
        Tick = sys::CW_BARS_TICK,
        /// Every `volume_threshold` of volume.
        Volume = sys::CW_BARS_VOLUME,
        /// Bars spanning exactly `range` from high to low.
        Range = sys::CW_BARS_RANGE,
        /// Heikin-Ashi candles (bars only).
        HeikinAshi = sys::CW_BARS_HEIKIN_ASHI,
        /// Close-based renko bricks.
        Renko = sys::CW_BARS_RENKO,
        /// Close-based point-and-figure columns.
        PointFigure = sys::CW_BARS_POINT_FIGURE,
        /// Kagi lines.
        Kagi = sys::CW_BARS_KAGI,
        /// N-line break.
        LineBreak = sys::CW_BARS_LINE_BREAK,
    }
}

c_enum! {
    /// What a time interval without input rows becomes (`cw_bar_empty`).
    EmptyBars {
        /// Not emitted (the default).
        Skip = sys::CW_BAR_EMPTY_SKIP,
        /// A row of NaN prices, volume 0, row -1.
        Nan = sys::CW_BAR_EMPTY_NAN,
        /// A flat row at the previous close, volume 0, row -1.
        Flat = sys::CW_BAR_EMPTY_FLAT,
    }
}

/// The box of renko and point-and-figure bars.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BoxSize {
    /// A fixed price step.
    Fixed(f64),
    /// Wilder's ATR over this many rows at the end of the input.
    Atr(i32),
}

/// Parameters of an aggregation (`cw_bar_options`), from the library's
/// defaults for the method (`cw_bar_options_init`), then set by the methods
/// below. `docs/bars.md` in the repository gives each method's exact rules.
///
/// ```
/// use candlewick::{BarOptions, BoxSize, EmptyBars};
///
/// let minutes = BarOptions::time(60).empty(EmptyBars::Flat);
/// let bricks = BarOptions::renko(BoxSize::Fixed(0.5));
/// let three_line_break = BarOptions::line_break(3);
/// # let _ = (minutes, bricks, three_line_break);
/// ```
#[derive(Clone, Copy)]
pub struct BarOptions {
    raw: sys::cw_bar_options,
    max_rows: Option<usize>,
}

/// The bound on the rows [`BarContext::from_ticks`] and
/// [`BarContext::from_ohlcv`] allocate unless [`BarOptions::max_rows`] sets
/// another, or the input has more rows: 16,777,216 rows of the seven
/// columns take 0.9 GiB.
pub const DEFAULT_MAX_BAR_ROWS: usize = 1 << 24;

impl BarOptions {
    /// The defaults for `method`.
    pub fn new(method: BarMethod) -> BarOptions {
        let mut raw = sys::cw_bar_options::default();
        // SAFETY: init writes every field of a struct we own.
        unsafe { sys::cw_bar_options_init(&mut raw, method.code()) };
        BarOptions { raw, max_rows: None }
    }

    /// The most rows [`BarContext::from_ticks`] and
    /// [`BarContext::from_ohlcv`] allocate: a method that would make more
    /// (renko bricks of a tiny box, time bars over a long empty span) fails
    /// with [`Status::SizeOutOfRange`] before allocating, instead of asking
    /// for more memory than there is (which aborts, or gets the process
    /// killed once the pages are written).  Default: the larger of
    /// [`DEFAULT_MAX_BAR_ROWS`] and the input's rows.  The `_into` forms write
    /// into your columns and need no bound.
    pub fn max_rows(mut self, rows: usize) -> BarOptions {
        self.max_rows = Some(rows);
        self
    }

    /// Time bars of `interval` (in the time column's units, seconds).
    pub fn time(interval: i64) -> BarOptions {
        let mut o = BarOptions::new(BarMethod::Time);
        o.raw.interval = interval;
        o
    }

    raw_setters! {
        /// Where time buckets start: `offset + k * interval` (default 0).
        offset(offset: i64) => offset;

        /// What an interval without rows becomes (default [`EmptyBars::Skip`]).
        empty(empty: EmptyBars) => empty = empty.code();
    }

    /// A bar every `count` input rows.
    pub fn tick(count: u64) -> BarOptions {
        let mut o = BarOptions::new(BarMethod::Tick);
        o.raw.tick_count = count;
        o
    }

    /// A bar every `threshold` of volume.
    pub fn volume(threshold: f64) -> BarOptions {
        let mut o = BarOptions::new(BarMethod::Volume);
        o.raw.volume_threshold = threshold;
        o
    }

    /// Volume bars: split rows so every complete bar holds exactly the
    /// threshold (default: the row reaching it closes the bar whole).
    pub fn split(mut self, split: bool) -> BarOptions {
        self.raw.volume_split = split.into();
        self
    }

    /// Bars spanning exactly `range` from high to low.
    pub fn range(range: f64) -> BarOptions {
        let mut o = BarOptions::new(BarMethod::Range);
        o.raw.range = range;
        o
    }

    /// Heikin-Ashi candles (from bars only).
    pub fn heikin_ashi() -> BarOptions {
        BarOptions::new(BarMethod::HeikinAshi)
    }

    fn boxed(method: BarMethod, size: BoxSize) -> BarOptions {
        let mut o = BarOptions::new(method);
        match size {
            BoxSize::Fixed(size) => {
                o.raw.box_mode = sys::CW_BOX_FIXED as i32;
                o.raw.box_size = size;
            }
            BoxSize::Atr(period) => {
                o.raw.box_mode = sys::CW_BOX_ATR as i32;
                o.raw.atr_period = period;
            }
        }
        o
    }

    /// Renko bricks of `size`.
    pub fn renko(size: BoxSize) -> BarOptions {
        BarOptions::boxed(BarMethod::Renko, size)
    }

    /// Point-and-figure columns of `size`, reversing after 3 boxes
    /// (see [`reversal`](Self::reversal)).
    pub fn point_figure(size: BoxSize) -> BarOptions {
        BarOptions::boxed(BarMethod::PointFigure, size)
    }

    /// Point and figure: boxes to reverse (default 3).
    pub fn reversal(mut self, boxes: i32) -> BarOptions {
        self.raw.reversal = boxes;
        self
    }

    /// Kagi lines reversing after `percent` percent of the line's extreme.
    pub fn kagi_percent(percent: f64) -> BarOptions {
        let mut o = BarOptions::new(BarMethod::Kagi);
        o.raw.reversal_amount = percent;
        o.raw.reversal_percent = 1;
        o
    }

    /// Kagi lines reversing after a price move of `amount`.
    pub fn kagi_amount(amount: f64) -> BarOptions {
        let mut o = BarOptions::new(BarMethod::Kagi);
        o.raw.reversal_amount = amount;
        o.raw.reversal_percent = 0;
        o
    }

    /// N-line break (3: the classic three-line break).
    pub fn line_break(lines: i32) -> BarOptions {
        let mut o = BarOptions::new(BarMethod::LineBreak);
        o.raw.line_count = lines;
        o
    }

    /// The C struct.
    pub fn as_raw(&self) -> &sys::cw_bar_options {
        &self.raw
    }

    /// The C struct, to set a field this crate has no method for (it holds
    /// no pointers, so this is safe).
    pub fn as_raw_mut(&mut self) -> &mut sys::cw_bar_options {
        &mut self.raw
    }
}

impl fmt::Debug for BarOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.raw.fmt(f)
    }
}

/// Aggregated bars in new vectors, one per column, all of one length.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bars {
    /// Each bar's time (the interval's start for time bars, else the time
    /// of its first input row); `None` when the input has no time column.
    pub time: Option<Vec<i64>>,
    /// Opens.
    pub open: Vec<f64>,
    /// Highs.
    pub high: Vec<f64>,
    /// Lows.
    pub low: Vec<f64>,
    /// Closes.
    pub close: Vec<f64>,
    /// Summed volume (or the number of rows when the input has none).
    pub volume: Vec<f64>,
    /// The last input row each bar covers (-1 for an empty interval).
    pub row: Vec<i64>,
}

impl Bars {
    /// The number of bars.
    pub fn len(&self) -> usize {
        self.close.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.close.is_empty()
    }
}

/// Your own columns to aggregate into: any may be `None` (not written).
/// The capacity is the shortest given column.
#[derive(Debug, Default)]
pub struct BarOutput<'a> {
    /// Times (only when the input has a time column).
    pub time: Option<&'a mut [i64]>,
    /// Opens.
    pub open: Option<&'a mut [f64]>,
    /// Highs.
    pub high: Option<&'a mut [f64]>,
    /// Lows.
    pub low: Option<&'a mut [f64]>,
    /// Closes.
    pub close: Option<&'a mut [f64]>,
    /// Volumes.
    pub volume: Option<&'a mut [f64]>,
    /// Last input rows.
    pub row: Option<&'a mut [i64]>,
}

fn out_ptr<T>(column: &mut Option<&mut [T]>) -> *mut T {
    column.as_mut().map_or(ptr::null_mut(), |c| c.as_mut_ptr())
}

impl BarOutput<'_> {
    fn raw(&mut self) -> sys::cw_bar_output {
        let lengths = [
            self.time.as_ref().map(|c| c.len()),
            self.open.as_ref().map(|c| c.len()),
            self.high.as_ref().map(|c| c.len()),
            self.low.as_ref().map(|c| c.len()),
            self.close.as_ref().map(|c| c.len()),
            self.volume.as_ref().map(|c| c.len()),
            self.row.as_ref().map(|c| c.len()),
        ];
        // No column at all: nothing is written, so any count fits.
        let capacity = lengths.into_iter().flatten().min().unwrap_or(usize::MAX);
        sys::cw_bar_output {
            struct_size: std::mem::size_of::<sys::cw_bar_output>(),
            capacity,
            time: out_ptr(&mut self.time),
            open: out_ptr(&mut self.open),
            high: out_ptr(&mut self.high),
            low: out_ptr(&mut self.low),
            close: out_ptr(&mut self.close),
            volume: out_ptr(&mut self.volume),
            row: out_ptr(&mut self.row),
        }
    }
}

enum Input<'s, 'a> {
    Ticks(&'s Ticks<'a>),
    Bars(&'s Ohlcv<'a>),
}

impl Input<'_, '_> {
    fn rows(&self) -> usize {
        match self {
            Input::Ticks(t) => t.len(),
            Input::Bars(b) => b.len(),
        }
    }

    fn has_time(&self) -> bool {
        match self {
            Input::Ticks(t) => !t.as_raw().time.data.is_null(),
            Input::Bars(b) => !b.as_raw().time.data.is_null(),
        }
    }
}

context_handle! {
    /// Per-thread state for aggregating (`cw_bar_context`).
    ///
    /// Threads: one thread at a time per context, which may move: `Send`, not
    /// `Sync`.
    ///
    /// ```
    /// use candlewick::{BarContext, BarOptions, Ticks};
    ///
    /// # fn main() -> candlewick::Result<()> {
    /// let price = [10.0, 10.2, 10.1, 10.4, 10.3, 10.6];
    /// let mut ctx = BarContext::new()?;
    /// let bars = ctx.from_ticks(&Ticks::new(&price), &BarOptions::tick(3))?;
    /// assert_eq!(bars.close, [10.1, 10.6]);
    /// assert_eq!(bars.high, [10.2, 10.6]);
    /// # Ok(())
    /// # }
    /// ```
    BarContext(cw_bar_context) {
        create: cw_bar_context_create,
        last_error: cw_bar_context_last_error,
        attach_stats: cw_bar_context_attach_stats,
        destroy: cw_bar_context_destroy,
        what: "a bar context",
    }
}

impl BarContext {
    fn call(
        &mut self,
        input: &Input<'_, '_>,
        options: &BarOptions,
        out: Option<&sys::cw_bar_output>,
    ) -> (i32, usize) {
        let mut count = 0usize;
        let out = out.map_or(ptr::null(), |o| o as *const _);
        // SAFETY: live handle, ours alone; the input's columns are valid
        // borrows; out is NULL (size query) or columns with room for its
        // capacity, which the library never exceeds.
        let status = unsafe {
            match input {
                Input::Ticks(t) => sys::cw_bars_from_ticks(
                    self.raw.as_ptr(),
                    t.as_raw(),
                    &options.raw,
                    out,
                    &mut count,
                ),
                Input::Bars(b) => sys::cw_bars_from_ohlcv(
                    self.raw.as_ptr(),
                    b.as_raw(),
                    &options.raw,
                    out,
                    &mut count,
                ),
            }
        };
        (status, count)
    }

    fn count(&mut self, input: &Input<'_, '_>, options: &BarOptions) -> Result<usize> {
        let (status, count) = self.call(input, options, None);
        check(status, || self.message())?;
        Ok(count)
    }

    fn write_rows(
        &mut self,
        input: &Input<'_, '_>,
        options: &BarOptions,
        out: &mut BarOutput<'_>,
    ) -> Result<usize> {
        let raw = out.raw();
        let (status, count) = self.call(input, options, Some(&raw));
        check(status, || self.message())?;
        Ok(count)
    }

    fn collect(&mut self, input: &Input<'_, '_>, options: &BarOptions) -> Result<Bars> {
        let n = self.count(input, options)?;
        let limit = options.max_rows.unwrap_or(DEFAULT_MAX_BAR_ROWS.max(input.rows()));
        if n > limit {
            return Err(Error::new(
                Status::SizeOutOfRange,
                format!(
                    "the aggregation would make {n} rows, more than the {limit} allowed (BarOptions::max_rows)"
                ),
            ));
        }
        let mut bars = Bars {
            time: input.has_time().then(|| vec![0; n]),
            open: vec![0.0; n],
            high: vec![0.0; n],
            low: vec![0.0; n],
            close: vec![0.0; n],
            volume: vec![0.0; n],
            row: vec![0; n],
        };
        let mut out = BarOutput {
            time: bars.time.as_deref_mut(),
            open: Some(&mut bars.open),
            high: Some(&mut bars.high),
            low: Some(&mut bars.low),
            close: Some(&mut bars.close),
            volume: Some(&mut bars.volume),
            row: Some(&mut bars.row),
        };
        let written = self.write_rows(input, options, &mut out)?;
        if written != n {
            return Err(Error::new(
                Status::Internal,
                format!("counted {n} bars but wrote {written}"),
            ));
        }
        Ok(bars)
    }

    /// Aggregates `ticks` into new vectors (a size query, then the rows).
    ///
    /// Errors: [`Status::NullArgument`] (no time column for time bars, no
    /// size column for volume bars), [`Status::InvalidArgument`] (a bad
    /// option, decreasing times for time bars, Heikin-Ashi of ticks),
    /// [`Status::LengthMismatch`], [`Status::NonFinite`],
    /// [`Status::NegativeVolume`], [`Status::SizeOutOfRange`] (more rows
    /// than [`BarOptions::max_rows`] allows).
    pub fn from_ticks(&mut self, ticks: &Ticks<'_>, options: &BarOptions) -> Result<Bars> {
        self.collect(&Input::Ticks(ticks), options)
    }

    /// Aggregates the bars of `series` into new vectors; errors as
    /// [`from_ticks`](Self::from_ticks), plus [`Status::InconsistentOhlc`].
    pub fn from_ohlcv(&mut self, series: &Ohlcv<'_>, options: &BarOptions) -> Result<Bars> {
        self.collect(&Input::Bars(series), options)
    }

    /// The exact number of bars `ticks` makes (reads the input once,
    /// allocates nothing).
    pub fn count_ticks(&mut self, ticks: &Ticks<'_>, options: &BarOptions) -> Result<usize> {
        self.count(&Input::Ticks(ticks), options)
    }

    /// The exact number of bars `series` makes.
    pub fn count_ohlcv(&mut self, series: &Ohlcv<'_>, options: &BarOptions) -> Result<usize> {
        self.count(&Input::Bars(series), options)
    }

    /// Aggregates `ticks` into your columns; returns the number of bars.
    ///
    /// Errors: [`Status::BufferTooSmall`] when they are more than the
    /// shortest column holds (ask [`count_ticks`](Self::count_ticks)).
    pub fn from_ticks_into(
        &mut self,
        ticks: &Ticks<'_>,
        options: &BarOptions,
        out: &mut BarOutput<'_>,
    ) -> Result<usize> {
        self.write_rows(&Input::Ticks(ticks), options, out)
    }

    /// Aggregates `series` into your columns; returns the number of bars.
    pub fn from_ohlcv_into(
        &mut self,
        series: &Ohlcv<'_>,
        options: &BarOptions,
        out: &mut BarOutput<'_>,
    ) -> Result<usize> {
        self.write_rows(&Input::Bars(series), options, out)
    }
}
