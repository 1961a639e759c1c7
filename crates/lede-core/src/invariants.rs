//! The invariants every [`Document`] keeps, checked in one place so that golden tests,
//! property tests and fuzzing can all use them.
//!
//! - Every span (blocks, credits, sections, headings, sentences, quotes and their parts,
//!   terms, speaker and entity mentions, dates, figures, sources, diagnostics, the title) is
//!   in bounds of `Document::text` and starts and ends on a char boundary.
//! - Blocks are in text order and never overlap; a credit lies inside its block.
//! - Sections are in text order and never overlap; each holds an ascending, contiguous run of
//!   valid block indices and its span covers them; a heading span is one of its blocks'.
//! - Every body block is in exactly one section.
//! - Sentences are in text order, never overlap, and each lies inside one body block.
//! - Quotes are in text order by start; their fragments, mention and cue are in bounds.
//! - `Quote::speaker` indexes `Document::speakers`.
//! - Speaker and entity mentions are in text order.

use crate::{Document, Span};

/// Check every invariant; the first broken one is described in the error.
pub fn check_invariants(doc: &Document) -> Result<(), String> {
    let text = doc.text.as_str();
    let check = |what: &str, span: Span| -> Result<(), String> {
        let (s, e) = (span.start as usize, span.end as usize);
        if s > e {
            return Err(format!("{what}: reversed span {s}..{e}"));
        }
        if e > text.len() {
            return Err(format!(
                "{what}: span {s}..{e} out of bounds (text is {} bytes)",
                text.len()
            ));
        }
        if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            return Err(format!("{what}: span {s}..{e} not on a char boundary"));
        }
        Ok(())
    };

    if let Some(t) = doc.title {
        check("title", t)?;
    }
    // Blocks.
    let mut prev_end = 0u32;
    for (i, b) in doc.blocks.iter().enumerate() {
        check(&format!("block {i}"), b.span)?;
        if b.span.start < prev_end {
            return Err(format!(
                "block {i} ({:?}) overlaps or precedes the previous block",
                b.kind
            ));
        }
        if b.span.is_empty() {
            return Err(format!("block {i} ({:?}) is empty", b.kind));
        }
        prev_end = b.span.end;
        if let Some(c) = b.credit {
            check(&format!("block {i} credit"), c)?;
            if !b.span.contains(c) {
                return Err(format!(
                    "block {i}: credit {c:?} outside the block {:?}",
                    b.span
                ));
            }
        }
    }
    // Sections.
    let mut owner: Vec<Option<usize>> = vec![None; doc.blocks.len()];
    let mut prev_end = 0u32;
    for (k, s) in doc.sections.iter().enumerate() {
        check(&format!("section {k}"), s.span)?;
        if s.span.start < prev_end {
            return Err(format!(
                "section {k} overlaps or precedes the previous section"
            ));
        }
        prev_end = s.span.end;
        if let Some(h) = s.heading {
            check(&format!("section {k} heading"), h)?;
        }
        if s.blocks.is_empty() {
            return Err(format!("section {k} has no blocks"));
        }
        for (j, &bi) in s.blocks.iter().enumerate() {
            let bi = bi as usize;
            let Some(block) = doc.blocks.get(bi) else {
                return Err(format!("section {k}: block index {bi} out of range"));
            };
            if j > 0 && bi != s.blocks[j - 1] as usize + 1 {
                return Err(format!(
                    "section {k}: block indices not contiguous and ascending"
                ));
            }
            if !s.span.contains(block.span) {
                return Err(format!(
                    "section {k}: block {bi} lies outside the section's span"
                ));
            }
            if let Some(other) = owner[bi] {
                return Err(format!("block {bi} is in sections {other} and {k}"));
            }
            owner[bi] = Some(k);
        }
        if let Some(h) = s.heading {
            if !s.blocks.iter().any(|&bi| doc.blocks[bi as usize].span == h) {
                return Err(format!(
                    "section {k}: heading span is not one of its blocks"
                ));
            }
        }
    }
    for (i, b) in doc.blocks.iter().enumerate() {
        if b.kind.is_body() && owner[i].is_none() {
            return Err(format!("body block {i} ({:?}) is in no section", b.kind));
        }
    }
    // Sentences.
    let mut prev_end = 0u32;
    let mut bi = 0;
    for (k, &s) in doc.sentences.iter().enumerate() {
        check(&format!("sentence {k}"), s)?;
        if s.start < prev_end || s.is_empty() {
            return Err(format!(
                "sentence {k} is empty, overlaps or is out of order"
            ));
        }
        prev_end = s.end;
        while bi < doc.blocks.len() && doc.blocks[bi].span.end < s.end {
            bi += 1;
        }
        let inside = doc
            .blocks
            .get(bi)
            .is_some_and(|b| b.kind.is_body() && b.span.contains(s));
        if !inside {
            return Err(format!("sentence {k} {s:?} is not inside a body block"));
        }
    }
    // Quotes.
    let mut prev_start = 0u32;
    for (k, q) in doc.quotes.iter().enumerate() {
        check(&format!("quote {k}"), q.span)?;
        if q.span.start < prev_start {
            return Err(format!("quote {k} is out of text order"));
        }
        prev_start = q.span.start;
        for (j, &f) in q.fragments.iter().enumerate() {
            check(&format!("quote {k} fragment {j}"), f)?;
        }
        if let Some(m) = q.mention {
            check(&format!("quote {k} mention"), m)?;
        }
        if let Some(c) = q.cue {
            check(&format!("quote {k} cue"), c)?;
        }
        if let Some(id) = q.speaker {
            if doc.speaker(id).is_none() {
                return Err(format!("quote {k}: speaker {} does not exist", id.0));
            }
        }
    }
    for (k, &t) in doc.terms.iter().enumerate() {
        check(&format!("term {k}"), t)?;
    }
    let in_order = |what: &str, spans: &[Span]| -> Result<(), String> {
        if spans.windows(2).any(|w| w[1].start < w[0].start) {
            return Err(format!("{what}: mentions out of text order"));
        }
        Ok(())
    };
    for (k, s) in doc.speakers.iter().enumerate() {
        for (j, &m) in s.mentions.iter().enumerate() {
            check(&format!("speaker {k} mention {j}"), m)?;
        }
        in_order(&format!("speaker {k}"), &s.mentions)?;
    }
    for (k, e) in doc.entities.iter().enumerate() {
        for (j, &m) in e.mentions.iter().enumerate() {
            check(&format!("entity {k} mention {j}"), m)?;
        }
        in_order(&format!("entity {k}"), &e.mentions)?;
        for (j, &m) in e.adjective_mentions.iter().enumerate() {
            check(&format!("entity {k} adjective mention {j}"), m)?;
        }
        in_order(&format!("entity {k} adjectives"), &e.adjective_mentions)?;
    }
    for (k, d) in doc.dates.iter().enumerate() {
        check(&format!("date {k}"), d.span)?;
    }
    for (k, f) in doc.figures.iter().enumerate() {
        check(&format!("figure {k}"), f.span)?;
    }
    for (k, s) in doc.sources.iter().enumerate() {
        check(&format!("source {k}"), s.span)?;
    }
    for (k, d) in doc.diagnostics.iter().enumerate() {
        if let Some(s) = d.span {
            check(&format!("diagnostic {k}"), s)?;
        }
    }
    Ok(())
}
