//! `lede parse [FILE|-] [--format json|markdown]`.
//!
//! JSON (the default) is the serialised `lede_core::Document` (schema in `docs/schema.md`,
//! version `lede_core::SCHEMA_VERSION`) with three additions made here:
//! - every span object `{"start", "end"}` (byte offsets into `text`) also carries
//!   `"char_start"` and `"char_end"`: the same offsets counted in Unicode scalar values;
//! - every block carries its `"text"`;
//! - `"meta"` gathers the article's furniture: title, dek, bylines, datelines, timestamps,
//!   credits and editor's notes, as text.
//!
//! Markdown is a readable outline built from one writer per part ([`PARTS`]): add a part by
//! adding a function to that list.

use crate::input::{read_input, Input};
use lede_core::{BlockKind, Document, Options};
use serde_json::{json, Map, Value};
use std::fmt::Write;
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Markdown,
}

pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let mut path = None;
    let mut format = Format::Json;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--format" | "-f" => {
                format = match it.next().map(String::as_str) {
                    Some("json") => Format::Json,
                    Some("markdown" | "md") => Format::Markdown,
                    other => return Err(format!("unknown format {other:?} (json or markdown)")),
                }
            }
            "--json" => format = Format::Json,
            "--markdown" => format = Format::Markdown,
            _ if arg.starts_with("--format=") => {
                format = match &arg["--format=".len()..] {
                    "json" => Format::Json,
                    "markdown" | "md" => Format::Markdown,
                    other => return Err(format!("unknown format {other:?} (json or markdown)")),
                }
            }
            _ if path.is_none() => path = Some(arg.clone()),
            _ => return Err(format!("unexpected argument {arg:?}")),
        }
    }
    let path = path.unwrap_or_else(|| "-".to_string());
    let doc = match read_input(&path)? {
        Input::Text(text) => lede_core::parse(&text),
        Input::Html(blocks) => lede_core::parse_blocks(&blocks, &Options::default()),
    };
    let out = match format {
        Format::Json => serde_json::to_string_pretty(&to_json(&doc)).map_err(|e| e.to_string())?,
        Format::Markdown => to_markdown(&doc),
    };
    println!("{out}");
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------------------------
// JSON

/// The document as JSON, with character offsets next to every byte span, block texts and a
/// `meta` summary.
pub fn to_json(doc: &Document) -> Value {
    let mut value = serde_json::to_value(doc).unwrap_or(Value::Null);
    let chars = CharIndex::new(&doc.text);
    add_char_offsets(&mut value, &chars);
    if let Value::Object(map) = &mut value {
        if let Some(Value::Array(blocks)) = map.get_mut("blocks") {
            for (b, v) in doc.blocks.iter().zip(blocks.iter_mut()) {
                if let Value::Object(o) = v {
                    o.insert("text".into(), Value::String(doc.slice(b.span).to_string()));
                }
            }
        }
        map.insert("meta".into(), meta(doc));
    }
    value
}

fn meta(doc: &Document) -> Value {
    let texts = |kind: BlockKind| -> Vec<&str> {
        doc.blocks
            .iter()
            .filter(|b| b.kind == kind)
            .map(|b| doc.slice(b.span))
            .collect()
    };
    let credits: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| b.credit)
        .map(|c| doc.slice(c))
        .collect();
    let mut m = Map::new();
    m.insert("title".into(), json!(doc.title.map(|t| doc.slice(t))));
    m.insert("dek".into(), json!(texts(BlockKind::Dek).first()));
    m.insert("bylines".into(), json!(texts(BlockKind::Byline)));
    m.insert("datelines".into(), json!(texts(BlockKind::Dateline)));
    m.insert("timestamps".into(), json!(texts(BlockKind::Timestamp)));
    m.insert("credits".into(), json!(credits));
    m.insert("editor_notes".into(), json!(texts(BlockKind::EditorNote)));
    m.insert("body_blocks".into(), json!(doc.body_blocks().count()));
    m.insert("sections".into(), json!(doc.sections.len()));
    m.insert("chars".into(), json!(doc.text.chars().count()));
    Value::Object(m)
}

/// Byte offset to char offset, for every byte offset of a text.
struct CharIndex {
    /// `table[b]` = number of chars before byte `b` (for `b` on a char boundary).
    table: Vec<u32>,
}

impl CharIndex {
    fn new(text: &str) -> CharIndex {
        let mut table = vec![0u32; text.len() + 1];
        let mut n = 0u32;
        for (b, slot) in table.iter_mut().enumerate().take(text.len()) {
            *slot = n;
            if text.is_char_boundary(b + 1) {
                n += 1;
            }
        }
        table[text.len()] = n;
        CharIndex { table }
    }

    fn get(&self, byte: u64) -> u64 {
        let i = (byte as usize).min(self.table.len().saturating_sub(1));
        u64::from(self.table.get(i).copied().unwrap_or(0))
    }
}

/// Add `char_start`/`char_end` to every object that is a span (`{"start": n, "end": n}`).
fn add_char_offsets(value: &mut Value, chars: &CharIndex) {
    match value {
        Value::Object(map) => {
            let span = map.len() == 2
                && map.get("start").and_then(Value::as_u64).is_some()
                && map.get("end").and_then(Value::as_u64).is_some();
            if span {
                let s = map["start"].as_u64().unwrap_or(0);
                let e = map["end"].as_u64().unwrap_or(0);
                map.insert("char_start".into(), json!(chars.get(s)));
                map.insert("char_end".into(), json!(chars.get(e)));
                return;
            }
            for v in map.values_mut() {
                add_char_offsets(v, chars);
            }
        }
        Value::Array(items) => {
            for v in items {
                add_char_offsets(v, chars);
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown

/// One part of the Markdown outline.
pub type Part = fn(&Document, &mut String);

/// The parts of the Markdown outline, in order. Later parts (quotes, facts) go here.
pub const PARTS: &[Part] = &[
    write_header,
    write_front_media,
    write_sections,
    write_notes,
    write_diagnostics,
];

pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::new();
    for part in PARTS {
        let before = out.len();
        part(doc, &mut out);
        if out.len() > before && !out.ends_with("\n\n") {
            out.push('\n');
        }
    }
    out.trim_end().to_string()
}

/// Which blocks some section holds.
fn in_sections(doc: &Document) -> Vec<bool> {
    let mut held = vec![false; doc.blocks.len()];
    for s in &doc.sections {
        for &i in &s.blocks {
            if let Some(h) = held.get_mut(i as usize) {
                *h = true;
            }
        }
    }
    held
}

/// Title, dek and the article's metadata.
pub fn write_header(doc: &Document, out: &mut String) {
    let title = doc.title.map_or("(untitled)", |t| doc.slice(t));
    let _ = writeln!(out, "# {}\n", one_line(title));
    for b in doc.blocks.iter().filter(|b| b.kind == BlockKind::Dek) {
        let _ = writeln!(out, "_{}_\n", one_line(doc.slice(b.span)));
    }
    let mut meta = String::new();
    for (kind, label) in [
        (BlockKind::Byline, "Byline"),
        (BlockKind::Dateline, "Dateline"),
        (BlockKind::Timestamp, "Timestamp"),
    ] {
        for b in doc.blocks.iter().filter(|b| b.kind == kind) {
            let _ = writeln!(meta, "- {label}: {}", one_line(doc.slice(b.span)));
        }
    }
    if let Some(d) = doc.article_date {
        let _ = writeln!(
            meta,
            "- Article date: {:04}-{:02}-{:02}",
            d.year, d.month, d.day
        );
    }
    let _ = writeln!(
        meta,
        "- {} body blocks in {} sections, {} sentences",
        doc.body_blocks().count(),
        doc.sections.len(),
        doc.sentences.len()
    );
    out.push_str(&meta);
}

/// Media, captions and credits outside the sections (a lead photo, a video link).
pub fn write_front_media(doc: &Document, out: &mut String) {
    let held = in_sections(doc);
    let media: Vec<usize> = (0..doc.blocks.len())
        .filter(|&i| !held[i] && is_media(doc.blocks[i].kind))
        .collect();
    if media.is_empty() {
        return;
    }
    out.push_str("## Media\n\n");
    for i in media {
        let _ = writeln!(out, "- {}", media_line(doc, i));
    }
}

fn is_media(kind: BlockKind) -> bool {
    matches!(
        kind,
        BlockKind::Media | BlockKind::Caption | BlockKind::Credit
    )
}

fn media_line(doc: &Document, i: usize) -> String {
    let b = &doc.blocks[i];
    let kind = match b.kind {
        BlockKind::Caption => "Caption",
        BlockKind::Credit => "Credit",
        _ => "Media",
    };
    let text = doc.slice(b.span);
    match b.credit {
        Some(c) if b.kind == BlockKind::Caption => {
            let caption = doc.slice(lede_core::blocks::caption_text(&doc.text, b));
            format!("{kind}: {} (credit: {})", one_line(caption), doc.slice(c))
        }
        _ => format!("{kind}: {}", one_line(text)),
    }
}

/// Every section with its blocks.
pub fn write_sections(doc: &Document, out: &mut String) {
    for s in &doc.sections {
        let hashes = "#".repeat(usize::from(s.level.clamp(2, 4)));
        let _ = writeln!(out, "{hashes} {}\n", one_line(&s.label));
        for &i in &s.blocks {
            let b = &doc.blocks[i as usize];
            if Some(b.span) == s.heading {
                continue;
            }
            write_block(doc, i as usize, out);
        }
    }
}

/// One block inside a section.
pub fn write_block(doc: &Document, i: usize, out: &mut String) {
    let b = &doc.blocks[i];
    let text = one_line(doc.slice(b.span));
    let _ = match b.kind {
        BlockKind::Paragraph => writeln!(out, "{text}\n"),
        BlockKind::ListItem => writeln!(out, "- {text}\n"),
        BlockKind::BlockQuote => writeln!(out, "> {text}\n"),
        BlockKind::Question => writeln!(out, "**{text}**\n"),
        BlockKind::Answer => writeln!(out, "{text}\n"),
        BlockKind::Heading => writeln!(out, "**{text}**\n"),
        BlockKind::Dateline => writeln!(out, "_Dateline: {text}_\n"),
        BlockKind::Media | BlockKind::Caption | BlockKind::Credit => {
            writeln!(out, "_{}_\n", media_line(doc, i))
        }
        BlockKind::EditorNote => writeln!(out, "_Note: {text}_\n"),
        BlockKind::Boilerplate => writeln!(out, "_(page text: {text})_\n"),
        BlockKind::Title | BlockKind::Dek | BlockKind::Byline | BlockKind::Timestamp => {
            writeln!(out, "_{}: {text}_\n", b.kind.name())
        }
    };
}

/// Editor's notes and page boilerplate outside the sections.
pub fn write_notes(doc: &Document, out: &mut String) {
    let held = in_sections(doc);
    let notes: Vec<usize> = (0..doc.blocks.len())
        .filter(|&i| {
            !held[i]
                && matches!(
                    doc.blocks[i].kind,
                    BlockKind::EditorNote | BlockKind::Boilerplate
                )
        })
        .collect();
    if notes.is_empty() {
        return;
    }
    out.push_str("## Notes\n\n");
    for i in notes {
        let b = &doc.blocks[i];
        let label = if b.kind == BlockKind::EditorNote {
            "Editor's note"
        } else {
            "Page text"
        };
        let _ = writeln!(out, "- {label}: {}", one_line(doc.slice(b.span)));
    }
}

pub fn write_diagnostics(doc: &Document, out: &mut String) {
    if doc.diagnostics.is_empty() {
        return;
    }
    out.push_str("## Diagnostics\n\n");
    for d in &doc.diagnostics {
        let _ = writeln!(out, "- {:?}: {}", d.severity, d.message);
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_next_to_byte_offsets() {
        let doc = lede_core::parse("Café Title Here\n\nThe café “opened” on Monday.");
        let v = to_json(&doc);
        let block = &v["blocks"][1];
        assert_eq!(block["text"], "The café “opened” on Monday.");
        let span = &block["span"];
        let (s, e) = (
            span["start"].as_u64().unwrap(),
            span["end"].as_u64().unwrap(),
        );
        let (cs, ce) = (
            span["char_start"].as_u64().unwrap(),
            span["char_end"].as_u64().unwrap(),
        );
        assert_eq!(cs, doc.text[..s as usize].chars().count() as u64);
        assert_eq!(
            ce - cs,
            doc.text[s as usize..e as usize].chars().count() as u64
        );
        assert!(
            e - s > ce - cs,
            "multi-byte chars make the byte span longer"
        );
        assert_eq!(v["meta"]["title"], "Café Title Here");
    }

    #[test]
    fn html_article_to_json() {
        let html = "<html><body><article><h1>Port Talks Resume</h1>\
            <p>Both sides return to the table after a month</p><p>By Ann Lee</p>\
            <figure><figcaption>Cranes at dusk. PlayAnn Lee/AP Photo</figcaption></figure>\
            <p>The talks resumed on Monday.</p><p>Both sides met for an hour.</p>\
            <p><i>Sam Roe contributed to this report.</i></p></article></body></html>";
        let blocks = crate::input::html_blocks(html);
        let doc = lede_core::parse_blocks(&blocks, &lede_core::Options::default());
        lede_core::check_invariants(&doc).unwrap();
        let v = to_json(&doc);
        assert_eq!(v["meta"]["title"], "Port Talks Resume");
        assert_eq!(
            v["meta"]["dek"],
            "Both sides return to the table after a month"
        );
        assert_eq!(v["meta"]["bylines"][0], "By Ann Lee");
        assert_eq!(v["meta"]["credits"][0], "Ann Lee/AP Photo");
        assert_eq!(
            v["meta"]["editor_notes"][0],
            "Sam Roe contributed to this report."
        );
        assert_eq!(v["meta"]["body_blocks"], 2);
    }

    #[test]
    fn markdown_outline_has_every_part() {
        let text = "Port Talks Resume\n\nPHOTO: Cranes at dusk. PlayAnn Lee/AP Photo\n\n\
                    The talks resumed on Monday.\n\nBoth sides met for an hour.\n\n\
                    Sam Roe contributed to this report.";
        let md = to_markdown(&lede_core::parse(text));
        assert!(md.starts_with("# Port Talks Resume"), "{md}");
        assert!(
            md.contains("Caption: PHOTO: Cranes at dusk. (credit: Ann Lee/AP Photo)"),
            "{md}"
        );
        assert!(md.contains("The talks resumed on Monday."), "{md}");
        assert!(
            md.contains("- Editor's note: Sam Roe contributed to this report."),
            "{md}"
        );
    }
}
