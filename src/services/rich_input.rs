//! Structured input: HTML (the clipboard's HTML flavour, an .html file) and Markdown files,
//! turned into [`InputBlock`]s. HTML is read by the browser's inert DOMParser and only ever
//! through `textContent`: nothing of it is executed or inserted into the page.

use lede_core::{InputBlock, InputBlockKind};
use wasm_bindgen::JsCast;

const BLOCKS: &str = "h1,h2,h3,h4,h5,h6,p,li,blockquote,figcaption";
const SKIPPED: &str = "script,style,nav,aside,noscript,template,button,form";

/// The text blocks of an HTML document, in document order.
pub fn html_to_blocks(html: &str) -> Vec<InputBlock> {
    let Ok(parser) = web_sys::DomParser::new() else {
        return Vec::new();
    };
    let Ok(doc) = parser.parse_from_string(html, web_sys::SupportedType::TextHtml) else {
        return Vec::new();
    };
    let Ok(nodes) = doc.query_selector_all(BLOCKS) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for i in 0..nodes.length() {
        let Some(el) = nodes
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        if el.closest(SKIPPED).ok().flatten().is_some() {
            continue;
        }
        // The innermost block wins: a <p> inside a <blockquote> is read once, as a quote.
        if el.query_selector(BLOCKS).ok().flatten().is_some() {
            continue;
        }
        let text = collapse_space(&el.text_content().unwrap_or_default());
        if text.is_empty() {
            continue;
        }
        let tag = el.tag_name().to_ascii_lowercase();
        let inside = |sel: &str| el.closest(sel).ok().flatten().is_some();
        let kind = match tag.as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                InputBlockKind::Heading(tag.as_bytes()[1] - b'0')
            }
            _ if inside("figcaption") => InputBlockKind::Caption,
            _ if inside("blockquote") => InputBlockKind::BlockQuote,
            _ if inside("li") => InputBlockKind::ListItem,
            _ => InputBlockKind::Paragraph,
        };
        out.push(InputBlock { kind, text });
    }
    out
}

/// HTML white space: runs collapse to one space.
fn collapse_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The plain text the text area shows for structured input.
pub fn blocks_to_text(blocks: &[InputBlock]) -> String {
    blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Whether structured blocks carry the article, or lost too much of the plain flavour (a page
/// built from bare <div>s): then the plain text is the better input.
pub fn blocks_cover(blocks: &[InputBlock], plain: &str) -> bool {
    let got: usize = blocks.iter().map(|b| b.text.len()).sum();
    let want = plain.split_whitespace().map(|w| w.len() + 1).sum::<usize>();
    !blocks.is_empty() && got * 10 >= want * 7
}

/// The blocks of a Markdown text: headings, list items, block quotes and paragraphs, with
/// emphasis marks and link targets dropped.
pub fn markdown_to_blocks(text: &str) -> Vec<InputBlock> {
    let mut out: Vec<InputBlock> = Vec::new();
    let mut para = String::new();
    let flush = |para: &mut String, out: &mut Vec<InputBlock>| {
        if !para.trim().is_empty() {
            out.push(InputBlock {
                kind: InputBlockKind::Paragraph,
                text: inline(para.trim()),
            });
        }
        para.clear();
    };
    for line in text.lines() {
        let t = line.trim();
        let hashes = t.bytes().take_while(|&b| b == b'#').count();
        let list = t
            .strip_prefix("- ")
            .or_else(|| t.strip_prefix("* "))
            .or_else(|| {
                let digits = t.bytes().take_while(u8::is_ascii_digit).count();
                (digits > 0)
                    .then(|| t[digits..].strip_prefix(". "))
                    .flatten()
            });
        if t.is_empty() {
            flush(&mut para, &mut out);
        } else if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            flush(&mut para, &mut out);
            let kind = InputBlockKind::Heading(hashes as u8);
            out.push(InputBlock {
                kind,
                text: inline(t[hashes..].trim()),
            });
        } else if let Some(item) = list {
            flush(&mut para, &mut out);
            out.push(InputBlock {
                kind: InputBlockKind::ListItem,
                text: inline(item.trim()),
            });
        } else if let Some(q) = t.strip_prefix('>') {
            flush(&mut para, &mut out);
            match out.last_mut() {
                Some(b) if b.kind == InputBlockKind::BlockQuote && !q.trim().is_empty() => {
                    b.text.push(' ');
                    b.text.push_str(&inline(q.trim()));
                }
                _ => out.push(InputBlock {
                    kind: InputBlockKind::BlockQuote,
                    text: inline(q.trim()),
                }),
            }
        } else {
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(t);
        }
    }
    flush(&mut para, &mut out);
    out.retain(|b| !b.text.is_empty());
    out
}

/// Inline Markdown to plain text: `[text](url)` -> text, `**`/`__`/backticks dropped.
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let link = after.find("](").and_then(|close| {
            let target = &after[close + 2..];
            target.find(')').map(|end| (close, close + 2 + end + 1))
        });
        match link {
            Some((close, skip)) => {
                out.push_str(&rest[..open]);
                out.push_str(&after[..close]);
                rest = &after[skip..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("**", "").replace("__", "").replace('`', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_blocks() {
        let md = "# Title here\n\nBy **Ann** Lee\n\n## Part one\n\nA [link](http://x.y) and\nmore.\n\n- one\n- two\n\n> quoted\n> on";
        let got: Vec<(InputBlockKind, String)> = markdown_to_blocks(md)
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect();
        use InputBlockKind::*;
        assert_eq!(
            got,
            vec![
                (Heading(1), "Title here".into()),
                (Paragraph, "By Ann Lee".into()),
                (Heading(2), "Part one".into()),
                (Paragraph, "A link and more.".into()),
                (ListItem, "one".into()),
                (ListItem, "two".into()),
                (BlockQuote, "quoted on".into()),
            ]
        );
    }

    #[test]
    fn coverage_check() {
        let blocks = vec![InputBlock {
            kind: InputBlockKind::Paragraph,
            text: "one two".into(),
        }];
        assert!(blocks_cover(&blocks, "one two"));
        assert!(!blocks_cover(&blocks, "one two three four five six seven"));
        assert!(!blocks_cover(&[], ""));
    }
}
