//! Figures in running text: numbers in digits or words, percentages, money, ranges,
//! approximations, each with its unit and, where the sentence says, what it counts.

use crate::facts::{fact_word, lower_small, Approx, FactWord, FactWords, FigureKind, Lower};
use crate::tokens::{Tok, TokKind, CAP, LOWER, SENT_START};

/// One figure found in tokens `a..b`.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub a: usize,
    pub b: usize,
    pub value: f64,
    pub value_high: Option<f64>,
    pub kind: FigureKind,
    pub unit: Option<String>,
    pub counts: Option<String>,
    pub approx: Option<Approx>,
}

/// Value of a number word below a hundred ("seven", "twenty-five"), lower case.
pub fn small_word(w: &str) -> Option<f64> {
    match fact_word(w.as_bytes()) {
        FactWord::Cardinal(n) => Some(f64::from(n)),
        _ => None,
    }
}

fn scale_word(w: &str) -> Option<f64> {
    scale_word_bytes(w.as_bytes())
}

fn scale_word_bytes(w: &[u8]) -> Option<f64> {
    Some(match w {
        b"hundred" => 1e2,
        b"thousand" => 1e3,
        b"million" | b"mln" | b"millions" => 1e6,
        b"billion" | b"bln" | b"bn" | b"billions" => 1e9,
        b"trillion" | b"trillions" => 1e12,
        _ => return None,
    })
}

/// Value of an ordinal word ("second" -> 2), lower case.
pub fn ordinal_word(w: &str) -> Option<f64> {
    match fact_word(w.as_bytes()) {
        FactWord::Ordinal(n) => Some(f64::from(n)),
        _ => None,
    }
}

/// Parse number words from a lower-case word sequence: "two hundred thirty-five thousand",
/// "one and a half million", "a million". Returns the value and the number of words used.
pub fn parse_words(words: &[&str]) -> Option<(f64, usize)> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut used = 0;
    let mut any = false;
    while used < words.len() {
        let w = words[used];
        if let Some(v) = small_word(w) {
            if any && current > 0.0 && current % 100.0 != 0.0 {
                break;
            }
            current += v;
            any = true;
            used += 1;
        } else if (w == "a" || w == "an")
            && !any
            && words.get(used + 1).and_then(|n| scale_word(n)).is_some()
        {
            current = 1.0;
            any = true;
            used += 1;
        } else if let Some(s) = scale_word(w).filter(|_| any) {
            if s == 100.0 {
                current *= s;
            } else {
                total += current.max(1.0) * s;
                current = 0.0;
            }
            used += 1;
        } else if w == "and"
            && any
            && words.get(used + 1) == Some(&"a")
            && words.get(used + 2) == Some(&"half")
        {
            current += 0.5;
            used += 3;
        } else if w == "and"
            && any
            && words.get(used + 1).and_then(|n| small_word(n)).is_some()
            && current >= 100.0
        {
            used += 1;
        } else {
            break;
        }
    }
    if !any {
        return None;
    }
    // "one and a half million": the half belongs to the scale that follows.
    Some((total + current, used))
}

/// The value of digits with an optional decimal point, commas skipped. A small hand parser:
/// the general float parser costs more code than the rest of this module.
fn decimal(s: &str) -> Option<f64> {
    let mut int: f64 = 0.0;
    let mut frac: f64 = 0.0;
    let mut scale: f64 = 1.0;
    let mut seen_point = false;
    let mut any = false;
    for b in s.bytes() {
        match b {
            b'0'..=b'9' => {
                any = true;
                let d = f64::from(b - b'0');
                if seen_point {
                    scale *= 10.0;
                    frac = frac * 10.0 + d;
                } else {
                    int = int * 10.0 + d;
                }
            }
            b'.' if !seen_point => seen_point = true,
            b',' if !seen_point => {}
            _ => return None,
        }
    }
    any.then_some(int + frac / scale)
}

/// Value of a number in digits: "1,200", "3.5", "3m", "2.3bn", "$5". Returns the value and a
/// unit suffix when glued ("bn", "m", "st").
fn parse_digits(w: &str) -> Option<(f64, &str)> {
    let end = w
        .bytes()
        .position(|b| !(b.is_ascii_digit() || b == b',' || b == b'.'))
        .unwrap_or(w.len());
    let (num, suffix) = w.split_at(end);
    if num.is_empty() || num.ends_with('.') || num.ends_with(',') {
        return None;
    }
    // Thousands separators: groups of three after the first comma.
    let mut parts = num.as_bytes().split(|&b| b == b',');
    parts.next()?;
    for p in parts {
        let digits = p.split(|&b| b == b'.').next().unwrap_or_default();
        if digits.len() != 3 {
            return None;
        }
    }
    let v = decimal(num)?;
    Some((v, suffix))
}

/// The hedge a lower-case word puts on the number after it.
fn approx_word(lower: &[u8]) -> Option<Approx> {
    Some(match lower {
        b"about" | b"around" | b"some" | b"roughly" | b"approximately" | b"estimated" => {
            Approx::About
        }
        b"nearly" | b"almost" | b"under" => Approx::AtMost,
        b"over" | b"exceeding" => Approx::AtLeast,
        _ => return None,
    })
}

fn is_rise_verb(w: &str) -> bool {
    matches!(
        w.as_bytes(),
        b"rose"
            | b"risen"
            | b"rises"
            | b"rise"
            | b"fell"
            | b"fallen"
            | b"falls"
            | b"reached"
            | b"reaches"
            | b"stood"
            | b"stands"
            | b"climbed"
            | b"climbs"
            | b"jumped"
            | b"jumps"
            | b"dropped"
            | b"drops"
            | b"increased"
            | b"decreased"
            | b"declined"
            | b"grew"
            | b"hit"
            | b"hits"
            | b"totaled"
            | b"totalled"
            | b"totals"
            | b"was"
            | b"is"
            | b"were"
            | b"are"
            | b"soared"
            | b"surged"
            | b"plunged"
            | b"doubled"
            | b"topped"
            | b"exceeded"
    )
}

/// The currency code of a lower-case currency word.
fn currency_code(lower: &[u8]) -> Option<&'static str> {
    Some(match lower {
        b"dollars" | b"dollar" | b"usd" => "USD",
        b"euros" | b"euro" | b"eur" => "EUR",
        b"pounds" | b"sterling" | b"gbp" => "GBP",
        b"yen" => "JPY",
        b"yuan" => "CNY",
        b"rupees" => "INR",
        b"roubles" | b"rubles" => "RUB",
        b"francs" => "CHF",
        _ => return None,
    })
}

fn is_measure(lower: &[u8]) -> bool {
    matches!(
        lower,
        b"km"
            | b"ft"
            | b"lb"
            | b"lbs"
            | b"kilometers"
            | b"kilometres"
            | b"miles"
            | b"meters"
            | b"metres"
            | b"feet"
            | b"foot"
            | b"inches"
            | b"tons"
            | b"tonnes"
            | b"kg"
            | b"kilograms"
            | b"grams"
            | b"acres"
            | b"hectares"
            | b"barrels"
            | b"degrees"
            | b"mph"
            | b"km/h"
            | b"liters"
            | b"litres"
            | b"gallons"
            | b"square"
            | b"cm"
            | b"mm"
            | b"kilometer"
            | b"kilometre"
            | b"mile"
            | b"meter"
            | b"metre"
    )
}

/// Words that never name what a number counts.
fn not_counted(w: &str) -> bool {
    matches!(
        w.as_bytes(),
        b"of"
            | b"the"
            | b"a"
            | b"an"
            | b"and"
            | b"or"
            | b"to"
            | b"in"
            | b"on"
            | b"at"
            | b"by"
            | b"for"
            | b"from"
            | b"with"
            | b"that"
            | b"which"
            | b"who"
            | b"were"
            | b"was"
            | b"are"
            | b"is"
            | b"be"
            | b"been"
            | b"have"
            | b"has"
            | b"had"
            | b"it"
            | b"its"
            | b"he"
            | b"she"
            | b"they"
            | b"we"
            | b"you"
            | b"him"
            | b"them"
            | b"us"
            | b"me"
            | b"across"
            | b"behind"
            | b"between"
            | b"within"
            | b"without"
            | b"toward"
            | b"towards"
            | b"near"
            | b"beyond"
            | b"despite"
            | b"via"
            | b"amid"
            | b"their"
            | b"his"
            | b"her"
            | b"this"
            | b"these"
            | b"those"
            | b"more"
            | b"less"
            | b"than"
            | b"as"
            | b"per"
            | b"after"
            | b"before"
            | b"since"
            | b"until"
            | b"following"
            | b"over"
            | b"under"
            | b"into"
            | b"about"
            | b"around"
            | b"each"
            | b"other"
            | b"all"
            | b"not"
            | b"but"
            | b"so"
            | b"if"
            | b"when"
            | b"while"
            | b"said"
            | b"says"
            | b"will"
            | b"would"
            | b"could"
            | b"can"
            | b"may"
            | b"also"
            | b"just"
            | b"only"
            | b"among"
            | b"including"
            | b"through"
            | b"during"
            | b"against"
            | b"up"
            | b"down"
            | b"out"
            | b"off"
            | b"then"
            | b"there"
            | b"here"
            | b"such"
            | b"last"
            | b"first"
            | b"next"
            | b"past"
            | b"hundred"
            | b"thousand"
            | b"million"
            | b"billion"
            | b"percent"
            | b"cent"
    )
}

/// Words that precede an ordinal or a cardinal in a name or an idiom, not a figure.
fn is_skip_before(lower: &[u8]) -> bool {
    matches!(lower, b"no" | b"number" | b"nos")
}

struct Scan<'a> {
    text: &'a str,
    toks: &'a [Tok],
    words: &'a FactWords,
}

impl Scan<'_> {
    fn w(&self, i: usize) -> &str {
        self.toks.get(i).map(|t| t.text(self.text)).unwrap_or("")
    }
    fn is_lower_word(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Word && t.is(LOWER))
    }
    fn lw(&self, i: usize) -> Lower<'_> {
        Lower::of_tok(self.text, self.toks, i)
    }
    fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.get(i).map(|t| t.kind)
    }
}

/// Find the figures in `toks`, skipping the token ranges in `skip` (dates), sorted.
pub fn find(text: &str, toks: &[Tok], skip: &[(usize, usize)]) -> Vec<Found> {
    let mut out = Vec::new();
    find_with(text, toks, &FactWords::read(text, toks), skip, &mut out);
    out
}

/// [`find`] with the tokens' [`FactWords`] read already, into `out` (cleared first).
pub(crate) fn find_with(
    text: &str,
    toks: &[Tok],
    words: &FactWords,
    skip: &[(usize, usize)],
    out: &mut Vec<Found>,
) {
    out.clear();
    let s = Scan { text, toks, words };
    // The first token not read yet: a figure is not read again from inside.
    let mut next = 0;
    let mut skip_at = 0;
    // Numbers, currency signs and number words start a figure: the other tokens are not
    // visited.
    for (i, word) in words.iter() {
        if i < next || !may_start_figure(word) {
            continue;
        }
        while skip_at < skip.len() && skip[skip_at].1 <= i {
            skip_at += 1;
        }
        if skip_at < skip.len() && skip[skip_at].0 <= i {
            continue;
        }
        if let Some(f) = number_at(&s, i, word) {
            next = f.b.max(i + 1);
            out.push(f);
        }
    }
}

/// A parsed number before units: value, end token, kind.
struct Num {
    value: f64,
    end: usize,
    kind: FigureKind,
    glued_unit: Option<&'static str>,
}

fn read_number(s: &Scan, i: usize) -> Option<Num> {
    let t = s.toks[i];
    let w = s.w(i);
    match t.kind {
        TokKind::Num => {
            // Times, dates, fractions and ranges are read elsewhere or not at all.
            if w.bytes().any(|b| matches!(b, b':' | b'/' | b'-')) {
                return None;
            }
            let (v, suffix) = parse_digits(w)?;
            let mut kind = FigureKind::Count;
            let mut glued = None;
            match suffix {
                "" => {}
                "st" | "nd" | "rd" | "th" => kind = FigureKind::Ordinal,
                "m" | "mn" | "bn" | "b" | "k" | "s" => {
                    if suffix == "s" {
                        return None; // a decade: 1990s
                    }
                    let scale = match suffix {
                        "k" => 1e3,
                        "m" | "mn" => 1e6,
                        _ => 1e9,
                    };
                    return Some(Num {
                        value: v * scale,
                        end: i + 1,
                        kind,
                        glued_unit: None,
                    });
                }
                "km" | "kg" | "mm" | "cm" | "mph" => glued = Some(unit_static(suffix)),
                _ => return None,
            }
            let mut end = i + 1;
            let mut value = v;
            if let Some(scale) = scale_word_bytes(s.lw(end).bytes()) {
                value *= scale;
                end += 1;
            }
            Some(Num {
                value,
                end,
                kind,
                glued_unit: glued,
            })
        }
        TokKind::Word => {
            if t.is(CAP) && !t.is(SENT_START) {
                return None;
            }
            if !word_candidate(s, i, s.words.at(i)) {
                return None;
            }
            let mut words: [&str; 8] = [""; 8];
            let mut bufs = [[0u8; 16]; 8];
            let mut n = 0;
            // Lower-case up to eight following words without allocating.
            let mut lowered: [Option<&str>; 8] = [None; 8];
            for (k, buf) in bufs.iter_mut().enumerate() {
                if i + k >= s.toks.len() || s.kind(i + k) != Some(TokKind::Word) {
                    break;
                }
                lowered[k] = lower_small(s.w(i + k), buf);
                if lowered[k].is_none() {
                    break;
                }
                n = k + 1;
            }
            for k in 0..n {
                words[k] = lowered[k].unwrap_or("");
            }
            let first = words[0];
            if n == 0 {
                return None;
            }
            // "a third of", "by a third": a fraction, not a rank.
            let fraction = i > 0
                && matches!(s.w(i - 1), "a" | "one" | "two" | "three")
                && !s.is_lower_word(i + 1)
                || s.w(i + 1) == "of";
            if let Some(v) = ordinal_word(first).filter(|_| !fraction) {
                return Some(Num {
                    value: v,
                    end: i + 1,
                    kind: FigureKind::Ordinal,
                    glued_unit: None,
                });
            }
            match first {
                "twice" => {
                    return Some(Num {
                        value: 2.0,
                        end: i + 1,
                        kind: FigureKind::Times,
                        glued_unit: None,
                    })
                }
                "thrice" => {
                    return Some(Num {
                        value: 3.0,
                        end: i + 1,
                        kind: FigureKind::Times,
                        glued_unit: None,
                    })
                }
                "dozens" | "hundreds" | "thousands" | "millions" if words.get(1) == Some(&"of") => {
                    let v = match first {
                        "dozens" => 24.0,
                        "hundreds" => 200.0,
                        "thousands" => 2000.0,
                        _ => 2e6,
                    };
                    return Some(Num {
                        value: v,
                        end: i + 1,
                        kind: FigureKind::Vague,
                        glued_unit: None,
                    });
                }
                _ => {}
            }
            let (v, used) = parse_words(&words[..n])?;
            // "one" alone is mostly a pronoun; "a" alone is an article.
            if used == 1 && first == "one" {
                let next = words.get(1).copied().unwrap_or("");
                if !(is_measure(next.as_bytes()) || next == "percent") {
                    return None;
                }
            }
            if words[..used].iter().all(|w| *w == "a" || *w == "an") {
                return None;
            }
            let kind = if words.get(used) == Some(&"times") {
                FigureKind::Times
            } else {
                FigureKind::Count
            };
            let end = if kind == FigureKind::Times {
                i + used + 1
            } else {
                i + used
            };
            Some(Num {
                value: v,
                end,
                kind,
                glued_unit: None,
            })
        }
        TokKind::Punct => None,
    }
}

/// "10-15" -> (10, 15) when the left is smaller (a score reads the other way or is not a range).
fn hyphen_range(w: &str) -> Option<(f64, f64)> {
    let (l, r) = w.split_once('-')?;
    let (a, sa) = parse_digits(l)?;
    let (b, sb) = parse_digits(r)?;
    (sa.is_empty() && sb.is_empty() && a < b).then_some((a, b))
}

/// A hyphenated range token at i, with an optional scale after it.
fn range_token(s: &Scan, i: usize) -> Option<(f64, f64, usize)> {
    if s.kind(i) != Some(TokKind::Num) {
        return None;
    }
    let (lo, hi) = hyphen_range(s.w(i))?;
    if let Some(scale) = scale_word_bytes(s.lw(i + 1).bytes()) {
        return Some((lo * scale, hi * scale, i + 2));
    }
    Some((lo, hi, i + 1))
}

/// Whether a token may begin a figure, before looking at the tokens after it.
fn may_start_figure(word: FactWord) -> bool {
    matches!(
        word,
        FactWord::Number
            | FactWord::Currency
            | FactWord::Cardinal(_)
            | FactWord::Ordinal(_)
            | FactWord::Times(_)
            | FactWord::Vague
            | FactWord::Article
    )
}

/// Whether the word at i, whose fact word is `word`, may start a number: most words are no
/// number, and this decides on the first word before reading more.
fn word_candidate(s: &Scan, i: usize, word: FactWord) -> bool {
    match word {
        // "a million"
        FactWord::Article => {
            scale_word_bytes(Lower::of_tok(s.text, s.toks, i + 1).bytes()).is_some()
        }
        word => may_start_figure(word),
    }
}

fn unit_static(u: &str) -> &'static str {
    match u {
        "km" => "km",
        "kg" => "kg",
        "mm" => "mm",
        "cm" => "cm",
        _ => "mph",
    }
}

/// The figure starting at token `i`, whose fact word is `word`.
fn number_at(s: &Scan, i: usize, word: FactWord) -> Option<Found> {
    let t = s.toks[i];
    // Currency before: $5, US$5, £5.
    if t.kind == TokKind::Punct {
        let sym = s.w(i);
        let code = match sym {
            "$" => "USD",
            "£" => "GBP",
            "€" => "EUR",
            "¥" => "JPY",
            _ => return None,
        };
        if s.kind(i + 1) != Some(TokKind::Num) {
            return None;
        }
        let (n, high) = match range_token(s, i + 1) {
            Some((lo, hi, end)) => (
                Num {
                    value: lo,
                    end,
                    kind: FigureKind::Money,
                    glued_unit: None,
                },
                Some(hi),
            ),
            None => (read_number(s, i + 1)?, None),
        };
        let mut a = i;
        let mut unit = code;
        if sym == "$" && i > 0 && s.toks[i - 1].end == t.start {
            match s.w(i - 1) {
                "US" => a = i - 1,
                "C" | "CA" => {
                    a = i - 1;
                    unit = "CAD";
                }
                "A" | "AU" => {
                    a = i - 1;
                    unit = "AUD";
                }
                _ => {}
            }
        }
        let mut f = Found {
            a,
            b: n.end,
            value: n.value,
            value_high: None,
            kind: FigureKind::Money,
            unit: Some(unit.to_string()),
            counts: None,
            approx: None,
        };
        f.value_high = high;
        range_after(s, &mut f);
        approx_before(s, &mut f);
        f.counts = amount_of(s, f.b).or_else(|| subject_before(s, f.a));
        return Some(f);
    }
    // A capitalised word inside a sentence is a name, never a number ("Seven Seas"): the
    // number reader refuses it, so it is out before any lookup.
    if t.kind == TokKind::Word && ((t.is(CAP) && !t.is(SENT_START)) || !word_candidate(s, i, word))
    {
        return None;
    }
    // Exclusions before the number.
    if i > 0 {
        let prev = s.lw(i - 1);
        let prev2 = if i > 1 { s.w(i - 2) } else { "" };
        if is_skip_before(prev.bytes())
            || (prev.bytes() == b"." && prev2.eq_ignore_ascii_case("no"))
        {
            return None;
        }
    }
    if let Some((lo, hi, end)) = range_token(s, i) {
        // A range only with something counted after it: "10-15 people".
        let counts = counted_after(s, end)?;
        let mut f = Found {
            a: i,
            b: end,
            value: lo,
            value_high: Some(hi),
            kind: FigureKind::Count,
            unit: None,
            counts: Some(counts),
            approx: None,
        };
        approx_before(s, &mut f);
        return Some(f);
    }
    let n = read_number(s, i)?;
    let w = s.w(i);
    // Years, times, phone-like numbers.
    if t.kind == TokKind::Num && n.kind == FigureKind::Count && n.end == i + 1 {
        let plain = w.bytes().all(|b| b.is_ascii_digit());
        if plain
            && w.len() == 4
            && (1800.0..=2100.0).contains(&n.value)
            && !plural_noun_follows(s, n.end)
        {
            return None;
        }
        if matches!(
            s.lw(n.end).bytes(),
            b"a.m." | b"p.m." | b"am" | b"pm" | b"gmt" | b"a" | b"p"
        ) {
            return None;
        }
        if w.len() >= 7 && plain && !w.starts_with('0') && !plural_noun_follows(s, n.end) {
            // Long digit runs without separators: identifiers, phone numbers.
            return None;
        }
    }
    let mut f = Found {
        a: i,
        b: n.end,
        value: n.value,
        value_high: None,
        kind: n.kind,
        unit: n.glued_unit.map(str::to_string),
        counts: None,
        approx: None,
    };
    match n.kind {
        FigureKind::Times => {
            f.counts = verb_before(s, i);
            return Some(f);
        }
        FigureKind::Vague => {
            // "hundreds of people"
            f.counts = counted_after(s, n.end + 1);
            f.b = n.end + 1;
            f.approx = Some(Approx::Vague);
            return Some(f);
        }
        FigureKind::Ordinal => {
            f.counts = counted_after_any(s, n.end);
            return Some(f);
        }
        _ => {}
    }
    range_after(s, &mut f);
    // Units after the number.
    let next = s.lw(f.b);
    let next = next.bytes();
    if s.w(f.b) == "%" {
        f.kind = FigureKind::Percent;
        f.unit = Some("%".into());
        f.b += 1;
    } else if next == b"percent" || (next == b"per" && s.w(f.b + 1).eq_ignore_ascii_case("cent")) {
        f.kind = FigureKind::Percent;
        f.unit = Some("%".into());
        f.b += if next == b"per" { 2 } else { 1 };
    } else if next == b"percentage" && s.w(f.b + 1).starts_with("point") {
        f.kind = FigureKind::Percent;
        f.unit = Some("percentage points".into());
        f.b += 2;
    } else if let Some(code) = currency_code(next) {
        f.kind = FigureKind::Money;
        f.unit = Some(code.to_string());
        f.b += 1;
    } else if is_measure(next) {
        f.kind = FigureKind::Measure;
        f.unit = Some(s.w(f.b).to_ascii_lowercase());
        f.b += 1;
    } else if s.w(f.b) == "-" && s.w(f.b + 1).starts_with("year-old") {
        f.kind = FigureKind::Age;
        f.unit = Some("years".into());
        f.b += 2;
        f.counts = None;
        approx_before(s, &mut f);
        return Some(f);
    } else if next == b"years" && s.w(f.b + 1) == "old" {
        f.kind = FigureKind::Age;
        f.unit = Some("years".into());
        f.b += 2;
        return Some(f);
    }
    approx_before(s, &mut f);
    f.counts = match f.kind {
        _ if f.a >= 2
            && s.w(f.a - 1) == "of"
            && s.is_lower_word(f.a - 2)
            && !not_counted(s.w(f.a - 2))
            && counted_after(s, f.b).is_none() =>
        {
            // "a crowd of 31,500"
            Some(s.w(f.a - 2).to_string())
        }
        FigureKind::Percent | FigureKind::Money => of_noun(s, f.b)
            .or_else(|| amount_of(s, f.b))
            .or_else(|| subject_before(s, f.a)),
        FigureKind::Measure => dimension(s, f.b)
            .or_else(|| counted_after(s, f.b))
            .or_else(|| of_noun(s, f.b))
            .or_else(|| subject_before(s, f.a)),
        // More than one of a thing is a plural: "832 president" is a name's number.
        _ => counted_after(s, f.b)
            .filter(|c| {
                let head = c.rsplit(' ').next().unwrap_or("");
                f.value <= 1.0 || is_plural(head) || is_counted_participle(head)
            })
            .or_else(|| of_noun(s, f.b))
            .or_else(|| subject_before(s, f.a)),
    };
    // "14 were injured", "at least 30 have been arrested": the participle says what is
    // counted.
    if f.kind == FigureKind::Count && f.counts.is_none() {
        f.counts = passive_counted(s, f.b);
    }
    // A bare small number with nothing counted is noise (list markers, scores).
    if f.kind == FigureKind::Count
        && f.counts.is_none()
        && f.unit.is_none()
        && t.kind == TokKind::Num
        && f.value_high.is_none()
    {
        let plain = w.bytes().all(|b| b.is_ascii_digit());
        if plain && w.len() <= 2 && !rise_before(s, f.a) {
            return None;
        }
    }
    Some(f)
}

fn plural_noun_follows(s: &Scan, i: usize) -> bool {
    s.is_lower_word(i) && s.w(i).ends_with('s') && !not_counted(s.w(i))
}

/// "10 to 15", "between 10 and 15".
fn range_after(s: &Scan, f: &mut Found) {
    let w = s.w(f.b);
    let between = f.a > 0 && s.w(f.a - 1).eq_ignore_ascii_case("between");
    // "$1.1 billion to $1.2 billion", "between $1.1 billion and $1.3 billion"
    if f.kind == FigureKind::Money
        && (w == "to" || w == "and" && between)
        && s.w(f.b + 1) == s.w(f.a)
        && s.kind(f.b + 2) == Some(TokKind::Num)
    {
        if let Some(n) = read_number(s, f.b + 2) {
            if n.value > f.value {
                f.value_high = Some(n.value);
                f.b = n.end;
                if between {
                    f.a -= 1;
                }
            }
        }
        return;
    }
    if (w == "to" || (w == "and" && between) || w == "-") && s.kind(f.b + 1) == Some(TokKind::Num) {
        if let Some(n) = read_number(s, f.b + 1) {
            if n.value > f.value {
                // "$5-6 million": the scale on the right applies to both.
                let scale = n.value
                    / parse_digits(s.w(f.b + 1))
                        .map(|p| p.0)
                        .unwrap_or(n.value)
                        .max(1e-9);
                if scale > 1.5 && f.value < n.value / scale * 1.0001 {
                    f.value *= scale;
                }
                f.value_high = Some(n.value);
                f.b = n.end;
                if between {
                    f.a -= 1;
                }
            }
        }
    }
}

fn approx_before(s: &Scan, f: &mut Found) {
    if f.a == 0 {
        return;
    }
    let p = s.lw(f.a - 1);
    let p = p.bytes();
    let pp = if f.a >= 2 {
        s.lw(f.a - 2)
    } else {
        Lower::Same(&[])
    };
    let two = match (pp.bytes(), p) {
        (b"more" | b"greater", b"than") => Some(Approx::AtLeast),
        (b"at", b"least") => Some(Approx::AtLeast),
        (b"up", b"to") => Some(Approx::AtMost),
        (b"less" | b"fewer", b"than") => Some(Approx::AtMost),
        (b"as", b"many") | (b"as", b"much") => Some(Approx::AtMost),
        (b"at", b"most") => Some(Approx::AtMost),
        _ => None,
    };
    if let Some(a) = two {
        f.approx = Some(a);
        f.a -= 2;
        return;
    }
    if let Some(a) = approx_word(p) {
        f.approx = Some(a);
        f.a -= 1;
        if f.a > 0 && s.w(f.a - 1).eq_ignore_ascii_case("an") && p == b"estimated" {
            f.a -= 1;
        }
    }
}

/// Participles that do name what is counted: "three injured".
/// "were injured", "have been arrested", "are missing" after a number: the participle.
fn passive_counted(s: &Scan, i: usize) -> Option<String> {
    let mut k = i;
    match s.lw(k).bytes() {
        b"were" | b"are" | b"was" => k += 1,
        b"have" | b"had" if s.lw(k + 1).bytes() == b"been" => k += 2,
        _ => return None,
    }
    if matches!(s.lw(k).bytes(), b"still" | b"also" | b"reportedly") {
        k += 1;
    }
    let w = s.lw(k);
    let w = std::str::from_utf8(w.bytes()).ok()?;
    is_counted_participle(w).then(|| w.to_string())
}

fn is_counted_participle(w: &str) -> bool {
    matches!(
        w.as_bytes(),
        b"injured"
            | b"wounded"
            | b"killed"
            | b"dead"
            | b"missing"
            | b"arrested"
            | b"detained"
            | b"displaced"
    )
}

/// "six explosions", "four focus groups", "two minor ice hockey leagues", "three former
/// Stella's Cafe employees": the noun phrase after a number, up to its first plural noun.
fn counted_after(s: &Scan, i: usize) -> Option<String> {
    let w1 = s.w(i);
    if w1.ends_with("ing") || (w1.ends_with("ed") && !is_counted_participle(w1)) {
        return None;
    }
    if let Some(head) = plural_head(s, i) {
        return Some(phrase(s, i, head));
    }
    counted_after_any(s, i).filter(|c| !is_modifier_only(c))
}

/// The plural noun that ends the phrase at `i`: within five words, over lower-case
/// modifiers, names used as modifiers ("Canadian citizens") and "and" between modifiers
/// ("current and former employees"). A capitalised plural counts too ("two Canadians").
fn plural_head(s: &Scan, i: usize) -> Option<usize> {
    for k in i..i + 5 {
        let t = *s.toks.get(k)?;
        let w = s.w(k);
        let name = t.kind == TokKind::Word && t.is(CAP) && !t.is(SENT_START);
        if !(s.is_lower_word(k) || name) {
            return None;
        }
        let joins = k > i && matches!(w, "and" | "or");
        if !joins && (not_counted(w) || w.ends_with("ly")) {
            return None;
        }
        if is_plural(w) {
            return Some(k);
        }
    }
    None
}

/// A word that reads as a plural noun: "leagues", "children"; not "across", "focus", "bus".
fn is_plural(w: &str) -> bool {
    let b = w.as_bytes();
    let regular = b.len() >= 3
        && b.ends_with(b"s")
        && !(b.ends_with(b"ss") || b.ends_with(b"us") || b.ends_with(b"is"));
    let compound = [
        &b"children"[..],
        b"people",
        b"women",
        b"smen",
        b"emen",
        b"nmen",
    ]
    .iter()
    .any(|end| b.ends_with(end));
    regular
        || compound
        || matches!(
            b,
            b"men"
                | b"police"
                | b"staff"
                | b"personnel"
                | b"youth"
                | b"cattle"
                | b"feet"
                | b"teeth"
                | b"sheep"
                | b"deer"
                | b"fish"
                | b"aircraft"
                | b"crew"
                | b"livestock"
        )
}

/// Words that describe what is counted without naming it: "five straight", "two extra",
/// "$1.6 billion left", "$20 million apiece".
fn is_modifier_only(w: &str) -> bool {
    matches!(
        w.as_bytes(),
        b"straight"
            | b"consecutive"
            | b"extra"
            | b"former"
            | b"current"
            | b"recent"
            | b"late"
            | b"early"
            | b"young"
            | b"new"
            | b"newest"
            | b"separate"
            | b"different"
            | b"additional"
            | b"minor"
            | b"major"
            | b"left"
            | b"short"
            | b"apiece"
            | b"alone"
            | b"together"
            | b"ago"
            | b"later"
            | b"earlier"
            | b"overall"
    )
}

/// A word that only qualifies the noun after it: "straight", "largest", "annual",
/// "drug-related".
fn is_modifier(w: &str) -> bool {
    is_modifier_only(w) || w.ends_with("est") || w.ends_with("al") || w.contains('-')
}

/// The text from token `a` to token `b`, both included.
fn phrase(s: &Scan, a: usize, b: usize) -> String {
    s.text[s.toks[a].start as usize..s.toks[b].end as usize].to_string()
}

/// The counted noun after a number, participles allowed ("second warning"); after a
/// modifier, the noun it qualifies ("16th straight win", "second largest investment").
fn counted_after_any(s: &Scan, i: usize) -> Option<String> {
    if !s.is_lower_word(i) || not_counted(s.w(i)) {
        return None;
    }
    let w1 = s.w(i);
    if w1.ends_with("ly") {
        return None;
    }
    let next = s.is_lower_word(i + 1) && !not_counted(s.w(i + 1)) && !s.w(i + 1).ends_with("ly");
    let end = if next && ((!w1.ends_with('s') && s.w(i + 1).ends_with('s')) || is_modifier(w1)) {
        i + 1
    } else {
        i
    };
    Some(phrase(s, i, end))
}

/// "$3.4 million project": the one noun an amount is of.
fn amount_of(s: &Scan, i: usize) -> Option<String> {
    let w = s.w(i);
    if !s.is_lower_word(i)
        || not_counted(w)
        || is_modifier_only(w)
        || w.ends_with("ly")
        || w.ends_with("ing")
        || w.ends_with("ed")
    {
        return None;
    }
    Some(w.to_string())
}

/// "16 kilometres long" -> "length".
fn dimension(s: &Scan, i: usize) -> Option<String> {
    let d = match s.w(i) {
        "long" => "length",
        "wide" => "width",
        "high" | "tall" => "height",
        "deep" => "depth",
        _ => return None,
    };
    Some(d.to_string())
}

/// "percent of the vote", "two of the cities".
fn of_noun(s: &Scan, i: usize) -> Option<String> {
    if s.w(i) != "of" {
        return None;
    }
    let mut j = i + 1;
    while matches!(s.w(j), "the" | "a" | "an" | "its" | "their" | "all") {
        j += 1;
    }
    counted_after(s, j)
}

fn rise_before(s: &Scan, i: usize) -> bool {
    let mut k = i;
    if k > 0 && matches!(s.w(k - 1), "to" | "at" | "by") {
        k -= 1;
    }
    k > 0 && is_rise_verb(s.w(k - 1))
}

/// "the death toll rose to 155" -> "death toll".
fn subject_before(s: &Scan, i: usize) -> Option<String> {
    let mut k = i;
    if k > 0 && matches!(s.w(k - 1), "to" | "at" | "by") {
        k -= 1;
    }
    if k == 0 || !is_rise_verb(s.w(k - 1)) {
        return None;
    }
    let verb = k - 1;
    let mut a = verb;
    // A lone "s" ends a possessive ("Tesla's stock price"): the phrase starts after it.
    while a > 0
        && a + 3 > verb
        && s.is_lower_word(a - 1)
        && !not_counted(s.w(a - 1))
        && s.w(a - 1) != "s"
    {
        a -= 1;
    }
    if a == verb {
        return None;
    }
    Some(s.text[s.toks[a].start as usize..s.toks[verb - 1].end as usize].to_string())
}

/// "spoke twice" -> "spoke".
fn verb_before(s: &Scan, i: usize) -> Option<String> {
    let k = i.checked_sub(1)?;
    let w = s.w(k);
    // "almost twice the cost": no verb.
    if matches!(w, "almost" | "nearly") || w.ends_with("ly") {
        return None;
    }
    if s.is_lower_word(k) && !not_counted(w) {
        return Some(s.w(k).to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn figs(text: &str) -> Vec<(String, f64, Option<String>, Option<String>)> {
        let mut toks = Vec::new();
        tokenize(text, 0, text.len(), &mut toks);
        find(text, &toks, &[])
            .into_iter()
            .map(|f| {
                let span = text[toks[f.a].start as usize..toks[f.b - 1].end as usize].to_string();
                (span, f.value, f.unit, f.counts)
            })
            .collect()
    }

    #[test]
    fn digits() {
        assert_eq!(parse_digits("1,200"), Some((1200.0, "")));
        assert_eq!(parse_digits("3.5bn"), Some((3.5, "bn")));
        assert_eq!(parse_digits("0.25"), Some((0.25, "")));
        assert_eq!(parse_digits("12,34"), None);
        assert_eq!(parse_digits("1.2.3"), None);
    }

    #[test]
    fn number_words() {
        let p = |s: &str| parse_words(&s.split(' ').collect::<Vec<_>>()).map(|x| x.0);
        assert_eq!(p("six"), Some(6.0));
        assert_eq!(p("twenty-five"), Some(25.0));
        assert_eq!(p("two hundred thirty-five thousand"), Some(235_000.0));
        assert_eq!(p("one hundred and five"), Some(105.0));
        assert_eq!(p("a million"), Some(1e6));
        assert_eq!(p("one and a half million"), Some(1.5e6));
        assert_eq!(p("seven"), Some(7.0));
        assert_eq!(p("hello"), None);
        assert_eq!(ordinal_word("second"), Some(2.0));
    }

    #[test]
    fn counts_and_units() {
        let f = figs("The death toll rose to 155 after six explosions hit two cities.");
        assert_eq!(f[0], ("155".into(), 155.0, None, Some("death toll".into())));
        assert_eq!(f[1], ("six".into(), 6.0, None, Some("explosions".into())));
        assert_eq!(f[2], ("two".into(), 2.0, None, Some("cities".into())));
    }

    #[test]
    fn money_percent_times() {
        let f = figs("They spoke twice. It cost $1.2 billion, up 12 percent, about 40% of sales.");
        assert_eq!(f[0].1, 2.0);
        assert_eq!(f[0].3.as_deref(), Some("spoke"));
        assert_eq!(f[1].0, "$1.2 billion");
        assert_eq!(f[1].1, 1.2e9);
        assert_eq!(f[1].2.as_deref(), Some("USD"));
        assert_eq!((f[2].1, f[2].2.as_deref()), (12.0, Some("%")));
        assert_eq!(f[3].0, "about 40%");
        assert_eq!(f[3].3.as_deref(), Some("sales"));
    }

    #[test]
    fn counted_phrases_reach_their_noun() {
        let counts =
            |text: &str| -> Vec<Option<String>> { figs(text).into_iter().map(|f| f.3).collect() };
        let some = |s: &str| Some(s.to_string());
        // Over modifiers and names used as modifiers, to the first plural noun.
        assert_eq!(
            counts("Two minor ice hockey leagues hired 40 Canadian nurses."),
            [some("minor ice hockey leagues"), some("Canadian nurses")]
        );
        assert_eq!(
            counts("She has three young children and 12 grandchildren."),
            [some("young children"), some("grandchildren")]
        );
        assert_eq!(
            counts("Dozens of current and former employees wrote."),
            [some("current and former employees")]
        );
        // A word that only qualifies, a name's number, a pronoun: nothing counted.
        assert_eq!(
            counts("The team lost five straight. The Local 832 president spoke."),
            [None, None]
        );
        assert_eq!(
            counts("When he was seven, he moved to 105 Elm Road."),
            [None, None]
        );
        // An ordinal's noun after its modifier; a dimension; a possessive's noun.
        assert_eq!(
            counts("It was his 16th straight win."),
            [some("straight win")]
        );
        assert_eq!(
            counts("The bridge is 16 kilometres long."),
            [some("length")]
        );
        assert_eq!(
            counts("The company's stock price rose six per cent."),
            [some("stock price")]
        );
        assert_eq!(counts("It cost almost twice the estimate."), [None]);
    }

    #[test]
    fn ranges_and_exclusions() {
        let f = figs("Between 10 and 15 people came in 2015 at 10:30, call 5551234567, No. 1 fan.");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].1, f[0].3.as_deref()), (10.0, Some("people")));
        let g = figs("It raised $5-6 million from 10-15 donors; the score was 6-3.");
        assert_eq!(g.len(), 2);
        assert_eq!((g[0].1, g[0].2.as_deref()), (5e6, Some("USD")));
        assert_eq!((g[1].1, g[1].3.as_deref()), (10.0, Some("donors")));
        let h = figs("Damage came to between $1.1 billion and $1.3 billion, insurers said.");
        assert_eq!(h.len(), 1);
        assert_eq!(
            (h[0].0.as_str(), h[0].1),
            ("between $1.1 billion and $1.3 billion", 1.1e9)
        );
        let k = figs("Two people died, and at least 14 were injured. 3 were seen.");
        assert_eq!(k.len(), 2);
        assert_eq!((k[1].1, k[1].3.as_deref()), (14.0, Some("injured")));
    }
}
