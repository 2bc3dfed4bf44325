//! `Chart`: a chart handle and what one render draws.

use std::ffi::{CStr, CString, c_char};
use std::fmt;
use std::marker::PhantomData;
use std::ptr::{self, NonNull};

use candlewick_sys as sys;

use crate::buffer::{self, Buffer};
use crate::error::{Status, check, copy_message, message_from_buffer};
use crate::{ChartOptions, Color, Column, Error, Format, Ohlcv, Result, Stats};

/// A line over the price panel (an overlay) or in an extra panel: one value
/// per row of the series, NaN where there is none (the line breaks there).
#[derive(Clone, Copy)]
pub struct Line<'a> {
    raw: sys::cw_line,
    name: Option<&'a str>,
    _borrow: PhantomData<Column<'a, f64>>,
}

/// A filled band between two series (Bollinger, Keltner, a cloud) with its
/// edges stroked.
#[derive(Clone, Copy)]
pub struct Band<'a> {
    raw: sys::cw_band,
    name: Option<&'a str>,
    _borrow: PhantomData<Column<'a, f64>>,
}

/// An extra panel under the price and volume panels: an oscillator with
/// reference levels, a histogram around zero with signal lines, or both.
#[derive(Clone, Copy)]
pub struct Panel<'a> {
    raw: sys::cw_panel,
    lines: &'a [Line<'a>],
    _borrow: PhantomData<(&'a [f64], &'a CStr)>,
}

// SAFETY: lines, bands and panels hold only shared borrows of numbers and
// strings.
unsafe impl Send for Line<'_> {}
// SAFETY: as above.
unsafe impl Sync for Line<'_> {}
// SAFETY: as above.
unsafe impl Send for Band<'_> {}
// SAFETY: as above.
unsafe impl Sync for Band<'_> {}
// SAFETY: as above.
unsafe impl Send for Panel<'_> {}
// SAFETY: as above.
unsafe impl Sync for Panel<'_> {}

impl<'a> Line<'a> {
    /// A line of `values` in `color` (its alpha is ignored), as wide as the
    /// chart's line width, without a name.
    pub fn new(values: impl Into<Column<'a, f64>>, color: Color) -> Self {
        Line {
            raw: sys::cw_line { values: values.into().raw(), color: color.0, width: 0.0 },
            name: None,
            _borrow: PhantomData,
        }
    }

    /// Its width in pixels (0: the chart's line width).
    pub fn width(mut self, pixels: f32) -> Self {
        self.raw.width = pixels;
        self
    }

    /// Its name in the legend (`"SMA 20"`), drawn when the chart has axes
    /// with the line's value at the last row; `""` (like no name) leaves it
    /// out of the legend. Only overlays have a legend: a line in a
    /// [`Panel`] ignores its name. A name containing NUL fails the render
    /// with [`Status::InvalidArgument`].
    pub fn name(mut self, name: &'a str) -> Self {
        self.name = Some(name);
        self
    }
}

impl<'a> Band<'a> {
    /// A band between `upper` and `lower` filled with `fill` (may be
    /// translucent), with edges in `line` once [`width`](Self::width) is set
    /// (default 0: no edges), without a name.
    pub fn new(
        upper: impl Into<Column<'a, f64>>,
        lower: impl Into<Column<'a, f64>>,
        fill: Color,
        line: Color,
    ) -> Self {
        Band {
            raw: sys::cw_band {
                upper: upper.into().raw(),
                lower: lower.into().raw(),
                fill: fill.0,
                line: line.0,
                width: 0.0,
            },
            name: None,
            _borrow: PhantomData,
        }
    }

    /// Edge width in pixels; 0 for none.
    pub fn width(mut self, pixels: f32) -> Self {
        self.raw.width = pixels;
        self
    }

    /// Its name in the legend (`"BBANDS 20 2 2"`), drawn when the chart has
    /// axes with the upper and lower values at the last row; `""` (like no
    /// name) leaves it out. A name containing NUL fails the render with
    /// [`Status::InvalidArgument`].
    pub fn name(mut self, name: &'a str) -> Self {
        self.name = Some(name);
        self
    }
}

impl<'a> Panel<'a> {
    /// An empty panel of height `weight` relative to the price panel's
    /// (e.g. 0.25), automatic scale, no title.
    pub fn new(weight: f32) -> Self {
        let raw = sys::cw_panel { weight, ..Default::default() };
        Panel { raw, lines: &[], _borrow: PhantomData }
    }

    /// Its lines (an oscillator and its signal, ...); their names are not
    /// drawn (the panel's [`title`](Self::title) names it).
    pub fn lines(mut self, lines: &'a [Line<'a>]) -> Self {
        self.lines = lines;
        self
    }

    /// A histogram around zero (MACD's, ...) in the chart's up and down
    /// colours unless [`histogram_colors`](Self::histogram_colors) says otherwise.
    pub fn histogram(mut self, values: impl Into<Column<'a, f64>>) -> Self {
        self.raw.histogram = values.into().raw();
        self
    }

    /// Colours of the histogram's positive and negative bars.
    pub fn histogram_colors(mut self, up: Color, down: Color) -> Self {
        self.raw.histogram_up = up.0;
        self.raw.histogram_down = down.0;
        self
    }

    /// Horizontal reference lines (30 and 70 for RSI, ...).
    pub fn levels(mut self, levels: &'a [f64]) -> Self {
        self.raw.levels = levels.as_ptr();
        self.raw.level_count = levels.len();
        self
    }

    /// A fixed scale from `min` to `max` (when `min < max`; else automatic).
    pub fn scale(mut self, min: f64, max: f64) -> Self {
        self.raw.min = min;
        self.raw.max = max;
        self
    }

    /// A title drawn when the chart has axes (UTF-8: `c"RSI 14"`).
    pub fn title(mut self, title: &'a CStr) -> Self {
        self.raw.title = title.as_ptr();
        self
    }
}

/// Everything one render draws: the series, and overlays, bands, panels and
/// a title, all borrowed for `'a` (`cw_chart_data`). Each render reads the
/// columns in place; it copies only the small line, band and panel structs
/// and the legend names (NUL-terminated) for the call.
///
/// ```
/// use candlewick::{Band, ChartData, Color, Line, Ohlcv, Panel};
///
/// let close = [10.0, 10.5, 10.2, 10.8];
/// let (high, low) = ([11.0; 4], [9.5; 4]);
/// let series = Ohlcv::new(&close, &high, &low, &close);
/// let sma = [f64::NAN, 10.25, 10.35, 10.5];
/// let (upper, lower) = ([11.0; 4], [9.6; 4]);
/// let rsi = [f64::NAN, 60.0, 45.0, 70.0];
/// let overlays = [Line::new(&sma, Color::rgb(0xFF, 0xB3, 0x00)).name("SMA 2")];
/// let bands = [Band::new(&upper, &lower, Color(0x7E57C240), Color(0x7E57C2FF)).width(1.0).name("BB")];
/// let rsi_lines = [Line::new(&rsi, Color(0xAB47BCFF))];
/// let panels = [Panel::new(0.25).lines(&rsi_lines).levels(&[30.0, 70.0]).scale(0.0, 100.0).title(c"RSI 14")];
/// let data = ChartData::new(&series)
///     .overlays(&overlays)
///     .bands(&bands)
///     .panels(&panels)
///     .title(c"DEMO / USD");
/// # let _ = data;
/// ```
#[derive(Clone, Copy)]
pub struct ChartData<'a> {
    raw: sys::cw_chart_data,
    overlays: &'a [Line<'a>],
    bands: &'a [Band<'a>],
    panels: &'a [Panel<'a>],
    _borrow: PhantomData<(Ohlcv<'a>, &'a CStr)>,
}

// SAFETY: shared borrows of numbers and strings only.
unsafe impl Send for ChartData<'_> {}
// SAFETY: as above.
unsafe impl Sync for ChartData<'_> {}

impl<'a> ChartData<'a> {
    /// The series alone (`cw_chart_data_init`).
    pub fn new(series: &Ohlcv<'a>) -> Self {
        let mut raw = sys::cw_chart_data::default();
        // SAFETY: init copies the series struct (pointers, not data) and
        // writes every field of a struct we own.
        unsafe { sys::cw_chart_data_init(&mut raw, series.as_raw()) };
        ChartData { raw, overlays: &[], bands: &[], panels: &[], _borrow: PhantomData }
    }

    /// Lines over the price panel; named ones are listed in the legend (see
    /// [`Line::name`]).
    pub fn overlays(mut self, overlays: &'a [Line<'a>]) -> Self {
        self.overlays = overlays;
        self
    }

    /// Bands behind the candles, over the grid; named ones are listed in the
    /// legend (see [`Band::name`]).
    pub fn bands(mut self, bands: &'a [Band<'a>]) -> Self {
        self.bands = bands;
        self
    }

    /// Extra panels, top to bottom (at most 8).
    pub fn panels(mut self, panels: &'a [Panel<'a>]) -> Self {
        self.panels = panels;
        self
    }

    /// A title at the top left (UTF-8; drawn when the chart has axes).
    pub fn title(mut self, title: &'a CStr) -> Self {
        self.raw.title = title.as_ptr();
        self
    }

    /// The C struct (`cw_chart_data`) with everything pointed at, for one
    /// call: it borrows the returned value, which holds the C arrays and
    /// the NUL-terminated legend names.
    ///
    /// Errors: [`Status::InvalidArgument`] for a name containing NUL.
    pub fn to_raw(&self) -> Result<RawChartData<'_>> {
        RawChartData::new(self)
    }
}

/// A [`ChartData`] as the C API takes it (from [`ChartData::to_raw`]): the
/// struct and the arrays and names it points at, valid while this lives.
pub struct RawChartData<'d> {
    raw: sys::cw_chart_data,
    // The heap blocks `raw` points into (moving this value does not move
    // them).
    _overlays: Vec<sys::cw_line>,
    _bands: Vec<sys::cw_band>,
    _panels: Vec<sys::cw_panel>,
    _panel_lines: Vec<Vec<sys::cw_line>>,
    _names: Vec<CString>,
    _name_pointers: [Vec<*const c_char>; 2],
    _borrow: PhantomData<&'d ChartData<'d>>,
}

// SAFETY: pointers into its own blocks and the data's shared borrows only.
unsafe impl Send for RawChartData<'_> {}
// SAFETY: as above.
unsafe impl Sync for RawChartData<'_> {}

/// `names` as NUL-terminated copies kept in `store`, and their pointers
/// (NULL for none); an empty vector when no entry has a name.
fn c_names<'n>(
    names: impl Iterator<Item = Option<&'n str>> + Clone,
    store: &mut Vec<CString>,
) -> Result<Vec<*const c_char>> {
    if names.clone().all(|n| n.is_none()) {
        return Ok(Vec::new());
    }
    names
        .map(|name| match name {
            None => Ok(ptr::null()),
            Some(name) => {
                let c = CString::new(name).map_err(|_| {
                    Error::new(
                        Status::InvalidArgument,
                        format!("legend name {name:?} contains NUL"),
                    )
                })?;
                // The CString's bytes stay put when `store` grows.
                let p = c.as_ptr();
                store.push(c);
                Ok(p)
            }
        })
        .collect()
}

fn ptr_or_null<T>(v: &[T]) -> *const T {
    if v.is_empty() { ptr::null() } else { v.as_ptr() }
}

impl<'d> RawChartData<'d> {
    fn new(data: &'d ChartData<'_>) -> Result<Self> {
        let mut names = Vec::new();
        let overlay_names = c_names(data.overlays.iter().map(|l| l.name), &mut names)?;
        let band_names = c_names(data.bands.iter().map(|b| b.name), &mut names)?;
        let overlays: Vec<sys::cw_line> = data.overlays.iter().map(|l| l.raw).collect();
        let bands: Vec<sys::cw_band> = data.bands.iter().map(|b| b.raw).collect();
        let panel_lines: Vec<Vec<sys::cw_line>> =
            data.panels.iter().map(|p| p.lines.iter().map(|l| l.raw).collect()).collect();
        let panels: Vec<sys::cw_panel> = data
            .panels
            .iter()
            .zip(&panel_lines)
            .map(|(p, lines)| sys::cw_panel {
                lines: ptr_or_null(lines),
                line_count: lines.len(),
                ..p.raw
            })
            .collect();
        let raw = sys::cw_chart_data {
            overlays: ptr_or_null(&overlays),
            overlay_count: overlays.len(),
            bands: ptr_or_null(&bands),
            band_count: bands.len(),
            panels: ptr_or_null(&panels),
            panel_count: panels.len(),
            overlay_names: ptr_or_null(&overlay_names),
            band_names: ptr_or_null(&band_names),
            ..data.raw
        };
        Ok(RawChartData {
            raw,
            _overlays: overlays,
            _bands: bands,
            _panels: panels,
            _panel_lines: panel_lines,
            _names: names,
            _name_pointers: [overlay_names, band_names],
            _borrow: PhantomData,
        })
    }

    /// The C struct (`cw_chart_data`), valid while `self` lives.
    pub fn as_raw(&self) -> &sys::cw_chart_data {
        &self.raw
    }
}

impl<'a> From<&Ohlcv<'a>> for ChartData<'a> {
    fn from(series: &Ohlcv<'a>) -> Self {
        ChartData::new(series)
    }
}

impl fmt::Debug for ChartData<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChartData")
            .field("rows", &self.raw.series.close.length)
            .field("overlays", &self.overlays.len())
            .field("bands", &self.bands.len())
            .field("panels", &self.panels.len())
            .finish()
    }
}

/// The frame a chart renders: its size and the smallest row stride and
/// buffer for RGBA8 output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameInfo {
    /// Pixels per row.
    pub width: u32,
    /// Rows.
    pub height: u32,
    /// `width * 4`.
    pub min_row_stride: usize,
    /// `min_row_stride * height`.
    pub min_buffer_size: usize,
}

/// A chart handle (`cw_chart`): its options fixed at creation, scratch
/// memory reused from one render to the next, so memory stays flat over any
/// number of renders.
///
/// Threads: the C API lets one thread at a time use a handle, and lets it
/// move between threads; so a `Chart` is `Send` but not `Sync`, and every
/// render takes `&mut self`. For parallel rendering, use one chart per
/// thread.
///
/// Output: [`render_png`](Self::render_png) and [`render`](Self::render)
/// return a library-owned [`Buffer`], which does not borrow the chart and may
/// outlive it; [`render_rgba`](Self::render_rgba) and
/// [`render_frame`](Self::render_frame) fill your own `&mut [u8]`.
///
/// ```no_run
/// use candlewick::{Chart, ChartOptions, Ohlcv, Theme};
///
/// # fn main() -> candlewick::Result<()> {
/// let (open, high, low, close) = ([10.0, 10.5], [11.0, 11.2], [9.8, 10.1], [10.5, 10.9]);
/// let mut chart = Chart::new(&ChartOptions::new().size(640, 360).theme(Theme::Light))?;
/// let png = chart.render_png(&Ohlcv::new(&open, &high, &low, &close))?;
/// std::fs::write("chart.png", &png[..]).expect("write chart.png");
/// # Ok(())
/// # }
/// ```
pub struct Chart {
    raw: NonNull<sys::cw_chart>,
    // The stats handle attached, kept alive while attached (the C API
    // requires it to outlive the attachment).
    stats: Option<Stats>,
}

// SAFETY: the header: "A handle may be used by one thread at a time ... A
// handle may move between threads." Not Sync: two threads may not use one
// chart at once, even through &self.
unsafe impl Send for Chart {}

impl Chart {
    /// Creates a chart from `options` (read, not kept; a custom font is
    /// copied).
    ///
    /// Errors: [`Status::SizeOutOfRange`] for a width or height outside
    /// 16..=16384, [`Status::InvalidArgument`] for a value out of range,
    /// font bytes FreeType cannot load, or a time zone that cannot be
    /// loaded (or contains NUL), with the library's explanation;
    /// [`Status::OutOfMemory`].
    pub fn new(options: &ChartOptions<'_>) -> Result<Chart> {
        let mut raw = ptr::null_mut();
        // SAFETY: options is a complete cw_chart_options (its time zone
        // owned by it); out is ours.
        let status = unsafe { sys::cw_chart_create(options.checked_raw()?, &mut raw) };
        check(status, || options.create_failure_message())?;
        let raw = NonNull::new(raw).ok_or_else(|| {
            Error::new(Status::Internal, "cw_chart_create returned CW_OK without a chart")
        })?;
        Ok(Chart { raw, stats: None })
    }

    fn message(&self) -> String {
        // SAFETY: the chart is live; the message is valid until the next
        // call on it, and we copy it at once.
        unsafe { copy_message(sys::cw_chart_last_error(self.raw.as_ptr())) }
    }

    /// Runs `render` (a `cw_chart_render*` call given the chart and the
    /// out-pointer) and takes the library-owned buffer it writes.
    fn render_buffer(
        &mut self,
        render: impl FnOnce(*mut sys::cw_chart, &mut *mut sys::cw_buffer) -> sys::cw_status,
    ) -> Result<Buffer> {
        let mut out = ptr::null_mut();
        let status = render(self.raw.as_ptr(), &mut out);
        check(status, || self.message())?;
        buffer::take(out)
    }

    /// The frame's size and the minimum stride and buffer size for RGBA8.
    pub fn frame_info(&self) -> FrameInfo {
        let mut info = FrameInfo { width: 0, height: 0, min_row_stride: 0, min_buffer_size: 0 };
        // SAFETY: the chart is live; the out-pointers are ours. It cannot
        // fail with a live chart.
        unsafe {
            sys::cw_chart_frame_info(
                self.raw.as_ptr(),
                &mut info.width,
                &mut info.height,
                &mut info.min_row_stride,
                &mut info.min_buffer_size,
            );
        }
        info
    }

    /// Renders `series` into your RGBA8 `pixels`, rows `row_stride` bytes
    /// apart (at least `width * 4`; bytes between rows are left alone).
    ///
    /// Errors: [`Status::BufferTooSmall`] when `pixels` or the stride is too
    /// small, and the series' validation errors ([`Status::EmptySeries`],
    /// [`Status::LengthMismatch`], [`Status::NonFinite`],
    /// [`Status::InconsistentOhlc`], [`Status::NegativeVolume`]), after which
    /// `pixels` is untouched.
    pub fn render_rgba(
        &mut self,
        series: &Ohlcv<'_>,
        pixels: &mut [u8],
        row_stride: usize,
    ) -> Result<()> {
        // SAFETY: the chart is live and ours alone (&mut); the series'
        // columns are valid borrows; pixels is writable for its length.
        let status = unsafe {
            sys::cw_chart_render_rgba(
                self.raw.as_ptr(),
                series.as_raw(),
                pixels.as_mut_ptr(),
                pixels.len(),
                row_stride,
            )
        };
        check(status, || self.message())
    }

    /// Renders `series` into a new library-owned RGBA8 frame (`width * 4`
    /// bytes per row).
    pub fn render_rgba_buffer(&mut self, series: &Ohlcv<'_>) -> Result<Buffer> {
        // SAFETY: as render_rgba; out is ours.
        self.render_buffer(|chart, out| unsafe {
            sys::cw_chart_render_rgba_buffer(chart, series.as_raw(), out)
        })
    }

    /// Renders `series` and encodes it as a PNG file, in a library-owned
    /// buffer.
    pub fn render_png(&mut self, series: &Ohlcv<'_>) -> Result<Buffer> {
        // SAFETY: as render_rgba; out is ours.
        self.render_buffer(|chart, out| unsafe {
            sys::cw_chart_render_png(chart, series.as_raw(), out)
        })
    }

    /// Renders `data` (series, overlays, bands, panels, title) in any
    /// [`Format`] into a library-owned buffer (raw formats with the minimum
    /// stride).
    ///
    /// Errors as [`render_frame`](Self::render_frame), plus [`Status::Encode`].
    pub fn render(&mut self, data: &ChartData<'_>, format: Format) -> Result<Buffer> {
        let data = data.to_raw()?;
        // SAFETY: the chart is live and ours alone; data's pointers are
        // valid borrows with their counts, alive for the call; out is ours.
        self.render_buffer(|chart, out| unsafe {
            sys::cw_chart_render(chart, data.as_raw(), format.code(), out)
        })
    }

    /// Renders `data` into your raw frame `pixels` in a raw `format`
    /// (RGBA8, RGB8 or indexed), rows `row_stride` bytes apart (at least
    /// `width` times the format's bytes per pixel).
    ///
    /// Errors: [`Status::InvalidArgument`] (an encoded format, indexed
    /// output of an antialiased chart, more than 8 panels, a panel weight
    /// <= 0, a legend name containing NUL), [`Status::BufferTooSmall`], [`Status::LengthMismatch`] (an
    /// overlay, band or panel series not as long as the series) and the
    /// series' validation errors. All input is validated before a pixel is
    /// written.
    pub fn render_frame(
        &mut self,
        data: &ChartData<'_>,
        format: Format,
        pixels: &mut [u8],
        row_stride: usize,
    ) -> Result<()> {
        let data = data.to_raw()?;
        // SAFETY: as render; pixels is writable for its length.
        let status = unsafe {
            sys::cw_chart_render_frame(
                self.raw.as_ptr(),
                data.as_raw(),
                format.code(),
                pixels.as_mut_ptr(),
                pixels.len(),
                row_stride,
            )
        };
        check(status, || self.message())
    }

    /// The palette of the last successful render: the colours that
    /// [`Format::Indexed8`] indices refer to. Empty before any render.
    pub fn palette(&self) -> Vec<Color> {
        let mut count = 0usize;
        // SAFETY: the chart is live (and, !Sync, used by this thread only);
        // a size query writes only count.
        unsafe { sys::cw_chart_palette(self.raw.as_ptr(), ptr::null_mut(), 0, &mut count) };
        let mut colors = vec![0u32; count];
        // SAFETY: colors has room for count entries.
        unsafe {
            sys::cw_chart_palette(self.raw.as_ptr(), colors.as_mut_ptr(), colors.len(), &mut count)
        };
        colors.truncate(count);
        colors.into_iter().map(Color).collect()
    }

    /// Lossy WebP quality, 0 (smallest) to 100 (best); default 90.
    ///
    /// Errors: [`Status::InvalidArgument`] out of range or NaN (the quality
    /// is then unchanged).
    pub fn set_webp_quality(&mut self, quality: f32) -> Result<()> {
        // SAFETY: the chart is live and ours alone.
        let status = unsafe { sys::cw_chart_set_webp_quality(self.raw.as_ptr(), quality) };
        check(status, || self.message())
    }

    /// Makes every render on this chart record itself in `stats` (`None`
    /// detaches). The chart keeps a clone of the [`Stats`] handle while
    /// attached, so the statistics outlive the attachment, as the C API
    /// requires.
    pub fn attach_stats(&mut self, stats: Option<&Stats>) -> Result<()> {
        // SAFETY: the chart is live and ours alone; the stats handle lives
        // at least as long as the clone we keep below.
        let attach = |raw| unsafe { sys::cw_chart_attach_stats(self.raw.as_ptr(), raw) };
        self.stats = Stats::attach_with(stats, attach, || self.message())?;
        Ok(())
    }

    /// The `cw_chart` handle, for calling `candlewick_sys` directly (it stays
    /// owned by this `Chart`).
    pub fn as_ptr(&self) -> *mut sys::cw_chart {
        self.raw.as_ptr()
    }
}

impl Drop for Chart {
    fn drop(&mut self) {
        // SAFETY: we own the handle and no call on it is running (&mut).
        // The attached stats clone is dropped after this, so the stats
        // handle outlives the chart.
        unsafe { sys::cw_chart_destroy(self.raw.as_ptr()) }
    }
}

impl fmt::Debug for Chart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let info = self.frame_info();
        f.debug_struct("Chart")
            .field("width", &info.width)
            .field("height", &info.height)
            .field("stats", &self.stats.is_some())
            .finish()
    }
}

impl ChartOptions<'_> {
    /// Why `cw_chart_create` failed with these options, as
    /// `cw_chart_options_validate` explains it (no handle exists then to
    /// hold a message).
    fn create_failure_message(&self) -> String {
        let mut why = [0u8; 256];
        // SAFETY: the options are complete; the message buffer is ours.
        unsafe {
            sys::cw_chart_options_validate(self.as_raw(), why.as_mut_ptr().cast(), why.len())
        };
        message_from_buffer(&why)
    }
}
