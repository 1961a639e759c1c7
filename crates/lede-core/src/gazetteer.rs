//! Word lists for recognising names: places (GeoNames), first names (US Social Security
//! records), and small hand-written lists of titles, organisation words, demonyms and aliases.
//!
//! The generated lists are sorted text embedded with `include_str!` and loaded into hash sets
//! on first use. Keys are lower case and accent-folded (see [`fold_key`]).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

const COUNTRIES: &str = include_str!("../data/countries.txt");
const PLACES: &str = include_str!("../data/places.txt");
const FIRST_NAMES: &str = include_str!("../data/first_names.txt");

/// A small, fast hasher for short keys: eight bytes at a time, each piece folded in by a
/// rotate, an exclusive or and a multiplication (the scheme of rustc's FxHasher). No map or
/// set of this crate lets its iteration order reach the output.
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

impl Fx {
    const SEED: u64 = 0xf135_7aea_2e62_a9c5;

    #[inline]
    fn add(&mut self, piece: u64) {
        self.0 = (self.0.rotate_left(5) ^ piece).wrapping_mul(Fx::SEED);
    }
}

impl Hasher for Fx {
    /// The multiplication leaves the best-mixed bits at the top; hash tables pick buckets by
    /// the low bits, so the top bits are rotated down.
    #[inline]
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        while let Some((piece, tail)) = rest.split_first_chunk::<8>() {
            self.add(u64::from_le_bytes(*piece));
            rest = tail;
        }
        if let Some((piece, tail)) = rest.split_first_chunk::<4>() {
            self.add(u64::from(u32::from_le_bytes(*piece)));
            rest = tail;
        }
        if let Some((piece, tail)) = rest.split_first_chunk::<2>() {
            self.add(u64::from(u16::from_le_bytes(*piece)));
            rest = tail;
        }
        if let Some(&b) = rest.first() {
            self.add(u64::from(b));
        }
    }
    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    /// Integers (token indices) mixed in one step.
    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<Fx>>;

/// A first-pass filter of a set of words: one of 16,384 bits per word, picked by a hash of its
/// length and its first, middle and last bytes. A word whose bit is clear is not in the set;
/// a set bit means the set must be asked. Checking it costs a few instructions, far less than
/// hashing the word.
#[derive(Clone)]
pub struct WordFilter([u64; 256]);

impl Default for WordFilter {
    fn default() -> WordFilter {
        WordFilter([0; 256])
    }
}

impl WordFilter {
    /// The row and bit of a word, none for the empty word.
    #[inline]
    pub fn slot(b: &[u8]) -> Option<(usize, u64)> {
        let (&first, &last) = (b.first()?, b.last()?);
        Some(WordFilter::slot_of(WordFilter::hash(
            first,
            b[b.len() / 2],
            last,
            b.len(),
        )))
    }

    /// The 14-bit hash that picks a word's slot, from its first, middle (at half its length,
    /// rounded down) and last bytes and its length.
    #[inline]
    pub const fn hash(first: u8, middle: u8, last: u8, len: usize) -> u16 {
        let x = first as u32 | (last as u32) << 8 | (middle as u32) << 16 | (len as u32) << 24;
        // The top 14 bits of a multiplicative hash.
        (x.wrapping_mul(0x9e37_79b1) >> 18) as u16
    }

    /// The row and bit of a [`WordFilter::hash`].
    #[inline]
    pub fn slot_of(h: u16) -> (usize, u64) {
        // A hash has 14 bits: the mask only spares the row's bounds check.
        (usize::from(h >> 6) & 255, 1u64 << (h & 63))
    }

    /// Set the bit of a slot.
    #[inline]
    pub fn set(&mut self, (row, bit): (usize, u64)) {
        self.0[row] |= bit;
    }

    pub fn insert(&mut self, w: &str) {
        if let Some((row, bit)) = WordFilter::slot(w.as_bytes()) {
            self.0[row] |= bit;
        }
    }

    /// False when `w` is certainly not in the set.
    #[inline]
    pub fn may_contain(&self, w: &str) -> bool {
        self.may_contain_bytes(w.as_bytes())
    }

    /// Whether the bit of a slot is set.
    #[inline]
    pub fn has(&self, row: usize, bit: u64) -> bool {
        self.0[row] & bit != 0
    }

    /// [`WordFilter::may_contain`] of a word's bytes.
    #[inline]
    pub fn may_contain_bytes(&self, w: &[u8]) -> bool {
        WordFilter::slot(w).is_none_or(|(row, bit)| self.0[row] & bit != 0)
    }

    /// [`WordFilter::of`] a fixed list, usable in a constant or a static.
    pub const fn of_words(words: &[&str]) -> WordFilter {
        let mut rows = [0u64; 256];
        let mut k = 0;
        while k < words.len() {
            let b = words[k].as_bytes();
            if !b.is_empty() {
                let h = WordFilter::hash(b[0], b[b.len() / 2], b[b.len() - 1], b.len());
                rows[(h >> 6) as usize] |= 1u64 << (h & 63);
            }
            k += 1;
        }
        WordFilter(rows)
    }

    pub fn of<'a>(words: impl IntoIterator<Item = &'a str>) -> WordFilter {
        let mut f = WordFilter::default();
        for w in words {
            f.insert(w);
        }
        f
    }
}

/// Filters of the lists' keys, checked before the hash look-ups of [`Lists`]' methods.
struct Filters {
    places: WordFilter,
    aliases: WordFilter,
    demonyms: WordFilter,
    first_names: WordFilter,
    titles: WordFilter,
    org_words: WordFilter,
    common: WordFilter,
    orgs: WordFilter,
    /// Of the places, aliases and organisations together.
    names: WordFilter,
}

/// What a place name denotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    Country,
    /// Cities, states, provinces, regions.
    Place,
}

/// A map keyed by slices of the lists' text, looked up by any string (`&str` or `&String`).
pub struct KeyMap<V>(FastMap<&'static str, V>);

impl<V> KeyMap<V> {
    pub fn get(&self, key: &(impl AsRef<str> + ?Sized)) -> Option<&V> {
        self.0.get(key.as_ref())
    }
    pub fn contains_key(&self, key: &(impl AsRef<str> + ?Sized)) -> bool {
        self.0.contains_key(key.as_ref())
    }
    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.keys().copied()
    }
}

/// A set of slices of the lists' text, looked up by any string (`&str` or `&String`).
pub struct KeySet(FastSet<&'static str>);

impl KeySet {
    pub fn contains(&self, key: &(impl AsRef<str> + ?Sized)) -> bool {
        self.0.contains(key.as_ref())
    }
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().copied()
    }
}

impl<'a> IntoIterator for &'a KeySet {
    type Item = &'static str;
    type IntoIter = std::iter::Copied<std::collections::hash_set::Iter<'a, &'static str>>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().copied()
    }
}

pub struct Lists {
    /// Folded lower-case name -> kind.
    pub places: KeyMap<PlaceKind>,
    /// Folded lower-case alias -> canonical name ("u.s." -> "United States").
    pub aliases: FastMap<&'static str, &'static str>,
    /// Lower-case demonym -> country or region ("russian" -> "Russia").
    pub demonyms: FastMap<&'static str, &'static str>,
    /// Lower-case first names.
    pub first_names: KeySet,
    /// Single-word titles, lower case, without a final period.
    pub titles: FastSet<&'static str>,
    /// Organisation head words, lower case.
    pub org_words: FastSet<&'static str>,
    /// Common words that are not names when capitalised at the start of a sentence.
    pub common: FastSet<&'static str>,
    /// Well-known organisations and outlets named by one or two words.
    pub orgs: FastSet<&'static str>,
    filters: Filters,
}

/// Look-ups by folded key, a filter first: most words are in no list. The filter is checked
/// inline, the few keys it lets through are looked up out of line.
impl Lists {
    #[inline(always)]
    pub fn place(&self, key: &str) -> Option<PlaceKind> {
        if !self.filters.places.may_contain(key) {
            return None;
        }
        self.place_lookup(key)
    }
    #[inline(never)]
    fn place_lookup(&self, key: &str) -> Option<PlaceKind> {
        self.places.get(key).copied()
    }
    #[inline(always)]
    pub fn is_place(&self, key: &str) -> bool {
        self.place(key).is_some()
    }
    #[inline(always)]
    pub fn alias(&self, key: &str) -> Option<&'static str> {
        if !self.filters.aliases.may_contain(key) {
            return None;
        }
        self.alias_lookup(key)
    }
    #[inline(never)]
    fn alias_lookup(&self, key: &str) -> Option<&'static str> {
        self.aliases.get(key).copied()
    }
    #[inline(always)]
    pub fn demonym(&self, key: &str) -> Option<&'static str> {
        if !self.filters.demonyms.may_contain(key) {
            return None;
        }
        self.demonym_lookup(key)
    }
    #[inline(never)]
    fn demonym_lookup(&self, key: &str) -> Option<&'static str> {
        self.demonyms.get(key).copied()
    }
    #[inline(always)]
    pub fn is_first_name(&self, key: &str) -> bool {
        self.filters.first_names.may_contain(key) && in_set(&self.first_names.0, key)
    }
    #[inline(always)]
    pub fn is_title(&self, key: &str) -> bool {
        self.filters.titles.may_contain(key) && in_set(&self.titles, key)
    }
    #[inline(always)]
    pub fn is_org_word(&self, key: &str) -> bool {
        self.filters.org_words.may_contain(key) && in_set(&self.org_words, key)
    }
    #[inline(always)]
    pub fn is_common(&self, key: &str) -> bool {
        self.filters.common.may_contain(key) && in_set(&self.common, key)
    }
    #[inline(always)]
    pub fn is_org(&self, key: &str) -> bool {
        self.filters.orgs.may_contain(key) && in_set(&self.orgs, key)
    }
    /// False when `key` is no place, alias or organisation: one filter asked for the three.
    pub fn may_name(&self, key: &str) -> bool {
        self.filters.names.may_contain(key)
    }
    /// False when a key whose [`WordFilter::hash`] is `hash` is no title (as
    /// [`Tok::hash`](crate::tokens::Tok::hash) of an ASCII word is its key's).
    pub fn may_be_title(&self, hash: u16) -> bool {
        let (row, bit) = WordFilter::slot_of(hash);
        self.filters.titles.has(row, bit)
    }
    /// [`Lists::may_be_title`] for organisation words.
    pub fn may_be_org_word(&self, hash: u16) -> bool {
        let (row, bit) = WordFilter::slot_of(hash);
        self.filters.org_words.has(row, bit)
    }
}

/// Whether a list's set holds `key`: the look-up behind a filter, out of line.
#[inline(never)]
fn in_set(set: &FastSet<&'static str>, key: &str) -> bool {
    set.contains(key)
}

pub fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(build)
}

/// The lines of a data file, as `str::lines` reads them, found by a plain byte scan (the
/// files have thousands of short lines).
fn data_lines(data: &str) -> impl Iterator<Item = &str> {
    let mut rest = data;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match rest.bytes().position(|b| b == b'\n') {
            Some(n) => {
                let line = &rest[..n];
                rest = &rest[n + 1..];
                Some(line.strip_suffix('\r').unwrap_or(line))
            }
            None => Some(std::mem::take(&mut rest)),
        }
    })
}

/// The number of lines of a data file.
fn line_count(data: &str) -> usize {
    data.bytes().filter(|&b| b == b'\n').count() + 1
}

/// The place, country and first-name lists folded to their keys (see [`fold_key`]) in one
/// string, one entry a line: the tables of [`Lists`] are keyed by slices of it, so loading
/// them allocates no string per entry.
struct FoldedLists {
    text: String,
    /// Where each list ends in `text`, in the order [`FoldedLists::build`] writes them.
    ends: [usize; 5],
}

impl FoldedLists {
    /// The folded places (the data file, then [`EXTRA_PLACES`]).
    const PLACES: usize = 0;
    /// The places written with a period, without it: "St. Louis" is also written "St Louis".
    const PLACES_WITHOUT_PERIODS: usize = 1;
    /// The folded countries (the data file, then [`EXTRA_COUNTRIES`]).
    const COUNTRIES: usize = 2;
    /// The folded canonical names of [`ALIASES`].
    const ALIAS_NAMES: usize = 3;
    /// The first names, in lower case.
    const FIRST_NAMES: usize = 4;

    fn get() -> &'static FoldedLists {
        static FOLDED: OnceLock<FoldedLists> = OnceLock::new();
        FOLDED.get_or_init(FoldedLists::build)
    }

    fn build() -> FoldedLists {
        let mut text = String::with_capacity(
            PLACES.len() + EXTRA_PLACES.len() + COUNTRIES.len() + FIRST_NAMES.len() + 2048,
        );
        // Folding goes character by character and keeps line breaks, so a folded list's
        // lines are its folded lines. Each part ends in a line break, so that the lines of
        // parts written one after the other are the parts' lines.
        let end_line = |text: &mut String| {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
        };
        let mut ends = [0; 5];
        push_folded(&mut text, PLACES);
        end_line(&mut text);
        push_folded(&mut text, EXTRA_PLACES);
        end_line(&mut text);
        ends[FoldedLists::PLACES] = text.len();
        // Few places have a period: they are found by one search of the whole list.
        let mut without_periods = String::new();
        let places = &text[..];
        let mut from = 0;
        while let Some(p) = places[from..].find('.').map(|p| from + p) {
            let start = places[..p].rfind('\n').map_or(0, |n| n + 1);
            let end = places[p..].find('\n').map_or(places.len(), |n| p + n);
            let line = &places[start..end];
            without_periods.extend(line.strip_suffix('\r').unwrap_or(line).split('.'));
            without_periods.push('\n');
            from = end;
        }
        text.push_str(&without_periods);
        ends[FoldedLists::PLACES_WITHOUT_PERIODS] = text.len();
        push_folded(&mut text, COUNTRIES);
        end_line(&mut text);
        for country in EXTRA_COUNTRIES {
            push_folded(&mut text, country);
            text.push('\n');
        }
        ends[FoldedLists::COUNTRIES] = text.len();
        for pair in ALIASES {
            push_folded(&mut text, alias_pair(pair).1);
            text.push('\n');
        }
        ends[FoldedLists::ALIAS_NAMES] = text.len();
        let start = text.len();
        text.push_str(FIRST_NAMES);
        text[start..].make_ascii_lowercase();
        ends[FoldedLists::FIRST_NAMES] = text.len();
        FoldedLists { text, ends }
    }

    /// The lines of list `k`.
    fn lines(&'static self, k: usize) -> impl Iterator<Item = &'static str> {
        let start = k.checked_sub(1).map_or(0, |p| self.ends[p]);
        data_lines(&self.text[start..self.ends[k]])
    }
}

/// The alias and the canonical name of an entry of [`ALIASES`].
fn alias_pair(pair: &'static str) -> (&'static str, &'static str) {
    pair.split_once(':').unwrap_or((pair, pair))
}

/// A set of words and its filter, built together; `capacity` is the number of words, or a
/// little more.
fn word_set(
    words: impl Iterator<Item = &'static str>,
    capacity: usize,
) -> (FastSet<&'static str>, WordFilter) {
    let mut set = FastSet::with_capacity_and_hasher(capacity, Default::default());
    let mut filter = WordFilter::default();
    for w in words {
        filter.insert(w);
        set.insert(w);
    }
    (set, filter)
}

fn build() -> Lists {
    let folded = FoldedLists::get();
    // Sized up front: growing a map re-inserts every key.
    let mut places: FastMap<&'static str, PlaceKind> = FastMap::with_capacity_and_hasher(
        line_count(PLACES)
            + line_count(EXTRA_PLACES)
            + line_count(COUNTRIES)
            + EXTRA_COUNTRIES.len(),
        Default::default(),
    );
    // Each filter is built with its set: a few words removed from a set after keep their bits,
    // which only costs them a look-up.
    let mut place_filter = WordFilter::default();
    for key in folded
        .lines(FoldedLists::PLACES)
        .chain(folded.lines(FoldedLists::PLACES_WITHOUT_PERIODS))
    {
        place_filter.insert(key);
        places.insert(key, PlaceKind::Place);
    }
    for key in folded.lines(FoldedLists::COUNTRIES) {
        place_filter.insert(key);
        places.insert(key, PlaceKind::Country);
    }
    for name in NOT_PLACES {
        places.remove(*name);
    }
    let mut aliases = FastMap::default();
    let mut alias_filter = WordFilter::default();
    for pair in ALIASES {
        let (a, b) = alias_pair(pair);
        alias_filter.insert(a);
        aliases.insert(a, b);
    }
    for key in folded.lines(FoldedLists::ALIAS_NAMES) {
        place_filter.insert(key);
        places.entry(key).or_insert(PlaceKind::Country);
    }
    let mut demonyms = FastMap::default();
    let mut demonym_filter = WordFilter::default();
    for pair in data_lines(DEMONYMS) {
        if let Some((a, b)) = pair.split_once(':') {
            for d in a.split('|') {
                demonym_filter.insert(d);
                demonyms.insert(d, b);
            }
        }
    }
    let (mut first_names, first_name_filter) = word_set(
        folded.lines(FoldedLists::FIRST_NAMES),
        line_count(FIRST_NAMES),
    );
    for name in NOT_FIRST_NAMES {
        first_names.remove(*name);
    }
    let (titles, title_filter) = word_set(data_lines(TITLES), line_count(TITLES));
    let (org_words, org_word_filter) = word_set(data_lines(ORG_WORDS), line_count(ORG_WORDS));
    let common_words = COMMON.bytes().filter(|&b| b == b' ' || b == b'\n').count() + 1;
    let (common, common_filter) = word_set(COMMON.split_ascii_whitespace(), common_words);
    let (orgs, org_filter) = word_set(data_lines(KNOWN_ORGS), line_count(KNOWN_ORGS));
    Lists {
        places: KeyMap(places),
        aliases,
        demonyms,
        first_names: KeySet(first_names),
        titles,
        org_words,
        common,
        orgs,
        filters: Filters {
            demonyms: demonym_filter,
            first_names: first_name_filter,
            titles: title_filter,
            org_words: org_word_filter,
            common: common_filter,
            names: WordFilter(std::array::from_fn(|row| {
                place_filter.0[row] | alias_filter.0[row] | org_filter.0[row]
            })),
            places: place_filter,
            aliases: alias_filter,
            orgs: org_filter,
        },
    }
}

/// Lower-case, accent-folded form of a name, the key of every list.
pub fn fold_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_folded(&mut out, s);
    out
}

/// Append the lower-case, accent-folded form of `s` to `out`.
pub fn push_folded(out: &mut String, s: &str) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in s.chars() {
        match c {
            'à'..='å' | 'À'..='Å' | 'ā' | 'ă' | 'ą' => out.push('a'),
            'ç' | 'Ç' | 'ć' | 'č' | 'Č' | 'Ć' => out.push('c'),
            'è'..='ë' | 'È'..='Ë' | 'ē' | 'ę' | 'ě' => out.push('e'),
            'ì'..='ï' | 'Ì'..='Ï' | 'ī' | 'ı' | 'İ' => out.push('i'),
            'ñ' | 'Ñ' | 'ń' | 'ň' => out.push('n'),
            'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' | 'ō' | 'ő' => out.push('o'),
            'ù'..='ü' | 'Ù'..='Ü' | 'ū' | 'ů' | 'ű' => out.push('u'),
            'ý' | 'ÿ' | 'Ý' => out.push('y'),
            'š' | 'Š' | 'ś' | 'ş' | 'Ş' => out.push('s'),
            'ž' | 'Ž' | 'ź' | 'ż' => out.push('z'),
            'ł' | 'Ł' => out.push('l'),
            'ř' => out.push('r'),
            'ğ' => out.push('g'),
            'ß' => out.push_str("ss"),
            '\u{2019}' | '\u{2018}' => out.push('\''),
            _ => {
                for l in c.to_lowercase() {
                    out.push(l);
                }
            }
        }
    }
}

/// Countries and country-like places missing from the country list under these names.
const EXTRA_COUNTRIES: &[&str] = &[
    "Korea",
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "Palestine",
    "Kosovo",
    "Taiwan",
    "Yugoslavia",
    "Soviet Union",
    "Czechoslovakia",
    "Bosnia",
    "Herzegovina",
    "Ivory Coast",
    "Czech Republic",
    "Vatican",
    "Burma",
    "Zaire",
    "Holland",
    "Macedonia",
    "Tibet",
    "Hong Kong",
    "Macau",
    "Congo",
    "East Timor",
    "Gaza",
    "Gaza Strip",
    "West Bank",
];

/// Regions, provinces and features that news names often.
const EXTRA_PLACES: &str = concat!(
    // Continents and world regions
    "Europe
Asia
Africa
America
Americas
Latin America
South America
North America
Central America
Caribbean
Middle East
Mideast
Near East
Far East
Balkans
Baltics
Scandinavia
Eastern Europe
Western Europe
Central Europe
Southeast Asia
South Asia
Central Asia
East Asia
Sub-Saharan Africa
North Africa
West Africa
East Africa
Southern Africa
Horn of Africa
Sahara
Sahel
Siberia
Caucasus
Arctic
Antarctic
Mediterranean
Atlantic
Pacific
Indian Ocean
Persian Gulf
Gulf
Red Sea
Black Sea
Baltic Sea
North Sea
Caspian Sea
South China Sea
Golan Heights
Sinai
Kashmir
Kurdistan
Chechnya
Dagestan
Crimea
Donbas
Punjab
Bengal
Tamil Nadu
Kerala
Gujarat
Maharashtra
Rajasthan
Bihar
Uttar Pradesh
Karnataka
Assam
Xinjiang
Guangdong
Sichuan
Yunnan
Hubei
Fujian
Zhejiang
Jiangsu
Shandong
Hunan
Henan
Hebei
Manchuria
Midwest
New England
Silicon Valley
Wall Street
Appalachia
Patagonia
Amazon
Andes
Alps
Himalayas
Rhine
Danube
Nile
Mississippi
Yangtze
Euphrates
Tigris
Jordan River
",
    // Canada, Australia
    "Ontario
Quebec
British Columbia
Alberta
Manitoba
Saskatchewan
Nova Scotia
New Brunswick
Newfoundland
Labrador
Prince Edward Island
Yukon
Nunavut
Northwest Territories
New South Wales
Victoria
Queensland
Tasmania
Western Australia
South Australia
Northern Territory
",
    // Britain and Ireland
    "Yorkshire
Lancashire
Kent
Surrey
Essex
Sussex
Somerset
Devon
Cornwall
Dorset
Hampshire
Wiltshire
Gloucestershire
Oxfordshire
Berkshire
Buckinghamshire
Hertfordshire
Bedfordshire
Cambridgeshire
Norfolk
Suffolk
Lincolnshire
Nottinghamshire
Derbyshire
Leicestershire
Northamptonshire
Warwickshire
Worcestershire
Staffordshire
Shropshire
Cheshire
Cumbria
Northumberland
Durham
Herefordshire
Middlesex
Glamorgan
Merseyside
Ulster
Munster
Leinster
Connacht
Highlands
",
    // Europe
    "Bavaria
Saxony
Hesse
Brandenburg
Thuringia
Lower Saxony
North Rhine-Westphalia
Baden-Wuerttemberg
Catalonia
Andalusia
Basque Country
Galicia
Castile
Lombardy
Tuscany
Sicily
Sardinia
Piedmont
Calabria
Brittany
Normandy
Provence
Corsica
Alsace
Flanders
Wallonia
Transylvania
Bohemia
Moravia
Silesia
Anatolia
Kurdistan
Lapland
Riviera
",
);

/// List entries that are far more often something else in running text.
const NOT_PLACES: &[&str] = &[
    "of",
    "union",
    "mobile",
    "independence",
    "victoria",
    "university",
    "police",
    "government",
    "eagle",
    "mercedes",
    "opportunity",
    "temple",
    "college",
    "faith",
    "fort",
    "paradise",
    "president",
    "general",
    "san",
    "santa",
    "most",
    "city",
    "manchester united",
];

/// Frequent first names that are mostly ordinary words.
const NOT_FIRST_NAMES: &[&str] = &[
    "will", "may", "june", "april", "august", "rose", "grace", "hope", "joy", "faith", "mark",
    "bill", "art", "major", "king", "queen", "long", "young", "rich", "case", "love", "summer",
    "autumn", "winter", "dawn", "sunny", "page", "chase", "ford", "general", "china", "india",
    "asia", "paris", "london", "austin", "dallas", "houston", "jordan", "israel", "georgia",
    "virginia", "carolina", "florence", "sydney", "sierra", "egypt",
];

/// Alternative names of places: "alias:canonical", alias lower-case.
const ALIASES: &[&str] = &[
    "u.s.:United States",
    "s. korea:South Korea",
    "n. korea:North Korea",
    "us:United States",
    "u.s.a.:United States",
    "usa:United States",
    "america:United States",
    "united states of america:United States",
    "the united states:United States",
    "uk:United Kingdom",
    "u.k.:United Kingdom",
    "britain:United Kingdom",
    "great britain:United Kingdom",
    "russian federation:Russia",
    "ussr:Soviet Union",
    "u.s.s.r.:Soviet Union",
    "uae:United Arab Emirates",
    "u.a.e.:United Arab Emirates",
    "holland:Netherlands",
    "the netherlands:Netherlands",
    "burma:Myanmar",
    "prc:China",
    "dprk:North Korea",
    "drc:Democratic Republic of the Congo",
    "czechia:Czech Republic",
    "cote d'ivoire:Ivory Coast",
];

/// Adjectives of nationality or region: "demonym|demonym:Place".
const DEMONYMS: &str = "\
american|americans:United States
british|briton|britons:United Kingdom
english:England
scottish|scot|scots:Scotland
welsh:Wales
irish:Ireland
french:France
german|germans:Germany
italian|italians:Italy
spanish|spaniard|spaniards:Spain
portuguese:Portugal
dutch:Netherlands
belgian|belgians:Belgium
swiss:Switzerland
austrian|austrians:Austria
swedish|swede|swedes:Sweden
norwegian|norwegians:Norway
danish|dane|danes:Denmark
finnish|finn|finns:Finland
icelandic:Iceland
polish|pole|poles:Poland
czech|czechs:Czech Republic
slovak|slovaks:Slovakia
hungarian|hungarians:Hungary
romanian|romanians:Romania
bulgarian|bulgarians:Bulgaria
greek|greeks:Greece
turkish|turk|turks:Turkey
cypriot|cypriots:Cyprus
serbian|serb|serbs:Serbia
croatian|croat|croats:Croatia
bosnian|bosnians:Bosnia
slovenian|slovene|slovenes:Slovenia
albanian|albanians:Albania
macedonian:Macedonia
ukrainian|ukrainians:Ukraine
russian|russians:Russia
belarusian:Belarus
lithuanian|lithuanians:Lithuania
latvian|latvians:Latvia
estonian|estonians:Estonia
georgian:Georgia
armenian|armenians:Armenia
azerbaijani|azeri:Azerbaijan
kazakh:Kazakhstan
uzbek:Uzbekistan
chechen|chechens:Chechnya
syrian|syrians:Syria
iraqi|iraqis:Iraq
iranian|iranians:Iran
israeli|israelis:Israel
palestinian|palestinians:Palestine
lebanese:Lebanon
jordanian|jordanians:Jordan
egyptian|egyptians:Egypt
saudi|saudis:Saudi Arabia
yemeni|yemenis:Yemen
kuwaiti:Kuwait
qatari:Qatar
emirati:United Arab Emirates
omani:Oman
bahraini:Bahrain
afghan|afghans:Afghanistan
pakistani|pakistanis:Pakistan
indian|indians:India
bangladeshi:Bangladesh
sri lankan:Sri Lanka
nepalese|nepali:Nepal
chinese:China
japanese:Japan
korean|koreans:Korea
north korean:North Korea
south korean:South Korea
taiwanese:Taiwan
vietnamese:Vietnam
thai:Thailand
cambodian:Cambodia
burmese:Myanmar
malaysian:Malaysia
indonesian|indonesians:Indonesia
filipino|filipinos:Philippines
singaporean:Singapore
australian|australians:Australia
new zealander:New Zealand
canadian|canadians:Canada
mexican|mexicans:Mexico
cuban|cubans:Cuba
brazilian|brazilians:Brazil
argentine|argentinian|argentines:Argentina
chilean|chileans:Chile
peruvian:Peru
colombian|colombians:Colombia
venezuelan|venezuelans:Venezuela
bolivian:Bolivia
ecuadorian:Ecuador
uruguayan:Uruguay
paraguayan:Paraguay
haitian|haitians:Haiti
jamaican:Jamaica
nigerian|nigerians:Nigeria
kenyan|kenyans:Kenya
ethiopian|ethiopians:Ethiopia
somali|somalis:Somalia
sudanese:Sudan
libyan|libyans:Libya
tunisian:Tunisia
algerian|algerians:Algeria
moroccan:Morocco
ghanaian:Ghana
rwandan:Rwanda
ugandan:Uganda
tanzanian:Tanzania
zimbabwean:Zimbabwe
zambian:Zambia
angolan:Angola
congolese:Congo
senegalese:Senegal
south african|south africans:South Africa
european|europeans:Europe
african|africans:Africa
asian|asians:Asia
arab|arabs|arabic:Middle East
kurdish|kurd|kurds:Kurdistan
latin american:Latin America
soviet:Soviet Union
yugoslav:Yugoslavia
west indian|west indies:Caribbean
texan:Texas
californian:California
";

/// Titles and honorifics that precede a person's name (lower case, no final period).
const TITLES: &str = "\
councilor
councillor
councilman
councilwoman
alderman
trustee
counterpart
economist
historian
lawyer
scientist
researcher
professor
president
vice
prime
minister
secretary
chancellor
premier
king
queen
prince
princess
pope
sheikh
emir
sultan
ayatollah
rabbi
cardinal
archbishop
bishop
rev
reverend
father
sister
gov
governor
sen
senator
rep
representative
congressman
congresswoman
mayor
judge
justice
ambassador
envoy
general
gen
lt
col
colonel
maj
major
capt
captain
cmdr
commander
adm
admiral
sgt
sergeant
officer
dr
doctor
prof
professor
mr
mrs
ms
miss
sir
dame
lord
lady
chairman
chairwoman
chair
chief
director
spokesman
spokeswoman
spokesperson
coach
manager
leader
correspondent
reporter
editor
foreign
defense
defence
interior
finance
justice
health
deputy
acting
former
state
attorney
executive
ceo
press
opposition
information
trade
economy
agriculture
energy
education
labor
labour
culture
transport
president-elect
dictator
rebel
commissioner
inspector
superintendent
detective
constable
sheriff
treasurer
counsel
adviser
advisor
economist
analyst
striker
midfielder
defender
goalkeeper
skipper
batsman
bowler
champion
world
national
security
senior
chief
";

/// Words that make a capitalised run an organisation (lower case, no final period).
const ORG_WORDS: &str = "\
ministry
department
observatory
university
party
army
news
journal
inc
corp
corporation
co
ltd
plc
llc
ag
gmbh
sa
nv
bv
group
holdings
bank
council
commission
committee
agency
association
institute
institution
union
federation
league
club
fc
company
airlines
airways
times
post
press
herald
tribune
gazette
telegraph
guardian
daily
magazine
review
television
tv
radio
network
broadcasting
channel
court
parliament
congress
senate
assembly
police
navy
force
forces
service
services
organization
organisation
foundation
fund
exchange
board
authority
office
church
hospital
school
college
academy
center
centre
industries
systems
technologies
technology
motors
brothers
partners
society
movement
front
alliance
coalition
brigade
brigades
guard
guards
cabinet
government
administration
bureau
trust
capital
securities
investments
energy
oil
petroleum
airline
railways
telecom
communications
media
pharmaceuticals
labs
laboratories
stores
entertainment
studios
records
united
rovers
wanderers
athletic
athletico
city
county
hotspur
albion
rangers
celtic
kremlin
pentagon
commons
lords
reserve
treasury
house
nations
taliban
hezbollah
hamas
isis
nato
militia
cartel
conference
mission
programme
program
institute
watch
initiative
council
";

/// Well-known organisations, outlets and acronyms (lower case).
const KNOWN_ORGS: &str = "\
united nations
european union
world bank
world health organization
international monetary fund
security council
european commission
european parliament
african union
arab league
red cross
supreme court
un
u.n.
nato
eu
e.u.
opec
imf
who
unesco
unicef
fifa
uefa
ioc
nasa
fbi
cia
nsa
kgb
fsb
isis
isil
hamas
hezbollah
taliban
al-qaeda
al-qaida
al-nusra
wto
oecd
asean
ap
reuters
afp
bbc
cnn
abc
nbc
cbs
fox
npr
pbs
sputnik
interfax
tass
itar-tass
xinhua
bloomberg
ria
kremlin
pentagon
google
apple
microsoft
amazon.com
facebook
twitter
ibm
intel
boeing
airbus
toyota
volkswagen
siemens
nestle
gazprom
exxon
chevron
shell
bp
unilever
samsung
sony
nokia
ericsson
citigroup
barclays
hsbc
goldman sachs
morgan stanley
jp morgan
ford
fiat
general motors
gm
nasdaq
congress
parliament
interpol
europol
greenpeace
amnesty international
red cross
red crescent
white house
downing street
wall street journal
new york times
washington post
financial times
associated press
al jazeera
al-jazeera
the economist
human rights watch
labour
labor
tories
democrats
republicans
bundesbank
bundestag
duma
knesset
politburo
plo
ira
eta
anc
pkk
farc
hamas
fatah
sec
ftc
epa
fda
irs
nhs
ecb
fed
opec
gatt
olympics
";

/// Common English words: a capitalised one at the start of a sentence is not a name.
const COMMON: &str = "a an the this that these those there here his her its their our your my
he she it they we you i me him them us who whom whose which what when where why how
and or but nor so yet if then than because although though while whereas as after before
since until unless once whether also only even just still already again instead meanwhile
however therefore thus moreover furthermore nevertheless besides otherwise indeed perhaps
maybe some any no none all both each every either neither many much more most few several
other another such same own one two three four five six seven eight nine ten first second
third last next new old good great big small large high low long short early late few
in on at by for from with without within into onto upon about above below over under
between among through during against toward towards across along around behind beyond
near off out up down of to via per like unlike despite except amid
is are was were be been being have has had do does did will would shall should may might
can could must not never always often sometimes usually ever
said says say told asked added noted according officials police authorities people
yes no please thanks thank well oh today yesterday tomorrow tonight now then later
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday
mon tue tues wed thu thurs fri sat sun
watch photo video play read more related share click see listen update updated editor
advertisement story credit photograph image caption note copyright
it's that's there's here's he's she's we're they're i'm don't can't won't
let let's according asked despite following given including regarding
total overall results result standings table scores score division group round week
international federal central government
north south east west northern southern eastern western
mr mrs ms dr gmt est edt bst cet rbi era pm am";

#[cfg(test)]
mod tests {
    use super::*;

    /// The filter built at compile time has the bits of the one built at run time.
    #[test]
    fn constant_filters_match_built_ones() {
        let words = ["beat", "half-time", "x", "", "caf\u{e9}", "innings"];
        assert_eq!(
            WordFilter::of_words(&words).0,
            WordFilter::of(words.iter().copied()).0
        );
        assert!(WordFilter::of_words(&words).may_contain("innings"));
    }

    #[test]
    fn lists_load_and_fold() {
        let l = lists();
        assert_eq!(l.places.get("paris"), Some(&PlaceKind::Place));
        assert_eq!(l.places.get("syria"), Some(&PlaceKind::Country));
        assert_eq!(l.places.get(&fold_key("Zürich")), Some(&PlaceKind::Place));
        assert_eq!(l.aliases.get("u.s."), Some(&"United States"));
        assert_eq!(l.demonyms.get("russian"), Some(&"Russia"));
        assert!(l.first_names.contains("barack") || l.first_names.contains("john"));
        assert!(!l.first_names.contains("will"));
        // The filtered look-ups agree with the sets.
        assert_eq!(l.place("syria"), Some(PlaceKind::Country));
        assert_eq!(l.alias("u.s."), Some("United States"));
        assert!(l.is_title("minister") && l.is_org_word("ministry") && l.is_common("the"));
        assert!(!l.is_title("ministry") && !l.is_place("zzyzx-not-a-place") && !l.is_org(""));
        for k in l.places.keys() {
            assert!(l.is_place(k), "{k}");
        }
        for k in &l.first_names {
            assert!(l.is_first_name(k), "{k}");
        }
        for data in ["", "a", "a\n", "a\r\n\nb\r", "\n\nc"] {
            let lines: Vec<&str> = data_lines(data).collect();
            assert_eq!(lines, data.lines().collect::<Vec<_>>(), "{data:?}");
        }
    }
}
