//! Lede's web app: paste an article, read its structure, quotes and facts.

mod app;
pub mod services;

pub use app::App;
