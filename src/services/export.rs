//! Exports of the analysed article: Markdown for reading, JSON for tools, and file downloads.
//!
//! The JSON is the document schema the `lede` CLI prints (`serde_json::to_string_pretty` of
//! [`Document`]), so a file saved from the page and the CLI's output can be read by the same
//! tools. [`to_markdown`] and [`to_json`] are pure and tested natively; [`download`] needs a
//! browser.

use lede_core::{CivilDate, Document, EntityKind, Quote, QuoteKind, SpeakerId};
use std::fmt::Write as _;

/// A file the reader can save.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    Text,
}

impl Format {
    pub fn mime(self) -> &'static str {
        match self {
            Format::Markdown => "text/markdown;charset=utf-8",
            Format::Json => "application/json;charset=utf-8",
            Format::Text => "text/plain;charset=utf-8",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Text => "txt",
        }
    }
}

/// The document in the schema the CLI prints.
pub fn to_json(doc: &Document) -> String {
    serde_json::to_string_pretty(doc).unwrap_or_else(|e| {
        // Serialising plain data does not fail; should it ever, the file says why.
        format!(
            "{{\"error\":{}}}",
            serde_json::to_string(&e.to_string()).unwrap_or_default()
        )
    })
}

/// A file name for the article: its title in lower-case words joined by `-`, or `article`.
pub fn file_name(doc: &Document, format: Format) -> String {
    let title = doc.title.map(|s| doc.slice(s)).unwrap_or("");
    let mut stem = String::new();
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if stem.len() + word.len() > 60 {
            break;
        }
        if !stem.is_empty() {
            stem.push('-');
        }
        stem.extend(word.chars().flat_map(char::to_lowercase));
    }
    if stem.is_empty() {
        stem.push_str("article");
    }
    format!("{stem}.{}", format.extension())
}

/// The article's quotes grouped by speaker, and its facts, as Markdown.
pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::new();
    let title = doc
        .title
        .map(|s| inline(doc.slice(s)))
        .unwrap_or_else(|| "Article".to_owned());
    let _ = writeln!(out, "# {title}\n");
    if let Some(date) = doc.article_date {
        let _ = writeln!(out, "Article date: {}\n", iso(date));
    }

    out.push_str("## Quotes\n\n");
    if doc.quotes.is_empty() {
        out.push_str("No quotations found.\n\n");
    }
    // Speakers in the order they are first quoted; unattributed quotes last.
    let mut order: Vec<Option<SpeakerId>> = Vec::new();
    for q in &doc.quotes {
        if q.speaker.is_some() && !order.contains(&q.speaker) {
            order.push(q.speaker);
        }
    }
    if doc.quotes.iter().any(|q| q.speaker.is_none()) {
        order.push(None);
    }
    for who in order {
        let attribution = match who.and_then(|id| doc.speaker(id)) {
            Some(s) => match &s.role {
                Some(role) => format!("{}, {}", inline(&s.name), inline(role)),
                None => inline(&s.name),
            },
            None => "Unattributed".to_owned(),
        };
        let _ = writeln!(out, "### {attribution}\n");
        let quotes: Vec<&Quote> = doc.quotes.iter().filter(|q| q.speaker == who).collect();
        for q in quotes.iter().filter(|q| q.kind != QuoteKind::Indirect) {
            let _ = writeln!(out, "> “{}”\n>", quote_text(doc, q));
            if who.is_some() {
                let _ = writeln!(out, "> — {attribution}\n");
            } else {
                out.push_str("> — speaker not identified\n\n");
            }
        }
        let reported: Vec<&&Quote> = quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Indirect)
            .collect();
        if !reported.is_empty() {
            out.push_str("Reported speech:\n\n");
            for q in reported {
                let _ = writeln!(out, "- {}", quote_text(doc, q));
            }
            out.push('\n');
        }
    }

    out.push_str("## Facts\n\n");
    let mut any = false;
    for (kind, heading) in [
        (EntityKind::Person, "People"),
        (EntityKind::Organization, "Organisations"),
        (EntityKind::Place, "Places"),
    ] {
        let mut entities = doc.entities.iter().filter(|e| e.kind == kind).peekable();
        if entities.peek().is_none() {
            continue;
        }
        any = true;
        let _ = writeln!(out, "### {heading}\n");
        for e in entities {
            let _ = write!(out, "- {}", inline(&e.name));
            if let Some(role) = &e.role {
                let _ = write!(out, ", {}", inline(role));
            }
            let n = e.mentions.len();
            let _ = writeln!(out, " ({n} mention{})", if n == 1 { "" } else { "s" });
        }
        out.push('\n');
    }
    if !doc.dates.is_empty() {
        any = true;
        out.push_str("### Dates\n\n");
        for d in &doc.dates {
            let _ = write!(out, "- {}", inline(doc.slice(d.span)));
            let resolved = d.date.map(|date| match d.end {
                Some(end) if end != date => format!("{} to {}", iso(date), iso(end)),
                _ => iso(date),
            });
            match resolved {
                Some(r) if d.relative => {
                    let _ = write!(out, ": {r}");
                }
                Some(r) if inline(doc.slice(d.span)) != r => {
                    let _ = write!(out, " ({r})");
                }
                Some(_) => {}
                None => out.push_str(" (unresolved: the article's date is unknown)"),
            }
            if let Some(label) = &d.label {
                let _ = write!(out, " — {}", inline(label));
            }
            out.push('\n');
        }
        out.push('\n');
    }
    if !doc.figures.is_empty() {
        any = true;
        out.push_str("### Figures\n\n");
        for f in &doc.figures {
            let _ = write!(out, "- {}", inline(doc.slice(f.span)));
            if let Some(counts) = &f.counts {
                let _ = write!(out, ": {}", inline(counts));
            }
            out.push('\n');
        }
        out.push('\n');
    }
    if !doc.sources.is_empty() {
        any = true;
        out.push_str("### Sources\n\n");
        for s in &doc.sources {
            let _ = writeln!(out, "- {} ({})", inline(&s.name), inline(&s.cue));
        }
        out.push('\n');
    }
    if !any {
        out.push_str("No facts found.\n\n");
    }
    // One newline at the end of the file.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// A quote's words: its quoted parts joined by an ellipsis, without the interrupting
/// attribution; for reported speech, the reported clause.
fn quote_text(doc: &Document, q: &Quote) -> String {
    if q.fragments.is_empty() {
        return inline(doc.slice(q.span));
    }
    let parts: Vec<String> = q.fragments.iter().map(|&s| inline(doc.slice(s))).collect();
    parts.join(" … ")
}

fn iso(d: CivilDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// Text on one line, with Markdown's inline markers escaped so the article's words stay words.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Offer `contents` to the reader as a file: a Blob, an object URL and a temporary `<a download>`.
pub fn download(name: &str, format: Format, contents: &str) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(format.mime());
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(err)?
        .dyn_into()
        .map_err(|_| "not an anchor")?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_hidden(true);
    let body = document.body().ok_or("no body")?;
    body.append_child(&anchor).map_err(err)?;
    anchor.click();
    anchor.remove();
    // The download has started from the URL; releasing it later keeps slow browsers safe.
    let release = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(release.unchecked_ref(), 10_000);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lede_core::facts::{DatePrecision, FigureKind};
    use lede_core::{
        DateFact, Entity, EntityId, Figure, QuoteId, Source, Span, Speaker, SpeakerKind,
    };

    /// A small document built by hand, so the export is tested apart from the parser.
    fn doc() -> Document {
        let text =
            "Bridge to reopen\n\n\"We are ready,\" said Mayor Ana Ruiz. \"Work starts now.\" \
                    Officials said the cost had doubled. \"Maybe,\" one said. It cost 3 million \
                    on Tuesday, according to the *council*."
                .to_owned();
        let find = |needle: &str| {
            let start = text.find(needle).unwrap();
            Span::new(start, start + needle.len())
        };
        let quote = |id, kind, span: Span, fragments: Vec<Span>, speaker| Quote {
            id: QuoteId(id),
            kind,
            span,
            fragments,
            speaker,
            mention: None,
            cue: None,
            rule: "test",
            role: None,
            mention_kind: None,
        };
        Document {
            title: Some(find("Bridge to reopen")),
            article_date: Some(CivilDate {
                year: 2026,
                month: 11,
                day: 27,
            }),
            quotes: vec![
                quote(
                    0,
                    QuoteKind::Direct,
                    find("\"We are ready,\" said Mayor Ana Ruiz. \"Work starts now.\""),
                    vec![find("We are ready,"), find("Work starts now.")],
                    Some(SpeakerId(0)),
                ),
                quote(
                    1,
                    QuoteKind::Indirect,
                    find("the cost had doubled"),
                    vec![],
                    Some(SpeakerId(1)),
                ),
                quote(
                    2,
                    QuoteKind::Direct,
                    find("\"Maybe,\""),
                    vec![find("Maybe,")],
                    None,
                ),
            ],
            speakers: vec![
                Speaker {
                    id: SpeakerId(0),
                    kind: SpeakerKind::Person,
                    name: "Ana Ruiz".into(),
                    role: Some("Mayor".into()),
                    mentions: vec![find("Ana Ruiz")],
                },
                Speaker {
                    id: SpeakerId(1),
                    kind: SpeakerKind::Unnamed,
                    name: "Officials".into(),
                    role: None,
                    mentions: vec![find("Officials")],
                },
            ],
            entities: vec![Entity {
                id: EntityId(0),
                kind: EntityKind::Person,
                name: "Ana Ruiz".into(),
                role: Some("Mayor".into()),
                mentions: vec![find("Ana Ruiz")],
                aliases: vec![],
                adjective_mentions: vec![],
            }],
            dates: vec![DateFact {
                span: find("Tuesday"),
                relative: true,
                date: Some(CivilDate {
                    year: 2026,
                    month: 11,
                    day: 24,
                }),
                end: None,
                precision: DatePrecision::Day,
                label: Some("work starts".into()),
            }],
            figures: vec![Figure {
                span: find("3 million"),
                value: 3e6,
                unit: None,
                counts: Some("cost".into()),
                kind: FigureKind::Money,
                value_high: None,
                approx: None,
            }],
            sources: vec![Source {
                span: find("according to the *council*"),
                name: "the *council*".into(),
                cue: "according to".into(),
                entity: None,
            }],
            text,
            ..Document::default()
        }
    }

    #[test]
    fn markdown_groups_quotes_by_speaker_and_lists_facts() {
        let md = to_markdown(&doc());
        let expected = "\
# Bridge to reopen

Article date: 2026-11-27

## Quotes

### Ana Ruiz, Mayor

> “We are ready, … Work starts now.”
>
> — Ana Ruiz, Mayor

### Officials

Reported speech:

- the cost had doubled

### Unattributed

> “Maybe,”
>
> — speaker not identified

## Facts

### People

- Ana Ruiz, Mayor (1 mention)

### Dates

- Tuesday: 2026-11-24 — work starts

### Figures

- 3 million: cost

### Sources

- the \\*council\\* (according to)
";
        assert_eq!(md, expected);
    }

    #[test]
    fn markdown_of_an_empty_document_says_so() {
        let md = to_markdown(&Document::default());
        assert!(md.starts_with("# Article\n"), "{md}");
        assert!(md.contains("No quotations found."), "{md}");
        assert!(md.ends_with("No facts found.\n"), "{md}");
    }

    #[test]
    fn inline_keeps_words_and_escapes_markers() {
        assert_eq!(inline("  a\n\n b  "), "a b");
        assert_eq!(inline("# [x](y) <b>"), "\\# \\[x\\](y) \\<b\\>");
    }

    #[test]
    fn json_is_the_cli_schema() {
        let d = doc();
        let json = to_json(&d);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["text"], d.text.as_str());
        assert_eq!(value["speakers"][0]["name"], "Ana Ruiz");
        assert_eq!(value["quotes"][1]["kind"], "indirect");
        assert_eq!(json, serde_json::to_string_pretty(&d).unwrap());
    }

    #[test]
    fn file_names_come_from_the_title() {
        assert_eq!(file_name(&doc(), Format::Markdown), "bridge-to-reopen.md");
        assert_eq!(
            file_name(&Document::default(), Format::Json),
            "article.json"
        );
    }
}
