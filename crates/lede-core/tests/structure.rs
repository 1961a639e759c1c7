//! Golden and property tests: structure.
