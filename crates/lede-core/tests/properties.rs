//! Property tests: the document invariants over generated text in many scripts, with emoji,
//! combining marks, quote marks of every kind, NUL and other control characters.

use lede_core::{
    check_invariants, parse, parse_blocks, parse_with, CivilDate, Document, InputBlock,
    InputBlockKind, Options,
};
use proptest::prelude::*;

/// Pieces that news text and hostile pastes are made of.
const PIECES: &[&str] = &[
    "The ",
    "council ",
    "said ",
    "Mayor ",
    "Ilse ",
    "Varga ",
    "Dr. ",
    "U.S. ",
    "on Tuesday ",
    "Feb. 18, 2016 ",
    "12,400 ",
    "$3.5 million ",
    "47% ",
    "according to ",
    "told ",
    ". ",
    ", ",
    "; ",
    ": ",
    " \u{2014} ",
    " \u{2013} ",
    "-",
    "(",
    ")",
    "\"",
    "'",
    "\u{201c}",
    "\u{201d}",
    "\u{2018}",
    "\u{2019}",
    "\u{ab}",
    "\u{bb}",
    "\u{201e}",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    " ",
    "# ",
    "- ",
    "1. ",
    "By ",
    "Photo: ",
    "PORT ALDER \u{2014} ",
    // Right-to-left: Arabic and Hebrew, with bidi controls.
    "\u{645}\u{631}\u{62d}\u{628}\u{627} ",
    "\u{5e9}\u{5dc}\u{5d5}\u{5dd} ",
    "\u{200f}",
    "\u{202e}",
    "\u{2066}",
    "\u{2069}",
    // Emoji: a ZWJ family, a flag, skin tone, variation selector.
    "\u{1f469}\u{200d}\u{1f469}\u{200d}\u{1f467} ",
    "\u{1f1f5}\u{1f1f9}",
    "\u{1f44d}\u{1f3fd}",
    "\u{2764}\u{fe0f}",
    // Combining marks, alone and stacked.
    "e\u{301}",
    "\u{301}",
    "a\u{308}\u{323}\u{33f}",
    "\u{20dd}",
    // CJK and its punctuation.
    "\u{5317}\u{4eac}\u{5e02}",
    "\u{300c}\u{8aaa}\u{300d}",
    "\u{3002}",
    "\u{ff0c}",
    "\u{d55c}\u{ad6d}\u{c5b4}",
    // Controls, invisible and odd spaces, the replacement character, a non-character.
    "\u{0}",
    "\u{1}",
    "\u{7}",
    "\u{b}",
    "\u{c}",
    "\u{1b}[31m",
    "\u{7f}",
    "\u{85}",
    "\u{a0}",
    "\u{ad}",
    "\u{200b}",
    "\u{feff}",
    "\u{2028}",
    "\u{2029}",
    "\u{fffd}",
    "\u{ffff}",
    "\u{10ffff}",
    // Mojibake of a curly quote.
    "\u{e2}\u{20ac}\u{153}",
];

fn pieces() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..160).prop_map(|v| v.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => pieces(),
        1 => any::<String>(),
        1 => prop::collection::vec(any::<char>(), 0..200).prop_map(|v| v.into_iter().collect()),
    ]
}

fn date() -> impl Strategy<Value = CivilDate> {
    (prop_oneof![1900i32..2100, any::<i32>()], 1u8..=12, 1u8..=31)
        .prop_map(|(year, month, day)| CivilDate { year, month, day })
}

fn kind() -> impl Strategy<Value = InputBlockKind> {
    prop_oneof![
        any::<u8>().prop_map(InputBlockKind::Heading),
        Just(InputBlockKind::Paragraph),
        Just(InputBlockKind::ListItem),
        Just(InputBlockKind::BlockQuote),
        Just(InputBlockKind::Caption),
    ]
}

/// Every span the document holds, mapped back to the pasted text, lies in it on char
/// boundaries, and block order is kept.
fn check_source_map(original: &str, doc: &Document) -> Result<(), String> {
    let mut prev = 0;
    for (i, b) in doc.blocks.iter().enumerate() {
        let o = doc.source_map.span_to_original(b.span);
        let (s, e) = (o.start as usize, o.end as usize);
        if s > e || e > original.len() {
            return Err(format!("block {i} maps to {s}..{e}, outside the paste"));
        }
        if !original.is_char_boundary(s) || !original.is_char_boundary(e) {
            return Err(format!(
                "block {i} maps to {s}..{e}, not on char boundaries"
            ));
        }
        if s < prev {
            return Err(format!("block {i} maps before the previous block"));
        }
        prev = e;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn invariants_hold(text in any_text()) {
        let doc = parse(&text);
        prop_assert_eq!(check_invariants(&doc), Ok(()));
        prop_assert_eq!(check_source_map(&text, &doc), Ok(()));
    }

    #[test]
    fn parsing_is_deterministic(text in pieces()) {
        let a = serde_json::to_string(&parse(&text)).unwrap();
        let b = serde_json::to_string(&parse(&text)).unwrap();
        prop_assert_eq!(a, b);
    }

    /// Documents read back from JSON (the CLI's and the export's form) and from postcard bytes
    /// (how the app's parsing worker hands them to the page) are the same document,
    /// attribution rules included.
    #[test]
    fn documents_survive_serde_round_trips(text in pieces()) {
        let doc = parse(&text);
        let json = serde_json::to_string(&doc).unwrap();
        let back: Document = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(check_invariants(&back), Ok(()));
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), json.clone());
        let rules = |d: &Document| d.quotes.iter().map(|q| q.rule).collect::<Vec<_>>();
        prop_assert_eq!(rules(&back), rules(&doc));
        let bytes = postcard::to_allocvec(&doc).unwrap();
        let back: Document = postcard::from_bytes(&bytes).unwrap();
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), json);
    }

    #[test]
    fn the_readers_date_wins_and_invariants_hold(text in pieces(), date in date()) {
        let doc = parse_with(&text, &Options { article_date: Some(date) });
        prop_assert_eq!(doc.article_date, Some(date));
        prop_assert_eq!(check_invariants(&doc), Ok(()));
        for d in &doc.dates {
            if let (Some(start), Some(end)) = (d.date, d.end) {
                prop_assert!(start <= end, "period {:?} ends before it starts", d);
            }
        }
    }

    #[test]
    fn rich_input_keeps_invariants(
        blocks in prop::collection::vec((kind(), any_text()), 0..12),
        date in prop::option::of(date()),
    ) {
        let input: Vec<InputBlock> =
            blocks.into_iter().map(|(kind, text)| InputBlock { kind, text }).collect();
        let doc = parse_blocks(&input, &Options { article_date: date });
        prop_assert_eq!(check_invariants(&doc), Ok(()));
        // Every non-blank input block's text survives into the document text.
        for b in &input {
            let word = b.text.split_whitespace().find(|w| w.chars().all(char::is_alphanumeric));
            if let Some(w) = word {
                prop_assert!(doc.text.contains(w), "{:?} lost from {:?}", w, doc.text);
            }
        }
    }

    #[test]
    fn prefixes_keep_invariants(text in pieces(), cut in any::<prop::sample::Index>()) {
        let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        let prefix = &text[..*cut.get(&bounds)];
        prop_assert_eq!(check_invariants(&parse(prefix)), Ok(()));
    }
}

/// Found by `rich_input_keeps_invariants`: a block's text, once cleaned, was cleaned again with
/// the others, and the second pass read the "Â" that the first had kept (before a tab) as a
/// garbled no-break space (before the space the tab had become), and dropped it.
#[test]
fn rich_input_blocks_are_cleaned_once() {
    let input = [InputBlock {
        kind: InputBlockKind::Heading(0),
        text: " \t\u{b2}\u{c2}\t0".to_string(),
    }];
    let doc = parse_blocks(&input, &Options::default());
    assert_eq!(check_invariants(&doc), Ok(()));
    assert!(doc.text.contains("\u{b2}\u{c2}"), "{:?}", doc.text);
}

/// Found by `rich_input_keeps_invariants`: a lone "Â" between tabs in a heading was taken for a
/// garbled no-break space and dropped.
#[test]
fn a_lone_capital_a_with_circumflex_survives_rich_input() {
    let input = [InputBlock {
        kind: InputBlockKind::Heading(2),
        text: "\u{e000}\t\u{c2}\t\u{a1}".to_string(),
    }];
    let doc = parse_blocks(&input, &Options::default());
    assert_eq!(check_invariants(&doc), Ok(()));
    assert!(doc.text.contains('\u{c2}'), "{:?}", doc.text);
}

/// Parses from several threads at once share the one helper thread, and which thread runs which
/// stage then varies from parse to parse: every document must still equal the one its text gave
/// when parsed alone.
#[test]
fn parses_from_several_threads_at_once_give_the_same_documents() {
    use lede_core::synth;
    let texts: Vec<String> = [1_500, 6_000, 40_000, 100_000]
        .iter()
        .zip(1u64..)
        .flat_map(|(&n, seed)| [synth::article(n, seed), synth::plain_article(n, seed + 10)])
        .collect();
    let json = |text: &str| serde_json::to_string(&parse(text)).expect("a document serialises");
    let alone: Vec<String> = texts.iter().map(|t| json(t)).collect();
    std::thread::scope(|scope| {
        for thread in 0..4 {
            let (texts, alone, json) = (&texts, &alone, &json);
            scope.spawn(move || {
                // Each thread starts at a different text, so different sizes overlap.
                for k in 0..2 * texts.len() {
                    let i = (k + 3 * thread) % texts.len();
                    assert!(
                        json(&texts[i]) == alone[i],
                        "text {i} differs in thread {thread}"
                    );
                }
            });
        }
    });
}
