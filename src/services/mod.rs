//! Everything that talks to the browser outside the component tree.

pub mod export;
pub mod share;
