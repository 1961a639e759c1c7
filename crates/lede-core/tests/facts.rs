//! Golden and property tests: facts.
