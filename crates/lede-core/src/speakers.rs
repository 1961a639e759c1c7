//! Speakers: quote attribution and per-article clustering of speaker mentions.
//!
//! 1. A table of the article's names (body text and captions): every run of capitalised words
//!    that reads as a person's full name ("President Barack Obama" gives Barack Obama, role
//!    President), short forms of a forename joined to the full one ("Xander" of "Alexander"),
//!    people known by one name introduced with an appositive ("Yuni, a resident, ..."), each
//!    later surname-only mention linked to the most recent full name with that surname, and
//!    each person's gender read off honorifics, forenames and the pronouns that follow the
//!    name. Each mention notes whether it is salient: a subject, not a possessive, the object
//!    of a preposition or a photo credit.
//! 2. Each quote's mention then resolves to one entry: a full name directly, a surname
//!    through the table, a country as an organisation, "he"/"she" to someone newly named as a
//!    subject in an earlier sentence of the paragraph, else to the previous speaker when the
//!    gender fits, else to the most recent salient compatible name; "it"/"they" to the previous
//!    organisation or group speaker or the group just named; "the agency" to the latest
//!    organisation that is not an outlet or a place; "the report" to the author named in the
//!    phrase or the person just quoted from it; a quote with no mention continues the previous
//!    quote's speaker.
//! 3. Entries that spoke become [`Speaker`]s, with the earliest longest name, a role and
//!    every mention linked to them.

use crate::names::{self, BlockTokens, Gender, Lower, MentionKind, Pronoun, Tok, WordFlags};
use crate::{Block, BlockKind, Entity, EntityKind, Quote, QuoteKind, Span};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SpeakerId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    Person,
    Organization,
    /// "a spokesperson", "officials": kept as said.
    Unnamed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    pub id: SpeakerId,
    pub kind: SpeakerKind,
    /// Canonical name: the earliest longest form ("John Kerry").
    pub name: String,
    /// Role the article gives them ("Secretary of State").
    pub role: Option<String>,
    /// Every mention that refers to them, in text order.
    pub mentions: Vec<Span>,
}

/// How many earlier mentions a pronoun or a nominal ("the ministry") may look back over.
const LOOK_BACK: usize = 60;

/// One person, organisation or group of the article.
#[derive(Clone, Debug)]
struct Entry {
    kind: SpeakerKind,
    name: String,
    /// Whether `name` has more than one word.
    full: bool,
    /// Its last word's list in [`Table::surname_mentions`].
    surname: usize,
    role: Option<(usize, String)>,
    mentions: Vec<Span>,
    male: u32,
    female: u32,
    speaker: Option<SpeakerId>,
}

impl Entry {
    fn new(kind: SpeakerKind, name: &str, surname: usize) -> Entry {
        Entry {
            kind,
            name: name.to_string(),
            full: name.contains(' '),
            surname,
            role: None,
            mentions: Vec::new(),
            male: 0,
            female: 0,
            speaker: None,
        }
    }

    /// Count evidence of the person's gender: `weight` 2 for a title or kin word, 1 for a
    /// forename or a pronoun.
    fn count_gender(&mut self, gender: Option<Gender>, weight: u32) {
        match gender {
            Some(Gender::Male) => self.male += weight,
            Some(Gender::Female) => self.female += weight,
            None => {}
        }
    }

    fn gender(&self) -> Option<Gender> {
        if self.male > self.female {
            Some(Gender::Male)
        } else if self.female > self.male {
            Some(Gender::Female)
        } else {
            None
        }
    }

    fn set_role(&mut self, at: usize, role: &str) {
        // The earliest role the article gives stays: a later one is not read.
        if self.role.as_ref().is_some_and(|(p, _)| at >= *p) {
            return;
        }
        if let Some(role) = clean_role(role) {
            self.role = Some((at, role.to_string()));
        }
    }
}

/// A role as the reader should see it, or none. It starts after a sentence break ("Obamacare.
/// Rep." -> "Rep.") and after a conjunction or preposition ("against NDP leader" -> "NDP
/// leader"); an age, a courtesy title, a word like "Both", a phrase ending on "her" or "of",
/// and a sentence's last words are no role.
fn clean_role(role: &str) -> Option<&str> {
    let mut r = role.trim().trim_end_matches(',').trim();
    // The words after the last full stop that ends a sentence: after a lower-case or a long
    // word, not after "St." or "Lt.".
    let mut from = 0;
    for (k, _) in r.match_indices(". ") {
        let word = r[..k].rsplit([' ', '.']).next().unwrap_or("");
        if k == 0 || word.len() >= 6 || word.starts_with(|c: char| c.is_lowercase()) {
            from = k + 2;
        }
    }
    r = r[from..].trim_start_matches(['.', ' ']);
    while let Some((first, rest)) = r.split_once(' ') {
        let lead = matches!(
            first,
            "but"
                | "and"
                | "or"
                | "nor"
                | "whether"
                | "against"
                | "as"
                | "if"
                | "when"
                | "while"
                | "because"
                | "so"
                | "yet"
                | "with"
                | "for"
                | "by"
                | "to"
                | "at"
                | "in"
                | "on"
                | "from"
                | "follows"
                | "after"
                | "before"
                | "like"
                | "than"
        );
        if !lead {
            break;
        }
        r = rest.trim_start();
    }
    let last = r.rsplit(' ').next().unwrap_or("");
    let sentence_end =
        last.len() > 4 && last.ends_with('.') && last.starts_with(|c: char| c.is_lowercase());
    let none = r.is_empty()
        || sentence_end
        || r.bytes().all(|b| b.is_ascii_digit())
        || matches!(
            r.trim_end_matches('.'),
            "Mr" | "Mrs" | "Ms" | "Miss" | "Mx" | "Both" | "All" | "Each"
        )
        || matches!(
            last,
            "her" | "his" | "their" | "its" | "of" | "the" | "a" | "an"
        );
    (!none).then_some(r)
}

/// The eight bytes of `b` from `k` (below its length), little-endian, zero-padded past its end:
/// loads of fixed lengths, without a copy or a byte loop.
#[inline(always)]
fn word8(b: &[u8], k: usize) -> u64 {
    let n = b.len();
    let rest = n - k;
    let u64_at = |k: usize| u64::from_le_bytes(b[k..k + 8].try_into().unwrap_or_default());
    let u32_at = |k: usize| {
        u64::from(u32::from_le_bytes(
            b[k..k + 4].try_into().unwrap_or_default(),
        ))
    };
    if rest >= 8 {
        u64_at(k)
    } else if n >= 8 {
        // The last eight bytes, shifted down past those before `k`.
        u64_at(n - 8) >> (8 * (8 - rest))
    } else if rest >= 4 {
        u32_at(k) | u32_at(n - 4) << (8 * (rest - 4))
    } else {
        // The first, middle and last bytes cover one to three.
        let (x, y, z) = (b[k], b[k + rest / 2], b[n - 1]);
        u64::from(x) | u64::from(y) << (8 * (rest / 2)) | u64::from(z) << (8 * (rest - 1))
    }
}

/// One step of [`key_hash`]: eight more bytes of the key.
#[inline(always)]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// The hash of the key `b`, or (`lower`) of the ASCII name `b` lower-cased: eight bytes at a
/// time, zero-padded at the end (the high bits are the well mixed ones).
#[inline(always)]
fn key_hash(b: &[u8], lower: bool) -> u64 {
    let mut h = b.len() as u64;
    let mut k = 0;
    while k < b.len() {
        let x = word8(b, k);
        h = mix(h, if lower { names::lower_ascii8(x) } else { x });
        k += 8;
    }
    h
}

/// A name's comparison key (see [`push_key`]) as a [`KeyTable`] asks for it: an ASCII name is
/// hashed and compared through its own bytes, lower-cased on the fly; another one is written
/// out into a scratch string first.
enum NameKey<'a> {
    Ascii(&'a [u8]),
    Written(&'a [u8]),
}

impl NameKey<'_> {
    fn len(&self) -> usize {
        match self {
            NameKey::Ascii(b) | NameKey::Written(b) => b.len(),
        }
    }

    fn hash(&self) -> u64 {
        match *self {
            NameKey::Ascii(b) => key_hash(b, true),
            NameKey::Written(b) => key_hash(b, false),
        }
    }

    /// Whether `key`, a stored key, is this one.
    fn is(&self, key: &[u8]) -> bool {
        match *self {
            NameKey::Ascii(b) => {
                key.len() == b.len()
                    && (0..b.len())
                        .step_by(8)
                        .all(|k| word8(key, k) == names::lower_ascii8(word8(b, k)))
            }
            NameKey::Written(b) => key == b,
        }
    }
}

/// Name keys to entry or list numbers: an open-addressing table of hashes and ranges of one
/// string that holds every key, so that neither a look-up nor an insertion allocates a key.
#[derive(Default)]
struct KeyTable {
    keys: String,
    /// (hash, start of the key in `keys`, its length, value); a length of `u32::MAX` marks an
    /// empty slot.
    slots: Vec<(u64, u32, u32, u32)>,
    len: usize,
    /// Scratch space for the key of a name that is not ASCII.
    scratch: String,
}

const EMPTY: u32 = u32::MAX;

impl KeyTable {
    /// The key of `name`, written into `scratch` unless the name is ASCII.
    fn key_of<'a>(scratch: &'a mut String, name: &'a str) -> NameKey<'a> {
        if name.is_ascii() {
            NameKey::Ascii(name.as_bytes())
        } else {
            push_key(scratch, name);
            NameKey::Written(scratch.as_bytes())
        }
    }

    /// The first slot tried for hash `h`: its top bits.
    #[inline]
    fn home(&self, h: u64) -> usize {
        (h >> (64 - self.slots.len().trailing_zeros())) as usize
    }

    /// The slot of `key` (hash `h`): where it is, or the empty slot where it would go.
    #[inline]
    fn slot(&self, key: &NameKey, h: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut k = self.home(h);
        loop {
            let (sh, start, len, _) = self.slots[k];
            if len == EMPTY
                || sh == h
                    && len as usize == key.len()
                    && key.is(&self.keys.as_bytes()[start as usize..(start + len) as usize])
            {
                return k;
            }
            k = (k + 1) & mask;
        }
    }

    /// The value of the key of `name`.
    fn get(&mut self, name: &str) -> Option<usize> {
        if self.len == 0 {
            return None;
        }
        // An ASCII name in one pass: hashed lower-cased eight bytes at a time, its bytes'
        // high bits gathered to tell it is ASCII.
        let b = name.as_bytes();
        let (mut h, mut high, mut k) = (b.len() as u64, 0, 0);
        while k < b.len() {
            let x = word8(b, k);
            high |= x;
            h = mix(h, names::lower_ascii8(x));
            k += 8;
        }
        if high & 0x8080_8080_8080_8080 == 0 {
            let (_, _, len, v) = self.slots[self.slot(&NameKey::Ascii(b), h)];
            return (len != EMPTY).then_some(v as usize);
        }
        let mut scratch = std::mem::take(&mut self.scratch);
        let key = KeyTable::key_of(&mut scratch, name);
        let (_, _, len, v) = self.slots[self.slot(&key, key.hash())];
        self.scratch = scratch;
        (len != EMPTY).then_some(v as usize)
    }

    /// Set the value of the key of `name` to `value`.
    fn insert(&mut self, name: &str, value: usize) {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mut scratch = std::mem::take(&mut self.scratch);
        let key = KeyTable::key_of(&mut scratch, name);
        let h = key.hash();
        let k = self.slot(&key, h);
        if self.slots[k].2 == EMPTY {
            let start = self.keys.len();
            match key {
                NameKey::Ascii(b) => {
                    self.keys.push_str(name);
                    self.keys.as_mut_str()[start..].make_ascii_lowercase();
                    debug_assert_eq!(b.len(), name.len());
                }
                NameKey::Written(b) => self.keys.push_str(std::str::from_utf8(b).unwrap_or("")),
            }
            self.slots[k] = (
                h,
                start as u32,
                (self.keys.len() - start) as u32,
                value as u32,
            );
            self.len += 1;
        } else {
            self.slots[k].3 = value as u32;
        }
        self.scratch = scratch;
    }

    /// Double the slots (at least 64), placing every key again by its hash.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(64);
        // Room for the keys of a half-full table at sixteen bytes a key, so that a short
        // article's keys go into the string without its growing.
        self.keys
            .reserve((size * 8).saturating_sub(self.keys.len()));
        let old = std::mem::replace(&mut self.slots, vec![(0, 0, EMPTY, 0); size]);
        let mask = size - 1;
        for slot in old.into_iter().filter(|s| s.2 != EMPTY) {
            let mut k = self.home(slot.0);
            while self.slots[k].2 != EMPTY {
                k = (k + 1) & mask;
            }
            self.slots[k] = slot;
        }
    }
}

struct Table {
    entries: Vec<Entry>,
    by_name: KeyTable,
    /// Person mentions in text order: (offset, entry, salient).
    person_mentions: Vec<(usize, usize, bool)>,
    /// Organisation mentions in text order.
    org_mentions: Vec<(usize, usize, bool)>,
    /// The key of each entry's last word -> its index in `surname_mentions`.
    surnames: KeyTable,
    /// Mentions of multi-word personal names (and first mentions of people known by one name)
    /// by surname, in text order: (offset, entry).
    surname_mentions: Vec<Vec<(usize, usize)>>,
    /// Mentions of multi-word personal names, in text order.
    full_mentions: Vec<(usize, usize)>,
}

/// A name's comparison key: lowercase, one kind of apostrophe.
fn name_key(name: &str) -> String {
    let mut key = String::new();
    push_key(&mut key, name);
    key
}

/// Write `name`'s comparison key into `out` (cleared first), reusing its allocation.
fn push_key(out: &mut String, name: &str) {
    out.clear();
    if name.is_ascii() {
        out.push_str(name);
        out.make_ascii_lowercase();
        return;
    }
    for c in name.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c == '’' {
            out.push('\'');
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

impl Table {
    fn new() -> Table {
        // Room for a short article's names, so that the lists rarely grow (each growth copies
        // them).
        Table {
            entries: Vec::with_capacity(32),
            by_name: KeyTable::default(),
            person_mentions: Vec::with_capacity(64),
            org_mentions: Vec::with_capacity(64),
            surnames: KeyTable::default(),
            surname_mentions: Vec::with_capacity(32),
            full_mentions: Vec::with_capacity(32),
        }
    }

    /// The entry named `name` (any letter case), added as a `kind` if there is none.
    fn entry(&mut self, kind: SpeakerKind, name: &str) -> usize {
        match self.find(name) {
            Some(i) => i,
            None => self.add(kind, name),
        }
    }

    /// Add an entry for `name`, which [`Table::find`] has just not found.
    fn add(&mut self, kind: SpeakerKind, name: &str) -> usize {
        let i = self.entries.len();
        self.by_name.insert(name, i);
        let last = name.rsplit(' ').next().unwrap_or(name);
        let surname = match self.surnames.get(last) {
            Some(list) => list,
            None => {
                self.surname_mentions.push(Vec::new());
                let list = self.surname_mentions.len() - 1;
                self.surnames.insert(last, list);
                list
            }
        };
        self.entries.push(Entry::new(kind, name, surname));
        i
    }

    /// The entry named exactly `name` (any letter case).
    fn find(&mut self, name: &str) -> Option<usize> {
        self.by_name.get(name)
    }

    /// The person a surname refers to at `at`: the most recent full name before it with that
    /// surname, else the first one after it.
    fn by_surname(&mut self, surname: &str, at: usize) -> Option<usize> {
        let list = &self.surname_mentions[self.surnames.get(surname)?];
        let i = list.partition_point(|&(p, _)| p <= at);
        if i > 0 {
            Some(list[i - 1].1)
        } else {
            list.first().map(|&(_, e)| e)
        }
    }

    /// Record a person mention (text order during the scan). `salient` says whether a later
    /// pronoun may point at it (see [`salient`]).
    fn add_person_mention(&mut self, at: usize, e: usize, salient: bool) {
        self.person_mentions.push((at, e, salient));
        let full = self.entries[e].full;
        if full || self.entries[e].mentions.len() <= 1 {
            // Full names, and the first mention of someone known by one name.
            self.surname_mentions[self.entries[e].surname].push((at, e));
        }
        if full {
            self.full_mentions.push((at, e));
        }
    }

    /// The most recent person named before `at` whose gender fits, preferring a salient
    /// mention (a subject rather than a possessive or the object of a preposition).
    fn recent_person(&self, at: usize, gender: Option<Gender>) -> Option<usize> {
        latest(&self.person_mentions, at, |e| {
            compatible(self.entries[e].gender(), gender)
        })
    }

    /// The latest organisation named before `at` that can speak for itself: news outlets
    /// ("told CTV News") and places are skipped.
    fn recent_org(&self, at: usize) -> Option<usize> {
        latest(&self.org_mentions, at, |e| {
            let name = &self.entries[e].name;
            !is_outlet(name) && !is_place_name(name)
        })
    }
}

/// Among the last [`LOOK_BACK`] mentions `(offset, entry, salient)` before `at` whose entry
/// passes `keep`, the latest salient one, else the latest one.
fn latest(
    mentions: &[(usize, usize, bool)],
    at: usize,
    keep: impl Fn(usize) -> bool,
) -> Option<usize> {
    let i = mentions.partition_point(|&(p, _, _)| p < at);
    let recent = &mentions[i.saturating_sub(LOOK_BACK)..i];
    let kept = || recent.iter().rev().filter(|&&(_, e, _)| keep(e));
    kept()
        .find(|&&(_, _, salient)| salient)
        .or_else(|| kept().next())
        .map(|&(_, e, _)| e)
}

/// A news outlet's name: "CTV News", "The Globe and Mail", "Reuters".
fn is_outlet(name: &str) -> bool {
    name.split([' ', '-']).any(|w| {
        matches!(
            w,
            "News"
                | "Times"
                | "Post"
                | "Journal"
                | "Globe"
                | "Star"
                | "Herald"
                | "Tribune"
                | "Gazette"
                | "Magazine"
                | "Radio"
                | "Television"
                | "TV"
                | "Telegraph"
                | "Guardian"
                | "Reuters"
                | "Bloomberg"
                | "CBC"
                | "CTV"
                | "CNN"
                | "BBC"
                | "NPR"
                | "AP"
                | "AFP"
                | "Postmedia"
                | "Associated"
                | "Newswire"
                | "Wire"
        )
    })
}

/// Whether two forenames can name one person: one is a short form of the other ("Alex",
/// "Xander" of "Alexander"; "Bill" of "William").
fn short_form(a: &str, b: &str) -> bool {
    let (a, b) = (name_key(a), name_key(b));
    if a == b {
        return false;
    }
    let (short, long) = if a.len() < b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if short.len() >= 3
        && long.len() >= short.len() + 2
        && (long.starts_with(short.as_str()) || long.ends_with(short.as_str()))
    {
        return true;
    }
    const PAIRS: &[(&str, &str)] = &[
        ("bill", "william"),
        ("will", "william"),
        ("bob", "robert"),
        ("rob", "robert"),
        ("bobby", "robert"),
        ("dick", "richard"),
        ("rick", "richard"),
        ("jim", "james"),
        ("jimmy", "james"),
        ("jack", "john"),
        ("johnny", "john"),
        ("ted", "edward"),
        ("ned", "edward"),
        ("tony", "anthony"),
        ("peggy", "margaret"),
        ("maggie", "margaret"),
        ("meg", "margaret"),
        ("liz", "elizabeth"),
        ("beth", "elizabeth"),
        ("betty", "elizabeth"),
        ("kate", "katherine"),
        ("kate", "catherine"),
        ("cathy", "catherine"),
        ("kathy", "katherine"),
        ("sue", "susan"),
        ("peg", "margaret"),
        ("chuck", "charles"),
        ("charlie", "charles"),
        ("hank", "henry"),
        ("harry", "henry"),
        ("larry", "lawrence"),
        ("mike", "michael"),
        ("mick", "michael"),
        ("steve", "stephen"),
        ("steve", "steven"),
        ("tom", "thomas"),
        ("tommy", "thomas"),
        ("joe", "joseph"),
        ("pat", "patricia"),
        ("pat", "patrick"),
        ("sandy", "sandra"),
        ("andy", "andrew"),
        ("drew", "andrew"),
        ("dave", "david"),
        ("danny", "daniel"),
        ("nick", "nicholas"),
        ("sam", "samuel"),
        ("sam", "samantha"),
        ("jenny", "jennifer"),
        ("jen", "jennifer"),
        ("becky", "rebecca"),
        ("vicky", "victoria"),
        ("alex", "alexandra"),
        ("sasha", "alexander"),
        ("greg", "gregory"),
        ("jeff", "jeffrey"),
        ("ron", "ronald"),
        ("don", "donald"),
        ("doug", "douglas"),
        ("fred", "frederick"),
        ("gerry", "gerald"),
        ("jerry", "gerald"),
    ];
    PAIRS
        .iter()
        .any(|&(s, l)| s == short.as_str() && l == long.as_str())
}

/// Written things that speak for their authors: "the report said", "the memo says".
fn is_written(word: &str) -> bool {
    let l = Lower::new(word);
    matches!(
        l.bytes(),
        b"statement"
            | b"report"
            | b"study"
            | b"release"
            | b"letter"
            | b"memo"
            | b"email"
            | b"e-mail"
            | b"note"
            | b"post"
            | b"tweet"
            | b"survey"
            | b"analysis"
            | b"website"
            | b"site"
            | b"blog"
            | b"database"
            | b"filing"
            | b"research"
            | b"findings"
            | b"finding"
            | b"document"
            | b"documents"
            | b"complaint"
            | b"lawsuit"
            | b"ruling"
            | b"notice"
            | b"review"
            | b"audit"
            | b"assessment"
            | b"paper"
            | b"submission"
            | b"brief"
            | b"order"
            | b"decision"
    )
}

/// The capitalised name inside a phrase about a document: "Infrastructure Canada" of
/// "Infrastructure Canada's public database", "Sensei" of "the Sensei website".
fn author_in(phrase: &str) -> Option<&str> {
    let mut start = None;
    let mut end = 0;
    let mut offset = 0;
    for w in phrase.split(' ') {
        let at = offset;
        offset += w.len() + 1;
        let capital = names::is_capitalized(w)
            && !matches!(w, "The" | "A" | "An" | "This" | "That" | "Its" | "Their");
        if capital {
            start.get_or_insert(at);
            end = at + w.len();
            if strip_possessive(w).len() < w.len() {
                end = at + strip_possessive(w).len();
                break;
            }
        } else if start.is_some() {
            break;
        }
    }
    let name = &phrase[start?..end];
    (!name.is_empty()).then_some(name)
}

/// "Canadian", "Russian".
fn is_demonym(word: &str) -> bool {
    let l = Lower::new(word);
    let key = l.as_str();
    !key.is_empty() && crate::gazetteer::lists().demonym(key).is_some()
}

/// A country or another place in the gazetteer ("Russia", "Winnipeg", "U.S").
fn is_place_name(name: &str) -> bool {
    let lists = crate::gazetteer::lists();
    names::with_folded(name, |key| {
        if lists.is_place(key) {
            return true;
        }
        // The alias is the key with a final dot ("u.s."), written on the stack.
        let mut buf = [0u8; 64];
        if key.len() < buf.len() {
            buf[..key.len()].copy_from_slice(key.as_bytes());
            buf[key.len()] = b'.';
            std::str::from_utf8(&buf[..=key.len()]).is_ok_and(|k| lists.alias(k).is_some())
        } else {
            lists.alias(&format!("{key}.")).is_some()
        }
    })
}

/// A country's name ("Russia", "Canada"): when it speaks, its government does.
fn is_country(name: &str) -> bool {
    names::with_folded(name, |k| {
        crate::gazetteer::lists().place(k) == Some(crate::gazetteer::PlaceKind::Country)
    })
}

/// Whether the name at `start..end` is one a later "he" or "she" is likely to point at: not a
/// possessive ("Kerry's plan"), not the object of a preposition ("unlike Kerry", "with
/// Kerry"), not inside parentheses or a photo credit ("(Jo Park / Reuters)").
fn salient(text: &str, start: usize, end: usize) -> bool {
    // The spaces on either side are skipped byte by byte while they are ASCII, then as
    // `trim_start` and `trim_end` do.
    let bytes = text.as_bytes();
    let end = end.min(bytes.len());
    let after = &bytes[end..];
    if after.starts_with(b"'s") || after.starts_with("’s".as_bytes()) {
        return false;
    }
    let mut k = end;
    while k < bytes.len() && is_ascii_space(bytes[k]) {
        k += 1;
    }
    match bytes.get(k) {
        Some(b'/') => return false,
        Some(&b) if b >= 0x80 && trim_start(&text[k..]).starts_with('/') => return false,
        _ => {}
    }
    let mut before_end = start;
    while before_end > 0 && is_ascii_space(bytes[before_end - 1]) {
        before_end -= 1;
    }
    let before = trim_end(&text[..before_end]);
    if matches!(before.as_bytes().last(), Some(b'(' | b'/')) {
        return false;
    }
    // The word before: the letters and digits that end `before`. Only a short one is a
    // preposition or a verb of the list below.
    let mut word_start = before.len();
    loop {
        match before.as_bytes()[..word_start].last() {
            Some(b) if b.is_ascii_alphanumeric() => word_start -= 1,
            Some(&b) if b >= 0x80 => match before[..word_start].chars().next_back() {
                Some(c) if c.is_alphanumeric() => word_start -= c.len_utf8(),
                _ => break,
            },
            _ => break,
        }
        if before.len() - word_start > 9 {
            return true;
        }
    }
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    !matches!(
        Lower::new(word).bytes(),
        b"of"
            | b"with"
            | b"to"
            | b"by"
            | b"for"
            | b"unlike"
            | b"like"
            | b"against"
            | b"from"
            | b"about"
            | b"at"
            | b"than"
            | b"including"
            | b"between"
            | b"among"
            | b"toward"
            | b"towards"
            | b"behind"
            | b"under"
            | b"over"
            | b"via"
            | b"after"
            | b"before"
            | b"beside"
            | b"besides"
            | b"alongside"
            | b"without"
            | b"upon"
            | b"into"
            | b"onto"
            | b"and"
            | b"or"
            | b"nor"
            | b"told"
            | b"tell"
            | b"telling"
            | b"asked"
            | b"ask"
            | b"asking"
            | b"met"
            | b"meet"
            | b"called"
            | b"interviewed"
            | b"contacted"
            | b"emailed"
            | b"visited"
            | b"joined"
            | b"thanked"
            | b"named"
            | b"hired"
            | b"appointed"
            | b"replaced"
            | b"beat"
            | b"defeated"
    )
}

/// Whether `b` is an ASCII byte that [`char::is_whitespace`] accepts.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// [`str::trim_start`], byte by byte while the text is ASCII.
fn trim_start(s: &str) -> &str {
    let n = s.bytes().take_while(|&b| is_ascii_space(b)).count();
    let s = &s[n..];
    match s.as_bytes().first() {
        Some(&b) if b >= 0x80 => s.trim_start(),
        _ => s,
    }
}

/// [`str::trim_end`], byte by byte while the text is ASCII.
fn trim_end(s: &str) -> &str {
    let n = s.bytes().rev().take_while(|&b| is_ascii_space(b)).count();
    let s = &s[..s.len() - n];
    match s.as_bytes().last() {
        Some(&b) if b >= 0x80 => s.trim_end(),
        _ => s,
    }
}

fn compatible(a: Option<Gender>, b: Option<Gender>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

fn is_inside(spans: &[Span], at: usize) -> bool {
    let i = spans.partition_point(|s| (s.end as usize) <= at);
    spans.get(i).is_some_and(|s| s.start as usize <= at)
}

/// [`is_inside`] for offsets asked in increasing order: a cursor over the spans replaces the
/// binary search when the spans are in order of their ends.
struct Inside<'a> {
    spans: &'a [Span],
    sorted: bool,
    /// The spans before `next` end at or before `last`, the latest offset asked.
    next: usize,
    last: usize,
}

impl<'a> Inside<'a> {
    fn new(spans: &'a [Span]) -> Inside<'a> {
        Inside {
            spans,
            sorted: spans.windows(2).all(|w| w[0].end <= w[1].end),
            next: 0,
            last: 0,
        }
    }

    #[cfg(test)]
    fn contains(&mut self, at: usize) -> bool {
        self.holding_end(at).is_some()
    }

    /// Where the span holding `at` ends, if one does: every offset from `at` up to there is
    /// inside it. (With the spans out of order, only `at + 1` is given.)
    fn holding_end(&mut self, at: usize) -> Option<usize> {
        if !self.sorted || at < self.last {
            return is_inside(self.spans, at).then_some(at + 1);
        }
        self.last = at;
        while self
            .spans
            .get(self.next)
            .is_some_and(|s| (s.end as usize) <= at)
        {
            self.next += 1;
        }
        self.spans
            .get(self.next)
            .filter(|s| s.start as usize <= at)
            .map(|s| s.end as usize)
    }
}

/// Title words and their modifiers right before a name: "Secretary of State", "Russian
/// President", "press secretary".
fn role_before(text: &str, toks: &[Tok], run_start: usize) -> Option<Span> {
    let mut i = run_start;
    let mut saw_title = false;
    while i > 0 && run_start - i < 8 {
        let t = toks[i - 1];
        if !t.word() {
            if t.text(text) == "." && i >= 2 && toks[i - 2].end() == t.start() {
                i -= 1;
                continue;
            }
            break;
        }
        let w = t.text(text);
        if names::is_title(w) {
            saw_title = true;
            i -= 1;
        } else if saw_title
            && (Lower::new(w).bytes() == b"of"
                || names::is_capitalized(w) && !names::is_not_name(w))
        {
            i -= 1;
        } else if saw_title
            && !names::is_not_name(w)
            && !names::is_capitalized(w)
            && run_start - i <= 2
        {
            // "press secretary", "information minister"
            i -= 1;
            break;
        } else {
            break;
        }
    }
    while i < run_start && toks[i].word() && Lower::new(toks[i].text(text)).bytes() == b"of" {
        i += 1;
    }
    (saw_title && i < run_start).then(|| Span::new(toks[i].start(), toks[run_start - 1].end()))
}

fn kin_gender(word: &str) -> Option<Gender> {
    let l = Lower::new(word);
    match l.bytes() {
        b"husband" | b"son" | b"father" | b"brother" | b"boyfriend" | b"grandfather" | b"uncle"
        | b"nephew" | b"dad" | b"mr" | b"sir" | b"man" | b"grandson" | b"stepfather" => {
            Some(Gender::Male)
        }
        b"wife" | b"daughter" | b"mother" | b"sister" | b"girlfriend" | b"grandmother"
        | b"aunt" | b"niece" | b"mom" | b"mum" | b"mrs" | b"ms" | b"woman" | b"granddaughter"
        | b"stepmother" => Some(Gender::Female),
        _ => None,
    }
}

/// Documents and collectives that speak as such: "the report said", "the crowd chanted".
fn is_document(word: &str) -> bool {
    let l = Lower::new(word);
    matches!(
        l.bytes(),
        b"crowd"
            | b"audience"
            | b"crew"
            | b"panel"
            | b"jury"
            | b"public"
            | b"community"
            | b"family"
            | b"couple"
            | b"staff"
            | b"police"
            | b"opposition"
            | b"delegation"
            | b"mob"
            | b"choir"
            | b"chorus"
            | b"majority"
            | b"minority"
            | b"people"
            | b"statement"
            | b"report"
            | b"study"
            | b"release"
            | b"letter"
            | b"memo"
            | b"email"
            | b"note"
            | b"post"
            | b"tweet"
            | b"survey"
            | b"poll"
            | b"analysis"
            | b"website"
            | b"filing"
            | b"data"
            | b"research"
            | b"findings"
            | b"document"
            | b"complaint"
            | b"lawsuit"
            | b"ruling"
            | b"decision"
            | b"notice"
            | b"plan"
            | b"budget"
            | b"review"
            | b"audit"
            | b"assessment"
    )
}

/// Institutions spoken of without a name: "the military", "the police", "the palace", "the
/// prosecution".
fn is_institution(word: &str) -> bool {
    matches!(
        Lower::new(word).bytes(),
        b"military"
            | b"army"
            | b"navy"
            | b"police"
            | b"coast guard"
            | b"cabinet"
            | b"opposition"
            | b"palace"
            | b"prosecution"
            | b"defence"
            | b"defense"
            | b"church"
            | b"monarchy"
            | b"legislature"
            | b"jury"
    )
}

/// Common nouns that stand for an organisation named earlier: "the utility", "the company".
fn is_org_nominal(word: &str) -> bool {
    let l = Lower::new(word);
    matches!(
        l.bytes(),
        b"utility"
            | b"company"
            | b"firm"
            | b"agency"
            | b"department"
            | b"ministry"
            | b"government"
            | b"organization"
            | b"organisation"
            | b"union"
            | b"city"
            | b"province"
            | b"council"
            | b"committee"
            | b"board"
            | b"group"
            | b"party"
            | b"force"
            | b"service"
            | b"office"
            | b"authority"
            | b"commission"
            | b"university"
            | b"hospital"
            | b"school"
            | b"bank"
            | b"airline"
            | b"retailer"
            | b"carrier"
            | b"station"
            | b"network"
            | b"team"
            | b"club"
            | b"charity"
            | b"foundation"
            | b"institute"
            | b"association"
            | b"federation"
            | b"regulator"
            | b"watchdog"
            | b"administration"
            | b"embassy"
            | b"court"
            | b"district"
            | b"municipality"
    )
}

fn pronoun_gender(word: &str) -> Option<Gender> {
    let l = Lower::new(word);
    match l.bytes() {
        b"he" | b"his" | b"him" | b"himself" => Some(Gender::Male),
        b"she" | b"her" | b"hers" | b"herself" => Some(Gender::Female),
        _ => None,
    }
}

/// Build the article's name table from body text outside direct quotations.
/// The longest run of tokens read as one name ("Sheikh Mohammed bin Rashid Al Maktoum").
const MAX_NAME_TOKENS: usize = 16;

/// Whether the word `b` can pass [`names::is_name_word`] at all, judged from its first bytes:
/// that wants an upper-case first letter, or a particle of two or three letters and a hyphen
/// ("al-Zoubi"; every such particle starts with an "a", "b", "e" or "i").
#[inline]
fn may_be_name_word(b: &[u8]) -> bool {
    match b.first().map(|&x| NAME_START[usize::from(x)]) {
        Some(START_NAME) => true,
        Some(START_PARTICLE) => b.get(2) == Some(&b'-') || b.get(3) == Some(&b'-'),
        _ => false,
    }
}

/// The first of `toks[i..]` that is a word passing [`may_be_name_word`], else `toks.len()`:
/// the scan's one pass over every token, kept tight.
#[inline(never)]
fn next_name_start(bytes: &[u8], toks: &[Tok], i: usize) -> usize {
    toks.get(i..).map_or(toks.len(), |rest| {
        i + rest
            .iter()
            .position(|t| {
                t.word()
                    && match NAME_START[usize::from(bytes[t.start()])] {
                        START_NO => false,
                        START_NAME => true,
                        _ => may_be_name_word(&bytes[t.start()..t.end()]),
                    }
            })
            .unwrap_or(rest.len())
    })
}

/// What a word's first byte says of [`may_be_name_word`]: no, yes, or yes if a hyphen follows.
const START_NO: u8 = 0;
const START_NAME: u8 = 1;
const START_PARTICLE: u8 = 2;

/// [`START_NAME`] for capitals and the bytes that start a non-ASCII character,
/// [`START_PARTICLE`] for the first letters of glued particles.
const NAME_START: [u8; 256] = {
    let mut table = [START_NO; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = if b.is_ascii_uppercase() || b >= 0x80 {
            START_NAME
        } else if matches!(b, b'a' | b'b' | b'e' | b'i') {
            START_PARTICLE
        } else {
            START_NO
        };
        i += 1;
    }
    table
};

fn build_table(
    text: &str,
    blocks: &[Block],
    tokens: &BlockTokens,
    quoted: &[Span],
    entities: &[Entity],
) -> Table {
    let mut table = Table::new();
    let mut buf = Vec::new();
    let mut inside = Inside::new(quoted);
    // The words of the run at hand, and the lexicon flags of each that the name test looked up
    // (capitalised words).
    let mut run_words: Vec<Tok> = Vec::new();
    let mut run_word_flags: Vec<Option<WordFlags>> = Vec::new();
    let bytes = text.as_bytes();
    // Captions name the people in the article too ("Jo Park, left, at the clinic"); their
    // names link surnames and short forms but are never what a pronoun points at.
    for (bi, block) in blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind.is_body() || b.kind == BlockKind::Caption)
    {
        let caption = block.kind == BlockKind::Caption;
        let toks = tokens.block(text, bi, &mut buf);
        let mut i = 0;
        loop {
            i = next_name_start(bytes, toks, i);
            let Some(&t) = toks.get(i) else { break };
            if let Some(end) = inside.holding_end(t.start()) {
                // The quotation's words are skipped together.
                i += toks[i..].partition_point(|t| t.start() < end);
                continue;
            }
            let (name, f) = names::name_word_flags(t.text(text));
            if !name && !forename_word_opens_name(text, toks, i) {
                i += 1;
                continue;
            }
            // The lexicon flags of the run's tokens `i + k`, kept from the name test.
            let mut run_flags: [Option<WordFlags>; MAX_NAME_TOKENS] = [None; MAX_NAME_TOKENS];
            run_flags[0] = f;
            // A run of name words, particles and initials. No name is longer than
            // `MAX_NAME_TOKENS`: capping the run keeps a text of nothing but capitalised words
            // linear (a run that is later cut short is scanned again from its cut).
            let mut j = i + 1;
            let run_end = toks.len().min(i + MAX_NAME_TOKENS);
            while j < run_end {
                let u = toks[j];
                let u_text = u.text(text);
                // (A word that `may_be_name_word` turns away by its first byte is no name
                // word, and has no flags kept.)
                let name = u.word() && NAME_START[usize::from(bytes[u.start()])] != START_NO && {
                    let (name, f) = names::name_word_flags(u_text);
                    run_flags[j - i] = f;
                    name
                };
                if u.word()
                    && (name
                        || j == i + 1 && names::is_month_surname(t.text(text), u_text)
                        // "Stephen King", "John Major": a title after a forename ends a name.
                        || j == i + 1
                            && names::is_surname_title(u_text)
                            && names::is_forename(t.text(text))
                            && !toks.get(j + 1).is_some_and(|v| {
                                v.word() && names::is_name_word(v.text(text))
                            })
                        || toks
                            .get(j + 1)
                            .is_some_and(|v| v.word() && names::is_capitalized(v.text(text)))
                            && names::is_particle(u_text))
                {
                    j += 1;
                } else if !u.word()
                    && u_text == "."
                    && toks[j - 1].end() == u.start()
                    && toks[j - 1].end() - toks[j - 1].start() == 1
                    && toks
                        .get(j + 1)
                        .is_some_and(|v| v.word() && names::is_capitalized(v.text(text)))
                {
                    // An initial: "Richard D. Emery".
                    j += 1;
                } else {
                    break;
                }
            }
            // The lexicon flags of the run's token `h`, kept or looked up.
            let flags_at = |h: usize| {
                run_flags
                    .get(h - i)
                    .copied()
                    .flatten()
                    .unwrap_or_else(|| WordFlags::of(toks[h].text(text)))
            };
            // Organisation head words in the run, looked up once.
            let mut first_head = None;
            let mut any_head = false;
            for h in i..j {
                // "Bill Smith": a forename that is also an organisation word opens a name
                // ("Bill C-69" stays a bill).
                let forename = || {
                    h == i
                        && h + 1 < j
                        && toks[h + 1].word()
                        && !toks[h + 1]
                            .text(text)
                            .contains(|c: char| c.is_ascii_digit())
                        && names::is_forename(toks[h].text(text))
                };
                if toks[h].word() && flags_at(h).is_org_head() && !forename() {
                    any_head = true;
                    if first_head.is_none() && h + 1 < j && toks[h + 1].word() {
                        first_head = Some(h);
                    }
                }
            }
            // "Getty Images Kevin Vickers": an organisation's name ends at its head word.
            if let Some(h) = first_head {
                let rest = j - h - 1;
                if rest >= 2 {
                    j = h + 1;
                }
            }
            // "Ministry of Coastal Affairs": an organisation's name runs on through "of".
            if any_head
                && j + 1 < toks.len()
                && toks[j].word()
                && matches!(Lower::new(toks[j].text(text)).bytes(), b"of" | b"for")
                && toks[j + 1].word()
                && names::is_name_word(toks[j + 1].text(text))
            {
                j += 1;
                while j < toks.len() && toks[j].word() && names::is_capitalized(toks[j].text(text))
                {
                    j += 1;
                }
            }
            run_words.clear();
            run_word_flags.clear();
            for (h, t) in (i..j)
                .zip(&toks[i..j])
                .filter(|(_, t)| t.word())
                .take(MAX_NAME_TOKENS + 2)
            {
                run_words.push(*t);
                run_word_flags.push(run_flags.get(h - i).copied().flatten());
            }
            let words = &run_words[..];
            let possessive = |w: &Tok| is_possessive(&bytes[w.start()..w.end()]);
            let has_inner_possessive = words.iter().rev().skip(1).any(possessive);
            let first = words[0];
            let last = *words.last().unwrap_or(&first);
            let last_text = strip_possessive(last.text(text));
            // The token before the run.
            let prev = i
                .checked_sub(1)
                .map(|k| (toks[k].word(), toks[k].text(text)));
            // (Every preposition below has two, four, six, seven or ten letters and starts with
            // one of "aftino"; "| 0x20" lower-cases those capitals and changes no other byte
            // into one of them.)
            let after_place_preposition = prev.is_some_and(|(_, p)| {
                matches!(p.len(), 2 | 4 | 6 | 7 | 10)
                    && matches!(
                        p.as_bytes()[0] | 0x20,
                        b'a' | b'f' | b't' | b'i' | b'n' | b'o'
                    )
                    && matches!(
                        Lower::new(p).bytes(),
                        b"in"
                            | b"at"
                            | b"near"
                            | b"across"
                            | b"to"
                            | b"from"
                            | b"into"
                            | b"throughout"
                            | b"outside"
                            | b"inside"
                            | b"toward"
                            | b"towards"
                    )
            });
            let is_place = after_place_preposition && words.len() >= 2
                || words.iter().zip(&run_word_flags).skip(1).any(|(w, f)| {
                    let bare = strip_possessive(w.text(text));
                    match f {
                        Some(f) if bare.len() == w.end() - w.start() => f.is_place_head(),
                        _ => names::is_place_head(bare),
                    }
                });
            let is_org = has_inner_possessive
                || any_head
                // "media buying company GroupM", "the security firm Talos".
                || prev.is_some_and(|(word, p)| {
                    word && !names::is_capitalized(p) && is_org_nominal(p)
                })
                || words.iter().any(|w| {
                    possessive(w) && names::is_org_head(strip_possessive(w.text(text)))
                })
                || words.iter().all(|w| names::is_acronym(w.text(text)))
                || (prev.is_some_and(|(_, p)| p.eq_ignore_ascii_case("the"))
                    // "the Oracle founder Larry Ellison" is a person.
                    && !(words.len() >= 2 && names::is_forename(first.text(text))));
            let sentence_start =
                prev.is_none_or(|(_, p)| matches!(p, "." | "?" | "!" | "\"" | "“" | ":"));
            // "the Canadian government": a demonym is neither person nor organisation.
            // (Looked up only for a one-word organisation inside a sentence and not a place,
            // the one case it changes: such a word opening a sentence is skipped anyway.)
            let is_demonym =
                is_org && words.len() == 1 && !is_place && !sentence_start && is_demonym(last_text);
            let name_end = last.start() + last_text.len();
            let name = &text[first.start()..name_end];
            if is_place || is_demonym {
                // A place or an event: neither speaker nor pronoun antecedent.
            } else if is_org {
                if !(sentence_start && words.len() == 1) {
                    let e = table.entry(SpeakerKind::Organization, name);
                    table.entries[e]
                        .mentions
                        .push(Span::new(first.start(), name_end));
                    let sal = !caption && salient(text, first.start(), name_end);
                    table.org_mentions.push((first.start(), e, sal));
                }
            } else if (2..=4).contains(&words.len()) {
                // The end of a longer name seen before ("Al Hashish" after "Fouzia Al
                // Hashish") is that person.
                let same_surname = table.by_surname(last_text, first.start());
                let longer = same_surname.filter(|&e| {
                    let full = &table.entries[e].name;
                    full.len() > name.len()
                        && full.ends_with(name)
                        && full.as_bytes()[full.len() - name.len() - 1] == b' '
                });
                let e = match longer.or_else(|| table.find(name)) {
                    Some(e) => e,
                    // "Xander Wise" after "Alexander Wise": a short form of the forename.
                    None => match same_surname.filter(|&e| {
                        let full = &table.entries[e].name;
                        full.matches(' ').count() == name.matches(' ').count()
                            && full.rsplit(' ').next() == name.rsplit(' ').next()
                            && short_form(full.split(' ').next().unwrap_or(""), first.text(text))
                    }) {
                        Some(e) => {
                            table.by_name.insert(name, e);
                            if name.len() > table.entries[e].name.len() {
                                table.entries[e].name = name.to_string();
                                table.entries[e].full = name.contains(' ');
                            }
                            e
                        }
                        None => table.add(SpeakerKind::Person, name),
                    },
                };
                table.entries[e]
                    .mentions
                    .push(Span::new(first.start(), name_end));
                let sal = !caption && salient(text, first.start(), name_end);
                table.add_person_mention(first.start(), e, sal);
                if let Some(r) = role_before(text, toks, i) {
                    let role = text[r].to_string();
                    table.entries[e].set_role(r.start as usize, &role);
                    for w in role.split([' ', '.']) {
                        table.entries[e].count_gender(names::honorific_gender(w), 2);
                    }
                }
                // "Nadia Fiore, the festival director, ...": an appositive role.
                if j + 2 < toks.len()
                    && toks[j].text(text) == ","
                    && matches!(
                        Lower::new(toks[j + 1].text(text)).bytes(),
                        b"a" | b"an" | b"the"
                    )
                {
                    let mut x = j + 2;
                    while x < toks.len() && x < j + 14 && toks[x].word() {
                        x += 1;
                    }
                    if x < toks.len() && toks[x].text(text) == "," && x > j + 2 {
                        let r = Span::new(toks[j + 1].start(), toks[x - 1].end());
                        let role = text[r].to_string();
                        table.entries[e].set_role(r.start as usize, &role);
                    }
                }
                // "husband Omar Diab", "wife Lena Diab", "Mrs. Diab".
                table.entries[e].count_gender(
                    i.checked_sub(1)
                        .and_then(|k| kin_gender(toks[k].text(text))),
                    2,
                );
                table.entries[e].count_gender(names::forename_gender(first.text(text)), 1);
                // The first pronoun after the name, within a short window.
                table.entries[e].count_gender(pronoun_after(text, &toks[j..]), 1);
            } else if words.len() == 1 {
                // A surname alone ("Kerry", "Mr. Fry"): link to the latest full name.
                if let Some(e) = table.by_surname(last_text, first.start()) {
                    table.entries[e]
                        .mentions
                        .push(Span::new(first.start(), name_end));
                    let sal = !caption && salient(text, first.start(), name_end);
                    table.add_person_mention(first.start(), e, sal);
                    table.entries[e].count_gender(
                        i.checked_sub(2)
                            .and_then(|k| names::honorific_gender(toks[k].text(text)))
                            .or_else(|| {
                                i.checked_sub(1)
                                    .and_then(|k| names::honorific_gender(toks[k].text(text)))
                            }),
                        2,
                    );
                } else if !after_place_preposition && single_name_person(text, toks, i, j) {
                    // "Yuni, a resident of the coast, ...": someone known by one name.
                    let e = table.entry(SpeakerKind::Person, name);
                    table.entries[e]
                        .mentions
                        .push(Span::new(first.start(), name_end));
                    let sal = !caption && salient(text, first.start(), name_end);
                    table.add_person_mention(first.start(), e, sal);
                    table.entries[e].count_gender(pronoun_after(text, &toks[j..]), 1);
                }
            }
            i = j;
        }
    }
    // Entities found by the entity recogniser add their people and organisations (after the
    // scan's mentions, which are in text order).
    let scanned = (
        table.person_mentions.len(),
        table.org_mentions.len(),
        table.full_mentions.len(),
    );
    for ent in entities {
        let kind = match ent.kind {
            EntityKind::Person => SpeakerKind::Person,
            EntityKind::Organization => SpeakerKind::Organization,
            EntityKind::Place => continue,
        };
        // Names the scan found are known already.
        if table.find(&ent.name).is_some() {
            continue;
        }
        if kind == SpeakerKind::Person {
            // Only clean personal names: two to four name words, no organisation word.
            let words = || ent.name.split_whitespace();
            if !(2..=4).contains(&words().count())
                || words().any(|w| {
                    !names::is_name_word(w) && !names::is_particle(w) || names::is_org_head(w)
                })
            {
                continue;
            }
        }
        let e = table.add(kind, &ent.name);
        if let Some(r) = &ent.role {
            let at = ent.mentions.first().map_or(0, |m| m.start as usize);
            table.entries[e].set_role(at, r);
        }
        for m in &ent.mentions {
            if kind == SpeakerKind::Person {
                let sal = salient(text, m.start as usize, m.end as usize);
                table.add_person_mention(m.start as usize, e, sal);
            } else {
                let sal = salient(text, m.start as usize, m.end as usize);
                table.org_mentions.push((m.start as usize, e, sal));
            }
        }
    }
    // In text order, then by entry: each tuple packed into one key (offsets and entry numbers
    // fit in 32 bits, as every `Span` assumes), so the shared sort serves them all.
    let key = |at: usize, e: usize| (at as u64) << 32 | e as u64;
    let salient_key = |&(at, e, sal): &(usize, usize, bool)| key(at, e << 1 | sal as usize);
    sort_after_sorted_head(&mut table.person_mentions, scanned.0, salient_key);
    sort_after_sorted_head(&mut table.org_mentions, scanned.1, salient_key);
    for list in &mut table.surname_mentions {
        crate::order::sort_by_u64(list, |m| key(m.0, m.1));
    }
    sort_after_sorted_head(&mut table.full_mentions, scanned.2, |m| key(m.0, m.1));
    table
}

/// Sort `v` by `key`, which tells every two different items apart, when `v[..head]` is
/// likely in order already: the rest is sorted alone and merged in.
fn sort_after_sorted_head<T: Copy>(v: &mut Vec<T>, head: usize, key: impl Fn(&T) -> u64) {
    let head = head.min(v.len());
    if head == 0 || !v[..head].windows(2).all(|w| key(&w[0]) <= key(&w[1])) {
        crate::order::sort_by_u64(v, key);
        return;
    }
    let mut tail = v.split_off(head);
    crate::order::sort_by_u64(&mut tail, &key);
    let mut merged = Vec::with_capacity(v.len() + tail.len());
    let (mut a, mut b) = (0, 0);
    while a < v.len() && b < tail.len() {
        if key(&tail[b]) < key(&v[a]) {
            merged.push(tail[b]);
            b += 1;
        } else {
            merged.push(v[a]);
            a += 1;
        }
    }
    merged.extend_from_slice(&v[a..]);
    merged.extend_from_slice(&tail[b..]);
    *v = merged;
}

/// A one-word name `toks[i..j]` that introduces a person with an appositive: "Yuni, a
/// resident of the coast," or "Roman, 52,". Countries and organisations ("Tesla, a company
/// that ...") are not people.
/// Whether token `i`, a word the lexicon keeps out of names but that is also a forename
/// ("Will", "June"), opens a name here: before a name word, inside a sentence and not after a
/// word that puts a month in time ("Council member Will Grant", not "in June Grant"), or at a
/// sentence's start with a speech verb after the name ("June Pellow said").
fn forename_word_opens_name(text: &str, toks: &[Tok], i: usize) -> bool {
    if !names::is_word_forename(toks[i].text(text)) {
        return false;
    }
    let Some(next) = toks.get(i + 1).filter(|n| n.word()) else {
        return false;
    };
    match i.checked_sub(1).map(|k| toks[k]) {
        Some(p) if p.word() => names::opens_name_as_forename(Some(p.text(text)), next.text(text)),
        Some(p) if p.text(text) == "," => names::opens_name_as_forename(None, next.text(text)),
        // At the start of a sentence only a speech verb or a comma after the name makes it
        // one: "Will Ostrander said", "June Pellow, the treasurer, said", "May Trevelyan, who
        // keeps the accounts", not "Will Ostrander attend?". (The phrase before a cue reads
        // "June Pellow, the treasurer" as her name too: the two must agree, or she would be
        // two speakers.)
        _ => {
            names::opens_name_as_forename(None, next.text(text))
                && toks.get(i + 2).is_some_and(|v| {
                    let v = v.text(text);
                    v == ","
                        || !names::is_capitalized(v)
                            && crate::cues::cue_bytes(v.as_bytes()).is_some()
                })
        }
    }
}

fn single_name_person(text: &str, toks: &[Tok], i: usize, j: usize) -> bool {
    if j + 2 >= toks.len() || toks[j].text(text) != "," || !toks[j + 1].word() {
        return false;
    }
    let next = toks[j + 1].text(text);
    let age = next.bytes().all(|b| b.is_ascii_digit())
        && next.len() <= 3
        && toks[j + 2].text(text) == ",";
    let det = matches!(Lower::new(next).bytes(), b"a" | b"an" | b"the");
    if !age && !det {
        return false;
    }
    if det {
        // The appositive's words name a person's role, not an organisation.
        let mut k = j + 2;
        while k < toks.len() && k < j + 14 && toks[k].word() {
            let w = toks[k].text(text);
            if matches!(
                Lower::new(w).bytes(),
                b"of"
                    | b"at"
                    | b"in"
                    | b"for"
                    | b"from"
                    | b"with"
                    | b"who"
                    | b"whose"
                    | b"that"
                    | b"which"
            ) {
                // The head noun phrase ends here: "a resident of the area".
                break;
            }
            if names::is_org_head(w)
                || is_org_nominal(w)
                || is_document(w)
                || matches!(
                    Lower::new(w).bytes(),
                    b"area"
                        | b"region"
                        | b"town"
                        | b"village"
                        | b"city"
                        | b"province"
                        | b"state"
                        | b"country"
                        | b"capital"
                        | b"neighbourhood"
                        | b"neighborhood"
                        | b"suburb"
                        | b"island"
                        | b"brand"
                        | b"app"
                        | b"platform"
                        | b"product"
                        | b"website"
                        | b"site"
                )
            {
                return false;
            }
            k += 1;
        }
        if k == j + 2 {
            return false;
        }
    }
    let w = toks[i].text(text);
    if names::is_acronym(w) || names::is_title(w) {
        return false;
    }
    let lists = crate::gazetteer::lists();
    names::with_folded(w, |key| {
        lists.place(key) != Some(crate::gazetteer::PlaceKind::Country) && !lists.is_org(key)
    })
}

/// Whether the word `w` ends in "'s" or "’s".
fn is_possessive(w: &[u8]) -> bool {
    w.ends_with(b"'s") || w.ends_with("’s".as_bytes())
}

fn strip_possessive(s: &str) -> &str {
    if !s.ends_with('s') {
        return s;
    }
    s.strip_suffix("'s")
        .or_else(|| s.strip_suffix("’s"))
        .unwrap_or(s)
}

/// The people the article quotes, given to the people among its entities: a speaker's name
/// mentions ("Will Ostrander", "Ostrander", a lone "King" after "Marguerite King") and role
/// join the person entity they name, and a quoted person the recogniser did not find becomes
/// one. Its
/// pronouns and descriptions ("he", "the novelist") are not names and stay out. A mention that
/// lies on another entity's mention is left to that entity. New entities are appended, so the
/// ids that facts already hold stay valid.
pub fn add_quoted_people(text: &str, speakers: &[Speaker], entities: &mut Vec<Entity>) {
    // The name mentions of the people quoted, sorted; they are few beside the entities'.
    let mut said: Vec<(Span, usize)> = Vec::new();
    for (k, s) in speakers.iter().enumerate() {
        if s.kind != SpeakerKind::Person {
            continue;
        }
        for &m in &s.mentions {
            let w = &text[m];
            // (Most mentions are the name or its last word.)
            let name_form = w == s.name
                || s.name.ends_with(w) && s.name.as_bytes()[s.name.len() - w.len() - 1] == b' '
                || w.split(' ').all(|w| s.name.split(' ').any(|n| n == w));
            if name_form && w.starts_with(|c: char| c.is_uppercase()) {
                said.push((m, k));
            }
        }
    }
    if said.is_empty() {
        return;
    }
    crate::order::sort_by_u64(&mut said, |(m, _)| m.sort_key());
    // Which entity's mention each of them lies on, found in one pass over the entities.
    let mut owner: Vec<Option<usize>> = vec![None; said.len()];
    for (e, ent) in entities.iter().enumerate() {
        for &m in &ent.mentions {
            let mut i = said.partition_point(|(s, _)| s.start < m.end);
            while i > 0 && said[i - 1].0.end > m.start {
                i -= 1;
                owner[i].get_or_insert(e);
            }
        }
    }
    // The first person entity of each quoted person's name, found through a table of the
    // speakers' names (a search of the entities for each speaker would take time in the
    // product of their numbers).
    let mut speaker_by_name: crate::gazetteer::FastMap<&str, usize> = Default::default();
    for (k, s) in speakers.iter().enumerate() {
        if s.kind == SpeakerKind::Person {
            speaker_by_name.entry(s.name.as_str()).or_insert(k);
        }
    }
    let mut entity_named: Vec<Option<usize>> = vec![None; speakers.len()];
    for (e, ent) in entities.iter().enumerate() {
        if ent.kind == EntityKind::Person {
            if let Some(&k) = speaker_by_name.get(ent.name.as_str()) {
                entity_named[k].get_or_insert(e);
            }
        }
    }
    // Each speaker's mentions among them.
    let mut by_speaker: Vec<Vec<usize>> = vec![Vec::new(); speakers.len()];
    for (i, &(_, k)) in said.iter().enumerate() {
        by_speaker[k].push(i);
    }
    let mut fresh: Vec<Entity> = Vec::new();
    // Mentions for entities already found, as (entity, mention): several speakers may add to
    // one entity, which is then sorted once.
    let mut added: Vec<(usize, Span)> = Vec::new();
    for (s, mine) in speakers.iter().zip(&by_speaker) {
        if mine.is_empty() {
            continue;
        }
        // The person entity this speaker is: by name, else by a shared mention.
        let named = speaker_by_name
            .get(s.name.as_str())
            .and_then(|&k| entity_named[k]);
        let known = named.or_else(|| {
            mine.iter()
                .filter_map(|&i| owner[i])
                .find(|&e| entities[e].kind == EntityKind::Person)
        });
        // The free mentions, without one inside another ("Castellano" of "April
        // Castellano": the scan and an attribution may each have read the name).
        let mut free: Vec<Span> = Vec::new();
        for m in mine
            .iter()
            .filter(|&&i| owner[i].is_none())
            .map(|&i| said[i].0)
        {
            match free.last_mut() {
                Some(last) if last.intersects(m) => {
                    if m.len() > last.len() {
                        *last = m;
                    }
                }
                _ => free.push(m),
            }
        }
        if let Some(e) = known {
            // The role the article gives them where they speak ("the novelist").
            if entities[e].role.is_none() {
                entities[e].role.clone_from(&s.role);
            }
        }
        if free.is_empty() {
            continue;
        }
        match known {
            Some(e) => added.extend(free.into_iter().map(|m| (e, m))),
            None if mine.iter().all(|&i| owner[i].is_none())
                && plain_person(&s.name.split(' ').collect::<Vec<_>>()) =>
            {
                fresh.push(Entity {
                    id: crate::EntityId((entities.len() + fresh.len()) as u32),
                    kind: EntityKind::Person,
                    name: s.name.clone(),
                    role: s.role.clone(),
                    mentions: free,
                    aliases: Vec::new(),
                    adjective_mentions: Vec::new(),
                })
            }
            None => {}
        }
    }
    crate::order::sort_by_u64(&mut added, |&(e, _)| e as u64);
    for group in added.chunk_by(|a, b| a.0 == b.0) {
        let mentions = &mut entities[group[0].0].mentions;
        mentions.extend(group.iter().map(|&(_, m)| m));
        crate::order::sort_by_u64(mentions, |m| m.sort_key());
        mentions.dedup();
    }
    entities.extend(fresh);
}

/// A person whose surname is also a title ("Stephen King", "John Major") is the lone
/// capitalised word elsewhere in the text ("King's new novel"), unless an article or a name
/// next to it makes it a title or a place ("the King", "King Charles", "King Street"), another
/// entity holds it ("Burger King"), or two people share the surname.
pub fn link_surname_titles(text: &str, entities: &mut [Entity]) {
    // Each surname-title of the people, with its person (None when two share it).
    let mut surnames: Vec<(String, Option<usize>)> = Vec::new();
    for (e, ent) in entities.iter().enumerate() {
        if ent.kind != EntityKind::Person {
            continue;
        }
        let Some(space) = ent.name.rfind(' ') else {
            continue;
        };
        let last = &ent.name[space + 1..];
        if !names::is_surname_title(last) {
            continue;
        }
        match surnames.iter_mut().find(|(w, _)| w == last) {
            Some((_, owner)) => *owner = None,
            None => surnames.push((last.to_string(), Some(e))),
        }
    }
    if surnames.iter().all(|(_, owner)| owner.is_none()) {
        return;
    }
    let mut taken: Vec<Span> = entities
        .iter()
        .flat_map(|e| e.mentions.iter().copied())
        .collect();
    crate::order::sort_by_u64(&mut taken, |m| m.sort_key());
    let is_taken = |m: Span| {
        let i = taken.partition_point(|t| t.start < m.end);
        taken[..i].iter().rev().take(4).any(|t| t.intersects(m))
    };
    let word_char = |c: char| c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
    // Whether an article stands right before byte `at`: "the King" is a title.
    // (Only the whitespace before the word and the article itself are read: a text of
    // lone names without spaces between them stays linear.)
    let after_article = |at: usize| {
        let head = text[..at].trim_end();
        ["the", "The", "THE", "a", "A", "an", "An"].iter().any(|a| {
            head.strip_suffix(a)
                .is_some_and(|rest| !rest.ends_with(char::is_alphanumeric))
        })
    };
    for (word, owner) in &surnames {
        let Some(e) = *owner else { continue };
        // A lone "King" after an article that the recogniser gave the person is a title
        // (the person keeps a mention in any case).
        let mentions = &mut entities[e].mentions;
        if mentions.iter().any(|&m| &text[m] != word.as_str()) {
            mentions.retain(|&m| !(&text[m] == word.as_str() && after_article(m.start as usize)));
        }
        let mut found = Vec::new();
        for (at, _) in text.match_indices(word.as_str()) {
            let end = at + word.len();
            let before = &text[..at];
            let mut after = &text[end..];
            // "King's": the possessive is not part of the name.
            for s in ["'s", "’s"] {
                if let Some(rest) = after.strip_prefix(s) {
                    after = rest;
                }
            }
            if before.ends_with(word_char) || after.starts_with(word_char) {
                continue;
            }
            let next = after.trim_start_matches([' ', '\u{a0}']);
            if after_article(at) || next.starts_with(char::is_uppercase) {
                continue;
            }
            let m = Span::new(at, end);
            if !is_taken(m) {
                found.push(m);
            }
        }
        if !found.is_empty() {
            let mentions = &mut entities[e].mentions;
            mentions.extend(found);
            crate::order::sort_by_u64(mentions, |m| m.sort_key());
            mentions.dedup();
        }
    }
}

/// A speaker's name that is plainly a person's: a known forename ("Kim") and up to three name
/// words after it, none an organisation word ("Will Ostrander", "Ben van der Pluijm"). Other
/// names may be a company's ("Tinder said") or a department's ("Veterans Affairs said").
fn plain_person(words: &[&str]) -> bool {
    let Some((first, rest)) = words.split_first() else {
        return false;
    };
    let forename = names::is_forename(first) || names::is_word_forename(first);
    forename
        && rest.len() <= 3
        && rest
            .iter()
            .all(|w| (names::is_name_word(w) || names::is_particle(w)) && !names::is_org_head(w))
}

/// Attribute quotes to speakers and cluster the speakers. Returns the speakers and the quotes
/// with `speaker` filled in where known.
pub fn attribute(
    text: &str,
    blocks: &[Block],
    entities: &[Entity],
    quotes: Vec<Quote>,
) -> (Vec<Speaker>, Vec<Quote>) {
    let tokens = BlockTokens::new(text, blocks);
    attribute_with(text, blocks, entities, quotes, &tokens)
}

/// [`attribute`] with the blocks' tokens already read (`tokens` must come from the same text
/// and blocks).
pub fn attribute_with(
    text: &str,
    blocks: &[Block],
    entities: &[Entity],
    mut quotes: Vec<Quote>,
    tokens: &BlockTokens,
) -> (Vec<Speaker>, Vec<Quote>) {
    let quoted: Vec<Span> = quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .flat_map(|q| q.fragments.iter().copied())
        .collect();
    let mut table = build_table(text, blocks, tokens, &quoted, entities);
    // Paragraph distance counts body blocks only: captions and subheads between two
    // paragraphs do not separate a speaker from their pronoun.
    let body_ends: Vec<usize> = blocks
        .iter()
        .filter(|b| b.kind.is_body())
        .map(|b| b.span.end as usize)
        .collect();
    let block_of = |at: usize| body_ends.partition_point(|&e| e < at);
    let mut speakers: Vec<Speaker> = Vec::new();
    // The previous quote's entry and block.
    let mut prev: Option<(usize, usize)> = None;
    let mut prev_end = 0;
    for q in quotes.iter_mut() {
        let at = q.span.start as usize;
        let block = block_of(at);
        let block_start = block.checked_sub(1).map_or(0, |b| body_ends[b]);
        let entry = resolve(text, &mut table, q, prev, (block, block_start), prev_end);
        let Some(e) = entry else { continue };
        prev = Some((e, block));
        prev_end = q.span.end as usize;
        if let (Some(role), MentionKind::Person) =
            (q.role, q.mention_kind.unwrap_or(MentionKind::Group))
        {
            let r = text[role].to_string();
            table.entries[e].set_role(role.start as usize, &r);
        }
        if let Some(m) = q.mention {
            table.entries[e].mentions.push(m);
        }
        let id = match table.entries[e].speaker {
            Some(id) => id,
            None => {
                let id = SpeakerId(speakers.len() as u32);
                table.entries[e].speaker = Some(id);
                speakers.push(Speaker {
                    id,
                    kind: table.entries[e].kind,
                    name: String::new(),
                    role: None,
                    mentions: Vec::new(),
                });
                id
            }
        };
        q.speaker = Some(id);
    }
    for entry in &table.entries {
        if let Some(id) = entry.speaker {
            let s = &mut speakers[id.0 as usize];
            s.name = entry.name.clone();
            s.role = entry.role.as_ref().map(|(_, r)| r.clone());
            let mut m = entry.mentions.clone();
            crate::order::sort_by_u64(&mut m, |s| s.sort_key());
            m.dedup();
            s.mentions = m;
        }
    }
    (speakers, quotes)
}

/// The entry a quote's speaker is, recording the rule that decided.
fn resolve(
    text: &str,
    table: &mut Table,
    q: &mut Quote,
    prev: Option<(usize, usize)>,
    (block, block_start): (usize, usize),
    prev_end: usize,
) -> Option<usize> {
    let at = q.span.start as usize;
    let continuation = |rule: &'static str, q: &mut Quote| {
        let (e, b) = prev?;
        if block.saturating_sub(b) > 3 {
            return None;
        }
        q.rule = rule;
        Some(e)
    };
    let Some(m) = q.mention else {
        return continuation("continuation", q);
    };
    let mention = &text[m];
    match q.mention_kind.unwrap_or(MentionKind::Person) {
        MentionKind::Person => {
            let words = mention.split_whitespace().count();
            if words >= 2 {
                // A full name, or the end of a longer one ("Al Hashish" of "Fouzia Al
                // Hashish").
                if let Some(e) = table.by_surname(mention.rsplit(' ').next().unwrap_or(mention), at)
                {
                    let full = &table.entries[e].name;
                    if full.len() > mention.len()
                        && full.ends_with(mention)
                        && full.as_bytes()[full.len() - mention.len() - 1] == b' '
                    {
                        return Some(e);
                    }
                }
                return Some(table.entry(SpeakerKind::Person, mention));
            }
            if let Some(e) = table.by_surname(mention, at) {
                return Some(e);
            }
            // "Russia said": a country speaks through its government.
            let kind = if is_country(mention) {
                SpeakerKind::Organization
            } else {
                SpeakerKind::Person
            };
            let e = table.entry(kind, mention);
            Some(e)
        }
        MentionKind::Organization => {
            let name = mention
                .trim_start_matches("the ")
                .trim_start_matches("The ");
            Some(table.entry(SpeakerKind::Organization, name))
        }
        MentionKind::Group => {
            // "the ministry": the latest organisation whose name has that head word.
            let l = mention.to_lowercase();
            let head = l.rsplit(' ').next().unwrap_or("");
            if l.starts_with("the ")
                && is_institution(head)
                && !table.org_mentions[..table.org_mentions.partition_point(|&(p, _, _)| p < at)]
                    .iter()
                    .rev()
                    .take(LOOK_BACK)
                    .any(|&(_, e, _)| lower_contains(&table.entries[e].name, head))
            {
                // "the military", "the police": an institution no organisation of the
                // article is named after.
                return Some(table.entry(SpeakerKind::Unnamed, &l[4..]));
            }
            if l.starts_with("the ") && (names::is_org_head(head) || is_org_nominal(head)) {
                // "the Canadian government": the demonym or place before the head word must
                // be in the organisation's name too (not "Australian Government"), and
                // without such an organisation the phrase names its own speaker.
                let words: Vec<&str> = mention.split(' ').collect();
                let place = words[1..words.len() - 1]
                    .iter()
                    .rev()
                    .find(|w| names::is_capitalized(w) && (is_demonym(w) || is_place_name(w)));
                // The place as written, and the country a demonym stands for ("Canada").
                let forms: Vec<String> = place
                    .iter()
                    .flat_map(|p| {
                        let country = crate::gazetteer::lists().demonym(&p.to_lowercase());
                        [Some(p.to_lowercase()), country.map(str::to_lowercase)]
                    })
                    .flatten()
                    .collect();
                let i = table.org_mentions.partition_point(|&(p, _, _)| p < at);
                let found = table.org_mentions[..i]
                    .iter()
                    .rev()
                    .take(LOOK_BACK)
                    .map(|&(_, e, _)| e)
                    .find(|&e| {
                        let name = &table.entries[e].name;
                        lower_contains(name, head)
                            && (forms.is_empty() || forms.iter().any(|f| lower_contains(name, f)))
                    });
                if let Some(place) = place {
                    q.rule = "nominal";
                    return Some(found.unwrap_or_else(|| {
                        let named = &mention[mention.find(place).unwrap_or(4)..];
                        table.entry(SpeakerKind::Organization, named)
                    }));
                }
                let prev_org = prev
                    .map(|(e, _)| e)
                    .filter(|&e| table.entries[e].kind == SpeakerKind::Organization);
                if let Some(e) = found.or(prev_org).or_else(|| table.recent_org(at)) {
                    q.rule = "nominal";
                    return Some(e);
                }
            }
            if l.starts_with("the ") && names::is_title(head) {
                // "the mayor": the latest person given that role.
                let i = table.person_mentions.partition_point(|&(p, _, _)| p < at);
                let found = table.person_mentions[..i]
                    .iter()
                    .rev()
                    .take(LOOK_BACK)
                    .map(|&(_, e, _)| e)
                    .find(|&e| {
                        table.entries[e]
                            .role
                            .as_ref()
                            .is_some_and(|(_, r)| lower_contains(r, head))
                    });
                if let Some(e) = found {
                    q.rule = "nominal";
                    return Some(e);
                }
            }
            if l.starts_with("the ")
                && !head.ends_with('s')
                && !is_org_nominal(head)
                && !is_document(head)
            {
                // "the rookie defenceman", "the 39-year-old founder": the person the
                // article is about at that point.
                if let Some((e, _)) = prev.filter(|&(e, b)| {
                    block.saturating_sub(b) <= 1 && table.entries[e].kind == SpeakerKind::Person
                }) {
                    q.rule = "nominal";
                    return Some(e);
                }
                // Else the latest person named as a subject; else, of the people named
                // lately, the one the article names most ("talking about Espinos, who like
                // Montalban was born in Mexico ... says the founder"); else the latest full
                // name.
                let i = table.person_mentions.partition_point(|&(p, _, _)| p < at);
                let recent = &table.person_mentions[i.saturating_sub(LOOK_BACK)..i];
                let salient = recent
                    .iter()
                    .rev()
                    .find(|&&(_, _, s)| s)
                    .map(|&(_, e, _)| e);
                let most_named = recent
                    .iter()
                    .filter(|&&(_, e, _)| table.entries[e].full)
                    .max_by_key(|&&(p, e, _)| (table.entries[e].mentions.len(), p))
                    .map(|&(_, e, _)| e);
                let i = table.full_mentions.partition_point(|&(p, _)| p < at);
                if let Some(e) = salient
                    .or(most_named)
                    .or_else(|| table.full_mentions[..i].last().map(|&(_, e)| e))
                {
                    q.rule = "nominal";
                    return Some(e);
                }
            }
            if is_written(head) {
                // "Infrastructure Canada's database", "the Sensei website": the author is
                // named in the phrase.
                if let Some(author) = author_in(mention) {
                    q.rule = "document";
                    if let Some(e) = table.find(author) {
                        return Some(e);
                    }
                    if !author.contains(' ') {
                        if let Some(e) = table.by_surname(author, at) {
                            return Some(e);
                        }
                    }
                    return Some(table.entry(SpeakerKind::Organization, author));
                }
                // "the report said": the report just quoted, by its author ("Cross wrote in
                // a report ...").
                let mut from = prev_end.saturating_sub(300);
                while !text.is_char_boundary(from) {
                    from -= 1;
                }
                // "the report" (not "a report", which brings in a new one), its word
                // written before it ("reporters" is not "report").
                let definite = ["the ", "this ", "that "].iter().any(|d| l.starts_with(d));
                let cited = definite
                    && at > from
                    && at - from < 3000
                    && has_word(&text[from..at].to_lowercase(), head);
                if let Some((e, _)) = prev.filter(|&(e, b)| {
                    cited
                        && block.saturating_sub(b) <= 2
                        && table.entries[e].kind != SpeakerKind::Unnamed
                        && !is_outlet(&table.entries[e].name)
                }) {
                    q.rule = "document";
                    return Some(e);
                }
            }
            Some(table.entry(SpeakerKind::Unnamed, &unnamed_name(mention)))
        }
        MentionKind::Pronoun(p) => {
            let gender = match p {
                Pronoun::He => Some(Gender::Male),
                Pronoun::She => Some(Gender::Female),
                Pronoun::They | Pronoun::It => {
                    if let Some((e, _)) =
                        prev.filter(|&(e, _)| table.entries[e].kind != SpeakerKind::Person)
                    {
                        return Some(e);
                    }
                    if p == Pronoun::It {
                        return table.recent_org(at);
                    }
                    // "Authorities said ... They said": a group named just before.
                    if prev.is_none_or(|(e, _)| !table.entries[e].name.contains(" and ")) {
                        if let Some(g) = group_before(text, at) {
                            return Some(table.entry(SpeakerKind::Unnamed, &g));
                        }
                    }
                    return prev.map(|(e, _)| e);
                }
                Pronoun::First => return continuation("continuation", q),
            };
            if let Some((e, b)) = prev {
                let entry = &table.entries[e];
                // Someone else named as a subject since the previous quotation, in the same
                // paragraph: "... for accountant Jo Park, 50. "Q," he says." is Park.
                let i = table.person_mentions.partition_point(|&(p, _, _)| p < at);
                let newer = table.person_mentions[..i]
                    .iter()
                    .rev()
                    .take_while(|&&(p, _, _)| p >= prev_end && block_start <= p && p + 600 >= at)
                    .find(|&&(p, o, sal)| {
                        sal && o != e
                            && table.entries[o].kind == SpeakerKind::Person
                            && compatible(table.entries[o].gender(), gender)
                            // Named in an earlier sentence, not in the attribution's own
                            // ("Asked what he would tell Mayor Jo Park, he said:").
                            && sentence_break_between(text, p, at)
                    })
                    .map(|&(_, o, _)| o);
                if let Some(o) = newer {
                    learn_gender(table, o, gender);
                    q.rule = "pronoun-recent";
                    return Some(o);
                }
                if block.saturating_sub(b) <= 1
                    && entry.kind == SpeakerKind::Person
                    // "Lind and Berg said": two people are "they", not "he" or "she".
                    && !entry.name.contains(" and ")
                    && compatible(entry.gender(), gender)
                {
                    learn_gender(table, e, gender);
                    return Some(e);
                }
            }
            let e = table.recent_person(at, gender)?;
            learn_gender(table, e, gender);
            Some(e)
        }
    }
}

/// Whether `haystack`, lower-cased, contains `needle`; ASCII text is compared without
/// lower-casing a copy.
fn lower_contains(haystack: &str, needle: &str) -> bool {
    if !haystack.is_ascii() {
        return haystack.to_lowercase().contains(needle);
    }
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    n.is_empty()
        || h.windows(n.len())
            .any(|w| w.iter().zip(n).all(|(a, b)| a.to_ascii_lowercase() == *b))
}

/// Whether `word` (lower case) is a whole word of `lower` (lower-cased text): not a part of a
/// longer one.
fn has_word(lower: &str, word: &str) -> bool {
    let alnum_at = |k: usize| lower[k..].chars().next().is_some_and(char::is_alphanumeric);
    let alnum_before = |k: usize| {
        lower[..k]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    };
    !word.is_empty()
        && lower
            .match_indices(word)
            .any(|(k, _)| !alnum_before(k) && !alnum_at(k + word.len()))
}

/// Whether a sentence ends between `a` and `b`: a stop, then white space and a capital or an
/// opening mark.
fn sentence_break_between(text: &str, a: usize, b: usize) -> bool {
    let s = &text[a..b];
    s.match_indices(['.', '?', '!']).any(|(k, _)| {
        let rest = &s[k + 1..];
        let t = rest.trim_start();
        // Nothing after the space: the quotation opens the next sentence.
        t.len() < rest.len()
            && (t.is_empty() || t.starts_with(|c: char| c.is_uppercase() || "\"“‘'".contains(c)))
    })
}

/// The plural group named last before `at` in its paragraph ("authorities", "officials"):
/// what a "they" with no group speaker before it points at.
fn group_before(text: &str, at: usize) -> Option<String> {
    let mut from = at.saturating_sub(300);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let window = &text[from..at];
    let from = window.rfind("\n\n").map_or(from, |k| from + k + 2);
    let mut toks = Vec::new();
    names::tokenize(text, from, at, &mut toks);
    toks.iter().rev().filter(|t| t.word()).find_map(|t| {
        let w = t.text(text);
        let l = Lower::new(w);
        let plural = l.as_str().ends_with('s') && !l.as_str().ends_with("ss")
            || matches!(l.bytes(), b"police" | b"staff" | b"people");
        (plural && names::is_group_noun(w)).then(|| l.as_str().to_string())
    })
}

/// The gender of the first pronoun among the next 25 tokens, if any.
fn pronoun_after(text: &str, toks: &[names::Tok]) -> Option<Gender> {
    let bytes = text.as_bytes();
    for &t in toks.iter().take(25) {
        // Every pronoun has two, three, four or seven letters and starts with an "h" or an
        // "s" ("| 0x20" lower-cases those two capitals and changes no other byte into them).
        if t.word()
            && matches!(t.end() - t.start(), 2 | 3 | 4 | 7)
            && matches!(bytes[t.start()] | 0x20, b'h' | b's')
        {
            if let Some(g) = pronoun_gender(t.text(text)) {
                return Some(g);
            }
        }
    }
    None
}

fn learn_gender(table: &mut Table, e: usize, g: Option<Gender>) {
    table.entries[e].count_gender(g, 1)
}

/// An unnamed speaker's name as the card shows it: the phrase without its article, its first
/// word in lower case and the names in it as written ("A spokesperson for Environment Canada"
/// → "spokesperson for Environment Canada", "Officials" → "officials").
fn unnamed_name(mention: &str) -> String {
    let mut rest = mention;
    for article in ["the ", "a ", "an "] {
        if rest.len() > article.len()
            && rest.is_char_boundary(article.len())
            && rest[..article.len()].eq_ignore_ascii_case(article)
        {
            rest = &rest[article.len()..];
        }
    }
    let (first, tail) = rest.split_at(rest.find(' ').unwrap_or(rest.len()));
    // A name keeps its capitals: an acronym ("RCMP officers"), a demonym ("German
    // officials") or a first word followed by another capitalised one ("Freedom Mobile
    // spokesperson").
    let acronym = first.chars().count() > 1
        && first
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    if acronym || tail.trim_start().starts_with(char::is_uppercase) || is_demonym(first) {
        return rest.to_string();
    }
    first.to_lowercase() + tail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_read_as_roles() {
        assert_eq!(
            clean_role("the harbour master,"),
            Some("the harbour master")
        );
        assert_eq!(
            clean_role(". Port Authority CEO"),
            Some("Port Authority CEO")
        );
        assert_eq!(clean_role("Medicare. Sen."), Some("Sen."));
        assert_eq!(clean_role("the plan. Councillor"), Some("Councillor"));
        assert_eq!(
            clean_role("St. Ives Police Lt."),
            Some("St. Ives Police Lt.")
        );
        assert_eq!(clean_role("against Labour leader"), Some("Labour leader"));
        assert_eq!(clean_role("whether Mayor"), Some("Mayor"));
        for none in [
            "but one of her",
            "calm state.",
            "50",
            "Mr",
            "Mrs.",
            "Both",
            " ",
        ] {
            assert_eq!(clean_role(none), None, "{none:?}");
        }
    }

    #[test]
    fn whole_words_only() {
        assert!(has_word("cross wrote in a report that", "report"));
        assert!(has_word("the report's authors", "report"));
        assert!(has_word("report", "report"));
        assert!(!has_word("he told reporters after", "report"));
        assert!(!has_word("a misreport", "report"));
        assert!(!has_word("anything", ""));
    }

    #[test]
    fn unnamed_speakers_keep_the_names_inside_them() {
        assert_eq!(
            unnamed_name("A spokesperson for Environment Canada"),
            "spokesperson for Environment Canada"
        );
        assert_eq!(unnamed_name("Officials"), "officials");
        assert_eq!(unnamed_name("A German official"), "German official");
        assert_eq!(unnamed_name("the city's lawyers"), "city's lawyers");
        assert_eq!(unnamed_name("RCMP officers"), "RCMP officers");
        assert_eq!(
            unnamed_name("Harbourline Telecom spokesperson"),
            "Harbourline Telecom spokesperson"
        );
        assert_eq!(unnamed_name("Élus locaux"), "élus locaux");
        assert_eq!(unnamed_name("an"), "an");
    }

    /// The fast paths agree with what they stand in for, on ASCII and non-ASCII text.
    #[test]
    fn fast_paths_agree_with_the_plain_forms() {
        let samples = [
            "",
            " ",
            "  Kerry",
            "Kerry  ",
            "\u{a0}Kerry\u{a0} ",
            " \t\u{2009} x ",
            "al-Zoubi",
            "bin-Salman",
            "ibn-Saud",
            "abu-Bakr",
            "el-Sisi",
            "as-Sadr",
            "iPhone",
            "Élodie",
            "élan",
            "de",
            "Ministry",
            "Fouzia Al Hashish",
            "ŞİRKET",
            "x\u{85}",
        ];
        for s in samples {
            assert_eq!(trim_start(s), s.trim_start(), "{s:?}");
            assert_eq!(trim_end(s), s.trim_end(), "{s:?}");
            if names::is_name_word(s) {
                assert!(may_be_name_word(s.as_bytes()), "{s:?}");
            }
            for needle in ["", "al", "ministry", "hashish", "şi", "x"] {
                assert_eq!(
                    lower_contains(s, needle),
                    s.to_lowercase().contains(needle),
                    "{s:?} {needle:?}"
                );
            }
        }
        let spans = [Span::new(2, 5), Span::new(5, 9), Span::new(12, 13)];
        let mut inside = Inside::new(&spans);
        for at in 0..16 {
            assert_eq!(inside.contains(at), is_inside(&spans, at), "{at}");
        }
    }

    /// Sorting a list whose head is in order gives what a full sort gives, head in order or not.
    #[test]
    fn sorting_after_a_sorted_head_sorts_it_all() {
        let mut seed = 11u64;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 40) as usize % 50
        };
        for len in [0, 1, 2, 5, 30] {
            for head in [0, 1, len / 2, len] {
                let mut v: Vec<(usize, usize)> = (0..len).map(|_| (next(), next())).collect();
                if head % 2 == 0 {
                    v[..head.min(len)].sort();
                }
                let mut expected = v.clone();
                expected.sort();
                sort_after_sorted_head(&mut v, head, |&(a, b)| (a as u64) << 32 | b as u64);
                assert_eq!(v, expected, "{len} {head}");
            }
        }
    }

    /// The key table finds a name in any letter case, "’" as "'", exactly as a map of
    /// [`name_key`]s does.
    #[test]
    fn key_table_agrees_with_a_map_of_keys() {
        let names = [
            "Kerry",
            "KERRY",
            "kerry",
            "John Kerry",
            "O’Neil",
            "O'Neil",
            "o'neil",
            "Élodie Roy",
            "ÉLODIE ROY",
            "Ministry of Coastal Affairs",
            "Department of Fisheries and Oceans Canada",
            "Al",
            "Abc",
            "Abcd",
            "Abcdefg",
            "Abcdefgh",
            "Abcdefghi",
            "ŞİRKET",
            "",
        ];
        let mut table = KeyTable::default();
        let mut map = std::collections::HashMap::new();
        for (i, name) in names.iter().enumerate() {
            for probe in names {
                assert_eq!(
                    table.get(probe),
                    map.get(&name_key(probe)).copied(),
                    "{probe:?}"
                );
            }
            if i % 3 != 2 {
                table.insert(name, i);
                map.insert(name_key(name), i);
            }
        }
        for _ in 0..100 {
            let name = format!("Name{}", map.len());
            table.insert(&name, map.len());
            map.insert(name_key(&name), map.len());
        }
        for (key, &v) in &map {
            assert_eq!(table.get(&key.to_uppercase()), Some(v), "{key:?}");
        }
    }

    /// A text of nothing but capitalised words once made the name table scan the rest of the
    /// run from every word (quadratic time: 20,000 words took over a minute here). The run is
    /// now read in pieces of at most `MAX_NAME_TOKENS`. This test pins what such a text yields;
    /// its time is watched by the linearity hunt (`examples/linearity.rs`), not asserted.
    #[test]
    fn long_capitalised_runs_are_read_in_bounded_pieces() {
        let text = "The Harbour Board said \"no\". ".to_string() + &"Capital ".repeat(20_000);
        let doc = crate::parse(&text);
        for s in &doc.speakers {
            assert!(
                s.name.split(' ').count() <= super::MAX_NAME_TOKENS,
                "{} words in a speaker name",
                s.name.split(' ').count()
            );
        }
        assert!(doc
            .speakers
            .iter()
            .any(|s| s.name.contains("Harbour Board")));
    }

    /// The people the article quotes are among its people, with every name mention: a
    /// quoted person the recogniser missed is added, a lone surname-title ("King") joins the
    /// full name, and pronouns and unnamed speakers stay out.
    #[test]
    fn quoted_people_join_the_entities() {
        let text =
            "Board member Will Ostrander spoke first. \"The roof leaks,\" Ostrander said.\n\n\
                    The novelist Marguerite King disagreed. \"Keep it open,\" King said. \"It is \
                    time,\" she added.\n\n\
                    \"Nothing was decided,\" the palace said.\n\n\
                    \"We will appeal,\" Tinder said.";
        let doc = crate::parse(text);
        let person = |name: &str| {
            doc.entities
                .iter()
                .find(|e| e.kind == EntityKind::Person && e.name == name)
                .map(|e| e.mentions.iter().map(|&m| &text[m]).collect::<Vec<_>>())
        };
        assert_eq!(
            person("Will Ostrander"),
            Some(vec!["Will Ostrander", "Ostrander"])
        );
        assert_eq!(
            person("Marguerite King"),
            Some(vec!["Marguerite King", "King"])
        );
        // The role the article gives where she speaks is her entity's role too.
        let role = |name: &str| {
            doc.entities
                .iter()
                .find(|e| e.name == name)
                .and_then(|e| e.role.clone())
        };
        assert_eq!(role("Marguerite King").as_deref(), Some("novelist"));
        assert_eq!(role("Will Ostrander").as_deref(), Some("Board member"));
        // A single unknown name before "said" may be a company's: no person is made of it.
        assert_eq!(person("Tinder"), None);
        assert!(doc.entities.iter().all(|e| e
            .mentions
            .iter()
            .all(|&m| !matches!(&text[m], "she" | "the palace"))));
        assert!(crate::check_invariants(&doc).is_ok());
        // Every entity's id is its place in the list.
        for (k, e) in doc.entities.iter().enumerate() {
            assert_eq!(e.id.0 as usize, k);
        }
    }

    /// A person's surname that is also a title is theirs where it stands alone, and a title
    /// where an article or a name stands next to it.
    #[test]
    fn a_surname_that_is_a_title_links_where_it_stands_alone() {
        let text = "The novelist Stephen King published a new book on Tuesday.\n\n\
                    King wrote it in a year. King's readers queued for hours.\n\n\
                    The King of Sweden sent his regards, and King Charles did not. A King Street \
                    shop sold out.";
        let doc = crate::parse(text);
        let king = doc
            .entities
            .iter()
            .find(|e| e.name == "Stephen King")
            .expect("Stephen King is a person");
        let at: Vec<(&str, usize)> = king
            .mentions
            .iter()
            .map(|&m| (&text[m], m.start as usize))
            .collect();
        let wrote = text.find("King wrote").unwrap();
        let readers = text.find("King's readers").unwrap();
        assert_eq!(
            at,
            [
                ("Stephen King", text.find("Stephen King").unwrap()),
                ("King", wrote),
                ("King", readers)
            ]
        );
        assert!(crate::check_invariants(&doc).is_ok());
        // Two people named King: a lone "King" could be either, and stays unlinked.
        let two = "Stephen King and Coretta Scott King spoke. King wrote a letter.";
        let doc = crate::parse(two);
        let lone = two.find("King wrote").unwrap();
        assert!(doc
            .entities
            .iter()
            .all(|e| e.mentions.iter().all(|m| m.start as usize != lone)));
    }
}
