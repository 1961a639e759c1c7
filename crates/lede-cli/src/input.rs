//! Reading input files: plain text, Markdown, or HTML mapped to rich input blocks.

use lede_core::{InputBlock, InputBlockKind};
use scraper::{ElementRef, Html, Node};
use std::io::Read;

/// What an input file holds.
pub enum Input {
    Text(String),
    Html(Vec<InputBlock>),
}

/// Read a file (or standard input for `-`) as text; invalid UTF-8 is replaced, not fatal.
pub fn read_text(path: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("reading standard input: {e}"))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Read a file as text, or as HTML blocks when it is an `.html`/`.htm` file or starts like
/// an HTML document.
pub fn read_input(path: &str) -> Result<Input, String> {
    let text = read_text(path)?;
    let lower_path = path.to_ascii_lowercase();
    let by_name = lower_path.ends_with(".html") || lower_path.ends_with(".htm");
    if by_name || looks_like_html(&text) {
        Ok(Input::Html(html_blocks(&text)))
    } else {
        Ok(Input::Text(text))
    }
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(64)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<article")
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "nav", "noscript", "template", "svg", "iframe", "button", "form", "select",
    "head", "footer", "aside", "menu", "dialog", "canvas", "video", "audio", "object",
];

/// Map an HTML document to rich input blocks: `h1`-`h6` headings, `p` paragraphs, `li` list
/// items, `blockquote` quotes and `figcaption` captions; loose text in other containers
/// becomes paragraphs. Scripts, styles and navigation are dropped.
pub fn html_blocks(html: &str) -> Vec<InputBlock> {
    let doc = Html::parse_document(html);
    let mut out = Vec::new();
    let mut pending = String::new();
    walk(doc.root_element(), &mut out, &mut pending);
    flush(&mut out, &mut pending);
    out
}

fn kind_of(name: &str) -> Option<InputBlockKind> {
    Some(match name {
        "h1" => InputBlockKind::Heading(1),
        "h2" => InputBlockKind::Heading(2),
        "h3" => InputBlockKind::Heading(3),
        "h4" => InputBlockKind::Heading(4),
        "h5" => InputBlockKind::Heading(5),
        "h6" => InputBlockKind::Heading(6),
        "p" | "pre" | "dd" | "dt" | "address" => InputBlockKind::Paragraph,
        "li" => InputBlockKind::ListItem,
        "blockquote" => InputBlockKind::BlockQuote,
        "figcaption" | "caption" => InputBlockKind::Caption,
        _ => return None,
    })
}

/// Containers that break loose text into separate paragraphs.
fn is_block_container(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "figure"
            | "ul"
            | "ol"
            | "dl"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "body"
            | "html"
            | "hr"
            | "br"
    )
}

fn walk(el: ElementRef<'_>, out: &mut Vec<InputBlock>, pending: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => pending.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if SKIPPED.contains(&name) {
                    continue;
                }
                let Some(child_el) = ElementRef::wrap(child) else {
                    continue;
                };
                if let Some(kind) = kind_of(name) {
                    // A list item holding nested blocks (a paragraph, a sub-list) is walked.
                    let nested = child_el.children().any(|c| {
                        c.value().as_element().is_some_and(|e| {
                            kind_of(e.name()).is_some() || matches!(e.name(), "ul" | "ol")
                        })
                    });
                    if nested && kind == InputBlockKind::ListItem {
                        flush(out, pending);
                        walk(child_el, out, pending);
                        flush(out, pending);
                        continue;
                    }
                    flush(out, pending);
                    let mut text = String::new();
                    collect_text(child_el, &mut text);
                    out.push(InputBlock { kind, text });
                } else if is_block_container(name) {
                    flush(out, pending);
                    walk(child_el, out, pending);
                    flush(out, pending);
                } else {
                    walk(child_el, out, pending);
                }
            }
            _ => {}
        }
    }
}

/// The text of an element, line breaks for `<br>`, skipped elements left out.
fn collect_text(el: ElementRef<'_>, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if e.name() == "br" => out.push('\n'),
            Node::Element(e) if SKIPPED.contains(&e.name()) => {}
            Node::Element(_) => {
                if let Some(c) = ElementRef::wrap(child) {
                    collect_text(c, out);
                }
            }
            _ => {}
        }
    }
}

fn flush(out: &mut Vec<InputBlock>, pending: &mut String) {
    if !pending.trim().is_empty() {
        out.push(InputBlock {
            kind: InputBlockKind::Paragraph,
            text: pending.trim().to_string(),
        });
    }
    pending.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_maps_to_blocks() {
        let html = "<!doctype html><html><head><title>T</title><style>p{}</style></head><body>\
            <nav><a>Home</a></nav><article><h1>Bridge Reopens</h1><p>By <b>Ann Lee</b></p>\
            <figure><img src=x><figcaption>Boats at dawn. Jane Roe/AP Photo</figcaption></figure>\
            <p>The bridge reopened.<script>track()</script></p><ul><li>one</li><li>two</li></ul>\
            <blockquote><p>Quoted line.</p></blockquote><div>Loose text</div></article></body></html>";
        let blocks = html_blocks(html);
        let got: Vec<(InputBlockKind, &str)> =
            blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (InputBlockKind::Heading(1), "Bridge Reopens"),
                (InputBlockKind::Paragraph, "By Ann Lee"),
                (InputBlockKind::Caption, "Boats at dawn. Jane Roe/AP Photo"),
                (InputBlockKind::Paragraph, "The bridge reopened."),
                (InputBlockKind::ListItem, "one"),
                (InputBlockKind::ListItem, "two"),
                (InputBlockKind::BlockQuote, "Quoted line."),
                (InputBlockKind::Paragraph, "Loose text"),
            ]
        );
    }
}
