//! data/synthetic.cc's series, ported: the time-axis golden cases' data.
//! Integer arithmetic only, as in C++, so the columns are the same bits
//! (golden.rs compares them with the C++ generator's).

use crate::Series;

const DAY: i64 = 86400;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// days_from_civil).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = y - i64::from(m <= 2);
    let era = (if y >= 0 { y } else { y - 399 }) / 400;
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// One series' bars: each moves up to `swing` ticks, with wicks of up to
/// `wick` ticks, `drift` ticks per bar on average; volume is `base` plus up
/// to `spread`.
#[derive(Clone, Copy)]
struct Step {
    swing: i64,
    wick: i64,
    drift: i64,
    base: i64,
    spread: i64,
}

/// data/synthetic.cc's Walker: a random walk in integer ticks (`tick` is
/// the price of one tick), each bar opening at the previous close.
struct Walker {
    state: u32,
    price: i64,
    tick: f64,
    step: Step,
    series: Series,
}

impl Walker {
    fn new(seed: u32, start_ticks: i64, tick: f64, step: Step) -> Walker {
        let state = seed.wrapping_mul(2654435761).wrapping_add(1);
        Walker { state, price: start_ticks, tick, step, series: Series::default() }
    }

    fn next(&mut self) -> i64 {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 17;
        self.state ^= self.state << 5;
        i64::from(self.state)
    }

    /// A bar at `time` whose volume is scaled by `shape_percent` percent.
    fn bar(&mut self, time: i64, shape_percent: i64) {
        let Step { swing, wick, drift, base, spread } = self.step;
        let open = self.price;
        let close = 1.max(open + self.next() % (2 * swing + 1) - swing + drift);
        let high = open.max(close) + self.next() % (wick + 1);
        let low = 1.max(open.min(close) - self.next() % (wick + 1));
        let volume = (base + self.next() % (spread + 1)) * shape_percent / 100;
        let s = &mut self.series;
        s.time.push(time);
        s.open.push(open as f64 * self.tick);
        s.high.push(high as f64 * self.tick);
        s.low.push(low as f64 * self.tick);
        s.close.push(close as f64 * self.tick);
        s.volume.push(volume as f64);
        self.price = close;
    }
}

/// Intraday volume: heavy at the open and the close (a U over the session).
fn session_shape(minute: i64, length: i64) -> i64 {
    let edge = minute.min(length - 1 - minute);
    60 + 0.max(180 - edge * 6)
}

/// Three sessions of 5-minute bars, 09:30-16:00 New York time, over the
/// start of daylight saving (2024-03-08, 11 and 12). 234 bars.
pub fn intraday_new_york() -> Series {
    let step = Step { swing: 18, wick: 9, drift: 0, base: 40000, spread: 60000 };
    let mut w = Walker::new(11, 17250, 0.01, step);
    // Session opens in UTC: 09:30 EST = 14:30 UTC; 09:30 EDT = 13:30 UTC.
    let opens = [
        days_from_civil(2024, 3, 8) * DAY + 14 * 3600 + 1800,
        days_from_civil(2024, 3, 11) * DAY + 13 * 3600 + 1800,
        days_from_civil(2024, 3, 12) * DAY + 13 * 3600 + 1800,
    ];
    for open in opens {
        for k in 0..78 {
            w.bar(open + k * 300, session_shape(k * 5, 390));
        }
    }
    w.series
}

/// One session of 1-minute bars, 09:30-16:00 New York time on 2024-03-13.
/// 390 bars.
pub fn minute_session() -> Series {
    let step = Step { swing: 6, wick: 4, drift: 0, base: 8000, spread: 12000 };
    let mut w = Walker::new(23, 41830, 0.01, step);
    let open = days_from_civil(2024, 3, 13) * DAY + 13 * 3600 + 1800;
    for k in 0..390 {
        w.bar(open + k * 60, session_shape(k, 390));
    }
    w.series
}

/// Crypto trading 24/7: hourly bars from 2024-03-10 00:00 UTC, 10 days.
/// 240 bars.
pub fn crypto_hourly() -> Series {
    let step = Step { swing: 40000, wick: 25000, drift: 1500, base: 800, spread: 2400 };
    let mut w = Walker::new(37, 6500000, 0.01, step);
    let start = days_from_civil(2024, 3, 10) * DAY;
    for k in 0..240 {
        w.bar(start + k * 3600, 100);
    }
    w.series
}

/// Daily bars on the weekdays of 2024-01-02..2024-03-28 without the US
/// market holidays (Jan 15, Feb 19), stamped at 00:00 UTC. 60 bars.
pub fn daily_three_months() -> Series {
    let step = Step { swing: 250, wick: 160, drift: 12, base: 45000000, spread: 50000000 };
    let mut w = Walker::new(41, 18520, 0.01, step);
    let holidays = [days_from_civil(2024, 1, 15), days_from_civil(2024, 2, 19)];
    for day in days_from_civil(2024, 1, 2)..=days_from_civil(2024, 3, 28) {
        let weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
        if weekday == 0 || weekday == 6 || holidays.contains(&day) {
            continue;
        }
        w.bar(day * DAY, 100);
    }
    w.series
}

/// Weekly bars (Mondays) from 2014-06-02 for ten years. 522 bars.
pub fn weekly_ten_years() -> Series {
    let step = Step { swing: 140, wick: 90, drift: 12, base: 200000000, spread: 300000000 };
    let mut w = Walker::new(53, 2400, 0.01, step);
    let first = days_from_civil(2014, 6, 2);
    for k in 0..522 {
        w.bar((first + 7 * k) * DAY, 100);
    }
    w.series
}
