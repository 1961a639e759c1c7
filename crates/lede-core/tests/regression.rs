//! Regressions: inputs the fuzzer, the property tests or the linearity hunt found, each named
//! by what it is. Each test is small and asserts what the reader would see, never a time.

use lede_core::{check_invariants, parse, synth};

fn parse_checked(text: &str) -> lede_core::Document {
    let doc = parse(text);
    if let Err(e) = check_invariants(&doc) {
        panic!("{e}\ninput: {text:?}");
    }
    doc
}

#[test]
fn empty_and_blank_inputs() {
    for text in [
        "",
        " ",
        "\n",
        "\n\n\n",
        "\t\r\n",
        "\u{0}",
        "\u{feff}",
        "\u{200b}\u{200b}",
    ] {
        let doc = parse_checked(text);
        assert!(doc.quotes.is_empty(), "{text:?}");
        assert!(doc.speakers.is_empty(), "{text:?}");
    }
}

#[test]
fn every_pathological_shape_keeps_invariants() {
    for kind in synth::Pathological::ALL {
        parse_checked(&synth::pathological(kind, 4_000));
    }
}
