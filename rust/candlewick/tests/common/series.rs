//! tests/test_support.cc's Series and MakeSeries, ported: the series both
//! Rust test crates draw (this crate's tests through `common`; the
//! candlewick-tests crate, which compares with the C++ reference, includes
//! this file by path, so both use the very series the C tests use).

/// Columns owned by a test (the C tests' `Series`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Series {
    pub time: Vec<i64>,
    pub open: Vec<f64>,
    pub high: Vec<f64>,
    pub low: Vec<f64>,
    pub close: Vec<f64>,
    pub volume: Vec<f64>,
}

impl Series {
    /// The safe view, with volume when the series has one.
    pub fn view(&self) -> candlewick::Ohlcv<'_> {
        let s = candlewick::Ohlcv::new(&self.open, &self.high, &self.low, &self.close)
            .with_time(&self.time);
        if self.volume.is_empty() { s } else { s.with_volume(&self.volume) }
    }
}

/// tests/test_support.cc's MakeSeries, ported: a reproducible random walk
/// in integer arithmetic.
pub fn make_series(n: usize, seed: u32) -> Series {
    let mut s = Series::default();
    let mut state = seed.wrapping_mul(2654435761).wrapping_add(1);
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    let mut price_cents: i64 = 10000;
    for i in 0..n {
        let open = price_cents;
        let close = open + i64::from(next() % 401) - 200;
        let high = open.max(close) + i64::from(next() % 120);
        let low = open.min(close) - i64::from(next() % 120);
        s.time.push(1704153600 + i as i64 * 86400);
        s.open.push(open as f64 / 100.0);
        s.close.push(close as f64 / 100.0);
        s.high.push(high as f64 / 100.0);
        s.low.push(low as f64 / 100.0);
        s.volume.push(f64::from(1000 + next() % 9000));
        price_cents = if close < 1000 { 1000 } else { close };
    }
    s
}
