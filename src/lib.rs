//! Lede's web app: paste an article, read its structure, quotes and facts.

mod app;
pub mod bench;
pub mod components;
pub mod hooks;
pub mod model;
pub mod panic;
pub mod services;
pub mod state;

pub use app::App;

/// The example article offered by "Try an example" (written for Lede; invented events).
pub const EXAMPLE: &str = include_str!("example.txt");
