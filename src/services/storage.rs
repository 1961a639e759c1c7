//! The draft, the reader's article date and theme, kept in the browser's local storage.

use gloo::storage::{LocalStorage, Storage};

const DRAFT: &str = "lede.draft";
const DATE: &str = "lede.date";
const THEME: &str = "lede.theme";

pub fn load_draft() -> Option<String> {
    LocalStorage::get(DRAFT).ok()
}

/// Save the draft. The error is a sentence for the reader.
pub fn save_draft(text: &str) -> Result<(), String> {
    LocalStorage::set(DRAFT, text).map_err(|_| {
        "Your text could not be saved in this browser (its storage is full or blocked). \
         It stays here while this page is open: copy it somewhere safe before closing."
            .to_string()
    })
}

pub fn load_date() -> Option<String> {
    LocalStorage::get(DATE).ok()
}

pub fn save_date(date: Option<&str>) {
    match date {
        Some(d) => {
            let _ = LocalStorage::set(DATE, d);
        }
        None => LocalStorage::delete(DATE),
    }
}

pub fn load_theme() -> Option<String> {
    LocalStorage::get(THEME).ok()
}

pub fn save_theme(name: &str) {
    let _ = LocalStorage::set(THEME, name);
}

/// The saved draft as raw JSON-free text, for the error panel (which cannot rely on serde
/// state of the app).
pub fn raw_draft() -> Option<String> {
    load_draft()
}
