//! Colour depth: what the terminal can show ([`ColorDepth`]), and fitting a
//! theme to it ([`Theme::adapt`]) through nearest-colour maths.

use ratatui::style::{Color, Modifier, Style};

use super::{MONO, MONO_NAMED_TAG, NONE, PARTS, Theme, part_mut};

impl Theme {
    /// The theme as this terminal can show it: colours mapped to the
    /// nearest the terminal has, or removed (NO_COLOR) with each part keeping
    /// modifiers that still set it apart. Pure: the same input, the same
    /// theme.
    pub fn adapt(&self, depth: ColorDepth) -> Theme {
        let mut theme = self.clone();
        for (key, mono) in PARTS.iter().zip(MONO) {
            let style = part_mut(&mut theme, key).expect("PARTS names fields");
            *style = adapt_style(*style, depth, *mono);
        }
        for style in &mut theme.tag_palette {
            *style = adapt_style(*style, depth, NONE);
        }
        for (_, style) in &mut theme.tag_colors {
            *style = adapt_style(*style, depth, MONO_NAMED_TAG);
        }
        theme.depth = depth;
        theme
    }
}

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    /// 24-bit colour: `#rrggbb` as written.
    TrueColor,
    /// The xterm 256-colour palette.
    Ansi256,
    /// The 16 ANSI colours.
    Ansi16,
    /// No colour at all (NO_COLOR): bold, underline, italic and reverse only.
    NoColor,
}

impl ColorDepth {
    /// The depth the environment asks for: `NO_COLOR` (non-empty) turns
    /// colour off; `COLORTERM=truecolor|24bit` (or Windows Terminal) gives
    /// 24-bit; a `TERM` with `256color` gives 256; `TERM=dumb` none; anything
    /// else 16. `env` looks a variable up, so tests need not touch the real
    /// environment.
    pub fn detect(env: impl Fn(&str) -> Option<String>) -> ColorDepth {
        let set = |name: &str| env(name).filter(|v| !v.is_empty());
        if set("NO_COLOR").is_some() {
            return ColorDepth::NoColor;
        }
        let colorterm = set("COLORTERM").unwrap_or_default().to_ascii_lowercase();
        if colorterm == "truecolor" || colorterm == "24bit" || set("WT_SESSION").is_some() {
            return ColorDepth::TrueColor;
        }
        let term = set("TERM").unwrap_or_default().to_ascii_lowercase();
        if term.ends_with("-direct") {
            ColorDepth::TrueColor
        } else if term.contains("256color") {
            ColorDepth::Ansi256
        } else if term == "dumb" {
            ColorDepth::NoColor
        } else {
            ColorDepth::Ansi16
        }
    }

    /// [`ColorDepth::detect`] on the process environment.
    pub fn from_env() -> ColorDepth {
        ColorDepth::detect(|name| std::env::var(name).ok())
    }

    pub fn label(self) -> &'static str {
        match self {
            ColorDepth::TrueColor => "24-bit colour",
            ColorDepth::Ansi256 => "256 colours",
            ColorDepth::Ansi16 => "16 colours",
            ColorDepth::NoColor => "no colour",
        }
    }
}

fn adapt_style(mut style: Style, depth: ColorDepth, mono: Modifier) -> Style {
    if depth == ColorDepth::NoColor {
        style.fg = None;
        style.bg = None;
        style.underline_color = None;
        return style.add_modifier(mono);
    }
    style.fg = style.fg.map(|c| adapt_color(c, depth));
    style.bg = style.bg.map(|c| adapt_color(c, depth));
    style.underline_color = style.underline_color.map(|c| adapt_color(c, depth));
    style
}

/// A colour as a terminal of `depth` can show it: the nearest of its
/// palette. Named colours and `reset` are shown as they are everywhere.
pub fn adapt_color(color: Color, depth: ColorDepth) -> Color {
    match (depth, color) {
        (ColorDepth::TrueColor, c) => c,
        (ColorDepth::Ansi256, Color::Rgb(r, g, b)) => Color::Indexed(nearest_256([r, g, b])),
        (ColorDepth::Ansi16, Color::Rgb(r, g, b)) => nearest_16([r, g, b]),
        (ColorDepth::Ansi16, Color::Indexed(i)) if i < 16 => ANSI16[usize::from(i)].0,
        (ColorDepth::Ansi16, Color::Indexed(i)) => nearest_16(indexed_rgb(i)),
        (ColorDepth::NoColor, _) => Color::Reset,
        (_, c) => c,
    }
}

/// The 16 ANSI colours with xterm's default values, in index order.
const ANSI16: [(Color, [u8; 3]); 16] = [
    (Color::Black, [0, 0, 0]),
    (Color::Red, [205, 0, 0]),
    (Color::Green, [0, 205, 0]),
    (Color::Yellow, [205, 205, 0]),
    (Color::Blue, [0, 0, 238]),
    (Color::Magenta, [205, 0, 205]),
    (Color::Cyan, [0, 205, 205]),
    (Color::Gray, [229, 229, 229]),
    (Color::DarkGray, [127, 127, 127]),
    (Color::LightRed, [255, 0, 0]),
    (Color::LightGreen, [0, 255, 0]),
    (Color::LightYellow, [255, 255, 0]),
    (Color::LightBlue, [92, 92, 255]),
    (Color::LightMagenta, [255, 0, 255]),
    (Color::LightCyan, [0, 255, 255]),
    (Color::White, [255, 255, 255]),
];

/// The channel values of the 6x6x6 colour cube (indices 16-231).
const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// The RGB value of a 256-palette index (xterm's defaults).
pub fn indexed_rgb(i: u8) -> [u8; 3] {
    match i {
        0..=15 => ANSI16[usize::from(i)].1,
        16..=231 => {
            let i = i - 16;
            [
                CUBE[usize::from(i / 36)],
                CUBE[usize::from(i / 6 % 6)],
                CUBE[usize::from(i % 6)],
            ]
        }
        _ => {
            let v = 8 + (i - 232) * 10;
            [v, v, v]
        }
    }
}

/// A perceptual-ish distance ("redmean"): better than plain RGB distance at
/// keeping hues apart, cheap enough for every style of a theme.
fn distance(a: [u8; 3], b: [u8; 3]) -> u32 {
    let rmean = (u32::from(a[0]) + u32::from(b[0])) / 2;
    let d = |x: u8, y: u8| u32::from(x.abs_diff(y)).pow(2);
    (((512 + rmean) * d(a[0], b[0])) >> 8)
        + 4 * d(a[1], b[1])
        + (((767 - rmean) * d(a[2], b[2])) >> 8)
}

/// The nearest entry of the cube or the grey ramp; the first 16 are left
/// out because terminals let users redefine them.
fn nearest_256(rgb: [u8; 3]) -> u8 {
    (16..=255u8)
        .min_by_key(|&i| distance(rgb, indexed_rgb(i)))
        .unwrap_or(16)
}

fn nearest_16(rgb: [u8; 3]) -> Color {
    ANSI16
        .iter()
        .min_by_key(|(_, value)| distance(rgb, *value))
        .map_or(Color::Reset, |(c, _)| *c)
}
