//! The draft, the reader's article date and theme, kept in the browser's local storage.
//!
//! Each value is stored as a JSON string (`"…"`, as `serde_json` writes one), so drafts saved
//! by earlier versions load unchanged. The few lines of [`json`] stand in for a JSON library in
//! the page; the tests check them against `serde_json`.

const DRAFT: &str = "lede.draft";
const DATE: &str = "lede.date";
const THEME: &str = "lede.theme";

/// The page's local storage; `None` where the browser blocks it.
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn get(key: &str) -> Option<String> {
    json::decode(&storage()?.get_item(key).ok()??)
}

fn set(key: &str, value: &str) -> Result<(), ()> {
    storage()
        .ok_or(())?
        .set_item(key, &json::encode(value))
        .map_err(|_| ())
}

pub fn load_draft() -> Option<String> {
    get(DRAFT)
}

/// Save the draft. The error is a sentence for the reader.
pub fn save_draft(text: &str) -> Result<(), String> {
    set(DRAFT, text).map_err(|_| {
        "Your text could not be saved in this browser (its storage is full or blocked). \
         It stays here while this page is open: copy it somewhere safe before closing."
            .to_string()
    })
}

pub fn load_date() -> Option<String> {
    get(DATE)
}

pub fn save_date(date: Option<&str>) {
    match date {
        Some(d) => {
            let _ = set(DATE, d);
        }
        None => {
            if let Some(s) = storage() {
                let _ = s.remove_item(DATE);
            }
        }
    }
}

pub fn load_theme() -> Option<String> {
    get(THEME)
}

pub fn save_theme(name: &str) {
    let _ = set(THEME, name);
}

/// The saved draft, for the error panel (which cannot rely on the app's state).
pub fn raw_draft() -> Option<String> {
    load_draft()
}

/// A JSON string value (RFC 8259 §7), written and read as `serde_json` does for a `String`.
pub mod json {
    /// `s` as a JSON string: `"`, `\` and control characters escaped, nothing else.
    pub fn encode(s: &str) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut out = String::with_capacity(s.len() + 2);
        out.push('"');
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if c < ' ' => {
                    out.push_str("\\u00");
                    out.push(char::from(HEX[c as usize >> 4]));
                    out.push(char::from(HEX[c as usize & 15]));
                }
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    /// The string a JSON text holds, or `None` when the text is not one JSON string (with
    /// optional white space around it). Lone surrogate escapes are refused, as `serde_json`
    /// refuses them.
    pub fn decode(text: &str) -> Option<String> {
        let ws = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
        let body = text.trim_matches(ws).strip_prefix('"')?.strip_suffix('"')?;
        let mut out = String::with_capacity(body.len());
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' | '\u{0}'..='\u{1f}' => return None,
                '\\' => {
                    let e = match chars.next()? {
                        '"' => '"',
                        '\\' => '\\',
                        '/' => '/',
                        'b' => '\u{8}',
                        'f' => '\u{c}',
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        'u' => {
                            let hi = hex4(&mut chars)?;
                            match hi {
                                0xD800..=0xDBFF => {
                                    if chars.next()? != '\\' || chars.next()? != 'u' {
                                        return None;
                                    }
                                    let lo = hex4(&mut chars)?;
                                    if !(0xDC00..=0xDFFF).contains(&lo) {
                                        return None;
                                    }
                                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))?
                                }
                                _ => char::from_u32(hi)?,
                            }
                        }
                        _ => return None,
                    };
                    out.push(e);
                }
                c => out.push(c),
            }
        }
        Some(out)
    }

    fn hex4(chars: &mut std::str::Chars<'_>) -> Option<u32> {
        (0..4).try_fold(0, |n, _| Some(n << 4 | chars.next()?.to_digit(16)?))
    }
}

#[cfg(test)]
mod tests {
    use super::json;
    use proptest::prelude::*;

    fn serde(s: &str) -> Option<String> {
        serde_json::from_str(s).ok()
    }

    #[test]
    fn reads_what_serde_json_reads() {
        for text in [
            r#""""#,
            r#""plain""#,
            " \t\r\n\"spaced\" \n",
            r#""quote \" slash \\ solidus \/ \b\f\n\r\t""#,
            r#""\u00e9\u00E9 \ud83d\ude00 \u0000""#,
            r#""lone \ud83d""#,
            r#""lone \ude00""#,
            r#""high then other \ud83d\u0041""#,
            r#""bad \x""#,
            r#""short \u12""#,
            "\"raw\ncontrol\"",
            r#""trailing" x"#,
            r#""two" "strings""#,
            r#""inner " quote""#,
            r#""ends in escape\""#,
            "\"",
            "",
            "null",
            "42",
            r#"["list"]"#,
            "'single'",
            "\"émoji 😀 and ünïcode\"",
        ] {
            assert_eq!(json::decode(text), serde(text), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn writes_what_serde_json_writes(s in any::<String>()) {
            let ours = json::encode(&s);
            prop_assert_eq!(&ours, &serde_json::to_string(&s).unwrap());
            prop_assert_eq!(json::decode(&ours), Some(s));
        }

        #[test]
        fn reads_any_text_as_serde_json_does(s in "[ \"\\\\/bfnrtuU0-9a-fA-FD\u{1}\u{e9}x]{0,12}") {
            prop_assert_eq!(json::decode(&s), serde(&s));
        }
    }
}
