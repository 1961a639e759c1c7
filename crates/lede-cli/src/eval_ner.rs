//! `lede eval-ner FILE.conll [--min-f1 X] [--errors]`: score people, organisations and places
//! against CoNLL-2003 style gold data (exact token spans, micro precision/recall/F1; MISC is
//! not scored).
//!
//! Each document (`-DOCSTART-` starts one) is rebuilt by joining its tokens with single spaces,
//! one sentence per line, and read by the entity extractor; mentions map back to token spans.

use lede_core::entities::{self, EntityKind};
use std::collections::{HashMap, HashSet};
use std::process::ExitCode;

const TYPES: [&str; 3] = ["PER", "ORG", "LOC"];

#[derive(Default)]
struct Doc {
    tokens: Vec<String>,
    tags: Vec<String>,
    /// Token index where each sentence starts.
    sentences: Vec<usize>,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn prf(self) -> (f64, f64, f64) {
        let p = ratio(self.tp, self.tp + self.fp);
        let r = ratio(self.tp, self.tp + self.fn_);
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let mut path = None;
    let mut min_f1 = None;
    let mut show_errors = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--min-f1" => {
                let v = it.next().ok_or("--min-f1 needs a value")?;
                min_f1 = Some(
                    v.parse::<f64>()
                        .map_err(|_| format!("bad --min-f1 value: {v}"))?,
                );
            }
            "--errors" => show_errors = true,
            _ if path.is_none() => path = Some(a.clone()),
            _ => return Err(format!("unexpected argument: {a}")),
        }
    }
    let path = path.ok_or("usage: lede eval-ner FILE.conll [--min-f1 X] [--errors]")?;
    let data = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let docs = read_conll(&data);

    let mut counts: HashMap<&str, Counts> = HashMap::new();
    let mut bytes = 0usize;
    let started = std::time::Instant::now();
    let mut errors = Vec::new();
    for doc in &docs {
        let (text, starts, ranges) = rebuild(doc);
        bytes += text.len();
        let found = entities::extract_ranges(&text, &ranges, &[]);
        let gold = gold_spans(&doc.tags);
        let mut predicted: HashSet<(usize, usize, &str)> = HashSet::new();
        for e in &found {
            let label = match e.kind {
                EntityKind::Person => "PER",
                EntityKind::Organization => "ORG",
                EntityKind::Place => "LOC",
            };
            for m in &e.mentions {
                let a = starts.partition_point(|&s| s < m.start as usize);
                let b = starts.partition_point(|&s| s < m.end as usize);
                let aligned = starts.get(a) == Some(&(m.start as usize))
                    && (b == starts.len()
                        || text
                            .as_bytes()
                            .get(m.end as usize)
                            .is_some_and(|c| c.is_ascii_whitespace()));
                if aligned {
                    predicted.insert((a, b, label));
                } else {
                    predicted.insert((usize::MAX - a, b, label));
                }
            }
        }
        for &(a, b, label) in &predicted {
            let c = counts.entry(label).or_default();
            if gold.contains(&(a, b, label)) {
                c.tp += 1;
            } else {
                c.fp += 1;
                if show_errors && a < usize::MAX / 2 {
                    let gold_label = gold
                        .iter()
                        .find(|g| g.0 == a && g.1 == b)
                        .map(|g| g.2)
                        .unwrap_or("-");
                    errors.push(format!(
                        "FP {label} (gold {gold_label}): {}",
                        doc.tokens[a..b].join(" ")
                    ));
                }
            }
        }
        for &(a, b, label) in &gold {
            if !predicted.contains(&(a, b, label)) {
                counts.entry(label).or_default().fn_ += 1;
                if show_errors {
                    errors.push(format!("FN {label}: {}", doc.tokens[a..b].join(" ")));
                }
            }
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    if show_errors {
        for e in &errors {
            println!("{e}");
        }
    }
    let mut total = Counts::default();
    println!(
        "{} documents, {:.2} MB read in {:.3} s",
        docs.len(),
        bytes as f64 / 1e6,
        elapsed
    );
    println!("type  precision recall  f1      tp    fp    fn");
    for t in TYPES {
        let c = counts.get(t).copied().unwrap_or_default();
        total.tp += c.tp;
        total.fp += c.fp;
        total.fn_ += c.fn_;
        let (p, r, f) = c.prf();
        println!(
            "{t:<5} {p:.3}     {r:.3}   {f:.3}   {:<5} {:<5} {}",
            c.tp, c.fp, c.fn_
        );
    }
    let (p, r, f) = total.prf();
    println!(
        "micro {p:.3}     {r:.3}   {f:.3}   {:<5} {:<5} {}",
        total.tp, total.fp, total.fn_
    );
    if let Some(min) = min_f1 {
        if f < min {
            eprintln!("micro F1 {f:.3} is below {min:.3}");
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn read_conll(data: &str) -> Vec<Doc> {
    let mut docs = Vec::new();
    let mut doc = Doc::default();
    let mut in_sentence = false;
    for line in data.lines() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            if !doc.tokens.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            in_sentence = false;
            continue;
        }
        if line.is_empty() {
            in_sentence = false;
            continue;
        }
        let mut cols = line.split(' ');
        let token = cols.next().unwrap_or("");
        let tag = cols.next_back().unwrap_or("O");
        if !in_sentence {
            doc.sentences.push(doc.tokens.len());
            in_sentence = true;
        }
        doc.tokens.push(token.to_string());
        doc.tags.push(tag.to_string());
    }
    if !doc.tokens.is_empty() {
        docs.push(doc);
    }
    docs
}

/// The document text (tokens joined by spaces, one sentence per line), each token's start
/// byte, and each sentence's byte range.
fn rebuild(doc: &Doc) -> (String, Vec<usize>, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(doc.tokens.len());
    let mut ranges = Vec::with_capacity(doc.sentences.len());
    let mut sent = 0;
    let mut range_start = 0;
    for (i, tok) in doc.tokens.iter().enumerate() {
        if sent < doc.sentences.len() && doc.sentences[sent] == i {
            if i > 0 {
                ranges.push((range_start, text.len()));
                text.push('\n');
            }
            range_start = text.len();
            sent += 1;
        } else if i > 0 {
            text.push(' ');
        }
        starts.push(text.len());
        text.push_str(tok);
    }
    if !doc.tokens.is_empty() {
        ranges.push((range_start, text.len()));
    }
    (text, starts, ranges)
}

/// Gold entity spans (token ranges) from IOB1 tags.
fn gold_spans(tags: &[String]) -> HashSet<(usize, usize, &'static str)> {
    let mut out = HashSet::new();
    let mut cur: Option<(usize, &'static str)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let (prefix, ty) = tag.split_once('-').unwrap_or(("O", ""));
        let ty: Option<&'static str> = TYPES.iter().copied().find(|t| *t == ty);
        let continues = matches!((cur, ty), (Some((_, c)), Some(t)) if c == t && prefix == "I");
        if !continues {
            if let Some((s, c)) = cur.take() {
                out.insert((s, i, c));
            }
            if let Some(t) = ty {
                cur = Some((i, t));
            } else if prefix != "O" {
                cur = None;
            }
        }
    }
    if let Some((s, c)) = cur {
        out.insert((s, tags.len(), c));
    }
    out
}
