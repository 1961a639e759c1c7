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

// The linearity hunt (examples/linearity.rs) found these shapes growing much faster than the
// input. The tests pin what the reader sees at a size that stays quick even when slow.

/// Many short quoted words in one long sentence (no full stop anywhere): each pair is a
/// quoted term. The quotation stage took ~10 s on 16 KB of this shape.
#[test]
fn quoted_words_in_one_long_sentence_are_terms() {
    let n = 250;
    let doc = parse_checked(&"and \"yes\" ".repeat(n));
    assert_eq!(doc.sentences.len(), 1);
    assert_eq!(doc.terms.len(), n);
    assert!(doc.quotes.is_empty());
}

/// The same shape in Arabic (no Latin sentence punctuation at all).
#[test]
fn quoted_arabic_words_in_one_paragraph_are_terms() {
    let n = 150;
    let unit = "\u{645}\u{631}\u{62d}\u{628}\u{627} \"\u{642}\u{627}\u{644}\" ";
    let doc = parse_checked(&unit.repeat(n));
    assert_eq!(doc.terms.len(), n);
    for &t in &doc.terms {
        assert_eq!(doc.slice(t), "\u{642}\u{627}\u{644}");
    }
}

/// The same shape in Chinese, with corner-bracket quotation marks and ideographic full stops.
#[test]
fn quoted_chinese_words_keep_invariants() {
    let n = 120;
    let unit = "\u{5317}\u{4eac}\u{5e02}\u{300c}\u{8aaa}\u{300d}\u{3002}";
    let doc = parse_checked(&unit.repeat(n));
    assert!(doc.terms.len() + doc.quotes.len() <= n);
    for &t in &doc.terms {
        assert_eq!(doc.slice(t), "\u{8aaa}");
    }
}

/// One capitalised word repeated is no person's name: speaker attribution grew faster than
/// cubically on this shape (20 KB took ~0.3 s, 40 KB ~12 s).
#[test]
fn a_run_of_one_capitalised_word_is_no_speaker() {
    let doc = parse_checked(&"Capital ".repeat(400));
    assert!(doc.speakers.is_empty(), "{:?}", doc.speakers);
    assert!(doc.quotes.is_empty());
    for e in &doc.entities {
        assert!(e.name.split_whitespace().count() <= 8, "{:?}", e.name);
    }
}

/// Hundreds of one-line paragraphs: each is a block and a sentence (sectioning grew
/// superlinearly with the number of blocks).
#[test]
fn many_one_line_paragraphs_are_blocks_and_sentences() {
    let n = 400;
    let doc = parse_checked(&"Hi.\n\n".repeat(n));
    assert_eq!(doc.blocks.len(), n);
    assert_eq!(doc.sentences.len(), n);
    assert!(!doc.sections.is_empty());
}

/// Hundreds of list items: each is its own block.
#[test]
fn many_list_items_are_blocks() {
    let n = 300;
    let doc = parse_checked(&"- item\n".repeat(n));
    assert_eq!(doc.blocks.len(), n);
}
