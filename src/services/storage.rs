//! The draft, the reader's article date and theme, kept in the browser's local storage.
//!
//! Each value is stored as a JSON string (`"…"`), so drafts saved by earlier versions load
//! unchanged. It is written with `serde_json`'s serialiser, which the page has anyway for the
//! JSON export, and read with the browser's own `JSON.parse`, so the page carries no JSON reader.

const DRAFT: &str = "lede.draft";
const DATE: &str = "lede.date";
const THEME: &str = "lede.theme";

/// The page's local storage; `None` where the browser blocks it.
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn get(key: &str) -> Option<String> {
    let stored = storage()?.get_item(key).ok()??;
    js_sys::JSON::parse(&stored).ok()?.as_string()
}

fn set(key: &str, value: &str) -> Result<(), ()> {
    storage()
        .ok_or(())?
        .set_item(key, &serde_json::to_string(value).map_err(|_| ())?)
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
