//! Chart options: `ChartOptions` and the enumerations it takes.

use std::ffi::{CStr, CString};
use std::fmt;
use std::ptr;
use std::sync::Arc;

use candlewick_sys as sys;

use crate::{Error, Result, Status};

/// A colour as `0xRRGGBBAA`, the C API's `cw_color`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Color(pub u32);

impl Color {
    /// An opaque colour.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color::rgba(r, g, b, 0xFF)
    }

    /// A colour with alpha (only band fills may be translucent).
    pub const fn rgba(r: u8, g: u8, b: u8, a: u8) -> Color {
        Color((r as u32) << 24 | (g as u32) << 16 | (b as u32) << 8 | a as u32)
    }

    /// `[r, g, b, a]`, the order of an RGBA8 frame's bytes.
    pub const fn to_rgba(self) -> [u8; 4] {
        self.0.to_be_bytes()
    }
}

impl fmt::Debug for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Color(#{:08X})", self.0)
    }
}

c_enum! {
    /// A colour theme (`cw_theme`).
    Theme {
        /// Black background, green up, red down.
        Classic = sys::CW_THEME_CLASSIC,
        /// Dark grey, teal and red.
        Modern = sys::CW_THEME_MODERN,
        /// TradingView's dark colours.
        TradingView = sys::CW_THEME_TRADINGVIEW,
        /// White background, teal and red.
        Light = sys::CW_THEME_LIGHT,
    }
}

c_enum! {
    /// How the series is drawn (`cw_chart_type`).
    ChartType {
        /// Filled bodies with wicks; up when close >= open.
        Candlestick = sys::CW_CHART_CANDLESTICK,
        /// Hollow up candles, filled down candles, coloured against the
        /// previous close.
        Hollow = sys::CW_CHART_HOLLOW,
        /// Bars with open and close ticks.
        Ohlc = sys::CW_CHART_OHLC,
        /// A line through the closes.
        Line = sys::CW_CHART_LINE,
        /// The close line with the area below it filled.
        Area = sys::CW_CHART_AREA,
        /// Heikin-Ashi candles computed from the series.
        HeikinAshi = sys::CW_CHART_HEIKIN_ASHI,
        /// Close-based renko bricks.
        Renko = sys::CW_CHART_RENKO,
        /// Point-and-figure X/O columns.
        PointFigure = sys::CW_CHART_POINT_FIGURE,
    }
}

c_enum! {
    /// PNG compression: speed against size; all lossless (`cw_png_preset`).
    PngPreset {
        /// Fastest encoding.
        Fastest = sys::CW_PNG_FASTEST,
        /// The default.
        Balanced = sys::CW_PNG_BALANCED,
        /// Smallest files.
        Smallest = sys::CW_PNG_SMALLEST,
    }
}

c_enum! {
    /// An output format (`cw_format`): a raw frame or an encoded file.
    Format {
        /// Raw frame, 4 bytes per pixel: R, G, B, A.
        Rgba8 = sys::CW_FORMAT_RGBA8,
        /// Raw frame, 3 bytes per pixel.
        Rgb8 = sys::CW_FORMAT_RGB8,
        /// Raw frame, one palette index per pixel (crisp charts only; see
        /// [`Chart::palette`](crate::Chart::palette)).
        Indexed8 = sys::CW_FORMAT_INDEXED8,
        /// PNG (a palette PNG when the frame has at most 256 colours).
        Png = sys::CW_FORMAT_PNG,
        /// Lossless WebP.
        WebpLossless = sys::CW_FORMAT_WEBP_LOSSLESS,
        /// Lossy WebP (quality from
        /// [`Chart::set_webp_quality`](crate::Chart::set_webp_quality)).
        WebpLossy = sys::CW_FORMAT_WEBP_LOSSY,
        /// SVG: the same layout as vector graphics.
        Svg = sys::CW_FORMAT_SVG,
    }
}

impl Format {
    /// Bytes per pixel of a raw format (4, 3 or 1); `None` for encoded
    /// formats.
    pub fn bytes_per_pixel(self) -> Option<usize> {
        // SAFETY: a pure function of its argument.
        match unsafe { sys::cw_format_bytes_per_pixel(self.code()) } {
            0 => None,
            n => Some(n),
        }
    }
}

font_options! {
    /// Options of a [`Chart`](crate::Chart): built from the library's defaults
    /// (`cw_chart_options_init`: 800x600 crisp candlesticks, classic theme,
    /// volume panel and grid, no axes), then changed by the methods below,
    /// each of which returns the options for chaining.
    ///
    /// Nothing is checked until [`Chart::new`](crate::Chart::new), which says
    /// what is wrong. `'a` is the lifetime of a custom font's bytes (copied by
    /// the library at create).
    ///
    /// ```
    /// use candlewick::{ChartOptions, ChartType, Theme};
    ///
    /// let options = ChartOptions::new()
    ///     .size(1280, 720)
    ///     .theme(Theme::TradingView)
    ///     .chart_type(ChartType::HeikinAshi)
    ///     .axes(true);
    /// assert_eq!(options.as_raw().width, 1280);
    /// ```
    ChartOptions(cw_chart_options) = cw_chart_options_init;

    /// A TrueType/OpenType font for labels instead of the embedded DejaVu
    /// Sans. The library copies the bytes when the chart is created.
    fn font;

    /// The time zone's name that `raw.time_zone` points at (shared by
    /// clones, so their pointer stays valid), or why it cannot be passed.
    time_zone: TimeZone,
}

/// A [`ChartOptions`]' time zone: none (UTC), a NUL-terminated name, or a
/// name containing NUL (reported by `Chart::new`).
#[derive(Clone, Debug, Default)]
enum TimeZone {
    #[default]
    Utc,
    Named(Arc<CStr>),
    Invalid(String),
}

impl<'a> ChartOptions<'a> {
    raw_setters! {
        /// Width in pixels, 16..=16384 (default 800).
        width(width: u32) => width;

        /// Height in pixels, 16..=16384 (default 600).
        height(height: u32) => height;
    }

    /// Width and height in pixels.
    pub fn size(self, width: u32, height: u32) -> Self {
        self.width(width).height(height)
    }

    raw_setters! {
        /// How the series is drawn (default [`ChartType::Candlestick`]).
        chart_type(chart_type: ChartType) => type_ = chart_type.code();

        /// The colour theme (default [`Theme::Classic`]).
        theme(theme: Theme) => theme = theme.code();

        /// A volume panel under the price panel (default on; drawn when the
        /// series has a volume column).
        volume(on: bool) => show_volume = on.into();

        /// Grid lines (default on).
        grid(on: bool) => show_grid = on.into();

        /// Price and time axes with labels, titles and a last-price marker
        /// (default off).
        axes(on: bool) => show_axes = on.into();

        /// Coverage-blended lines and text (default off: crisp, only the
        /// palette's exact colours, reproducible to the pixel).
        antialias(on: bool) => antialias = on.into();
    }

    fn custom(mut self, set: impl FnOnce(&mut sys::cw_chart_options)) -> Self {
        self.raw.use_custom_colors = 1;
        set(&mut self.raw);
        self
    }

    /// A custom background colour (opaque). Setting any custom colour
    /// replaces the theme's six colours at once: those not set keep the
    /// defaults' values (the classic theme's).
    pub fn background(self, color: Color) -> Self {
        self.custom(|o| o.background = color.0)
    }

    /// A custom colour for rising candles (close >= open); see
    /// [`background`](Self::background).
    pub fn up_color(self, color: Color) -> Self {
        self.custom(|o| o.up = color.0)
    }

    /// A custom colour for falling candles; see [`background`](Self::background).
    pub fn down_color(self, color: Color) -> Self {
        self.custom(|o| o.down = color.0)
    }

    /// A custom grid colour; see [`background`](Self::background).
    pub fn grid_color(self, color: Color) -> Self {
        self.custom(|o| o.grid = color.0)
    }

    /// A custom colour for labels and titles; see [`background`](Self::background).
    pub fn text_color(self, color: Color) -> Self {
        self.custom(|o| o.text = color.0)
    }

    /// A custom colour for axis lines and ticks; see [`background`](Self::background).
    pub fn axis_color(self, color: Color) -> Self {
        self.custom(|o| o.axis = color.0)
    }

    raw_setters! {
        /// PNG compression preset (default [`PngPreset::Balanced`]).
        png_preset(preset: PngPreset) => png_preset = preset.code();

        /// Relative height of the price panel (default 0.7).
        price_weight(weight: f32) => price_weight;

        /// Relative height of the volume panel (default 0.3).
        volume_weight(weight: f32) => volume_weight;

        /// Background rows between panels (default 1).
        panel_gap(rows: i32) => panel_gap;

        /// Pixels around the plot (default 0).
        margin(pixels: i32) => margin;

        /// Width of line and area charts and overlays, in pixels (default 1.5).
        line_width(pixels: f32) => line_width;

        /// Renko and point-and-figure box size; 0 (default) uses ATR(14).
        box_size(size: f64) => box_size;

        /// Point-and-figure reversal in boxes (default 3).
        reversal(boxes: i32) => reversal;

        /// Axis label height in pixels (default 11).
        label_size(pixels: i32) => label_size;
    }

    /// The IANA time zone the time axis is labelled in (`"America/New_York"`,
    /// `"Europe/London"`; the `time` column stays UTC seconds), read from the
    /// system's zoneinfo (`TZDIR`, else `/usr/share/zoneinfo`). `""` (the
    /// default) is UTC. The zone is loaded by [`Chart::new`](crate::Chart::new)
    /// (and by a [`Renderer`](crate::Renderer) per job), which fails with
    /// [`Status::InvalidArgument`](crate::Status::InvalidArgument) and the
    /// library's explanation for a zone it cannot load, or for a name
    /// containing NUL.
    pub fn time_zone(mut self, name: &str) -> Self {
        self.time_zone = match CString::new(name) {
            Ok(_) if name.is_empty() => TimeZone::Utc,
            Ok(c_name) => TimeZone::Named(c_name.into()),
            Err(_) => TimeZone::Invalid(name.to_owned()),
        };
        self.raw.time_zone = match &self.time_zone {
            TimeZone::Named(name) => name.as_ptr(),
            TimeZone::Utc | TimeZone::Invalid(_) => ptr::null(),
        };
        self
    }

    /// The struct for a C call, or the error of a setting the struct cannot
    /// carry (a time zone containing NUL).
    pub(crate) fn checked_raw(&self) -> Result<&sys::cw_chart_options> {
        match &self.time_zone {
            TimeZone::Invalid(name) => {
                Err(Error::new(Status::InvalidArgument, format!("time zone {name:?} contains NUL")))
            }
            TimeZone::Utc | TimeZone::Named(_) => Ok(&self.raw),
        }
    }

    /// The C struct (`cw_chart_options`), for reading any field, including
    /// ones this crate has no method for yet.
    pub fn as_raw(&self) -> &sys::cw_chart_options {
        &self.raw
    }

    /// The C struct, to set a field this crate has no method for yet.
    ///
    /// # Safety
    /// Pointer fields (`font_data`, `allocator`, `time_zone`, and any added
    /// later) must stay valid for as long as these options are used, and
    /// `struct_size` must not grow past the struct.
    pub unsafe fn as_raw_mut(&mut self) -> &mut sys::cw_chart_options {
        &mut self.raw
    }
}

impl fmt::Debug for ChartOptions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.raw.fmt(f)
    }
}
