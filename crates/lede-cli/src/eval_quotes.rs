//! `lede eval GOLD.jsonl`: score quote detection, attribution and speaker grouping against
//! annotated articles.
//!
//! Gold format: one JSON object per line with `text` and `quotes` (`start`/`end` in Unicode
//! characters, `type` direct|mixed|indirect, `speaker`). Each predicted quote contributes one
//! unit per fragment (an interrupted quotation is two units, as in the gold data).
//!
//! - detection: a predicted unit matches a gold quote when their word sets share at least half
//!   of the larger set; one-to-one, best overlaps first. Scored for direct+mixed and for all
//!   kinds.
//! - attribution: among matched quotes, the share whose speaker name matches the gold name
//!   (case-insensitive; a surname alone matches the full name).
//! - grouping: B-cubed F1 of predicted speakers against gold speakers over matched quotes,
//!   clusters taken per article.

use lede_core::{QuoteKind, Span};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::process::ExitCode;

struct Args {
    path: String,
    verbose: bool,
    min_direct_f1: Option<f64>,
    min_all_f1: Option<f64>,
    min_attribution: Option<f64>,
    min_bcubed: Option<f64>,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut out = Args {
        path: String::new(),
        verbose: false,
        min_direct_f1: None,
        min_all_f1: None,
        min_attribution: None,
        min_bcubed: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut num = |name: &str| -> Result<Option<f64>, String> {
            let v = it.next().ok_or(format!("{name} needs a number"))?;
            v.parse::<f64>()
                .map(Some)
                .map_err(|_| format!("{name}: not a number: {v}"))
        };
        match a.as_str() {
            "--verbose" | "-v" => out.verbose = true,
            "--min-direct-f1" => out.min_direct_f1 = num(a)?,
            "--min-all-f1" => out.min_all_f1 = num(a)?,
            "--min-attribution" => out.min_attribution = num(a)?,
            "--min-bcubed" => out.min_bcubed = num(a)?,
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s => {
                if !out.path.is_empty() {
                    return Err("only one gold file".into());
                }
                out.path = s.to_string();
            }
        }
    }
    if out.path.is_empty() {
        return Err("usage: lede eval GOLD.jsonl [--verbose] [--min-direct-f1 X] [--min-all-f1 X] [--min-attribution X] [--min-bcubed X]".into());
    }
    Ok(out)
}

/// A quote, gold or predicted, ready for scoring.
struct Unit {
    words: BTreeSet<String>,
    direct_or_mixed: bool,
    speaker: Option<String>,
    /// Predicted: the card's speaker id; gold: the speaker name.
    group: Option<String>,
    text: String,
    kind: &'static str,
    /// The mention next to the quote ("Kerry", "he"), when there is one.
    mention: Option<String>,
    /// Predicted: the rule that attributed the speaker.
    rule: &'static str,
}

/// The form of a gold speaker mention, to group attribution errors by cause.
fn mention_form(m: Option<&str>) -> &'static str {
    let Some(m) = m else { return "none" };
    let l = m.trim().to_lowercase();
    match l.as_str() {
        "he" | "she" | "they" | "it" | "we" | "i" => return "pronoun",
        _ => {}
    }
    let first = l.split_whitespace().next().unwrap_or("");
    if matches!(first, "the" | "a" | "an" | "his" | "her" | "their" | "its") {
        return "nominal";
    }
    if m.split_whitespace().count() >= 2 {
        "name (2+ words)"
    } else {
        "name (1 word)"
    }
}

fn words(s: &str) -> BTreeSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn overlap(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return false;
    }
    let common = a.intersection(b).count();
    2 * common >= longer
}

fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

fn clean_name(s: &str) -> String {
    let l = s.trim().to_lowercase();
    let l = l
        .strip_prefix("the ")
        .or_else(|| l.strip_prefix("a "))
        .or_else(|| l.strip_prefix("an "))
        .unwrap_or(&l);
    l.to_string()
}

/// Case-insensitive; a surname alone matches the full name.
pub fn same_speaker(pred: &str, gold: &str) -> bool {
    let (p, g) = (clean_name(pred), clean_name(gold));
    if p == g {
        return true;
    }
    let pw: Vec<&str> = p.split_whitespace().collect();
    let gw: Vec<&str> = g.split_whitespace().collect();
    match (pw.as_slice(), gw.as_slice()) {
        ([one], [.., last]) | ([.., last], [one]) => one == last,
        _ => false,
    }
}

/// Greedy one-to-one matching by overlap ratio. Returns (pred, gold) index pairs.
fn match_units(pred: &[&Unit], gold: &[&Unit]) -> Vec<(usize, usize)> {
    let mut cands = Vec::new();
    for (i, p) in pred.iter().enumerate() {
        for (j, g) in gold.iter().enumerate() {
            if overlap(&p.words, &g.words) {
                let common = p.words.intersection(&g.words).count() as f64;
                let ratio = common / p.words.len().max(g.words.len()) as f64;
                cands.push((ratio, i, j));
            }
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut used_p = vec![false; pred.len()];
    let mut used_g = vec![false; gold.len()];
    let mut out = Vec::new();
    for (_, i, j) in cands {
        if !used_p[i] && !used_g[j] {
            used_p[i] = true;
            used_g[j] = true;
            out.push((i, j));
        }
    }
    out
}

#[derive(Default)]
struct Counts {
    tp: usize,
    pred: usize,
    gold: usize,
}

impl Counts {
    fn prf(&self) -> (f64, f64, f64) {
        let p = if self.pred == 0 {
            0.0
        } else {
            self.tp as f64 / self.pred as f64
        };
        let r = if self.gold == 0 {
            0.0
        } else {
            self.tp as f64 / self.gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

fn short(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 90 {
        let t: String = s.chars().take(87).collect();
        format!("{t}...")
    } else {
        s
    }
}

pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let args = parse_args(args)?;
    let data = std::fs::read_to_string(&args.path).map_err(|e| format!("{}: {e}", args.path))?;
    let mut dm = Counts::default();
    let mut all = Counts::default();
    let (mut attr_ok, mut attr_n) = (0usize, 0usize);
    let (mut attr_dm_ok, mut attr_dm_n) = (0usize, 0usize);
    let (mut b3_p, mut b3_r, mut b3_n) = (0.0f64, 0.0f64, 0usize);
    let mut articles = 0;
    // Attribution errors by the rule that decided and by the gold mention's form.
    let mut by_rule: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut by_form: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (lineno, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value =
            serde_json::from_str(line).map_err(|e| format!("line {}: {e}", lineno + 1))?;
        let text = v["text"]
            .as_str()
            .ok_or(format!("line {}: no text", lineno + 1))?;
        let id = v["id"].as_str().unwrap_or("?").to_string();
        articles += 1;
        let offsets = char_to_byte(text);
        let byte = |c: &Value| -> Option<usize> {
            c.as_u64().and_then(|c| offsets.get(c as usize).copied())
        };
        let mut gold = Vec::new();
        for q in v["quotes"].as_array().into_iter().flatten() {
            let (Some(s), Some(e)) = (byte(&q["start"]), byte(&q["end"])) else {
                continue;
            };
            if s > e {
                continue;
            }
            let kind = match q["type"].as_str() {
                Some("direct") => "direct",
                Some("mixed") => "mixed",
                _ => "indirect",
            };
            let speaker = q["speaker"].as_str().map(str::to_string);
            gold.push(Unit {
                words: words(&text[s..e]),
                direct_or_mixed: kind != "indirect",
                group: speaker.as_ref().map(|s| clean_name(s)),
                speaker,
                text: text[s..e].to_string(),
                kind,
                mention: q["speaker_mention"]["text"].as_str().map(str::to_string),
                rule: "",
            });
        }
        let doc = lede_core::parse(text);
        let mut pred = Vec::new();
        for q in &doc.quotes {
            let speaker = q
                .speaker
                .and_then(|id| doc.speaker(id))
                .map(|s| s.name.clone());
            let kind = match q.kind {
                QuoteKind::Direct => "direct",
                QuoteKind::Mixed => "mixed",
                QuoteKind::Indirect => "indirect",
            };
            for f in &q.fragments {
                let o: Span = doc.source_map.span_to_original(*f);
                let s = text.get(o.range()).unwrap_or("");
                pred.push(Unit {
                    words: words(s),
                    direct_or_mixed: q.kind != QuoteKind::Indirect,
                    speaker: speaker.clone(),
                    group: q.speaker.map(|id| format!("#{}", id.0)),
                    text: format!("{s}  [{}]", q.rule),
                    kind,
                    mention: q.mention.map(|m| doc.slice(m).to_string()),
                    rule: q.rule,
                });
            }
        }
        // Direct + mixed.
        let pdm: Vec<&Unit> = pred.iter().filter(|u| u.direct_or_mixed).collect();
        let gdm: Vec<&Unit> = gold.iter().filter(|u| u.direct_or_mixed).collect();
        let mdm = match_units(&pdm, &gdm);
        dm.tp += mdm.len();
        dm.pred += pdm.len();
        dm.gold += gdm.len();
        for &(i, j) in &mdm {
            attr_dm_n += 1;
            if let (Some(p), Some(g)) = (&pdm[i].speaker, &gdm[j].speaker) {
                if same_speaker(p, g) {
                    attr_dm_ok += 1;
                }
            }
        }
        // All kinds.
        let pa: Vec<&Unit> = pred.iter().collect();
        let ga: Vec<&Unit> = gold.iter().collect();
        let ma = match_units(&pa, &ga);
        all.tp += ma.len();
        all.pred += pa.len();
        all.gold += ga.len();
        let mut wrong = Vec::new();
        for &(i, j) in &ma {
            attr_n += 1;
            let ok = matches!((&pa[i].speaker, &ga[j].speaker), (Some(p), Some(g)) if same_speaker(p, g));
            if ok {
                attr_ok += 1;
            } else {
                wrong.push((i, j));
            }
        }
        // B-cubed over matched quotes with a gold speaker.
        let items: Vec<(Option<&str>, &str)> = ma
            .iter()
            .filter_map(|&(i, j)| Some((pa[i].group.as_deref(), ga[j].group.as_deref()?)))
            .collect();
        let mut pred_sizes: HashMap<&str, usize> = HashMap::new();
        let mut gold_sizes: HashMap<&str, usize> = HashMap::new();
        let mut both: HashMap<(&str, &str), usize> = HashMap::new();
        for &(p, g) in &items {
            *gold_sizes.entry(g).or_default() += 1;
            if let Some(p) = p {
                *pred_sizes.entry(p).or_default() += 1;
                *both.entry((p, g)).or_default() += 1;
            }
        }
        for &(p, g) in &items {
            let (bp, br) = match p {
                Some(p) => {
                    let c = both[&(p, g)] as f64;
                    (c / pred_sizes[p] as f64, c / gold_sizes[g] as f64)
                }
                // An unattributed quote is a cluster of its own.
                None => (1.0, 1.0 / gold_sizes[g] as f64),
            };
            b3_p += bp;
            b3_r += br;
            b3_n += 1;
        }
        if args.verbose {
            let matched_g: BTreeSet<usize> = ma.iter().map(|&(_, j)| j).collect();
            let matched_p: BTreeSet<usize> = ma.iter().map(|&(i, _)| i).collect();
            let missed: Vec<usize> = (0..ga.len()).filter(|j| !matched_g.contains(j)).collect();
            let extra: Vec<usize> = (0..pa.len()).filter(|i| !matched_p.contains(i)).collect();
            if !missed.is_empty() || !extra.is_empty() || !wrong.is_empty() {
                println!("== {id}");
            }
            for j in missed {
                println!("  missed {:8} {}", ga[j].kind, short(&ga[j].text));
            }
            for i in extra {
                println!("  extra  {:8} {}", pa[i].kind, short(&pa[i].text));
            }
            for (i, j) in wrong {
                println!(
                    "  speaker {:?} should be {:?} ({}; mention {:?}, gold mention {:?}): {}",
                    pa[i].speaker.as_deref().unwrap_or("-"),
                    ga[j].speaker.as_deref().unwrap_or("-"),
                    ga[j].kind,
                    pa[i].mention.as_deref().unwrap_or("-"),
                    ga[j].mention.as_deref().unwrap_or("-"),
                    short(&pa[i].text)
                );
                let rule = if pa[i].rule.is_empty() {
                    "-"
                } else {
                    pa[i].rule
                };
                *by_rule.entry(rule).or_default() += 1;
                *by_form
                    .entry(mention_form(ga[j].mention.as_deref()))
                    .or_default() += 1;
            }
        }
    }
    let (p1, r1, f1) = dm.prf();
    let (p2, r2, f2) = all.prf();
    let attribution = if attr_n == 0 {
        0.0
    } else {
        attr_ok as f64 / attr_n as f64
    };
    let attribution_dm = if attr_dm_n == 0 {
        0.0
    } else {
        attr_dm_ok as f64 / attr_dm_n as f64
    };
    let (bp, br) = if b3_n == 0 {
        (0.0, 0.0)
    } else {
        (b3_p / b3_n as f64, b3_r / b3_n as f64)
    };
    let b3 = if bp + br == 0.0 {
        0.0
    } else {
        2.0 * bp * br / (bp + br)
    };
    if args.verbose {
        let list = |m: &BTreeMap<&str, usize>| {
            let mut v: Vec<(&str, usize)> = m.iter().map(|(k, v)| (*k, *v)).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            v.iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        println!("speaker errors by rule: {}", list(&by_rule));
        println!("speaker errors by gold mention: {}", list(&by_form));
    }
    println!("articles: {articles}");
    println!(
        "direct+mixed: P {p1:.3} R {r1:.3} F1 {f1:.3}  ({} matched, {} predicted, {} gold)",
        dm.tp, dm.pred, dm.gold
    );
    println!(
        "all kinds:    P {p2:.3} R {r2:.3} F1 {f2:.3}  ({} matched, {} predicted, {} gold)",
        all.tp, all.pred, all.gold
    );
    println!("attribution:  {attribution:.3} of {attr_n} matched quotes (direct+mixed: {attribution_dm:.3} of {attr_dm_n})");
    println!("grouping:     B-cubed P {bp:.3} R {br:.3} F1 {b3:.3}");
    let mut failures = Vec::new();
    let mut check = |name: &str, value: f64, min: Option<f64>| {
        if let Some(min) = min {
            if value < min {
                failures.push(format!("{name} {value:.3} is below the minimum {min}"));
            }
        }
    };
    check("direct+mixed F1", f1, args.min_direct_f1);
    check("all-kinds F1", f2, args.min_all_f1);
    check("attribution accuracy", attribution, args.min_attribution);
    check("grouping B-cubed F1", b3, args.min_bcubed);
    if failures.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        for f in failures {
            eprintln!("lede eval: {f}");
        }
        Ok(ExitCode::from(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_overlap() {
        assert!(same_speaker("Dana Whitlock", "dana whitlock"));
        assert!(same_speaker("Whitlock", "Dana Whitlock"));
        assert!(!same_speaker("Ray Whitlock", "Dana Whitlock"));
        assert!(overlap(&words("a b c d"), &words("a b x")));
        assert!(!overlap(&words("a b c d e"), &words("a x")));
    }
}
