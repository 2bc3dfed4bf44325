//! The crate's own tests' series: the C tests' MakeSeries (series.rs, which
//! the candlewick-tests crate shares).

#![allow(dead_code)]

mod series;

pub use series::{Series, make_series};

/// A reproducible random walk of `n` rows (MakeSeries with seed 1).
pub fn series(n: usize) -> Series {
    make_series(n, 1)
}
