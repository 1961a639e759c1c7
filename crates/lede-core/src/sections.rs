//! Sections: runs of blocks under a heading, or topical groups when the article has none.
//!
//! Contract (what the app relies on):
//! - A section is a contiguous run of block indices (`Section::blocks`, ascending) and its
//!   `span` covers its first to its last block. Sections are in text order and never overlap.
//! - Every body block ([`crate::BlockKind::is_body`]) is in exactly one section.
//! - **Front matter** sits outside every section: the blocks before the first body block or
//!   heading (title, dek, byline, timestamp, a lead photo's caption and credit, a media link).
//!   **Back matter** sits outside too: the furniture after the last body block (editor's
//!   notes, "Read more" links, copyright lines). Furniture between body blocks (a caption in
//!   mid-article, a dateline) belongs to the section it sits in. The app shows front matter as
//!   the article's header and back matter as notes under it.
//!
//! With headings, the body before the first heading is the "Lead" section and each heading
//! starts a section of its own level (`#` = 1, `##` = 2, ALL-CAPS/Title-Case/numbered/time
//! lines = 2). Without headings the article's own shape decides: the lead (the first body
//! paragraph, or two when the first is very short), then topical groups of about two to four
//! paragraphs found by lexical cohesion in the manner of TextTiling (content-word overlap
//! between the two paragraphs before and the two after each gap; boundaries at the deepest
//! valleys). Each group gets a label from its most salient words, capitalised names first. In
//! an interview, groups only break before a question, so a question stays with its answer.

use crate::gazetteer::FastMap;
use crate::names::{Key, Lexicon};
use crate::{Block, BlockKind, Span};
use serde::{Deserialize, Serialize};
use std::cell::Cell;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SectionId(pub u32);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub id: SectionId,
    /// The heading block's span, when the section has one.
    pub heading: Option<Span>,
    /// A short label for sections without a heading ("Lead", or a generated topic); the
    /// heading's text for sections with one.
    pub label: String,
    pub level: u8,
    /// From the first to the last block of the section.
    pub span: Span,
    /// Indices into `Document::blocks`.
    pub blocks: Vec<u32>,
}

/// Label of the article's opening section.
pub const LEAD_LABEL: &str = "Lead";

/// Build the sections of an article.
pub fn build(text: &str, blocks: &[Block]) -> Vec<Section> {
    let is_content = |b: &Block| b.kind.is_body() || b.kind == BlockKind::Heading;
    let Some(mut first) = blocks.iter().position(is_content) else {
        return Vec::new();
    };
    let last = blocks.iter().rposition(is_content).unwrap_or(first);
    if first > 0 && blocks[first - 1].kind == BlockKind::Dateline {
        first -= 1;
    }
    let range = first..last + 1;
    let is_heading = |i: &usize| blocks[*i].kind == BlockKind::Heading;
    let Some(first_heading) = range.clone().find(is_heading) else {
        let mut starts: Vec<Start> = Vec::new();
        shape_segments(text, blocks, range.clone(), &mut starts);
        let mut sections = Vec::with_capacity(starts.len());
        let ends: Vec<usize> = starts
            .iter()
            .skip(1)
            .map(|n| n.at)
            .chain(std::iter::once(range.end))
            .collect();
        for (s, end) in starts.into_iter().zip(ends) {
            push_section(&mut sections, blocks, s, end);
        }
        return sections;
    };
    // Each heading starts a section; the body before the first one is the lead. Built in one
    // pass, without a list of starts: an article of many short headings has as many sections.
    let min_level = range
        .clone()
        .filter(is_heading)
        .map(|i| blocks[i].level.max(1))
        .min()
        .unwrap_or(2);
    let mut sections = Vec::new();
    let mut open = (first_heading > first).then(|| Start {
        at: first,
        heading: None,
        level: min_level,
        label: LEAD_LABEL.to_string(),
    });
    for h in range.clone().filter(is_heading) {
        if let Some(s) = open.take() {
            push_section(&mut sections, blocks, s, h);
        }
        open = Some(Start {
            at: h,
            heading: Some(blocks[h].span),
            level: blocks[h].level.clamp(1, 6),
            label: short_label(&text[blocks[h].span]),
        });
    }
    if let Some(s) = open {
        push_section(&mut sections, blocks, s, range.end);
    }
    sections
}

/// The section from `s` up to block `end` (exclusive), unless it would be empty.
fn push_section(sections: &mut Vec<Section>, blocks: &[Block], s: Start, end: usize) {
    if end <= s.at {
        return;
    }
    let span = blocks[s.at].span.cover(blocks[end - 1].span);
    sections.push(Section {
        id: SectionId(sections.len() as u32),
        heading: s.heading,
        label: s.label,
        level: s.level,
        span,
        blocks: (s.at as u32..end as u32).collect(),
    });
}

struct Start {
    at: usize,
    heading: Option<Span>,
    level: u8,
    label: String,
}

/// A heading's text as a label, cut at a word boundary.
fn short_label(heading: &str) -> String {
    let t = heading.trim();
    if t.chars().count() <= 80 {
        return t.to_string();
    }
    let mut end = 0;
    for (i, c) in t.char_indices() {
        if i > 77 {
            break;
        }
        if c == ' ' {
            end = i;
        }
    }
    if end == 0 {
        end = t.char_indices().nth(77).map_or(t.len(), |(i, _)| i);
    }
    format!("{}…", &t[..end])
}

/// Sections from the article's shape: the lead, then cohesive groups of paragraphs.
fn shape_segments(
    text: &str,
    blocks: &[Block],
    range: std::ops::Range<usize>,
    starts: &mut Vec<Start>,
) {
    let body: Vec<usize> = range
        .clone()
        .filter(|&i| blocks[i].kind.is_body())
        .collect();
    // Shape sections are siblings at the level of a `##` heading: the title is level 1.
    starts.push(Start {
        at: range.start,
        heading: None,
        level: 2,
        label: LEAD_LABEL.to_string(),
    });
    if body.len() <= 2 {
        return;
    }
    // The lead: the first paragraph, with the second when the first is very short, and with
    // the list it introduces when it ends with a colon.
    let vocab = Vocabulary::build(text, blocks, &body);
    let all_bags: Vec<&[(u32, u32)]> = (0..body.len()).map(|k| vocab.bag(k)).collect();
    let mut lead_len = 1;
    if word_len(&text[blocks[body[0]].span]) < 12
        && body.len() > 3
        && blocks[body[1]].kind == BlockKind::Paragraph
        && cosine(all_bags[0], all_bags[1]) > 0.0
    {
        lead_len = 2;
    }
    if text[blocks[body[lead_len - 1]].span].ends_with(':') {
        while lead_len < body.len() - 1
            && matches!(
                blocks[body[lead_len]].kind,
                BlockKind::ListItem | BlockKind::BlockQuote
            )
        {
            lead_len += 1;
        }
    }
    let rest = &body[lead_len..];
    if rest.is_empty() {
        return;
    }
    let bags = &all_bags[lead_len..];
    let interview = rest
        .iter()
        .filter(|&&i| blocks[i].kind == BlockKind::Question)
        .count()
        >= 2;
    let cuts = if interview {
        // Break before every question after the first few paragraphs' worth.
        let mut cuts = Vec::new();
        let mut last = 0;
        for (j, &i) in rest.iter().enumerate().skip(1) {
            if blocks[i].kind == BlockKind::Question && j - last >= 2 {
                cuts.push(j);
                last = j;
            }
        }
        cuts
    } else if rest.len() <= 3 {
        Vec::new()
    } else {
        // No cut inside a list or a run of quoted lines, nor after a line that introduces
        // what follows with a colon.
        let allowed: Vec<bool> = (0..rest.len())
            .map(|j| {
                j == 0 || {
                    let (prev, cur) = (&blocks[rest[j - 1]], &blocks[rest[j]]);
                    let run = prev.kind == cur.kind
                        && matches!(cur.kind, BlockKind::ListItem | BlockKind::BlockQuote);
                    !run && !text[prev.span].ends_with(':') && !continues_previous(&text[cur.span])
                }
            })
            .collect();
        tile(bags, &allowed)
    };
    // The first topical group starts right after the lead.
    let mut group_starts = vec![0];
    group_starts.extend(cuts);
    for (g, &gs) in group_starts.iter().enumerate() {
        let ge = group_starts.get(g + 1).copied().unwrap_or(rest.len());
        // Furniture between the previous group and this one stays with the previous group.
        let at = rest[gs];
        let at = if at > 0 && blocks[at - 1].kind == BlockKind::Dateline {
            at - 1
        } else {
            at
        };
        let label = if interview && blocks[at].kind == BlockKind::Question {
            let q = &text[blocks[at].span];
            let q = q.split_once(':').map_or(q, |(_, r)| r.trim());
            short_label(q)
        } else {
            let previous = starts.last().filter(|s| s.heading.is_none());
            vocab.label(text, &bags[gs..ge], previous.map(|s| s.label.as_str()))
        };
        starts.push(Start {
            at,
            heading: None,
            level: 2,
            label,
        });
    }
}

/// A paragraph that leans on the one before it: it opens with a pronoun or a conjunction, or
/// it resumes a quotation with a pronoun attribution (`"...," he continued, "..."`).
fn continues_previous(p: &str) -> bool {
    const OPENERS: &[&str] = &[
        "He", "She", "It", "They", "His", "Her", "Their", "Its", "This", "These", "Those", "But",
        "And", "Also", "Still", "Yet", "So", "Instead", "Then", "There",
    ];
    let first = p.split([' ', ',']).next().unwrap_or("");
    if OPENERS.contains(&first) {
        return true;
    }
    if !p.starts_with(['"', '“']) {
        return false;
    }
    let head = &p[..p.floor_char_boundary_compat(160)];
    [
        " he ",
        " she ",
        " they ",
        " he said",
        " she said",
        " he added",
        " she added",
    ]
    .iter()
    .any(|a| head.contains(a))
}

/// `str::floor_char_boundary` for our minimum Rust version.
trait FloorCharBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl FloorCharBoundary for str {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        if i >= self.len() {
            return self.len();
        }
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

fn word_len(s: &str) -> usize {
    s.split_ascii_whitespace().count()
}

/// Choose gap indices (a cut `j` starts a new group at paragraph `j`) by TextTiling depth
/// scores, aiming at groups of two to four paragraphs.
fn tile(bags: &[&[(u32, u32)]], allowed: &[bool]) -> Vec<usize> {
    let m = bags.len();
    const MIN: usize = 2;
    const MAX: usize = 5;
    // Similarity at gap g (between paragraph g and g+1), windows of two paragraphs a side.
    let (mut left, mut right) = (Vec::new(), Vec::new());
    let scores: Vec<f64> = (0..m - 1)
        .map(|g| {
            merge(&bags[g.saturating_sub(1)..=g], &mut left);
            merge(&bags[g + 1..(g + 3).min(m)], &mut right);
            cosine(&left, &right)
        })
        .collect();
    // Depth of each valley: how far the score climbs back up on both sides (TextTiling). The
    // peaks are found in one pass each way, so this stays linear.
    let g_len = scores.len();
    let mut left_peak = vec![0.0; g_len];
    for g in 0..g_len {
        left_peak[g] = if g > 0 && scores[g - 1] >= scores[g] {
            left_peak[g - 1]
        } else {
            scores[g]
        };
    }
    let mut right_peak = vec![0.0; g_len];
    for g in (0..g_len).rev() {
        right_peak[g] = if g + 1 < g_len && scores[g + 1] >= scores[g] {
            right_peak[g + 1]
        } else {
            scores[g]
        };
    }
    let depth: Vec<f64> = (0..g_len)
        .map(|g| (left_peak[g] - scores[g]) + (right_peak[g] - scores[g]))
        .collect();
    let target_groups = ((m as f64) / 3.0).round().max(2.0) as usize;
    // Distance from cut j to the nearest of the evenly spaced cuts, to break ties.
    let spacing = m as f64 / target_groups as f64;
    let closeness = |j: usize| {
        let k = (j as f64 / spacing)
            .round()
            .clamp(1.0, (target_groups - 1).max(1) as f64);
        (k * spacing - j as f64).abs()
    };
    // Candidate cut j (1..m): the gap before paragraph j is gap j-1.
    // Deepest first, then closest to an even spacing, then first in the text: two sorts of
    // (number, index) pairs, the second keeping the first's order on a tie. Nothing is moved
    // about afterwards, which on a long text missed the cache at every step.
    let mut by_closeness: Vec<(u64, u32)> = (MIN..=m - MIN)
        .filter(|&j| allowed[j])
        .map(|j| (crate::order::f64_key(closeness(j)), j as u32))
        .collect();
    crate::order::sort_keyed(&mut by_closeness);
    let mut by_depth: Vec<(u64, u32)> = by_closeness
        .iter()
        .enumerate()
        .map(|(rank, &(_, j))| (!crate::order::f64_key(depth[j as usize - 1]), rank as u32))
        .collect();
    crate::order::sort_keyed(&mut by_depth);
    let mut is_cut = vec![false; m];
    let mut n_cuts = 0;
    let order = by_depth
        .iter()
        .map(|&(_, rank)| by_closeness[rank as usize].1 as usize);
    for j in order {
        if n_cuts + 1 >= target_groups {
            break;
        }
        count_work(1);
        // At least MIN paragraphs from the cuts on either side (the ends count as cuts; the
        // candidates keep MIN from them already).
        if (j + 1 - MIN..j + MIN).all(|k| !is_cut[k]) {
            is_cut[j] = true;
            n_cuts += 1;
        }
    }
    // Split groups that are still too long at their deepest valley.
    let mut bounds: Vec<usize> = std::iter::once(0)
        .chain((0..m).filter(|&j| is_cut[j]))
        .collect();
    bounds.push(m);
    let mut todo: Vec<(usize, usize)> = bounds.windows(2).map(|w| (w[0], w[1])).collect();
    let valleys = Valleys::new(&depth, allowed);
    while let Some((a, b)) = todo.pop() {
        if b - a <= MAX {
            continue;
        }
        // Deepest valley; among equals the one nearest the middle, so splits stay balanced.
        if let Some(j) = valleys.deepest(a + MIN, b - MIN, (a + b) / 2) {
            is_cut[j] = true;
            todo.push((a, j));
            todo.push((j, b));
        }
    }
    (0..m).filter(|&j| is_cut[j]).collect()
}

/// The allowed cuts by the depth of their valley, to find the deepest cut of any range in
/// logarithmic time: a scan of each range would make repeated splits of a long group
/// quadratic when the deepest valleys sit near its ends.
struct Valleys {
    /// Leaves: cut `j`'s depth (the depth of gap `j - 1`), `-inf` when the cut is not allowed;
    /// each inner node the maximum of its two children.
    tree: Vec<f64>,
    leaves: usize,
    /// The allowed cuts as (depth, cut), ascending.
    by_depth: Vec<(f64, usize)>,
}

impl Valleys {
    fn new(depth: &[f64], allowed: &[bool]) -> Valleys {
        let leaves = allowed.len();
        let cut_depth = |j: usize| {
            if j >= 1 && allowed[j] {
                // `+ 0.0` folds a negative zero into zero, so equal depths compare equal.
                depth.get(j - 1).map_or(f64::NEG_INFINITY, |&d| d + 0.0)
            } else {
                f64::NEG_INFINITY
            }
        };
        let mut tree = vec![f64::NEG_INFINITY; 2 * leaves];
        for j in 0..leaves {
            tree[leaves + j] = cut_depth(j);
        }
        for i in (1..leaves).rev() {
            tree[i] = tree[2 * i].max(tree[2 * i + 1]);
        }
        let mut by_depth: Vec<(f64, usize)> = (0..leaves)
            .map(|j| (cut_depth(j), j))
            .filter(|&(d, _)| d > f64::NEG_INFINITY)
            .collect();
        // In order of `j` already, so a stable sort by depth breaks ties by `j`.
        crate::order::sort_by_u64(&mut by_depth, |&(d, _)| crate::order::f64_key(d));
        Valleys {
            tree,
            leaves,
            by_depth,
        }
    }

    /// The allowed cut in `lo..=hi` with the deepest valley; among equals the one nearest
    /// `mid` (which lies in the range), and of two as near the earlier one.
    fn deepest(&self, lo: usize, hi: usize, mid: usize) -> Option<usize> {
        if lo > hi || hi >= self.leaves {
            return None;
        }
        let (mut l, mut r) = (lo + self.leaves, hi + 1 + self.leaves);
        let mut d = f64::NEG_INFINITY;
        while l < r {
            count_work(1);
            if l & 1 == 1 {
                d = d.max(self.tree[l]);
                l += 1;
            }
            if r & 1 == 1 {
                r -= 1;
                d = d.max(self.tree[r]);
            }
            l /= 2;
            r /= 2;
        }
        if d == f64::NEG_INFINITY {
            return None;
        }
        let at = self
            .by_depth
            .partition_point(|&(x, j)| x.total_cmp(&d).then(j.cmp(&mid)).is_lt());
        let after = self
            .by_depth
            .get(at)
            .filter(|&&(x, j)| x == d && j <= hi)
            .map(|&(_, j)| j);
        let before = at
            .checked_sub(1)
            .map(|k| self.by_depth[k])
            .filter(|&(x, j)| x == d && j >= lo)
            .map(|(_, j)| j);
        match (before, after) {
            (Some(x), Some(y)) => Some(if mid - x <= y - mid { x } else { y }),
            (x, y) => x.or(y),
        }
    }
}

/// Sum sparse bags (sorted by term id) into `out`, sorted by term id: two bags in one pass,
/// more by merging each half's sum, which keeps this `O(k log b)` in the `k` entries of `b`
/// bags.
fn merge(bags: &[&[(u32, u32)]], out: &mut Vec<(u32, u32)>) {
    out.clear();
    match bags {
        [] => {}
        [a] => out.extend_from_slice(a),
        [a, b] => merge_two(a, b, out),
        _ => {
            let (mut left, mut right) = (Vec::new(), Vec::new());
            let (l, r) = bags.split_at(bags.len() / 2);
            merge(l, &mut left);
            merge(r, &mut right);
            merge_two(&left, &right, out);
        }
    }
}

/// Two sorted bags summed into `out` (empty), in one pass.
fn merge_two(a: &[(u32, u32)], b: &[(u32, u32)], out: &mut Vec<(u32, u32)>) {
    count_work(a.len() + b.len());
    out.reserve(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while let (Some(&(x, cx)), Some(&(y, cy))) = (a.get(i), b.get(j)) {
        match x.cmp(&y) {
            std::cmp::Ordering::Less => {
                out.push((x, cx));
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push((y, cy));
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((x, cx + cy));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
}

/// Steps of work (bag entries merged, candidate cuts looked at) done by sectioning on this
/// thread. Tests compare it across input sizes to pin that sectioning stays linear.
#[doc(hidden)]
pub fn work_done() -> u64 {
    WORK.with(Cell::get)
}

thread_local! {
    static WORK: Cell<u64> = const { Cell::new(0) };
}

fn count_work(steps: usize) {
    WORK.with(|w| w.set(w.get().wrapping_add(steps as u64)));
}

fn cosine(a: &[(u32, u32)], b: &[(u32, u32)]) -> f64 {
    let norm = |v: &[(u32, u32)]| {
        v.iter()
            .map(|&(_, c)| f64::from(c) * f64::from(c))
            .sum::<f64>()
            .sqrt()
    };
    let (na, nb) = (norm(a), norm(b));
    if na == 0.0 || nb == 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Equal => {
                dot += f64::from(a[i].1) * f64::from(b[j].1);
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    dot / (na * nb)
}

/// Term ids by spelling. Most spellings are short ASCII words, kept as their packed key
/// (compared without a byte loop); longer ones are kept in one string, so a new term allocates
/// nothing of its own. A spelling is found by a 64-bit hash and checked against the stored one;
/// when another spelling holds its hash (which may never happen), the next number is tried.
#[derive(Default)]
struct Interner {
    by_hash: FastMap<u64, u32>,
    /// Per id, its spelling.
    spellings: Vec<Spelling>,
    /// The long spellings, one after another.
    long: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Spelling {
    /// A word of at most 16 ASCII bytes, in lower case.
    Short(Key),
    /// A byte range of `Interner::long`.
    Long(u32, u32),
}

impl Interner {
    /// The id of the spelling `key` packs.
    fn intern_key(&mut self, key: Key) -> (u32, bool) {
        self.intern_with(key.hash(), Spelling::Short(key), |_, s| {
            s == Spelling::Short(key)
        })
    }

    /// The id of `w`; short ASCII spellings go through [`Interner::intern_key`], so each
    /// spelling has one id whichever way it comes.
    fn intern(&mut self, w: &str) -> (u32, bool) {
        if let Some(key) = Key::new(w.as_bytes()) {
            return self.intern_key(key);
        }
        use std::hash::BuildHasher;
        let hash = std::hash::BuildHasherDefault::<crate::gazetteer::Fx>::default().hash_one(w);
        let at = self.long.len() as u32;
        let spelling = Spelling::Long(at, at + w.len() as u32);
        let (id, new) = self.intern_with(
            hash,
            spelling,
            |long, s| matches!(s, Spelling::Long(a, b) if &long[a as usize..b as usize] == w),
        );
        if new {
            self.long.push_str(w);
        }
        (id, new)
    }

    /// Ids count up from 0 in the order spellings are first seen; also says whether the
    /// spelling is new.
    fn intern_with(
        &mut self,
        mut hash: u64,
        spelling: Spelling,
        same: impl Fn(&str, Spelling) -> bool,
    ) -> (u32, bool) {
        let next = self.spellings.len() as u32;
        while let Some(&id) = self.by_hash.get(&hash) {
            if same(&self.long, self.spellings[id as usize]) {
                return (id, false);
            }
            hash = hash.wrapping_add(1);
        }
        self.by_hash.insert(hash, next);
        self.spellings.push(spelling);
        (next, true)
    }
}

/// Content words of the body paragraphs, interned.
struct Vocabulary {
    /// Per term: a surface form (byte range of its first capitalised or first occurrence),
    /// how many paragraphs hold it, how often it is capitalised mid-sentence.
    terms: Vec<Term>,
    /// The bags of (term, count) of every body block, one after another, each sorted by term.
    entries: Vec<(u32, u32)>,
    /// Per body block (in `body` order): where its bag ends in `entries`.
    bag_ends: Vec<usize>,
    paragraphs: usize,
}

struct Term {
    surface: (u32, u32),
    df: u32,
    capitalised: u32,
    lower: u32,
    /// The last paragraph (counted from 1) that holds the term, and the term's place in that
    /// paragraph's bag.
    last: u32,
    slot: u32,
}

impl Vocabulary {
    fn build(text: &str, blocks: &[Block], body: &[usize]) -> Vocabulary {
        let mut ids = Interner::default();
        let mut terms: Vec<Term> = Vec::new();
        let mut entries: Vec<(u32, u32)> = Vec::new();
        let mut bag_ends = Vec::with_capacity(body.len());
        let mut buf = String::new();
        // The paragraph's (term, count) pairs in the order first seen.
        let mut bag: Vec<(u64, u32)> = Vec::new();
        let stops = stop_words();
        for (k, &bi) in body.iter().enumerate() {
            let paragraph = k as u32 + 1;
            let span = blocks[bi].span;
            let s = &text[span];
            let base = span.start as usize;
            bag.clear();
            let mut sentence_start = true;
            for (ws, word, ascii) in words(s) {
                let starts_sentence = sentence_start;
                sentence_start = match word.as_bytes() {
                    [.., b'.' | b'?' | b'!'] | [.., b'.', b'"'] => true,
                    [.., 0x9d] => word.ends_with(".”"),
                    _ => false,
                };
                // Most words are ASCII: trimmed, tested and looked up by their bytes, and a
                // short one by its packed lower-case key, without a copy or a character
                // decoded. Both ways give the same terms.
                let (w, id, new) = if ascii {
                    let b = word.as_bytes();
                    let Some(start) = b.iter().position(u8::is_ascii_alphanumeric) else {
                        continue;
                    };
                    let end = b
                        .iter()
                        .rposition(u8::is_ascii_alphanumeric)
                        .unwrap_or(start);
                    let mut t = &b[start..=end];
                    if let [rest @ .., b'\'', b's'] = t {
                        t = rest;
                    }
                    if t.len() < 3 || !t[0].is_ascii_alphabetic() {
                        continue;
                    }
                    // A contraction: "they've", "don't" (not a name such as "O'Brien").
                    if let Some(a) = t.iter().rposition(|&c| c == b'\'') {
                        let tail = &t[a + 1..];
                        if (1..=2).contains(&tail.len()) && tail.iter().all(u8::is_ascii_lowercase)
                        {
                            continue;
                        }
                    }
                    let key = Key::new(t);
                    if key.is_some_and(|key| stops.get_key(key).is_some()) {
                        continue;
                    }
                    let n = t.len();
                    let plural = n > 4 && t[n - 1] | 0x20 == b's' && t[n - 2] | 0x20 != b's';
                    let stem = if plural { &t[..n - 1] } else { t };
                    let (id, new) = match (plural, key) {
                        (false, Some(key)) => ids.intern_key(key),
                        _ => match Key::new(stem) {
                            Some(key) => ids.intern_key(key),
                            None => {
                                buf.clear();
                                buf.extend(stem.iter().map(|c| char::from(c.to_ascii_lowercase())));
                                ids.intern(&buf)
                            }
                        },
                    };
                    (&word[start..start + t.len()], id, new)
                } else {
                    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
                    let w = w
                        .strip_suffix("'s")
                        .or_else(|| w.strip_suffix("’s"))
                        .unwrap_or(w);
                    if w.chars().count() < 3
                        || !w.chars().next().is_some_and(char::is_alphabetic)
                        || is_contraction(w)
                    {
                        continue;
                    }
                    buf.clear();
                    buf.extend(
                        w.chars()
                            .map(|c| if c == '’' { '\'' } else { c })
                            .flat_map(char::to_lowercase),
                    );
                    if stops.get(buf.as_bytes()).is_some() {
                        continue;
                    }
                    if buf.len() > 4 && buf.ends_with('s') && !buf.ends_with("ss") {
                        buf.pop();
                    }
                    let (id, new) = ids.intern(&buf);
                    (w, id, new)
                };
                if new {
                    terms.push(Term {
                        surface: (0, 0),
                        df: 0,
                        capitalised: 0,
                        lower: 0,
                        last: 0,
                        slot: 0,
                    });
                }
                let term = &mut terms[id as usize];
                // Where the trimmed word starts (its end may have lost a possessive).
                let offset = base + ws + (w.as_ptr() as usize - word.as_ptr() as usize);
                let is_cap = w.starts_with(|c: char| c.is_uppercase());
                if term.surface == (0, 0) || (is_cap && !starts_sentence && term.capitalised == 0) {
                    // An abbreviation keeps its last period: "U.S.", not "U.S".
                    let dotted = w.contains('.') && text[offset + w.len()..].starts_with('.');
                    term.surface = (
                        offset as u32,
                        (offset + w.len() + usize::from(dotted)) as u32,
                    );
                }
                if is_cap && !starts_sentence {
                    term.capitalised += 1;
                } else if !is_cap {
                    term.lower += 1;
                }
                if term.last == paragraph {
                    bag[term.slot as usize].1 += 1;
                } else {
                    term.last = paragraph;
                    term.slot = bag.len() as u32;
                    term.df += 1;
                    bag.push((u64::from(id), 1));
                }
            }
            // By term: each term is in the bag once, so this is the order of the ids alone.
            crate::order::sort_keyed(&mut bag);
            entries.extend(bag.iter().map(|&(id, c)| (id as u32, c)));
            bag_ends.push(entries.len());
        }
        Vocabulary {
            terms,
            entries,
            bag_ends,
            paragraphs: body.len(),
        }
    }

    /// The bag of the `k`th body block.
    fn bag(&self, k: usize) -> &[(u32, u32)] {
        let start = if k == 0 { 0 } else { self.bag_ends[k - 1] };
        &self.entries[start..self.bag_ends[k]]
    }

    /// A group's label: its one or two most salient terms (names first), not the same as the
    /// `previous` group's.
    fn label(&self, text: &str, bags: &[&[(u32, u32)]], previous: Option<&str>) -> String {
        let mut group = Vec::new();
        merge(bags, &mut group);
        let n = self.paragraphs.max(1) as f64;
        // (score, term, count in the group)
        let mut scored: Vec<(f64, u32, u32)> = group
            .iter()
            .map(|&(id, tf)| {
                let t = &self.terms[id as usize];
                let idf = (1.0 + n / f64::from(t.df.max(1))).ln();
                // Names weigh more; a word only ever seen opening a sentence weighs less.
                let proper = if t.capitalised > t.lower {
                    1.6
                } else if t.lower == 0 {
                    0.5
                } else {
                    1.0
                };
                // A term repeated inside the group is what the group is about.
                (
                    f64::from(tf) * idf * proper + if tf > 1 { 0.5 } else { 0.0 },
                    id,
                    tf,
                )
            })
            .collect();
        // Best first; equal scores keep the group's order, which is by term. (Scores are
        // positive, so the float key orders them as numbers.)
        crate::order::sort_by_u64(&mut scored, |&(score, _, _)| !crate::order::f64_key(score));
        // A name close behind the best word goes first: labels read better as names.
        let is_proper = |id: u32| {
            let t = &self.terms[id as usize];
            t.capitalised > t.lower
        };
        if let Some(&(best, _, _)) = scored.first() {
            if let Some(p) = scored
                .iter()
                .position(|&(sc, id, _)| is_proper(id) && sc >= best * 0.5)
            {
                let name = scored.remove(p);
                scored.insert(0, name);
            }
        }
        // After a name, another name scoring at least half the best reads better than a plain
        // word ("Damascus, Homs" rather than "Damascus, hit"): it goes second.
        if let Some(&(best, first, _)) = scored.first() {
            if is_proper(first) {
                if let Some(p) = scored
                    .iter()
                    .skip(1)
                    .position(|&(sc, id, _)| is_proper(id) && sc >= best * 0.5)
                {
                    let name = scored.remove(p + 1);
                    scored.insert(1, name);
                }
            }
        }
        // The label's words, leaving out the term `skip`; with the second word's term.
        let pick = |skip: Option<u32>| {
            let mut words: Vec<&str> = Vec::with_capacity(2);
            let mut second = None;
            let mut first_proper = false;
            for &(_, id, tf) in &scored {
                if words.len() == 2 {
                    break;
                }
                if Some(id) == skip {
                    continue;
                }
                count_work(1);
                let t = &self.terms[id as usize];
                let first_is_name = !words.is_empty() && first_proper;
                // After a name, a second term only when it is a name too or repeated in the
                // group; two plain words give each other context.
                if first_is_name && t.capitalised <= t.lower && tf < 2 {
                    continue;
                }
                let (s, e) = t.surface;
                let (s, e) = if t.capitalised > t.lower {
                    extend_name(text, s as usize, e as usize)
                } else {
                    (s as usize, e as usize)
                };
                // A demonym stands for its place: "Syria", not "Syrian".
                let w = match &text[s..e] {
                    w if t.capitalised > t.lower && !w.contains(' ') => {
                        demonym_place(w).unwrap_or(w)
                    }
                    w => w,
                };
                if words.iter().any(|x| same_name(x, w)) {
                    continue;
                }
                if words.first().is_some_and(|x| x.len() + w.len() > 36) {
                    break;
                }
                if words.is_empty() {
                    first_proper = t.capitalised > t.lower;
                } else {
                    second = Some(id);
                }
                words.push(w);
            }
            (join_label(&words), second)
        };
        match pick(None) {
            // Not the previous group's label again: its second word gives way to the next.
            (label, Some(second)) if Some(label.as_str()) == previous => pick(Some(second)).0,
            (label, _) => label,
        }
    }
}

/// Grow a capitalised word into the name around it ("Calder" -> "Ines Calder"): adjacent
/// capitalised words joined by single spaces, at most two on each side.
fn extend_name(text: &str, mut s: usize, mut e: usize) -> (usize, usize) {
    const NOT_NAMES: &[&str] = &[
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "But",
        "And",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "Mr.",
        "Mrs.",
        "Ms.",
        "Dr.",
        "Mayor",
        "President",
        "Minister",
        "Secretary",
        "Senator",
        "Governor",
        "Chief",
        "Director",
        "Judge",
        "General",
        "Sen.",
        "Gov.",
        "Rep.",
        "Gen.",
        "Prof.",
        "Sir",
        "Lady",
        "Lord",
        "King",
        "Queen",
        "Prince",
        "Pope",
        "Councillor",
        "Councilman",
        "Chairman",
        "Chair",
        "Prime",
        "Foreign",
        "Officer",
        "Captain",
        "Coach",
        "Professor",
        "Doctor",
        "When",
        "While",
        "After",
        "Before",
        "If",
        "As",
        "For",
        "With",
        "From",
        "By",
        "This",
        "That",
        "Leader",
        "MP",
        "MPP",
        "MLA",
        "Attorney",
        "CEO",
        "CFO",
        "Premier",
        "Deputy",
        "Commissioner",
        "Superintendent",
        "Sergeant",
        "Constable",
        "Detective",
        "Inspector",
        "Ambassador",
        "Bishop",
        "Rev.",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Friday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Saturday",
        "Sunday",
        "Though",
        "Although",
        "Because",
        "Since",
        "Unless",
        "Until",
        "Whether",
        "Once",
        "However",
        "Meanwhile",
        "Still",
        "Also",
        "Then",
    ];
    let is_name_word = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’' || c == '.')
            && !NOT_NAMES.contains(&w)
    };
    for _ in 0..2 {
        let before = &text[..s];
        let Some(prefix) = before.strip_suffix(' ') else {
            break;
        };
        let ws = prefix.rfind([' ', '\n', '(', '"', '“']).map_or(0, |p| {
            p + prefix[p..].chars().next().map_or(1, char::len_utf8)
        });
        let w = &prefix[ws..];
        if !is_name_word(w) || w.ends_with('.') {
            break;
        }
        s = ws;
    }
    for _ in 0..2 {
        let after = &text[e..];
        let Some(rest) = after.strip_prefix(' ') else {
            break;
        };
        let we = rest
            .find([' ', '\n', ',', ';', ':', ')', '"', '”', '’'])
            .unwrap_or(rest.len());
        let raw = &rest[..we];
        let w = raw.trim_end_matches('.');
        if w.is_empty() || !is_name_word(w) || w.contains('.') {
            break;
        }
        e += 1 + w.len();
        if raw.len() != w.len() {
            break; // the name ends a sentence
        }
    }
    (s, e)
}

/// The place a demonym names ("Syrian", "Canadians" -> "Syria", "Canada").
fn demonym_place(word: &str) -> Option<&'static str> {
    let lower = word.to_lowercase();
    let lists = crate::gazetteer::lists();
    lists
        .demonym(&lower)
        .or_else(|| lower.strip_suffix('s').and_then(|l| lists.demonym(l)))
}

/// Label words joined by commas, the first capitalised; "More" when there are none.
fn join_label(words: &[&str]) -> String {
    if words.is_empty() {
        return "More".to_string();
    }
    let mut label = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            label.push_str(", ");
            label.push_str(w);
        } else {
            let mut chars = w.chars();
            if let Some(c) = chars.next() {
                label.extend(c.to_uppercase());
                label.push_str(chars.as_str());
            }
        }
    }
    label
}

/// Whether two label words name the same thing: one holds the other ("Kerry", "John Kerry"),
/// or both end in the same word and the shorter's words are all in the longer ("Justice
/// Dunphy", "Justice Sean Dunphy"; not "Caleb Jones", "Seth Jones").
fn same_name(a: &str, b: &str) -> bool {
    if a.contains(b) || b.contains(a) {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.rsplit(' ').next() == long.rsplit(' ').next()
        && short.split(' ').all(|w| long.split(' ').any(|v| v == w))
}

/// "they've", "we'll", "don't": a word ending in an apostrophe and one or two letters (not a
/// name such as "O'Brien").
fn is_contraction(w: &str) -> bool {
    w.rfind(['\'', '’']).is_some_and(|a| {
        let tail = &w[a..].trim_start_matches(['\'', '’']);
        (1..=2).contains(&tail.len()) && tail.bytes().all(|b| b.is_ascii_lowercase())
    })
}

/// `(offset, word, ascii)` for each run of characters between separators: white space,
/// dashes (— and –) and slashes; `ascii` says whether every byte of the word is ASCII. A byte
/// is looked up in a table: a separator, a word's ASCII byte, or the start of a character to
/// decode.
fn words(s: &str) -> impl Iterator<Item = (usize, &str, bool)> {
    const WORD: u8 = 0;
    const SEPARATOR: u8 = 1;
    const WIDE: u8 = 2;
    const CLASS: [u8; 256] = {
        let mut class = [WIDE; 256];
        let mut b = 0;
        while b < 0x80 {
            class[b] = if matches!(b as u8, b'\t'..=b'\r' | b' ' | b'/') {
                SEPARATOR
            } else {
                WORD
            };
            b += 1;
        }
        class
    };
    let bytes = s.as_bytes();
    // The length of the character at `i` (not ASCII), and whether it is a separator.
    let wide = move |i: usize| -> (usize, bool) {
        match s[i..].chars().next() {
            Some(c) => (c.len_utf8(), c.is_whitespace() || c == '—' || c == '–'),
            None => (1, false),
        }
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            match CLASS[usize::from(*bytes.get(i)?)] {
                WORD => break,
                SEPARATOR => i += 1,
                _ => {
                    let (n, separator) = wide(i);
                    if !separator {
                        break;
                    }
                    i += n;
                }
            }
        }
        let start = i;
        let mut ascii = true;
        while let Some(&b) = bytes.get(i) {
            let class = CLASS[usize::from(b)];
            if class == WORD {
                i += 1;
            } else if class == SEPARATOR {
                break;
            } else {
                let (n, separator) = wide(i);
                if separator {
                    break;
                }
                ascii = false;
                i += n;
            }
        }
        Some((start, &s[start..i], ascii))
    })
}

/// Function words and words too common in news to tell topics apart, looked up in any
/// letter case (every listed word is lower case).
fn stop_words() -> &'static Lexicon<()> {
    static STOPS: std::sync::OnceLock<Lexicon<()>> = std::sync::OnceLock::new();
    STOPS.get_or_init(|| Lexicon::build(STOP_WORDS.lines().map(|w| (w, ())), |_, _| ()))
}

const STOP_WORDS: &str = "\
able
about
above
according
across
actually
added
after
again
against
ago
all
almost
along
already
also
although
always
among
and
another
any
anyone
anything
apr
april
are
area
aren't
around
asked
aug
august
away
back
be
became
because
become
becomes
been
before
behind
being
believe
believes
below
between
big
billion
both
but
called
came
can
can't
cannot
case
cent
certainly
chief
come
comes
comment
comments
continue
continued
could
couldn't
currently
day
dec
december
did
didn't
director
does
doesn't
doing
don't
done
down
during
each
early
either
else
end
even
ever
every
face
feb
february
feel
feels
felt
few
find
finds
first
for
found
friday
from
further
get
give
given
going
gone
good
got
governor
great
group
had
has
have
having
he's
help
helped
her
here
herself
high
him
himself
his
hope
hoped
how
however
hundred
i'd
i'll
i'm
i've
include
includes
including
instead
interview
into
isn't
issue
it's
its
itself
jan
january
jul
july
jun
june
just
keep
kept
knew
know
known
last
late
later
leader
least
less
let
like
likely
little
long
look
looking
lot
low
made
make
makes
many
mar
march
may
maybe
mayor
mean
means
meant
might
million
minister
monday
month
months
more
most
move
mr
mrs
much
must
near
need
never
new
news
next
nor
not
noted
nov
november
now
number
numbers
oct
october
off
official
officials
often
once
one
only
onto
other
others
our
out
over
own
part
people
per
percent
perhaps
place
point
president
probably
put
puts
rather
really
recent
recently
report
reported
reports
right
said
same
saturday
say
saying
says
secretary
see
seem
seems
seen
senator
sep
sept
september
set
several
shall
she
she's
should
shouldn't
since
some
something
spokesman
spokesperson
spokeswoman
statement
still
such
sunday
take
taken
tell
than
that
that's
the
their
them
themselve
then
there
there's
these
they
they're
thing
think
this
those
though
thought
thousand
three
through
thu
thursday
time
to
today
told
too
took
toward
tried
try
trying
tuesday
two
under
until
upon
use
used
uses
using
very
via
want
wanted
wants
was
wasn't
way
we're
we've
wednesday
week
weeks
well
went
were
weren't
what
what's
when
where
whether
which
while
who
whom
whose
why
will
with
within
without
won't
work
working
would
wouldn't
year
years
yesterday
yet
you
you're
your
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_sorted() {
        assert!(
            STOP_WORDS
                .lines()
                .zip(STOP_WORDS.lines().skip(1))
                .all(|(a, b)| a < b),
            "STOP_WORDS must stay sorted, each word once"
        );
    }

    /// Any number of bags sums to what counting every entry gives, sorted by term.
    #[test]
    fn merged_bags_sum_every_term() {
        let bags: Vec<Vec<(u32, u32)>> = vec![
            vec![(1, 2), (4, 1), (9, 3)],
            vec![(0, 1), (4, 2)],
            vec![],
            vec![(9, 1), (12, 5)],
            vec![(1, 1), (2, 2), (12, 1)],
        ];
        for n in 0..=bags.len() {
            let views: Vec<&[(u32, u32)]> = bags[..n].iter().map(Vec::as_slice).collect();
            let mut expected = std::collections::BTreeMap::new();
            for &(id, c) in bags[..n].iter().flatten() {
                *expected.entry(id).or_insert(0) += c;
            }
            let mut got = vec![(99, 99)];
            merge(&views, &mut got);
            assert_eq!(got, expected.into_iter().collect::<Vec<_>>(), "{n} bags");
        }
    }

    #[test]
    fn interned_spellings_keep_their_ids_even_when_hashes_clash() {
        use std::hash::BuildHasher;
        let mut ids = Interner::default();
        let long = "internationalisation";
        assert_eq!(ids.intern("harbour"), (0, true));
        assert_eq!(ids.intern(long), (1, true));
        // Other spellings holding the hashes "ferry" and a long word are looked up by, as
        // clashes would: a short spelling's and a long one's.
        let key = Key::new(b"ferry").expect("a short ASCII word");
        ids.by_hash.insert(key.hash(), 1);
        let longer = "intergovernmentalism";
        let hash =
            std::hash::BuildHasherDefault::<crate::gazetteer::Fx>::default().hash_one(longer);
        ids.by_hash.insert(hash, 0);
        assert_eq!(ids.intern("ferry"), (2, true));
        assert_eq!(ids.intern(longer), (3, true));
        assert_eq!(ids.intern_key(key), (2, false));
        assert_eq!(
            ids.intern("Ferry"),
            (2, false),
            "a short spelling is kept in lower case"
        );
        assert_eq!(ids.intern(longer), (3, false));
        assert_eq!(ids.intern("harbour"), (0, false));
        assert_eq!(ids.intern(long), (1, false));
        assert_eq!(ids.long, format!("{long}{longer}"));
    }

    /// The byte-level word scanner splits exactly where the character-level definition does:
    /// at white space (any script's), dashes and slashes.
    #[test]
    fn words_split_at_every_kind_of_separator() {
        let reference = |s: &str| -> Vec<(usize, String)> {
            let base = s.as_ptr() as usize;
            s.split(|c: char| c.is_whitespace() || c == '—' || c == '–' || c == '/')
                .filter(|w| !w.is_empty())
                .map(|w| (w.as_ptr() as usize - base, w.to_string()))
                .collect()
        };
        for s in [
            "Plain words, and\tTabs\r\nand lines.",
            "a\u{a0}no-break\u{2009}thin\u{3000}wide\u{85}next\u{2028}line",
            "em—dash en–dash slash/word 1990s–2000s",
            "  café naïve Zoë’s «quoted» 東京 emoji🙂here ",
            "—–/ \u{a0}",
            "",
        ] {
            let got: Vec<(usize, String)> = words(s)
                .map(|(at, w, ascii)| {
                    assert_eq!(ascii, w.is_ascii(), "{w:?}");
                    (at, w.to_string())
                })
                .collect();
            assert_eq!(got, reference(s), "{s:?}");
        }
    }

    #[test]
    fn label_words() {
        assert!(is_contraction("they've") && is_contraction("we’ll") && is_contraction("don't"));
        assert!(!is_contraction("O'Brien") && !is_contraction("storm"));
        assert!(same_name("Justice Dunphy", "Justice Sean Dunphy"));
        assert!(same_name("Kerry", "John Kerry"));
        assert!(!same_name("Caleb Jones", "Seth Jones"));
        assert_eq!(join_label(&["storm", "Portmere"]), "Storm, Portmere");
        assert_eq!(join_label(&[]), "More");
        assert_eq!(demonym_place("Syrian"), Some("Syria"));
        assert_eq!(demonym_place("Canadians"), Some("Canada"));
        assert_eq!(demonym_place("Portmere"), None);
        // A conjunction opening the sentence is not part of the name after it.
        let text = "Though Justice Dunphy ruled, Ada Lark appealed.";
        let at = text.find("Dunphy").unwrap();
        let (s, e) = extend_name(text, at, at + "Dunphy".len());
        assert_eq!(&text[s..e], "Justice Dunphy");
        let at = text.find("Lark").unwrap();
        let (s, e) = extend_name(text, at, at + "Lark".len());
        assert_eq!(&text[s..e], "Ada Lark");
    }

    #[test]
    fn tiling_finds_the_topic_change() {
        // Paragraphs 0-2 share "bridge", 3-5 share "budget".
        let b = [
            &[(1, 2), (2, 1)][..],
            &[(1, 1), (2, 2)],
            &[(1, 1), (3, 1)],
            &[(5, 2), (6, 1)],
            &[(5, 1), (6, 2)],
            &[(5, 1), (7, 1)],
        ];
        assert_eq!(tile(&b, &[true; 6]), [3]);
        let mut allowed = [true; 6];
        allowed[3] = false;
        assert_ne!(tile(&b, &allowed), [3]);
    }

    #[test]
    fn deepest_valley_matches_a_scan_of_the_range() {
        // Few distinct depths, so ties are common; some cuts not allowed.
        let mut x = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..300 {
            let m = 6 + (next() % 40) as usize;
            let depth: Vec<f64> = (0..m - 1).map(|_| (next() % 4) as f64 * 0.25).collect();
            let allowed: Vec<bool> = (0..m).map(|_| next() % 4 != 0).collect();
            let valleys = Valleys::new(&depth, &allowed);
            for a in 0..m {
                for b in a + 6..=m {
                    let (lo, hi, mid) = (a + 2, b - 2, (a + b) / 2);
                    let scan = (lo..=hi).filter(|&j| allowed[j]).max_by(|&x, &y| {
                        depth[x - 1]
                            .total_cmp(&depth[y - 1])
                            .then(y.abs_diff(mid).cmp(&x.abs_diff(mid)))
                            .then(y.cmp(&x))
                    });
                    assert_eq!(
                        valleys.deepest(lo, hi, mid),
                        scan,
                        "{depth:?} {allowed:?} {a}..{b}"
                    );
                }
            }
        }
    }

    #[test]
    fn no_blocks_no_sections() {
        assert!(build("", &[]).is_empty());
    }
}
