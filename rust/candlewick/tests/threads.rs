//! What the thread rules allow, exercised: charts and contexts moved to other
//! threads, one stats handle shared by many, buffers read by many, and a
//! stats handle kept alive by what it is attached to.

mod common;

use std::sync::Arc;
use std::thread;

use candlewick::{
    BarContext, BarOptions, Chart, ChartOptions, Column, Indicator, IndicatorContext,
    IndicatorStream, Stats, StatsKind, StatsOptions,
};

#[test]
fn charts_render_in_parallel_one_per_thread_with_identical_output() {
    let s = Arc::new(common::series(200));
    let expected =
        Chart::new(&ChartOptions::new().size(300, 200)).unwrap().render_png(&s.view()).unwrap();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            // Created here, moved into the thread (Send).
            let mut chart = Chart::new(&ChartOptions::new().size(300, 200)).unwrap();
            let s = Arc::clone(&s);
            thread::spawn(move || {
                (0..10).map(|_| chart.render_png(&s.view()).unwrap()).collect::<Vec<_>>()
            })
        })
        .collect();
    for h in handles {
        for png in h.join().unwrap() {
            assert!(png[..] == expected[..]);
        }
    }
}

#[test]
fn contexts_and_streams_move_between_threads() {
    let s = common::series(100);
    let mut ctx = IndicatorContext::new().unwrap();
    let mut stream = IndicatorStream::new(Indicator::Ema, &[10.0]).unwrap();
    let mut bars = BarContext::new().unwrap();
    let (mut ctx, mut stream, mut bars) = thread::scope(|scope| {
        scope
            .spawn(|| {
                let mut out = vec![0.0; 100];
                ctx.compute(Indicator::Ema, &[Column::new(&s.close)], &[10.0], &mut [&mut out])
                    .unwrap();
                for &x in &s.close {
                    stream.push_value(x).unwrap();
                }
                bars.from_ohlcv(&s.view(), &BarOptions::tick(5)).unwrap();
                (ctx, stream, bars)
            })
            .join()
            .unwrap()
    });
    // Back on this thread, still usable.
    let mut out = vec![0.0; 100];
    ctx.compute(Indicator::Ema, &[Column::new(&s.close)], &[10.0], &mut [&mut out]).unwrap();
    stream.reset();
    assert_eq!(bars.from_ohlcv(&s.view(), &BarOptions::tick(5)).unwrap().len(), 20);
}

#[test]
fn one_stats_handle_is_shared_by_many_threads() {
    let stats = Stats::new(&StatsOptions::new().labels(["jobs"])).unwrap();
    let s = Arc::new(common::series(120));
    thread::scope(|scope| {
        for _ in 0..4 {
            let stats = &stats; // &Stats is Send: Stats is Sync
            let s = Arc::clone(&s);
            scope.spawn(move || {
                let mut chart = Chart::new(&ChartOptions::new().size(200, 120)).unwrap();
                chart.attach_stats(Some(stats)).unwrap();
                let mut ctx = IndicatorContext::new().unwrap();
                ctx.attach_stats(Some(stats)).unwrap();
                for _ in 0..25 {
                    chart.render_png(&s.view()).unwrap();
                    ctx.compute_to_vec(Indicator::Rsi, &[Column::new(&s.close)], &[]).unwrap();
                    let end = stats.now();
                    stats
                        .record(&candlewick::Sample::new(StatsKind::Label(0), end, 1000).items(3))
                        .unwrap();
                }
            });
        }
    });
    let snap = stats.read().unwrap();
    assert_eq!(snap.kind(StatsKind::Encode).unwrap().count(), 100);
    assert_eq!(snap.kind(StatsKind::Indicator).unwrap().count(), 100);
    let jobs = snap.kind(StatsKind::Label(0)).unwrap();
    assert_eq!((jobs.name(), jobs.count(), jobs.items()), ("jobs", 100, 300));
    assert_eq!(snap.count(), 300);
}

#[test]
fn a_buffer_is_read_by_many_threads_and_outlives_its_chart() {
    let s = common::series(60);
    let png = {
        let mut chart = Chart::new(&ChartOptions::new().size(120, 80)).unwrap();
        chart.render_png(&s.view()).unwrap()
    };
    let png = Arc::new(png);
    let sums: Vec<u64> = (0..4)
        .map(|_| {
            let png = Arc::clone(&png);
            thread::spawn(move || png.iter().map(|&b| u64::from(b)).sum())
        })
        .map(|h| h.join().unwrap())
        .collect();
    assert!(sums.windows(2).all(|w| w[0] == w[1]));
    // Dropped on another thread than the one that made it.
    thread::spawn(move || drop(png)).join().unwrap();
}

#[test]
fn an_attached_stats_handle_lives_as_long_as_the_chart() {
    let s = common::series(40);
    let mut chart = Chart::new(&ChartOptions::new().size(100, 80)).unwrap();
    let reader = {
        let stats = Stats::new(&StatsOptions::new()).unwrap();
        chart.attach_stats(Some(&stats)).unwrap();
        stats.clone()
    }; // the original reference is gone
    chart.render_png(&s.view()).unwrap();
    drop(reader); // and now every reference but the chart's
    // Still recording into a live handle (ASan/valgrind would catch a
    // use after free here).
    chart.render_png(&s.view()).unwrap();
    let stats = Stats::new(&StatsOptions::new()).unwrap();
    chart.attach_stats(Some(&stats)).unwrap(); // replaces (and releases) the old one
    chart.render_png(&s.view()).unwrap();
    chart.attach_stats(None).unwrap();
    chart.render_png(&s.view()).unwrap();
    assert_eq!(stats.read().unwrap().kind(StatsKind::Encode).unwrap().count(), 1);
}
