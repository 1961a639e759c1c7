//! The app's state and its transitions: one pure reducer over [`Action`]s.

use crate::model::{iso_date, parse_iso_date};
use crate::services::share::SharedView;
use lede_core::{CivilDate, InputBlock, QuoteId, SectionId, SpeakerId, MAX_INPUT_BYTES};
use std::rc::Rc;
use yew::prelude::*;

/// What the parser reads: the plain text, or the structured blocks of an HTML paste or file.
#[derive(Clone, Debug)]
pub enum Input {
    Text(Rc<str>),
    Blocks(Rc<[InputBlock]>),
}

/// Equal shared values, by pointer first. `Rc`'s own `==` compares the contents even when both
/// point at the same value, and the app compares its state on every render: a 1 MB article
/// would be compared byte by byte dozens of times per update.
fn same<T: PartialEq + ?Sized>(a: &Rc<T>, b: &Rc<T>) -> bool {
    Rc::ptr_eq(a, b) || a == b
}

fn same_opt<T: PartialEq + ?Sized>(a: &Option<Rc<T>>, b: &Option<Rc<T>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// Shared text as a hook's dependency: equal by pointer first, like [`AppState`]'s own fields.
#[derive(Clone, Debug)]
pub struct SharedText(pub Rc<str>);

impl PartialEq for SharedText {
    fn eq(&self, other: &Self) -> bool {
        same(&self.0, &other.0)
    }
}

impl PartialEq for Input {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Input::Text(a), Input::Text(b)) => same(a, b),
            (Input::Blocks(a), Input::Blocks(b)) => same(a, b),
            _ => false,
        }
    }
}

impl Default for Input {
    fn default() -> Self {
        Input::Text(Rc::from(""))
    }
}

/// The collapsed sections: a set of ids, in order. A sorted `Vec` rather than a `BTreeSet`,
/// which would add its own copy of the B-tree code to the page for a handful of ids.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SectionSet(Vec<SectionId>);

impl SectionSet {
    fn find(&self, id: SectionId) -> Result<usize, usize> {
        self.0.binary_search_by_key(&id.0, |s| s.0)
    }

    pub fn contains(&self, id: &SectionId) -> bool {
        self.find(*id).is_ok()
    }

    /// Adds `id`, or removes it when the set holds it.
    pub fn toggle(&mut self, id: SectionId) {
        match self.find(id) {
            Ok(i) => {
                self.0.remove(i);
            }
            Err(i) => self.0.insert(i, id),
        }
    }

    /// The ids in increasing order.
    pub fn iter(&self) -> std::slice::Iter<'_, SectionId> {
        self.0.iter()
    }
}

impl FromIterator<SectionId> for SectionSet {
    fn from_iter<I: IntoIterator<Item = SectionId>>(ids: I) -> Self {
        let mut ids: Vec<SectionId> = ids.into_iter().collect();
        crate::model::sort_by_num(&mut ids, |s| u64::from(s.0));
        ids.dedup();
        SectionSet(ids)
    }
}

/// How soon an edit is analysed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Urgency {
    /// A paste, a file, the Analyze button.
    Now,
    /// Typing: wait for a pause.
    Typing,
}

impl Urgency {
    /// The pause before the analysis; it then still waits for a painted frame.
    pub fn delay_ms(self) -> u32 {
        match self {
            Urgency::Now => 0,
            Urgency::Typing => 400,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Article,
    Quotes,
    Facts,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Dark,
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::System,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_name(s: &str) -> Theme {
        match s {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    /// Something the reader must know before reading on (the text is only read in part).
    Warning,
    Error,
}

/// A dismissible message at the top of the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: AttrValue,
    /// Offer to bring back the text in `AppState::undo`.
    pub undo: bool,
}

#[derive(Clone, Debug, Default)]
pub struct AppState {
    /// The text area's content, saved locally as the reader edits.
    pub draft: Rc<str>,
    /// The structure of the draft when it came from HTML and was not edited since.
    pub blocks: Option<Rc<[InputBlock]>>,
    /// What the reading view shows (lags `draft` while an analysis is pending).
    pub analysed: Input,
    pub pending: Option<Urgency>,
    pub edit_seq: u32,
    /// The article date the reader set; `None` uses the one found in the text.
    pub date: Option<CivilDate>,
    pub collapsed: Rc<SectionSet>,
    pub speaker: Option<SpeakerId>,
    pub quote: Option<QuoteId>,
    pub fact: Option<AttrValue>,
    /// Bumped when a choice should bring the text into view.
    pub focus_seq: u32,
    pub hide_marks: bool,
    pub theme: Theme,
    pub tab: Tab,
    /// Text that "Undo" brings back.
    pub undo: Option<Rc<str>>,
    pub notice: Option<Notice>,
    pub storage_error: Option<AttrValue>,
}

impl PartialEq for AppState {
    fn eq(&self, o: &Self) -> bool {
        // Every field named, so a new one cannot be left out of the comparison.
        let AppState {
            draft,
            blocks,
            analysed,
            pending,
            edit_seq,
            date,
            collapsed,
            speaker,
            quote,
            fact,
            focus_seq,
            hide_marks,
            theme,
            tab,
            undo,
            notice,
            storage_error,
        } = self;
        same(draft, &o.draft)
            && same_opt(blocks, &o.blocks)
            && *analysed == o.analysed
            && *pending == o.pending
            && *edit_seq == o.edit_seq
            && *date == o.date
            && same(collapsed, &o.collapsed)
            && *speaker == o.speaker
            && *quote == o.quote
            && *fact == o.fact
            && *focus_seq == o.focus_seq
            && *hide_marks == o.hide_marks
            && *theme == o.theme
            && *tab == o.tab
            && same_opt(undo, &o.undo)
            && *notice == o.notice
            && *storage_error == o.storage_error
    }
}

/// What "Try an example" does: load the example article.
pub fn load_example() -> Action {
    Action::Load {
        text: crate::EXAMPLE.to_string(),
        blocks: None,
    }
}

pub enum Action {
    /// The reader typed in the text area.
    Edit(String),
    /// New text from a paste, a file or the example, with its structure when it had one.
    Load {
        text: String,
        blocks: Option<Vec<InputBlock>>,
    },
    /// The start of a file too large to open whole (`bytes` long).
    LoadFileStart {
        text: String,
        blocks: Option<Vec<InputBlock>>,
        bytes: u64,
    },
    /// The Analyze button.
    AnalyseNow,
    /// The pending analysis is due (ignored when the text changed since).
    Analyse {
        seq: u32,
    },
    SetDate(Option<CivilDate>),
    ToggleSection(SectionId),
    ExpandAll,
    CollapseAll(Vec<SectionId>),
    FilterSpeaker(Option<SpeakerId>),
    ChooseQuote {
        id: QuoteId,
        section: Option<SectionId>,
    },
    ChooseFact {
        key: AttrValue,
        sections: Vec<SectionId>,
    },
    ClearChoice,
    ToggleMarks,
    CycleTheme,
    SetTab(Tab),
    NewArticle,
    Undo,
    Restore(SharedView),
    Notify(Notice),
    DismissNotice,
    StorageFailed(AttrValue),
    StorageOk,
}

impl AppState {
    /// A state showing `draft`, analysed at once.
    pub fn with_draft(draft: &str) -> AppState {
        let draft: Rc<str> = Rc::from(draft);
        AppState {
            analysed: Input::Text(draft.clone()),
            draft,
            ..AppState::default()
        }
    }

    fn input(&self) -> Input {
        match &self.blocks {
            Some(b) => Input::Blocks(b.clone()),
            None => Input::Text(self.draft.clone()),
        }
    }

    fn clear_view(&mut self) {
        self.collapsed = Rc::default();
        self.speaker = None;
        self.quote = None;
        self.fact = None;
        self.tab = Tab::Article;
    }

    fn load(&mut self, text: Rc<str>, blocks: Option<Rc<[InputBlock]>>) {
        self.draft = text;
        self.blocks = blocks;
        self.pending = Some(Urgency::Now);
        self.edit_seq = self.edit_seq.wrapping_add(1);
        self.clear_view();
    }

    /// Load new text, keeping the reader's for "Undo" when it is replaced; `size` is what to
    /// say first about the new text's size, if anything.
    fn load_replacing(
        &mut self,
        text: String,
        blocks: Option<Vec<InputBlock>>,
        size: Option<String>,
    ) {
        let previous = self.draft.clone();
        // Text that replaces the reader's (an example, a file) can be undone.
        let replaced = !previous.trim().is_empty() && !text.contains(previous.trim());
        self.load(Rc::from(text), blocks.map(Rc::from));
        let replaced_note = "The previous text was replaced.";
        self.notice = match (size, replaced) {
            (Some(size), true) => Some(Notice {
                kind: NoticeKind::Warning,
                text: format!("{size} {replaced_note}").into(),
                undo: true,
            }),
            (Some(size), false) => Some(Notice {
                kind: NoticeKind::Warning,
                text: size.into(),
                undo: false,
            }),
            (None, true) => Some(Notice {
                kind: NoticeKind::Info,
                text: replaced_note.into(),
                undo: true,
            }),
            (None, false) => None,
        };
        if replaced {
            self.undo = Some(previous);
        }
    }

    /// The view as a share link carries it.
    // The update keeps this compiling when share links learn new fields.
    #[allow(clippy::needless_update)]
    pub fn shared_view(&self) -> SharedView {
        SharedView {
            text: self.draft.to_string(),
            article_date: self.date.map(iso_date),
            collapsed: self.collapsed.iter().map(|s| s.0).collect(),
            speaker: self.speaker.map(|s| s.0),
            quote: self.quote.map(|q| q.0),
            fact: self.fact.as_ref().map(|f| f.to_string()),
            ..SharedView::default()
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Edit(text) => {
                if *s.draft == *text {
                    return self;
                }
                // Said once, when the text grows past the limit (a drop, a long insertion).
                if text.len() > MAX_INPUT_BYTES && s.draft.len() <= MAX_INPUT_BYTES {
                    s.notice = Some(Notice {
                        kind: NoticeKind::Warning,
                        text: too_long(text.len()).into(),
                        undo: false,
                    });
                }
                s.draft = Rc::from(text);
                s.blocks = None;
                s.pending = Some(Urgency::Typing);
                s.edit_seq = s.edit_seq.wrapping_add(1);
            }
            Action::Load { text, blocks } => {
                let size = (text.len() > MAX_INPUT_BYTES).then(|| too_long(text.len()));
                s.load_replacing(text, blocks, size);
            }
            Action::LoadFileStart {
                text,
                blocks,
                bytes,
            } => {
                let size = file_start(bytes, text.len());
                s.load_replacing(text, blocks, Some(size));
            }
            Action::AnalyseNow => {
                s.pending = Some(Urgency::Now);
                s.edit_seq = s.edit_seq.wrapping_add(1);
            }
            Action::Analyse { seq } => {
                if seq != s.edit_seq || s.pending.is_none() {
                    return self;
                }
                s.analysed = s.input();
                s.pending = None;
            }
            Action::SetDate(date) => s.date = date,
            Action::ToggleSection(id) => {
                let mut set = (*s.collapsed).clone();
                set.toggle(id);
                s.collapsed = Rc::new(set);
            }
            Action::ExpandAll => s.collapsed = Rc::default(),
            Action::CollapseAll(ids) => s.collapsed = Rc::new(ids.into_iter().collect()),
            Action::FilterSpeaker(speaker) => s.speaker = speaker,
            Action::ChooseQuote { id, section } => {
                if s.quote == Some(id) {
                    s.quote = None;
                } else {
                    s.quote = Some(id);
                    s.fact = None;
                    expand(&mut s, section);
                    s.tab = Tab::Article;
                    s.focus_seq = s.focus_seq.wrapping_add(1);
                }
            }
            Action::ChooseFact { key, sections } => {
                if s.fact.as_ref() == Some(&key) {
                    s.fact = None;
                } else {
                    s.fact = Some(key);
                    s.quote = None;
                    for id in sections {
                        expand(&mut s, Some(id));
                    }
                    s.focus_seq = s.focus_seq.wrapping_add(1);
                }
            }
            Action::ClearChoice => {
                s.quote = None;
                s.fact = None;
            }
            Action::ToggleMarks => s.hide_marks = !s.hide_marks,
            Action::CycleTheme => s.theme = s.theme.next(),
            Action::SetTab(tab) => s.tab = tab,
            Action::NewArticle => {
                if s.draft.trim().is_empty() {
                    return self;
                }
                s.undo = Some(s.draft.clone());
                s.draft = Rc::from("");
                s.blocks = None;
                s.analysed = Input::default();
                s.pending = None;
                s.edit_seq = s.edit_seq.wrapping_add(1);
                s.date = None;
                s.clear_view();
                s.notice = Some(Notice {
                    kind: NoticeKind::Info,
                    text: "The article was cleared.".into(),
                    undo: true,
                });
            }
            Action::Undo => {
                let Some(text) = s.undo.take() else {
                    return self;
                };
                s.load(text, None);
                s.notice = None;
            }
            Action::Restore(view) => {
                let previous = s.draft.clone();
                let text: Rc<str> = Rc::from(view.text);
                s.draft = text.clone();
                s.blocks = None;
                s.analysed = Input::Text(text.clone());
                s.pending = None;
                s.date = view.article_date.as_deref().and_then(parse_iso_date);
                s.collapsed = Rc::new(view.collapsed.into_iter().map(SectionId).collect());
                s.speaker = view.speaker.map(SpeakerId);
                s.quote = view.quote.map(QuoteId);
                s.fact = view.fact.map(AttrValue::from);
                s.focus_seq = s.focus_seq.wrapping_add(1);
                let keep = !previous.trim().is_empty() && previous != text;
                s.undo = keep.then_some(previous);
                let opened = if keep {
                    "Opened a shared article. Your own draft was put aside."
                } else {
                    "Opened a shared article."
                };
                s.notice = Some(if text.len() > MAX_INPUT_BYTES {
                    Notice {
                        kind: NoticeKind::Warning,
                        text: format!("{opened} {}", too_long(text.len())).into(),
                        undo: keep,
                    }
                } else {
                    Notice {
                        kind: NoticeKind::Info,
                        text: opened.into(),
                        undo: keep,
                    }
                });
            }
            Action::Notify(n) => s.notice = Some(n),
            Action::DismissNotice => s.notice = None,
            Action::StorageFailed(msg) => {
                if s.storage_error.as_ref() == Some(&msg) {
                    return self;
                }
                s.storage_error = Some(msg);
            }
            Action::StorageOk => {
                if s.storage_error.is_none() {
                    return self;
                }
                s.storage_error = None;
            }
        }
        Rc::new(s)
    }
}

/// Files larger than this are not read whole: a browser tab cannot hold much more as text,
/// and a text area slows to a crawl long before. Only their start is opened.
pub const MAX_FILE_BYTES: u64 = 4 * MAX_INPUT_BYTES as u64;

/// A size as the reader sees it: in MB of 1024 × 1024 bytes (the unit of the parser's limit),
/// rounded up to a tenth so that a text just over the limit does not read as equal to it.
/// Integer arithmetic: formatting floats would add its own code to the page.
pub fn megabytes(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    let tenths = bytes.saturating_mul(10).div_ceil(MB);
    let (whole, tenth) = (tenths / 10, tenths % 10);
    if tenth == 0 {
        format!("{whole} MB")
    } else {
        format!("{whole}.{tenth} MB")
    }
}

/// What the reader is told, before any analysis, about a text over the parser's limit
/// (`lede_core::MAX_INPUT_BYTES`, where the parser cuts at the last paragraph break).
pub fn too_long(bytes: usize) -> String {
    let limit = megabytes(MAX_INPUT_BYTES as u64);
    format!(
        "This text is {}. Lede analyses up to {limit} in the browser, to keep the page \
         responsive and within the memory a tab may use: it reads the first {limit} (up to \
         the last paragraph break, when there is one) and leaves the rest out. Your whole \
         text is kept in the text box, so nothing is lost; to read the rest, paste it in parts.",
        megabytes(bytes as u64)
    )
}

/// What the reader is told when only the start (`read` bytes) of a larger file was opened.
pub fn file_start(bytes: u64, read: usize) -> String {
    format!(
        "This file is {}, more than a browser tab can hold as text: Lede opened its first {}, \
         the most it analyses in the browser (to keep the page responsive and within the \
         memory a tab may use). The file itself is unchanged.",
        megabytes(bytes),
        megabytes(read as u64)
    )
}

fn expand(s: &mut AppState, section: Option<SectionId>) {
    if let Some(id) = section {
        if s.collapsed.contains(&id) {
            let mut set = (*s.collapsed).clone();
            set.toggle(id);
            s.collapsed = Rc::new(set);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(state: AppState, actions: Vec<Action>) -> Rc<AppState> {
        actions.into_iter().fold(Rc::new(state), |s, a| s.reduce(a))
    }

    #[test]
    fn states_compare_their_shared_text_by_pointer_then_by_content() {
        let a = AppState::with_draft("One article.");
        assert_eq!(a, a.clone());
        // The same text in another allocation is still the same state.
        assert_eq!(a, AppState::with_draft("One article."));
        assert_ne!(a, AppState::with_draft("Another article."));
        let mut b = a.clone();
        b.undo = Some(a.draft.clone());
        assert_ne!(a, b);
        let text: Rc<str> = Rc::from("One article.");
        assert_eq!(
            Input::Text(text.clone()),
            Input::Text(Rc::from("One article."))
        );
        assert_ne!(Input::Text(text), Input::Blocks(Rc::from(Vec::new())));
    }

    #[test]
    fn section_sets_keep_each_id_once_in_order() {
        let ids = |set: &SectionSet| set.iter().map(|s| s.0).collect::<Vec<_>>();
        let mut set: SectionSet = [5, 1, 3, 1, 5].into_iter().map(SectionId).collect();
        assert_eq!(ids(&set), [1, 3, 5]);
        set.toggle(SectionId(2));
        set.toggle(SectionId(5));
        assert_eq!(ids(&set), [1, 2, 3]);
        assert!(set.contains(&SectionId(2)) && !set.contains(&SectionId(5)));
        assert_eq!(set, [3, 2, 1].into_iter().map(SectionId).collect());
    }

    #[test]
    fn typing_waits_and_a_stale_timer_is_ignored() {
        let s = run(AppState::default(), vec![Action::Edit("One".into())]);
        assert_eq!(s.pending, Some(Urgency::Typing));
        let seq = s.edit_seq;
        let s = run(
            (*s).clone(),
            vec![Action::Edit("One two".into()), Action::Analyse { seq }],
        );
        assert_eq!(
            s.analysed,
            Input::Text(Rc::from("")),
            "the stale timer did nothing"
        );
        let s = s.reduce(Action::Analyse { seq: seq + 1 });
        assert_eq!(s.analysed, Input::Text(Rc::from("One two")));
        assert_eq!(s.pending, None);
    }

    #[test]
    fn editing_drops_the_html_structure() {
        let blocks = vec![InputBlock {
            kind: lede_core::InputBlockKind::Heading(2),
            text: "Head".into(),
        }];
        let s = run(
            AppState::default(),
            vec![Action::Load {
                text: "Head".into(),
                blocks: Some(blocks),
            }],
        );
        let s = s.reduce(Action::Analyse { seq: 1 });
        assert!(matches!(s.analysed, Input::Blocks(_)));
        let s = run(
            (*s).clone(),
            vec![Action::Edit("Head!".into()), Action::Analyse { seq: 2 }],
        );
        assert_eq!(s.analysed, Input::Text(Rc::from("Head!")));
    }

    #[test]
    fn new_article_can_be_undone() {
        let s = run(AppState::with_draft("Some text"), vec![Action::NewArticle]);
        assert_eq!(&*s.draft, "");
        assert!(s.notice.as_ref().is_some_and(|n| n.undo));
        let s = s.reduce(Action::Undo);
        assert_eq!(&*s.draft, "Some text");
        assert!(s.notice.is_none());
    }

    #[test]
    fn loading_over_a_draft_can_be_undone_but_a_paste_into_it_needs_no_undo() {
        let load = |t: &str| Action::Load {
            text: t.into(),
            blocks: None,
        };
        let s = run(AppState::with_draft("Mine."), vec![load("An example.")]);
        assert_eq!(s.undo.as_deref(), Some("Mine."));
        let s = s.reduce(Action::Undo);
        assert_eq!(&*s.draft, "Mine.");
        let s = run(
            AppState::with_draft("Mine."),
            vec![load("Mine. And more pasted.")],
        );
        assert!(s.notice.is_none() && s.undo.is_none());
    }

    #[test]
    fn choosing_a_quote_expands_its_section_and_toggles() {
        let s = run(
            AppState::with_draft("x"),
            vec![
                Action::CollapseAll(vec![SectionId(0), SectionId(1)]),
                Action::SetTab(Tab::Quotes),
                Action::ChooseQuote {
                    id: QuoteId(3),
                    section: Some(SectionId(1)),
                },
            ],
        );
        assert_eq!(s.quote, Some(QuoteId(3)));
        assert_eq!(s.tab, Tab::Article);
        assert!(s.collapsed.contains(&SectionId(0)) && !s.collapsed.contains(&SectionId(1)));
        let s = s.reduce(Action::ChooseQuote {
            id: QuoteId(3),
            section: Some(SectionId(1)),
        });
        assert_eq!(s.quote, None);
    }

    #[test]
    fn a_shared_view_round_trips_through_the_state() {
        let s = run(
            AppState::with_draft("Mine"),
            vec![
                Action::SetDate(Some(CivilDate {
                    year: 2016,
                    month: 2,
                    day: 22,
                })),
                Action::ToggleSection(SectionId(2)),
                Action::FilterSpeaker(Some(SpeakerId(1))),
                Action::ChooseFact {
                    key: "e4".into(),
                    sections: vec![],
                },
            ],
        );
        let mut view = s.shared_view();
        assert_eq!(view.article_date.as_deref(), Some("2016-02-22"));
        view.text = "Shared".into();
        let r = s.reduce(Action::Restore(view.clone()));
        assert_eq!(r.shared_view(), view);
        assert_eq!(
            r.undo.as_deref(),
            Some("Mine"),
            "the reader's draft is kept for undo"
        );
    }

    #[test]
    fn sizes_read_in_tenths_of_a_megabyte_rounded_up() {
        assert_eq!(megabytes(16 * 1024 * 1024), "16 MB");
        assert_eq!(megabytes(16 * 1024 * 1024 + 1), "16.1 MB");
        assert_eq!(megabytes(23 * 1024 * 1024 + 400 * 1024), "23.4 MB");
        assert_eq!(megabytes(0), "0 MB");
    }

    #[test]
    fn a_text_over_the_limit_is_announced_at_once_and_kept_whole() {
        let text = "A paragraph of the article.\n\n".repeat(MAX_INPUT_BYTES / 20);
        assert!(text.len() > MAX_INPUT_BYTES);
        let s = run(
            AppState::default(),
            vec![Action::Load {
                text: text.clone(),
                blocks: None,
            }],
        );
        let n = s.notice.as_ref().expect("a notice");
        assert_eq!(n.kind, NoticeKind::Warning);
        assert!(n.text.starts_with("This text is 23.2 MB."), "{}", n.text);
        assert!(n.text.contains("up to 16 MB"), "{}", n.text);
        assert_eq!(s.draft.len(), text.len(), "the whole text is kept");
        assert_eq!(
            s.pending,
            Some(Urgency::Now),
            "said before the analysis runs"
        );
        // Over the reader's own text: the replaced text can still be brought back.
        let s = run(
            AppState::with_draft("Mine."),
            vec![Action::Load { text, blocks: None }],
        );
        let n = s.notice.as_ref().expect("a notice");
        assert!(n.undo && n.text.ends_with("The previous text was replaced."));
        assert_eq!(s.undo.as_deref(), Some("Mine."));
        // Under the limit: no word about size.
        let s = run(
            AppState::default(),
            vec![Action::Load {
                text: "Short.".into(),
                blocks: None,
            }],
        );
        assert!(s.notice.is_none());
    }

    #[test]
    fn typing_past_the_limit_is_announced_once() {
        let big = "x".repeat(MAX_INPUT_BYTES + 1);
        let s = run(AppState::with_draft("x"), vec![Action::Edit(big.clone())]);
        assert!(s
            .notice
            .as_ref()
            .is_some_and(|n| n.kind == NoticeKind::Warning));
        let s = run(
            (*s).clone(),
            vec![Action::DismissNotice, Action::Edit(big + "y")],
        );
        assert!(s.notice.is_none(), "not again on every keystroke");
    }

    #[test]
    fn a_shared_article_over_the_limit_says_so() {
        let view = SharedView {
            text: "y".repeat(MAX_INPUT_BYTES + 2048),
            ..SharedView::default()
        };
        let s = Rc::new(AppState::default()).reduce(Action::Restore(view));
        let n = s.notice.as_ref().expect("a notice");
        assert_eq!(n.kind, NoticeKind::Warning);
        assert!(n
            .text
            .starts_with("Opened a shared article. This text is 16.1 MB."));
    }

    #[test]
    fn the_start_of_a_huge_file_says_what_was_opened() {
        let s = run(
            AppState::default(),
            vec![Action::LoadFileStart {
                text: "z".repeat(100),
                blocks: None,
                bytes: 300 * 1024 * 1024,
            }],
        );
        let n = s.notice.as_ref().expect("a notice");
        assert!(n.text.starts_with("This file is 300 MB"), "{}", n.text);
        assert!(n.text.contains("unchanged"), "{}", n.text);
    }

    #[test]
    fn unchanged_storage_state_does_not_rerender() {
        let s = Rc::new(AppState::default());
        let t = s.clone().reduce(Action::StorageOk);
        assert!(Rc::ptr_eq(&s, &t));
        let u = t.reduce(Action::StorageFailed("full".into()));
        let v = u.clone().reduce(Action::StorageFailed("full".into()));
        assert!(Rc::ptr_eq(&u, &v));
    }
}
