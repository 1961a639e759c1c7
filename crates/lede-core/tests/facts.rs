//! Golden tests: facts.
//!
//! Every `test_data/facts/NAME.txt` (an invented article, one paragraph per line) is read by
//! the entity and fact extractors, one block per line, and rendered compactly (see
//! [`render`]); the result must equal `NAME.expected`. Run with `UPDATE_EXPECT=1` to rewrite
//! the expected files, then review the diff by eye.

use lede_core::{entities, facts, Block, BlockKind, Span};
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn line_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end();
        if !content.trim().is_empty() {
            let lead = content.len() - content.trim_start().len();
            blocks.push(Block::new(
                BlockKind::Paragraph,
                Span::new(pos + lead, pos + content.len()),
            ));
        }
        pos += line.len();
    }
    blocks
}

/// ```text
/// date 2021-03-03
/// person "Maria Lopez" (Mayor) x3: Maria Lopez | Lopez
/// date "last Friday" = 2021-02-26 relative, label "council voted"
/// figure "about 1,200 jobs" = 1200 count about, counts "jobs"
/// source "according to" Harbor Research Institute
/// ```
pub fn render(text: &str) -> String {
    let blocks = line_blocks(text);
    let ents = entities::extract(text, &blocks);
    let anchor = facts::detect_article_date(text, &blocks);
    let f = facts::extract(text, &blocks, &ents, anchor);
    let mut out = String::new();
    match anchor {
        Some(d) => writeln!(out, "date {d}").unwrap(),
        None => writeln!(out, "date unknown").unwrap(),
    }
    for e in &ents {
        let kind = match e.kind {
            entities::EntityKind::Person => "person",
            entities::EntityKind::Organization => "org",
            entities::EntityKind::Place => "place",
        };
        let mut forms: Vec<&str> = Vec::new();
        for m in &e.mentions {
            let s = &text[*m];
            if !forms.contains(&s) {
                forms.push(s);
            }
        }
        write!(out, "{kind} {:?}", e.name).unwrap();
        if let Some(r) = &e.role {
            write!(out, " ({r})").unwrap();
        }
        write!(out, " x{}: {}", e.mentions.len(), forms.join(" | ")).unwrap();
        if !e.adjective_mentions.is_empty() {
            write!(out, " +{} adjective", e.adjective_mentions.len()).unwrap();
        }
        out.push('\n');
    }
    for d in &f.dates {
        write!(out, "date {:?} = ", &text[d.span]).unwrap();
        match (d.date, d.end) {
            (Some(a), Some(b)) => write!(out, "{a}..{b}").unwrap(),
            (Some(a), None) => write!(out, "{a}").unwrap(),
            _ => out.push_str("unresolved"),
        }
        if d.relative {
            out.push_str(" relative");
        }
        if let Some(l) = &d.label {
            write!(out, ", label {l:?}").unwrap();
        }
        out.push('\n');
    }
    for g in &f.figures {
        write!(out, "figure {:?} = {}", &text[g.span], g.value).unwrap();
        if let Some(h) = g.value_high {
            write!(out, "..{h}").unwrap();
        }
        write!(out, " {:?}", g.kind).unwrap();
        if let Some(u) = &g.unit {
            write!(out, " {u}").unwrap();
        }
        if let Some(a) = g.approx {
            write!(out, " {a:?}").unwrap();
        }
        if let Some(c) = &g.counts {
            write!(out, ", counts {c:?}").unwrap();
        }
        out.push('\n');
    }
    for s in &f.sources {
        writeln!(out, "source {:?} {}", s.cue, s.name).unwrap();
    }
    out
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/facts")
}

#[test]
fn golden_facts() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut names: Vec<PathBuf> = std::fs::read_dir(data_dir())
        .expect("test_data/facts exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no golden inputs");
    let mut failures = Vec::new();
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        let got = render(&text);
        let expected_path = path.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != want {
            failures.push(format!(
                "{}:\n--- expected\n{want}\n--- got\n{got}",
                path.display()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "golden mismatches:\n{}",
        failures.join("\n")
    );
}

/// The full parse keeps facts inside the text and never resolves a relative date without an
/// article date.
#[test]
fn relative_dates_need_an_article_date() {
    let text =
        "Officials met yesterday and will meet again this Saturday.\n\nThe vote is due next week.";
    let doc = lede_core::parse(text);
    assert!(doc.article_date.is_none());
    assert!(doc.dates.iter().filter(|d| d.relative).count() >= 3);
    assert!(doc.dates.iter().all(|d| d.date.is_none()));
    let opts = lede_core::Options {
        article_date: Some(lede_core::CivilDate {
            year: 2022,
            month: 6,
            day: 15,
        }),
    };
    let doc = lede_core::parse_with(text, &opts);
    let yesterday = doc
        .dates
        .iter()
        .find(|d| doc.slice(d.span) == "yesterday")
        .unwrap();
    assert_eq!(
        yesterday.date,
        Some(lede_core::CivilDate {
            year: 2022,
            month: 6,
            day: 14
        })
    );
    let saturday = doc
        .dates
        .iter()
        .find(|d| doc.slice(d.span) == "this Saturday")
        .unwrap();
    assert_eq!(
        saturday.date,
        Some(lede_core::CivilDate {
            year: 2022,
            month: 6,
            day: 18
        })
    );
}

/// Odd input never panics and spans stay on char boundaries.
#[test]
fn facts_survive_odd_input() {
    let inputs = [
        "",
        "\u{0}\u{1}\u{2}",
        "$ % 1, 2- -3 ..5 Feb. 31, 2016 Dr. Mr. al- ( ) \u{201C}",
        "É Ü Ö \u{2019}s 世界 Москва 12 million € 5 — twenty-",
        "ALL CAPS LINE\nAnother Line Of Title Case Words Here\n\n\n",
        "PlayJane/AP Photo 2016-13-45 99999999999 $",
    ];
    for text in inputs {
        let blocks = line_blocks(text);
        let ents = entities::extract(text, &blocks);
        let f = facts::extract(text, &blocks, &ents, None);
        let spans = ents
            .iter()
            .flat_map(|e| e.mentions.iter().copied())
            .chain(f.dates.iter().map(|d| d.span))
            .chain(f.figures.iter().map(|g| g.span))
            .chain(f.sources.iter().map(|s| s.span));
        for s in spans {
            assert!(
                s.end as usize <= text.len() && s.start <= s.end,
                "{s:?} in {text:?}"
            );
            assert!(
                text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize)
            );
        }
    }
}

/// Blocks the structure pass marks: a byline names authors, a credit names a photographer and
/// agencies, and a timestamp gives the article's date.
#[test]
fn bylines_credits_and_timestamps() {
    let text = "Ferry Service Returns To The Island\n\nBy Lena Park and Omar Haddad, Coastal Times\n\nPublished March 9, 2022\n\nBoats at the pier. Karin Holt/Reuters\n\nThe ferry sailed yesterday.";
    let find = |s: &str| {
        let a = text.find(s).unwrap();
        Span::new(a, a + s.len())
    };
    let mut caption = Block::new(
        BlockKind::Caption,
        find("Boats at the pier. Karin Holt/Reuters"),
    );
    caption.credit = Some(find("Karin Holt/Reuters"));
    let blocks = vec![
        Block::new(
            BlockKind::Title,
            find("Ferry Service Returns To The Island"),
        ),
        Block::new(
            BlockKind::Byline,
            find("By Lena Park and Omar Haddad, Coastal Times"),
        ),
        Block::new(BlockKind::Timestamp, find("Published March 9, 2022")),
        caption,
        Block::new(BlockKind::Paragraph, find("The ferry sailed yesterday.")),
    ];
    let ents = entities::extract(text, &blocks);
    let role = |name: &str| {
        let e = ents
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("{name} in {ents:?}"));
        (e.kind, e.role.clone())
    };
    assert_eq!(
        role("Lena Park"),
        (entities::EntityKind::Person, Some("author".into()))
    );
    assert_eq!(
        role("Omar Haddad"),
        (entities::EntityKind::Person, Some("author".into()))
    );
    assert_eq!(role("Coastal Times").0, entities::EntityKind::Organization);
    assert_eq!(
        role("Karin Holt"),
        (entities::EntityKind::Person, Some("photographer".into()))
    );
    assert_eq!(role("Reuters").0, entities::EntityKind::Organization);
    let anchor = facts::detect_article_date(text, &blocks);
    assert_eq!(
        anchor,
        Some(lede_core::CivilDate {
            year: 2022,
            month: 3,
            day: 9
        })
    );
    let f = facts::extract(text, &blocks, &ents, anchor);
    let d: Vec<_> = f.dates.iter().map(|d| (&text[d.span], d.date)).collect();
    assert_eq!(
        d,
        vec![(
            "yesterday",
            Some(lede_core::CivilDate {
                year: 2022,
                month: 3,
                day: 8
            })
        )]
    );
}

/// A credit's outlet or agency of more than one word is an organisation, not a photographer:
/// "Valley Record", and "Harbour Star" in "Harbour Star File" (a photo from its archive).
#[test]
fn credits_name_outlets_as_organisations() {
    let doc = lede_core::parse(
        "Trains Return to the Valley\n\nThe first train left at dawn on Monday.\n\n\
         ( Lena Ortiz / Valley Record )\n\nThe council thanked the crews in a short speech.\n\n\
         ( Jon Pike / Harbour Star File )\n\nMore trains will follow later in the week.",
    );
    let kind = |name: &str| {
        doc.entities
            .iter()
            .find(|e| e.name == name)
            .map(|e| (e.kind, e.role.clone()))
    };
    let photographer = Some((entities::EntityKind::Person, Some("photographer".into())));
    assert_eq!(kind("Lena Ortiz"), photographer);
    assert_eq!(kind("Jon Pike"), photographer);
    assert_eq!(
        kind("Valley Record").map(|k| k.0),
        Some(entities::EntityKind::Organization)
    );
    assert_eq!(
        kind("Harbour Star").map(|k| k.0),
        Some(entities::EntityKind::Organization)
    );
}
