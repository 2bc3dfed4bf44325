use candlewick::{Chart, ChartOptions, Column, Indicator, IndicatorContext, Ohlcv, Theme};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let close: Vec<f64> = (0..100).map(|i| 100.0 + (i as f64 / 8.0).sin() * 4.0).collect();
    let open: Vec<f64> = [close[0]].iter().chain(&close[..99]).copied().collect();
    let (high, low): (Vec<f64>, Vec<f64>) = close.iter().map(|c| (c + 1.0, c - 1.5)).unzip();
    let mut chart = Chart::new(&ChartOptions::new().size(640, 360).theme(Theme::TradingView))?;
    let png = chart.render_png(&Ohlcv::new(&open, &high, &low, &close))?;
    std::fs::write("chart.png", &png[..])?;
    let mut indicators = IndicatorContext::new()?;
    let rsi = indicators.compute_to_vec(Indicator::Rsi, &[Column::new(&close)], &[14.0])?;
    println!("chart.png: {} bytes; RSI(14) of the last bar: {:.2}", png.len(), rsi[0][99]);
    Ok(())
}
