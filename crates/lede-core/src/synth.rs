//! Synthetic articles and pathological inputs of any size, for benchmarks and linearity checks.
//!
//! The article generator strings together sentences written for Lede (invented people, places
//! and events) that exercise every stage: headings, bylines, quotes of all shapes, reported
//! speech, names with roles, dates, figures and cited sources. Output is deterministic for a
//! given seed and size.

/// A small deterministic generator (xorshift64*), so inputs are the same on every run. The seed
/// must not be zero.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PEOPLE: &[(&str, &str, &str)] = &[
    ("Mayor", "Ilse Varga", "Varga"),
    ("Harbour Commissioner", "Tomas Oyelaran", "Oyelaran"),
    ("Dr.", "Priya Castellanos", "Castellanos"),
    ("Finance Minister", "Henrik Adebayo", "Adebayo"),
    ("Councillor", "Maren Duquesne", "Duquesne"),
    ("union leader", "Kofi Lindqvist", "Lindqvist"),
];

const ORGS: &[&str] = &[
    "the Port Authority",
    "the Coastal Research Institute",
    "the Ministry of Transport",
    "Northgate Shipping Inc.",
    "the Dockworkers' Union",
];

const PLACES: &[&str] = &[
    "Port Alder",
    "Kestrel Bay",
    "Lisbon",
    "the Baltic",
    "Nairobi",
    "Valparaíso",
];

const QUOTES: &[&str] = &[
    "We will not reopen the east pier until the inspectors are satisfied",
    "Nobody on this council wants another winter of closures",
    "The numbers are better than we feared, but they are not good",
    "I asked for the report in March and I am still waiting",
    "This is a fair deal for the crews and a fair deal for the town",
    "If the storm season is as bad as last year, we will need every boat we have",
];

fn sentence(rng: &mut Rng, out: &mut String) {
    let (title, name, surname) = PEOPLE[(rng.next_u64() % PEOPLE.len() as u64) as usize];
    let quote = rng.pick(QUOTES);
    let org = rng.pick(ORGS);
    let place = rng.pick(PLACES);
    let n = rng.next_u64() % 900 + 12;
    match rng.next_u64() % 10 {
        0 => out.push_str(&format!("\u{201c}{quote},\u{201d} {title} {name} said on Tuesday.")),
        1 => out.push_str(&format!("\"{quote},\" {surname} said. \"It is that simple.\"")),
        2 => out.push_str(&format!("\"{quote},\" she added, \"and we said so in writing.\"")),
        3 => out.push_str(&format!("{surname} said the plan would cost ${n} million over {} years.", n % 9 + 2)),
        4 => out.push_str(&format!("According to {org}, the death toll rose to {n} last Friday.")),
        5 => out.push_str(&format!("{name}, a spokesperson for {org}, told the Harbour Gazette the talks in {place} would resume on Feb. 18, 2016.")),
        6 => out.push_str(&format!("The U.S. and {place} signed the agreement, which covers {n} ships and six ports.")),
        7 => out.push_str(&format!("{title} {surname} called the vote \"a stark choice\" for the town.")),
        8 => out.push_str(&format!("Prices rose {}.{}% in {place} this month, a report by {org} said.", n % 20, n % 10)),
        _ => out.push_str(&format!("Crews in {place} worked through the weekend, and {} boats returned to port.", n % 40)),
    }
}

/// An article of about `bytes` bytes: title, byline, dateline, then paragraphs of two to five
/// sentences, with a subheading every dozen paragraphs.
pub fn article(bytes: usize, seed: u64) -> String {
    article_with(bytes, seed, true)
}

/// [`article`] without its subheads, as most news articles come: with no heading, sectioning
/// finds the article's topics from its words, paragraph by paragraph.
pub fn plain_article(bytes: usize, seed: u64) -> String {
    article_with(bytes, seed, false)
}

fn article_with(bytes: usize, seed: u64, subheads: bool) -> String {
    let mut rng = Rng(seed | 1);
    let mut out = String::with_capacity(bytes + 512);
    out.push_str("Harbour Council Votes to Reopen the East Pier\n\nBy Ada Quist and Lev Marr\n\n");
    out.push_str("PORT ALDER (Harbour Gazette) \u{2014} ");
    let mut paragraph = 0;
    while out.len() < bytes {
        for i in 0..(rng.next_u64() % 4 + 2) {
            if i > 0 {
                out.push(' ');
            }
            sentence(&mut rng, &mut out);
        }
        out.push_str("\n\n");
        paragraph += 1;
        if subheads && paragraph % 12 == 0 {
            out.push_str(rng.pick(&[
                "What Comes Next\n\n",
                "THE VOTE\n\n",
                "Reaction in the Port\n\n",
            ]));
        }
    }
    out
}

/// Pathological input shapes for linearity checks, each about `bytes` long.
pub fn pathological(kind: Pathological, bytes: usize) -> String {
    let unit: &str = match kind {
        Pathological::OnlyQuotes => "\"\u{201c}'\u{201d}\u{2018}",
        Pathological::NoNewlines => "The minister said \"we will see\" and left. ",
        Pathological::CapitalisedWords => "Capital ",
        Pathological::NestedQuotes => "\u{201c}She said \u{2018}he said \"",
        Pathological::OneParagraph => {
            "Kerry said the talks, which began on Feb. 18, would resume; \"Not yet,\" he added. "
        }
        Pathological::Newlines => "\n",
    };
    let mut out = String::with_capacity(bytes + unit.len());
    while out.len() < bytes {
        out.push_str(unit);
    }
    out
}

/// The pathological shapes the benchmarks and the linearity hunt try.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pathological {
    OnlyQuotes,
    NoNewlines,
    CapitalisedWords,
    NestedQuotes,
    OneParagraph,
    Newlines,
}

impl Pathological {
    pub const ALL: [Pathological; 6] = [
        Pathological::OnlyQuotes,
        Pathological::NoNewlines,
        Pathological::CapitalisedWords,
        Pathological::NestedQuotes,
        Pathological::OneParagraph,
        Pathological::Newlines,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Pathological::OnlyQuotes => "only_quotes",
            Pathological::NoNewlines => "no_newlines",
            Pathological::CapitalisedWords => "capitalised_words",
            Pathological::NestedQuotes => "nested_quotes",
            Pathological::OneParagraph => "one_paragraph",
            Pathological::Newlines => "only_newlines",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_determinism() {
        let a = article(5_000, 7);
        assert!(a.len() >= 5_000 && a.len() < 6_000, "{}", a.len());
        assert_eq!(a, article(5_000, 7));
        assert_ne!(a, article(5_000, 8));
        for kind in Pathological::ALL {
            let p = pathological(kind, 1_000);
            assert!(p.len() >= 1_000 && p.len() < 1_200, "{kind:?}");
        }
    }
}
