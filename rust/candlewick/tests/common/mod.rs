//! A small deterministic series for the crate's own tests.

#![allow(dead_code)]

pub struct Series {
    pub time: Vec<i64>,
    pub open: Vec<f64>,
    pub high: Vec<f64>,
    pub low: Vec<f64>,
    pub close: Vec<f64>,
    pub volume: Vec<f64>,
}

/// A random walk of `n` rows (integer arithmetic: the same everywhere).
pub fn series(n: usize) -> Series {
    let mut state: u32 = 12345;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    let mut s = Series {
        time: vec![],
        open: vec![],
        high: vec![],
        low: vec![],
        close: vec![],
        volume: vec![],
    };
    let mut price: i64 = 10_000;
    for i in 0..n {
        let open = price;
        let close = open + i64::from(next() % 301) - 150;
        s.time.push(1_700_000_000 + 60 * i as i64);
        s.open.push(open as f64 / 100.0);
        s.close.push(close as f64 / 100.0);
        s.high.push((open.max(close) + i64::from(next() % 80)) as f64 / 100.0);
        s.low.push((open.min(close) - i64::from(next() % 80)) as f64 / 100.0);
        s.volume.push(f64::from(500 + next() % 5000));
        price = close.max(1000);
    }
    s
}

impl Series {
    pub fn view(&self) -> candlewick::Ohlcv<'_> {
        candlewick::Ohlcv::new(&self.open, &self.high, &self.low, &self.close)
            .with_time(&self.time)
            .with_volume(&self.volume)
    }
}
