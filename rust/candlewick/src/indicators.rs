//! Technical indicators: `Indicator` (by enum or by name), computed over
//! borrowed columns by an `IndicatorContext`, or bar by bar by an
//! `IndicatorStream`.

use std::ffi::CString;
use std::fmt;
use std::ptr::{self, NonNull};
use std::str::FromStr;

use candlewick_sys as sys;

use crate::column::raw_columns;
use crate::error::{Status, check, copy_message, created, static_str};
use crate::{Column, Error, Result};

c_enum! {
    /// An indicator (`CW_IND_*`), with TA-Lib's definitions and defaults;
    /// `docs/indicators.md` in the repository gives each one's formula,
    /// parameters and lookback. [`Indicator::from_name`] (or `str::parse`)
    /// finds one by its lower-case name; [`Indicator::info`] describes its
    /// inputs, parameters and outputs, in the order `compute` takes them.
    Indicator {
        /// Simple moving average (period 30).
        Sma = sys::CW_IND_SMA,
        /// Exponential MA (period 30, seed 0: SMA seed; 1: first value).
        Ema = sys::CW_IND_EMA,
        /// Linearly weighted MA (period 30).
        Wma = sys::CW_IND_WMA,
        /// Double EMA (period 30).
        Dema = sys::CW_IND_DEMA,
        /// Triple EMA (period 30).
        Tema = sys::CW_IND_TEMA,
        /// Triangular MA (period 30).
        Trima = sys::CW_IND_TRIMA,
        /// Relative strength index (period 14).
        Rsi = sys::CW_IND_RSI,
        /// MACD (fast 12, slow 26, signal 9) -> macd, signal, hist.
        Macd = sys::CW_IND_MACD,
        /// Bollinger bands (period 20, nbdevup 2, nbdevdn 2, matype 0) -> upper, middle, lower.
        Bbands = sys::CW_IND_BBANDS,
        /// Population standard deviation (5, nbdev 1; sample 0, 1 for the sample deviation).
        Stddev = sys::CW_IND_STDDEV,
        /// Population variance (period 5, nbdev 1 ignored as TA-Lib; sample 0, 1 for the sample variance).
        Var = sys::CW_IND_VAR,
        /// True range.
        Trange = sys::CW_IND_TRANGE,
        /// Average true range (period 14).
        Atr = sys::CW_IND_ATR,
        /// Normalised ATR, percent of close (period 14).
        Natr = sys::CW_IND_NATR,
        /// Momentum (period 10).
        Mom = sys::CW_IND_MOM,
        /// Rate of change, percent (period 10).
        Roc = sys::CW_IND_ROC,
        /// Williams' %R (period 14).
        Willr = sys::CW_IND_WILLR,
        /// Stochastic (5, 3, SMA, 3, SMA) -> slowk, slowd.
        Stoch = sys::CW_IND_STOCH,
        /// Fast stochastic (5, 3, SMA) -> fastk, fastd.
        Stochf = sys::CW_IND_STOCHF,
        /// Commodity channel index (period 14).
        Cci = sys::CW_IND_CCI,
        /// On-balance volume.
        Obv = sys::CW_IND_OBV,
        /// Chaikin accumulation/distribution line.
        Ad = sys::CW_IND_AD,
        /// +DI (period 14).
        PlusDi = sys::CW_IND_PLUS_DI,
        /// -DI (period 14).
        MinusDi = sys::CW_IND_MINUS_DI,
        /// Directional movement index (period 14).
        Dx = sys::CW_IND_DX,
        /// Average directional index (period 14).
        Adx = sys::CW_IND_ADX,
        /// ADX rating (period 14).
        Adxr = sys::CW_IND_ADXR,
        /// Aroon (period 14) -> down, up.
        Aroon = sys::CW_IND_AROON,
        /// Aroon oscillator (period 14).
        Aroonosc = sys::CW_IND_AROONOSC,
        /// (highest high + lowest low) / 2 (period 14).
        Midprice = sys::CW_IND_MIDPRICE,
        /// (max + min) / 2 of one column (period 14).
        Midpoint = sys::CW_IND_MIDPOINT,
        /// (high + low) / 2.
        Medprice = sys::CW_IND_MEDPRICE,
        /// (high + low + close) / 3.
        Typprice = sys::CW_IND_TYPPRICE,
        /// (high + low + 2 close) / 4.
        Wclprice = sys::CW_IND_WCLPRICE,
        /// (open + high + low + close) / 4.
        Avgprice = sys::CW_IND_AVGPRICE,
        /// Rolling maximum (period 30).
        Max = sys::CW_IND_MAX,
        /// Rolling minimum (period 30).
        Min = sys::CW_IND_MIN,
        /// Rolling sum (period 30).
        Sum = sys::CW_IND_SUM,
        /// Kaufman adaptive MA (period 30).
        Kama = sys::CW_IND_KAMA,
        /// Chande momentum oscillator (period 14).
        Cmo = sys::CW_IND_CMO,
        /// Money flow index (period 14).
        Mfi = sys::CW_IND_MFI,
        /// Absolute price oscillator (12, 26, matype 1).
        Apo = sys::CW_IND_APO,
        /// Percentage price oscillator (12, 26, matype 1).
        Ppo = sys::CW_IND_PPO,
        /// 1-bar ROC of a triple EMA, percent (period 30).
        Trix = sys::CW_IND_TRIX,
        /// Balance of power.
        Bop = sys::CW_IND_BOP,
        /// (x - prev) / prev (period 10).
        Rocp = sys::CW_IND_ROCP,
        /// X / prev (period 10).
        Rocr = sys::CW_IND_ROCR,
        /// X / prev * 100 (period 10).
        Rocr100 = sys::CW_IND_ROCR100,
        /// Hull MA (period 9).
        Hma = sys::CW_IND_HMA,
        /// Volume-weighted MA (period 20); input, volume.
        Vwma = sys::CW_IND_VWMA,
        /// Stochastic RSI (14, fastk 5, fastd 3, SMA) -> fastk, fastd.
        Stochrsi = sys::CW_IND_STOCHRSI,
        /// Ultimate oscillator (7, 14, 28).
        Ultosc = sys::CW_IND_ULTOSC,
        /// Parabolic SAR (acceleration 0.02, maximum 0.2); high, low.
        Sar = sys::CW_IND_SAR,
        /// Linear regression, value at the newest bar (14).
        Linearreg = sys::CW_IND_LINEARREG,
        /// Its slope per bar (14).
        LinearregSlope = sys::CW_IND_LINEARREG_SLOPE,
        /// Its value at the oldest bar (14).
        LinearregIntercept = sys::CW_IND_LINEARREG_INTERCEPT,
        /// Atan(slope) in degrees (14).
        LinearregAngle = sys::CW_IND_LINEARREG_ANGLE,
        /// Time series forecast: the line one bar ahead (14).
        Tsf = sys::CW_IND_TSF,
        /// Chaikin A/D oscillator (fast 3, slow 10).
        Adosc = sys::CW_IND_ADOSC,
        /// Cumulative VWAP of the typical price; high, low, close, volume.
        Vwap = sys::CW_IND_VWAP,
        /// Anchored VWAP: as VWAP plus an "anchor" column, restarting at every row whose anchor is != 0.
        Avwap = sys::CW_IND_AVWAP,
        /// Chaikin money flow (period 20).
        Cmf = sys::CW_IND_CMF,
        /// Keltner channels (EMA 20 of typical price, +-2 x ATR 10) -> upper, middle, lower.
        Keltner = sys::CW_IND_KELTNER,
        /// Donchian channels (20) -> upper, middle, lower.
        Donchian = sys::CW_IND_DONCHIAN,
        /// Ichimoku (9, 26, 52) -> tenkan, kijun, senkou_a, senkou_b, each at the row it is computed from (draw senkou 26 rows later).
        Ichimoku = sys::CW_IND_ICHIMOKU,
        /// Supertrend (ATR 10, multiplier 3) -> value, direction (+1 up, -1 down).
        Supertrend = sys::CW_IND_SUPERTREND,
        /// Elder ray (EMA 13) -> bull, bear.
        ElderRay = sys::CW_IND_ELDER_RAY,
        /// True strength index (long 25, short 13).
        Tsi = sys::CW_IND_TSI,
        /// Classic floor pivots of the previous bar -> p, r1, r2, r3, s1, s2, s3.
        Pivots = sys::CW_IND_PIVOTS,
    }
}

/// The number of indicators the loaded library has (ids 1..=count).
pub fn indicator_count() -> usize {
    // SAFETY: thread-safe, no arguments.
    usize::try_from(unsafe { sys::cw_indicator_count() }).unwrap_or(0)
}

/// Moving-average kinds for `matype` parameters (TA-Lib's numbering).
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MaType {
    /// Simple.
    Sma,
    /// Exponential.
    Ema,
    /// Weighted.
    Wma,
    /// Double exponential.
    Dema,
    /// Triple exponential.
    Tema,
    /// Triangular.
    Trima,
}

impl MaType {
    /// The value to pass as a `matype` parameter.
    pub fn param(self) -> f64 {
        f64::from(match self {
            MaType::Sma => sys::CW_MA_SMA,
            MaType::Ema => sys::CW_MA_EMA,
            MaType::Wma => sys::CW_MA_WMA,
            MaType::Dema => sys::CW_MA_DEMA,
            MaType::Tema => sys::CW_MA_TEMA,
            MaType::Trima => sys::CW_MA_TRIMA,
        })
    }
}

/// One parameter of an indicator.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// "period", "nbdevup", "matype", ...
    pub name: &'static str,
    /// TA-Lib's default, used when a call passes fewer parameters.
    pub default: f64,
    /// Inclusive lower bound.
    pub min: f64,
    /// Inclusive upper bound.
    pub max: f64,
    /// Whether the value must be a whole number.
    pub integer: bool,
}

/// What an indicator takes and gives, in the order calls use.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorInfo {
    /// The lower-case name ("bbands").
    pub name: &'static str,
    /// The title ("Bollinger Bands").
    pub title: &'static str,
    /// Input columns: "input" (any one column) or "open", "high", "low",
    /// "close", "volume", ...
    pub inputs: Vec<&'static str>,
    /// Parameters.
    pub params: Vec<Param>,
    /// Outputs: "value", or "upper"/"middle"/"lower", ...
    pub outputs: Vec<&'static str>,
}

impl Indicator {
    /// The stable C id (`CW_IND_*`).
    pub const fn id(self) -> i32 {
        self.code()
    }

    /// The indicator with this id, if this crate knows it.
    pub fn from_id(id: i32) -> Option<Indicator> {
        Indicator::from_code(id)
    }

    /// Looks an indicator up by its lower-case name (`cw_indicator_find`).
    ///
    /// Errors: [`Status::InvalidArgument`] for an unknown name (or one the
    /// library has but this crate does not know yet).
    pub fn from_name(name: &str) -> Result<Indicator> {
        let unknown =
            || Error::new(Status::InvalidArgument, format!("no indicator named {name:?}"));
        let c_name = CString::new(name).map_err(|_| unknown())?;
        let mut id = 0;
        // SAFETY: thread-safe; name is a C string; out is ours.
        let status = unsafe { sys::cw_indicator_find(c_name.as_ptr(), &mut id) };
        check(status, || format!("no indicator named {name:?}"))?;
        Indicator::from_id(id).ok_or_else(|| {
            Error::new(
                Status::InvalidArgument,
                format!("indicator {name:?} (id {id}) is newer than this version of the candlewick crate"),
            )
        })
    }

    fn raw_info(self) -> sys::cw_indicator_info {
        let mut info = sys::cw_indicator_info {
            struct_size: std::mem::size_of::<sys::cw_indicator_info>(),
            ..Default::default()
        };
        // SAFETY: thread-safe; info is ours with its size set. Every
        // variant is an id the library has (checked by the crate's tests),
        // so it cannot fail.
        unsafe { sys::cw_indicator_get_info(self.id(), &mut info) };
        info
    }

    /// The lower-case name ("sma").
    pub fn name(self) -> &'static str {
        // SAFETY: static storage.
        unsafe { static_str(self.raw_info().name) }.unwrap_or("")
    }

    /// Inputs, parameters and outputs.
    pub fn info(self) -> IndicatorInfo {
        let raw = self.raw_info();
        let id = self.id();
        // SAFETY (all three): thread-safe; static storage or NULL.
        let inputs = (0..raw.input_count)
            .map(|i| unsafe { static_str(sys::cw_indicator_input_name(id, i)) }.unwrap_or(""))
            .collect();
        let outputs = (0..raw.output_count)
            .map(|i| unsafe { static_str(sys::cw_indicator_output_name(id, i)) }.unwrap_or(""))
            .collect();
        let params = (0..raw.param_count)
            .map(|i| {
                let mut p = sys::cw_indicator_param {
                    struct_size: std::mem::size_of::<sys::cw_indicator_param>(),
                    ..Default::default()
                };
                unsafe { sys::cw_indicator_get_param(id, i, &mut p) };
                Param {
                    name: unsafe { static_str(p.name) }.unwrap_or(""),
                    default: p.default_value,
                    min: p.min_value,
                    max: p.max_value,
                    integer: p.is_integer != 0,
                }
            })
            .collect();
        IndicatorInfo {
            // SAFETY: static storage.
            name: unsafe { static_str(raw.name) }.unwrap_or(""),
            title: unsafe { static_str(raw.title) }.unwrap_or(""),
            inputs,
            params,
            outputs,
        }
    }

    /// The index of the first defined output for these parameters (fewer
    /// than the indicator has: the rest at their defaults).
    ///
    /// Errors: [`Status::InvalidArgument`] for too many parameters or one
    /// that is not finite, out of range or not whole where it must be.
    pub fn lookback(self, params: &[f64]) -> Result<usize> {
        let mut out = 0;
        // SAFETY: thread-safe; params is valid for its length; out is ours.
        let status = unsafe {
            sys::cw_indicator_lookback(self.id(), params.as_ptr(), params.len(), &mut out)
        };
        check(status, || bad_params(self, params))?;
        Ok(out)
    }

    /// Whether an [`IndicatorStream`] can compute it.
    pub fn streamable(self) -> bool {
        // SAFETY: thread-safe.
        unsafe { sys::cw_indicator_stream_supported(self.id()) != 0 }
    }
}

fn bad_params(indicator: Indicator, params: &[f64]) -> String {
    let info = indicator.info();
    let names: Vec<String> = info
        .params
        .iter()
        .map(|p| {
            format!("{} in [{}, {}]{}", p.name, p.min, p.max, if p.integer { " whole" } else { "" })
        })
        .collect();
    format!("{}: bad parameters {params:?}; it takes at most: {}", info.name, names.join(", "))
}

impl FromStr for Indicator {
    type Err = Error;

    fn from_str(name: &str) -> Result<Indicator> {
        Indicator::from_name(name)
    }
}

impl fmt::Display for Indicator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The rows a computation may write into `outputs`: the shortest output,
/// or the first input's length when there are no outputs.
fn capacity(outputs: &[&mut [f64]], inputs: &[Column<'_, f64>]) -> usize {
    outputs.iter().map(|o| o.len()).min().unwrap_or_else(|| inputs.first().map_or(0, Column::len))
}

/// Pointers to the caller's output slices, on the stack for up to 16.
fn output_pointers<R>(outputs: &mut [&mut [f64]], f: impl FnOnce(&[*mut f64]) -> R) -> R {
    let mut stack = [ptr::null_mut::<f64>(); 16];
    if outputs.len() <= stack.len() {
        for (slot, out) in stack.iter_mut().zip(outputs.iter_mut()) {
            *slot = out.as_mut_ptr();
        }
        f(&stack[..outputs.len()])
    } else {
        let heap: Vec<*mut f64> = outputs.iter_mut().map(|o| o.as_mut_ptr()).collect();
        f(&heap)
    }
}

context_handle! {
    /// Per-thread state for computing indicators (`cw_indicator_context`):
    /// scratch memory reused from call to call (so steady-state calls do not
    /// allocate) and the last error.
    ///
    /// Threads: one thread at a time per context, which may move between
    /// threads: `Send`, not `Sync`, and computing takes `&mut self`. Make one
    /// per thread.
    ///
    /// Inputs are borrowed [`Column`]s, read in place, contiguous or strided;
    /// outputs are your `&mut [f64]` slices, each at least as long as the input.
    /// The borrow checker guarantees outputs never overlap inputs or each other.
    ///
    /// ```
    /// use candlewick::{Column, Indicator, IndicatorContext};
    ///
    /// # fn main() -> candlewick::Result<()> {
    /// let close: Vec<f64> = (0..50).map(|i| 100.0 + (i as f64 * 0.3).sin()).collect();
    /// let mut rsi = vec![0.0; close.len()];
    /// let mut ctx = IndicatorContext::new()?;
    /// ctx.compute(Indicator::Rsi, &[Column::new(&close)], &[14.0], &mut [&mut rsi])?;
    /// assert!(rsi[13].is_nan() && rsi[14].is_finite());  // lookback 14
    ///
    /// let bbands = ctx.compute_to_vec("bbands".parse()?, &[Column::new(&close)], &[20.0])?;
    /// assert_eq!(bbands.len(), 3);  // upper, middle, lower
    /// # Ok(())
    /// # }
    /// ```
    IndicatorContext(cw_indicator_context) {
        create: cw_indicator_context_create,
        last_error: cw_indicator_context_last_error,
        attach_stats: cw_indicator_context_attach_stats,
        destroy: cw_indicator_context_destroy,
        what: "an indicator context",
    }
}

impl IndicatorContext {
    /// Computes `indicator` over `inputs` (exactly its input columns, in
    /// [`IndicatorInfo::inputs`] order, of one length n) with `params` (at
    /// most its parameter count; the rest take their defaults) into
    /// `outputs` (at most its output count, in order; each at least n long;
    /// only the first n elements are written). Element i of an output
    /// belongs to row i; rows before the lookback are NaN.
    ///
    /// Errors: [`Status::InvalidArgument`] (wrong number of inputs, too many
    /// outputs, a bad parameter), [`Status::LengthMismatch`],
    /// [`Status::EmptySeries`], [`Status::SeriesTooShort`] (fewer rows than
    /// a period), [`Status::BufferTooSmall`] (an output shorter than n),
    /// [`Status::InconsistentOhlc`], [`Status::NegativeVolume`]. The message
    /// names the column, row or parameter.
    pub fn compute(
        &mut self,
        indicator: Indicator,
        inputs: &[Column<'_, f64>],
        params: &[f64],
        outputs: &mut [&mut [f64]],
    ) -> Result<()> {
        let capacity = capacity(outputs, inputs);
        let status = output_pointers(outputs, |pointers| {
            // SAFETY: the context is live and ours alone; inputs are valid
            // column borrows with the C layout; params is valid for its
            // length; each output pointer has room for `capacity` doubles
            // and the library writes at most that many (it checks n <=
            // capacity first).
            unsafe {
                sys::cw_indicator_compute(
                    self.raw.as_ptr(),
                    indicator.id(),
                    raw_columns(inputs),
                    inputs.len(),
                    params.as_ptr(),
                    params.len(),
                    pointers.as_ptr(),
                    pointers.len(),
                    capacity,
                )
            }
        });
        check(status, || self.message())
    }

    /// [`compute`](Self::compute) into new vectors, one per output.
    pub fn compute_to_vec(
        &mut self,
        indicator: Indicator,
        inputs: &[Column<'_, f64>],
        params: &[f64],
    ) -> Result<Vec<Vec<f64>>> {
        let n = inputs.first().map_or(0, Column::len);
        let mut outputs = vec![vec![0.0; n]; indicator.info().outputs.len()];
        let mut slices: Vec<&mut [f64]> = outputs.iter_mut().map(Vec::as_mut_slice).collect();
        self.compute(indicator, inputs, params, &mut slices)?;
        Ok(outputs)
    }

    /// Computes `indicator` over many independent series in one call, each
    /// exactly as [`compute`](Self::compute) would (bit for bit). `inputs`
    /// holds each series' input columns in turn (series s:
    /// `inputs[s * k..(s + 1) * k]` for the indicator's k inputs) and
    /// `outputs` each series' outputs in turn (the same number per series).
    /// Series may differ in length.
    ///
    /// Stops at the first series that fails: the error's
    /// [`failed_series`](Error::failed_series) gives its index; earlier
    /// series hold their results.
    pub fn compute_batch(
        &mut self,
        indicator: Indicator,
        inputs: &[Column<'_, f64>],
        params: &[f64],
        outputs: &mut [&mut [f64]],
    ) -> Result<()> {
        let per_series = indicator.info().inputs.len().max(1);
        if !inputs.len().is_multiple_of(per_series) {
            return Err(Error::new(
                Status::InvalidArgument,
                format!(
                    "{}: {} input columns are not a whole number of series of {per_series}",
                    indicator,
                    inputs.len()
                ),
            ));
        }
        let series = inputs.len() / per_series;
        let outputs_per_series = outputs.len().checked_div(series).unwrap_or(0);
        if outputs_per_series * series != outputs.len() {
            return Err(Error::new(
                Status::InvalidArgument,
                format!(
                    "{}: {} outputs cannot be split evenly among {series} series",
                    indicator,
                    outputs.len()
                ),
            ));
        }
        let capacities: Vec<usize> = (0..series)
            .map(|s| {
                capacity(
                    &outputs[s * outputs_per_series..(s + 1) * outputs_per_series],
                    &inputs[s * per_series..],
                )
            })
            .collect();
        let pointers: Vec<*mut f64> = outputs.iter_mut().map(|o| o.as_mut_ptr()).collect();
        let mut failed = 0usize;
        // SAFETY: as compute, per series: output pointer s*j has room for
        // capacities[s] doubles.
        let status = unsafe {
            sys::cw_indicator_compute_batch(
                self.raw.as_ptr(),
                indicator.id(),
                raw_columns(inputs),
                per_series,
                series,
                params.as_ptr(),
                params.len(),
                pointers.as_ptr(),
                outputs_per_series,
                capacities.as_ptr(),
                &mut failed,
            )
        };
        check(status, || self.message()).map_err(|e| e.with_series(failed))
    }
}

/// One indicator computed incrementally for a live feed
/// (`cw_indicator_stream`): each push takes the newest bar and gives that
/// bar's outputs, equal to what [`IndicatorContext::compute`] gives at that
/// row of the whole series so far. All memory is allocated at creation;
/// pushes never allocate.
///
/// Threads: one at a time per stream, which may move: `Send`, not `Sync`.
///
/// ```
/// use candlewick::{Indicator, IndicatorStream};
///
/// # fn main() -> candlewick::Result<()> {
/// let mut sma = IndicatorStream::new(Indicator::Sma, &[3.0])?;
/// let outs: Vec<f64> = [1.0, 2.0, 3.0, 4.0].iter().map(|&x| sma.push_value(x)).collect::<Result<_, _>>()?;
/// assert!(outs[1].is_nan());
/// assert_eq!(&outs[2..], [2.0, 3.0]);
/// # Ok(())
/// # }
/// ```
pub struct IndicatorStream {
    raw: NonNull<sys::cw_indicator_stream>,
    indicator: Indicator,
}

// SAFETY: one thread at a time per stream; it may move between threads.
unsafe impl Send for IndicatorStream {}

impl IndicatorStream {
    /// A stream of `indicator` with `params` (the rest at their defaults).
    ///
    /// Errors: [`Status::InvalidArgument`] for an indicator that cannot be
    /// streamed (see [`Indicator::streamable`]) or a bad parameter.
    pub fn new(indicator: Indicator, params: &[f64]) -> Result<IndicatorStream> {
        let mut raw = ptr::null_mut();
        // SAFETY: thread-safe; params valid for its length; out is ours.
        let status = unsafe {
            sys::cw_indicator_stream_create(
                ptr::null(),
                indicator.id(),
                params.as_ptr(),
                params.len(),
                &mut raw,
            )
        };
        let raw = created(status, raw, "cw_indicator_stream_create", || {
            if indicator.streamable() {
                bad_params(indicator, params)
            } else {
                format!("{indicator} cannot be streamed")
            }
        })?;
        Ok(IndicatorStream { raw, indicator })
    }

    fn message(&self) -> String {
        // SAFETY: live handle; copied before the next call.
        unsafe { copy_message(sys::cw_indicator_stream_last_error(self.raw.as_ptr())) }
    }

    /// The indicator it computes.
    pub fn indicator(&self) -> Indicator {
        self.indicator
    }

    /// Takes one bar (`bar[k]` is input column k's value) and writes its
    /// outputs to `outputs` (at most the output count; fewer: the trailing
    /// ones are not wanted). A non-finite bar gives NaN and restarts the
    /// stream.
    ///
    /// Errors: [`Status::InvalidArgument`] (wrong number of inputs, too many
    /// outputs), [`Status::InconsistentOhlc`], [`Status::NegativeVolume`];
    /// the stream is then unchanged.
    pub fn push(&mut self, bar: &[f64], outputs: &mut [f64]) -> Result<()> {
        // SAFETY: live handle, ours alone; bar and outputs valid for their
        // lengths.
        let status = unsafe {
            sys::cw_indicator_stream_push(
                self.raw.as_ptr(),
                bar.as_ptr(),
                bar.len(),
                outputs.as_mut_ptr(),
                outputs.len(),
            )
        };
        check(status, || self.message())
    }

    /// [`push`](Self::push) for a one-input indicator, giving its first
    /// output.
    pub fn push_value(&mut self, value: f64) -> Result<f64> {
        let mut out = [f64::NAN];
        self.push(&[value], &mut out)?;
        Ok(out[0])
    }

    /// Forgets every bar pushed (keeps the memory).
    pub fn reset(&mut self) {
        // SAFETY: live handle, ours alone; cannot fail with one.
        unsafe { sys::cw_indicator_stream_reset(self.raw.as_ptr()) };
    }

    /// The index of the first bar (since creation, a reset or a non-finite
    /// bar) whose outputs are defined.
    pub fn lookback(&self) -> usize {
        // SAFETY: live handle.
        unsafe { sys::cw_indicator_stream_lookback(self.raw.as_ptr()) }
    }
}

impl Drop for IndicatorStream {
    fn drop(&mut self) {
        // SAFETY: we own the handle.
        unsafe { sys::cw_indicator_stream_destroy(self.raw.as_ptr()) }
    }
}

impl fmt::Debug for IndicatorStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IndicatorStream").field("indicator", &self.indicator).finish()
    }
}
