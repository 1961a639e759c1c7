//! The superlinear-time hunt: parse every pathological shape at size N and 10N and flag the
//! shapes whose time grows by more than 12x (a linear parser takes ~10x).
//!
//! `cargo run -p lede-core --profile release-native --example linearity -- [N] [--only NAME]`
//! (N defaults to 100000 bytes). Exits with status 1 when a shape is flagged. With `--stages`,
//! a flagged shape also gets a table of each pipeline stage's time at both sizes, which names
//! the stage that grows (with `--only`, the chosen shape gets it whether flagged or not).

// Calls into the C library: the process's CPU clock (see `cpu_clock`) and its core
// (see `one_core`).
#![allow(unsafe_code)]

use lede_core::synth::{self, Pathological, Rng};
use std::time::{Duration, Instant};

/// This process's CPU time so far, every thread's (a long text's parse runs some stages on a
/// second thread): on a busy machine, time spent waiting for a core doesn't count, so the
/// ratios measure the parser and not the neighbours. Wall-clock time elsewhere.
fn cpu_clock() -> Duration {
    #[cfg(target_os = "linux")]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes one timespec through a valid, exclusive pointer.
        if unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) } == 0 {
            return Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32);
        }
    }
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// Keeps this process on the core it runs on. The parse then keeps to one thread (it uses a
/// second one only where there is a second core), and the CPU clock counts the parser's work,
/// not the time two threads spend polling for each other.
fn one_core() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: cpu_set_t is a plain bit set, valid when zeroed.
        let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
        // SAFETY: sched_getcpu takes no arguments.
        let cpu = unsafe { libc::sched_getcpu() }.max(0) as usize;
        // SAFETY: the cpu is below the set's size (the machine runs on it), and the set is
        // valid with its size given; pid 0 is this thread, whose mask new threads inherit.
        let ok = unsafe {
            libc::CPU_SET(cpu, &mut set);
            libc::sched_setaffinity(0, std::mem::size_of_val(&set), &set) == 0
        };
        if !ok {
            eprintln!("could not keep to one core: ratios include the threads' waiting");
        }
    }
}

/// A point on [`cpu_clock`].
#[derive(Clone, Copy)]
struct Clock(Duration);

impl Clock {
    fn now() -> Clock {
        Clock(cpu_clock())
    }

    fn elapsed(self) -> Duration {
        cpu_clock().saturating_sub(self.0)
    }
}

/// Time ratio above which a shape is flagged (10x is linear; noise and cache effects add a little).
const LIMIT: f64 = 12.0;

const WORDS: &[&str] = &[
    "the",
    "council",
    "said",
    "harbour",
    "vote",
    "on",
    "Tuesday",
    "a",
    "report",
    "told",
    "minister",
    "would",
    "not",
    "added",
    "according",
    "to",
    "ships",
    "in",
    "of",
    "and",
];
const CAPITALS: &[&str] = &[
    "Alder", "Bay", "Council", "Mr.", "Dr.", "Kestrel", "North", "Union", "Port", "Varga", "St.",
    "Ministry", "The", "U.S.", "Inc.", "Ltd", "Oyelaran", "January", "Monday", "Said",
];
const QUOTE_MARKS: &[&str] = &[
    "\"", "\u{201c}", "\u{201d}", "\u{2018}", "\u{2019}", "'", "\u{ab}", "\u{bb}", "\u{201e}", "`",
];

/// Repeat `unit` until the text is at least `bytes` long.
fn repeat(unit: &str, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + unit.len());
    while out.len() < bytes {
        out.push_str(unit);
    }
    out
}

/// Call `piece` until the text is at least `bytes` long.
fn grow(bytes: usize, seed: u64, mut piece: impl FnMut(&mut Rng, &mut String)) -> String {
    let mut rng = Rng(seed | 1);
    let mut out = String::with_capacity(bytes + 64);
    while out.len() < bytes {
        piece(&mut rng, &mut out);
    }
    out
}

type Generator = fn(usize) -> String;

/// A named shape's text at a given size.
type Shape = Box<dyn Fn(usize) -> String>;

/// Shapes beyond the library's own pathological set.
const GENERATORS: &[(&str, Generator)] = &[
    ("article", |n| synth::article(n, 42)),
    ("plain_article", |n| synth::plain_article(n, 42)),
    ("random_quote_marks", |n| {
        grow(n, 1, |r, o| {
            if r.below(3) == 0 {
                o.push_str(r.pick(QUOTE_MARKS));
            }
            o.push_str(r.pick(WORDS));
            o.push_str(if r.below(4) == 0 {
                r.pick(QUOTE_MARKS)
            } else {
                " "
            });
            if r.below(40) == 0 {
                o.push_str(". ");
            }
        })
    }),
    ("random_capitalised", |n| {
        grow(n, 2, |r, o| {
            o.push_str(r.pick(CAPITALS));
            o.push_str(match r.below(12) {
                0 => ", ",
                1 => ". ",
                2 => " said ",
                _ => " ",
            });
        })
    }),
    ("random_newlines", |n| {
        grow(n, 3, |r, o| {
            o.push_str(r.pick(WORDS));
            o.push_str(match r.below(6) {
                0 => "\n",
                1 => "\n\n",
                2 => "\n\n\n",
                _ => " ",
            });
        })
    }),
    ("deep_nesting_open_then_close", |n| {
        let half = n / 2;
        let mut s = repeat("\u{201c}(\u{2018}[\u{ab}", half);
        s.push_str(" said the mayor ");
        s.push_str(&repeat("\u{bb}]\u{2019})\u{201d}", half));
        s
    }),
    ("long_line_no_spaces", |n| repeat("abcdefghij", n)),
    ("long_word_dots", |n| repeat("A.b.", n)),
    ("long_capital_run", |n| repeat("Ab", n)),
    ("many_short_paragraphs", |n| repeat("Hi.\n\n", n)),
    ("many_short_lines", |n| repeat("Yes\n", n)),
    ("many_headings", |n| repeat("The Vote\n\nIt passed.\n\n", n)),
    ("colons_and_dashes", |n| {
        repeat("Mayor: \u{2014} said \u{2013} - : ; ", n)
    }),
    ("capitalised_plain_names", |n| repeat("Alder ", n)),
    ("capitalised_org_heads", |n| repeat("Council ", n)),
    ("said_cues", |n| repeat("Varga said. ", n)),
    ("quote_said_pairs", |n| repeat("\"Yes,\" Varga said. ", n)),
    // A person whose surname is a title, then that word alone again and again.
    ("surname_title_repeated", |n| {
        let mut text = "The novelist Stephen King spoke.\n\n".to_string();
        text.push_str(&repeat(".King", n));
        text
    }),
    // Every quotation by another person: as many speakers and people as paragraphs.
    ("distinct_speakers", |n| {
        let mut k = 0u32;
        grow(n, 4, |_, o| {
            k += 1;
            // A forename and a surname of syllables spelt from the paragraph's number.
            let surname: String = (0..4)
                .map(|i| {
                    let d = (k >> (4 * i)) & 15;
                    [
                        "Ba", "Ko", "Mi", "Tu", "Re", "Sa", "Lo", "Fe", "Di", "Nu", "Pa", "Go",
                        "Vi", "Ha", "Ze", "Wo",
                    ][d as usize]
                })
                .collect::<String>()
                .to_lowercase();
            let mut surname = surname;
            surname[..1].make_ascii_uppercase();
            o.push_str(&format!("\"We will wait,\" Anna {surname} said.\n\n"));
        })
    }),
    ("dates", |n| repeat("on Feb. 18, 2016, last Tuesday, ", n)),
    ("figures", |n| {
        repeat("12,345 ships, 3.5% and $4 million, ", n)
    }),
    ("bylines", |n| repeat("By Ada Quist\n\n", n)),
    ("list_items", |n| repeat("- item\n", n)),
    ("markdown_headings", |n| repeat("# T\n", n)),
    ("spaces_only", |n| repeat(" ", n)),
    ("tabs_and_cr", |n| repeat("\t\r\n", n)),
    ("combining_marks", |n| repeat("e\u{301}\u{302}\u{303}", n)),
    ("emoji_zwj", |n| repeat("\u{1f469}\u{200d}\u{1f52c} ", n)),
    ("rtl_text", |n| {
        repeat(
            "\u{645}\u{631}\u{62d}\u{628}\u{627} \"\u{642}\u{627}\u{644}\" ",
            n,
        )
    }),
    ("cjk_no_spaces", |n| {
        repeat(
            "\u{5317}\u{4eac}\u{5e02}\u{300c}\u{8aaa}\u{300d}\u{3002}",
            n,
        )
    }),
    ("control_chars", |n| {
        repeat("a\u{0}\u{1}\u{7f}\u{85}\u{2028}", n)
    }),
    ("parentheses", |n| repeat("(a (b) c) [d] ", n)),
    ("apostrophes", |n| {
        repeat("don't it's O'Neill's rock 'n' roll '90s ", n)
    }),
    ("quoted_words_one_sentence", |n| repeat("and \"yes\" ", n)),
    ("unmatched_openers", |n| repeat("\u{201c}He said ", n)),
    ("unmatched_closers", |n| repeat("he said\u{201d} ", n)),
];

/// The fastest of a few runs (the least disturbed by other work on the machine).
fn time_parse(text: &str, budget: Duration) -> Duration {
    let mut best = Duration::MAX;
    let started = Instant::now();
    for run in 0.. {
        let t = Clock::now();
        let doc = lede_core::parse(std::hint::black_box(text));
        let took = t.elapsed();
        std::hint::black_box(&doc);
        best = best.min(took);
        if run >= 2 && started.elapsed() > budget {
            break;
        }
        if run >= 9 {
            break;
        }
    }
    best
}

/// Each pipeline stage's time on `text`, in the order `lede_core::parse_with` runs them.
fn stage_times(text: &str) -> Vec<(&'static str, Duration)> {
    use lede_core::{blocks, entities, facts, normalize, quotes, sections, sentences, speakers};
    let mut out = Vec::new();
    let mut lap = |name: &'static str, t: Clock| out.push((name, t.elapsed()));
    let t = Clock::now();
    let normalized = normalize::normalize(text);
    lap("normalize", t);
    let text = normalized.text.as_str();
    let t = Clock::now();
    let blocks = blocks::split(text);
    lap("blocks", t);
    let t = Clock::now();
    std::hint::black_box(sentences::split(text, &blocks));
    lap("sentences", t);
    let t = Clock::now();
    let secs = sections::build(text, &blocks);
    lap("sections", t);
    std::hint::black_box(&secs);
    let t = Clock::now();
    let ents = entities::extract(text, &blocks);
    lap("entities", t);
    let t = Clock::now();
    let q = quotes::extract(text, &blocks);
    lap("quotes", t);
    let t = Clock::now();
    let attributed = speakers::attribute(text, &blocks, &ents, q.quotes);
    lap("speakers", t);
    std::hint::black_box(&attributed);
    let t = Clock::now();
    let date = facts::detect_article_date(text, &blocks);
    lap("article date", t);
    let t = Clock::now();
    let f = facts::extract(text, &blocks, &ents, date);
    lap("facts", t);
    std::hint::black_box(&f);
    out
}

/// The fastest of three runs of each stage.
fn best_stage_times(text: &str) -> Vec<(&'static str, Duration)> {
    let mut best = stage_times(text);
    for _ in 0..2 {
        for (b, (_, t)) in best.iter_mut().zip(stage_times(text)) {
            b.1 = b.1.min(t);
        }
    }
    best
}

fn print_stages(a: &str, b: &str) {
    let (sa, sb) = (best_stage_times(a), best_stage_times(b));
    println!("    stage times (ms) at {} and {} bytes:", a.len(), b.len());
    for ((name, ta), (_, tb)) in sa.iter().zip(&sb) {
        let ratio = tb.as_secs_f64() / ta.as_secs_f64().max(1e-9);
        // The limit scaled to the two sizes (probes may be a doubling rather than 10x apart).
        let limit = LIMIT / 10.0 * (b.len() as f64 / a.len().max(1) as f64);
        let flag = if ratio > limit && tb.as_secs_f64() > 0.002 {
            "  <-"
        } else {
            ""
        };
        println!(
            "    {name:<26} {:>10.2} {:>10.2} {ratio:>6.1}x{flag}",
            ta.as_secs_f64() * 1e3,
            tb.as_secs_f64() * 1e3
        );
    }
}

fn main() {
    let mut small = 100_000;
    let mut only: Option<String> = None;
    let mut stages = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--only" => only = args.next(),
            "--stages" => stages = true,
            n => small = n.parse().unwrap_or(small),
        }
    }
    let large = small * 10;
    one_core();

    let mut shapes: Vec<(String, Shape)> = Vec::new();
    for kind in Pathological::ALL {
        shapes.push((
            kind.name().to_string(),
            Box::new(move |n| synth::pathological(kind, n)),
        ));
    }
    for &(name, generator) in GENERATORS {
        shapes.push((name.to_string(), Box::new(generator)));
    }

    println!("times: the fastest of several parses, in the CPU time of all the process's threads (Linux)\n");
    println!(
        "{:<30} {:>10} {:>10} {:>7} {:>9}",
        "shape",
        format!("{}KB ms", small / 1000),
        format!("{}KB ms", large / 1000),
        "ratio",
        "MB/s(10N)"
    );
    let mut flagged = Vec::new();
    for (name, generator) in &shapes {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        // Probe at N/8 and N/4 first: a shape far from linear there would take minutes at N
        // and hours at 10N, so its times are extrapolated from the probes' growth instead.
        // The growth exponent is the smaller of two doublings (N/8 to N/4 to N/2), each the
        // fastest of a few runs, so one disturbed run cannot fake a superlinear shape.
        let p1 = generator(small / 8);
        let p2 = generator(small / 4);
        let probe = Duration::from_millis(200);
        let (t1, t2) = (time_parse(&p1, probe), time_parse(&p2, probe));
        let growth = |a: Duration, b: Duration| {
            (b.as_secs_f64() / a.as_secs_f64().max(1e-9))
                .max(1.0)
                .log2()
        };
        let mut exponent = growth(t1, t2);
        let mut at_n = t2.as_secs_f64() * 4f64.powf(exponent);
        if exponent > 1.3 && at_n > 5.0 && t2.as_secs_f64() < 2.0 {
            let t3 = time_parse(&generator(small / 2), probe);
            exponent = exponent.min(growth(t2, t3));
            at_n = t3.as_secs_f64() * 2f64.powf(exponent);
        }
        let (ta, tb, estimated, sample) = if exponent > 1.3 && at_n > 5.0 {
            let ta = Duration::from_secs_f64(at_n);
            let tb = Duration::from_secs_f64(at_n * 10f64.powf(exponent));
            (
                ta,
                tb,
                "  (both sizes extrapolated from N/8..N/2)",
                (p1, p2),
            )
        } else {
            let a = generator(small);
            let ta = time_parse(&a, Duration::from_millis(300));
            // Likewise a shape far from linear between N and 2N is extrapolated to 10N.
            let a2 = generator(small * 2);
            let t2 = time_parse(&a2, Duration::from_millis(300));
            let doubling = (t2.as_secs_f64() / ta.as_secs_f64().max(1e-9)).max(1.0);
            let estimate = ta.as_secs_f64() * doubling.powf(10f64.log2());
            if doubling > 2.6 && estimate > 30.0 {
                let tb = Duration::from_secs_f64(estimate);
                (ta, tb, "  (10N extrapolated from 2N)", (a, a2))
            } else {
                let b = generator(large);
                let tb = time_parse(&b, Duration::from_millis(1500));
                (ta, tb, "", (a, b))
            }
        };
        let ratio = tb.as_secs_f64() / ta.as_secs_f64().max(1e-9);
        let mbps = large as f64 / 1e6 / tb.as_secs_f64().max(1e-9);
        let flag = if ratio > LIMIT {
            format!("  SUPERLINEAR{estimated}")
        } else {
            estimated.to_string()
        };
        println!(
            "{name:<30} {:>10.2} {:>10.2} {ratio:>6.1}x {mbps:>9.1}{flag}",
            ta.as_secs_f64() * 1e3,
            tb.as_secs_f64() * 1e3,
        );
        if ratio > LIMIT {
            flagged.push(name.clone());
        }
        // A flagged shape's stages, or every shape's when one was chosen with `--only`.
        if stages && (ratio > LIMIT || only.is_some()) {
            print_stages(&sample.0, &sample.1);
        }
    }
    if flagged.is_empty() {
        println!("\nno shape grows faster than {LIMIT}x for 10x the input");
    } else {
        println!("\nflagged (> {LIMIT}x): {}", flagged.join(", "));
        std::process::exit(1);
    }
}
