//! Colours and text attributes for every part of the UI.
//!
//! Layout speaks in roles ([`Role`]) and inline flags; the theme turns them
//! into ratatui styles at draw time. Themes are TOML files (the format is
//! described at the top of `themes/default.toml`): the bundled ones are built
//! into the binary, and `<config dir>/themes/*.toml` add to them or override
//! them by name. [`Theme::adapt`] fits a theme to what the terminal can show.

mod depth;
mod file;
mod parse;

use std::path::PathBuf;
use std::sync::OnceLock;

use ratatui::style::{Modifier, Style};

use crate::document::Inline;
use crate::layout::Role;

pub use depth::{ColorDepth, adapt_color, indexed_rgb};
pub use file::{
    BUNDLED, DEFAULT_THEME, ThemeError, available, cycle, line_column, load, load_or_default,
    load_with_base,
};
pub use parse::parse_color;
pub(crate) use parse::suggest;

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
    /// The terminal's colour depth the theme was fitted to
    /// ([`Theme::adapt`]); pictures are fitted to it too. True colour until
    /// fitted.
    pub depth: ColorDepth,
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
            depth: ColorDepth::TrueColor,
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

    /// A tag's colour: its fixed colour if the theme names it, else one of
    /// the palette picked by a hash of the name, so a tag keeps its colour.
    pub fn tag_style(&self, tag: &str) -> Style {
        if let Some((_, style)) = self.tag_colors.iter().find(|(t, _)| t == tag) {
            return *style;
        }
        if self.tag_palette.is_empty() {
            return self.text;
        }
        let h = crate::hash::fnv1a(tag.as_bytes());
        self.tag_palette[(h % self.tag_palette.len() as u64) as usize]
    }

    /// The style of a piece of laid-out text.
    pub fn look(&self, role: Role, inline: Inline) -> Style {
        let base = match role {
            Role::Text => self.text,
            Role::Quote => self.quote,
            Role::Heading(level) => self.headings[usize::from(level.clamp(1, 6)) - 1],
            Role::HeadingRule(_) | Role::Rule => self.heading_rule,
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
