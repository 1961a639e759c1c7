//! Blocks: the article split into paragraphs, headings and furniture.

use crate::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Title,
    Dek,
    Byline,
    Dateline,
    Timestamp,
    Heading,
    Paragraph,
    ListItem,
    BlockQuote,
    Question,
    Answer,
    Media,
    Caption,
    Credit,
    Boilerplate,
    EditorNote,
}

impl BlockKind {
    /// Body text: what sections group and what quotes and facts are read from.
    pub fn is_body(self) -> bool {
        matches!(
            self,
            BlockKind::Paragraph
                | BlockKind::ListItem
                | BlockKind::BlockQuote
                | BlockKind::Question
                | BlockKind::Answer
        )
    }
}

/// One block of the article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    /// The whole block, trimmed of surrounding white space.
    pub span: Span,
    /// Heading level (1 = title-like) for headings; 0 otherwise.
    pub level: u8,
    /// The span of a credit inside a caption or media line ("Name/Agency/AP Photo").
    pub credit: Option<Span>,
}

impl Block {
    pub fn new(kind: BlockKind, span: Span) -> Block {
        Block { kind, span, level: 0, credit: None }
    }
}

/// A structural hint from rich input (HTML paste or file).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputBlockKind {
    Heading(u8),
    Paragraph,
    ListItem,
    BlockQuote,
    Caption,
}

/// One block of rich input: its kind and its plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputBlock {
    pub kind: InputBlockKind,
    pub text: String,
}

/// Split plain text into blocks: one per non-empty line group separated by blank lines, and
/// one per line when the text has no blank lines at all.
pub fn split(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let single_lines = !text.contains("\n\n");
    let mut start = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        let blank = content.trim().is_empty();
        if blank || single_lines {
            if let Some(s) = start.take() {
                push_trimmed(&mut blocks, text, s, pos);
            }
            if !blank {
                push_trimmed(&mut blocks, text, pos, pos + content.len());
            }
        } else if start.is_none() {
            start = Some(pos);
        }
        pos += line.len();
    }
    if let Some(s) = start {
        push_trimmed(&mut blocks, text, s, text.len());
    }
    blocks
}

fn push_trimmed(blocks: &mut Vec<Block>, text: &str, start: usize, end: usize) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        blocks.push(Block::new(BlockKind::Paragraph, Span::new(start + lead, end - trail)));
    }
}

/// Join rich input blocks into one text (blank line between blocks) and remember each block's
/// span and kind.
pub fn join_input(input: &[InputBlock]) -> (String, Vec<(Span, InputBlockKind)>) {
    let mut text = String::new();
    let mut hints = Vec::with_capacity(input.len());
    for block in input {
        let t = block.text.trim();
        if t.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        // Line breaks inside one block are soft: the block is one unit.
        for (i, line) in t.lines().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            text.push_str(line.trim());
        }
        hints.push((Span::new(start, text.len()), block.kind));
    }
    (text, hints)
}

/// Blocks from rich input, trusting its structure.
pub fn split_with_hints(text: &str, hints: &[(Span, InputBlockKind)]) -> Vec<Block> {
    let _ = text;
    hints
        .iter()
        .map(|&(span, kind)| match kind {
            InputBlockKind::Heading(level) => {
                Block { kind: BlockKind::Heading, span, level, credit: None }
            }
            InputBlockKind::Paragraph => Block::new(BlockKind::Paragraph, span),
            InputBlockKind::ListItem => Block::new(BlockKind::ListItem, span),
            InputBlockKind::BlockQuote => Block::new(BlockKind::BlockQuote, span),
            InputBlockKind::Caption => Block::new(BlockKind::Caption, span),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_texts(text: &str) -> Vec<&str> {
        split(text).iter().map(|b| &text[b.span]).collect()
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        assert_eq!(kinds_and_texts("One.\nstill one.\n\n  Two. \n\n\n"), ["One.\nstill one.", "Two."]);
    }

    #[test]
    fn single_newlines_when_no_blank_lines() {
        assert_eq!(kinds_and_texts("One.\nTwo.\nThree."), ["One.", "Two.", "Three."]);
    }

    #[test]
    fn empty_input() {
        assert!(split("").is_empty());
        assert!(split(" \n\n \t").is_empty());
    }
}
