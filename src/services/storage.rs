//! The draft, the reader's article date and theme, kept in the browser's local storage.
//!
//! Each value is stored as a JSON string (`"…"`), so drafts saved by earlier versions load
//! unchanged. It is written and read with the browser's own `JSON.stringify` and `JSON.parse`:
//! the page carries no JSON reader, and a long draft is escaped natively.

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
    use wasm_bindgen::JsCast;
    let store = storage().ok_or(())?;
    let json = js_sys::JSON::stringify(&value.into()).map_err(|_| ())?;
    // `setItem` called with the JavaScript string as it is: a long draft is not copied back
    // into the module and out again.
    let set_item: js_sys::Function = js_sys::Reflect::get(&store, &"setItem".into())
        .map_err(|_| ())?
        .dyn_into()
        .map_err(|_| ())?;
    set_item
        .call2(&store, &key.into(), &json)
        .map(|_| ())
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
