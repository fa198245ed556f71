//! Colours and text attributes for every part of the UI.
//!
//! Layout speaks in roles ([`Role`]) and inline flags; the theme turns them
//! into ratatui styles at draw time. Themes are TOML files (the format is
//! described at the top of `themes/default.toml`): the bundled ones are built
//! into the binary, and `<config dir>/themes/*.toml` add to them or override
//! them by name. [`Theme::adapt`] fits a theme to what the terminal can show.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ratatui::style::{Color, Modifier, Style};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::document::Inline;
use crate::layout::Role;

/// The themes built into the binary, in the order `brief themes` lists them
/// and `T` cycles through them.
pub const BUNDLED: &[(&str, &str)] = &[
    ("default", include_str!("../themes/default.toml")),
    ("light", include_str!("../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../themes/high-contrast.toml"),
    ),
    (
        "solarized-dark",
        include_str!("../themes/solarized-dark.toml"),
    ),
    ("sepia", include_str!("../themes/sepia.toml")),
];

/// The theme used when none is chosen or the chosen one is broken.
pub const DEFAULT_THEME: &str = "default";

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// The theme's name: its file name without `.toml`.
    pub name: String,
    /// One line about the theme, shown by `brief themes`.
    pub description: String,
    /// The file it came from; `None` for a bundled theme.
    pub source: Option<PathBuf>,
    pub text: Style,
    pub emphasis: Style,
    pub strong: Style,
    pub code: Style,
    pub strike: Style,
    pub link: Style,
    pub quote: Style,
    pub quote_bar: Style,
    pub headings: [Style; 6],
    pub heading_rule: Style,
    pub marker: Style,
    pub code_block: Style,
    pub table_border: Style,
    pub table_header: Style,
    pub cursor: Style,
    pub search_match: Style,
    pub search_current: Style,
    pub outline: Style,
    pub outline_current: Style,
    pub outline_selected: Style,
    pub outline_fold: Style,
    /// Patched over `outline` by the depth of a section (level 1 first).
    pub outline_levels: [Style; 6],
    pub pane_title: Style,
    pub pane_title_focused: Style,
    pub border: Style,
    pub border_focused: Style,
    pub status: Style,
    pub status_key: Style,
    pub status_message: Style,
    pub error: Style,
    pub popup: Style,
    pub popup_border: Style,
    pub popup_selected: Style,
    pub help_key: Style,
    pub help_group: Style,
    pub meta: Style,
    pub classification: Style,
    pub note_marker: Style,
    pub note_text: Style,
    pub note_quote: Style,
    pub note_flag: Style,
    pub diff_inserted: Style,
    pub diff_deleted: Style,
    /// Colours tags are hashed into.
    pub tag_palette: Vec<Style>,
    /// Fixed colours for named tags.
    pub tag_colors: Vec<(String, Style)>,
}

const B: Modifier = Modifier::BOLD;
const I: Modifier = Modifier::ITALIC;
const U: Modifier = Modifier::UNDERLINED;
const R: Modifier = Modifier::REVERSED;
const D: Modifier = Modifier::DIM;
const NONE: Modifier = Modifier::empty();

/// Declares every styled part once: its key in theme files, its field, and
/// the modifiers it keeps without colour (NO_COLOR), chosen so that the
/// cursor, matches, selections, focus, headings and the status bar still
/// stand out through bold, underline, italic and reverse alone.
macro_rules! parts {
    ($($key:literal => $field:ident $([$i:literal])?, $mono:expr;)*) => {
        /// Every styled part of the UI by its key in a theme's `[styles]`.
        pub const PARTS: &[&str] = &[$($key),*];
        const MONO: &[Modifier] = &[$($mono),*];

        fn part_ref<'a>(t: &'a Theme, key: &str) -> Option<&'a Style> {
            Some(match key {
                $($key => &t.$field $([$i])?,)*
                _ => return None,
            })
        }

        fn part_mut<'a>(t: &'a mut Theme, key: &str) -> Option<&'a mut Style> {
            Some(match key {
                $($key => &mut t.$field $([$i])?,)*
                _ => return None,
            })
        }
    };
}

parts! {
    "text" => text, NONE;
    "emphasis" => emphasis, I;
    "strong" => strong, B;
    "code" => code, D;
    "strike" => strike, Modifier::CROSSED_OUT;
    "link" => link, U;
    "quote" => quote, I;
    "quote_bar" => quote_bar, NONE;
    "heading1" => headings[0], B.union(U);
    "heading2" => headings[1], B;
    "heading3" => headings[2], B.union(I);
    "heading4" => headings[3], B;
    "heading5" => headings[4], B;
    "heading6" => headings[5], B;
    "heading_rule" => heading_rule, NONE;
    "marker" => marker, NONE;
    "code_block" => code_block, D;
    "table_border" => table_border, NONE;
    "table_header" => table_header, B;
    "cursor" => cursor, B;
    "search_match" => search_match, R;
    "search_current" => search_current, R.union(B).union(U);
    "outline" => outline, NONE;
    "outline_current" => outline_current, B;
    "outline_selected" => outline_selected, R;
    "outline_fold" => outline_fold, NONE;
    "outline_level1" => outline_levels[0], NONE;
    "outline_level2" => outline_levels[1], NONE;
    "outline_level3" => outline_levels[2], NONE;
    "outline_level4" => outline_levels[3], NONE;
    "outline_level5" => outline_levels[4], NONE;
    "outline_level6" => outline_levels[5], NONE;
    "pane_title" => pane_title, NONE;
    "pane_title_focused" => pane_title_focused, B.union(R);
    "border" => border, NONE;
    "border_focused" => border_focused, B;
    "status" => status, R;
    "status_key" => status_key, R.union(B);
    "status_message" => status_message, R;
    "error" => error, R.union(B).union(U);
    "popup" => popup, NONE;
    "popup_border" => popup_border, B;
    "popup_selected" => popup_selected, R;
    "help_key" => help_key, B;
    "help_group" => help_group, B.union(U);
    "meta" => meta, I;
    "classification" => classification, B;
    "note_marker" => note_marker, B;
    "note_text" => note_text, NONE;
    "note_quote" => note_quote, I;
    "note_flag" => note_flag, B;
    "diff_inserted" => diff_inserted, U.union(B);
    "diff_deleted" => diff_deleted, Modifier::CROSSED_OUT;
}

/// Named tags keep this without colour; palette tags keep their text only.
const MONO_NAMED_TAG: Modifier = B;

impl Default for Theme {
    fn default() -> Self {
        Theme::dark()
    }
}

impl Theme {
    /// The bundled default (dark) theme, `themes/default.toml`.
    pub fn dark() -> Theme {
        static DARK: OnceLock<Theme> = OnceLock::new();
        DARK.get_or_init(|| {
            load(DEFAULT_THEME, None).expect("the bundled default theme is valid (tested)")
        })
        .clone()
    }

    /// A theme with no colour at all: every part gets only the modifiers
    /// that keep it distinguishable. Themes without `extends` start here.
    pub fn monochrome() -> Theme {
        let mut theme = Theme::blank("monochrome");
        for (key, mono) in PARTS.iter().zip(MONO) {
            let style = part_mut(&mut theme, key).expect("PARTS names fields");
            *style = Style::new().add_modifier(*mono);
        }
        theme
    }

    /// Every part unstyled.
    fn blank(name: &str) -> Theme {
        let s = Style::new();
        Theme {
            name: name.to_owned(),
            description: String::new(),
            source: None,
            text: s,
            emphasis: s,
            strong: s,
            code: s,
            strike: s,
            link: s,
            quote: s,
            quote_bar: s,
            headings: [s; 6],
            heading_rule: s,
            marker: s,
            code_block: s,
            table_border: s,
            table_header: s,
            cursor: s,
            search_match: s,
            search_current: s,
            outline: s,
            outline_current: s,
            outline_selected: s,
            outline_fold: s,
            outline_levels: [s; 6],
            pane_title: s,
            pane_title_focused: s,
            border: s,
            border_focused: s,
            status: s,
            status_key: s,
            status_message: s,
            error: s,
            popup: s,
            popup_border: s,
            popup_selected: s,
            help_key: s,
            help_group: s,
            meta: s,
            classification: s,
            note_marker: s,
            note_text: s,
            note_quote: s,
            note_flag: s,
            diff_inserted: s,
            diff_deleted: s,
            tag_palette: Vec::new(),
            tag_colors: Vec::new(),
        }
    }

    /// The style of a part by its key in theme files (see [`PARTS`]).
    pub fn style_of(&self, part: &str) -> Option<Style> {
        part_ref(self, part).copied()
    }

    /// Sets the style of a part by its key; false for an unknown key.
    pub fn set_style(&mut self, part: &str, style: Style) -> bool {
        part_mut(self, part).map(|s| *s = style).is_some()
    }

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
        theme
    }

    /// A tag's colour: its fixed colour if the theme names it, else one of
    /// the palette picked by a hash of the name, so a tag keeps its colour.
    pub fn tag_style(&self, tag: &str) -> Style {
        if let Some((_, style)) = self.tag_colors.iter().find(|(t, _)| t == tag) {
            return *style;
        }
        if self.tag_palette.is_empty() {
            return self.text;
        }
        let h = crate::notes::anchor::fnv1a(tag.as_bytes());
        self.tag_palette[(h % self.tag_palette.len() as u64) as usize]
    }

    /// The style of a piece of laid-out text.
    pub fn look(&self, role: Role, inline: Inline) -> Style {
        let base = match role {
            Role::Text => self.text,
            Role::Quote => self.quote,
            Role::Heading(level) => self.headings[usize::from(level.clamp(1, 6)) - 1],
            Role::HeadingRule(_) => self.heading_rule,
            Role::Marker => self.marker,
            Role::QuoteBar => self.quote_bar,
            Role::Code | Role::Ellipsis => self.code_block,
            Role::TableBorder => self.table_border,
            Role::TableHeader => self.table_header,
            Role::Meta => self.meta,
            Role::Classification => self.classification,
        };
        if inline.is_empty() {
            return base;
        }
        let mut style = base;
        if inline.contains(Inline::EMPHASIS) {
            style = style.patch(self.emphasis);
        }
        if inline.contains(Inline::STRONG) {
            style = style.patch(self.strong);
        }
        if inline.contains(Inline::CODE) {
            style = style.patch(self.code);
        }
        if inline.contains(Inline::STRIKE) {
            style = style.patch(self.strike);
        }
        if inline.contains(Inline::LINK) {
            style = style.patch(self.link);
        }
        style
    }
}

// ---------------------------------------------------------------------------
// Colour depth

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

// ---------------------------------------------------------------------------
// Theme files

/// Why a theme could not be loaded. Every message names the file and,
/// where it can, the line and column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThemeError {
    // Every field may quote the theme file (or its name): sanitised for
    // the status bar and `brief themes`.
    #[error("{}:{line}:{column}: {}", safe(file), safe(message))]
    Invalid {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}: cannot read: {}", safe(file), safe(message))]
    Read { file: String, message: String },
    #[error("no theme named {:?} (available: {})", safe(name), safe(&available.join(", ")))]
    NotFound {
        name: String,
        available: Vec<String>,
    },
}

fn safe(s: &str) -> String {
    crate::document::sanitize::sanitize_line(s)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..text.floor_char_boundary(offset.min(text.len()))];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// A place in a theme file, kept for errors found after merging.
#[derive(Debug, Clone)]
struct Place {
    file: String,
    line: usize,
    column: usize,
}

impl Place {
    fn error(&self, message: String) -> ThemeError {
        ThemeError::Invalid {
            file: self.file.clone(),
            line: self.line,
            column: self.column,
            message,
        }
    }
}

#[derive(Debug, Clone)]
enum ColorRef {
    Literal(Color),
    /// A name that is not a built-in colour: one from `[colors]`, looked up
    /// after `extends` is merged.
    Named(String, Place),
}

#[derive(Debug, Clone)]
struct StyleSpec {
    fg: Option<ColorRef>,
    bg: Option<ColorRef>,
    modifiers: Modifier,
}

/// One theme file, checked but with colour names not yet resolved.
#[derive(Debug, Default)]
struct ThemeFile {
    extends: Option<(String, Place)>,
    description: Option<String>,
    colors: BTreeMap<String, Color>,
    styles: BTreeMap<&'static str, StyleSpec>,
    palette: Option<Vec<StyleSpec>>,
    named_tags: BTreeMap<String, StyleSpec>,
}

const TOP_KEYS: &[&str] = &["extends", "description", "colors", "styles", "tags"];
const STYLE_KEYS: &[&str] = &["fg", "bg", "modifiers"];
const TAG_KEYS: &[&str] = &["palette", "named"];
const MODIFIERS: &[(&str, Modifier)] = &[
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underlined", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
    ("crossed_out", Modifier::CROSSED_OUT),
];

/// Parses a colour as theme files write it: a name (`red`, `lightblue`,
/// `reset`...), `#rrggbb`, or a 0-255 index.
pub fn parse_color(s: &str) -> Option<Color> {
    if let Some(hex) = s.strip_prefix('#') {
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        return Some(Color::Rgb(channel(0)?, channel(2)?, channel(4)?));
    }
    if let Ok(i) = s.parse::<u8>() {
        return Some(Color::Indexed(i));
    }
    let name: String = s
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .collect::<String>()
        .to_ascii_lowercase();
    Some(match name.as_str() {
        "reset" | "default" | "none" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        _ => return None,
    })
}

/// Reads one file's TOML into a [`ThemeFile`], stopping at the first
/// problem.
struct FileParser<'a> {
    file: &'a str,
    text: &'a str,
}

type Entry<'i> = (
    &'i Spanned<std::borrow::Cow<'i, str>>,
    &'i Spanned<DeValue<'i>>,
);

impl<'a> FileParser<'a> {
    fn place(&self, offset: usize) -> Place {
        let (line, column) = line_column(self.text, offset);
        Place {
            file: self.file.to_owned(),
            line,
            column,
        }
    }

    fn error_at(&self, offset: usize, message: String) -> ThemeError {
        self.place(offset).error(message)
    }

    fn unknown_key(
        &self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        within: &str,
        known: &[&str],
    ) -> ThemeError {
        let name = key.get_ref().as_ref();
        let hint = match suggest(name, known) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("expected one of: {}", known.join(", ")),
        };
        self.error_at(
            key.span().start,
            format!("unknown key `{name}` {within}; {hint}"),
        )
    }

    fn parse(&self) -> Result<ThemeFile, ThemeError> {
        let doc = DeTable::parse(self.text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            self.error_at(offset, e.message().trim().to_owned())
        })?;
        let mut out = ThemeFile::default();
        for (key, value) in doc.get_ref() {
            match key.get_ref().as_ref() {
                "extends" => {
                    out.extends = Some((self.string(value)?, self.place(value.span().start)))
                }
                "description" => out.description = Some(self.string(value)?),
                "colors" => {
                    for (name, v) in self.table(value, "[colors]")? {
                        if parse_color(name.get_ref()).is_some() {
                            let message = format!(
                                "`{}` is a built-in colour and cannot be redefined; \
                                 choose another name",
                                name.get_ref()
                            );
                            return Err(self.error_at(name.span().start, message));
                        }
                        out.colors
                            .insert(name.get_ref().to_string(), self.literal_color(v)?);
                    }
                }
                "styles" => {
                    for (name, v) in self.table(value, "[styles]")? {
                        let Some(part) = PARTS.iter().find(|p| **p == name.get_ref().as_ref())
                        else {
                            return Err(self.unknown_key(name, "in [styles]", PARTS));
                        };
                        out.styles.insert(part, self.style(v)?);
                    }
                }
                "tags" => self.tags(value, &mut out)?,
                _ => return Err(self.unknown_key(key, "at the top of the theme", TOP_KEYS)),
            }
        }
        Ok(out)
    }

    fn tags(&self, value: &Spanned<DeValue<'_>>, out: &mut ThemeFile) -> Result<(), ThemeError> {
        for (key, v) in self.table(value, "[tags]")? {
            match key.get_ref().as_ref() {
                "palette" => {
                    let DeValue::Array(items) = v.get_ref() else {
                        return Err(self.error_at(
                            v.span().start,
                            "`palette` must be a list of colours or styles".into(),
                        ));
                    };
                    let styles = items.iter().map(|i| self.style(i));
                    out.palette = Some(styles.collect::<Result<_, _>>()?);
                }
                "named" => {
                    for (tag, style) in self.table(v, "[tags.named]")? {
                        out.named_tags
                            .insert(tag.get_ref().to_string(), self.style(style)?);
                    }
                }
                _ => return Err(self.unknown_key(key, "in [tags]", TAG_KEYS)),
            }
        }
        Ok(())
    }

    fn string(&self, value: &Spanned<DeValue<'_>>) -> Result<String, ThemeError> {
        match value.get_ref() {
            DeValue::String(s) => Ok(s.to_string()),
            other => Err(self.error_at(
                value.span().start,
                format!("expected a string, found {}", other.type_str()),
            )),
        }
    }

    fn table<'v>(
        &self,
        value: &'v Spanned<DeValue<'v>>,
        what: &str,
    ) -> Result<Vec<Entry<'v>>, ThemeError> {
        match value.get_ref() {
            DeValue::Table(t) => Ok(t.iter().collect()),
            other => Err(self.error_at(
                value.span().start,
                format!("{what} must be a table, found {}", other.type_str()),
            )),
        }
    }

    /// A colour written in place: a string or a 0-255 integer. Names that
    /// are not built-in colours are kept for `[colors]` lookup.
    fn color(&self, value: &Spanned<DeValue<'_>>) -> Result<ColorRef, ThemeError> {
        let at = value.span().start;
        match value.get_ref() {
            DeValue::String(s) => Ok(match parse_color(s) {
                Some(c) => ColorRef::Literal(c),
                None if s.starts_with('#') || s.is_empty() => {
                    return Err(self.error_at(at, bad_color(s)));
                }
                None => ColorRef::Named(s.to_string(), self.place(at)),
            }),
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .and_then(|n| u8::try_from(n).ok())
                .map(|n| ColorRef::Literal(Color::Indexed(n)))
                .ok_or_else(|| {
                    self.error_at(at, format!("colour index {i} is out of range: use 0-255"))
                }),
            other => {
                Err(self.error_at(at, format!("expected a colour, found {}", other.type_str())))
            }
        }
    }

    /// A colour in `[colors]`: a name, `#rrggbb` or an index, never another
    /// `[colors]` name.
    fn literal_color(&self, value: &Spanned<DeValue<'_>>) -> Result<Color, ThemeError> {
        match self.color(value)? {
            ColorRef::Literal(c) => Ok(c),
            ColorRef::Named(name, place) => Err(place.error(bad_color(&name))),
        }
    }

    /// A style: `{ fg, bg, modifiers }`, or a bare colour for `{ fg = ... }`.
    fn style(&self, value: &Spanned<DeValue<'_>>) -> Result<StyleSpec, ThemeError> {
        let mut spec = StyleSpec {
            fg: None,
            bg: None,
            modifiers: Modifier::empty(),
        };
        if !matches!(value.get_ref(), DeValue::Table(_)) {
            spec.fg = Some(self.color(value)?);
            return Ok(spec);
        }
        for (key, v) in self.table(value, "a style")? {
            match key.get_ref().as_ref() {
                "fg" => spec.fg = Some(self.color(v)?),
                "bg" => spec.bg = Some(self.color(v)?),
                "modifiers" => spec.modifiers = self.modifiers(v)?,
                name if MODIFIERS.iter().any(|(m, _)| *m == name) => {
                    let message = format!(
                        "unknown key `{name}` in a style; `{name}` is a modifier: write \
                         modifiers = [\"{name}\"]"
                    );
                    return Err(self.error_at(key.span().start, message));
                }
                _ => return Err(self.unknown_key(key, "in a style", STYLE_KEYS)),
            }
        }
        Ok(spec)
    }

    fn modifiers(&self, value: &Spanned<DeValue<'_>>) -> Result<Modifier, ThemeError> {
        let DeValue::Array(items) = value.get_ref() else {
            return Err(self.error_at(
                value.span().start,
                "`modifiers` must be a list, like [\"bold\", \"italic\"]".into(),
            ));
        };
        let names: Vec<&str> = MODIFIERS.iter().map(|(n, _)| *n).collect();
        let mut all = Modifier::empty();
        for item in items.iter() {
            let name = self.string(item)?;
            let Some((_, m)) = MODIFIERS.iter().find(|(n, _)| *n == name) else {
                return Err(self.error_at(
                    item.span().start,
                    format!("unknown modifier {name:?}; use {}", names.join(", ")),
                ));
            };
            all |= *m;
        }
        Ok(all)
    }
}

fn bad_color(s: &str) -> String {
    format!(
        "bad colour {s:?}: use a name (red, lightblue, reset...), \"#rrggbb\", a 0-255 index \
         or a name from [colors]"
    )
}

/// The known name closest to a misspelt one, if any is close.
fn suggest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(name, k), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// Where a theme's text comes from.
#[derive(Debug, Clone)]
struct Source {
    name: String,
    /// `None` for a bundled theme.
    path: Option<PathBuf>,
    text: Result<String, String>,
}

impl Source {
    fn label(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => format!("themes/{}.toml (built in)", self.name),
        }
    }

    fn bundled(name: &str) -> Option<Source> {
        BUNDLED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, text)| Source {
                name: (*n).to_owned(),
                path: None,
                text: Ok((*text).to_owned()),
            })
    }
}

/// The themes in `<config dir>/themes/`, sorted by name.
fn user_sources(config_dir: Option<&Path>) -> Vec<Source> {
    let Some(dir) = config_dir else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(dir.join("themes")) else {
        return Vec::new();
    };
    let mut sources: Vec<Source> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
        .filter_map(|path| {
            let name = path.file_stem()?.to_str()?.to_owned();
            let text = std::fs::read_to_string(&path).map_err(|e| e.to_string());
            Some(Source {
                name,
                path: Some(path),
                text,
            })
        })
        .collect();
    sources.sort_by(|a, b| a.name.cmp(&b.name));
    sources
}

/// Every theme name: the bundled ones in their order, then the user's own.
fn all_names(user: &[Source]) -> Vec<String> {
    let mut names: Vec<String> = BUNDLED.iter().map(|(n, _)| (*n).to_owned()).collect();
    for s in user {
        if !names.contains(&s.name) {
            names.push(s.name.clone());
        }
    }
    names
}

/// The source of a theme: the user's file over a bundled one.
fn find_source(name: &str, user: &[Source]) -> Option<Source> {
    user.iter()
        .find(|s| s.name == name)
        .cloned()
        .or_else(|| Source::bundled(name))
}

/// Parses a theme and everything it extends, root first.
fn chain(name: &str, user: &[Source]) -> Result<Vec<(ThemeFile, Source)>, ThemeError> {
    let mut source = find_source(name, user).ok_or_else(|| ThemeError::NotFound {
        name: name.to_owned(),
        available: all_names(user),
    })?;
    let mut files: Vec<(ThemeFile, Source)> = Vec::new();
    loop {
        let label = source.label();
        let text = source.text.clone().map_err(|message| ThemeError::Read {
            file: label.clone(),
            message,
        })?;
        let file = FileParser {
            file: &label,
            text: &text,
        }
        .parse()?;
        let parent = file.extends.clone();
        files.push((file, source.clone()));
        let Some((parent, place)) = parent else {
            break;
        };
        // Bundled themes extend bundled themes only, so a user's file can
        // never break them; a user's file extending its own name extends
        // the bundled one.
        let next = if source.path.is_none() || parent == source.name {
            Source::bundled(&parent)
        } else {
            find_source(&parent, user)
        };
        let Some(next) = next else {
            return Err(place.error(format!(
                "`extends`: no theme named {parent:?} (available: {})",
                all_names(user).join(", ")
            )));
        };
        if files
            .iter()
            .any(|(_, s)| s.name == next.name && s.path == next.path)
        {
            let mut names: Vec<&str> = files.iter().map(|(_, s)| s.name.as_str()).collect();
            names.push(&next.name);
            return Err(place.error(format!(
                "`extends` goes round in a loop: {}",
                names.join(" -> ")
            )));
        }
        source = next;
    }
    files.reverse();
    Ok(files)
}

/// Merges a chain (root first) over `base`, part by part, then resolves
/// colour names against the merged `[colors]`, so a theme that only
/// redefines a colour recolours every part of its parent that uses it.
fn build(name: &str, files: &[(ThemeFile, Source)], base: &Theme) -> Result<Theme, ThemeError> {
    let mut colors: BTreeMap<&str, Color> = BTreeMap::new();
    let mut styles: BTreeMap<&str, &StyleSpec> = BTreeMap::new();
    let mut palette: Option<&Vec<StyleSpec>> = None;
    let mut named: BTreeMap<&str, &StyleSpec> = BTreeMap::new();
    let mut theme = base.clone();
    for (file, _) in files {
        colors.extend(file.colors.iter().map(|(k, v)| (k.as_str(), *v)));
        styles.extend(file.styles.iter().map(|(k, v)| (*k, v)));
        palette = file.palette.as_ref().or(palette);
        named.extend(file.named_tags.iter().map(|(k, v)| (k.as_str(), v)));
        if let Some(d) = &file.description {
            theme.description = d.clone();
        }
    }
    let color = |c: &ColorRef| match c {
        ColorRef::Literal(c) => Ok(*c),
        ColorRef::Named(n, place) => colors
            .get(n.as_str())
            .copied()
            .ok_or_else(|| place.error(bad_color(n))),
    };
    let style = |spec: &StyleSpec| -> Result<Style, ThemeError> {
        let mut s = Style::new().add_modifier(spec.modifiers);
        s.fg = spec.fg.as_ref().map(color).transpose()?;
        s.bg = spec.bg.as_ref().map(color).transpose()?;
        Ok(s)
    };
    for (part, spec) in styles {
        theme.set_style(part, style(spec)?);
    }
    if let Some(p) = palette {
        theme.tag_palette = p.iter().map(style).collect::<Result<_, _>>()?;
    }
    for (tag, spec) in named {
        let s = style(spec)?;
        match theme.tag_colors.iter_mut().find(|(t, _)| t == tag) {
            Some((_, old)) => *old = s,
            None => theme.tag_colors.push((tag.to_owned(), s)),
        }
    }
    theme.name = name.to_owned();
    theme.source = files.last().and_then(|(_, s)| s.path.clone());
    Ok(theme)
}

/// Loads a theme by name: the user's `<config dir>/themes/NAME.toml`, else
/// the bundled one, with everything it `extends`.
pub fn load(name: &str, config_dir: Option<&Path>) -> Result<Theme, ThemeError> {
    load_with_base(name, config_dir, &Theme::monochrome())
}

/// [`load`], with the parts no file in the chain styles taken from `base`
/// (normally [`Theme::monochrome`]; tests pass a sentinel to prove that a
/// theme styles every part).
pub fn load_with_base(
    name: &str,
    config_dir: Option<&Path>,
    base: &Theme,
) -> Result<Theme, ThemeError> {
    let user = user_sources(config_dir);
    build(name, &chain(name, &user)?, base)
}

/// [`load`], falling back to the bundled default theme; the warning says
/// what went wrong, for the status bar.
pub fn load_or_default(name: &str, config_dir: Option<&Path>) -> (Theme, Option<String>) {
    match load(name, config_dir) {
        Ok(theme) => (theme, None),
        Err(e) => {
            let fallback = load(DEFAULT_THEME, None).unwrap_or_else(|_| Theme::monochrome());
            (fallback, Some(format!("{e}; using the default theme")))
        }
    }
}

/// Every theme that loads (bundled first, then the user's), and the errors
/// of those that do not.
pub fn available(config_dir: Option<&Path>) -> (Vec<Theme>, Vec<ThemeError>) {
    let user = user_sources(config_dir);
    let base = Theme::monochrome();
    let mut themes = Vec::new();
    let mut errors = Vec::new();
    for name in all_names(&user) {
        match chain(&name, &user).and_then(|files| build(&name, &files, &base)) {
            Ok(theme) => themes.push(theme),
            Err(e) => errors.push(e),
        }
    }
    (themes, errors)
}

/// The theme after `current` in `available`, wrapping round; the first one
/// when `current` is not among them.
pub fn cycle(current: &str, available: &[Theme]) -> Theme {
    let next = match available.iter().position(|t| t.name == current) {
        Some(i) => (i + 1) % available.len(),
        None => 0,
    };
    available.get(next).cloned().unwrap_or_default()
}
