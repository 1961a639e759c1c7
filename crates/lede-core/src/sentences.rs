//! Sentence boundaries inside body blocks.

use crate::{Block, Span};

/// Sentence spans of every body block, in text order.
pub fn split(text: &str, blocks: &[Block]) -> Vec<Span> {
    let mut out = Vec::new();
    for block in blocks.iter().filter(|b| b.kind.is_body()) {
        let s = &text[block.span];
        let base = block.span.start as usize;
        let mut start = 0;
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if matches!(bytes[i], b'.' | b'?' | b'!') && bytes.get(i + 1).is_none_or(|b| *b == b' ') {
                out.push(Span::new(base + start, base + i + 1));
                start = i + 1;
                while start < bytes.len() && bytes[start] == b' ' {
                    start += 1;
                }
                i = start;
                continue;
            }
            i += 1;
        }
        if start < s.len() {
            out.push(Span::new(base + start, base + s.len()));
        }
    }
    out
}
