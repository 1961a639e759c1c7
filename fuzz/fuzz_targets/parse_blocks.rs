//! The rich-input path (`parse_blocks`, fed by the clipboard's HTML flavour and `.html` files)
//! on arbitrary blocks: it must not panic and the document must keep every invariant.
#![no_main]

use arbitrary::Arbitrary;
use lede_core::{InputBlock, InputBlockKind, Options};
use libfuzzer_sys::fuzz_target;

/// A mirror of `InputBlockKind`, so the fuzzer can build it without the parser depending on
/// `arbitrary`.
#[derive(Arbitrary, Debug)]
enum Kind {
    Heading(u8),
    Paragraph,
    ListItem,
    BlockQuote,
    Caption,
}

#[derive(Arbitrary, Debug)]
struct Block {
    kind: Kind,
    text: String,
}

#[derive(Arbitrary, Debug)]
struct Input {
    blocks: Vec<Block>,
    date: Option<(i32, u8, u8)>,
}

fuzz_target!(|input: Input| {
    let blocks: Vec<InputBlock> = input
        .blocks
        .into_iter()
        .map(|b| InputBlock {
            kind: match b.kind {
                Kind::Heading(level) => InputBlockKind::Heading(level),
                Kind::Paragraph => InputBlockKind::Paragraph,
                Kind::ListItem => InputBlockKind::ListItem,
                Kind::BlockQuote => InputBlockKind::BlockQuote,
                Kind::Caption => InputBlockKind::Caption,
            },
            text: b.text,
        })
        .collect();
    let article_date = input.date.map(|(year, m, d)| lede_core::CivilDate {
        year,
        month: m % 12 + 1,
        day: d % 31 + 1,
    });
    let doc = lede_core::parse_blocks(&blocks, &Options { article_date });
    if let Err(e) = lede_core::check_invariants(&doc) {
        panic!("invariant broken: {e}\ninput: {blocks:?}");
    }
});
