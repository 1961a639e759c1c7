//! Everything that talks to the browser outside the component tree.

pub mod clipboard;
pub mod export;
pub mod parser;
pub mod rich_input;
pub mod share;
pub mod storage;
