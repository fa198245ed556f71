//! Text of every width stays aligned (issue 7): CJK, emoji ZWJ sequences,
//! combining marks and right-to-left scripts, in headings, paragraphs,
//! quotes and tables, drawn through `App` into ratatui's TestBackend. Each
//! script has a snapshot at 60x20, and at every width from 20 to 100
//! columns no table border or pane separator drifts and no wide character
//! spills over the edge of its cell.

use brief::app::brief::overlay::Overlay;
use brief::app::{App, Msg, Startup, popup_area};
use brief::document::parse;
use brief::keys::{Action, Key};
use brief::layout::text_width;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyEvent};
use ratatui::layout::Rect;

/// A brief in one script: a heading, a paragraph, a quote and a table that
/// mixes the script with ASCII, then a second section for the outline with
/// the paragraph again as code (cut, not wrapped, at the column's edge) and
/// in a nested list.
fn brief_in(heading: &str, paragraph: &str, quote: &str, cells: [&str; 6], second: &str) -> String {
    let [a, b, c, d, e, f] = cells;
    format!(
        "## {heading}\n\n{paragraph}\n\n> {quote}\n\n\
         | {a} | {b} | n |\n|---|:--|--:|\n| {c} | {d} | 1 |\n| {e} | {f} | 22 |\n\n\
         ## {second}\n\nEnd.\n\n```\n{paragraph}\n```\n\n- {quote}\n  - {paragraph}\n"
    )
}

fn cjk() -> String {
    brief_in(
        "中文和日本語の見出し",
        "制裁措置は港湾の貨物量に影響を与えた。日本語の文も混ざっています。",
        "引用：「状況は改善していない」と述べた。",
        [
            "港湾",
            "貨物量（トン）",
            "上海",
            "1,200万",
            "横浜",
            "八百万 tons",
        ],
        "結論と提言",
    )
}

fn emoji() -> String {
    brief_in(
        "Family 👨\u{200d}👩\u{200d}👧 and flag 🏳\u{fe0f}\u{200d}🌈",
        "Households 👨\u{200d}👩\u{200d}👧 and 👩\u{200d}💻 workers; pride 🏳\u{fe0f}\u{200d}🌈 march; thumbs 👍🏽 up.",
        "We saw 🏳\u{fe0f}\u{200d}🌈 flags and 👨\u{200d}👩\u{200d}👧 families.",
        [
            "Group",
            "Sign",
            "👨\u{200d}👩\u{200d}👧",
            "🏳\u{fe0f}\u{200d}🌈 flag",
            "👩\u{200d}💻 coder",
            "👍🏽",
        ],
        "Emoji 🎉 wrap-up",
    )
}

fn combining() -> String {
    brief_in(
        "Re\u{301}sume\u{301} and Tie\u{302}\u{301}ng Vie\u{323}\u{302}t",
        "Cafe\u{301} policy: Vie\u{323}\u{302}t Nam ba\u{301}o ca\u{301}o ve\u{302}\u{300} thu\u{31b}o\u{31b}ng ma\u{323}i; Zalgo z\u{335}\u{31b}a\u{336}l\u{334}g\u{337}o\u{338}.",
        "Ngu\u{31b}o\u{31b}\u{300}i ta no\u{301}i: “ta\u{300}i li\u{EA}\u{323}u”.",
        [
            "Ti\u{EA}\u{301}ng",
            "Nghi\u{303}a",
            "e\u{301}",
            "acute e",
            "Vie\u{323}\u{302}t",
            "Tiếng Việt",
        ],
        "Ke\u{302}\u{301}t lua\u{323}\u{302}n",
    )
}

fn rtl() -> String {
    brief_in(
        "گزارش فارسی و العربية",
        "تحریم\u{200c}ها بر حجم بار بندرها اثر گذاشت. العقوبات أثرت على الموانئ.",
        "گفت: «وضعیت بهتر نشده است».",
        ["بندر", "الحجم", "بندرعباس", "۱۲۰۰ تن", "جدة", "٨٠٠ طن"],
        "نتیجه\u{200c}گیری",
    )
}

/// A named brief maker.
type Script = (&'static str, fn() -> String);

const SCRIPTS: &[Script] = &[
    ("cjk", cjk),
    ("emoji_zwj", emoji),
    ("combining_marks", combining),
    ("rtl", rtl),
];

fn app(md: &str, width: u16, height: u16) -> App {
    let mut app = App::new(Startup::brief(parse(md, "widths")));
    app.update(Action::Resize { width, height });
    app
}

/// Presses a key as the terminal sends it: through the keymap, in
/// whatever context has the keyboard.
fn press(app: &mut App, name: &str) {
    let key = Key::parse(name).expect("a valid key name");
    app.update(Msg::Event(Event::Key(KeyEvent::new(
        key.code,
        key.modifiers,
    ))));
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let size = app.shared().size;
    let mut terminal =
        Terminal::new(TestBackend::new(size.width, size.height)).expect("test backend");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("draw into test backend");
    terminal
}

const JUNCTIONS: &[&str] = &["│", "┌", "┬", "┐", "├", "┼", "┤", "└", "┴", "┘"];

/// The screen as text, one line per row, each wide character once (the
/// cells it covers are skipped), so the snapshot reads as the terminal
/// shows it.
fn screen(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let symbol = buf[(x, y)].symbol();
            out.push_str(symbol);
            x += (text_width(symbol) as u16).max(1);
        }
        out.push('\n');
    }
    out
}

fn row(buf: &Buffer, y: u16) -> String {
    screen(buf)
        .lines()
        .nth(usize::from(y))
        .unwrap_or_default()
        .to_owned()
}

/// Columns of table borders in a row of the reading pane.
fn border_columns(buf: &Buffer, text: Rect, y: u16) -> Vec<u16> {
    (text.x..text.right())
        .filter(|&x| JUNCTIONS.contains(&buf[(x, y)].symbol()))
        .collect()
}

/// Columns, per row, that no wide character may cover: pane borders and
/// table rules.
struct Walls(Vec<Vec<u16>>);

impl Walls {
    /// A vertical border: `x` must hold one of `glyphs` on every row.
    fn border(
        &mut self,
        buf: &Buffer,
        x: u16,
        rows: impl Iterator<Item = u16>,
        glyphs: &[&str],
        what: &str,
    ) -> Result<(), String> {
        for y in rows {
            if !glyphs.contains(&buf[(x, y)].symbol()) {
                return Err(format!(
                    "{what} left column {x} on row {y}: {}",
                    row(buf, y)
                ));
            }
            self.0[usize::from(y)].push(x);
        }
        Ok(())
    }
}

/// Each table's borders and column rules sit in the same columns on every
/// line of the table.
fn check_tables(app: &App, buf: &Buffer, walls: &mut Walls) -> Result<(), String> {
    let b = app.brief().expect("a brief is open");
    let width = app.shared().settings.reading_width;
    let Some(text) = b.panes.reader_text(width, b.addresses) else {
        return Ok(());
    };
    let mut table: Option<Vec<u16>> = None;
    for y in text.top()..text.bottom() {
        let first = buf[(text.x, y)].symbol();
        let here = border_columns(buf, text, y);
        match (first, &table) {
            ("┌", _) => table = Some(here.clone()),
            ("│" | "├" | "└", Some(cols)) if &here != cols => {
                return Err(format!(
                    "table columns {here:?} on row {y}, {cols:?} above: {}",
                    row(buf, y)
                ));
            }
            ("│" | "├", Some(_)) => {}
            ("└", Some(_)) => table = None,
            _ => {
                table = None;
                continue;
            }
        }
        walls.0[usize::from(y)].extend(here);
    }
    Ok(())
}

/// Every way a screen can be out of line; the first found is the error.
fn check_alignment(app: &App, buf: &Buffer) -> Result<(), String> {
    let mut walls = Walls(vec![Vec::new(); usize::from(buf.area.height)]);
    let b = app.brief().expect("a brief is open");
    let popup = (app.help().is_some()
        || matches!(b.overlay, Overlay::Jump(_) | Overlay::Editor(_)))
    .then(|| popup_area(app.shared().size));
    // A pane border runs down its pane, except where a popup covers it.
    let uncovered = |x: u16, pane: Rect| {
        (pane.top()..pane.bottom())
            .filter(move |&y| !popup.is_some_and(|p| p.contains((x, y).into())))
    };
    if let Some(o) = b.panes.outline {
        let x = o.right() - 1;
        walls.border(buf, x, uncovered(x, o), &["│"], "outline border")?;
    }
    if let Some(n) = b.panes.notes {
        walls.border(buf, n.x, uncovered(n.x, n), &["│"], "notes border")?;
    }
    if let Some(p) = popup {
        let rows = p.top() + 1..p.bottom() - 1;
        walls.border(buf, p.x, rows.clone(), &["│"], "popup border")?;
        walls.border(buf, p.right() - 1, rows, &["│"], "popup border")?;
    }
    check_tables(app, buf, &mut walls)?;
    // No wide character runs into a border or off the screen.
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let w = text_width(buf[(x, y)].symbol()) as u16;
            let covered = x + 1..x + w;
            let walls = &walls.0[usize::from(y)];
            if w > 1 && (covered.end > buf.area.width || walls.iter().any(|c| covered.contains(c)))
            {
                return Err(format!(
                    "{:?} at column {x} overflows its cell on row {y}: {}",
                    buf[(x, y)].symbol(),
                    row(buf, y)
                ));
            }
        }
    }
    Ok(())
}

fn assert_aligned(app: &App) -> String {
    let terminal = draw(app);
    let buf = terminal.backend().buffer();
    if let Err(e) = check_alignment(app, buf) {
        panic!("{e}\n{}", screen(buf));
    }
    screen(buf)
}

fn snapshot_of(md: &str) -> String {
    assert_aligned(&app(md, 60, 20))
}

#[test]
fn cjk_stays_aligned() {
    insta::assert_snapshot!(snapshot_of(&cjk()));
}

#[test]
fn emoji_zwj_sequences_stay_aligned() {
    insta::assert_snapshot!(snapshot_of(&emoji()));
}

#[test]
fn combining_marks_stay_aligned() {
    insta::assert_snapshot!(snapshot_of(&combining()));
}

#[test]
fn rtl_scripts_stay_aligned() {
    insta::assert_snapshot!(snapshot_of(&rtl()));
}

/// What the reader does between checks: move, change section, focus the
/// outline, write a note in the script and show the notes pane.
fn steps(sample: &str) -> Vec<Vec<String>> {
    let keys = |k: &[&str]| k.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let mut note = keys(&["esc", "a"]);
    note.extend(sample.chars().map(|c| {
        if c == ' ' {
            "space".into()
        } else {
            c.to_string()
        }
    }));
    note.push("ctrl-s".into());
    vec![
        keys(&[]),
        keys(&["j"]),
        keys(&["j"]),
        keys(&["]"]),
        keys(&["tab"]),
        note,
        keys(&["m"]),
        keys(&["m", "esc", "m", "tab"]),
    ]
}

/// Runs `steps` on every script at every width from 20 to 130 columns and
/// two heights, checking the screen after each. Each frame is drawn on a
/// fresh TestBackend: it copies cells without a terminal's wide-character
/// rules, so diffs over an earlier frame would leave stale halves there
/// that a real terminal erases.
fn check_every_width(steps: impl Fn(&str) -> Vec<Vec<String>>) {
    for (name, md) in SCRIPTS {
        let md = md();
        let sample: String = parse(&md, "w").sections[0].title.chars().take(12).collect();
        for width in 20..=130 {
            for height in [8, 20] {
                let mut app = app(&md, width, height);
                for keys in steps(&sample) {
                    for key in &keys {
                        press(&mut app, key);
                    }
                    let terminal = draw(&app);
                    let buf = terminal.backend().buffer();
                    if let Err(e) = check_alignment(&app, buf) {
                        panic!(
                            "{name} at {width}x{height} after {keys:?}: {e}\n{}",
                            screen(buf)
                        );
                    }
                }
            }
        }
    }
}

/// The snapshots fix one size; the borders must hold at all of them,
/// including the narrow widths where cells wrap and tables fall back to
/// text.
#[test]
fn every_script_stays_aligned_at_every_width() {
    check_every_width(steps);
}

/// A popup drawn over a pane whose wide character straddles the popup's
/// left edge: the character's right half covers the popup's border cell,
/// so the terminal never draws the border there (at 78x8 with a CJK
/// outline, the jump popup's `╭` and `│` at column 3 are missing). The
/// popups clear only their own area (`Clear.render(popup, buf)` in
/// src/ui/jump.rs, help.rs, editor.rs, picker.rs); the cell left of the
/// popup must be blanked too when it holds a wide character.
#[test]
fn popups_keep_their_borders_over_wide_characters_at_every_width() {
    check_every_width(|_| {
        let keys = |k: &[&str]| k.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        vec![keys(&["tab", ":"]), keys(&["esc", "?"])]
    });
}

#[test]
fn jump_popup_keeps_its_left_border_over_a_cjk_outline_at_78x8() {
    let mut app = app(&cjk(), 78, 8);
    press(&mut app, "tab");
    press(&mut app, ":");
    assert_aligned(&app);
}

/// Every wrapped line fits the text column, measured as the buffer
/// measures it: a line one cell too wide would be cut or push a border.
#[test]
fn laid_out_lines_never_exceed_the_column() {
    for (name, md) in SCRIPTS {
        let brief = parse(&md(), "widths");
        for width in 1..=60 {
            for id in 0..brief.blocks.len() {
                for line in brief::layout::block_lines(&brief, id, width) {
                    assert!(
                        line.width() <= width.max(4),
                        "{name}, block {id} at width {width}: {:?} is {} wide",
                        line.text(),
                        line.width()
                    );
                }
            }
        }
    }
}

mod lines_fit {
    use brief::document::parse;
    use brief::layout::{block_lines, heading_lines, meta_lines};
    use proptest::prelude::*;

    /// Markdown of wide, narrow, zero-width and combining text in every
    /// kind of block, nested.
    fn markdown() -> impl Strategy<Value = String> {
        let word = prop::sample::select(vec![
            "a",
            "word",
            "漢字",
            "日本語の",
            "👨\u{200d}👩\u{200d}👧",
            "🏳\u{fe0f}\u{200d}🌈",
            "e\u{301}",
            "Việt",
            "فارسی",
            "می\u{200c}خواهم",
            "x\u{200b}y",
            "\u{1b}[2J",
            "longunbrokenwordthatmustsplit",
            "`code`",
            "*em*",
            "[l](u)",
            " ",
            "  ",
        ]);
        let line = prop::collection::vec(word, 1..12).prop_map(|w| w.concat());
        let block = prop_oneof![
            line.clone().prop_map(|l| format!("{l}\n\n")),
            line.clone().prop_map(|l| format!("# {l}\n\n")),
            line.clone().prop_map(|l| format!("> {l}\n> > {l}\n\n")),
            line.clone()
                .prop_map(|l| format!("- {l}\n  - {l}\n    1. {l}\n\n")),
            line.clone()
                .prop_map(|l| format!("```\n{l}\n{l}{l}\n```\n\n")),
            (line.clone(), line.clone(), line.clone())
                .prop_map(|(a, b, c)| format!("| {a} | {b} |\n|---|--:|\n| {c} | {a} |\n\n")),
        ];
        let front = prop_oneof![
            Just(String::new()),
            line.prop_map(|l| format!("---\nauthor: \"{l}\"\ndate: 2026\ntags: [\"{l}\"]\n---\n")),
        ];
        (front, prop::collection::vec(block, 1..6)).prop_map(|(f, b)| f + &b.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 64,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// Every laid-out line fits its column, measured as the buffer
        /// measures it, at every width that leaves text (past the nesting,
        /// which takes at most half) room for a wide character. The reader
        /// never lays out narrower than 16 columns.
        #[test]
        fn every_laid_out_line_fits_its_column(md in markdown(), width in 4usize..90) {
            let brief = parse(&md, "w");
            let mut lines = meta_lines(&brief, width);
            for s in 0..brief.sections.len() {
                lines.extend(heading_lines(&brief, s, width));
            }
            for id in 0..brief.blocks.len() {
                lines.extend(block_lines(&brief, id, width));
            }
            for line in lines {
                prop_assert!(
                    line.width() <= width,
                    "{:?} is {} wide at {width}\n{md:?}",
                    line.text(),
                    line.width()
                );
            }
        }
    }
}
