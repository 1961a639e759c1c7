//! Golden and property tests: quotes.
