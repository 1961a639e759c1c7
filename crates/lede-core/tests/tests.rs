//! One integration-test binary for the parser (few binaries link faster).

mod facts;
mod properties;
mod quotes;
mod regression;
mod structure;
