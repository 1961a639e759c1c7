//! The share-link codec. Three modes, chosen by the first byte:
//! 0. the rest, as text, is a URL fragment: `decode` must not panic;
//! 1. the rest is a payload, wrapped into a well-formed link (version byte, zlib, base64url) so
//!    the fuzzer reaches the payload reader: `decode` must not panic;
//! 2. the rest builds an arbitrary `SharedView`: `encode` then `decode` gives it back, and every
//!    cut-off prefix of the link decodes to an error or the same view, never a panic.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use lede_web::services::share::{self, SharedView, FRAGMENT_PREFIX, VERSION};
use libfuzzer_sys::fuzz_target;

/// A mirror of `SharedView`, so the app need not depend on `arbitrary`.
#[derive(Arbitrary, Debug)]
struct View {
    text: String,
    article_date: Option<String>,
    collapsed: Vec<u32>,
    speaker: Option<u32>,
    quote: Option<u32>,
    fact: Option<String>,
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode % 3 {
        0 => {
            let fragment = String::from_utf8_lossy(rest);
            let _ = share::decode(&fragment);
            let _ = share::decode(&format!("{FRAGMENT_PREFIX}{fragment}"));
        }
        1 => {
            let mut packed = vec![VERSION];
            packed.extend_from_slice(&miniz_oxide::deflate::compress_to_vec_zlib(rest, 1));
            let link = format!("{FRAGMENT_PREFIX}{}", URL_SAFE_NO_PAD.encode(&packed));
            let _ = share::decode(&link);
        }
        _ => {
            let Ok(v) = View::arbitrary_take_rest(Unstructured::new(rest)) else {
                return;
            };
            let view = SharedView {
                text: v.text,
                article_date: v.article_date,
                collapsed: v.collapsed,
                speaker: v.speaker,
                quote: v.quote,
                fact: v.fact,
            };
            let link = share::encode(&view);
            assert!(share::is_share_fragment(&link));
            assert_eq!(
                share::decode(&link).as_ref(),
                Ok(&view),
                "round trip of {link}"
            );
            assert_eq!(share::decode(&format!("#{link}")).as_ref(), Ok(&view));
            // A link cut short on its way must fail cleanly (or, if only padding-free tail bits
            // went, still give the same view).
            for cut in [link.len() / 2, link.len().saturating_sub(1)] {
                if let Ok(got) = share::decode(&link[..cut]) {
                    assert_eq!(got, view, "a cut-off link decoded to a different view");
                }
            }
        }
    }
});
