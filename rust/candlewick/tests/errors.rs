//! Every kind of bad input comes back as an `Error` with the right status
//! and a message naming what is wrong; nothing panics, and a caller's
//! buffer is untouched after a validation error.

mod common;

use candlewick::{
    Band, BarContext, BarOptions, BoxSize, Chart, ChartData, ChartOptions, Color, Column,
    EmptyBars, Format, Indicator, IndicatorContext, IndicatorStream, Line, Ohlcv, Panel, Sample,
    Stats, StatsKind, StatsOptions, Status, Ticks,
};

fn chart() -> Chart {
    Chart::new(&ChartOptions::new().size(160, 100)).unwrap()
}

#[test]
fn statuses_round_trip_and_have_text() {
    for code in 1..=14 {
        let status = Status::from_code(code).unwrap();
        assert_eq!(status.code(), code);
        assert!(!matches!(status, Status::Unknown(_)), "{code}");
        assert!(!status.text().is_empty() && status.text() != "unknown status", "{code}");
    }
    assert_eq!(Status::from_code(0), None);
    assert_eq!(Status::from_code(99), Some(Status::Unknown(99)));
    assert_eq!(Status::Unknown(99).text(), "unknown status");
    assert_eq!(Status::EmptySeries.to_string(), Status::EmptySeries.text());
}

#[test]
fn errors_are_std_errors_with_status_and_message() {
    fn create() -> Result<Chart, Box<dyn std::error::Error>> {
        Ok(Chart::new(&ChartOptions::new().size(8, 600))?)
    }
    let e = create().unwrap_err();
    let e = e.downcast::<candlewick::Error>().unwrap();
    assert_eq!(e.status(), Status::SizeOutOfRange);
    assert_eq!(e.code(), 4);
    assert!(e.to_string().starts_with(Status::SizeOutOfRange.text()), "{e}");
    assert!(e.to_string().contains("8x600"), "{e}");
    assert_eq!(e.failed_series(), None);
}

#[test]
fn bad_chart_options_are_refused_at_creation() {
    let s = |o: ChartOptions| Chart::new(&o).unwrap_err().status();
    assert_eq!(s(ChartOptions::new().width(16385)), Status::SizeOutOfRange);
    assert_eq!(s(ChartOptions::new().line_width(-1.0)), Status::InvalidArgument);
    assert_eq!(s(ChartOptions::new().background(Color(0x00000080))), Status::InvalidArgument);
    assert_eq!(s(ChartOptions::new().font(b"not a font")), Status::InvalidArgument);
    let mut o = ChartOptions::new();
    // SAFETY: only an enumerated field changes.
    unsafe { o.as_raw_mut().theme = 99 };
    assert_eq!(s(o), Status::InvalidArgument);
}

#[test]
fn bad_time_zones_and_legend_names_are_refused_with_their_text() {
    let e = Chart::new(&ChartOptions::new().time_zone("Mars/Olympus_Mons")).unwrap_err();
    assert_eq!(e.status(), Status::InvalidArgument);
    assert!(e.message().contains("Mars/Olympus_Mons"), "{}", e.message());
    let e = Chart::new(&ChartOptions::new().time_zone("UTC\0Europe/Paris")).unwrap_err();
    assert_eq!(e.status(), Status::InvalidArgument);
    assert!(e.message().contains("NUL"), "{}", e.message());

    let s = common::series(30);
    let series = s.view();
    let mut c = chart();
    let lines = [Line::new(&s.close, Color(0xFFB300FF)).name("SMA\0 20")];
    let bands = [Band::new(&s.high, &s.low, Color(0x7E57C240), Color(0x7E57C2FF)).name("\0")];
    for data in [ChartData::new(&series).overlays(&lines), ChartData::new(&series).bands(&bands)] {
        let mut pixels = vec![7u8; c.frame_info().min_buffer_size];
        let e = c.render_frame(&data, Format::Rgba8, &mut pixels, 160 * 4).unwrap_err();
        assert_eq!(e.status(), Status::InvalidArgument);
        assert!(e.message().contains("NUL"), "{}", e.message());
        assert!(pixels.iter().all(|&b| b == 7));
        assert_eq!(c.render(&data, Format::Png).unwrap_err().status(), Status::InvalidArgument);
    }
    // A line in a panel ignores its name.
    let panels = [Panel::new(0.25).lines(&lines)];
    c.render(&ChartData::new(&series).panels(&panels), Format::Png).unwrap();
}

#[test]
fn bad_series_are_refused_before_any_pixel_is_written() {
    let mut c = chart();
    let info = c.frame_info();
    let good = common::series(50);
    let check = |c: &mut Chart, series: &Ohlcv, want: Status, words: &str| {
        let mut pixels = vec![7u8; info.min_buffer_size];
        let e = c.render_rgba(series, &mut pixels, info.min_row_stride).unwrap_err();
        assert_eq!(e.status(), want, "{e}");
        assert!(e.message().contains(words), "{e} should mention {words:?}");
        assert!(pixels.iter().all(|&b| b == 7), "{want:?}: the buffer was written");
        assert_eq!(c.render_png(series).unwrap_err().status(), want);
    };
    let empty: [f64; 0] = [];
    check(&mut c, &Ohlcv::new(&empty, &empty, &empty, &empty), Status::EmptySeries, "");
    check(
        &mut c,
        &Ohlcv::new(&good.open[..49], &good.high, &good.low, &good.close),
        Status::LengthMismatch,
        "",
    );
    let mut nan = good.close.clone();
    nan[17] = f64::NAN;
    check(&mut c, &Ohlcv::new(&good.open, &good.high, &good.low, &nan), Status::NonFinite, "17");
    let mut low = good.low.clone();
    low[41] = good.high[41] + 1.0;
    check(
        &mut c,
        &Ohlcv::new(&good.open, &good.high, &low, &good.close),
        Status::InconsistentOhlc,
        "41",
    );
    let mut volume = good.volume.clone();
    volume[3] = -1.0;
    check(&mut c, &good.view().with_volume(&volume), Status::NegativeVolume, "3");
    // The chart still works after each failure.
    c.render_png(&good.view()).unwrap();
}

#[test]
fn short_buffers_and_strides_are_refused() {
    let mut c = chart();
    let info = c.frame_info();
    let s = common::series(20);
    let mut short = vec![0u8; info.min_buffer_size - 1];
    let e = c.render_rgba(&s.view(), &mut short, info.min_row_stride).unwrap_err();
    assert_eq!(e.status(), Status::BufferTooSmall);
    let mut enough = vec![0u8; info.min_buffer_size * 2];
    let e = c.render_rgba(&s.view(), &mut enough, info.min_row_stride - 1).unwrap_err();
    assert_eq!(e.status(), Status::BufferTooSmall);
    let mut rgb = vec![0u8; info.width as usize * 3 * info.height as usize - 1];
    let e = c
        .render_frame(&ChartData::new(&s.view()), Format::Rgb8, &mut rgb, info.width as usize * 3)
        .unwrap_err();
    assert_eq!(e.status(), Status::BufferTooSmall);
}

#[test]
fn bad_chart_data_is_refused() {
    let mut c = chart();
    let s = common::series(30);
    let series = s.view();
    let info = c.frame_info();
    let mut frame = vec![0u8; info.min_buffer_size];
    let stride = info.min_row_stride;
    // An encoded format into a raw frame.
    let e = c.render_frame(&ChartData::new(&series), Format::Png, &mut frame, stride).unwrap_err();
    assert_eq!(e.status(), Status::InvalidArgument);
    // An overlay of another length.
    let short = vec![1.0; 29];
    let overlays = [Line::new(&short, Color(0xFFFFFFFF))];
    let e = c.render(&ChartData::new(&series).overlays(&overlays), Format::Png).unwrap_err();
    assert_eq!(e.status(), Status::LengthMismatch, "{e}");
    // An infinite overlay value.
    let mut inf = s.close.clone();
    inf[5] = f64::INFINITY;
    let overlays = [Line::new(&inf, Color(0xFFFFFFFF))];
    let e = c.render(&ChartData::new(&series).overlays(&overlays), Format::Png).unwrap_err();
    assert_eq!(e.status(), Status::NonFinite, "{e}");
    // Nine panels, and a panel of weight 0.
    let nine = [Panel::new(0.1); 9];
    let e = c.render(&ChartData::new(&series).panels(&nine), Format::Png).unwrap_err();
    assert_eq!(e.status(), Status::InvalidArgument, "{e}");
    let zero = [Panel::new(0.0)];
    let e = c.render(&ChartData::new(&series).panels(&zero), Format::Png).unwrap_err();
    assert_eq!(e.status(), Status::InvalidArgument, "{e}");
    // Indexed output of an antialiased chart.
    let mut aa = Chart::new(&ChartOptions::new().size(160, 100).antialias(true)).unwrap();
    let mut indexed = vec![0u8; 160 * 100];
    let e =
        aa.render_frame(&ChartData::new(&series), Format::Indexed8, &mut indexed, 160).unwrap_err();
    assert_eq!(e.status(), Status::InvalidArgument, "{e}");
    // WebP quality out of range.
    assert_eq!(c.set_webp_quality(101.0).unwrap_err().status(), Status::InvalidArgument);
    assert_eq!(c.set_webp_quality(f32::NAN).unwrap_err().status(), Status::InvalidArgument);
    c.set_webp_quality(50.0).unwrap();
}

#[test]
fn bad_indicator_calls_are_refused_with_the_reason() {
    let mut ctx = IndicatorContext::new().unwrap();
    let s = common::series(40);
    let close = Column::new(&s.close);
    let mut out = vec![0.0; 40];
    let mut run = |ind, inputs: &[Column<f64>], params: &[f64], out: &mut [f64]| {
        ctx.compute(ind, inputs, params, &mut [out]).unwrap_err()
    };
    assert_eq!(Indicator::from_name("no_such").unwrap_err().status(), Status::InvalidArgument);
    assert_eq!("".parse::<Indicator>().unwrap_err().status(), Status::InvalidArgument);
    assert_eq!(
        run(Indicator::Sma, &[close, close], &[], &mut out).status(),
        Status::InvalidArgument
    );
    assert_eq!(
        run(Indicator::Sma, &[close], &[10.0, 1.0], &mut out).status(),
        Status::InvalidArgument
    );
    assert_eq!(run(Indicator::Sma, &[close], &[1.5], &mut out).status(), Status::InvalidArgument);
    let e = run(Indicator::Sma, &[close], &[41.0], &mut out);
    assert_eq!(e.status(), Status::SeriesTooShort);
    assert!(e.message().contains("period"), "{e}");
    assert_eq!(
        run(Indicator::Sma, &[Column::new(&s.close[..0])], &[], &mut out).status(),
        Status::EmptySeries
    );
    assert_eq!(
        run(Indicator::Sma, &[close], &[10.0], &mut out[..39]).status(),
        Status::BufferTooSmall
    );
    let hl = [Column::new(&s.high), Column::new(&s.low[..39])];
    assert_eq!(run(Indicator::Midprice, &hl, &[], &mut out).status(), Status::LengthMismatch);
    let hl = [Column::new(&s.low), Column::new(&s.high)];
    assert_eq!(run(Indicator::Midprice, &hl, &[], &mut out).status(), Status::InconsistentOhlc);
    let mut volume = s.volume.clone();
    volume[9] = -5.0;
    let obv = [close, Column::new(&volume)];
    assert_eq!(run(Indicator::Obv, &obv, &[], &mut out).status(), Status::NegativeVolume);
    // Too many outputs.
    let (mut a, mut b) = (vec![0.0; 40], vec![0.0; 40]);
    let e = ctx.compute(Indicator::Sma, &[close], &[], &mut [&mut a, &mut b]).unwrap_err();
    assert_eq!(e.status(), Status::InvalidArgument);
    // Lookback of bad parameters.
    assert_eq!(Indicator::Sma.lookback(&[0.0]).unwrap_err().status(), Status::InvalidArgument);
    assert_eq!(Indicator::Macd.lookback(&[]).unwrap(), 33);
    // The context works after every failure.
    ctx.compute(Indicator::Sma, &[close], &[10.0], &mut [&mut out]).unwrap();
    assert!((out[9] - s.close[..10].iter().sum::<f64>() / 10.0).abs() < 1e-9);
}

#[test]
fn a_failing_batch_names_its_series() {
    let mut ctx = IndicatorContext::new().unwrap();
    let (a, b, c) = (common::series(50), common::series(5), common::series(50));
    let inputs = [Column::new(&a.close), Column::new(&b.close), Column::new(&c.close)];
    let (mut o1, mut o2, mut o3) = (vec![0.0; 50], vec![-1.0; 5], vec![-1.0; 50]);
    let e = ctx
        .compute_batch(Indicator::Sma, &inputs, &[10.0], &mut [&mut o1, &mut o2, &mut o3])
        .unwrap_err();
    assert_eq!(e.status(), Status::SeriesTooShort);
    assert_eq!(e.failed_series(), Some(1));
    assert!(e.message().starts_with("series 1: "), "{e}");
    assert!(o1[49].is_finite(), "the series before the failure holds its results");
    assert!(o3.iter().all(|&v| v == -1.0), "the series after the failure is untouched");
    // Outputs that do not split evenly among the series.
    let e = ctx.compute_batch(Indicator::Sma, &inputs, &[], &mut [&mut o1, &mut o3]).unwrap_err();
    assert_eq!(e.status(), Status::InvalidArgument);
}

#[test]
fn bad_streams_and_pushes_are_refused_and_leave_the_stream_unchanged() {
    let not_streamable = Indicator::ALL.iter().copied().find(|i| !i.streamable());
    if let Some(ind) = not_streamable {
        let e = IndicatorStream::new(ind, &[]).unwrap_err();
        assert_eq!(e.status(), Status::InvalidArgument);
        assert!(e.message().contains("cannot be streamed"), "{e}");
    }
    assert_eq!(
        IndicatorStream::new(Indicator::Sma, &[0.0]).unwrap_err().status(),
        Status::InvalidArgument
    );
    let mut atr = IndicatorStream::new(Indicator::Atr, &[3.0]).unwrap();
    let mut out = [0.0];
    assert_eq!(atr.push(&[1.0], &mut out).unwrap_err().status(), Status::InvalidArgument);
    let bars = [[11.0, 9.0, 10.0], [12.0, 10.0, 11.0], [12.5, 10.5, 12.0], [13.0, 11.0, 12.5]];
    let mut want = vec![];
    for bar in &bars {
        atr.push(bar, &mut out).unwrap();
        want.push(out[0]);
    }
    atr.reset();
    for (i, bar) in bars.iter().enumerate() {
        // A bad bar in the middle changes nothing.
        let mut untouched = [-7.0];
        let e = atr.push(&[9.0, 11.0, 10.0], &mut untouched).unwrap_err();
        assert_eq!(e.status(), Status::InconsistentOhlc);
        assert_eq!(untouched, [-7.0]);
        atr.push(bar, &mut out).unwrap();
        assert_eq!(out[0].to_bits(), want[i].to_bits());
    }
}

#[test]
fn bad_aggregations_are_refused() {
    let mut ctx = BarContext::new().unwrap();
    let s = common::series(100);
    let no_time = Ohlcv::new(&s.open, &s.high, &s.low, &s.close);
    assert_eq!(
        ctx.from_ohlcv(&no_time, &BarOptions::time(60)).unwrap_err().status(),
        Status::NullArgument
    );
    let mut backwards = s.time.clone();
    backwards.swap(10, 11);
    let e = ctx.from_ohlcv(&s.view().with_time(&backwards), &BarOptions::time(300)).unwrap_err();
    assert_eq!(e.status(), Status::InvalidArgument);
    assert_eq!(
        ctx.from_ticks(&Ticks::new(&s.close), &BarOptions::heikin_ashi()).unwrap_err().status(),
        Status::InvalidArgument
    );
    assert_eq!(
        ctx.from_ohlcv(&s.view(), &BarOptions::tick(0)).unwrap_err().status(),
        Status::InvalidArgument
    );
    assert_eq!(
        ctx.from_ohlcv(&s.view(), &BarOptions::renko(BoxSize::Fixed(-1.0))).unwrap_err().status(),
        Status::InvalidArgument
    );
    assert_eq!(
        ctx.from_ticks(&Ticks::new(&s.close), &BarOptions::volume(1000.0)).unwrap_err().status(),
        Status::NullArgument
    );
    // Output columns too short: refused, and the count says how many are needed.
    let needed = ctx.count_ohlcv(&s.view(), &BarOptions::tick(10)).unwrap();
    assert_eq!(needed, 10);
    let mut close = vec![0.0; needed - 1];
    let mut out = candlewick::BarOutput { close: Some(&mut close), ..Default::default() };
    let e = ctx.from_ohlcv_into(&s.view(), &BarOptions::tick(10), &mut out).unwrap_err();
    assert_eq!(e.status(), Status::BufferTooSmall);
    let mut close = vec![0.0; needed];
    let mut out = candlewick::BarOutput { close: Some(&mut close), ..Default::default() };
    assert_eq!(ctx.from_ohlcv_into(&s.view(), &BarOptions::tick(10), &mut out).unwrap(), needed);
    assert_eq!(close[0], s.close[9]);
    // The time column is refused when the input has none.
    let mut time = vec![0i64; needed];
    let mut out = candlewick::BarOutput { time: Some(&mut time), ..Default::default() };
    assert_eq!(
        ctx.from_ohlcv_into(&no_time, &BarOptions::tick(10), &mut out).unwrap_err().status(),
        Status::InvalidArgument
    );
    // An empty input gives no bars, not an error.
    let empty: [f64; 0] = [];
    assert!(ctx.from_ticks(&Ticks::new(&empty), &BarOptions::tick(3)).unwrap().is_empty());
}

/// Two ticks and a tiny box ask for 1e9 renko bricks (or 1e9 s of empty
/// time bars): from_ticks allocated seven vectors of 8 GB, and the process
/// was killed once the library wrote them (or aborted where the allocator
/// refused).  Now an error, before anything is allocated.
#[test]
fn huge_aggregations_are_refused_before_allocating() {
    let mut ctx = BarContext::new().unwrap();
    let price = [1.0, 101.0];
    let time = [0i64, 1_000_000_000];
    let ticks = Ticks::new(&price).with_time(&time);
    for options in [
        BarOptions::renko(BoxSize::Fixed(1e-7)),
        BarOptions::renko(BoxSize::Fixed(1e-10)),
        BarOptions::time(1).empty(EmptyBars::Nan),
        BarOptions::renko(BoxSize::Fixed(1.0)).max_rows(50),
    ] {
        let e = ctx.from_ticks(&ticks, &options).unwrap_err();
        assert_eq!(e.status(), Status::SizeOutOfRange, "{options:?}");
        assert!(e.message().contains("max_rows"), "{e}");
    }
    let bricks = BarOptions::renko(BoxSize::Fixed(1.0)).max_rows(100);
    assert_eq!(ctx.from_ticks(&ticks, &bricks).unwrap().len(), 100);
    // The size query and the _into forms are not bounded: the caller sizes them.
    assert_eq!(
        ctx.count_ticks(&ticks, &BarOptions::renko(BoxSize::Fixed(1e-7))).unwrap(),
        1_000_000_000
    );
}

#[test]
fn bad_stats_options_and_samples_are_explained() {
    let e = Stats::new(&StatsOptions::new().capacity(0)).unwrap_err();
    assert_eq!(e.status(), Status::InvalidArgument);
    assert!(e.message().contains("capacity"), "{e}");
    let e = Stats::new(&StatsOptions::new().labels(["Bad-Label"])).unwrap_err();
    assert_eq!(e.status(), Status::InvalidArgument);
    assert!(e.message().contains("Bad-Label"), "{e}");
    assert_eq!(
        Stats::new(&StatsOptions::new().labels(["render"])).unwrap_err().status(),
        Status::InvalidArgument
    );
    assert_eq!(
        Stats::new(&StatsOptions::new().labels(["a\0b"])).unwrap_err().status(),
        Status::InvalidArgument
    );
    assert!(StatsOptions::new().labels(["jobs"]).validate().is_ok());

    let stats = Stats::new(&StatsOptions::new()).unwrap();
    assert_eq!(stats.last_error(), "");
    let e = stats.record(&Sample::new(StatsKind::Label(0), stats.now(), 10)).unwrap_err();
    assert_eq!(e.status(), Status::InvalidArgument);
    assert!(!e.message().is_empty());
    assert_eq!(stats.last_error(), e.message());
    let e = stats.record(&Sample::new(StatsKind::Render, stats.now(), -1)).unwrap_err();
    assert_eq!(e.status(), Status::InvalidArgument);
    assert_eq!(
        stats.read_prometheus(Some("9lives")).unwrap_err().status(),
        Status::InvalidArgument
    );
    assert_eq!(stats.read_prometheus(Some("")).unwrap_err().status(), Status::InvalidArgument);
    assert_eq!(stats.read().unwrap().count(), 0, "rejected samples are not counted");
}
