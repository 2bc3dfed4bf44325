//! Shared pieces of the tests that compare the safe crate with C++ results
//! computed in the same run (c/reference.cc): the reference's entry points,
//! and Rust ports of the C golden test's series generator and cases, built
//! with the safe API only.

use std::ffi::{CStr, c_char};
use std::path::PathBuf;

use candlewick::{
    Band, Chart, ChartData, ChartOptions, ChartType, Color, Column, Format, Indicator,
    IndicatorContext, Line, Panel, Theme,
};
use candlewick_sys as sys;

/// The C++ reference (c/reference.cc).
pub mod c {
    use super::*;

    unsafe extern "C" {
        pub fn cwref_golden_count() -> usize;
        pub fn cwref_golden_case(
            i: usize,
            name: *mut c_char,
            name_size: usize,
            options: *mut sys::cw_chart_options,
            candles: *mut usize,
            seed: *mut u32,
            data: *mut i32,
        ) -> i32;
        pub fn cwref_golden_series(
            i: usize,
            capacity: usize,
            time: *mut i64,
            open: *mut f64,
            high: *mut f64,
            low: *mut f64,
            close: *mut f64,
            volume: *mut f64,
        ) -> usize;
        pub fn cwref_golden_render(
            i: usize,
            format: i32,
            out: *mut *mut u8,
            size: *mut usize,
        ) -> i32;
        pub fn cwref_decode_png_file(
            path: *const c_char,
            rgba: *mut *mut u8,
            size: *mut usize,
            width: *mut u32,
            height: *mut u32,
        ) -> i32;
        pub fn cwref_free(p: *mut core::ffi::c_void);
        pub fn cwref_indicator(
            id: i32,
            streamed: bool,
            n: usize,
            seed: u32,
            params: *const f64,
            param_count: usize,
            outputs: *const *mut f64,
            output_count: usize,
        ) -> i32;
        pub fn cwref_bars(
            n: usize,
            seed: u32,
            options: *const sys::cw_bar_options,
            capacity: usize,
            time: *mut i64,
            open: *mut f64,
            high: *mut f64,
            low: *mut f64,
            close: *mut f64,
            volume: *mut f64,
            row: *mut i64,
            count: *mut usize,
        ) -> i32;
    }

    /// Takes a malloc'ed block from the reference.
    ///
    /// # Safety
    /// `data` holds `size` bytes from the reference's malloc.
    pub unsafe fn take(data: *mut u8, size: usize) -> Vec<u8> {
        // SAFETY: per the caller.
        let bytes = unsafe { std::slice::from_raw_parts(data, size) }.to_vec();
        // SAFETY: allocated by the reference.
        unsafe { cwref_free(data.cast()) };
        bytes
    }
}

// The C tests' Series and MakeSeries, ported once for both Rust test crates.
#[path = "../../candlewick/tests/common/series.rs"]
mod series;
pub use series::{Series, make_series};

pub mod synthetic;

/// Defines `GoldenData` with its kinds in the C enum's order, and
/// `GoldenData::from_c`, the kind of a C enumerator's value.
macro_rules! golden_data {
    ($(#[$doc:meta])* $($kind:ident),+ $(,)?) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum GoldenData {
            $($kind),+
        }

        impl GoldenData {
            pub fn from_c(value: i32) -> GoldenData {
                [$(GoldenData::$kind),+][usize::try_from(value).expect("a GoldenData value")]
            }
        }
    };
}

golden_data! {
    /// The C golden cases' kinds of data (tests/golden_cases.h's GoldenData).
    Plain,
    Extras,
    Flat,
    Single,
    Gappy,
    IntradayNy,
    MinuteSession,
    CryptoHourly,
    Daily3m,
    Weekly10y,
    Daily3mBare,
}

impl GoldenData {
    /// tests/golden_cases.cc's GoldenSeries: the synthetic kinds' own
    /// series, else `make_series(candles, seed)` (one candle for `Single`).
    pub fn series(self, candles: usize, seed: u32) -> Series {
        use GoldenData::*;
        match self {
            IntradayNy => synthetic::intraday_new_york(),
            MinuteSession => synthetic::minute_session(),
            CryptoHourly => synthetic::crypto_hourly(),
            Daily3m | Daily3mBare => synthetic::daily_three_months(),
            Weekly10y => synthetic::weekly_ten_years(),
            Single => make_series(1, seed),
            Plain | Extras | Flat | Gappy => make_series(candles, seed),
        }
    }
}

/// One golden chart.
#[derive(Debug, Clone)]
pub struct GoldenCase {
    pub name: String,
    pub options: ChartOptions<'static>,
    pub candles: usize,
    pub seed: u32,
    pub data: GoldenData,
}

fn case(
    name: &str,
    options: ChartOptions<'static>,
    candles: usize,
    seed: u32,
    data: GoldenData,
) -> GoldenCase {
    GoldenCase { name: name.to_owned(), options, candles, seed, data }
}

fn options(width: u32, height: u32, chart_type: ChartType, theme: Theme) -> ChartOptions<'static> {
    ChartOptions::new().size(width, height).chart_type(chart_type).theme(theme)
}

/// tests/golden_cases.cc's GoldenCases(), written with the safe builder.
pub fn golden_cases() -> Vec<GoldenCase> {
    use ChartType::*;
    use GoldenData::*;
    let types = [
        ("candlestick", Candlestick),
        ("hollow", Hollow),
        ("ohlc", Ohlc),
        ("line", Line),
        ("area", Area),
        ("heikin-ashi", HeikinAshi),
        ("renko", Renko),
        ("point-figure", PointFigure),
    ];
    let themes = [
        ("classic", Theme::Classic),
        ("modern", Theme::Modern),
        ("tradingview", Theme::TradingView),
        ("light", Theme::Light),
    ];
    let mut cases = Vec::new();
    for (type_name, chart_type) in types {
        for (theme_name, theme) in themes {
            cases.push(case(
                &format!("{type_name}_{theme_name}"),
                options(320, 200, chart_type, theme),
                60,
                2024,
                Plain,
            ));
        }
    }
    let bare = options(257, 131, Candlestick, Theme::Classic).volume(false).grid(false);
    cases.push(case("candles_no_volume_no_grid", bare, 37, 99, Plain));
    let dense = options(200, 100, Candlestick, Theme::Classic)
        .background(Color(0xFAF0E6FF))
        .grid_color(Color(0xD3D3D3FF))
        .up_color(Color(0x1E90FFFF))
        .down_color(Color(0xFF8C00FF));
    cases.push(case("candles_dense_custom", dense, 400, 7, Plain));
    let axes = options(480, 300, Candlestick, Theme::TradingView).axes(true);
    cases.push(case("axes_tradingview", axes.clone(), 80, 5, Extras));
    cases.push(case(
        "axes_antialiased_light",
        axes.theme(Theme::Light).antialias(true),
        80,
        5,
        Extras,
    ));
    cases.push(case(
        "line_antialiased_modern",
        options(320, 200, Line, Theme::Modern).antialias(true),
        60,
        2024,
        Extras,
    ));
    cases.push(case(
        "pnf_antialiased_classic",
        options(320, 200, PointFigure, Theme::Classic).antialias(true),
        120,
        11,
        Plain,
    ));
    cases.push(case(
        "extras_classic",
        options(320, 240, Candlestick, Theme::Classic),
        90,
        8,
        Extras,
    ));
    cases.push(case(
        "flat_modern_axes",
        options(200, 120, Candlestick, Theme::Modern).axes(true),
        20,
        1,
        Flat,
    ));
    cases.push(case("single_light", options(120, 80, Candlestick, Theme::Light), 1, 3, Single));
    cases.push(case(
        "gaps_tradingview",
        options(320, 200, Candlestick, Theme::TradingView),
        60,
        4,
        Gappy,
    ));
    // The time axis on the kinds of data it must label (with axes, legend
    // and panels): in light and dark themes, crisp, one antialiased.
    let ny = Some("America/New_York");
    for (name, data, theme, zone) in [
        ("time_intraday_ny_light", IntradayNy, Theme::Light, ny),
        ("time_minute_session_tradingview", MinuteSession, Theme::TradingView, ny),
        ("time_crypto_hourly_modern", CryptoHourly, Theme::Modern, None),
        ("time_daily_3m_light", Daily3m, Theme::Light, None),
        ("time_weekly_10y_classic", Weekly10y, Theme::Classic, None),
    ] {
        let options = options(560, 360, Candlestick, theme).axes(true);
        let options = match zone {
            Some(zone) => options.time_zone(zone),
            None => options,
        };
        cases.push(case(name, options, 0, 0, data));
    }
    cases.push(case(
        "time_intraday_ny_antialiased_tradingview",
        options(560, 360, Candlestick, Theme::TradingView)
            .axes(true)
            .antialias(true)
            .time_zone("America/New_York"),
        0,
        0,
        IntradayNy,
    ));
    // Every chart type with axes, legend and panels, light and dark (the
    // bricks on the daily series alone).
    for (type_name, chart_type) in types {
        for (theme_name, theme) in [("light", Theme::Light), ("dark", Theme::TradingView)] {
            let bricks = matches!(chart_type, Renko | PointFigure);
            cases.push(case(
                &format!("axes_{type_name}_{theme_name}"),
                options(480, 300, chart_type, theme).axes(true),
                0,
                0,
                if bricks { Daily3mBare } else { Daily3m },
            ));
        }
    }
    cases
}

/// The golden cases' moving average (test data only): NaN until the window
/// fills.
pub fn sma(x: &[f64], period: usize) -> Vec<f64> {
    let mut out = vec![f64::NAN; x.len()];
    let mut sum = 0.0;
    for i in 0..x.len() {
        sum += x[i];
        if i >= period {
            sum -= x[i - period];
        }
        if i + 1 >= period {
            out[i] = sum / period as f64;
        }
    }
    out
}

/// tests/golden_cases.cc's RenderGolden, through the safe API: a tight raw
/// frame for raw formats, else the encoded file.
pub fn render_golden(c: &GoldenCase, format: Format) -> candlewick::Result<Vec<u8>> {
    let mut chart = Chart::new(&c.options)?;
    let mut s = c.data.series(c.candles, c.seed);
    if c.data == GoldenData::Flat {
        for v in [&mut s.open, &mut s.high, &mut s.low, &mut s.close] {
            v.iter_mut().for_each(|x| *x = 50.0);
        }
        s.volume.clear();
    }
    let series = s.view();
    let n = s.close.len();

    let fast = sma(&s.close, 10);
    let slow = sma(&s.close, 30);
    let mid = sma(&s.close, 20);
    let (mut upper, mut lower) = (vec![f64::NAN; n], vec![f64::NAN; n]);
    let (mut osc, mut hist) = (vec![f64::NAN; n], vec![f64::NAN; n]);
    for i in 0..n {
        if mid[i].is_nan() {
            continue;
        }
        let mut var = 0.0;
        for k in i + 1 - 20..=i {
            var += (s.close[k] - mid[i]) * (s.close[k] - mid[i]);
        }
        let sd = (var / 20.0).sqrt();
        upper[i] = mid[i] + 2.0 * sd;
        lower[i] = mid[i] - 2.0 * sd;
        osc[i] = if sd > 0.0 { 50.0 + 25.0 * (s.close[i] - mid[i]) / sd } else { 50.0 };
        hist[i] = s.close[i] - mid[i];
    }
    let mut gappy = fast.clone();
    for v in gappy.iter_mut().take(32.min(n)).skip(25) {
        *v = f64::NAN;
    }
    if gappy.len() > 45 {
        gappy[44] = f64::NAN;
        gappy[46] = f64::NAN;
    }

    let overlays = [Line::new(&fast, Color(0xFFB300FF)), Line::new(&slow, Color(0x42A5F5FF))];
    let gappy_line = [Line::new(&gappy, Color(0xFFB300FF)).width(2.0)];
    let bands = [Band::new(&upper, &lower, Color(0x7E57C240), Color(0x7E57C2FF)).width(1.0)];
    let osc_line = [Line::new(&osc, Color(0xAB47BCFF)).width(1.0)];
    let levels = [30.0, 70.0];
    let panels = [
        Panel::new(0.25).lines(&osc_line).levels(&levels).scale(0.0, 100.0).title(c"OSC 20"),
        Panel::new(0.2).histogram(&hist).title(c"HIST"),
    ];
    // The time-axis series: a named SMA (a band too on the daily series)
    // and one indicator panel, computed by the library (tests/test_support's
    // IndicatorExtras).
    let ind = IndicatorExtras::new(&s.close, c.data)?;
    let sma = [Line::new(&ind.sma[0], Color(0xFFB300FF)).name("SMA 20")];
    let (upper, lower) = (&ind.bbands[0], &ind.bbands[2]);
    let bollinger = [Band::new(upper, lower, Color(0x7E57C240), Color(0x7E57C2FF))
        .width(1.0)
        .name("BBANDS 20 2 2")];
    let rsi_line = [Line::new(&ind.rsi[0], Color(0xAB47BCFF))];
    let macd_lines =
        [Line::new(&ind.macd[0], Color(0x42A5F5FF)), Line::new(&ind.macd[1], Color(0xAB47BCFF))];
    let rsi_panel = [Panel::new(0.25)
        .lines(&rsi_line)
        .levels(&[30.0, 70.0])
        .scale(0.0, 100.0)
        .title(c"RSI 14")];
    let macd_panel = [Panel::new(0.25)
        .lines(&macd_lines)
        .levels(&[0.0])
        .histogram(&ind.macd[2])
        .title(c"MACD 12 26 9")];
    let synth = ChartData::new(&series).overlays(&sma).title(c"SYNTH");

    let data = match c.data {
        GoldenData::Extras => ChartData::new(&series)
            .overlays(&overlays)
            .bands(&bands)
            .panels(&panels)
            .title(c"GOLDEN / USD  1D"),
        GoldenData::Gappy => ChartData::new(&series).overlays(&gappy_line),
        GoldenData::Plain | GoldenData::Flat | GoldenData::Single | GoldenData::Daily3mBare => {
            ChartData::new(&series)
        }
        GoldenData::CryptoHourly => synth.panels(&macd_panel),
        GoldenData::Daily3m => synth.bands(&bollinger).panels(&rsi_panel),
        GoldenData::IntradayNy | GoldenData::MinuteSession | GoldenData::Weekly10y => {
            synth.panels(&rsi_panel)
        }
    };

    match format.bytes_per_pixel() {
        Some(bpp) => {
            let info = chart.frame_info();
            let stride = info.width as usize * bpp;
            let mut frame = vec![0u8; stride * info.height as usize];
            chart.render_frame(&data, format, &mut frame, stride)?;
            Ok(frame)
        }
        None => Ok(chart.render(&data, format)?.to_vec()),
    }
}

/// tests/test_support's IndicatorExtras for the golden cases' synthetic
/// series, over the closes: SMA 20; BBANDS 20 2 2 on the daily series;
/// MACD 12 26 9 on the hourly crypto series, else RSI 14. Each output is
/// all NaN where the case does not draw it.
struct IndicatorExtras {
    sma: Vec<Vec<f64>>,
    bbands: Vec<Vec<f64>>,
    rsi: Vec<Vec<f64>>,
    macd: Vec<Vec<f64>>,
}

impl IndicatorExtras {
    fn new(close: &[f64], data: GoldenData) -> candlewick::Result<Self> {
        use GoldenData::*;
        let synthetic =
            matches!(data, IntradayNy | MinuteSession | CryptoHourly | Daily3m | Weekly10y);
        let mut ctx = IndicatorContext::new()?;
        let mut compute = |indicator: Indicator, params: &[f64], drawn: bool| {
            if synthetic && drawn {
                ctx.compute_to_vec(indicator, &[Column::new(close)], params)
            } else {
                Ok(vec![vec![f64::NAN; close.len()]; indicator.info().outputs.len()])
            }
        };
        Ok(IndicatorExtras {
            sma: compute(Indicator::Sma, &[20.0], true)?,
            bbands: compute(Indicator::Bbands, &[20.0, 2.0, 2.0], data == Daily3m)?,
            rsi: compute(Indicator::Rsi, &[14.0], data != CryptoHourly)?,
            macd: compute(Indicator::Macd, &[12.0, 26.0, 9.0], data == CryptoHourly)?,
        })
    }
}

/// The C golden test's hash of a frame: FNV-1a 64 as 16 hex digits.
pub fn pixel_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 1469598103934665603;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(1099511628211);
    }
    format!("{h:016x}")
}

/// The repository's tests/golden directory.
pub fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden")
}

/// A NUL-terminated name written by the reference.
pub fn c_name(buffer: &[c_char]) -> String {
    // SAFETY: the reference NUL-terminates within the buffer.
    unsafe { CStr::from_ptr(buffer.as_ptr()) }.to_string_lossy().into_owned()
}
