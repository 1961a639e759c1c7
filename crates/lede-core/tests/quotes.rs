//! Golden and property tests: quotes.
//!
//! Golden tests: every `test_data/quotes/NAME.txt` is parsed and rendered as one line per
//! quote, speaker and term (see [`render`]); the result must equal `NAME.expected`. Run with
//! `UPDATE_EXPECT=1` to rewrite the expected files, then review the diff by eye.
//!
//! Property tests: quotation-heavy and pathological inputs never panic, keep the document's
//! invariants, and take time linear in their length.

use lede_core::{check_invariants, parse, Document, QuoteKind};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// One line per quote, then one per speaker, then the terms.
///
/// ```text
/// direct ["The water is safe to drink," | "We tested it twice."] -> Bea Okafor (Mayor) cue "said" mention "Okafor" [cue-after]
/// == speakers
/// Bea Okafor | Mayor | person | mentions: "Bea Okafor", "Okafor"
/// == terms
/// "fresh start"
/// ```
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    for q in &doc.quotes {
        let kind = match q.kind {
            QuoteKind::Direct => "direct",
            QuoteKind::Mixed => "mixed",
            QuoteKind::Indirect => "indirect",
        };
        let frags: Vec<String> = q
            .fragments
            .iter()
            .map(|f| format!("{:?}", doc.slice(*f)))
            .collect();
        let _ = write!(out, "{kind} [{}]", frags.join(" | "));
        match q.speaker.and_then(|id| doc.speaker(id)) {
            Some(s) => {
                let _ = write!(out, " -> {}", s.name);
                if let Some(r) = &s.role {
                    let _ = write!(out, " ({r})");
                }
            }
            None => out.push_str(" -> ?"),
        }
        if let Some(c) = q.cue {
            let _ = write!(out, " cue {:?}", doc.slice(c));
        }
        if let Some(m) = q.mention {
            let _ = write!(out, " mention {:?}", doc.slice(m));
        }
        if !q.rule.is_empty() {
            let _ = write!(out, " [{}]", q.rule);
        }
        out.push('\n');
    }
    out.push_str("== speakers\n");
    for s in &doc.speakers {
        let mentions: Vec<String> = s
            .mentions
            .iter()
            .map(|m| format!("{:?}", doc.slice(*m)))
            .collect();
        let _ = writeln!(
            out,
            "{} | {} | {:?} | mentions: {}",
            s.name,
            s.role.as_deref().unwrap_or("-"),
            s.kind,
            mentions.join(", ")
        );
    }
    out.push_str("== terms\n");
    for t in &doc.terms {
        let _ = writeln!(out, "{:?}", doc.slice(*t));
    }
    out
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/quotes")
}

#[test]
fn golden_quotes() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(data_dir())
        .expect("test_data/quotes exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    inputs.sort();
    assert!(
        inputs.len() >= 15,
        "expected at least 15 golden cases, found {}",
        inputs.len()
    );
    let mut failures = Vec::new();
    for input in &inputs {
        let text = std::fs::read_to_string(input).unwrap();
        let doc = parse(&text);
        if let Err(e) = check_invariants(&doc) {
            failures.push(format!("{}: invariant broken: {e}", input.display()));
            continue;
        }
        let actual = render(&doc);
        let expected_path = input.with_extension("expected");
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            if update {
                std::fs::write(&expected_path, &actual).unwrap();
            } else {
                failures.push(format!(
                    "{} differs (UPDATE_EXPECT=1 rewrites it)\n--- expected\n{expected}--- actual\n{actual}",
                    input.display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Quote spans and fragments lie in the text, on character boundaries, fragments inside
/// their quote and in order; every speaker id exists.
fn check_quotes(doc: &Document) {
    let text = doc.text.as_str();
    for q in &doc.quotes {
        for s in std::iter::once(q.span).chain(q.fragments.iter().copied()) {
            assert!(
                s.start <= s.end && (s.end as usize) <= text.len(),
                "span {s:?} out of bounds"
            );
            assert!(
                text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize)
            );
        }
        for w in q.fragments.windows(2) {
            assert!(w[0].end <= w[1].start, "fragments out of order");
        }
        for f in &q.fragments {
            assert!(
                q.span.contains(*f),
                "fragment {f:?} outside quote {:?}",
                q.span
            );
        }
        if let Some(id) = q.speaker {
            assert!(doc.speaker(id).is_some());
        }
    }
    for w in doc.quotes.windows(2) {
        assert!(w[0].span.start <= w[1].span.start, "quotes out of order");
    }
}

fn pathological() -> Vec<String> {
    let marks = [
        "\"", "“", "”", "'", "‘", "’", "«", "»", "„", "「", "」", "‹", "›",
    ];
    let mut inputs = vec![
        String::new(),
        "\"".to_string(),
        "\"\"\"\"\"".to_string(),
        "“".repeat(5000),
        "\"".repeat(5000),
        "'".repeat(5000),
        "\"a\" ".repeat(3000),
        "“a “b “c “d ".repeat(2000),
        format!("{}{}", "“deep ".repeat(3000), "”".repeat(3000)),
        "said said said, \"x,\" he said. ".repeat(1000),
        format!("\"{}", "word ".repeat(20000)),
        "\"Para\n\n".repeat(2000),
        "According to, according to X, ".repeat(500),
    ];
    let mut all_marks = String::new();
    for i in 0..6000 {
        all_marks.push_str(marks[i % marks.len()]);
        if i % 7 == 0 {
            all_marks.push(' ');
        }
        if i % 101 == 0 {
            all_marks.push_str("\n\n");
        }
    }
    inputs.push(all_marks);
    inputs
}

#[test]
fn pathological_inputs_do_not_break_quotes() {
    for input in pathological() {
        let doc = parse(&input);
        check_invariants(&doc).unwrap_or_else(|e| panic!("invariant broken: {e}"));
        check_quotes(&doc);
    }
}

#[test]
fn quotes_on_golden_inputs_keep_invariants() {
    for entry in std::fs::read_dir(data_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "txt") {
            let doc = parse(&std::fs::read_to_string(&path).unwrap());
            check_quotes(&doc);
        }
    }
}

#[test]
fn quote_heavy_text_scales_with_its_length() {
    let unit = [
        "“If the ferry stops,” she said, “the island empties.” ",
        "Dana Whitlock said the “plan” was “a gamble we cannot afford.” ",
        "\"\"\" “ ” ' ‘ ’ « » ",
        "Officials said the talks, according to the ministry, would resume. ",
        "“deep “deeper “deepest ",
    ]
    .concat();
    let one_paragraph_small = unit.repeat(200);
    let one_paragraph_large = unit.repeat(1600);
    // Each further copy of the unit adds the same quotations: one bad mark never swallows the
    // rest. (Time is measured by the criterion benchmark's pathological shapes and the
    // `linearity` example, not asserted here.)
    let count = |text: &str| {
        let doc = parse(text);
        check_quotes(&doc);
        doc.quotes.len()
    };
    let one = count(&one_paragraph_small);
    let two = count(&unit.repeat(400));
    let eight = count(&one_paragraph_large);
    assert!(two > one, "{one} then {two} quotations");
    assert_eq!(
        eight - one,
        7 * (two - one),
        "{one}, {two}, {eight} quotations"
    );
}
