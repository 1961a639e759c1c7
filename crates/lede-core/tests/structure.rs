//! Golden and property tests: structure.
//!
//! Golden tests: every `test_data/structure/NAME.txt` is parsed and rendered as one line per
//! block and one line per section (see [`render`]); the result must equal `NAME.expected`.
//! Run with `UPDATE_EXPECT=1` to rewrite the expected files, then review the diff by eye.
//!
//! Property tests: random text (ASCII, controls, CJK, RTL, emoji, quotes, line breaks, news
//! furniture) never panics the parser and always yields a document that keeps
//! [`lede_core::check_invariants`].

use lede_core::{check_invariants, parse, Document};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// A compact rendering of blocks, sentences per body block and sections.
///
/// ```text
/// 0 title "Harbour Bridge Reopens"
/// 3 paragraph (2s) "The bridge reopened on Monday after…"
/// 4 caption "PHOTO: Boats at dawn. PlayJane Roe/AP…" credit "Jane Roe/AP Photo"
/// == sections
/// S0 L1 "Lead" 3..3
/// S1 L2 "Bridge, Council" 4..6 heading
/// ```
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        let _ = write!(out, "{i} {}", b.kind.name());
        if b.level > 0 && b.kind == lede_core::BlockKind::Heading {
            let _ = write!(out, " h{}", b.level);
        }
        if b.kind.is_body() {
            let n = doc
                .sentences
                .iter()
                .filter(|s| b.span.contains(**s))
                .count();
            let _ = write!(out, " ({n}s)");
        }
        let _ = write!(out, " {:?}", clip(doc.slice(b.span), 48));
        if let Some(c) = b.credit {
            let _ = write!(out, " credit {:?}", doc.slice(c));
        }
        out.push('\n');
    }
    out.push_str("== sections\n");
    for s in &doc.sections {
        let first = s.blocks.first().copied().unwrap_or(0);
        let last = s.blocks.last().copied().unwrap_or(0);
        let _ = write!(
            out,
            "S{} L{} {:?} {first}..{last}",
            s.id.0, s.level, s.label
        );
        if s.heading.is_some() {
            out.push_str(" heading");
        }
        out.push('\n');
    }
    out
}

fn clip(s: &str, max: usize) -> String {
    let one_line = s.replace('\n', "⏎");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let mut t: String = one_line.chars().take(max).collect();
    t.push('…');
    t
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/structure")
}

#[test]
fn golden_structure() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(data_dir())
        .expect("test_data/structure exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    inputs.sort();
    assert!(
        inputs.len() >= 20,
        "expected at least 20 golden articles, found {}",
        inputs.len()
    );
    let mut failures = Vec::new();
    for input in &inputs {
        let bytes = std::fs::read(input).unwrap();
        let text = String::from_utf8_lossy(&bytes);
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

/// A small deterministic generator (xorshift), so failures reproduce from the printed seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "The",
    "council",
    "said",
    "Mr.",
    "Gov.",
    "U.S.",
    "Feb. 22",
    "3.5",
    "...",
    "…",
    ".",
    ",",
    "?",
    "!",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    " ",
    " ",
    " ",
    "  ",
    "\n",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "By Ann Lee",
    "WASHINGTON (AP) — ",
    "PHOTO: ",
    "PlayJane Roe/AP Photo",
    "/",
    "Updated 3:04 PM EST",
    "# ",
    "## ",
    "===",
    "---",
    "- ",
    "• ",
    "1. ",
    "> ",
    "Q: ",
    "A: ",
    "Advertisement",
    "Read more",
    "contributed to this report.",
    "北京",
    "市政府",
    "שלום",
    "مرحبا",
    "👩\u{200d}💻",
    "🇺🇳",
    "é",
    "e\u{301}",
    "\u{0}",
    "\u{7}",
    "\u{85}",
    "\u{a0}",
    "\u{ad}",
    "\u{200b}",
    "\u{feff}",
    "\u{2028}",
    "â€œ",
    "â€",
    "Ã©",
    "Ã",
    "Â",
    "(",
    ")",
    "[",
    "—",
    "–",
    "-",
    "WATCH",
    "Video",
    "J. R.",
    "a.m.",
    "No.",
    "St.",
    "ALL CAPS HEADING",
    "Title Case Line",
    "he said.",
    "she asked",
    "10:45 a.m.",
    "2016",
    "Inc.",
];

fn random_text(rng: &mut Rng) -> String {
    let mut s = String::new();
    let n = rng.below(120);
    for _ in 0..n {
        if rng.below(10) == 0 {
            // A random scalar value, any plane.
            let c = loop {
                let v = match rng.below(4) {
                    0 => rng.below(0x80) as u32,
                    1 => rng.below(0x800) as u32,
                    2 => rng.below(0x10000) as u32,
                    _ => rng.below(0x110000) as u32,
                };
                if let Some(c) = char::from_u32(v) {
                    break c;
                }
            };
            s.push(c);
        } else {
            s.push_str(PIECES[rng.below(PIECES.len())]);
            if rng.below(3) == 0 {
                s.push(' ');
            }
        }
    }
    s
}

#[test]
fn random_text_keeps_invariants() {
    for seed in 1..=400u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        let text = random_text(&mut rng);
        let doc = parse(&text);
        if let Err(e) = check_invariants(&doc) {
            panic!("seed {seed}: {e}\ninput: {text:?}");
        }
    }
}

#[test]
fn golden_articles_cut_anywhere_keep_invariants() {
    // Every golden input, truncated at many points (mid-word, mid-line, mid-char boundary).
    for entry in std::fs::read_dir(data_dir()).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let step = (text.len() / 25).max(1);
        for cut in (0..text.len()).step_by(step) {
            if !text.is_char_boundary(cut) {
                continue;
            }
            let doc = parse(&text[..cut]);
            if let Err(e) = check_invariants(&doc) {
                panic!("{} cut at {cut}: {e}", path.display());
            }
        }
    }
}

#[test]
fn edge_inputs_keep_invariants() {
    let long_word = "x".repeat(100_000);
    let many_lines = "Line.\n".repeat(5_000);
    let quotes = "\"".repeat(1_000);
    for text in [
        "",
        " ",
        "\n",
        "\n\n\n",
        "\r\n\r\n",
        ".",
        "...",
        "“",
        "#",
        "# ",
        "- ",
        "> ",
        "Q:",
        "A:",
        "===\n---",
        &long_word,
        &many_lines,
        &quotes,
    ] {
        let doc = parse(text);
        check_invariants(&doc).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    }
}

#[test]
fn offsets_map_back_to_the_paste() {
    let pasted = "Title Of The Piece\r\n\r\nâ€œWe won,â€\u{9d} said Ann\u{a0}Lee.\r\n";
    let doc = parse(pasted);
    check_invariants(&doc).unwrap();
    let body = doc.body_blocks().next().expect("one body block");
    let original = doc.source_map.span_to_original(body.span);
    assert_eq!(
        &pasted[original.range()],
        "â€œWe won,â€\u{9d} said Ann\u{a0}Lee."
    );
}

#[test]
fn four_times_the_input_gives_four_times_the_structure() {
    // The structure passes' worst friends, one long paragraph and many short lines, repeated:
    // nothing is lost or merged across the copies. (Time is measured by the criterion
    // benchmark and the `linearity` example, not asserted here.)
    let para = "The council met on Monday. Mr. Lee said the U.S. plan was fine, \"for now.\" ";
    let small = para.repeat(400) + "\n" + &"Short line here\n".repeat(400);
    let big = small.repeat(4);
    let (a, b) = (parse(&small), parse(&big));
    check_invariants(&b).unwrap();
    // Where two copies meet, the last short line and the next paragraph may join.
    let (one, four) = (a.sentences.len(), b.sentences.len());
    assert!(
        four <= 4 * one && four + 3 >= 4 * one,
        "{one} then {four} sentences"
    );
    assert_eq!(b.text.matches("for now").count(), 4 * 400);
    assert!(b.blocks.len() >= 4 * a.blocks.len() - 3);
}

/// About 1 MB of article text made of the golden inputs.
fn megabyte_of_articles() -> String {
    // `LEDE_INPUT=path` times another text instead (repeated to 1 MB).
    if let Some(path) = std::env::var_os("LEDE_INPUT") {
        let text = std::fs::read_to_string(path).expect("LEDE_INPUT is readable");
        let mut out = String::with_capacity(1 << 20);
        while out.len() < 1 << 20 && !text.is_empty() {
            out.push_str(&text);
            out.push_str("\n\n");
        }
        return out;
    }
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(data_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    inputs.sort();
    let joined: String = inputs
        .iter()
        .map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned())
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut out = String::with_capacity(1 << 20);
    while out.len() < 1 << 20 {
        out.push_str(&joined);
        out.push_str("\n\n");
    }
    out
}

#[test]
fn a_megabyte_of_articles_keeps_invariants() {
    // Run with `cargo test --profile release-native -p lede-core --test integration throughput
    // -- --nocapture` to see the figures; debug builds only check that it runs. With
    // `LEDE_ONLY=normalize|blocks|sentences|sections|parse` it runs that pass 20 times instead,
    // for `perf stat`.
    let text = megabyte_of_articles();
    let mb = text.len() as f64 / 1e6;
    if let Some(pass) = std::env::var_os("LEDE_ONLY") {
        // For instruction counts under `perf stat`: one pass, 20 times.
        let n = lede_core::normalize::normalize(&text);
        let blocks = lede_core::blocks::split(&n.text);
        for _ in 0..20 {
            match pass.to_str() {
                Some("normalize") => {
                    drop(std::hint::black_box(lede_core::normalize::normalize(&text)))
                }
                Some("blocks") => drop(std::hint::black_box(lede_core::blocks::split(&n.text))),
                Some("sentences") => drop(std::hint::black_box(lede_core::sentences::split(
                    &n.text, &blocks,
                ))),
                Some("sections") => drop(std::hint::black_box(lede_core::sections::build(
                    &n.text, &blocks,
                ))),
                _ => drop(std::hint::black_box(parse(&text))),
            }
        }
        return;
    }
    // The structure passes' speed, printed with `--nocapture` for a quick look; the figures we
    // report come from the criterion benchmark.
    let rounds = if cfg!(debug_assertions) { 1 } else { 5 };
    let start = std::time::Instant::now();
    let mut sections = 0;
    for _ in 0..rounds {
        let n = lede_core::normalize::normalize(&text);
        let blocks = lede_core::blocks::split(&n.text);
        std::hint::black_box(lede_core::sentences::split(&n.text, &blocks));
        sections += lede_core::sections::build(&n.text, &blocks).len();
    }
    let structure = mb * rounds as f64 / start.elapsed().as_secs_f64();
    let doc = parse(&text);
    println!(
        "structure passes: {structure:.0} MB/s ({mb:.2} MB, {} blocks)",
        doc.blocks.len()
    );
    assert!(sections > 0);
    check_invariants(&doc).unwrap();
}

#[test]
fn rich_input_keeps_structure_and_finds_furniture() {
    use lede_core::{parse_blocks, BlockKind, InputBlock, InputBlockKind, Options};
    let b = |kind, text: &str| InputBlock {
        kind,
        text: text.to_string(),
    };
    let input = [
        b(
            InputBlockKind::Heading(1),
            "Ferry Crews Vote\u{a0}to Strike",
        ),
        b(InputBlockKind::Paragraph, "By Ann Lee and Raj Patel"),
        b(
            InputBlockKind::Paragraph,
            "Updated 4:10 PM GMT, May 2, 2025",
        ),
        b(
            InputBlockKind::Caption,
            "Crews on the quay at dawn. PlayJane Roe/Harbour Press/AP Photo",
        ),
        b(
            InputBlockKind::Paragraph,
            "ISLEBY (Coast Wire) — Ferry crews voted on Friday to strike\nfor two days next week.",
        ),
        b(InputBlockKind::Heading(2), "What passengers can do"),
        b(InputBlockKind::ListItem, "Travel on Thursday instead."),
        b(
            InputBlockKind::BlockQuote,
            "We did not want this, but we had no choice.",
        ),
        b(
            InputBlockKind::Paragraph,
            "Sam Roe contributed to this report.",
        ),
    ];
    let doc = parse_blocks(&input, &Options::default());
    check_invariants(&doc).unwrap();
    let kinds: Vec<(BlockKind, &str)> = doc
        .blocks
        .iter()
        .map(|b| (b.kind, doc.slice(b.span)))
        .collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::Title, "Ferry Crews Vote to Strike"),
            (BlockKind::Byline, "By Ann Lee and Raj Patel"),
            (BlockKind::Timestamp, "Updated 4:10 PM GMT, May 2, 2025"),
            (
                BlockKind::Caption,
                "Crews on the quay at dawn. PlayJane Roe/Harbour Press/AP Photo"
            ),
            (BlockKind::Dateline, "ISLEBY (Coast Wire) —"),
            (
                BlockKind::Paragraph,
                "Ferry crews voted on Friday to strike for two days next week."
            ),
            (BlockKind::Heading, "What passengers can do"),
            (BlockKind::ListItem, "Travel on Thursday instead."),
            (
                BlockKind::BlockQuote,
                "We did not want this, but we had no choice."
            ),
            (BlockKind::EditorNote, "Sam Roe contributed to this report."),
        ]
    );
    assert_eq!(
        doc.slice(doc.blocks[3].credit.unwrap()),
        "Jane Roe/Harbour Press/AP Photo"
    );
    let labels: Vec<&str> = doc.sections.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["Lead", "What passengers can do"]);
}

#[test]
fn sections_follow_topics_without_headings() {
    // Two topics, four paragraphs each, after a lead: the cut falls between them.
    let bridge =
        "The footbridge over the canal needs new oak planks, engineers said of the footbridge.";
    let budget = "The school budget for music lessons was cut, teachers said of the school budget.";
    let mut text = String::from("Town Notes\n\nThe town council met on Monday evening.\n\n");
    for _ in 0..4 {
        text.push_str(bridge);
        text.push_str("\n\n");
    }
    for _ in 0..4 {
        text.push_str(budget);
        text.push_str("\n\n");
    }
    let doc = parse(&text);
    check_invariants(&doc).unwrap();
    let groups: Vec<Vec<&str>> = doc
        .sections
        .iter()
        .map(|s| {
            s.blocks
                .iter()
                .map(|&i| &doc.slice(doc.blocks[i as usize].span)[..8])
                .collect()
        })
        .collect();
    assert_eq!(groups[0], ["The town"], "{groups:?}");
    for g in &groups[1..] {
        let first = g[0];
        assert!(
            g.iter().all(|p| *p == first),
            "a section mixes topics: {groups:?}"
        );
    }
    assert!(
        doc.sections[1].label.to_lowercase().contains("footbridge"),
        "{}",
        doc.sections[1].label
    );
}

/// Generated section labels: a second name rather than a repeated verb, abbreviations with
/// their last period, no contractions, and no label twice in a row.
#[test]
fn section_labels_read_as_topics() {
    let storm = [
        "The storm hit Portmere late on Tuesday, and the flood barrier in Portmere held until dawn. Crews from Lindale arrived by noon.",
        "Waves hit the sea wall at Portmere again on Wednesday. Volunteers from Lindale filled sandbags along the promenade.",
        "Residents of Portmere said the storm hit harder than the last one. Lindale sent two more pumps to the harbour.",
        "By Thursday the water in Portmere had fallen, though the storm hit the ferry pier as it passed. Lindale crews stayed on.",
    ];
    let trade = [
        "Trade officials from the U.S. visited the cannery, where they've asked about export rules for tinned fish.",
        "The U.S. delegation toured the cannery floor and said they'll report on the export rules next month.",
        "Cannery managers told the U.S. visitors that export rules had changed twice this year, and they've adapted.",
        "Export rules were the main subject of a dinner the U.S. officials hosted for cannery owners.",
    ];
    let mut text = String::from(
        "Harbour Notes\n\nThe regional council met on Monday evening to hear reports from the coast.\n\n",
    );
    for p in storm.iter().chain(&trade) {
        text.push_str(p);
        text.push_str("\n\n");
    }
    let doc = parse(&text);
    check_invariants(&doc).unwrap();
    let labels: Vec<&str> = doc.sections.iter().map(|s| s.label.as_str()).collect();
    assert!(labels.len() >= 3, "{labels:?}");
    assert_eq!(labels[1], "Portmere, Lindale", "{labels:?}");
    assert!(labels.iter().any(|l| l.starts_with("U.S., ")), "{labels:?}");
    assert!(
        labels.iter().all(|l| !l.contains("they")),
        "a contraction as a topic: {labels:?}"
    );
    assert!(
        labels.windows(2).all(|w| w[0] != w[1]),
        "the same label twice in a row: {labels:?}"
    );
}

#[test]
fn mutated_articles_keep_invariants() {
    // Golden articles with random insertions, deletions and swapped lines: realistic shapes
    // with odd damage.
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(data_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    inputs.sort();
    let texts: Vec<String> = inputs
        .iter()
        .map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned())
        .collect();
    for seed in 1..=150u64 {
        let mut rng = Rng(seed.wrapping_mul(0xd1b5_4a32_d192_ed03) | 1);
        let mut text = texts[rng.below(texts.len())].clone();
        for _ in 0..1 + rng.below(6) {
            let mut at = rng.below(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            match rng.below(3) {
                0 => text.insert_str(at, PIECES[rng.below(PIECES.len())]),
                1 => {
                    let mut end = (at + rng.below(40)).min(text.len());
                    while !text.is_char_boundary(end) {
                        end -= 1;
                    }
                    text.replace_range(at..end, "");
                }
                _ => {
                    let lines: Vec<&str> = text.lines().collect();
                    if lines.len() > 2 {
                        let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                        let mut lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                        lines.swap(a, b);
                        text = lines.join("\n");
                    }
                }
            }
        }
        let doc = parse(&text);
        if let Err(e) = check_invariants(&doc) {
            panic!("seed {seed}: {e}\ninput: {text:?}");
        }
    }
}

#[test]
fn pathological_shapes_split_into_sections() {
    // Shapes that make naive passes quadratic: thousands of furniture lines in a row,
    // thousands of short paragraphs without headings, one sentence-less megaline.
    let furniture = "Advertisement\n".repeat(20_000);
    let paragraphs = "Short para here.\n\n".repeat(20_000);
    let mixed = "The plan. ".repeat(1_000)
        + "\n"
        + &"Share\nRead more\nPHOTO: A. B/AP Photo\n".repeat(5_000);
    let monotone: String = (0..5_000)
        .map(|i| {
            format!(
                "Word{} shares {} and {} here.\n\n",
                i,
                "x".repeat(i % 50 + 3),
                "y".repeat(i % 7 + 3)
            )
        })
        .collect();
    for text in [&furniture, &paragraphs, &mixed, &monotone] {
        let n = lede_core::normalize::normalize(text);
        let blocks = lede_core::blocks::split(&n.text);
        let sections = lede_core::sections::build(&n.text, &blocks);
        assert!(!blocks.is_empty());
        let in_sections: usize = sections.iter().map(|s| s.blocks.len()).sum();
        let body = blocks.iter().filter(|b| b.kind.is_body()).count();
        assert!(
            in_sections >= body,
            "{in_sections} blocks in sections, {body} body blocks"
        );
    }
}

#[test]
fn hard_wrapped_megabyte_unwraps() {
    let para = "The harbour board met on a wet Tuesday to weigh the plan for a new sea wall, \
                a scheme that had divided the town for years and cost two councillors their seats.";
    let wrapped: String = (0..4_000)
        .map(|_| {
            let mut out = String::new();
            let mut col = 0;
            for w in para.split(' ') {
                if col + w.len() + 1 > 70 {
                    out.push('\n');
                    col = 0;
                } else if col > 0 {
                    out.push(' ');
                    col += 1;
                }
                out.push_str(w);
                col += w.len();
            }
            out + "\n\n"
        })
        .collect();
    let n = lede_core::normalize::normalize(&wrapped);
    assert_eq!(n.text.len(), wrapped.len());
    assert_eq!(
        n.text.matches('\n').count(),
        4_000 * 2,
        "one line per paragraph plus blank lines"
    );
}
