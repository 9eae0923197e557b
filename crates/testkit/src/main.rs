//! `fake-exchange [--port N] [SYMBOL=PRICE ...]`: the test kit's fake Binance
//! as a process, for tests that drive the desktop app from outside.

use cryptodesk_testkit::{Exchange, FakeExchange};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut port = 0u16;
    let exchange = Exchange::with_samples();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--port" {
            port = args.next().and_then(|p| p.parse().ok()).unwrap_or(0);
        } else if let Some((sym, price)) = arg.split_once('=') {
            exchange.set_price(sym, price);
        }
    }
    let fake = FakeExchange::start_on(([127, 0, 0, 1], port).into(), exchange).await?;
    println!("{}", fake.api_url());
    tokio::signal::ctrl_c().await?;
    Ok(())
}
