//! Safe Rust bindings to candlewick: financial charts (candlesticks, OHLC
//! bars, lines, Heikin-Ashi, renko, point-and-figure, with overlays, bands
//! and indicator panels) rendered into pixel buffers, PNG, WebP and SVG, and
//! technical indicators and bar aggregation over price series, from a SIMD
//! C++ core behind a stable C ABI.
//!
//! ```no_run
//! use candlewick::{Chart, ChartOptions, Column, Indicator, IndicatorContext, Ohlcv, Theme};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let close: Vec<f64> = (0..120).map(|i| 100.0 + (i as f64 / 9.0).sin() * 5.0).collect();
//! let open: Vec<f64> = close.iter().map(|c| c - 0.4).collect();
//! let high: Vec<f64> = close.iter().map(|c| c + 1.0).collect();
//! let low: Vec<f64> = open.iter().map(|o| o - 1.0).collect();
//!
//! let mut chart = Chart::new(&ChartOptions::new().size(800, 450).theme(Theme::TradingView))?;
//! let png = chart.render_png(&Ohlcv::new(&open, &high, &low, &close))?;
//! std::fs::write("chart.png", &png[..])?;
//!
//! let mut sma = vec![0.0; close.len()];
//! IndicatorContext::new()?.compute(Indicator::Sma, &[Column::new(&close)], &[20.0], &mut [&mut sma])?;
//! println!("SMA(20) of the last bar: {:.4}", sma[119]);
//! # Ok(())
//! # }
//! ```
//!
//! # The rules
//!
//! The C header (`candlewick.h`) states who owns what and which thread may
//! call what; this crate turns each rule into a type the compiler checks.
//!
//! **Handles free themselves.** [`Chart`], [`Renderer`], [`IndicatorContext`],
//! [`IndicatorStream`], [`BarContext`] and [`Stats`] own their C handle and
//! destroy it in `Drop`.
//!
//! **One thread at a time per handle.** A chart, context or stream may move
//! to another thread but not be used by two at once: they are `Send` and not
//! `Sync`, and their calls take `&mut self`. [`Stats`] is thread-safe in C,
//! so it is `Send + Sync` (and `Clone`: one reference-counted handle). So
//! is a [`Renderer`]: the C API lets any number of threads call one at once
//! (share it by `&` or `Arc`); only attaching stats takes `&mut self`.
//!
//! ```
//! fn send<T: Send>() {}
//! fn sync<T: Sync>() {}
//! send::<candlewick::Chart>();
//! send::<candlewick::Stats>();
//! sync::<candlewick::Stats>();
//! send::<candlewick::Renderer>();
//! sync::<candlewick::Renderer>();
//! sync::<candlewick::Buffer>();
//! ```
//!
//! ```compile_fail,E0277
//! // A chart is not Sync: two threads cannot use one chart at once.
//! let chart = candlewick::Chart::new(&candlewick::ChartOptions::new()).unwrap();
//! std::thread::scope(|s| {
//!     s.spawn(|| chart.palette());
//!     s.spawn(|| chart.palette());
//! });
//! ```
//!
//! ```compile_fail,E0277
//! fn sync<T: Sync>() {}
//! sync::<candlewick::IndicatorContext>();
//! ```
//!
//! ```compile_fail,E0277
//! fn sync<T: Sync>() {}
//! sync::<candlewick::IndicatorStream>();
//! ```
//!
//! ```compile_fail,E0277
//! fn sync<T: Sync>() {}
//! sync::<candlewick::BarContext>();
//! ```
//!
//! **Inputs are borrowed for the call, never copied.** A [`Column`] (and so
//! an [`Ohlcv`], [`Ticks`], [`Line`], [`Band`], [`Panel`], [`ChartData`])
//! borrows its data, contiguous or strided, so it cannot outlive it, and the
//! data cannot change while it is borrowed (a render copies only the small
//! line, band and panel structs and the legend names of
//! [`Line::name`]/[`Band::name`], for the call):
//!
//! ```compile_fail,E0597
//! use candlewick::{Chart, ChartOptions, Ohlcv};
//! let mut chart = Chart::new(&ChartOptions::new()).unwrap();
//! let series;
//! {
//!     let close = vec![1.0; 10];
//!     series = Ohlcv::new(&close, &close, &close, &close);
//! } // `close` is dropped here while `series` still borrows it
//! chart.render_png(&series).unwrap();
//! ```
//!
//! ```compile_fail,E0502
//! use candlewick::{Column, Indicator, IndicatorContext};
//! let mut ctx = IndicatorContext::new().unwrap();
//! let mut close = vec![1.0; 50];
//! let input = Column::new(&close);
//! close[0] = 2.0; // cannot change data a column borrows
//! let mut out = vec![0.0; 50];
//! ctx.compute(Indicator::Sma, &[input], &[10.0], &mut [&mut out]).unwrap();
//! ```
//!
//! ```compile_fail,E0502
//! use candlewick::{Column, Indicator, IndicatorContext};
//! let mut ctx = IndicatorContext::new().unwrap();
//! let mut data = vec![1.0; 50];
//! // An output cannot alias an input.
//! ctx.compute(Indicator::Sma, &[Column::new(&data)], &[10.0], &mut [&mut data]).unwrap();
//! ```
//!
//! **Output goes to your buffer, or comes back as a library-owned
//! [`Buffer`].** A `Buffer` derefs to `[u8]` and frees itself on drop. The C
//! API lets a buffer outlive the chart that made it (it keeps a copy of the
//! chart's allocator), so a `Buffer` does not borrow its chart:
//!
//! ```
//! use candlewick::{Chart, ChartOptions, Ohlcv};
//! let (open, high, low, close) = ([10.0, 10.5], [11.0, 11.2], [9.8, 10.1], [10.5, 10.9]);
//! let png = {
//!     let mut chart = Chart::new(&ChartOptions::new().size(64, 64)).unwrap();
//!     chart.render_png(&Ohlcv::new(&open, &high, &low, &close)).unwrap()
//! }; // the chart is gone; its PNG lives on
//! assert_eq!(&png[1..4], b"PNG");
//! ```
//!
//! but the bytes cannot outlive their `Buffer`:
//!
//! ```compile_fail,E0597
//! use candlewick::{Chart, ChartOptions, Ohlcv};
//! let (open, high, low, close) = ([10.0, 10.5], [11.0, 11.2], [9.8, 10.1], [10.5, 10.9]);
//! let mut chart = Chart::new(&ChartOptions::new()).unwrap();
//! let bytes: &[u8] = {
//!     let png = chart.render_png(&Ohlcv::new(&open, &high, &low, &close)).unwrap();
//!     &png[..]
//! }; // `png` is freed here
//! println!("{}", bytes.len());
//! ```
//!
//! **A stats handle outlives what it is attached to.** The C API requires
//! it; here every chart or context holds a clone of the [`Stats`] it is
//! attached to, so dropping your own reference first is fine.
//!
//! **Errors are values.** Every fallible call returns
//! [`Result<T, candlewick::Error>`](Error): the [`Status`] (the C API's stable
//! number) and the library's message naming the option, row or parameter at
//! fault. Bad input never crashes, and a failed call never hands back
//! partial output as success.
//!
//! # Linking
//!
//! `candlewick-sys` finds the installed library (`tools/install.sh PREFIX`
//! in the candlewick repository) with pkg-config (`PKG_CONFIG_PATH` for a
//! non-standard prefix), or in `CANDLEWICK_LIB_DIR`. The loader must find it
//! at run time too (`LD_LIBRARY_PATH` outside its default paths).
//!
//! # Features
//!
//! - `image`: [`Chart::render_image`] and [`Chart::render_into_image`]
//!   render into an `image::RgbaImage` (the `image` crate without default
//!   features: no codecs).
#![warn(missing_docs)]

pub use candlewick_sys as sys;

/// Builder methods that set one field of `self.raw` and return `self`:
/// `name(arg: Type) => field;` stores `arg`, `name(arg: Type) => field =
/// expr;` stores `expr` (a conversion of `arg`).
macro_rules! raw_setters {
    ($($(#[$meta:meta])* $name:ident($arg:ident: $ty:ty) => $field:ident $(= $value:expr)?;)+) => {
        $(
            $(#[$meta])*
            pub fn $name(mut self, $arg: $ty) -> Self {
                self.raw.$field = raw_setters!(@value $arg $(, $value)?);
                self
            }
        )+
    };
    (@value $arg:ident) => { $arg };
    (@value $arg:ident, $value:expr) => { $value };
}

/// Options over a C struct that `init` fills with the library's defaults,
/// which may borrow a custom font's bytes for `'a` (the library copies them
/// at create): the struct, `Send` and `Sync`, `new` (the defaults),
/// `Default`, and the `font` setter (with the docs given before `fn font`).
/// Fields listed after `fn font;` are added to the struct, starting at
/// their `Default`.
macro_rules! font_options {
    (
        $(#[$meta:meta])* $name:ident($raw:ident) = $init:ident;
        $(#[$font_meta:meta])* fn font;
        $($(#[$field_meta:meta])* $field:ident: $field_ty:ty,)*
    ) => {
        $(#[$meta])*
        #[derive(Clone)]
        pub struct $name<'a> {
            raw: crate::sys::$raw,
            _font: ::std::marker::PhantomData<&'a [u8]>,
            $($(#[$field_meta])* $field: $field_ty,)*
        }

        // SAFETY: the only pointers are to the font bytes (a shared borrow),
        // a NULL allocator, and (chart options) the time zone, owned by an
        // immutable shared string among the fields.
        unsafe impl Send for $name<'_> {}
        // SAFETY: as above.
        unsafe impl Sync for $name<'_> {}

        impl Default for $name<'_> {
            fn default() -> Self {
                $name::new()
            }
        }

        impl<'a> $name<'a> {
            #[doc = concat!("The library's defaults (`", stringify!($init), "`).")]
            pub fn new() -> Self {
                let mut raw = crate::sys::$raw::default();
                // SAFETY: init writes every field of a struct we own.
                unsafe { crate::sys::$init(&mut raw) };
                $name { raw, _font: ::std::marker::PhantomData, $($field: Default::default(),)* }
            }

            $(#[$font_meta])*
            pub fn font(mut self, font: &'a [u8]) -> Self {
                self.raw.font_data = font.as_ptr();
                self.raw.font_data_size = font.len();
                self
            }
        }
    };
}

/// A per-thread context handle (`cw_bar_context`, `cw_indicator_context`)
/// and what every such handle has: the struct (the handle and the stats
/// clone kept while attached; `Send`, not `Sync`), `new` with the C
/// library's allocator, `message` (the last error, copied), `attach_stats`,
/// `Drop` and `Debug`. `what` names it in the message of a failed create.
macro_rules! context_handle {
    (
        $(#[$meta:meta])*
        $name:ident($raw:ident) {
            create: $create:ident,
            last_error: $last_error:ident,
            attach_stats: $attach:ident,
            destroy: $destroy:ident,
            what: $what:literal,
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            raw: ::std::ptr::NonNull<crate::sys::$raw>,
            stats: Option<crate::Stats>,
        }

        // SAFETY: the header: one thread at a time per handle; a handle may
        // move between threads. Not Sync.
        unsafe impl Send for $name {}

        impl $name {
            /// A context using the C library's allocator.
            pub fn new() -> crate::Result<$name> {
                let mut raw = ::std::ptr::null_mut();
                // SAFETY: thread-safe; out is ours.
                let status = unsafe { crate::sys::$create(::std::ptr::null(), &mut raw) };
                let raw = crate::error::created(status, raw, stringify!($create), || {
                    concat!("cannot create ", $what).to_owned()
                })?;
                Ok($name { raw, stats: None })
            }

            fn message(&self) -> String {
                // SAFETY: live handle; copied before the next call.
                unsafe { crate::error::copy_message(crate::sys::$last_error(self.raw.as_ptr())) }
            }

            /// Makes every call on the context record itself in `stats`
            /// (`None` detaches); the context keeps a clone of the handle
            /// while attached.
            pub fn attach_stats(&mut self, stats: Option<&crate::Stats>) -> crate::Result<()> {
                // SAFETY: live handle, ours alone; the stats handle lives at
                // least as long as the clone we keep.
                let attach = |raw| unsafe { crate::sys::$attach(self.raw.as_ptr(), raw) };
                self.stats = crate::Stats::attach_with(stats, attach, || self.message())?;
                Ok(())
            }
        }

        impl Drop for $name {
            fn drop(&mut self) {
                // SAFETY: we own the handle; the stats clone is dropped after
                // it.
                unsafe { crate::sys::$destroy(self.raw.as_ptr()) }
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(stringify!($name)).field("stats", &self.stats.is_some()).finish()
            }
        }
    };
}

macro_rules! c_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $value:path,)+ }) => {
        $(#[$meta])*
        #[non_exhaustive]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in the C API's order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The C API's number.
            pub const fn code(self) -> i32 {
                match self {
                    $($name::$variant => $value as i32,)+
                }
            }

            /// The value with this C API number, if this crate knows it.
            pub fn from_code(code: i32) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}

mod bars;
mod buffer;
mod chart;
mod column;
mod error;
#[cfg(feature = "image")]
mod image;
mod indicators;
mod options;
mod renderer;
mod series;
mod stats;

pub use bars::{
    BarContext, BarMethod, BarOptions, BarOutput, Bars, BoxSize, DEFAULT_MAX_BAR_ROWS, EmptyBars,
};
pub use buffer::Buffer;
pub use chart::{Band, Chart, ChartData, FrameInfo, Line, Panel, RawChartData};
pub use column::{Column, Element};
pub use error::{Error, Result, Status};
pub use indicators::{
    Indicator, IndicatorContext, IndicatorInfo, IndicatorStream, MaType, Param, indicator_count,
};
pub use options::{ChartOptions, ChartType, Color, Format, PngPreset, Theme};
pub use renderer::{RenderJob, Renderer, RendererInfo, RendererOptions};
pub use series::{Ohlcv, Ticks};
pub use stats::{KindStats, Sample, SimdTarget, Snapshot, Stats, StatsKind, StatsOptions};

/// The version of the C header these bindings were generated from,
/// `MAJOR * 1_000_000 + MINOR * 1_000 + PATCH`.
pub const HEADER_VERSION: u32 = sys::CW_VERSION_NUMBER;

/// The version of the library loaded at run time, encoded as
/// [`HEADER_VERSION`]; a different major version means a different ABI.
pub fn version() -> u32 {
    // SAFETY: thread-safe, no arguments.
    unsafe { sys::cw_version() }
}

/// The loaded library's version as "MAJOR.MINOR.PATCH".
pub fn version_string() -> &'static str {
    // SAFETY: static storage.
    unsafe { error::static_str(sys::cw_version_string()) }.unwrap_or("")
}
