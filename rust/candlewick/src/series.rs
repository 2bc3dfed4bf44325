//! Borrowed price series: `Ohlcv` (bars) and `Ticks` (trades or quotes).

use std::fmt;
use std::marker::PhantomData;

use candlewick_sys as sys;

use crate::Column;

/// One OHLCV series: open, high, low and close columns, and optionally time
/// (Unix seconds, UTC) and volume. Borrowed for `'a`: the library reads the
/// columns in place during each call and keeps nothing.
///
/// The library validates every row when the series is used (equal lengths,
/// finite prices, low <= open, close <= high, volume >= 0) and says which row
/// is at fault; building a series checks nothing and cannot fail.
///
/// ```
/// use candlewick::Ohlcv;
///
/// let open = [10.0, 10.5];
/// let high = [11.0, 11.0];
/// let low = [9.5, 10.0];
/// let close = [10.5, 10.8];
/// let time = [1_700_000_000, 1_700_086_400];
/// let series = Ohlcv::new(&open, &high, &low, &close).with_time(&time).with_volume(&[900.0, 1200.0]);
/// assert_eq!(series.len(), 2);
/// ```
#[derive(Clone, Copy)]
pub struct Ohlcv<'a> {
    raw: sys::cw_ohlcv,
    _borrow: PhantomData<Column<'a, f64>>,
}

// SAFETY: only shared borrows of plain numbers (the columns are Send + Sync).
unsafe impl Send for Ohlcv<'_> {}
// SAFETY: as above.
unsafe impl Sync for Ohlcv<'_> {}

impl<'a> Ohlcv<'a> {
    /// A series of these four price columns, without time or volume.
    pub fn new(
        open: impl Into<Column<'a, f64>>,
        high: impl Into<Column<'a, f64>>,
        low: impl Into<Column<'a, f64>>,
        close: impl Into<Column<'a, f64>>,
    ) -> Self {
        Ohlcv {
            raw: sys::cw_ohlcv {
                time: Column::<i64>::empty().raw(),
                open: open.into().raw(),
                high: high.into().raw(),
                low: low.into().raw(),
                close: close.into().raw(),
                volume: Column::<f64>::empty().raw(),
            },
            _borrow: PhantomData,
        }
    }

    raw_setters! {
        /// With a time column: Unix seconds (UTC), one per row, labelling the
        /// time axis and used by time bars.
        with_time(time: impl Into<Column<'a, i64>>) => time = time.into().raw();

        /// With a volume column (drawn in the volume panel; needed by volume
        /// indicators and volume bars).
        with_volume(volume: impl Into<Column<'a, f64>>) => volume = volume.into().raw();
    }

    /// The rows of the close column (the library checks that the others
    /// match).
    pub fn len(&self) -> usize {
        self.raw.close.length
    }

    /// Whether the series has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The C view (`cw_ohlcv`), for calling `candlewick_sys` directly.
    pub fn as_raw(&self) -> &sys::cw_ohlcv {
        &self.raw
    }
}

impl fmt::Debug for Ohlcv<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ohlcv")
            .field("rows", &self.len())
            .field("time", &(self.raw.time.length != 0))
            .field("volume", &(self.raw.volume.length != 0))
            .finish()
    }
}

/// Ticks: a price per trade or quote, optionally with its time (Unix
/// seconds) and size. Borrowed for `'a`, read in place. Input to
/// [`BarContext::from_ticks`](crate::BarContext::from_ticks).
#[derive(Clone, Copy)]
pub struct Ticks<'a> {
    raw: sys::cw_ticks,
    _borrow: PhantomData<Column<'a, f64>>,
}

// SAFETY: only shared borrows of plain numbers.
unsafe impl Send for Ticks<'_> {}
// SAFETY: as above.
unsafe impl Sync for Ticks<'_> {}

impl<'a> Ticks<'a> {
    /// Ticks of these prices, without time or size.
    pub fn new(price: impl Into<Column<'a, f64>>) -> Self {
        Ticks {
            raw: sys::cw_ticks {
                time: Column::<i64>::empty().raw(),
                price: price.into().raw(),
                size: Column::<f64>::empty().raw(),
            },
            _borrow: PhantomData,
        }
    }

    raw_setters! {
        /// With a time column (needed by time bars).
        with_time(time: impl Into<Column<'a, i64>>) => time = time.into().raw();

        /// With a size column (needed by volume bars).
        with_size(size: impl Into<Column<'a, f64>>) => size = size.into().raw();
    }

    /// The number of ticks.
    pub fn len(&self) -> usize {
        self.raw.price.length
    }

    /// Whether there are no ticks.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The C view (`cw_ticks`).
    pub fn as_raw(&self) -> &sys::cw_ticks {
        &self.raw
    }
}

impl fmt::Debug for Ticks<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ticks").field("rows", &self.len()).finish()
    }
}
