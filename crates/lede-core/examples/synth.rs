//! Print a synthetic article of about N bytes:
//! `cargo run -p lede-core --example synth -- N [SEED] [plain]` (`plain`: without subheads).
//!
//! The browser benchmark feeds these texts to the app and to other libraries, so every tool
//! reads the same input.

fn main() {
    let mut args = std::env::args().skip(1);
    let bytes = args.next().and_then(|a| a.parse().ok()).unwrap_or(5_000);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(42);
    if args.next().as_deref() == Some("plain") {
        print!("{}", lede_core::synth::plain_article(bytes, seed));
    } else {
        print!("{}", lede_core::synth::article(bytes, seed));
    }
}
