//! One integration-test binary for the parser (few binaries link faster).

mod facts;
mod quotes;
mod structure;
