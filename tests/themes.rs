//! Themes: the bundled files, user themes, `extends`, errors that point at
//! the line, colour depth, and the main screen drawn in every theme.

use std::path::Path;

use brief::app::{App, Startup};
use brief::commands::themes::list;
use brief::document::parse;
use brief::keys::Action;
use brief::theme::{
    self, BUNDLED, ColorDepth, PARTS, Theme, ThemeError, available, cycle, load, load_or_default,
    load_with_base,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier, Style};

const BRIEF: &str = include_str!("fixtures/ui-brief.md");

/// A config folder with the given files in its themes/.
fn config_dir(themes: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("themes")).expect("themes dir");
    for (name, text) in themes {
        let path = dir.path().join("themes").join(format!("{name}.toml"));
        std::fs::write(path, text).expect("write theme");
    }
    dir
}

fn load_error(name: &str, dir: &Path) -> String {
    match load(name, Some(dir)) {
        Ok(_) => panic!("theme {name} should not load"),
        Err(e) => e.to_string(),
    }
}

fn sentinel() -> Style {
    Style::new()
        .fg(Color::Rgb(1, 2, 3))
        .bg(Color::Rgb(4, 5, 6))
        .add_modifier(Modifier::SLOW_BLINK)
}

// ---------------------------------------------------------------------------
// Bundled themes

#[test]
fn every_bundled_theme_styles_every_part() {
    let mut base = Theme::monochrome();
    for part in PARTS {
        assert!(base.set_style(part, sentinel()));
    }
    base.tag_palette = vec![sentinel()];
    for (name, _) in BUNDLED {
        let theme = load_with_base(name, None, &base).unwrap_or_else(|e| panic!("{e}"));
        for part in PARTS {
            assert_ne!(
                theme.style_of(part),
                Some(sentinel()),
                "{name} leaves {part} unset"
            );
        }
        assert!(!theme.tag_palette.contains(&sentinel()), "{name} palette");
        assert!(!theme.description.is_empty(), "{name} has no description");
    }
}

#[test]
fn there_are_at_least_four_bundled_themes_with_the_promised_names() {
    let names: Vec<&str> = BUNDLED.iter().map(|(n, _)| *n).collect();
    for name in ["default", "light", "high-contrast"] {
        assert!(names.contains(&name), "{names:?}");
    }
    assert!(names.len() >= 4);
}

#[test]
fn the_default_theme_is_the_bundled_default_file() {
    let theme = load("default", None).unwrap();
    assert_eq!(theme, Theme::dark());
    assert_eq!(theme, Theme::default());
    assert_eq!(
        theme.headings[0],
        Style::new()
            .fg(Color::Rgb(0xff, 0x9e, 0x64))
            .add_modifier(Modifier::BOLD)
    );
    assert_eq!(
        theme.tag_style("follow-up"),
        Style::new()
            .fg(Color::Rgb(0xf7, 0x76, 0x8e))
            .add_modifier(Modifier::BOLD)
    );
}

#[test]
fn bundled_themes_differ_from_each_other() {
    let (themes, errors) = available(None);
    assert!(errors.is_empty(), "{errors:?}");
    for (i, a) in themes.iter().enumerate() {
        for b in &themes[i + 1..] {
            assert_ne!(a.headings, b.headings, "{} and {}", a.name, b.name);
        }
    }
}

// ---------------------------------------------------------------------------
// extends and user themes

#[test]
fn extends_changes_only_what_the_theme_names() {
    let dir = config_dir(&[(
        "mine",
        "extends = \"default\"\n[styles]\ncursor = \"red\"\n",
    )]);
    let mine = load("mine", Some(dir.path())).unwrap();
    let mut expected = Theme::dark();
    expected.name = "mine".into();
    expected.source = Some(dir.path().join("themes/mine.toml"));
    expected.cursor = Style::new().fg(Color::Red);
    assert_eq!(mine, expected);
}

#[test]
fn a_colour_redefined_in_a_child_recolours_the_parent_parts_that_use_it() {
    let dir = config_dir(&[("blue", "extends = \"default\"\n[colors]\naccent = 21\n")]);
    let theme = load("blue", Some(dir.path())).unwrap();
    assert_eq!(theme.headings[1].fg, Some(Color::Indexed(21)));
    assert_eq!(theme.border_focused.fg, Some(Color::Indexed(21)));
    assert_eq!(theme.headings[0], Theme::dark().headings[0]);
}

#[test]
fn a_user_theme_overrides_a_bundled_one_by_name() {
    // Extending its own name extends the bundled theme.
    let text = "extends = \"light\"\ndescription = \"my light\"\n[styles]\ntext = \"#101010\"\n";
    let dir = config_dir(&[("light", text)]);
    let light = load("light", Some(dir.path())).unwrap();
    assert_eq!(light.text.fg, Some(Color::Rgb(0x10, 0x10, 0x10)));
    assert_eq!(light.description, "my light");
    assert_eq!(light.headings, load("light", None).unwrap().headings);
    let (themes, errors) = available(Some(dir.path()));
    assert!(errors.is_empty(), "{errors:?}");
    let lights: Vec<&Theme> = themes.iter().filter(|t| t.name == "light").collect();
    assert_eq!(lights.len(), 1);
    assert_eq!(lights[0].source, Some(dir.path().join("themes/light.toml")));
}

#[test]
fn bundled_themes_extend_the_bundled_parent_even_when_the_user_overrides_it() {
    let dir = config_dir(&[("light", "[styles]\nheading1 = \"red\"\n")]);
    let sepia = load("sepia", Some(dir.path())).unwrap();
    assert_eq!(sepia, load("sepia", None).unwrap());
}

#[test]
fn user_themes_are_listed_after_the_bundled_ones() {
    let dir = config_dir(&[("zebra", "extends = \"high-contrast\"\n")]);
    let (themes, _) = available(Some(dir.path()));
    let names: Vec<&str> = themes.iter().map(|t| t.name.as_str()).collect();
    let bundled: Vec<&str> = BUNDLED.iter().map(|(n, _)| *n).collect();
    assert_eq!(names[..bundled.len()], bundled[..]);
    assert_eq!(names.last(), Some(&"zebra"));
}

#[test]
fn a_theme_without_extends_leaves_unnamed_parts_in_the_no_colour_look() {
    let dir = config_dir(&[("tiny", "[styles]\ntext = \"white\"\n")]);
    let tiny = load("tiny", Some(dir.path())).unwrap();
    assert_eq!(tiny.text, Style::new().fg(Color::White));
    assert_eq!(tiny.search_match, Theme::monochrome().search_match);
    assert!(tiny.search_match.add_modifier.contains(Modifier::REVERSED));
}

#[test]
fn tags_take_a_palette_and_fixed_colours() {
    let text = "extends = \"default\"\n[tags]\npalette = [\"red\"]\n\
                named = { urgent = { fg = \"white\", bg = \"red\" } }\n";
    let dir = config_dir(&[("tagged", text)]);
    let theme = load("tagged", Some(dir.path())).unwrap();
    assert_eq!(theme.tag_style("anything"), Style::new().fg(Color::Red));
    assert_eq!(
        theme.tag_style("urgent"),
        Style::new().fg(Color::White).bg(Color::Red)
    );
    // Named tags of the parent stay.
    assert_eq!(
        theme.tag_style("follow-up"),
        Theme::dark().tag_style("follow-up")
    );
}

#[test]
fn cycling_goes_to_the_next_theme_and_wraps() {
    let (themes, _) = available(None);
    assert_eq!(cycle("default", &themes).name, themes[1].name);
    let last = &themes[themes.len() - 1].name;
    assert_eq!(cycle(last, &themes).name, "default");
    assert_eq!(cycle("no-such-theme", &themes).name, "default");
}

// ---------------------------------------------------------------------------
// Bad themes

#[test]
fn an_unknown_style_key_names_file_line_and_column() {
    let dir = config_dir(&[(
        "bad",
        "extends = \"default\"\n[styles]\n  heding1 = \"red\"\n",
    )]);
    let file = dir.path().join("themes/bad.toml");
    assert_eq!(
        load_error("bad", dir.path()),
        format!(
            "{}:3:3: unknown key `heding1` in [styles]; did you mean `heading1`?",
            file.display()
        )
    );
}

#[test]
fn an_unknown_key_inside_a_style_is_an_error() {
    let dir = config_dir(&[("bad", "[styles]\ntext = { fg = \"red\", bold = true }\n")]);
    let message = load_error("bad", dir.path());
    assert!(
        message.contains("bad.toml:2:22: unknown key `bold` in a style; `bold` is a modifier: write modifiers = [\"bold\"]"),
        "{message}"
    );
}

#[test]
fn an_unknown_top_level_key_is_an_error() {
    let dir = config_dir(&[("bad", "extend = \"default\"\n")]);
    let message = load_error("bad", dir.path());
    assert!(
        message.contains(
            "bad.toml:1:1: unknown key `extend` at the top of the theme; did you mean `extends`?"
        ),
        "{message}"
    );
}

#[test]
fn a_bad_colour_names_its_place() {
    let dir = config_dir(&[
        ("hex", "[styles]\ncode = { fg = \"#ff00\" }\n"),
        ("name", "[styles]\ncode = { bg = \"reddish\" }\n"),
        ("index", "[styles]\ncode = 300\n"),
    ]);
    let hex = load_error("hex", dir.path());
    assert!(hex.contains("hex.toml:2:15: bad colour \"#ff00\""), "{hex}");
    let name = load_error("name", dir.path());
    assert!(
        name.contains("name.toml:2:15: bad colour \"reddish\""),
        "{name}"
    );
    let index = load_error("index", dir.path());
    assert!(
        index.contains("index.toml:2:8: colour index 300 is out of range: use 0-255"),
        "{index}"
    );
}

#[test]
fn a_built_in_colour_name_cannot_be_redefined() {
    let dir = config_dir(&[("bad", "[colors]\nok = \"#000000\"\nred = \"#ff0000\"\n")]);
    let message = load_error("bad", dir.path());
    assert!(
        message.contains("bad.toml:3:1: `red` is a built-in colour"),
        "{message}"
    );
}

#[test]
fn an_unknown_modifier_is_an_error() {
    let dir = config_dir(&[(
        "bad",
        "[styles]\ncode = { modifiers = [\"bold\", \"blinking\"] }\n",
    )]);
    let message = load_error("bad", dir.path());
    assert!(
        message.contains("bad.toml:2:31: unknown modifier \"blinking\""),
        "{message}"
    );
}

#[test]
fn a_toml_syntax_error_names_line_and_column() {
    let dir = config_dir(&[("bad", "description = \"ok\"\n[styles\ntext = \"red\"\n")]);
    let message = load_error("bad", dir.path());
    let file = dir.path().join("themes/bad.toml");
    assert!(
        message.starts_with(&format!("{}:2:", file.display())),
        "{message}"
    );
}

#[test]
fn extending_an_unknown_theme_or_in_a_loop_is_an_error() {
    let dir = config_dir(&[
        ("orphan", "extends = \"nowhere\"\n"),
        ("a", "extends = \"b\"\n"),
        ("b", "extends = \"a\"\n"),
    ]);
    let orphan = load_error("orphan", dir.path());
    assert!(
        orphan.contains("orphan.toml:1:11: `extends`: no theme named \"nowhere\""),
        "{orphan}"
    );
    let a = load_error("a", dir.path());
    assert!(a.contains("goes round in a loop: a -> b -> a"), "{a}");
}

#[test]
fn an_unknown_theme_name_lists_the_available_ones() {
    let err = load("nosuch", None).unwrap_err();
    assert!(matches!(err, ThemeError::NotFound { .. }));
    assert!(
        err.to_string().contains("default, light, high-contrast"),
        "{err}"
    );
}

#[test]
fn a_broken_theme_falls_back_to_the_default_with_a_warning() {
    let dir = config_dir(&[("broken", "[styles]\ntext = { fg = \"nope\" }\n")]);
    let (theme, warning) = load_or_default("broken", Some(dir.path()));
    assert_eq!(theme, Theme::dark());
    let warning = warning.expect("a warning");
    assert!(warning.contains("broken.toml:2:15"), "{warning}");
    assert!(
        warning.starts_with("theme \"broken\" not used, showing the default"),
        "{warning}"
    );
    // The others still load, and the broken one is reported.
    let (themes, errors) = available(Some(dir.path()));
    assert_eq!(themes.len(), BUNDLED.len());
    assert_eq!(errors.len(), 1);
}

// ---------------------------------------------------------------------------
// Colour depth

fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| (*v).to_owned())
    }
}

#[test]
fn colour_depth_is_detected_from_the_environment() {
    let cases: &[(&[(&str, &str)], ColorDepth)] = &[
        (
            &[("COLORTERM", "truecolor"), ("TERM", "xterm")],
            ColorDepth::TrueColor,
        ),
        (&[("COLORTERM", "24bit")], ColorDepth::TrueColor),
        (&[("TERM", "xterm-256color")], ColorDepth::Ansi256),
        (
            &[("TERM", "screen-256color"), ("COLORTERM", "")],
            ColorDepth::Ansi256,
        ),
        (&[("TERM", "xterm")], ColorDepth::Ansi16),
        (&[("TERM", "linux")], ColorDepth::Ansi16),
        (&[], ColorDepth::Ansi16),
        (&[("TERM", "dumb")], ColorDepth::NoColor),
        (
            &[("NO_COLOR", "1"), ("COLORTERM", "truecolor")],
            ColorDepth::NoColor,
        ),
        // An empty NO_COLOR does not count.
        (
            &[("NO_COLOR", ""), ("TERM", "xterm-256color")],
            ColorDepth::Ansi256,
        ),
    ];
    for (vars, expected) in cases {
        assert_eq!(ColorDepth::detect(env(vars)), *expected, "{vars:?}");
    }
}

#[test]
fn truecolor_keeps_colours_as_written() {
    assert_eq!(Theme::dark().adapt(ColorDepth::TrueColor), Theme::dark());
}

#[test]
fn colours_map_to_the_nearest_of_256() {
    use theme::adapt_color;
    let d = ColorDepth::Ansi256;
    assert_eq!(adapt_color(Color::Rgb(255, 0, 0), d), Color::Indexed(196));
    assert_eq!(
        adapt_color(Color::Rgb(128, 128, 128), d),
        Color::Indexed(244)
    );
    assert_eq!(
        adapt_color(Color::Rgb(0xff, 0x9e, 0x64), d),
        Color::Indexed(215)
    );
    assert_eq!(adapt_color(Color::Indexed(42), d), Color::Indexed(42));
    assert_eq!(adapt_color(Color::LightBlue, d), Color::LightBlue);
    assert_eq!(adapt_color(Color::Reset, d), Color::Reset);
}

#[test]
fn colours_map_to_the_nearest_of_16() {
    use theme::adapt_color;
    let d = ColorDepth::Ansi16;
    assert_eq!(adapt_color(Color::Rgb(255, 0, 0), d), Color::LightRed);
    assert_eq!(
        adapt_color(Color::Rgb(0x7a, 0xa2, 0xf7), d),
        Color::LightBlue
    );
    assert_eq!(adapt_color(Color::Rgb(0x24, 0x28, 0x3b), d), Color::Black);
    assert_eq!(adapt_color(Color::Indexed(196), d), Color::LightRed);
    assert_eq!(adapt_color(Color::Indexed(2), d), Color::Green);
    assert_eq!(adapt_color(Color::Yellow, d), Color::Yellow);
}

fn colours_of(t: &Theme) -> Vec<Color> {
    let mut styles: Vec<Style> = PARTS.iter().filter_map(|p| t.style_of(p)).collect();
    styles.extend(t.tag_palette.iter().copied());
    styles.extend(t.tag_colors.iter().map(|(_, s)| *s));
    styles
        .iter()
        .flat_map(|s| [s.fg, s.bg, s.underline_color])
        .flatten()
        .collect()
}

#[test]
fn adapted_themes_use_only_colours_the_terminal_has() {
    for (name, _) in BUNDLED {
        let theme = load(name, None).unwrap();
        let c256 = colours_of(&theme.adapt(ColorDepth::Ansi256));
        assert!(!c256.iter().any(|c| matches!(c, Color::Rgb(..))), "{name}");
        let c16 = colours_of(&theme.adapt(ColorDepth::Ansi16));
        assert!(
            !c16.iter()
                .any(|c| matches!(c, Color::Rgb(..) | Color::Indexed(_))),
            "{name}"
        );
    }
}

#[test]
fn no_color_removes_every_colour_but_keeps_the_important_parts_apart() {
    for (name, _) in BUNDLED {
        let t = load(name, None).unwrap().adapt(ColorDepth::NoColor);
        assert!(colours_of(&t).is_empty(), "{name} keeps colour");
        let marked = [
            ("cursor", t.cursor),
            ("search_match", t.search_match),
            ("search_current", t.search_current),
            ("outline_current", t.outline_current),
            ("outline_selected", t.outline_selected),
            ("popup_selected", t.popup_selected),
            ("pane_title_focused", t.pane_title_focused),
            ("status", t.status),
            ("error", t.error),
            ("link", t.link),
        ];
        for (part, style) in marked.iter().chain(
            t.headings
                .iter()
                .map(|h| ("heading", *h))
                .collect::<Vec<_>>()
                .iter(),
        ) {
            assert!(
                !style.add_modifier.is_empty(),
                "{name}: {part} has no modifier"
            );
        }
        assert!(
            t.search_match.add_modifier.contains(Modifier::REVERSED),
            "{name}"
        );
        assert_ne!(t.search_match, t.search_current, "{name}");
        assert_ne!(t.pane_title, t.pane_title_focused, "{name}");
        assert_ne!(t.outline, t.outline_current, "{name}");
        assert_ne!(t.text, t.headings[0], "{name}");
    }
}

// ---------------------------------------------------------------------------
// The main screen in every theme

/// The app on the fixture brief at 100x30 in a theme.
fn themed(theme: Theme) -> App {
    let startup = Startup {
        theme,
        ..Startup::brief(parse(BRIEF, "ui-brief"))
    };
    let mut app = App::new(startup);
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    app
}

fn screen(theme: Theme) -> String {
    let app = themed(theme);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("test backend");
    terminal
        .draw(|f| f.render_widget(&app, f.area()))
        .expect("draw");
    format!("{:?}", terminal.backend().buffer())
}

macro_rules! theme_snapshot {
    ($test:ident, $name:literal) => {
        #[test]
        fn $test() {
            let theme = load($name, None).unwrap();
            insta::assert_snapshot!(screen(theme));
        }
    };
}

theme_snapshot!(main_screen_default, "default");
theme_snapshot!(main_screen_light, "light");
theme_snapshot!(main_screen_high_contrast, "high-contrast");
theme_snapshot!(main_screen_solarized_dark, "solarized-dark");
theme_snapshot!(main_screen_sepia, "sepia");

#[test]
fn every_bundled_theme_has_a_snapshot_test() {
    let source = include_str!("themes.rs");
    for (name, _) in BUNDLED {
        assert!(
            source.contains(&format!("\"{name}\");")),
            "add theme_snapshot! for {name}"
        );
    }
}

#[test]
fn main_screen_no_color() {
    let theme = Theme::dark().adapt(ColorDepth::NoColor);
    let app = themed(theme.clone());
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("test backend");
    terminal
        .draw(|f| f.render_widget(&app, f.area()))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    for cell in &buffer.content {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
    }
    insta::assert_snapshot!(screen(theme));
}

// ---------------------------------------------------------------------------
// brief themes

#[test]
fn the_theme_list_names_every_theme_and_marks_the_current_one() {
    let (themes, errors) = available(None);
    let plain = list(&themes, &errors, "light", ColorDepth::TrueColor, false);
    for (name, _) in BUNDLED {
        assert!(plain.contains(name), "{plain}");
    }
    assert!(plain.contains("* light"), "{plain}");
    assert!(!plain.contains('\x1b'), "{plain}");
}

#[test]
fn the_theme_list_draws_a_sample_in_each_themes_colours() {
    let (themes, errors) = available(None);
    let out = list(&themes, &errors, "default", ColorDepth::TrueColor, true);
    // The default theme's first heading colour, #ff9e64, bold.
    assert!(out.contains("\x1b[1;38;2;255;158;100mHeading"), "{out:?}");
    let out256 = list(&themes, &errors, "default", ColorDepth::Ansi256, true);
    assert!(!out256.contains("38;2;"), "{out256:?}");
    let mono = list(&themes, &errors, "default", ColorDepth::NoColor, true);
    assert!(!mono.contains("38;") && !mono.contains("48;"), "{mono:?}");
    assert!(mono.contains("\x1b[7m"), "{mono:?}");
}

#[test]
fn the_theme_list_reports_themes_that_did_not_load() {
    let dir = config_dir(&[("oops", "[styles]\nnope = \"red\"\n")]);
    let (themes, errors) = available(Some(dir.path()));
    let out = list(&themes, &errors, "default", ColorDepth::TrueColor, false);
    assert!(out.contains("did not load"), "{out}");
    assert!(out.contains("oops.toml:2:1: unknown key `nope`"), "{out}");
}
