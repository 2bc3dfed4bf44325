//! Bars aggregated through the safe crate equal the C++ reference's bit for
//! bit, for every method.

use candlewick::{BarContext, BarOptions, BoxSize, EmptyBars, Ticks};
use candlewick_sys as sys;
use candlewick_tests::{c, make_series};

const N: usize = 500;
const SEED: u32 = 31;

fn c_bars(options: &BarOptions) -> candlewick::Bars {
    let cap = 20 * N;
    let mut b = candlewick::Bars {
        time: Some(vec![0; cap]),
        open: vec![0.0; cap],
        high: vec![0.0; cap],
        low: vec![0.0; cap],
        close: vec![0.0; cap],
        volume: vec![0.0; cap],
        row: vec![0; cap],
    };
    let mut count = 0;
    let raw: &sys::cw_bar_options = options.as_raw();
    // SAFETY: every column has `cap` rows.
    let status = unsafe {
        c::cwref_bars(
            N,
            SEED,
            raw,
            cap,
            b.time.as_mut().unwrap().as_mut_ptr(),
            b.open.as_mut_ptr(),
            b.high.as_mut_ptr(),
            b.low.as_mut_ptr(),
            b.close.as_mut_ptr(),
            b.volume.as_mut_ptr(),
            b.row.as_mut_ptr(),
            &mut count,
        )
    };
    assert_eq!(status, 0, "C reference of {options:?}");
    b.time.as_mut().unwrap().truncate(count);
    for v in [&mut b.open, &mut b.high, &mut b.low, &mut b.close, &mut b.volume] {
        v.truncate(count);
    }
    b.row.truncate(count);
    b
}

fn bits(v: &[f64]) -> Vec<u64> {
    v.iter().map(|x| x.to_bits()).collect()
}

#[test]
fn every_method_equals_the_c_reference() {
    let s = make_series(N, SEED);
    let mut ctx = BarContext::new().unwrap();
    let methods = [
        BarOptions::time(3 * 86400),
        BarOptions::time(7 * 86400).offset(86400).empty(EmptyBars::Flat),
        BarOptions::tick(7),
        BarOptions::volume(25_000.0),
        BarOptions::volume(25_000.0).split(true),
        BarOptions::range(3.0),
        BarOptions::heikin_ashi(),
        BarOptions::renko(BoxSize::Fixed(1.5)),
        BarOptions::renko(BoxSize::Atr(14)),
        BarOptions::point_figure(BoxSize::Fixed(1.0)).reversal(2),
        BarOptions::kagi_percent(2.0),
        BarOptions::kagi_amount(2.5),
        BarOptions::line_break(3),
    ];
    for options in methods {
        let got =
            ctx.from_ohlcv(&s.view(), &options).unwrap_or_else(|e| panic!("{options:?}: {e}"));
        let want = c_bars(&options);
        assert!(!got.is_empty(), "{options:?} made no bars");
        assert_eq!(got.time, want.time, "{options:?}");
        assert_eq!(got.row, want.row, "{options:?}");
        for (name, g, w) in [
            ("open", &got.open, &want.open),
            ("high", &got.high, &want.high),
            ("low", &got.low, &want.low),
            ("close", &got.close, &want.close),
            ("volume", &got.volume, &want.volume),
        ] {
            assert_eq!(bits(g), bits(w), "{options:?}: {name}");
        }
        assert_eq!(ctx.count_ohlcv(&s.view(), &options).unwrap(), got.len());
    }
}

#[test]
fn ticks_make_the_bars_of_their_one_price_rows() {
    // A tick is a bar with open = high = low = close = price.
    let s = make_series(N, SEED);
    let mut ctx = BarContext::new().unwrap();
    let ticks = Ticks::new(&s.close).with_time(&s.time).with_size(&s.volume);
    let flat = candlewick::Ohlcv::new(&s.close, &s.close, &s.close, &s.close)
        .with_time(&s.time)
        .with_volume(&s.volume);
    for options in
        [BarOptions::tick(10), BarOptions::time(5 * 86400), BarOptions::renko(BoxSize::Fixed(2.0))]
    {
        assert_eq!(
            ctx.from_ticks(&ticks, &options).unwrap(),
            ctx.from_ohlcv(&flat, &options).unwrap(),
            "{options:?}"
        );
    }
}
