//! Pictures in briefs: drawn as half blocks where the terminal has no
//! graphics protocol, refused (the `[image: alt]` line) when remote,
//! missing, damaged, huge or not a regular file, decoded off the UI thread
//! with the layout's rows kept for them meanwhile.

mod common;

use std::path::{Path, PathBuf};

use brief::app::msg::{Effect, LoadRequest, Msg, PictureJob};
use brief::app::{App, Loaded};
use brief::images::{self, Refusal};
use brief::runtime::open::{Env, load};
use common::tui::{opened_at, press, screen};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pictures")
}

fn loaded() -> Loaded {
    let request = LoadRequest {
        path: fixtures().join("pictures.md"),
        at: None,
        reload: false,
        back: None,
        attach: None,
    };
    load(&Env::default(), &request).expect("the pictures fixture loads")
}

/// The jobs the app asked for, without doing them.
fn jobs(app: &mut App) -> Vec<PictureJob> {
    app.take_effects()
        .into_iter()
        .filter_map(|e| match e {
            Effect::Picture(job) => Some(job),
            _ => None,
        })
        .collect()
}

/// Does what the runtime's picture worker does, with half blocks.
fn decode(app: &mut App) {
    let picker = brief::tui::graphics::halfblocks();
    loop {
        let jobs = jobs(app);
        if jobs.is_empty() {
            return;
        }
        for job in jobs {
            let result = brief::runtime::pictures::run(&picker, &job);
            app.update(Msg::Picture { job, result });
        }
    }
}

fn draw(app: &App) -> Buffer {
    let size = app.shared().size;
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).expect("backend");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("draw");
    terminal.backend().buffer().clone()
}

fn row_of(text: &str, needle: &str) -> Option<usize> {
    text.lines().position(|l| l.contains(needle))
}

#[test]
fn a_local_png_is_drawn_in_half_blocks_after_its_decode() {
    let mut app = opened_at(loaded(), 100, 30);
    decode(&mut app);
    insta::assert_snapshot!(screen(&app));
}

/// The picture's cells: each colour a letter, so the snapshot shows the
/// chart's bars where the text shows only `▀`.
#[test]
fn half_block_colours_of_the_chart() {
    let mut app = opened_at(loaded(), 100, 30);
    decode(&mut app);
    let buf = draw(&app);
    let text = screen(&app);
    let top = row_of(&text, "The chart below").expect("paragraph shown") + 2;
    let x0 = text
        .lines()
        .nth(top - 2)
        .and_then(|l| l.find("The"))
        .map(|b| l_width(&text, top - 2, b));
    let x0 = x0.expect("text column");
    let mut legend: Vec<Color> = Vec::new();
    let mut letter = |c: Color| {
        let i = legend.iter().position(|&k| k == c).unwrap_or_else(|| {
            legend.push(c);
            legend.len() - 1
        });
        char::from(LETTERS[i % LETTERS.len()])
    };
    let mut out = String::new();
    for y in top..top + 6 {
        for x in x0..x0 + 16 {
            let cell = &buf[(x as u16, y as u16)];
            out.push(letter(cell.fg));
            out.push(letter(cell.bg));
            out.push(' ');
        }
        out.push('\n');
    }
    for (i, c) in legend.iter().enumerate() {
        out.push_str(&format!(
            "{} = {c:?}\n",
            char::from(LETTERS[i % LETTERS.len()])
        ));
    }
    insta::assert_snapshot!(out);
}

const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// The display column of a byte offset in a line of the screen text.
fn l_width(text: &str, row: usize, byte: usize) -> usize {
    text.lines()
        .nth(row)
        .map_or(0, |l| l[..byte].chars().count())
}

#[test]
fn the_layout_keeps_the_pictures_rows_before_it_is_decoded() {
    let mut app = opened_at(loaded(), 100, 30);
    let before = screen(&app);
    assert!(
        before.contains("[image: Freight by corridor, Q3]"),
        "{before}"
    );
    decode(&mut app);
    let after = screen(&app);
    assert!(
        !after.contains("[image: Freight by corridor, Q3]"),
        "{after}"
    );
    assert_eq!(
        row_of(&before, "A picture that is far too large"),
        row_of(&after, "A picture that is far too large"),
        "{before}\n{after}"
    );
}

#[test]
fn refused_pictures_show_their_alt_line() {
    let mut app = opened_at(loaded(), 100, 60);
    decode(&mut app);
    let text = screen(&app);
    for alt in [
        "[image: An oversized scan]",
        "[image: A damaged figure]",
        "[image: Remote map]",
        "[image: Missing figure]",
    ] {
        assert!(text.contains(alt), "{alt} missing:\n{text}");
    }
    // The damaged one passed its header check and failed on the worker:
    // its rows stay (nothing below moves) and it says why.
    assert!(text.contains("(not shown: damaged"), "{text}");
}

#[test]
fn capital_i_turns_pictures_into_alt_lines_and_back() {
    let mut app = opened_at(loaded(), 100, 30);
    decode(&mut app);
    press(&mut app, &["I"]);
    let off = screen(&app);
    assert!(off.contains("[image: Freight by corridor, Q3]"), "{off}");
    assert!(!off.contains('▀'), "{off}");
    press(&mut app, &["I"]);
    decode(&mut app);
    assert!(screen(&app).contains('▀'));
}

#[test]
fn v_shows_the_picture_full_screen_and_any_key_closes_it() {
    let mut app = opened_at(loaded(), 60, 20);
    decode(&mut app);
    press(&mut app, &["j"]);
    press(&mut app, &["v"]);
    decode(&mut app);
    let full = screen(&app);
    assert!(full.contains("any key closes"), "{full}");
    assert!(!full.contains("Outline"), "{full}");
    press(&mut app, &["j"]);
    let back = screen(&app);
    assert!(back.contains("Outline"), "{back}");
}

#[test]
fn v_away_from_a_picture_says_so() {
    let mut app = opened_at(loaded(), 100, 30);
    press(&mut app, &["v"]);
    assert!(screen(&app).contains("no picture here"));
}

#[test]
fn remote_and_data_addresses_are_never_read() {
    for src in [
        "https://example.org/a.png",
        "data:image/png;base64,AAAA",
        "//host/a.png",
    ] {
        assert_eq!(images::locate(&fixtures(), src), Err(Refusal::Remote));
    }
}

#[test]
fn a_missing_file_is_refused() {
    assert_eq!(
        images::measure(&fixtures().join("missing.png")),
        Err(Refusal::Missing)
    );
}

#[test]
fn a_20000_pixel_png_is_refused_from_its_header() {
    let huge = fixtures().join("huge.png");
    assert_eq!(
        images::measure(&huge),
        Err(Refusal::TooManyPixels(20000, 20000))
    );
    assert!(images::decode(&huge).is_err());
}

#[test]
fn corrupt_bytes_are_refused() {
    let corrupt = fixtures().join("corrupt.png");
    assert!(images::decode(&corrupt).is_err());
}

#[test]
fn a_text_file_is_not_a_picture() {
    assert_eq!(
        images::measure(&fixtures().join("pictures.md")),
        Err(Refusal::Format)
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_never_opened() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("chart.png");
    let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).expect("path");
    // SAFETY: a valid C string path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    assert_eq!(images::measure(&fifo), Err(Refusal::NotAFile));
    assert_eq!(images::decode(&fifo).err(), Some(Refusal::NotAFile));
    assert_eq!(
        images::measure(Path::new("/dev/zero")),
        Err(Refusal::NotAFile)
    );
}

#[test]
fn the_chart_decodes_within_the_limits() {
    let image = images::decode(&fixtures().join("chart.png")).expect("chart decodes");
    assert_eq!((image.width(), image.height()), (160, 120));
}

/// Rows of the screen holding half blocks.
fn picture_rows(text: &str) -> usize {
    text.lines()
        .filter(|l| l.contains('▀') || l.contains('▄'))
        .count()
}

#[test]
fn a_picture_half_off_the_top_shows_its_lower_rows() {
    let mut app = opened_at(loaded(), 100, 30);
    decode(&mut app);
    let whole = picture_rows(&screen(&app));
    // The wheel over the reading pane scrolls by lines: the heading, the
    // paragraph and the picture's first rows go off the top.
    app.update(brief::keys::Action::Scroll {
        column: 60,
        row: 10,
        lines: 7,
    });
    decode(&mut app);
    let text = screen(&app);
    let cut = picture_rows(&text);
    assert!(cut > 0 && cut < whole, "{whole} rows, then {cut}:\n{text}");
    assert!(!text.contains("[image: Freight"), "{text}");
}

#[test]
fn v_shows_the_picture_even_with_pictures_off() {
    let mut app = opened_at(loaded(), 60, 20);
    press(&mut app, &["I", "j", "v"]);
    decode(&mut app);
    let full = screen(&app);
    assert!(full.contains("any key closes"), "{full}");
    assert!(picture_rows(&full) > 6, "{full}");
}

#[test]
fn jpeg_gif_and_webp_decode_too() {
    let chart = images::decode(&fixtures().join("chart.png")).expect("chart decodes");
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, format) in [
        ("chart.jpg", image::ImageFormat::Jpeg),
        ("chart.gif", image::ImageFormat::Gif),
        ("chart.webp", image::ImageFormat::WebP),
    ] {
        let path = dir.path().join(name);
        chart
            .to_rgb8()
            .save_with_format(&path, format)
            .expect("encode the chart");
        assert_eq!(images::measure(&path), Ok((160, 120)), "{name}");
        let decoded = images::decode(&path).expect("decodes");
        assert_eq!((decoded.width(), decoded.height()), (160, 120), "{name}");
    }
}

/// On a 256-colour terminal the picture's cells are in the 256 colours,
/// as the theme is: no 24-bit escape reaches a terminal that may not read
/// them.
#[test]
fn half_blocks_are_fitted_to_a_256_colour_terminal() {
    let mut start = common::tui::startup(brief::app::Start::Opened(Box::new(loaded())));
    start.theme = start.theme.adapt(brief::theme::ColorDepth::Ansi256);
    let mut app = common::tui::app_with(start, 100, 30);
    decode(&mut app);
    let buf = draw(&app);
    let text = screen(&app);
    let top = row_of(&text, "The chart below").expect("paragraph shown") + 2;
    let cells: Vec<&ratatui::buffer::Cell> = (top..top + 6)
        .flat_map(|y| (0..100u16).map(move |x| (x, y as u16)))
        .map(|p| &buf[p])
        .filter(|c| c.symbol() == "▀" || c.symbol() == "▄")
        .collect();
    assert!(!cells.is_empty(), "the chart is drawn:\n{text}");
    for c in cells {
        for colour in [c.fg, c.bg] {
            assert!(
                !matches!(colour, Color::Rgb(..)),
                "a 24-bit colour on a 256-colour terminal: {colour:?}"
            );
        }
    }
}
