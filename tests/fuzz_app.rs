//! Property-based fuzzing of the app (issue 7, "never panic, never
//! freeze"): random key, mouse, paste and resize sequences drive
//! `App::update` through the keymap exactly as the event loop does, and
//! every step is drawn, over briefs built from markdown pieces. The budget
//! is small so this runs in `cargo test`; `BRIEF_FUZZ_CASES` raises it for a
//! longer hunt (e.g. `BRIEF_FUZZ_CASES=5000 cargo test --release --test
//! fuzz_app`).
//!
//! The loader (arbitrary bytes) is fuzzed in tests/loader.rs and the notes
//! store (arbitrary bytes as a notes file) in tests/notes_store.rs; the
//! theme and config parsers have no public entry points yet (see
//! SECURITY.md).

use std::sync::OnceLock;

use brief::app::brief::reader::{Item, Pos};
use brief::app::msg::SaveOutcome;
use brief::app::{App, BriefScreen, Effect, Msg, Startup, View};
use brief::document::parse;
use brief::document::sanitize::is_unsafe;
use brief::keys::{Action, COMMANDS, Key, Keymap};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::widgets::Widget;

// ------------------------------------------------------------ the briefs

/// Pieces a brief is built from: every block kind, every heading level,
/// nesting, long lines and wide or odd text.
const PIECES: &[&str] = &[
    "# Title of the brief\n\n",
    "## Key judgments\n\n",
    "### Background and a rather long heading that has to wrap on a narrow screen\n\n",
    "#### Four\n\n",
    "##### Five\n\n",
    "###### Six\n\n",
    "## \n\n",
    "Setext heading\n===\n\n",
    "A short paragraph.\n\n",
    "A paragraph with *emphasis*, **strong**, `code`, ~~struck~~ and a [link](http://example.org).\n\n",
    "- one\n- two\n  - nested\n    - deeper\n- three\n\n",
    "1. first\n2. second\n\n",
    "- [ ] open task\n- [x] done task\n\n",
    "> quoted paragraph\n>\n> > nested quote\n\n",
    "> - list in a quote\n\n",
    "| Name | Share | Note |\n|:--|--:|:-:|\n| alpha | 10% | x |\n| 漢字漢字 | 5% | 👨\u{200d}👩\u{200d}👧 |\n\n",
    "| a |\n|---|\n\n",
    "```\nfn main() {\n\tprintln!(\"hi\");\n}\n```\n\n",
    "```\n\n```\n\n",
    "    indented code\n\n",
    "<div>html <b>block</b></div>\n\n",
    "Footnote ref[^1].\n\n[^1]: The note.\n\n",
    "Links: [here](#key-judgments), [other](other.md#options), [evil](http://e/&#27;]0;x&#7;).\n\n",
    "漢字と日本語のテキストがここにあります。中文的句子也在这里。\n\n",
    "Emoji 👨\u{200d}👩\u{200d}👧 🏳\u{fe0f}\u{200d}🌈 and e\u{301} and Tiếng Việt.\n\n",
    "فارسی: این یک متن است. العربية: هذا نص.\n\n",
    "Evil \u{1b}]0;pwned\u{7} &#27;[2J \u{9b}31m \u{202e}rtl\u{202c} zero\u{200b}width\n\n",
    "---\n\n",
    "\n",
    "",
];

fn long_line() -> impl Strategy<Value = String> {
    prop_oneof![
        (1usize..400).prop_map(|n| "word ".repeat(n) + "\n\n"),
        (1usize..300).prop_map(|n| "x".repeat(n) + "\n\n"),
        (1usize..100).prop_map(|n| "漢".repeat(n) + "\n\n"),
        (1usize..60).prop_map(|n| format!("```\n{}\n```\n\n", "code ".repeat(n))),
    ]
}

fn markdown() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => prop::sample::select(PIECES).prop_map(str::to_owned),
        1 => long_line(),
        1 => "[a-z #>*|`\\-\n漢é\u{200d}]{0,40}",
    ];
    let front = prop_oneof![
        3 => Just(String::new()),
        1 => Just("---\ntitle: Hostile \u{1b}]0;x\u{7}\nauthor: A\ntags: [uk, sanctions]\ndate: 2026-01-01\nclassification: OFFICIAL\n---\n".to_owned()),
    ];
    (front, prop::collection::vec(piece, 0..24)).prop_map(|(f, p)| f + &p.concat())
}

// ------------------------------------------------------------ the inputs

/// One thing a person (or a terminal) does.
#[derive(Debug, Clone)]
enum Step {
    /// A key bound in the default keymap (index into [`bound_keys`],
    /// modulo its length).
    Bound(usize),
    /// Any character with any modifiers.
    Char(char, KeyModifiers),
    Named(KeyCode, KeyModifiers),
    Click(u16, u16),
    Wheel(u16, u16, bool),
    Paste(String),
    Resize(u16, u16),
}

/// Every key the default keymap binds, so commands come up often.
fn bound_keys() -> &'static [Key] {
    static KEYS: OnceLock<Vec<Key>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let map = Keymap::default();
        COMMANDS
            .iter()
            .flat_map(|i| map.keys_for(i.command).iter().copied())
            .collect()
    })
}

fn modifiers() -> impl Strategy<Value = KeyModifiers> {
    prop_oneof![
        6 => Just(KeyModifiers::NONE),
        2 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::ALT),
        1 => Just(KeyModifiers::SHIFT),
    ]
}

fn named_key() -> impl Strategy<Value = KeyCode> {
    prop::sample::select(vec![
        KeyCode::Esc,
        KeyCode::Enter,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Insert,
        KeyCode::F(1),
        KeyCode::F(12),
    ])
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        1 => (0u16..=3, 0u16..=3),
        2 => (0u16..=30, 0u16..=12),
        4 => (20u16..=140, 6u16..=45),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        10 => any::<usize>().prop_map(Step::Bound),
        3 => (
            prop_oneof![4 => prop::char::range('a', 'z'), 1 => any::<char>()],
            modifiers()
        )
            .prop_map(|(c, m)| Step::Char(c, m)),
        3 => (named_key(), modifiers()).prop_map(|(k, m)| Step::Named(k, m)),
        2 => (0u16..150, 0u16..50).prop_map(|(x, y)| Step::Click(x, y)),
        2 => (0u16..150, 0u16..50, any::<bool>()).prop_map(|(x, y, d)| Step::Wheel(x, y, d)),
        1 => prop_oneof![
            Just("\u{1b}]52;c;ZXZpbA==\u{7}pasted\u{1b}[2J\n\u{9b}x".to_owned()),
            "\\PC{0,30}",
            any::<String>(),
        ]
        .prop_map(Step::Paste),
        2 => size().prop_map(|(w, h)| Step::Resize(w, h)),
    ]
}

/// The terminal event a step stands for.
fn event(step: &Step) -> Event {
    let key = |code, modifiers| Event::Key(KeyEvent::new(code, modifiers));
    let mouse = |kind, column, row| {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    match step {
        Step::Bound(i) => {
            let k = bound_keys()[i % bound_keys().len()];
            key(k.code, k.modifiers)
        }
        Step::Char(c, m) => key(KeyCode::Char(*c), *m),
        Step::Named(code, m) => key(*code, *m),
        Step::Click(x, y) => mouse(MouseEventKind::Down(MouseButton::Left), *x, *y),
        Step::Wheel(x, y, down) => {
            let kind = if *down {
                MouseEventKind::ScrollDown
            } else {
                MouseEventKind::ScrollUp
            };
            mouse(kind, *x, *y)
        }
        Step::Paste(text) => Event::Paste(text.clone()),
        Step::Resize(w, h) => Event::Resize(*w, *h),
    }
}

/// A step as a person would name it (bound keys by their key).
fn describe(step: &Step) -> String {
    match step {
        Step::Bound(i) => format!("key {}", bound_keys()[i % bound_keys().len()]),
        other => format!("{other:?}"),
    }
}

// ------------------------------------------------------------ the checks

/// The export prompt (`E`) writes wherever the reader says, relative to
/// the working folder: run this binary's tests in a scratch folder so a
/// random Enter never writes into the source tree.
fn in_scratch_dir() {
    static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        // One folder for every run, so runs leave no litter behind.
        let dir = std::env::temp_dir().join("brief-fuzz-app-scratch");
        std::fs::create_dir_all(&dir).expect("scratch dir");
        std::env::set_current_dir(&dir).expect("enter scratch dir");
        dir
    });
    assert_eq!(std::env::current_dir().ok().as_ref(), Some(dir));
}

/// Draws the app the way the runner does, into a buffer of its size.
fn draw(app: &App) -> Buffer {
    let area = app.shared().size;
    let mut buf = Buffer::empty(area);
    app.render(area, &mut buf);
    buf
}

/// How much of the cursor invariant a run checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    /// The cursor is a block that exists and that the view shows.
    Valid,
    /// Also: when the reading pane is drawn, the cursor's block is on it.
    InView,
}

/// Lines of an item without the blank line that separates it from the
/// next: the blank line after a block is not the block.
fn content_lines(b: &BriefScreen, item: usize) -> usize {
    let lines = b.reader.lines(&b.brief, item);
    match lines.last() {
        Some(last) if lines.len() > 1 && last.segs.is_empty() => lines.len() - 1,
        _ => lines.len(),
    }
}

/// The cursor is a block that exists and is shown; with `Check::InView`,
/// when the reading pane is drawn, a line of the cursor's block is on it.
/// The one exception is a screen filled by headings and the byline alone
/// (a tiny terminal scrolled through a tall heading): no block is on
/// screen, so none can hold the cursor there.
fn check_cursor(app: &App, check: Check) -> Result<(), String> {
    let Some(b) = app.brief() else {
        return Err("no brief is open".to_owned());
    };
    let brief = &b.brief;
    if brief.blocks.is_empty() {
        return Ok(());
    }
    let cursor = b.reader.cursor;
    if cursor >= brief.blocks.len() {
        return Err(format!(
            "cursor {cursor} past the last block {}",
            brief.blocks.len() - 1
        ));
    }
    if !b.reader.is_shown(cursor) {
        return Err(format!("cursor {cursor} is on a block the view hides"));
    }
    // The reading pane is drawn only on the brief's screen (not over the
    // library or while another brief loads).
    let drawn = *app.view() == View::Brief && !b.panes.too_small && b.panes.reader.is_some();
    if check == Check::Valid || !drawn {
        return Ok(());
    }
    let item = b.reader.item_of_block(cursor);
    if b.reader.items().get(item) != Some(&Item::Block(cursor)) {
        return Err(format!("cursor {cursor} has no item in the scroll"));
    }
    let rows = b.reader.visible_rows(brief);
    let on_screen = |p: &&Pos| p.line < content_lines(b, p.item);
    if rows.iter().filter(on_screen).any(|p| p.item == item) {
        return Ok(());
    }
    let full = rows.len() == b.reader.height();
    let no_block_on_screen = !rows
        .iter()
        .filter(on_screen)
        .any(|p| matches!(b.reader.items()[p.item], Item::Block(_)));
    if full && no_block_on_screen {
        return Ok(());
    }
    Err(format!(
        "cursor block {cursor} (item {item}, {} lines) is off screen; top {:?}, height {}",
        content_lines(b, item),
        b.reader.top,
        b.reader.height()
    ))
}

/// Feeds one event to the app as the runner does (the keymap translates
/// it in whatever context has the keyboard) and draws. The effects the
/// runner would carry out are checked and stood in for: a load fails
/// (nothing is read from disk), saves, exports and retags succeed without
/// writing, nothing is copied or opened.
fn apply(app: &mut App, event: &Event) -> Buffer {
    app.update(Msg::Event(event.clone()));
    for effect in app.take_effects() {
        if let Some(answer) = stand_in(effect) {
            app.update(answer);
        }
    }
    draw(app)
}

/// What the runtime would answer to an effect, without doing it.
fn stand_in(effect: Effect) -> Option<Msg> {
    match effect {
        Effect::Load(request) => Some(Msg::Loaded {
            request,
            result: Err("not loaded while fuzzing".to_owned()),
        }),
        Effect::SaveNotes(save) => Some(Msg::NotesSaved {
            seq: save.seq,
            file: save.file,
            result: Ok(SaveOutcome {
                notes: save.notes,
                ..SaveOutcome::default()
            }),
        }),
        Effect::SaveState(_) => Some(Msg::StateSaved(Ok(()))),
        Effect::Picture(job) => Some(Msg::Picture {
            job,
            result: Err("not decoded while fuzzing".to_owned()),
        }),
        Effect::RememberTheme(_) => Some(Msg::ThemeRemembered(Ok(()))),
        // The notes file as another window might leave it: as saved.
        Effect::WatchNotes { file, .. } => Some(Msg::NotesOnDisk { file, notes: None }),
        Effect::LoadTags => Some(Msg::TagCounts(Vec::new())),
        Effect::Retag(brief::app::msg::RetagRequest { what, here, .. }) => Some(Msg::Retagged {
            what,
            here,
            result: Ok((0, Vec::new())),
        }),
        Effect::Export(export) => Some(Msg::Exported {
            path: export.path,
            count: export.notes.len(),
            result: Ok(()),
        }),
        // No library is open while fuzzing the reader.
        Effect::ScanLibrary { .. }
        | Effect::Search { .. }
        | Effect::LoadAllNotes
        | Effect::Watch { .. }
        | Effect::WatchTeam { .. }
        | Effect::Suspend => None,
        Effect::Clipboard(text) | Effect::OpenExternal(text) => {
            let bad: Vec<char> = text
                .chars()
                .filter(|c| (c.is_control() && *c != '\n') || is_unsafe(*c))
                .collect();
            assert!(bad.is_empty(), "{bad:?} sent to the terminal in {text:?}");
            None
        }
    }
}

/// An app on `md` at a size, drawn once.
fn start_app(md: &str, size: (u16, u16)) -> App {
    start_with(Startup::brief(parse(md, "fuzz")), size)
}

/// An app started as `startup` says, at a size, drawn once.
fn start_with(startup: Startup, (width, height): (u16, u16)) -> App {
    in_scratch_dir();
    let mut app = App::new(startup);
    app.take_effects();
    app.update(Action::Resize { width, height });
    draw(&app);
    app
}

/// Runs the steps; the first broken invariant is the error, with the steps
/// that led to it.
fn run(md: &str, start: (u16, u16), steps: &[Step], check: Check) -> Result<(), String> {
    let mut app = start_app(md, start);
    check_cursor(&app, check).map_err(|e| format!("at start: {e}"))?;
    for (i, step) in steps.iter().enumerate() {
        let buf = apply(&mut app, &event(step));
        if app.ended().is_some() {
            return Ok(());
        }
        if buf.area != app.shared().size {
            return Err(format!("step {i} {}: drew {:?}", describe(step), buf.area));
        }
        check_cursor(&app, check).map_err(|e| {
            let before: Vec<String> = steps[..i].iter().map(describe).collect();
            format!("step {i} {}: {e}\nafter {before:?}", describe(step))
        })?;
    }
    Ok(())
}

/// The number of cases: small for `cargo test`, `BRIEF_FUZZ_CASES` for a
/// hunt.
fn config(default: u32) -> Config {
    let cases = std::env::var("BRIEF_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    // A fixed seed keeps `cargo test` repeatable; BRIEF_FUZZ_SEED picks
    // another (`random` for a fresh one each run).
    let rng_seed = match std::env::var("BRIEF_FUZZ_SEED").ok().as_deref() {
        Some("random") => RngSeed::Random,
        Some(n) => RngSeed::Fixed(n.parse().unwrap_or(7)),
        None => RngSeed::Fixed(7),
    };
    Config {
        cases,
        rng_seed,
        // Failures are reported with their minimal input; nothing is
        // written into the source tree.
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(40))]

    /// Keys, mouse, pastes and resizes at any size, down to 0x0: nothing
    /// panics and the cursor stays on a block that exists.
    #[test]
    fn random_input_never_panics_and_keeps_a_valid_cursor(
        md in markdown(),
        start in size(),
        steps in prop::collection::vec(step(), 0..60),
    ) {
        let result = run(&md, start, &steps, Check::Valid);
        prop_assert!(result.is_ok(), "{}\nbrief: {md:?}", result.unwrap_err());
    }

    /// Mostly commands (notes, tags, filters, search, jump) at sizes where
    /// the panes are drawn.
    #[test]
    fn command_sequences_never_panic_and_keep_a_valid_cursor(
        md in markdown(),
        start in (20u16..=140, 6u16..=45),
        keys in prop::collection::vec(any::<usize>(), 0..80),
    ) {
        let steps: Vec<Step> = keys.into_iter().map(Step::Bound).collect();
        let result = run(&md, start, &steps, Check::Valid);
        prop_assert!(result.is_ok(), "{}\nbrief: {md:?}", result.unwrap_err());
    }

    /// The cursor's block stays on screen. Finds the bugs pinned by the
    /// ignored `cursor_*` tests below (the default seed may miss them:
    /// `BRIEF_FUZZ_SEED=random` finds one in a few runs); un-ignore it when
    /// they are fixed.
    #[test]
    fn random_input_keeps_the_cursor_block_on_screen(
        md in markdown(),
        start in size(),
        steps in prop::collection::vec(step(), 0..60),
    ) {
        let result = run(&md, start, &steps, Check::InView);
        prop_assert!(result.is_ok(), "{}\nbrief: {md:?}", result.unwrap_err());
    }
}

#[test]
fn tiny_briefs_survive_every_bound_key_at_every_tiny_size() {
    for md in [
        "",
        "x",
        "# Only a heading\n",
        "| a |\n|---|\n",
        "```\n```\n",
    ] {
        for size in [(0, 0), (1, 1), (2, 1), (1, 2), (19, 5), (20, 6), (56, 6)] {
            let steps: Vec<Step> = (0..bound_keys().len()).map(Step::Bound).collect();
            if let Err(e) = run(md, size, &steps, Check::InView) {
                panic!("{md:?} at {size:?}: {e}");
            }
        }
    }
}

// ------------------------------------------- bugs the fuzzer found (pinned)

fn key(app: &mut App, name: &str) {
    let k = Key::parse(name).expect("a valid key name");
    apply(app, &Event::Key(KeyEvent::new(k.code, k.modifiers)));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        apply(
            app,
            &Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
    }
}

fn click(app: &mut App, column: u16, row: u16) {
    let kind = MouseEventKind::Down(MouseButton::Left);
    let modifiers = KeyModifiers::NONE;
    apply(
        app,
        &Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers,
        }),
    );
}

/// The screen row (in the terminal) where an item's first line is drawn.
fn row_of(app: &App, item: usize) -> Option<u16> {
    let b = app.brief()?;
    let text = b
        .panes
        .reader_text(app.shared().settings.reading_width, b.addresses)?;
    let rows = b.reader.visible_rows(&b.brief);
    let i = rows.iter().position(|p| p.item == item && p.line == 0)?;
    Some(text.y + i as u16)
}

/// A column inside the reading pane's text.
fn reader_x(app: &App) -> u16 {
    reader(app)
        .panes
        .reader
        .expect("the reading pane is shown")
        .x
        + 5
}

/// The open brief's screen.
fn reader(app: &App) -> &BriefScreen {
    app.brief().expect("a brief is open")
}

fn assert_cursor_on_screen(app: &App) {
    if let Err(e) = check_cursor(app, Check::InView) {
        panic!("{e}");
    }
}

/// src/app/reader.rs `Reader::open_section`: a section with no blocks of
/// its own leaves the cursor where it was, now above the screen.
#[test]
fn cursor_next_section_onto_an_empty_last_section_stays_on_screen() {
    let mut app = start_app("A short paragraph.\n\n# Empty last section\n", (60, 20));
    key(&mut app, "]");
    assert_cursor_on_screen(&app);
}

/// src/app/find.rs `restore_search_origin`: the scroll position saved when
/// `/` opened is restored as is, though a resize since has re-wrapped the
/// brief, so its line offset points past the block.
#[test]
fn cursor_search_without_a_match_after_a_resize_stays_on_screen() {
    let md = format!("{}\n\nSecond paragraph.\n", "word ".repeat(60));
    let mut app = start_app(&md, (20, 6));
    key(&mut app, "j");
    key(&mut app, "j");
    assert!(
        reader(&app).reader.top.line >= 4,
        "scrolled inside the long paragraph"
    );
    key(&mut app, "/");
    apply(&mut app, &Event::Resize(140, 40));
    type_text(&mut app, "zzz");
    assert_cursor_on_screen(&app);
}

/// src/app/reader.rs `Reader::click`: a click on a heading puts the cursor
/// on the section's first block without scrolling it into view.
#[test]
fn cursor_click_on_a_heading_at_the_bottom_stays_on_screen() {
    let md = "One.\n\nTwo.\n\nThree.\n\n## Heading\n\nTarget.\n";
    let mut app = start_app(md, (60, 8));
    let heading = reader(&app).reader.item_of_section(1);
    let row = row_of(&app, heading).expect("the heading is on screen");
    assert_eq!(row, 6, "the heading is on the last row of the reader");
    let x = reader_x(&app);
    click(&mut app, x, row);
    assert_cursor_on_screen(&app);
}

/// src/app/reader.rs `Reader::click`: a click on the blank row under a
/// block selects that block even when none of its text is on screen.
#[test]
fn cursor_click_on_the_blank_row_under_a_block_stays_on_screen() {
    let md = "Paragraph.\n\n".repeat(10);
    let mut app = start_app(&md, (60, 8));
    let x = reader_x(&app);
    app.update(Action::Scroll {
        column: x,
        row: 0,
        lines: 1,
    });
    assert_eq!(
        reader(&app).reader.top.line,
        1,
        "the top row is the blank under the first"
    );
    click(&mut app, x, 0);
    assert_cursor_on_screen(&app);
}

/// src/app/reader.rs `Reader::click`: under a tag filter, a click on a
/// heading puts the cursor on the section's first block even when the
/// filter hides it.
#[test]
fn cursor_click_on_a_heading_in_a_tag_filter_stays_on_a_shown_block() {
    let mut app = start_app("## Section\n\nUntagged.\n\nTagged.\n", (100, 30));
    key(&mut app, "j");
    key(&mut app, "t");
    type_text(&mut app, "uk");
    key(&mut app, "enter");
    key(&mut app, "#");
    key(&mut app, "enter");
    assert!(reader(&app).filter.is_some(), "the tag filter is on");
    let heading = reader(&app).reader.item_of_section(0);
    let row = row_of(&app, heading).expect("the heading is on screen");
    let x = reader_x(&app);
    click(&mut app, x, row);
    assert_cursor_on_screen(&app);
}

// -------------------------------------------- theme and config parsers

/// Pieces of TOML as theme and config files write them, with hostile
/// strings among them.
const TOML_PIECES: &[&str] = &[
    "\n",
    "theme = ",
    "library = ",
    "reading_width = ",
    "mouse = ",
    "extends = ",
    "description = ",
    "[panes]\n",
    "outline = ",
    "[tags]\n",
    "allowed = ",
    "[keys]\n",
    "next_section = ",
    "down = ",
    "[colors]\n",
    "[styles]\n",
    "[tags.named]\n",
    "palette = ",
    "text = ",
    "heading1 = ",
    "{ fg = \"red\", bg = \"#102030\", modifiers = [\"bold\"] }",
    "{ fg = \"ink\" }",
    "ink = \"#ffffff\"\n",
    "\"default\"",
    "\"light\"",
    "\"shared\"",
    "\"\\u001b]0;pwned\\u0007\"",
    "\"\\u009b2J\"",
    "[\"j\", \"ctrl-x\", \"f13\"]",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "=",
    "80",
    "-1",
    "99999999999999999999",
    "true",
    "256",
    "\"#zzzzzz\"",
    "# comment\n",
    "\u{1b}",
    "\u{feff}",
];

fn toml_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => prop::sample::select(TOML_PIECES).prop_map(str::to_owned),
        1 => "\\PC{0,12}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|p| p.concat())
}

/// A scratch config folder per test thread.
fn config_dir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "brief-fuzz-config-{tag}-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::create_dir_all(dir.join("themes")).expect("config folder");
    dir
}

proptest! {
    #![proptest_config(config(64))]

    /// Any theme file loads or fails with an error, never a panic; the
    /// theme is usable (the app draws with it).
    #[test]
    fn any_theme_file_loads_or_fails_cleanly(text in toml_text(), base in toml_text()) {
        let dir = config_dir("theme");
        std::fs::write(dir.join("themes/fuzzed.toml"), format!("extends = \"base\"\n{text}"))
            .expect("theme file");
        std::fs::write(dir.join("themes/base.toml"), &base).expect("base theme");
        if let Ok(theme) = brief::theme::load("fuzzed", Some(&dir)) {
            let md = "# T\n\nText with `code` and a [link](x).\n";
            let app = start_with(Startup { theme, ..Startup::brief(parse(md, "fuzz")) }, (60, 12));
            draw(&app);
        }
        let _ = brief::theme::available(Some(&dir));
        let _ = brief::theme::parse_color(&text);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Any config.toml loads, with problems for what it could not use.
    #[test]
    fn any_config_file_loads_with_problems_never_a_panic(text in toml_text()) {
        let dir = config_dir("config");
        std::fs::write(dir.join("config.toml"), &text).expect("config.toml");
        let (config, problems) = brief::config::Config::load(Some(&dir));
        let settings = config.settings(None, &problems);
        let startup = Startup { settings, ..Startup::brief(parse("# T\n\nText.\n", "fuzz")) };
        let app = start_with(startup, (60, 12));
        draw(&app);
        for p in problems {
            let _ = p.to_string();
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// Messages about theme and config files go to the status bar and to
/// `brief config` / `brief themes`: what the files hold must come out
/// sanitised. tests/hostile_cli.rs checks the commands.
#[test]
fn theme_and_config_messages_hold_no_control_characters() {
    let forbidden = |s: &str| s.chars().any(|c| c.is_control() && c != '\n');
    let dir = config_dir("messages");
    std::fs::write(
        dir.join("config.toml"),
        "\"bad\\u001b]0;x\\u0007\" = 1\n[keys]\n\"act\\u001b[2J\" = \"j\"\n",
    )
    .expect("config.toml");
    let (_, problems) = brief::config::Config::load(Some(&dir));
    assert!(!problems.is_empty());
    for p in &problems {
        assert!(!forbidden(&p.to_string()), "{p}");
    }
    std::fs::write(
        dir.join("themes/evil.toml"),
        "extends = \"x\\u001b]0;x\\u0007\"\n",
    )
    .expect("theme");
    let err = brief::theme::load("evil", Some(&dir)).expect_err("no such base");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(!forbidden(&err.to_string()), "{err}");
}
