//! 10,000 charts created, rendered (PNG with overlays, bands, a panel and
//! axes; a raw frame into a caller's buffer), their buffers outliving them,
//! and dropped, with indicator contexts, streams and bar contexts alongside:
//! resident memory stays flat. (Its own test binary, so no other test
//! allocates meanwhile.)

mod common;

use candlewick::{
    Band, BarContext, BarOptions, Chart, ChartData, ChartOptions, Color, Column, Indicator,
    IndicatorContext, IndicatorStream, Line, Panel, Stats, StatsOptions, Theme,
};

/// Resident set size in KiB, from /proc/self/status.
fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).expect("VmRSS");
    line.split_whitespace().nth(1).and_then(|v| v.parse().ok()).expect("a number")
}

#[test]
fn ten_thousand_charts_keep_memory_flat() {
    let s = common::series(120);
    let mut ctx = IndicatorContext::new().unwrap();
    let sma =
        ctx.compute_to_vec(Indicator::Sma, &[Column::new(&s.close)], &[20.0]).unwrap().remove(0);
    let bb = ctx.compute_to_vec(Indicator::Bbands, &[Column::new(&s.close)], &[20.0]).unwrap();
    let rsi = ctx.compute_to_vec(Indicator::Rsi, &[Column::new(&s.close)], &[]).unwrap().remove(0);
    let overlays = [Line::new(&sma, Color(0xFFB300FF))];
    let bands = [Band::new(&bb[0], &bb[2], Color(0x7E57C240), Color(0x7E57C2FF)).width(1.0)];
    let rsi_lines = [Line::new(&rsi, Color(0xAB47BCFF))];
    let panels = [Panel::new(0.25)
        .lines(&rsi_lines)
        .levels(&[30.0, 70.0])
        .scale(0.0, 100.0)
        .title(c"RSI 14")];
    let series = s.view();
    let data = ChartData::new(&series)
        .overlays(&overlays)
        .bands(&bands)
        .panels(&panels)
        .title(c"MEM / TEST");
    let options = ChartOptions::new().size(240, 160).theme(Theme::TradingView).axes(true);
    let stats = Stats::new(&StatsOptions::new()).unwrap();

    let mut frame = vec![0u8; 240 * 160 * 4];
    let mut kept = None;
    let mut round = |i: usize| {
        let mut chart = Chart::new(&options).unwrap();
        if i.is_multiple_of(2) {
            chart.attach_stats(Some(&stats)).unwrap();
        }
        let png = chart.render(&data, candlewick::Format::Png).unwrap();
        chart.render_rgba(&series, &mut frame, 240 * 4).unwrap();
        assert!(
            chart.render_png(&candlewick::Ohlcv::new(&s.open, &s.low, &s.high, &s.close)).is_err()
        );
        drop(chart);
        kept = Some(png); // outlives its chart, freed on the next round
        let mut ctx = IndicatorContext::new().unwrap();
        ctx.compute_to_vec(Indicator::Macd, &[Column::new(&s.close)], &[]).unwrap();
        let mut stream = IndicatorStream::new(Indicator::Ema, &[10.0]).unwrap();
        stream.push_value(s.close[i % 120]).unwrap();
        BarContext::new().unwrap().from_ohlcv(&series, &BarOptions::line_break(3)).unwrap();
    };

    // CANDLEWICK_MEMORY_CHARTS lowers the count for slow runs (valgrind).
    let total: usize = std::env::var("CANDLEWICK_MEMORY_CHARTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let warmup = total / 10;
    let started = std::time::Instant::now();
    for i in 0..warmup {
        round(i);
    }
    let after_warmup = rss_kib();
    let mut peak = after_warmup;
    for i in warmup..total {
        round(i);
        if i % 500 == 0 {
            peak = peak.max(rss_kib());
        }
    }
    let end = rss_kib();
    drop(kept);
    println!(
        "memory: {total} charts in {:.1} s; RSS after {warmup}: {after_warmup} KiB, peak {peak} KiB, \
         after {total}: {end} KiB (growth {} KiB)",
        started.elapsed().as_secs_f64(),
        end as i64 - after_warmup as i64
    );
    assert_eq!(
        stats.read().unwrap().kind(candlewick::StatsKind::Encode).unwrap().count(),
        total as u64
    );
    // A leak of even 1 KiB per chart would add ~9 MiB; allow allocator noise.
    assert!(peak <= after_warmup + 2048, "RSS grew from {after_warmup} KiB to {peak} KiB");
}
