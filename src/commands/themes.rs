//! `brief themes`: every theme with a sample line in its own colours.

use crate::document::sanitize::sanitize_line;
use std::fmt::Write as _;

use ratatui::style::{Color, Modifier, Style};

use crate::theme::{ColorDepth, Theme, ThemeError};

/// One line per theme (`*` marks `current`): name, description and where
/// it comes from, then, with `color`, a sample line drawn in the theme's
/// colours fitted to `depth` (real ANSI escapes: only for a terminal).
/// Themes that failed to load follow with their errors.
pub fn list(
    themes: &[Theme],
    errors: &[ThemeError],
    current: &str,
    depth: ColorDepth,
    color: bool,
) -> String {
    let mut out = String::new();
    let width = themes
        .iter()
        .map(|t| t.name.chars().count())
        .max()
        .unwrap_or(0);
    for theme in themes {
        let mark = if theme.name == current { '*' } else { ' ' };
        // Names, descriptions and paths come from theme files: sanitised.
        let from = match &theme.source {
            Some(path) => format!("  ({})", crate::document::load::display_path(path)),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "{mark} {:<width$}  {}{from}",
            sanitize_line(&theme.name),
            sanitize_line(&theme.description)
        );
        if color {
            let _ = writeln!(out, "    {}", sample(&theme.adapt(depth)));
        }
    }
    if !errors.is_empty() {
        out.push_str("\nThemes that did not load:\n");
        for e in errors {
            let _ = writeln!(out, "  {e}");
        }
    }
    out
}

/// A line showing the main parts of a theme.
pub fn sample(t: &Theme) -> String {
    let parts: [(&str, Style); 11] = [
        ("▌", t.cursor),
        ("Heading", t.headings[0]),
        (" body text ", t.text),
        ("emphasis", t.text.patch(t.emphasis)),
        (" ", t.text),
        ("code", t.text.patch(t.code)),
        (" ", t.text),
        ("link", t.text.patch(t.link)),
        (" ", t.text),
        ("match", t.search_match),
        (" ", t.text),
    ];
    let mut out: String = parts.iter().map(|(s, style)| paint(s, *style)).collect();
    out.push_str(&paint("#policy", t.tag_style("policy")));
    out.push(' ');
    out.push_str(&paint(" status ", t.status));
    out.push_str(&paint(" key ", t.status_key));
    out.push(' ');
    out.push_str(&paint(" popup ", t.popup));
    out
}

/// Text wrapped in the SGR escapes of a style, reset after.
pub fn paint(text: &str, style: Style) -> String {
    let codes = sgr_codes(style);
    if codes.is_empty() {
        return text.to_owned();
    }
    format!("\x1b[{}m{text}\x1b[0m", codes.join(";"))
}

fn sgr_codes(style: Style) -> Vec<String> {
    const MODIFIERS: [(Modifier, &str); 6] = [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
        (Modifier::CROSSED_OUT, "9"),
    ];
    let mut codes: Vec<String> = MODIFIERS
        .iter()
        .filter(|(m, _)| style.add_modifier.contains(*m))
        .map(|(_, code)| (*code).to_owned())
        .collect();
    codes.extend(style.fg.map(|c| color_code(c, 30)));
    codes.extend(style.bg.map(|c| color_code(c, 40)));
    codes
}

/// The SGR parameter of a colour; `base` is 30 for the foreground, 40 for
/// the background.
fn color_code(color: Color, base: u8) -> String {
    let named = |i: u8| {
        if i < 8 {
            (base + i).to_string()
        } else {
            (base + 60 + i - 8).to_string()
        }
    };
    match color {
        Color::Reset => (base + 9).to_string(),
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Indexed(i) => format!("{};5;{i}", base + 8),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
    }
}
