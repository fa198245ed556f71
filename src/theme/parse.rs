//! One theme file's TOML, checked and read into a [`ThemeFile`]: colours,
//! styles, modifiers and tags, with colour names left for `[colors]`.

use std::collections::BTreeMap;

use ratatui::style::{Color, Modifier};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::PARTS;
use super::file::{Place, ThemeError, line_column};

#[derive(Debug, Clone)]
pub(super) enum ColorRef {
    Literal(Color),
    /// A name that is not a built-in colour: one from `[colors]`, looked up
    /// after `extends` is merged.
    Named(String, Place),
}

#[derive(Debug, Clone)]
pub(super) struct StyleSpec {
    pub(super) fg: Option<ColorRef>,
    pub(super) bg: Option<ColorRef>,
    pub(super) modifiers: Modifier,
}

/// One theme file, checked but with colour names not yet resolved.
#[derive(Debug, Default)]
pub(super) struct ThemeFile {
    pub(super) extends: Option<(String, Place)>,
    pub(super) description: Option<String>,
    pub(super) colors: BTreeMap<String, Color>,
    pub(super) styles: BTreeMap<&'static str, StyleSpec>,
    pub(super) palette: Option<Vec<StyleSpec>>,
    pub(super) named_tags: BTreeMap<String, StyleSpec>,
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
pub(super) struct FileParser<'a> {
    pub(super) file: &'a str,
    pub(super) text: &'a str,
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

    pub(super) fn parse(&self) -> Result<ThemeFile, ThemeError> {
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

pub(super) fn bad_color(s: &str) -> String {
    format!(
        "bad colour {s:?}: use a name (red, lightblue, reset...), \"#rrggbb\", a 0-255 index \
         or a name from [colors]"
    )
}

/// The known name closest to a misspelt one, if any is close (for "did
/// you mean" in theme and config messages).
pub(crate) fn suggest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(name, k), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}
