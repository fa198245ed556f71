//! Colours and text attributes for every part of the UI.
//!
//! Layout speaks in roles ([`Role`]) and inline flags; the theme turns them
//! into ratatui styles at draw time.

use ratatui::style::{Color, Modifier, Style};

use crate::document::Inline;
use crate::layout::Role;

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
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
    /// Colours tags are hashed into.
    pub tag_palette: Vec<Style>,
    /// Fixed colours for named tags.
    pub tag_colors: Vec<(String, Style)>,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::dark()
    }
}

fn fg(c: Color) -> Style {
    Style::new().fg(c)
}

impl Theme {
    /// The built-in dark theme.
    pub fn dark() -> Theme {
        let accent = Color::Rgb(0x7a, 0xa2, 0xf7);
        let dim = Color::Rgb(0x73, 0x7a, 0xa2);
        Theme {
            name: "default".into(),
            text: Style::new(),
            emphasis: Style::new().add_modifier(Modifier::ITALIC),
            strong: Style::new().add_modifier(Modifier::BOLD),
            code: fg(Color::Rgb(0xe0, 0xaf, 0x68)),
            strike: Style::new().add_modifier(Modifier::CROSSED_OUT),
            link: fg(Color::Rgb(0x7d, 0xcf, 0xff)).add_modifier(Modifier::UNDERLINED),
            quote: fg(Color::Rgb(0xa9, 0xb1, 0xd6)).add_modifier(Modifier::ITALIC),
            quote_bar: fg(dim),
            headings: [
                fg(Color::Rgb(0xff, 0x9e, 0x64)).add_modifier(Modifier::BOLD),
                fg(accent).add_modifier(Modifier::BOLD),
                fg(Color::Rgb(0x9e, 0xce, 0x6a)).add_modifier(Modifier::BOLD),
                fg(Color::Rgb(0xbb, 0x9a, 0xf7)).add_modifier(Modifier::BOLD),
                fg(Color::Rgb(0x2a, 0xc3, 0xde)).add_modifier(Modifier::BOLD),
                fg(dim).add_modifier(Modifier::BOLD),
            ],
            heading_rule: fg(dim),
            marker: fg(accent),
            code_block: fg(Color::Rgb(0xc0, 0xca, 0xf5)).bg(Color::Rgb(0x24, 0x28, 0x3b)),
            table_border: fg(dim),
            table_header: Style::new().add_modifier(Modifier::BOLD),
            cursor: fg(Color::Rgb(0xff, 0x9e, 0x64)).add_modifier(Modifier::BOLD),
            search_match: fg(Color::Black).bg(Color::Rgb(0xe0, 0xaf, 0x68)),
            search_current: fg(Color::Black)
                .bg(Color::Rgb(0xff, 0x9e, 0x64))
                .add_modifier(Modifier::BOLD),
            outline: fg(Color::Rgb(0xa9, 0xb1, 0xd6)),
            outline_current: fg(Color::Rgb(0xff, 0x9e, 0x64)).add_modifier(Modifier::BOLD),
            outline_selected: Style::new().add_modifier(Modifier::REVERSED),
            outline_fold: fg(dim),
            pane_title: fg(dim).add_modifier(Modifier::BOLD),
            pane_title_focused: fg(accent).add_modifier(Modifier::BOLD),
            border: fg(Color::Rgb(0x3b, 0x42, 0x61)),
            border_focused: fg(accent),
            status: fg(Color::Rgb(0xc0, 0xca, 0xf5)).bg(Color::Rgb(0x24, 0x28, 0x3b)),
            status_key: fg(accent)
                .bg(Color::Rgb(0x24, 0x28, 0x3b))
                .add_modifier(Modifier::BOLD),
            status_message: fg(Color::Rgb(0x9e, 0xce, 0x6a)).bg(Color::Rgb(0x24, 0x28, 0x3b)),
            error: fg(Color::Rgb(0xf7, 0x76, 0x8e))
                .bg(Color::Rgb(0x24, 0x28, 0x3b))
                .add_modifier(Modifier::BOLD),
            popup: fg(Color::Rgb(0xc0, 0xca, 0xf5)).bg(Color::Rgb(0x1f, 0x23, 0x35)),
            popup_border: fg(accent).bg(Color::Rgb(0x1f, 0x23, 0x35)),
            popup_selected: Style::new().add_modifier(Modifier::REVERSED),
            help_key: fg(accent).add_modifier(Modifier::BOLD),
            help_group: fg(Color::Rgb(0xff, 0x9e, 0x64)).add_modifier(Modifier::BOLD),
            meta: fg(dim),
            classification: fg(Color::Rgb(0xf7, 0x76, 0x8e)).add_modifier(Modifier::BOLD),
            note_marker: fg(Color::Rgb(0xe0, 0xaf, 0x68)).add_modifier(Modifier::BOLD),
            note_text: Style::new(),
            note_quote: fg(dim).add_modifier(Modifier::ITALIC),
            note_flag: fg(Color::Rgb(0xf7, 0x76, 0x8e)),
            tag_palette: [
                Color::Rgb(0x9e, 0xce, 0x6a),
                Color::Rgb(0x7d, 0xcf, 0xff),
                Color::Rgb(0xbb, 0x9a, 0xf7),
                Color::Rgb(0xff, 0x9e, 0x64),
                Color::Rgb(0x2a, 0xc3, 0xde),
                Color::Rgb(0xe0, 0xaf, 0x68),
            ]
            .into_iter()
            .map(fg)
            .collect(),
            tag_colors: vec![(
                "follow-up".to_owned(),
                fg(Color::Rgb(0xf7, 0x76, 0x8e)).add_modifier(Modifier::BOLD),
            )],
        }
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
