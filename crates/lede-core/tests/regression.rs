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

/// Sectioning's steps of work (`sections::work_done`, counted on this thread) in sectioning
/// the parsed `text` again here: the parse may have made its sections on another thread.
fn sectioning_work(text: &str) -> (u64, lede_core::Document) {
    let doc = parse_checked(text);
    let before = lede_core::sections::work_done();
    let sections = lede_core::sections::build(&doc.text, &doc.blocks);
    assert_eq!(sections, doc.sections);
    (lede_core::sections::work_done() - before, doc)
}

/// `n` list items, each with a word of its own.
fn list_of_distinct_words(n: usize) -> String {
    let mut text = String::new();
    for i in 0..n {
        let word: String = [i % 26, i / 26 % 26, i / 676 % 26]
            .iter()
            .map(|&k| char::from(b'a' + k as u8))
            .collect();
        text.push_str("- item");
        text.push_str(&word);
        text.push('\n');
    }
    text
}

/// Thousands of one-line blocks: sectioning's work grew with the square of the number of
/// blocks (a group's label summed its paragraphs' word counts one paragraph at a time, and
/// long groups were split by rescanning them). Eight times the blocks must take at most
/// ten times the work.
#[test]
fn sectioning_work_grows_linearly_with_the_number_of_blocks() {
    type Shape = fn(usize) -> String;
    let shapes: [(&str, Shape); 4] = [
        ("distinct list items", list_of_distinct_words),
        ("one-line paragraphs", |n| "Hi.\n\n".repeat(n)),
        ("one-word lines", |n| "Yes\n".repeat(n)),
        ("short paragraphs of distinct words", |n| {
            list_of_distinct_words(n)
                .replace("- ", "")
                .replace('\n', ".\n\n")
        }),
    ];
    for (name, shape) in shapes {
        let (small, _) = sectioning_work(&shape(500));
        let (big, _) = sectioning_work(&shape(4_000));
        assert!(small > 0, "{name}: no work counted");
        assert!(
            big <= 10 * small,
            "{name}: 8x the blocks took {}x the work ({small} -> {big})",
            big / small
        );
    }
}

/// A long list is one section after the lead, however many items it has, and its label
/// comes from its own words.
#[test]
fn a_long_list_of_distinct_words_is_one_section() {
    let n = 4_000;
    let (_, doc) = sectioning_work(&list_of_distinct_words(n));
    assert_eq!(doc.blocks.len(), n);
    assert_eq!(doc.sections.len(), 2, "{:?}", doc.sections);
    assert_eq!(doc.sections[0].blocks, [0]);
    assert_eq!(doc.sections[1].blocks.len(), n - 1);
    assert!(
        doc.sections[1].label.starts_with("Item"),
        "{}",
        doc.sections[1].label
    );
}

/// A quotation by a different person in every paragraph: each quoted person joins the people
/// once, with their own mention (matching speakers to entities by a search of all the
/// entities for each speaker made this shape grow with the square of its length).
#[test]
fn many_distinct_speakers_each_become_one_person() {
    let surnames = [
        "Baro", "Kemi", "Tusa", "Lofe", "Dinu", "Pago", "Viha", "Zewo",
    ];
    let mut text = String::new();
    let mut names = Vec::new();
    for a in surnames {
        for b in surnames {
            let name = format!("Anna {a}{}", b.to_lowercase());
            text.push_str(&format!("\"We will wait,\" {name} said.\n\n"));
            names.push(name);
        }
    }
    let doc = parse_checked(&text);
    assert_eq!(doc.quotes.len(), names.len());
    assert_eq!(doc.speakers.len(), names.len());
    for name in &names {
        let people: Vec<_> = doc.entities.iter().filter(|e| &e.name == name).collect();
        assert_eq!(people.len(), 1, "{name}");
        assert_eq!(people[0].mentions.len(), 1, "{name}");
        assert_eq!(doc.slice(people[0].mentions[0]), name);
    }
}
