//! Share links: the article and the view, compressed into the URL fragment.
//!
//! Nothing leaves the reader's browser: the whole article travels inside the link's fragment
//! (the part after `#`), which browsers never send to the server.
//!
//! # Link format, version 1
//!
//! ```text
//! fragment = "s=" base64url-no-pad( version  zlib(payload) )
//! version  = 0x01                     one byte, outside the compressed part
//! payload  = flags text [date] collapsed [speaker] [quote] [fact]
//! flags    = u8: bit 0 date, bit 1 speaker, bit 2 quote, bit 3 fact; other bits are 0
//! text     = bytes                    the article text, UTF-8
//! date     = bytes                    the article date, `YYYY-MM-DD`
//! collapsed= varint count, then count varints (section ids, in the view's order)
//! speaker  = varint                   speaker id
//! quote    = varint                   quote id
//! fact     = bytes                    the fact key
//! bytes    = varint length, then that many bytes
//! varint   = unsigned LEB128, at most 5 bytes for a u32 and 10 for a length
//! ```
//!
//! The zlib stream (deflate plus an Adler-32 checksum) catches most changed or cut-off links;
//! decompression stops at [`MAX_DECODED_BYTES`], so a crafted link cannot exhaust memory. A link
//! whose version byte is newer than [`VERSION`] is refused with a message that says so.
//!
//! This module has no web dependencies, so its tests run natively.

use std::fmt;

/// What a share link carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SharedView {
    pub text: String,
    /// The article date the reader set or confirmed, as YYYY-MM-DD.
    pub article_date: Option<String>,
    /// Collapsed sections, by `SectionId`.
    pub collapsed: Vec<u32>,
    /// The chosen speaker, by `SpeakerId`.
    pub speaker: Option<u32>,
    /// The chosen quote, by `QuoteId`.
    pub quote: Option<u32>,
    /// The chosen fact, by a key the facts panel defines.
    pub fact: Option<String>,
}

/// The link format this build writes, and the newest it reads.
pub const VERSION: u8 = 1;

/// What starts a share fragment (after `#`).
pub const FRAGMENT_PREFIX: &str = "s=";

/// The most a link may decompress to: the largest article the parser reads, plus room for the
/// view around it.
pub const MAX_DECODED_BYTES: usize = lede_core::MAX_INPUT_BYTES + 64 * 1024;

/// Link lengths (whole URL, in characters) past which some places cut links.
pub mod limits {
    /// Some older tools, SMS gateways and e-mail clients cut links around this length.
    pub const OLD_TOOLS: usize = 2_000;
    /// Many chat apps and social sites cut or refuse links around this length.
    pub const CHAT_APPS: usize = 8_000;
    /// Chromium refuses URLs longer than 2 MiB: past this, a link cannot be opened at all.
    pub const HARD_CAP: usize = 2 * 1024 * 1024;
}

/// How a link of a given length will travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkReach {
    /// Short enough for anywhere.
    Anywhere,
    /// Longer than some older tools and SMS gateways keep.
    NotOldTools,
    /// Longer than many chat apps keep; browsers still open it.
    BrowsersOnly,
    /// Longer than browsers accept: share the article as a file instead.
    TooLong,
}

impl LinkReach {
    pub fn of_length(chars: usize) -> LinkReach {
        if chars > limits::HARD_CAP {
            LinkReach::TooLong
        } else if chars > limits::CHAT_APPS {
            LinkReach::BrowsersOnly
        } else if chars > limits::OLD_TOOLS {
            LinkReach::NotOldTools
        } else {
            LinkReach::Anywhere
        }
    }

    /// A warning for the reader, if the length calls for one.
    pub fn warning(self) -> Option<&'static str> {
        match self {
            LinkReach::Anywhere => None,
            LinkReach::NotOldTools => Some(
                "This link is longer than 2,000 characters: some older tools and SMS gateways \
                 cut links that long. Chat apps, e-mail and browsers keep it whole.",
            ),
            LinkReach::BrowsersOnly => Some(
                "This link is longer than 8,000 characters: many chat apps cut links that long, \
                 so check that it arrives whole. Browsers open it.",
            ),
            LinkReach::TooLong => Some(
                "This article is too long to share as a link: browsers refuse links longer than \
                 2 MB. Download the text as a file and send that instead.",
            ),
        }
    }
}

/// Why a link could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// The fragment is not a share link at all.
    NotALink,
    /// The link ends too early: it was cut off on its way.
    Truncated,
    /// Characters of the link were changed.
    Damaged,
    /// A newer Lede wrote the link.
    UnknownVersion(u8),
    /// The link unpacks to more text than Lede opens.
    TooLarge,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::NotALink => f.write_str("This address does not hold a shared article."),
            ShareError::Truncated => f.write_str(
                "This share link is incomplete: it was probably cut off on its way. Ask for the \
                 whole link again, or for the article as a file.",
            ),
            ShareError::Damaged => f.write_str(
                "This share link is damaged: some of its characters were changed, so the article \
                 cannot be restored. Ask for the link again.",
            ),
            ShareError::UnknownVersion(v) => write!(
                f,
                "This share link was made by a newer version of Lede (link format {v}). Reload \
                 the page to get the latest version, then open the link again."
            ),
            ShareError::TooLarge => write!(
                f,
                "This share link holds more than {limit} MB of text. Lede analyses up to \
                 {limit} MB in the browser, to keep the page responsive and within the memory a \
                 tab may use, so it opens no link this large. Ask for the article as a file.",
                limit = lede_core::MAX_INPUT_BYTES / (1024 * 1024)
            ),
        }
    }
}

impl std::error::Error for ShareError {}

const FLAG_DATE: u8 = 1;
const FLAG_SPEAKER: u8 = 2;
const FLAG_QUOTE: u8 = 4;
const FLAG_FACT: u8 = 8;
const KNOWN_FLAGS: u8 = FLAG_DATE | FLAG_SPEAKER | FLAG_QUOTE | FLAG_FACT;

/// Deflate level: 9 is within a few bytes of the best and fast enough for articles.
const LEVEL: u8 = 9;

/// The URL fragment (without `#`) for a view.
pub fn encode(view: &SharedView) -> String {
    let payload = serialize(view);
    let mut packed = Vec::with_capacity(payload.len() / 2 + 16);
    packed.push(VERSION);
    packed.extend_from_slice(&miniz_oxide::deflate::compress_to_vec_zlib(&payload, LEVEL));
    let mut out = String::with_capacity(FRAGMENT_PREFIX.len() + packed.len() * 4 / 3 + 4);
    out.push_str(FRAGMENT_PREFIX);
    base64url::encode_into(&packed, &mut out);
    out
}

/// The full link for a view: `base` (the page address; any fragment is dropped) + `#` + fragment.
pub fn link(base: &str, view: &SharedView) -> String {
    let base = base.split('#').next().unwrap_or(base);
    let mut out = String::from(base);
    out.push('#');
    out.push_str(&encode(view));
    out
}

/// Whether a fragment (with or without `#`) is meant as a share link. The app calls [`decode`]
/// on start-up only when this holds, so other fragments (`#main`) are left alone.
pub fn is_share_fragment(fragment: &str) -> bool {
    fragment
        .strip_prefix('#')
        .unwrap_or(fragment)
        .starts_with(FRAGMENT_PREFIX)
}

/// The view in a URL fragment (with or without the leading `#`).
pub fn decode(fragment: &str) -> Result<SharedView, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let data = fragment
        .strip_prefix(FRAGMENT_PREFIX)
        .ok_or(ShareError::NotALink)?;
    if data.is_empty() {
        return Err(ShareError::Truncated);
    }
    let packed = base64url::decode(data).map_err(|e| match e {
        base64url::Error::Length => ShareError::Truncated,
        base64url::Error::Symbol => ShareError::Damaged,
    })?;
    let (&version, compressed) = packed.split_first().ok_or(ShareError::Truncated)?;
    match version {
        VERSION => {}
        0 => return Err(ShareError::Damaged),
        v if v > VERSION => return Err(ShareError::UnknownVersion(v)),
        _ => return Err(ShareError::Damaged),
    }
    if compressed.is_empty() {
        return Err(ShareError::Truncated);
    }
    let payload =
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(compressed, MAX_DECODED_BYTES)
            .map_err(|e| {
                use miniz_oxide::inflate::TINFLStatus as S;
                match e.status {
                    S::HasMoreOutput => ShareError::TooLarge,
                    S::FailedCannotMakeProgress | S::NeedsMoreInput => ShareError::Truncated,
                    _ => ShareError::Damaged,
                }
            })?;
    deserialize(&payload).ok_or(ShareError::Damaged)
}

/// Base64url without padding (RFC 4648 §5), strict: only the 64 symbols, no `=`, unused
/// trailing bits zero. Twenty lines here cost a tenth of the `base64` crate in the wasm; the
/// tests check it against that crate.
mod base64url {
    const SYMBOLS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    #[derive(Debug, PartialEq, Eq)]
    pub enum Error {
        /// A length no encoding has: the text was cut.
        Length,
        /// A character outside the alphabet, or trailing bits that no encoder writes.
        Symbol,
    }

    pub fn encode_into(bytes: &[u8], out: &mut String) {
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
            for k in 0..=chunk.len() {
                out.push(char::from(SYMBOLS[(n >> (18 - 6 * k) & 63) as usize]));
            }
        }
    }

    fn value(c: u8) -> Result<u32, Error> {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return Err(Error::Symbol),
        };
        Ok(u32::from(v))
    }

    pub fn decode(text: &str) -> Result<Vec<u8>, Error> {
        let text = text.as_bytes();
        if text.len() % 4 == 1 {
            return Err(Error::Length);
        }
        let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
        for chunk in text.chunks(4) {
            let mut n = 0u32;
            for (k, &c) in chunk.iter().enumerate() {
                n |= value(c)? << (18 - 6 * k);
            }
            let bytes = chunk.len() - 1;
            if n & (0xff_ffff >> (8 * bytes)) != 0 {
                return Err(Error::Symbol);
            }
            for k in 0..bytes {
                out.push((n >> (16 - 8 * k)) as u8);
            }
        }
        Ok(out)
    }
}

fn serialize(view: &SharedView) -> Vec<u8> {
    let mut out = Vec::with_capacity(view.text.len() + 32 + view.collapsed.len() * 2);
    let mut flags = 0;
    if view.article_date.is_some() {
        flags |= FLAG_DATE;
    }
    if view.speaker.is_some() {
        flags |= FLAG_SPEAKER;
    }
    if view.quote.is_some() {
        flags |= FLAG_QUOTE;
    }
    if view.fact.is_some() {
        flags |= FLAG_FACT;
    }
    out.push(flags);
    put_bytes(&mut out, view.text.as_bytes());
    if let Some(date) = &view.article_date {
        put_bytes(&mut out, date.as_bytes());
    }
    put_varint(&mut out, view.collapsed.len() as u64);
    for &id in &view.collapsed {
        put_varint(&mut out, u64::from(id));
    }
    if let Some(id) = view.speaker {
        put_varint(&mut out, u64::from(id));
    }
    if let Some(id) = view.quote {
        put_varint(&mut out, u64::from(id));
    }
    if let Some(fact) = &view.fact {
        put_bytes(&mut out, fact.as_bytes());
    }
    out
}

fn deserialize(payload: &[u8]) -> Option<SharedView> {
    let mut r = Reader { rest: payload };
    let flags = r.byte()?;
    if flags & !KNOWN_FLAGS != 0 {
        return None;
    }
    let text = r.string()?;
    let article_date = if flags & FLAG_DATE != 0 {
        Some(r.string()?)
    } else {
        None
    };
    let count = r.varint()?;
    // Each id takes at least one byte: a count beyond what is left is a lie, not an allocation.
    if count > r.rest.len() as u64 {
        return None;
    }
    let mut collapsed = Vec::with_capacity(count as usize);
    for _ in 0..count {
        collapsed.push(r.u32()?);
    }
    let speaker = if flags & FLAG_SPEAKER != 0 {
        Some(r.u32()?)
    } else {
        None
    };
    let quote = if flags & FLAG_QUOTE != 0 {
        Some(r.u32()?)
    } else {
        None
    };
    let fact = if flags & FLAG_FACT != 0 {
        Some(r.string()?)
    } else {
        None
    };
    if !r.rest.is_empty() {
        return None;
    }
    Some(SharedView {
        text,
        article_date,
        collapsed,
        speaker,
        quote,
        fact,
    })
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

struct Reader<'a> {
    rest: &'a [u8],
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.rest.split_first()?;
        self.rest = rest;
        Some(b)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let part = u64::from(b & 0x7f);
            if shift == 63 && part > 1 {
                return None;
            }
            v |= part << shift;
            if b & 0x80 == 0 {
                // Only the shortest form is valid, so each view has exactly one encoding.
                if b == 0 && shift > 0 {
                    return None;
                }
                return Some(v);
            }
        }
        None
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.varint()?).ok()
    }

    fn string(&mut self) -> Option<String> {
        let len = usize::try_from(self.varint()?).ok()?;
        if len > self.rest.len() {
            return None;
        }
        let (bytes, rest) = self.rest.split_at(len);
        self.rest = rest;
        String::from_utf8(bytes.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    use proptest::prelude::*;

    fn sample() -> SharedView {
        SharedView {
            text: "Mayor Ana Ruiz said: «Le pont rouvrira.» 🚧\r\n\r\nZweiter Absatz — ünïcödé.\n"
                .to_owned(),
            article_date: Some("2026-11-27".to_owned()),
            collapsed: vec![3, 0, 200_000],
            speaker: Some(2),
            quote: Some(0),
            fact: Some("date:4".to_owned()),
        }
    }

    fn packed(fragment: &str) -> Vec<u8> {
        URL_SAFE_NO_PAD
            .decode(fragment.strip_prefix(FRAGMENT_PREFIX).unwrap())
            .unwrap()
    }

    fn fragment_of(packed: &[u8]) -> String {
        format!("{FRAGMENT_PREFIX}{}", URL_SAFE_NO_PAD.encode(packed))
    }

    #[test]
    fn round_trips_a_full_view() {
        let view = sample();
        let fragment = encode(&view);
        assert!(fragment.starts_with(FRAGMENT_PREFIX));
        assert!(fragment[FRAGMENT_PREFIX.len()..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(decode(&fragment), Ok(view.clone()));
        assert_eq!(decode(&format!("#{fragment}")), Ok(view));
    }

    #[test]
    fn round_trips_an_empty_view() {
        let view = SharedView::default();
        assert_eq!(decode(&encode(&view)), Ok(view));
    }

    #[test]
    fn none_and_empty_strings_stay_apart() {
        let view = SharedView {
            article_date: Some(String::new()),
            fact: Some(String::new()),
            ..SharedView::default()
        };
        assert_eq!(decode(&encode(&view)), Ok(view));
    }

    #[test]
    fn link_replaces_any_fragment_of_the_page_address() {
        let view = sample();
        let url = link("https://example.org/lede/#old", &view);
        let (base, fragment) = url.split_once('#').unwrap();
        assert_eq!(base, "https://example.org/lede/");
        assert_eq!(decode(fragment), Ok(view));
    }

    #[test]
    fn compresses_repetitive_text() {
        let text = "The council met on Tuesday and voted to reopen the bridge. ".repeat(200);
        let fragment = encode(&SharedView {
            text: text.clone(),
            ..SharedView::default()
        });
        assert!(
            fragment.len() * 10 < text.len(),
            "{} chars for {} bytes",
            fragment.len(),
            text.len()
        );
    }

    #[test]
    fn other_fragments_are_not_share_links() {
        assert!(!is_share_fragment(""));
        assert!(!is_share_fragment("#main"));
        assert!(is_share_fragment("#s=AQ"));
        assert_eq!(decode("#main"), Err(ShareError::NotALink));
        assert_eq!(decode(""), Err(ShareError::NotALink));
    }

    #[test]
    fn truncated_links_are_refused() {
        let fragment = encode(&sample());
        assert_eq!(decode(FRAGMENT_PREFIX), Err(ShareError::Truncated));
        // Every cut, whatever base64 makes of it, is refused, never silently accepted.
        for cut in FRAGMENT_PREFIX.len() + 1..fragment.len() {
            let err = decode(&fragment[..cut]).unwrap_err();
            assert!(
                matches!(err, ShareError::Truncated | ShareError::Damaged),
                "cut at {cut}: {err:?}"
            );
        }
        let mid = FRAGMENT_PREFIX.len() + 4 * ((fragment.len() - FRAGMENT_PREFIX.len()) / 8);
        assert_eq!(decode(&fragment[..mid]), Err(ShareError::Truncated));
    }

    #[test]
    fn changed_characters_are_refused() {
        let fragment = encode(&sample());
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut refused = 0;
        let mut tried = 0;
        // Change each character after the version byte to another one of the alphabet.
        for i in FRAGMENT_PREFIX.len() + 2..fragment.len() {
            let mut bytes = fragment.clone().into_bytes();
            let old = bytes[i];
            bytes[i] = alphabet[(alphabet.iter().position(|&c| c == old).unwrap() + 17) % 64];
            let tampered = String::from_utf8(bytes).unwrap();
            tried += 1;
            match decode(&tampered) {
                Err(_) => refused += 1,
                Ok(view) => assert_ne!(view, sample(), "a change at {i} went unnoticed"),
            }
        }
        // The checksum catches nearly every change; the rest decode to a different view.
        assert!(refused * 10 >= tried * 9, "{refused} of {tried} refused");
    }

    #[test]
    fn characters_outside_base64url_are_refused() {
        let fragment = encode(&sample());
        let bad = format!("{}+/{}", &fragment[..6], &fragment[8..]);
        assert_eq!(decode(&bad), Err(ShareError::Damaged));
        assert_eq!(decode("s=AQ=="), Err(ShareError::Damaged));
    }

    #[test]
    fn unknown_versions_are_refused_with_their_number() {
        let mut bytes = packed(&encode(&sample()));
        bytes[0] = 2;
        let err = decode(&fragment_of(&bytes)).unwrap_err();
        assert_eq!(err, ShareError::UnknownVersion(2));
        assert!(err.to_string().contains("newer version"), "{err}");
        bytes[0] = 0;
        assert_eq!(decode(&fragment_of(&bytes)), Err(ShareError::Damaged));
    }

    #[test]
    fn decompression_is_bounded() {
        // 20 MiB of zeros deflate to about 20 KB: a short link that would unpack past the cap.
        let bomb = vec![0u8; 20 * 1024 * 1024];
        let mut bytes = vec![VERSION];
        bytes.extend(miniz_oxide::deflate::compress_to_vec_zlib(&bomb, 9));
        let fragment = fragment_of(&bytes);
        assert!(fragment.len() < 100_000);
        assert_eq!(decode(&fragment), Err(ShareError::TooLarge));
    }

    #[test]
    fn malformed_payloads_are_refused() {
        let cases: &[&[u8]] = &[
            &[],                                      // no flags
            &[0x10, 0],                               // unknown flag
            &[0, 5, b'a'],                            // text shorter than its length
            &[0, 1, 0xff, 0],                         // text not UTF-8
            &[0, 0, 9],                               // more collapsed ids than bytes
            &[0, 0, 1, 0x80, 0],                      // overlong varint
            &[0, 0, 1, 0xff, 0xff, 0xff, 0xff, 0x7f], // id past u32
            &[FLAG_SPEAKER, 0, 0],                    // speaker missing
            &[0, 0, 0, 7],                            // trailing byte
        ];
        for payload in cases {
            let mut bytes = vec![VERSION];
            bytes.extend(miniz_oxide::deflate::compress_to_vec_zlib(payload, 9));
            assert_eq!(
                decode(&fragment_of(&bytes)),
                Err(ShareError::Damaged),
                "{payload:?}"
            );
        }
    }

    #[test]
    fn every_error_speaks_to_the_reader() {
        for err in [
            ShareError::NotALink,
            ShareError::Truncated,
            ShareError::Damaged,
            ShareError::UnknownVersion(7),
            ShareError::TooLarge,
        ] {
            let message = err.to_string();
            assert!(message.starts_with("This "), "{message}");
            assert!(message.ends_with('.'), "{message}");
        }
    }

    #[test]
    fn reach_follows_the_thresholds() {
        assert_eq!(LinkReach::of_length(1_999), LinkReach::Anywhere);
        assert_eq!(LinkReach::of_length(2_001), LinkReach::NotOldTools);
        assert_eq!(LinkReach::of_length(8_001), LinkReach::BrowsersOnly);
        assert_eq!(
            LinkReach::of_length(limits::HARD_CAP + 1),
            LinkReach::TooLong
        );
        assert!(LinkReach::Anywhere.warning().is_none());
        assert!(LinkReach::TooLong.warning().unwrap().contains("file"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn any_view_round_trips(
            text in any::<String>(),
            article_date in proptest::option::of(any::<String>()),
            collapsed in proptest::collection::vec(any::<u32>(), 0..8),
            speaker in proptest::option::of(any::<u32>()),
            quote in proptest::option::of(any::<u32>()),
            fact in proptest::option::of("[a-z]{1,6}:[0-9]{1,4}"),
        ) {
            let view = SharedView { text, article_date, collapsed, speaker, quote, fact };
            let decoded = decode(&encode(&view)).unwrap();
            prop_assert_eq!(decoded.text.as_bytes(), view.text.as_bytes());
            prop_assert_eq!(decoded, view);
        }

        #[test]
        fn base64url_agrees_with_the_base64_crate(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let mut ours = String::new();
            base64url::encode_into(&bytes, &mut ours);
            prop_assert_eq!(&ours, &URL_SAFE_NO_PAD.encode(&bytes));
            prop_assert_eq!(base64url::decode(&ours), Ok(bytes));
        }

        #[test]
        fn base64url_refuses_what_the_base64_crate_refuses(text in "[A-Za-z0-9_=+/-]{0,12}") {
            prop_assert_eq!(base64url::decode(&text).ok(), URL_SAFE_NO_PAD.decode(&text).ok());
        }

        #[test]
        fn arbitrary_fragments_never_panic(data in "[A-Za-z0-9_-]{0,200}") {
            if let Ok(view) = decode(&format!("s=A{data}")) {
                prop_assert_eq!(decode(&encode(&view)), Ok(view));
            }
        }
    }
}
