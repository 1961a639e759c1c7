//! People, organisations and places.
//!
//! Rules and word lists, no model: capitalised runs are cut into names; titles before a name
//! become the person's role; place lists (GeoNames), organisation words ("Ministry", "News")
//! and first names decide the kind; a name seen in full lends its kind to its later short or
//! upper-case mentions. Headline-style lines (all capitals or Title Case) are read with the
//! lists and the rest of the document only.

use crate::gazetteer::{
    fold_key, lists, push_folded, FastMap, FastSet, Lists, PlaceKind, WordFilter,
};
use crate::tokens::{
    Tok, TokKind, Tokenized, ALLCAPS, CAP, HYPHEN, LINE_START, LOWER, NON_ASCII, SENT_START,
};
use crate::{Block, BlockKind, Span};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::cell::Cell;
use std::collections::hash_map::Entry;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntityId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub id: EntityId,
    pub kind: EntityKind,
    /// Canonical name ("Barack Obama", "United States").
    pub name: String,
    /// The role the article gives a person ("President").
    pub role: Option<String>,
    /// Every mention, in text order.
    pub mentions: Vec<Span>,
    /// Other names the article uses for it ("U.S.", "WHO"), in order of appearance.
    pub aliases: Vec<String>,
    /// Adjective mentions of a place ("Russian" for Russia), in text order. Not names.
    pub adjective_mentions: Vec<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    Per,
    Org,
    Loc,
    Unknown,
}

#[derive(Clone, Debug)]
struct Mention {
    /// Token range.
    a: usize,
    b: usize,
    label: Label,
    /// Set by a strong cue (title, organisation word, list match in running text).
    sure: bool,
    role: Option<String>,
    /// Canonical name from an alias list.
    canonical: Option<&'static str>,
    /// A sub-national place (sports pages name clubs after them).
    subnational: bool,
    /// Found in a headline-style line.
    headline: bool,
    /// Alias defined in parentheses right after the name: "(WHO)".
    acronym_of: Option<(usize, usize)>,
    /// An adjective of a place ("Russian"), kept for the place's adjective mentions.
    adjective: bool,
    /// The place a dateline opens with: a place whatever the page is about.
    dateline: bool,
}

impl Mention {
    fn new(a: usize, b: usize, label: Label, sure: bool) -> Mention {
        Mention {
            a,
            b,
            label,
            sure,
            role: None,
            canonical: None,
            subnational: false,
            headline: false,
            acronym_of: None,
            adjective: false,
            dateline: false,
        }
    }
}

/// Title words that modify a head ("Foreign" Minister); a title needs a head.
fn is_title_modifier(w: &str) -> bool {
    matches!(
        w,
        "Foreign"
            | "vice"
            | "prime"
            | "foreign"
            | "defense"
            | "defence"
            | "interior"
            | "finance"
            | "justice"
            | "health"
            | "deputy"
            | "acting"
            | "former"
            | "state"
            | "executive"
            | "press"
            | "opposition"
            | "information"
            | "trade"
            | "economy"
            | "agriculture"
            | "energy"
            | "education"
            | "labor"
            | "labour"
            | "culture"
            | "transport"
            | "world"
            | "national"
            | "security"
            | "senior"
            | "chief"
            | "attorney"
            | "rebel"
            | "father"
            | "sister"
            | "general"
    )
}

/// Honorifics that are not roles.
fn is_honorific(w: &str) -> bool {
    matches!(w, "mr" | "mrs" | "ms" | "miss" | "mister" | "madam")
}

/// Lower-case words that may join capitalised words into one name.
fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "van"
            | "von"
            | "der"
            | "den"
            | "bin"
            | "ibn"
            | "la"
            | "le"
            | "du"
            | "da"
            | "di"
            | "del"
            | "dos"
            | "al"
            | "el"
    )
}

/// Words after which "of"/"for" continue a name.
fn is_of_head(w: &str) -> bool {
    matches!(
        w,
        "republic"
            | "gulf"
            | "bay"
            | "sea"
            | "isle"
            | "island"
            | "islands"
            | "kingdom"
            | "state"
            | "states"
            | "province"
            | "duke"
            | "prince"
            | "king"
            | "queen"
            | "cape"
            | "strait"
            | "straits"
            | "lake"
            | "mount"
            | "port"
            | "sultanate"
            | "emirate"
            | "people's"
            | "museum"
    )
}

/// Last words of names of places, built or natural: "Elland Road", "Presidential Palace",
/// "Kestrel Bay".
fn is_loc_head(w: &str) -> bool {
    matches!(
        w,
        "road"
            | "lane"
            | "quay"
            | "wharf"
            | "pier"
            | "bay"
            | "cove"
            | "creek"
            | "beach"
            | "gulf"
            | "sea"
            | "ocean"
            | "falls"
            | "hill"
            | "hills"
            | "forest"
            | "canyon"
            | "gorge"
            | "glacier"
            | "reservoir"
            | "street"
            | "avenue"
            | "boulevard"
            | "square"
            | "stadium"
            | "park"
            | "bridge"
            | "airport"
            | "palace"
            | "castle"
            | "tower"
            | "station"
            | "harbour"
            | "harbor"
            | "river"
            | "lake"
            | "mountains"
            | "valley"
            | "island"
            | "islands"
            | "peninsula"
            | "coast"
            | "strait"
            | "canal"
            | "desert"
            | "heights"
            | "arena"
            | "oval"
            | "ground"
            | "field"
            | "plaza"
            | "camp"
    )
}

/// Last words of names of events, prizes and works: such a run is no person, place or
/// organisation.
fn is_misc_head(w: &str) -> bool {
    matches!(
        w,
        "open"
            | "cup"
            | "series"
            | "championship"
            | "championships"
            | "games"
            | "tour"
            | "award"
            | "awards"
            | "prize"
            | "trophy"
            | "olympics"
            | "festival"
            | "war"
            | "index"
            | "classic"
            | "masters"
            | "grand"
            | "prix"
            | "derby"
            | "marathon"
            | "bowl"
            | "rally"
            | "act"
            | "bill"
            | "treaty"
            | "accord"
            | "agreement"
            | "plan"
            | "day"
            | "show"
            | "film"
            | "book"
            | "album"
            | "summit"
            | "challenge"
            | "invitational"
            | "paralympics"
            | "world"
            | "circuit"
            | "stakes"
            | "year"
            | "eve"
    )
}

fn is_month_or_day(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    )
}

/// Words of sports reports.
const SPORT_WORDS: &[&str] = &[
    "beat",
    "beats",
    "drew",
    "innings",
    "wickets",
    "wicket",
    "goals",
    "halftime",
    "half-time",
    "scorers",
    "standings",
    "tournament",
    "seeded",
    "soccer",
    "cricket",
    "tennis",
    "golf",
    "baseball",
    "basketball",
    "hockey",
    "rugby",
    "striker",
    "midfielder",
    "semifinal",
    "quarterfinal",
    "batsman",
    "bowler",
    "pitcher",
    "inning",
    "touchdown",
    "playoff",
    "playoffs",
    "matches",
    "scored",
];

/// The filter of [`SPORT_WORDS`], built at compile time.
static SPORT_FILTER: WordFilter = WordFilter::of_words(SPORT_WORDS);

/// Words after which a place name stays a place even on a sports page.
fn is_place_prep(w: &str) -> bool {
    matches!(
        w,
        "in" | "at" | "from" | "near" | "to" | "of" | "outside" | "across"
    )
}

struct Ctx<'t> {
    text: &'t str,
    toks: Vec<Tok>,
    /// The folded lower-case forms of the tokens.
    keys: Keys,
    lower_seen: LowerSeen<'t>,
    /// [`Ctx::is_capword`] of every token, worked out once.
    capword: Vec<bool>,
    /// What [`Ctx::title_key`] and [`Ctx::org_word_key`] found of each token, once asked
    /// (see [`Looked`]): the words that reach them are asked about several times.
    looked_up: Vec<Cell<u8>>,
    lists: &'static Lists,
    sporty: bool,
}

/// The bits of a [`Ctx::looked_up`] entry for one list: asked already, and the answer.
#[derive(Clone, Copy)]
struct Looked {
    known: u8,
    yes: u8,
}

impl Looked {
    const TITLE: Looked = Looked { known: 1, yes: 2 };
    const ORG_WORD: Looked = Looked { known: 4, yes: 8 };
}

impl<'t> Ctx<'t> {
    /// Folded lower-case form of token i.
    // Asked of most tokens read, and small: a call would cost more than the look-up.
    #[inline(always)]
    fn key(&self, i: usize) -> &str {
        self.keys.key(&self.toks, i)
    }
    /// [`Ctx::key`] as bytes.
    #[inline(always)]
    fn key_bytes(&self, i: usize) -> &[u8] {
        self.key(i).as_bytes()
    }
    /// Folded lower-case form of tokens a..b, joined as in running text: by one space, and a
    /// period glued to its word ("st. louis"). Borrowed from the lower-cased text when the
    /// tokens are ASCII and spaced so already (most names), built otherwise.
    fn key_range(&self, a: usize, b: usize) -> Cow<'_, str> {
        self.keys.range(self.text, &self.toks, a, b)
    }
    // The filters are asked by the token's hash first: most words are no title or
    // organisation word, and are answered without their key. That check is inlined, the
    // look-up of the few words it lets through is not.
    #[inline(always)]
    fn is_title(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.is_word() && (t.is(NON_ASCII) || self.lists.may_be_title(t.hash)) && self.title_key(i)
    }
    #[inline(never)]
    fn title_key(&self, i: usize) -> bool {
        self.looked_up(i, Looked::TITLE, |k| self.lists.is_title(k))
    }
    /// The answer of `look` for token `i`'s key, looked up the first time it is asked for
    /// `what` (one of the [`Looked`] pairs of bits).
    #[inline(always)]
    fn looked_up(&self, i: usize, what: Looked, look: impl FnOnce(&str) -> bool) -> bool {
        let memo = &self.looked_up[i];
        let known = memo.get();
        if known & what.known != 0 {
            return known & what.yes != 0;
        }
        let yes = look(self.key(i));
        memo.set(known | what.known | if yes { what.yes } else { 0 });
        yes
    }
    fn is_title_head(&self, i: usize) -> bool {
        self.is_title(i) && !is_title_modifier(self.key(i))
    }
    #[inline(always)]
    fn is_org_word(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.is_word()
            && (t.is(NON_ASCII) || self.lists.may_be_org_word(t.hash))
            && self.org_word_key(i)
    }
    #[inline(never)]
    fn org_word_key(&self, i: usize) -> bool {
        self.looked_up(i, Looked::ORG_WORD, |k| self.lists.is_org_word(k))
    }
    fn is_punct(&self, i: usize, p: &str) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.kind == TokKind::Punct
                && self.text.as_bytes()[t.start as usize..t.end as usize] == *p.as_bytes()
        })
    }
    /// A month or weekday name; a short form ("Jan", "Mar") only before a number or a period.
    fn is_date_word(&self, i: usize) -> bool {
        let k = self.key(i);
        if !is_month_or_day(k) {
            return false;
        }
        k.len() > 4
            || matches!(k, "may" | "june" | "july")
            || self.toks.get(i + 1).is_some_and(|t| {
                t.kind == TokKind::Num || (t.kind == TokKind::Punct && t.text(self.text) == ".")
            })
    }

    /// A capitalised word that can be part of a name: no date word, no lower-case tail after a
    /// hyphen ("Anti-war") unless an Arabic article leads ("al-Nusra").
    fn is_capword(&self, i: usize) -> bool {
        self.capword[i]
    }

    fn capword_uncached(&self, i: usize) -> bool {
        let t = &self.toks[i];
        if !(t.is_word() && t.is(CAP)) {
            return false;
        }
        // Month and weekday names are fact words: an ASCII word whose hash has no fact word's
        // slot is none (a word with other characters may fold to one).
        if (t.is(NON_ASCII) || crate::facts::may_be_fact_word(t.hash)) && self.is_date_word(i) {
            return false;
        }
        // The key has a hyphen just when the word has (folding adds none).
        if !t.is(HYPHEN) {
            return true;
        }
        let key = self.key_bytes(i);
        match key.iter().rposition(|&b| b == b'-') {
            Some(h) => !key[h + 1..].iter().all(u8::is_ascii_lowercase) || key.starts_with(b"al-"),
            None => true,
        }
    }
}

/// Find the entities of the article's blocks.
pub fn extract(text: &str, blocks: &[Block]) -> Vec<Entity> {
    extract_tokenized(text, blocks).0
}

/// [`extract`], also handing back the tokens of the ranges read, for the date and figure
/// readers.
pub fn extract_tokenized(text: &str, blocks: &[Block]) -> (Vec<Entity>, Tokenized) {
    let mut ranges = Vec::with_capacity(blocks.len());
    for b in blocks {
        let kind = match b.kind {
            BlockKind::Boilerplate | BlockKind::Timestamp => continue,
            BlockKind::Credit => RangeKind::Credit,
            // "By Jane Doe, Associated Press" is no headline whatever its capitals.
            BlockKind::Byline => RangeKind::Byline,
            _ => RangeKind::Any,
        };
        match b.credit {
            Some(c) if b.span.contains(c) => {
                ranges.push((b.span.start as usize, c.start as usize, kind));
                ranges.push((c.start as usize, c.end as usize, RangeKind::Credit));
            }
            _ => ranges.push((b.span.start as usize, b.span.end as usize, kind)),
        }
    }
    if blocks.is_empty() && !text.trim().is_empty() {
        ranges.push((0, text.len(), RangeKind::Any));
    }
    extract_kinds(text, ranges)
}

/// How to read a range of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum RangeKind {
    /// Running text or headline-style lines, as the line looks.
    Any,
    /// A byline: running text only; the people named are its authors.
    Byline,
    /// A photo credit: "Name/Agency".
    Credit,
}

/// Entities of the given byte ranges of `text` (each read as its own block), plus photo
/// credits ("Name/Agency").
pub fn extract_ranges(text: &str, ranges: &[(usize, usize)], credits: &[Span]) -> Vec<Entity> {
    let mut all: Vec<(usize, usize, RangeKind)> = ranges
        .iter()
        .map(|&(a, b)| (a, b, RangeKind::Any))
        .collect();
    all.extend(
        credits
            .iter()
            .map(|c| (c.start as usize, c.end as usize, RangeKind::Credit)),
    );
    extract_kinds(text, all).0
}

fn extract_kinds(text: &str, mut all: Vec<(usize, usize, RangeKind)>) -> (Vec<Entity>, Tokenized) {
    let lists = lists();
    // News text runs about five bytes a token: a quarter of the length leaves room for denser
    // text without the doubling (and the brief double allocation) of a growing vector.
    let mut tokenized = Tokenized::with_capacity(text.len() / 4 + 64);
    crate::order::sort(&mut all);
    // Token ranges read in a special way, in text order.
    let mut special = Vec::new();
    for &(a, b, kind) in &all {
        if a >= b || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        let first = tokenized.toks.len();
        tokenized.push_range(text, a, b);
        if kind != RangeKind::Any {
            special.push((first, tokenized.toks.len(), kind));
        }
    }
    // The vector was sized for dense text; news text leaves about a seventh of it unused,
    // which the allocator can hand to the buffers built next.
    tokenized.toks.shrink_to_fit();
    let toks = std::mem::take(&mut tokenized.toks);
    let (keys, cap_words, line_starts) = Keys::read(text, &toks);
    let lower_seen = lower_seen_words(text, &toks, &keys, &cap_words);
    let mut ctx = Ctx {
        text,
        toks,
        keys,
        lower_seen,
        capword: Vec::new(),
        looked_up: Vec::new(),
        lists,
        sporty: false,
    };
    ctx.capword = capwords(&ctx, &cap_words);
    ctx.looked_up = vec![Cell::new(0); ctx.toks.len()];
    // A mention holds a capitalised word or more: about one for two, in news text.
    let mut mentions = Vec::with_capacity(cap_words.len() / 2);
    let mut adjectives: Vec<(usize, &'static str)> = Vec::new();
    let mut runs = Vec::new();
    let sporty = is_sporty(&ctx);
    ctx.sporty = sporty;

    // Lines: headline-style lines are read with lists only.
    let n = ctx.toks.len();
    let mut line_start = 0;
    let mut special_at = 0;
    let mut line_ends = line_starts.iter().map(|&(i, c)| (i as usize, c as usize));
    // Where the line's capitalised and upper-case words start in `cap_words`.
    let mut caps_start = 0;
    while line_start < n {
        let (line_end, caps_end) = line_ends.next().unwrap_or((n, cap_words.len()));
        let caps = &cap_words[caps_start..caps_end];
        while special_at < special.len() && special[special_at].1 <= line_start {
            special_at += 1;
        }
        let kind = special
            .get(special_at)
            .filter(|s| s.0 <= line_start)
            .map_or(RangeKind::Any, |s| s.2);
        if kind == RangeKind::Credit {
            read_credit(&ctx, line_start, line_end, &mut mentions);
        } else if kind == RangeKind::Any && is_headline(&ctx, line_start, line_end, caps.len()) {
            read_headline(&ctx, line_start, line_end, &mut mentions, &mut runs);
        } else {
            let first = mentions.len();
            read_line(
                &ctx,
                line_start,
                line_end,
                caps,
                &mut mentions,
                &mut adjectives,
            );
            if kind == RangeKind::Byline {
                for m in mentions[first..]
                    .iter_mut()
                    .filter(|m| m.label == Label::Per)
                {
                    m.role.get_or_insert_with(|| "author".to_string());
                }
            }
        }
        line_start = line_end;
        caps_start = caps_end;
    }

    drop_common_word_names(&ctx, &mut mentions);
    resolve_headlines(&ctx, &runs, &mut mentions);
    crate::order::sort_by_u64(&mut mentions, |m| m.a as u64);
    // The key of each mention, read once for the steps below.
    let mut keys: Vec<Cow<str>> = mentions.iter().map(|m| ctx.key_range(m.a, m.b)).collect();
    propagate(&ctx, &mut mentions, &keys);
    if sporty {
        for (m, key) in mentions.iter_mut().zip(&keys).filter(|(m, _)| !m.dateline) {
            if m.label == Label::Loc && !m.subnational && m.canonical.is_none() {
                m.subnational = ctx.lists.place(key) == Some(PlaceKind::Place);
            }
            if m.label == Label::Loc && m.subnational {
                // "in Leeds", "MINNESOTA AT MILWAUKEE": the place, not the club.
                let prev = m.a.checked_sub(1).map(|p| ctx.key(p)).unwrap_or("");
                let prep = if m.headline {
                    prev == "at"
                } else {
                    is_place_prep(prev)
                };
                if !prep {
                    m.label = Label::Org;
                }
            }
        }
    }
    let entities = group(&ctx, mentions, &mut keys, adjectives);
    drop(keys);
    tokenized.toks = ctx.toks;
    (entities, tokenized)
}

/// The folded lower-case forms of a text's tokens (see [`fold_key`]).
///
/// Folding an ASCII token lower-cases it byte for byte: its key is its place in a lower-cased
/// copy of the text. The few tokens with other characters are folded one by one.
struct Keys {
    /// The text, its ASCII letters in lower case.
    lower: String,
    /// The keys of the tokens with a character outside ASCII, one after the other.
    non_ascii: String,
    /// For each such token in order, its index and the end of its key in `non_ascii`.
    non_ascii_at: Vec<(u32, u32)>,
}

impl Keys {
    /// The keys of `toks`, with the indices of the capitalised and upper-case words (the only
    /// tokens [`capwords`] and [`lower_seen_words`] look at), and for each token after the
    /// first that starts a line, its index and the number of those words before it.
    // Out of line (one call per document): inlined, it costs the caller more than it saves.
    #[inline(never)]
    fn read(text: &str, toks: &[Tok]) -> (Keys, Vec<u32>, Vec<(u32, u32)>) {
        let mut lower = text.to_string();
        lower.make_ascii_lowercase();
        let mut keys = Keys {
            lower,
            non_ascii: String::new(),
            non_ascii_at: Vec::new(),
        };
        // News text has about one capitalised word in six tokens: a quarter leaves room for
        // more without the vector growing.
        let mut cap_words = Vec::with_capacity(toks.len() / 4);
        let mut line_starts = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            // Most tokens are lower-case words or punctuation, of none of these kinds.
            if t.flags & (LINE_START | CAP | ALLCAPS | NON_ASCII) == 0 {
                continue;
            }
            if t.is(LINE_START) && i > 0 {
                line_starts.push((i as u32, cap_words.len() as u32));
            }
            if t.flags & (CAP | ALLCAPS) != 0 && t.is_word() {
                cap_words.push(i as u32);
            }
            if t.is(NON_ASCII) {
                push_folded(&mut keys.non_ascii, t.text(text));
                keys.non_ascii_at
                    .push((i as u32, keys.non_ascii.len() as u32));
            }
        }
        (keys, cap_words, line_starts)
    }

    /// The key of token `i` of `toks`, the tokens the keys were read from.
    #[inline(always)]
    fn key(&self, toks: &[Tok], i: usize) -> &str {
        let t = &toks[i];
        if t.is(NON_ASCII) {
            return self.non_ascii_key(i);
        }
        &self.lower[t.start as usize..t.end as usize]
    }

    /// The keys of tokens a..b joined as in running text: by one space, and a period glued to
    /// its word ("st. louis"). Borrowed from the lower-cased text when the tokens are ASCII
    /// and spaced so already (most names), built otherwise.
    fn range<'k>(&'k self, text: &str, toks: &[Tok], a: usize, b: usize) -> Cow<'k, str> {
        if b == a + 1 {
            return Cow::Borrowed(self.key(toks, a));
        }
        if self.spaced_end(text, toks, a, b) == b {
            return Cow::Borrowed(self.spaced(toks, a, b));
        }
        let bytes = text.as_bytes();
        let glued_period = |prev: &Tok, t: &Tok| {
            t.start == prev.end
                && t.kind == TokKind::Punct
                && bytes.get(t.start as usize) == Some(&b'.')
        };
        let mut key = String::new();
        for k in a..b {
            if k > a && !glued_period(&toks[k - 1], &toks[k]) {
                key.push(' ');
            }
            key.push_str(self.key(toks, k));
        }
        Cow::Owned(key)
    }

    /// The end of the longest run of tokens from `a`, to `max` at most, spaced as keys are
    /// joined (see [`Keys::range`]): their key is their stretch of the lower-cased text. `a`
    /// when token `a` itself has a character outside ASCII.
    fn spaced_end(&self, text: &str, toks: &[Tok], a: usize, max: usize) -> usize {
        if toks[a].is(NON_ASCII) {
            return a;
        }
        let bytes = text.as_bytes();
        let mut e = a + 1;
        while e < max {
            let (prev, t) = (&toks[e - 1], &toks[e]);
            let joined = !t.is(NON_ASCII)
                && if t.start == prev.end {
                    t.kind == TokKind::Punct && bytes.get(t.start as usize) == Some(&b'.')
                } else {
                    t.start == prev.end + 1 && bytes.get(prev.end as usize) == Some(&b' ')
                };
            if !joined {
                break;
            }
            e += 1;
        }
        e
    }

    /// The key of tokens a..b, which [`Keys::spaced_end`] found spaced.
    fn spaced(&self, toks: &[Tok], a: usize, b: usize) -> &str {
        &self.lower[toks[a].start as usize..toks[b - 1].end as usize]
    }

    /// [`Keys::key`] of a token with a character outside ASCII.
    #[inline(never)]
    fn non_ascii_key(&self, i: usize) -> &str {
        let at = self
            .non_ascii_at
            .partition_point(|&(k, _)| (k as usize) < i);
        let start = at
            .checked_sub(1)
            .map_or(0, |p| self.non_ascii_at[p].1 as usize);
        &self.non_ascii[start..self.non_ascii_at[at].1 as usize]
    }
}

/// Lower-case forms of sentence-initial capitalised words that the text also uses in lower
/// case ("The", "Officials"). A filter keeps this to few look-ups: a word found in lower case
/// leaves the set, and its filter bit is cleared once no other word of the set has it, so the
/// many later "the" skip the look-up.
// Out of line, like `Keys::read`.
#[inline(never)]
fn lower_seen_words<'t>(
    text: &'t str,
    toks: &[Tok],
    keys: &Keys,
    cap_words: &[u32],
) -> LowerSeen<'t> {
    let mut lower_seen = LowerSeen {
        words: FastSet::default(),
        filter: WordFilter::default(),
    };
    // In a news article one capitalised word in five or so is a distinct sentence opener, in a
    // long text far fewer: sized for one in eight, the set grows once at most and a long
    // text's is not oversized much.
    let mut initial: FastSet<&str> =
        FastSet::with_capacity_and_hasher(cap_words.len() / 8 + 8, Default::default());
    let mut filter = ShrinkingFilter::new();
    for &i in cap_words {
        let i = i as usize;
        let t = &toks[i];
        if t.is(SENT_START) && !t.is(ALLCAPS) {
            let k = keys.key(toks, i);
            if initial.insert(k) {
                filter.add(word_filter_bit(k.as_bytes()));
            }
        }
    }
    for t in toks.iter() {
        // Only words are lower case.
        if t.is(LOWER) {
            // The text is sliced as a string only when the filter lets the word through.
            let slot = text_filter_bit(text, t);
            let w = || t.text(text);
            if filter.has(slot) && initial.remove(w()) {
                lower_seen.words.insert(w());
                lower_seen.filter.set(slot);
                filter.remove(slot);
            }
        }
    }
    lower_seen
}

/// The words of [`lower_seen_words`], with a filter that answers most look-ups.
struct LowerSeen<'t> {
    words: FastSet<&'t str>,
    filter: WordFilter,
}

impl LowerSeen<'_> {
    fn contains(&self, key: &str) -> bool {
        let (row, bit) = word_filter_bit(key.as_bytes());
        self.filter.has(row, bit) && self.words.contains(key)
    }
}

/// A first-pass filter (see [`word_filter_bit`]) of a set of words that only shrinks: a bit
/// is cleared when the last word of the set that has it leaves. Most bits belong to one
/// word; the words beyond the first of a bit are counted in a map, which stays small, so the
/// filter costs little to make for a short text.
struct ShrinkingFilter {
    rows: [u64; 256],
    /// For a bit (its row times 64 plus its place in the row) that more than one word of the
    /// set has, how many more.
    extra: FastMap<u16, u32>,
}

impl ShrinkingFilter {
    fn new() -> ShrinkingFilter {
        ShrinkingFilter {
            rows: [0; 256],
            extra: FastMap::default(),
        }
    }

    fn index((row, bit): (usize, u64)) -> u16 {
        (row * 64 + bit.trailing_zeros() as usize) as u16
    }

    /// Whether a word of the set may have this bit.
    #[inline]
    fn has(&self, (row, bit): (usize, u64)) -> bool {
        self.rows[row] & bit != 0
    }

    /// A word entering the set.
    fn add(&mut self, (row, bit): (usize, u64)) {
        if self.rows[row] & bit == 0 {
            self.rows[row] |= bit;
        } else {
            *self.extra.entry(Self::index((row, bit))).or_insert(0) += 1;
        }
    }

    /// A word of the set leaving it.
    fn remove(&mut self, (row, bit): (usize, u64)) {
        match self.extra.get_mut(&Self::index((row, bit))) {
            Some(n) if *n > 0 => *n -= 1,
            _ => self.rows[row] &= !bit,
        }
    }
}

/// [`Ctx::capword_uncached`] of every token; `cap_words` are the capitalised and upper-case
/// words, among which are all the ones that can be true.
// Out of line, like `Keys::read`.
#[inline(never)]
fn capwords(ctx: &Ctx, cap_words: &[u32]) -> Vec<bool> {
    let mut capword = vec![false; ctx.toks.len()];
    for &i in cap_words {
        capword[i as usize] = ctx.capword_uncached(i as usize);
    }
    capword
}

/// Whether the document reads like sports results.
// Out of line, like `Keys::read`.
#[inline(never)]
fn is_sporty(ctx: &Ctx) -> bool {
    let mut scores = 0;
    let mut words = 0;
    // Table rows: a capitalised name, then two or more numbers ("Boston 71 64 .526").
    let mut rows = 0;
    let mut row_name = false;
    let mut row_nums = 0;
    for (i, t) in ctx.toks.iter().enumerate() {
        if t.is(LINE_START) {
            if row_name && row_nums >= 2 {
                rows += 1;
                if rows >= 3 {
                    // The counts only grow: the answer is known.
                    return true;
                }
            }
            row_name = t.is_word() && t.is(CAP);
            row_nums = 0;
        } else if t.kind == TokKind::Num {
            row_nums += 1;
        } else if t.is_word() && row_nums > 0 {
            row_name = false;
        }
        match t.kind {
            TokKind::Num => {
                let w = &ctx.text.as_bytes()[t.start as usize..t.end as usize];
                // A score: "3-1", "101-99".
                if let Some(h) = w.iter().position(|&c| c == b'-') {
                    let b = &w[h + 1..];
                    if h <= 3 && b.len() <= 3 && b.iter().all(u8::is_ascii_digit) {
                        scores += 1;
                        if scores >= 3 {
                            return true;
                        }
                    }
                }
            }
            TokKind::Word
                if t.is(LOWER)
                    && (t.is(NON_ASCII) || {
                        let (row, bit) = WordFilter::slot_of(t.hash);
                        SPORT_FILTER.has(row, bit)
                    })
                    && SPORT_WORDS.contains(&ctx.key(i)) =>
            {
                words += 1;
                if words >= 2 {
                    return true;
                }
            }
            _ => {}
        }
    }
    if row_name && row_nums >= 2 {
        rows += 1;
    }
    scores >= 3 || words >= 2 || rows >= 3
}

/// `capitals` is the number of the line's capitalised or upper-case words (see [`Keys::read`]).
fn is_headline(ctx: &Ctx, a: usize, b: usize, capitals: usize) -> bool {
    // Those after the token read.
    let mut capitals_left = capitals;
    let mut words = 0;
    let mut caps = 0;
    let mut title_case = 0;
    let mut capitalised = 0;
    let mut numbers = 0;
    let mut long_lower = false;
    for t in &ctx.toks[a..b] {
        if t.kind == TokKind::Num {
            numbers += 1;
        }
        if !t.is_word() {
            continue;
        }
        let len = t.end - t.start;
        words += 1;
        if t.flags & (CAP | ALLCAPS) != 0 {
            capitals_left -= 1;
        }
        if t.is(ALLCAPS) && len > 1 {
            caps += 1;
        }
        if t.is(CAP) {
            capitalised += 1;
        }
        if t.is(CAP) || (len <= 3 && t.is(LOWER)) {
            title_case += 1;
        }
        if t.is(LOWER) && len > 3 {
            long_lower = true;
        }
        // Running text settles the question early: once Title Case is ruled out (for good,
        // since these counts only grow) and even capitals in every capitalised word left would
        // leave fewer than three capitalised words per other word, the line is no headline.
        let title_ruled_out = long_lower || title_case != words || numbers >= 2;
        if title_ruled_out && caps + capitals_left < 3 * (words - caps) {
            return false;
        }
    }
    if words == 0 {
        return false;
    }
    let all_caps = caps * 4 >= words * 3 && (words >= 2 || caps == 1 && b - a <= 2);
    let title = words >= 4
        && numbers < 2
        && capitalised >= 4
        && capitalised * 5 >= words * 3
        && title_case == words
        && !long_lower;
    all_caps || title
}

/// A photo credit: "Name Surname/Agency/AP Photo".
fn read_credit(ctx: &Ctx, a: usize, b: usize, out: &mut Vec<Mention>) {
    let mut i = a;
    while i < b {
        if !ctx.is_capword(i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < b && ctx.is_capword(j) {
            j += 1;
        }
        let mut e = j;
        while e > i
            && matches!(
                ctx.key(e - 1),
                "photo" | "photos" | "images" | "pictures" | "photography" | "file"
            )
        {
            e -= 1;
        }
        // A news outlet or a photo agency: "Waterloo Region Record", "Antara Foto".
        let outlet = (i..j).any(|k| {
            matches!(
                ctx.key(k),
                "record"
                    | "star"
                    | "times"
                    | "post"
                    | "journal"
                    | "globe"
                    | "herald"
                    | "tribune"
                    | "gazette"
                    | "press"
                    | "wire"
                    | "news"
                    | "foto"
                    | "images"
                    | "pictures"
                    | "file"
            )
        });
        while i < e && ctx.lists.is_common(ctx.key(i)) && !ctx.lists.is_org(ctx.key(i)) {
            i += 1;
        }
        if i < e {
            let key: &str = &ctx.key_range(i, e);
            if outlet || ctx.lists.is_org(key) || e - i == 1 || (i..e).any(|k| ctx.is_org_word(k)) {
                out.push(Mention::new(i, e, Label::Org, true));
            } else {
                let mut m = Mention::new(i, e, Label::Per, true);
                m.role = Some("photographer".to_string());
                out.push(m);
            }
        }
        i = j.max(i + 1);
    }
}

/// A headline-style line: list matches, the rest waits for propagation.
fn read_headline(
    ctx: &Ctx,
    a: usize,
    b: usize,
    out: &mut Vec<Mention>,
    runs: &mut Vec<(usize, usize)>,
) {
    // A dateline: "LONDON 1996-08-30" or "CITY, Month D (Agency) -".
    let mut i = a;
    let dateline_end = {
        let mut j = a;
        while j < b && ctx.toks[j].is_word() && ctx.toks[j].is(ALLCAPS) {
            j += 1;
        }
        let next_is_date = j < b
            && j > a
            && (ctx.toks[j].kind == TokKind::Num || ctx.is_punct(j, ",") || ctx.is_punct(j, "("));
        if next_is_date && j - a <= 3 && b - a <= 4 {
            j
        } else {
            a
        }
    };
    if dateline_end > a {
        let mut m = Mention::new(a, dateline_end, Label::Loc, true);
        m.headline = true;
        m.dateline = true;
        out.push(m);
        i = dateline_end;
    }
    while i < b {
        let t = &ctx.toks[i];
        if !(t.is_word() && (t.is(CAP) || t.is(ALLCAPS))) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < b && ctx.toks[j].is_word() && (ctx.toks[j].is(CAP) || ctx.toks[j].is(ALLCAPS)) {
            j += 1;
        }
        runs.push((i, j));
        i = j;
    }
}

/// Names in headline-style runs: names known from the running text first, then the lists,
/// then single words left for propagation.
fn resolve_headlines(ctx: &Ctx, runs: &[(usize, usize)], out: &mut Vec<Mention>) {
    let mut known: FastMap<Cow<str>, Label> = FastMap::default();
    for m in out.iter() {
        if m.sure && !m.headline && !m.adjective && m.label != Label::Unknown && m.b - m.a >= 2 {
            known.entry(ctx.key_range(m.a, m.b)).or_insert(m.label);
        }
    }
    for &(i, j) in runs {
        let mut k = i;
        while k < j {
            let from_text = (k + 2..=j.min(k + 6))
                .rev()
                .find_map(|e| known.get(&*ctx.key_range(k, e)).map(|l| (e, *l)));
            if let Some((e, label)) = from_text {
                let mut m = Mention::new(k, e, label, true);
                m.headline = true;
                out.push(m);
                k = e;
            } else if let Some((e, m)) = list_match(ctx, k, j) {
                let mut m = m;
                m.headline = true;
                m.sure = false;
                out.push(m);
                k = e;
            } else {
                let mut m = Mention::new(k, k + 1, Label::Unknown, false);
                m.headline = true;
                out.push(m);
                k += 1;
            }
        }
    }
}

/// The longest list match starting at token i and ending at or before j.
fn list_match(ctx: &Ctx, i: usize, j: usize) -> Option<(usize, Mention)> {
    let lists = ctx.lists;
    let max = j.min(i + 6);
    // The keys of the runs up to here are slices of one stretch of text.
    let spaced = ctx.keys.spaced_end(ctx.text, &ctx.toks, i, max);
    for e in (i + 1..=max).rev() {
        if !ctx.toks[e - 1].is_word() {
            continue;
        }
        let key = if e <= spaced {
            Cow::Borrowed(ctx.keys.spaced(&ctx.toks, i, e))
        } else {
            ctx.key_range(i, e)
        };
        let key: &str = &key;
        if !lists.may_name(key) {
            continue;
        }
        if let Some(canon) = lists.alias(key) {
            // "US" is an alias only in capitals; "Us" is a pronoun.
            if key == "us" && !ctx.toks[i].is(ALLCAPS) {
                continue;
            }
            let mut m = Mention::new(i, e, Label::Loc, true);
            m.canonical = Some(canon);
            return Some((e, m));
        }
        if let Some(kind) = lists.place(key) {
            let mut m = Mention::new(i, e, Label::Loc, true);
            m.subnational = kind == PlaceKind::Place;
            return Some((e, m));
        }
        if lists.is_org(key) {
            return Some((e, Mention::new(i, e, Label::Org, true)));
        }
    }
    None
}

/// Running text: capitalised runs cut into names.
///
/// `caps` are the line's capitalised and upper-case words, in order (see [`Keys::read`]): the
/// runs start at those that are [`Ctx::is_capword`].
fn read_line(
    ctx: &Ctx,
    a: usize,
    b: usize,
    mut caps: &[u32],
    out: &mut Vec<Mention>,
    adjectives: &mut Vec<(usize, &'static str)>,
) {
    let mut i = a;
    // A dateline opening the line: "PORTLAND, Maine —", "LONDON (Reuters) -".
    {
        let mut j = a;
        while j < b
            && ctx.toks[j].is_word()
            && ctx.toks[j].is(ALLCAPS)
            && ctx.toks[j].end - ctx.toks[j].start > 1
        {
            j += 1;
        }
        if j > a
            && j - a <= 3
            && j < b
            && (ctx.is_punct(j, ",") || ctx.is_punct(j, "("))
            && !ctx.lists.is_org(&ctx.key_range(a, j))
        {
            let mut m = Mention::new(a, j, Label::Loc, true);
            m.dateline = true;
            if let Some(c) = ctx.lists.alias(&ctx.key_range(a, j)) {
                m.canonical = Some(c);
            }
            out.push(m);
            i = j;
        }
    }
    // The role carried by the previous run when it ended in a title ("ABC News Correspondent, X").
    let mut pending_role: Option<(usize, String)> = None;
    while let Some(start) = next_run_start(ctx, &mut caps, i) {
        i = start;
        // Extend the run.
        let mut j = i + 1;
        loop {
            if j < b && ctx.is_capword(j) {
                j += 1;
                continue;
            }
            if j + 1 < b && ctx.is_capword(j + 1) {
                let k = ctx.key(j);
                let prev = ctx.key(j - 1);
                let join = match k {
                    "of" | "for" => {
                        ctx.lists.is_org_word(prev) || ctx.is_title_head(j - 1) || is_of_head(prev)
                    }
                    "&" => true,
                    "." => {
                        ctx.toks[j].start == ctx.toks[j - 1].end
                            && (ctx.is_title(j - 1)
                                || ctx.toks[j - 1].end - ctx.toks[j - 1].start == 1
                                || prev == "st")
                    }
                    _ => ctx.toks[j].is_word() && is_particle(k),
                };
                if join {
                    j += 2;
                    continue;
                }
            }
            break;
        }
        // Include a final "Inc." / "Co." period? Not needed: spans end at the word.
        let role_before = role_from_context(ctx, i, a);
        let appositive = pending_role
            .take()
            .filter(|(end, _)| *end + 1 == i && ctx.is_punct(*end, ","));
        let run_role = read_run(ctx, i, j, out, adjectives);
        if let Some(last) = out.last_mut() {
            if last.a >= i && last.label == Label::Per && last.role.is_none() {
                if let Some((_, r)) = appositive {
                    last.role = Some(r);
                } else if let Some(r) = role_before {
                    last.role = Some(r);
                }
            }
        }
        if let Some(r) = run_role {
            pending_role = Some((j, r));
        }
        // "Name, an economist at ...": a role after the name.
        if j + 2 < b && ctx.is_punct(j, ",") && matches!(ctx.key(j + 1), "a" | "an" | "the") {
            if let Some(last) = out.last_mut() {
                if last.b == j && last.label == Label::Per && last.role.is_none() {
                    let mut e = j + 2;
                    let mut head = None;
                    while e < b && e < j + 6 && ctx.toks[e].is(LOWER) && ctx.is_title(e) {
                        if ctx.is_title_head(e) {
                            head = Some(e);
                        }
                        e += 1;
                    }
                    if let Some(h) = head {
                        let start = ctx.toks[j + 2].start as usize;
                        last.role = Some(ctx.text[start..ctx.toks[h].end as usize].to_string());
                    }
                }
            }
        }
        // "Name Surname/Agency": a photo credit.
        if ctx.is_punct(j, "/") && ctx.toks[j].start == ctx.toks[j - 1].end {
            if let Some(last) = out.last_mut() {
                if last.b == j && last.b - last.a >= 2 && last.role.is_none() {
                    last.label = Label::Per;
                    last.sure = true;
                    last.role = Some("photographer".to_string());
                }
            }
        }
        // Acronym defined in parentheses: "World Health Organization (WHO)".
        if j + 2 < b
            && ctx.is_punct(j, "(")
            && ctx.is_punct(j + 2, ")")
            && ctx.toks[j + 1].is(ALLCAPS)
        {
            let defined = out.iter().rposition(|m| m.b == j && m.a >= i);
            if let Some(d) = defined {
                if j - out[d].a >= 2 && is_acronym_of(ctx, j + 1, out[d].a, j) {
                    if out[d].label == Label::Per || out[d].label == Label::Unknown {
                        out[d].label = Label::Org;
                    }
                    let mut m = Mention::new(j + 1, j + 2, out[d].label, true);
                    m.acronym_of = Some((out[d].a, out[d].b));
                    out.push(m);
                    i = j + 3;
                    continue;
                }
            }
        }
        i = j;
    }
}

/// The first [`Ctx::is_capword`] of `caps` (token indices, in order) from token `i` on, if
/// any; `caps` is left after it.
fn next_run_start(ctx: &Ctx, caps: &mut &[u32], i: usize) -> Option<usize> {
    while let Some((&c, rest)) = caps.split_first() {
        let c = c as usize;
        *caps = rest;
        if c >= i && ctx.is_capword(c) {
            return Some(c);
        }
    }
    None
}

/// Whether token `acr` abbreviates tokens a..b: not a place, first letters agree.
fn is_acronym_of(ctx: &Ctx, acr: usize, a: usize, b: usize) -> bool {
    let key = ctx.key(acr);
    if ctx.lists.is_place(key) || ctx.lists.alias(key).is_some() {
        return false;
    }
    let initials: String = (a..b)
        .filter(|&k| ctx.is_capword(k))
        .filter_map(|k| ctx.key(k).chars().next())
        .collect();
    let letters: String = key.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && initials.starts_with(letters.chars().next().unwrap_or(' ')) && {
        // Most letters of the acronym appear in order among the initials.
        let mut it = initials.chars();
        let hits = letters.chars().filter(|c| it.any(|x| x == *c)).count();
        hits * 2 >= letters.len()
    }
}

/// A lower-case role right before a name: "press secretary Josh Earnest", "Syria's information
/// minister, Omran al-Zoubi".
fn role_from_context(ctx: &Ctx, i: usize, line_start: usize) -> Option<String> {
    let mut e = i;
    if e > line_start && ctx.is_punct(e - 1, ",") {
        e -= 1;
    }
    let mut s = e;
    while s > line_start && ctx.toks[s - 1].is(LOWER) && ctx.is_title(s - 1) {
        s -= 1;
    }
    if s < e && (s..e).any(|k| ctx.is_title_head(k)) && !(s..e).all(|k| is_honorific(ctx.key(k))) {
        let start = ctx.toks[s].start as usize;
        let end = ctx.toks[e - 1].end as usize;
        return Some(ctx.text[start..end].to_string());
    }
    None
}

/// Classify one capitalised run [i, j). Returns the role text when the run ends in a title
/// with no name after it.
fn read_run(
    ctx: &Ctx,
    mut i: usize,
    j: usize,
    out: &mut Vec<Mention>,
    adjectives: &mut Vec<(usize, &'static str)>,
) -> Option<String> {
    let lists = ctx.lists;
    // Sentence-initial common word.
    while i < j && ctx.toks[i].is(SENT_START) && !ctx.toks[i].is(ALLCAPS) {
        let k = ctx.key(i);
        let common_word = lists.is_common(k);
        let common = common_word || ctx.lower_seen.contains(k);
        // A listed word before more of the name stays, unless it is a common word.
        let keep = || {
            j - i > 1
                && (lists.is_title(k)
                    || (!common_word
                        && (lists.is_place(k)
                            || lists.is_org(k)
                            || lists.demonym(k).is_some()
                            || lists.is_first_name(k))))
        };
        if common && !keep() {
            i += 1;
            // Skip joiners left at the front.
            while i < j && !ctx.is_capword(i) {
                i += 1;
            }
        } else {
            break;
        }
    }
    if i >= j {
        return None;
    }
    if ctx.key(i) == "the" {
        i += 1;
        if i >= j {
            return None;
        }
    }
    // A title run followed by a name.
    let mut t = i;
    while t < j {
        // "Stephen King", "Martin Luther King Jr.": a title word after a forename is a surname.
        let surname = t > i && ctx.is_capword(t - 1) && lists.is_first_name(ctx.key(t - 1));
        if ctx.is_title(t) && !ctx.is_org_word(t) && !surname {
            let mut e = t;
            while e < j
                && (ctx.is_title(e)
                    || (ctx.key(e) == "of" || ctx.key(e) == ".")
                        && e + 1 < j
                        && ctx.is_title(e + 1))
            {
                e += 1;
            }
            if e < j && ctx.is_punct(e, ".") {
                e += 1;
            }
            // The name starts at a capitalised word, not at a joiner ("Secretary of ...").
            if e < j && !ctx.is_capword(e) {
                t = e.max(t + 1);
                continue;
            }
            let has_head = (t..e).any(|k| ctx.is_title_head(k));
            let name_next = e < j && !ctx.is_org_word(e) && !(e..j).any(|k| ctx.is_org_word(k));
            if has_head && (name_next || e == j) && !(t..e).any(|k| ctx.is_org_word(k)) {
                if t > i {
                    read_segment(ctx, i, t, out, adjectives);
                }
                let honorific = (t..e).all(|k| is_honorific(ctx.key(k)) || ctx.key(k) == ".");
                let role_start = if t > i && qualifies_role(ctx, i, t) {
                    i
                } else {
                    t
                };
                let role = ctx.text
                    [ctx.toks[role_start].start as usize..ctx.toks[e - 1].end as usize]
                    .to_string();
                if e == j {
                    return if honorific { None } else { Some(role) };
                }
                // "King George Station", "Sir Winston Churchill Square": a place named after
                // the person, title and all.
                if is_loc_head(ctx.key(j - 1)) {
                    out.push(Mention::new(t, j, Label::Loc, true));
                    return None;
                }
                let mut m = Mention::new(e, j, Label::Per, true);
                if !honorific {
                    m.role = Some(role);
                }
                out.push(m);
                return None;
            }
            t = e.max(t + 1);
            continue;
        }
        t += 1;
    }
    read_segment(ctx, i, j, out, adjectives);
    None
}

/// Whether the words before a title belong to the role ("Russian" President, "ABC News").
fn qualifies_role(ctx: &Ctx, i: usize, t: usize) -> bool {
    let key: &str = &ctx.key_range(i, t);
    ctx.lists.demonym(key).is_some()
        || ctx.lists.is_place(key)
        || ctx.lists.is_org(key)
        || (i..t).any(|k| ctx.is_org_word(k))
}

/// A capitalised segment without a title: organisation, places, person or unknown.
fn read_segment(
    ctx: &Ctx,
    i: usize,
    j: usize,
    out: &mut Vec<Mention>,
    adjectives: &mut Vec<(usize, &'static str)>,
) {
    let lists = ctx.lists;
    let key: &str = &ctx.key_range(i, j);
    if j - i >= 2 && is_misc_head(ctx.key(j - 1)) && !lists.is_org(key) {
        return;
    }
    if lists.is_place(key) || lists.alias(key).is_some() {
        if let Some((e, m)) = list_match(ctx, i, j) {
            if e == j {
                out.push(m);
                return;
            }
        }
    }
    if lists.is_org(key) {
        out.push(Mention::new(i, j, Label::Org, true));
        return;
    }
    if j - i >= 2 && (i..j).any(|k| ctx.is_org_word(k) || ctx.key(k) == "&") {
        out.push(Mention::new(i, j, Label::Org, true));
        return;
    }
    if j - i >= 2 && lists.is_first_name(ctx.key(i)) {
        out.push(Mention::new(i, j, Label::Per, true));
        return;
    }
    if j - i >= 2 && is_loc_head(ctx.key(j - 1)) {
        out.push(Mention::new(i, j, Label::Loc, true));
        return;
    }
    // Whether a list may match from a token of the segment: a single word that got here
    // matched no list above, and the loop below tells of longer segments.
    let mut may_match = j - i >= 2;
    // A place inside a longer name with unknown words: "Air France", "Deportivo Coruna".
    if j - i >= 2 && !ctx.toks[i].is(ALLCAPS) {
        let mut k = i;
        let mut place_kind = None;
        let mut unknown = false;
        // Without a match, the loop asks every token.
        may_match = false;
        while k < j {
            if let Some((e, m)) = list_match(ctx, k, j) {
                may_match = true;
                if m.label == Label::Loc {
                    place_kind = Some(m.subnational);
                }
                k = e;
            } else {
                let w = ctx.key(k);
                if ctx.is_capword(k)
                    && lists.demonym(w).is_none()
                    && !lists.is_title(w)
                    && !lists.is_first_name(w)
                    && !lists.is_common(w)
                {
                    unknown = true;
                }
                k += 1;
            }
        }
        if unknown && place_kind.is_some_and(|sub| !sub || ctx.sporty) {
            out.push(Mention::new(i, j, Label::Org, false));
            return;
        }
    }
    // Longest list matches; the gaps are names of unknown kind.
    let mut k = i;
    let mut gap = i;
    while k < j {
        let dem = demonym_at(ctx, k, j);
        let found = if dem.is_some() || !may_match {
            None
        } else {
            list_match(ctx, k, j)
        };
        if dem.is_none() && found.is_none() {
            k += 1;
            continue;
        }
        if gap < k {
            push_gap(ctx, gap, k, out);
        }
        if let Some((e, place)) = dem {
            adjectives.push((k, place));
            // Keep the span for the place's adjective mentions.
            let mut m = Mention::new(k, e, Label::Unknown, false);
            m.canonical = Some(place);
            m.sure = true;
            m.adjective = true;
            out.push(m);
            k = e;
        } else if let Some((e, m)) = found {
            out.push(m);
            k = e;
        }
        gap = k;
    }
    if gap < j {
        push_gap(ctx, gap, j, out);
    }
}

/// A demonym of two tokens ("south african") or one starting at token `k`, ending by `j`.
fn demonym_at(ctx: &Ctx, k: usize, j: usize) -> Option<(usize, &'static str)> {
    if k + 2 <= j {
        if let Some(p) = ctx.lists.demonym(&ctx.key_range(k, k + 2)) {
            return Some((k + 2, p));
        }
    }
    ctx.lists.demonym(ctx.key(k)).map(|p| (k + 1, p))
}

fn push_gap(ctx: &Ctx, a: usize, b: usize, out: &mut Vec<Mention>) {
    // Trim joiners at the edges.
    let mut a = a;
    let mut b = b;
    while a < b && !ctx.is_capword(a) {
        a += 1;
    }
    while b > a && !ctx.is_capword(b - 1) {
        b -= 1;
    }
    if a >= b {
        return;
    }
    if b - a >= 2 {
        // "J. Smith": an initial makes a person.
        let initial = ctx.toks[a].end - ctx.toks[a].start == 1
            && ctx.is_punct(a + 1, ".")
            && !ctx.lists.is_place(ctx.key(b - 1));
        out.push(Mention::new(a, b, Label::Per, initial));
    } else {
        let k = ctx.key(a);
        if ctx.lists.is_common(k) && ctx.toks[a].is(SENT_START) {
            return;
        }
        out.push(Mention::new(a, b, Label::Unknown, false));
    }
}

/// A word's place in a first-pass filter of a word set, `[u64; 256]`: a row and a bit (see
/// [`WordFilter::slot`]). Words of a set mark their bits; a word whose bit is clear is not in
/// the set. `w` is not empty.
fn word_filter_bit(w: &[u8]) -> (usize, u64) {
    WordFilter::slot(w).unwrap_or((0, 1))
}

/// [`word_filter_bit`] of a lower-case word's text, from its [`Tok::hash`] when it is ASCII.
#[inline]
fn text_filter_bit(text: &str, t: &Tok) -> (usize, u64) {
    if t.is(NON_ASCII) {
        word_filter_bit(&text.as_bytes()[t.start as usize..t.end as usize])
    } else {
        WordFilter::slot_of(t.hash)
    }
}

/// A guessed person whose words the article also writes in lower case ("Human Rights",
/// "Grand Slam") is a phrase, not a name.
fn drop_common_word_names(ctx: &Ctx, mentions: &mut [Mention]) {
    let mut words: FastSet<&str> = FastSet::default();
    // A filter of `words`: a word found in lower case leaves the set, and a bit no word has
    // any more is cleared.
    let mut filter = ShrinkingFilter::new();
    for m in mentions
        .iter()
        .filter(|m| m.label == Label::Per && !m.sure && m.b - m.a >= 2)
    {
        for k in m.a..m.b {
            let key = ctx.key(k);
            if !key.is_empty() && words.insert(key) {
                filter.add(word_filter_bit(key.as_bytes()));
            }
        }
    }
    if words.is_empty() {
        return;
    }
    let mut seen: FastSet<&str> = FastSet::default();
    // Only words are lower case.
    for t in ctx.toks.iter().filter(|t| t.is(LOWER)) {
        let slot = text_filter_bit(ctx.text, t);
        let w = || t.text(ctx.text);
        if filter.has(slot) && words.remove(w()) {
            seen.insert(w());
            filter.remove(slot);
        }
    }
    if seen.is_empty() {
        return;
    }
    for m in mentions
        .iter_mut()
        .filter(|m| m.label == Label::Per && !m.sure && m.b - m.a >= 2)
    {
        let common =
            (m.a..m.b).any(|k| seen.contains(ctx.key(k)) && !ctx.lists.is_first_name(ctx.key(k)));
        if common {
            m.label = Label::Unknown;
        }
    }
}

/// Give unresolved and headline mentions the kind of a name seen elsewhere in the document.
/// `keys` are the mentions' keys ([`Ctx::key_range`]).
fn propagate(ctx: &Ctx, mentions: &mut [Mention], keys: &[Cow<str>]) {
    // Sized for the names of a news article, about one for four mentions (fewer in a long
    // text, which repeats them more): the maps rarely grow.
    let names = mentions.len() / 4 + 8;
    let mut full: FastMap<&str, Label> =
        FastMap::with_capacity_and_hasher(names, Default::default());
    let mut parts: FastMap<&str, Label> =
        FastMap::with_capacity_and_hasher(names, Default::default());
    for (m, key) in mentions.iter().zip(keys) {
        // A dateline's place is sure even in a headline-style line ("KESTREL BAY, March 3").
        if !m.sure || m.label == Label::Unknown || (m.headline && !m.dateline) {
            continue;
        }
        full.insert(key, m.label);
        if m.label == Label::Per && m.b - m.a >= 2 {
            for k in m.a..m.b {
                if ctx.toks[k].is(CAP) && !is_particle(ctx.key(k)) {
                    parts.entry(ctx.key(k)).or_insert(Label::Per);
                }
            }
        }
        // "Pirelli Cavi" lends "Pirelli": the distinctive first word of a company name.
        if m.label == Label::Org && m.b - m.a >= 2 {
            let k = ctx.key(m.a);
            if ctx.is_capword(m.a)
                && !ctx.is_org_word(m.a)
                && !ctx.lists.is_place(k)
                && ctx.lists.demonym(k).is_none()
                && !ctx.lists.is_common(k)
                && !ctx.lists.is_title(k)
            {
                parts.entry(k).or_insert(Label::Org);
            }
        }
    }
    // Unsure multi-word persons also lend their parts.
    for (m, key) in mentions.iter().zip(keys) {
        if m.label == Label::Per && !m.sure && m.b - m.a >= 2 && !m.headline {
            full.entry(key).or_insert(Label::Per);
            for k in m.a..m.b {
                if ctx.toks[k].is(CAP) {
                    parts.entry(ctx.key(k)).or_insert(Label::Per);
                }
            }
        }
    }
    for (m, key) in mentions.iter_mut().zip(keys) {
        if m.adjective {
            continue;
        }
        let key: &str = key;
        let single = m.b - m.a == 1;
        if m.label == Label::Unknown || (m.headline && !m.sure) || (single && !m.sure) {
            if let Some(&l) = full.get(key) {
                m.label = l;
                continue;
            }
            if single {
                if let Some(&l) = parts.get(key) {
                    m.label = l;
                    continue;
                }
            }
        }
        // A place name that is a known person's surname ("Hamilton").
        if single && m.label == Label::Loc && parts.get(key) == Some(&Label::Per) {
            m.label = Label::Per;
            continue;
        }
        if ctx.sporty
            && !m.sure
            && matches!(m.label, Label::Unknown | Label::Per)
            && ctx.toks.get(m.b).is_some_and(|t| t.kind == TokKind::Num)
            && (ctx.toks[m.a].is(LINE_START)
                || m.a.checked_sub(1).is_some_and(|p| {
                    matches!(ctx.key(p), "," | "(" | "-" | "v" | "vs" | "beat" | "and")
                        || ctx.toks[p].kind == TokKind::Num
                }))
        {
            m.label = Label::Org;
            continue;
        }
        if m.label == Label::Unknown && !m.headline {
            m.label = fallback(ctx, m);
        }
    }
}

/// The kind of a lone capitalised word nothing else explains.
fn fallback(ctx: &Ctx, m: &Mention) -> Label {
    let t = &ctx.toks[m.a];
    if is_month_or_day(ctx.key(m.a)) {
        return Label::Unknown;
    }
    let w = t.text(ctx.text);
    if t.is(ALLCAPS) && (2..=6).contains(&w.len()) {
        return Label::Org;
    }
    let prev = m.a.checked_sub(1).map(|p| ctx.key(p)).unwrap_or("");
    if !t.is(SENT_START) && !t.is(ALLCAPS) {
        // "in Arbil": a place nothing else names.
        if !ctx.sporty && matches!(prev, "in" | "near" | "at" | "from" | "outside") {
            return Label::Loc;
        }
    }
    Label::Unknown
}

/// `keys` are the mentions' keys ([`Ctx::key_range`]); each is taken as its mention is read.
fn group<'k>(
    ctx: &Ctx,
    mentions: Vec<Mention>,
    keys: &mut [Cow<'k, str>],
    adjectives: Vec<(usize, &'static str)>,
) -> Vec<Entity> {
    let _ = adjectives;
    let mut entities: Vec<Entity> = Vec::new();
    // Folded name -> entity, one map per kind (indexed by `EntityKind as usize`).
    // Sized for the names of a news article, about one for four mentions (fewer in a long
    // text, which repeats them more), of three kinds: the maps rarely grow.
    let names = mentions.len() / 4 + 8;
    let mut by_key: [FastMap<Cow<str>, usize>; 3] =
        std::array::from_fn(|_| FastMap::with_capacity_and_hasher(names / 2, Default::default()));
    // Person surnames and first names -> entity, from multi-word names.
    let mut person_parts: FastMap<Cow<str>, usize> =
        FastMap::with_capacity_and_hasher(names, Default::default());
    // First words of organisation names ("Lumenar" of "Lumenar Technologies Inc") -> entity.
    let mut org_heads: FastMap<&str, usize> = FastMap::default();
    // The entity of each name an acronym is defined for ("World Health Organization (WHO)"),
    // by its token range: few names are.
    let defined: FastSet<(usize, usize)> = mentions.iter().filter_map(|m| m.acronym_of).collect();
    let mut range_entity: FastMap<(usize, usize), usize> = FastMap::default();
    // Longer names first, so short forms can join them, then by first token.
    let order = longest_first(&mentions);
    let mut adj_spans: Vec<(Span, &'static str)> = Vec::new();
    for &k in &order {
        let m = &mentions[k];
        let span = Span::new(ctx.toks[m.a].start as usize, ctx.toks[m.b - 1].end as usize);
        if m.adjective {
            if let Some(p) = m.canonical {
                adj_spans.push((span, p));
            }
            continue;
        }
        let kind = match m.label {
            Label::Per => EntityKind::Person,
            Label::Org => EntityKind::Organization,
            Label::Loc => EntityKind::Place,
            Label::Unknown => continue,
        };
        let surface = &ctx.text[span.range()];
        let key = match m.canonical {
            Some(c) => Cow::Owned(fold_key(c)),
            None => std::mem::take(&mut keys[k]),
        };
        let key = match key {
            Cow::Borrowed(key) => Cow::Borrowed(key.strip_prefix("the ").unwrap_or(key)),
            Cow::Owned(key) => match key.strip_prefix("the ") {
                Some(rest) => Cow::Owned(rest.to_string()),
                None => Cow::Owned(key),
            },
        };
        // One look-up of the name serves both the question and the insertion below.
        let slot = by_key[kind as usize].entry(key);
        let existing = if let Some(d) = m.acronym_of {
            range_entity.get(&d).copied()
        } else if let Entry::Occupied(known) = &slot {
            Some(*known.get())
        } else if kind == EntityKind::Person {
            // "Obama" or "Al Hashish" of a longer name seen before.
            person_parts.get(&**slot.key()).copied()
        } else if kind == EntityKind::Organization && m.b - m.a == 1 {
            org_heads.get(&**slot.key()).copied()
        } else {
            None
        };
        let e = match existing {
            Some(e) => e,
            None => {
                let name = match m.canonical {
                    Some(c) => c.to_string(),
                    None if (m.a..m.b)
                        .all(|k| !ctx.toks[k].is_word() || ctx.toks[k].is(ALLCAPS))
                        && (m.b - m.a > 1 || kind != EntityKind::Organization)
                        && surface.len() > 3 =>
                    {
                        title_case(surface)
                    }
                    None => surface.to_string(),
                };
                entities.push(Entity {
                    id: EntityId(0),
                    kind,
                    name,
                    role: None,
                    mentions: Vec::new(),
                    aliases: Vec::new(),
                    adjective_mentions: Vec::new(),
                });
                entities.len() - 1
            }
        };
        slot.or_insert(e);
        if kind == EntityKind::Organization && m.b - m.a >= 2 && !ctx.is_org_word(m.a) {
            org_heads.entry(ctx.key(m.a)).or_insert(e);
        }
        if kind == EntityKind::Person && m.b - m.a >= 2 {
            for k in m.a..m.b {
                if ctx.toks[k].is(CAP) && !is_particle(ctx.key(k)) {
                    person_parts.entry(Cow::Borrowed(ctx.key(k))).or_insert(e);
                }
                if k > m.a && k + 1 < m.b {
                    person_parts.entry(ctx.key_range(k, m.b)).or_insert(e);
                }
            }
        }
        if !defined.is_empty() && defined.contains(&(m.a, m.b)) {
            range_entity.insert((m.a, m.b), e);
        }
        let ent = &mut entities[e];
        ent.mentions.push(span);
        if ent.role.is_none() {
            ent.role = m.role.clone();
        }
        if surface != ent.name && !ent.aliases.iter().any(|a| a == surface) {
            ent.aliases.push(surface.to_string());
        }
    }
    for (span, place) in adj_spans {
        let key = fold_key(place);
        if let Some(&e) = by_key[EntityKind::Place as usize].get(key.as_str()) {
            entities[e].adjective_mentions.push(span);
        }
    }
    for e in &mut entities {
        crate::order::sort_by_u64(&mut e.mentions, |s| s.sort_key());
        e.mentions.dedup();
        crate::order::sort_by_u64(&mut e.adjective_mentions, |s| s.sort_key());
    }
    entities.retain(|e| !e.mentions.is_empty());
    crate::order::sort_by_u64(&mut entities, |e| e.mentions[0].sort_key());
    for (k, e) in entities.iter_mut().enumerate() {
        e.id = EntityId(k as u32);
    }
    entities
}

/// The mentions' indices ordered by length in tokens, longest first, then by first token; equal
/// keys keep the mentions' order. The mentions themselves stay put.
fn longest_first(mentions: &[Mention]) -> Vec<usize> {
    if !mentions.is_sorted_by_key(|m| m.a) {
        let mut keyed: Vec<(std::cmp::Reverse<usize>, usize, usize)> = mentions
            .iter()
            .enumerate()
            .map(|(k, m)| (std::cmp::Reverse(m.b - m.a), m.a, k))
            .collect();
        crate::order::sort(&mut keyed);
        return keyed.into_iter().map(|(_, _, k)| k).collect();
    }
    // Sorted by first token already (as `extract_kinds` leaves them): a stable counting sort by
    // length keeps that order within each length.
    let longest = mentions.iter().map(|m| m.b - m.a).max().unwrap_or(0);
    // Where each length's indices start, longest first.
    let mut starts = vec![0usize; longest + 2];
    for m in mentions {
        starts[longest - (m.b - m.a) + 1] += 1;
    }
    for l in 1..starts.len() {
        starts[l] += starts[l - 1];
    }
    let mut order = vec![0; mentions.len()];
    for (k, m) in mentions.iter().enumerate() {
        let at = &mut starts[longest - (m.b - m.a)];
        order[*at] = k;
        *at += 1;
    }
    order
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric() && c != '\'';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A range's key is the folded text of its tokens, one space between two tokens unless
    /// the second is a period glued to the first, or the text between them is one space.
    #[test]
    fn range_keys_join_folded_tokens() {
        let text = "In St. Louis, the U.S.-led  A\u{a0}B \u{201C}Caf\u{e9} M\u{fc}ller\u{201D} \
                    PlayJane Doe/AP\nNEW YORK (AP) \u{2014} Jos\u{e9} Mart\u{ed}, AT&T Inc. & Co.\t\
                    said O\u{2019}Brien\u{2019}s Bar.";
        let mut toks = Vec::new();
        crate::tokens::tokenize(text, 0, text.len(), &mut toks);
        let (keys, _, _) = Keys::read(text, &toks);
        let mut expected = String::new();
        let mut key_at = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            if i > 0 {
                let prev = toks[i - 1].end as usize;
                let (a, b) = (t.start as usize, t.end as usize);
                let glued_period = a == prev && &text[a..b] == ".";
                if !glued_period {
                    expected.push(' ');
                }
            }
            let s = expected.len();
            expected.push_str(&fold_key(t.text(text)));
            key_at.push((s, expected.len()));
        }
        let mut built = 0;
        for a in 0..toks.len() {
            assert_eq!(keys.key(&toks, a), &expected[key_at[a].0..key_at[a].1]);
            for b in a + 1..=toks.len().min(a + 8) {
                let key = keys.range(text, &toks, a, b);
                assert_eq!(key, &expected[key_at[a].0..key_at[b - 1].1], "{a}..{b}");
                built += usize::from(matches!(key, Cow::Owned(_)));
            }
        }
        assert!(built > 0);
        assert_eq!(keys.range(text, &toks, 1, 4), "st. louis");
        assert_eq!(keys.range(text, &toks, 1, 5), "st. louis ,");
    }

    /// Every month and weekday name passes the fact-word filter that spares most capitalised
    /// words the look-up.
    #[test]
    fn month_and_day_names_are_fact_words() {
        let names = "january february march april may june july august september october \
                     november december jan feb mar apr jun jul aug sep sept oct nov dec monday \
                     tuesday wednesday thursday friday saturday sunday";
        let mut toks = Vec::new();
        crate::tokens::tokenize(names, 0, names.len(), &mut toks);
        assert_eq!(toks.len(), 31);
        for t in &toks {
            assert!(is_month_or_day(t.text(names)), "{}", t.text(names));
            assert!(crate::facts::may_be_fact_word(t.hash), "{}", t.text(names));
        }
    }

    /// [`longest_first`] agrees with a stable sort by (longest, first token), on mentions
    /// sorted by first token (the counting sort) and on unsorted ones.
    #[test]
    fn longest_first_is_a_stable_sort() {
        let spans = [
            (0, 2),
            (0, 1),
            (1, 2),
            (3, 6),
            (3, 4),
            (4, 6),
            (4, 6),
            (7, 8),
            (9, 12),
        ];
        let sorted: Vec<Mention> = spans
            .iter()
            .map(|&(a, b)| Mention::new(a, b, Label::Unknown, false))
            .collect();
        let mut unsorted = sorted.clone();
        unsorted.reverse();
        unsorted.swap(1, 4);
        for mentions in [sorted, unsorted] {
            let mut expected: Vec<usize> = (0..mentions.len()).collect();
            expected.sort_by_key(|&k| {
                (
                    std::cmp::Reverse(mentions[k].b - mentions[k].a),
                    mentions[k].a,
                )
            });
            assert_eq!(longest_first(&mentions), expected);
        }
    }
}
