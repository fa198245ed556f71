//! The small parts of a .docx that say how to read its body: which part is
//! the body, the styles (which are headings), the numbering (bullets or
//! numbers), the relationships (where links go) and the core properties.
//! A missing or malformed part reads as empty: the body still loads.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::super::FormatError;
use super::super::zipped::Container;

/// What a paragraph style means for the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Subtitle,
    Heading(u8),
}

#[derive(Debug, Default)]
pub struct Style {
    role: Option<Role>,
    based_on: Option<String>,
    /// A list the style puts its paragraphs in (`List Bullet`).
    pub num_id: Option<String>,
}

/// Paragraph styles by id.
#[derive(Debug, Default)]
pub struct Styles(HashMap<String, Style>);

impl Styles {
    /// A style's role, following `basedOn` (a custom style based on
    /// Heading 2 is a level-2 heading). Without styles.xml, Word's own ids
    /// (`Heading2`, `Title`) still count.
    pub fn role(&self, id: &str) -> Option<Role> {
        let mut id = id;
        for _ in 0..16 {
            match self.0.get(id) {
                Some(style) => {
                    if let Some(role) = style.role {
                        return Some(role);
                    }
                    id = style.based_on.as_deref()?;
                }
                None => return role_by_name(id),
            }
        }
        None
    }

    pub fn get(&self, id: &str) -> Option<&Style> {
        self.0.get(id)
    }
}

/// `heading 2`, `Heading2`, `Title`, `Subtitle` (names are English in
/// every language's styles.xml; ids may be translated).
fn role_by_name(name: &str) -> Option<Role> {
    let lower = name.to_ascii_lowercase();
    match lower.as_str() {
        "title" => return Some(Role::Title),
        "subtitle" => return Some(Role::Subtitle),
        _ => {}
    }
    let level: u8 = lower.strip_prefix("heading")?.trim().parse().ok()?;
    (1..=9)
        .contains(&level)
        .then(|| Role::Heading(level.min(6)))
}

/// An outline level (`w:outlineLvl`, 0-based; 9 is body text).
pub fn outline_role(value: &str) -> Option<Role> {
    let level: u8 = value.parse().ok()?;
    (level < 9).then(|| Role::Heading((level + 1).min(6)))
}

/// The `w:val` (any prefix) of an element.
pub fn val(e: &BytesStart) -> Option<String> {
    attr(e, "val")
}

/// An attribute by local name, unescaped.
pub fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key = a.key.as_ref();
        let name = key.rsplit_once(':').map_or(key, |(_, n)| n);
        (name == local).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })?
    })
}

/// Every start or empty element of `xml`, with its local name; stops at
/// the first XML error (what was read is kept).
fn each_element(xml: &str, mut f: impl FnMut(&str, &BytesStart, bool)) {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => f(e.local_name().as_ref(), &e, true),
            Ok(Event::Empty(e)) => f(e.local_name().as_ref(), &e, false),
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

pub fn styles(xml: Option<&str>) -> Styles {
    let mut styles = HashMap::new();
    let mut current: Option<(String, Style)> = None;
    each_element(xml.unwrap_or(""), |name, e, _| match name {
        "style" => {
            if let Some((id, style)) = current.take() {
                styles.insert(id, style);
            }
            current = attr(e, "styleId").map(|id| (id, Style::default()));
        }
        "name" => {
            if let Some((_, style)) = &mut current {
                style.role = style.role.or(val(e).as_deref().and_then(role_by_name));
            }
        }
        "basedOn" => {
            if let Some((_, style)) = &mut current {
                style.based_on = val(e);
            }
        }
        "outlineLvl" => {
            if let Some((_, style)) = &mut current {
                style.role = style.role.or(val(e).as_deref().and_then(outline_role));
            }
        }
        "numId" => {
            if let Some((_, style)) = &mut current {
                style.num_id = val(e);
            }
        }
        _ => {}
    });
    if let Some((id, style)) = current {
        styles.insert(id, style);
    }
    Styles(styles)
}

/// Which lists are bulleted, by `numId` and level.
#[derive(Debug, Default)]
pub struct Numbering {
    /// abstractNumId -> levels whose format is `bullet`.
    bullets: HashMap<String, Vec<String>>,
    /// numId -> abstractNumId.
    nums: HashMap<String, String>,
}

impl Numbering {
    /// True when the list's level is numbered rather than bulleted
    /// (unknown lists are bullets: the safer reading).
    pub fn ordered(&self, num_id: &str, level: &str) -> bool {
        let Some(levels) = self.nums.get(num_id).and_then(|a| self.bullets.get(a)) else {
            return false;
        };
        !levels.iter().any(|l| l == level)
    }
}

pub fn numbering(xml: Option<&str>) -> Numbering {
    let mut numbering = Numbering::default();
    let mut abstract_id: Option<String> = None;
    let mut level: Option<String> = None;
    let mut num_id: Option<String> = None;
    each_element(xml.unwrap_or(""), |name, e, _| match name {
        "abstractNum" => {
            abstract_id = attr(e, "abstractNumId");
            if let Some(id) = &abstract_id {
                numbering.bullets.entry(id.clone()).or_default();
            }
            num_id = None;
        }
        "lvl" => level = attr(e, "ilvl"),
        "numFmt" => {
            if let (Some(id), Some(lvl)) = (&abstract_id, &level)
                && val(e).as_deref() == Some("bullet")
            {
                numbering
                    .bullets
                    .entry(id.clone())
                    .or_default()
                    .push(lvl.clone());
            }
        }
        "num" => {
            num_id = attr(e, "numId");
            abstract_id = None;
        }
        "abstractNumId" => {
            if let (Some(num), Some(target)) = (&num_id, val(e)) {
                numbering.nums.insert(num.clone(), target);
            }
        }
        _ => {}
    });
    numbering
}

/// Relationship id -> target, for external links only.
pub fn relationships(xml: Option<&str>) -> HashMap<String, String> {
    let mut links = HashMap::new();
    each_element(xml.unwrap_or(""), |name, e, _| {
        if name == "Relationship"
            && attr(e, "TargetMode").as_deref() == Some("External")
            && let (Some(id), Some(target)) = (attr(e, "Id"), attr(e, "Target"))
        {
            links.insert(id, target);
        }
    });
    links
}

/// The part holding the body: named by the package's relationships, else
/// Word's usual `word/document.xml`.
pub fn main_part(zip: &mut Container) -> Result<String, FormatError> {
    let mut main = None;
    each_element(
        zip.text("_rels/.rels")?.as_deref().unwrap_or(""),
        |name, e, _| {
            if name == "Relationship"
                && main.is_none()
                && attr(e, "Type").is_some_and(|t| t.ends_with("/officeDocument"))
            {
                main = attr(e, "Target").map(|t| t.trim_start_matches('/').to_owned());
            }
        },
    );
    Ok(main
        .filter(|m| zip.has(m))
        .unwrap_or_else(|| "word/document.xml".to_owned()))
}

/// Title, author and date from docProps/core.xml.
#[derive(Debug, Default)]
pub struct Properties {
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
}

pub fn properties(xml: Option<&str>) -> Properties {
    let mut props = Properties::default();
    let mut reader = Reader::from_str(xml.unwrap_or(""));
    let mut field: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => field = Some(e.local_name().as_ref().to_owned()),
            Ok(Event::Text(t)) => {
                let text = t.xml10_content().trim().to_owned();
                let slot = match field.as_deref() {
                    Some("title") => &mut props.title,
                    Some("creator") => &mut props.author,
                    // The day the document was written, as YYYY-MM-DD.
                    Some("created") => {
                        props.date = text.get(..10).map(str::to_owned);
                        continue;
                    }
                    _ => continue,
                };
                if !text.is_empty() {
                    *slot = Some(text);
                }
            }
            Ok(Event::End(_)) => field = None,
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    props
}
