//! Links: `f` lists the links on screen; a link to another brief opens it
//! (at its `#heading`), Backspace comes back. Nothing outside brief is
//! opened unless the reader asks with a key.

use std::path::{Path, PathBuf};

use super::BriefScreen;
use super::overlay::Overlay;
use super::picker::{PickItem, Picker, Purpose};
use super::reader::Item;
use crate::app::msg::{Effect, LoadRequest, Place, Target};
use crate::app::shared::{Nav, Shared};
use crate::document::IdTarget;
use crate::document::sanitize::sanitize_line;
use crate::keys::{Command, Context};

/// What a link points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A heading of this brief (`#key-judgments`).
    Here(String),
    /// Another brief on disk, maybe at a heading.
    Brief {
        path: PathBuf,
        anchor: Option<String>,
    },
    /// Anything with a scheme (https:, mailto:...): outside brief.
    Outside(String),
}

/// Reads a link's URL relative to the brief it is in.
pub fn classify(url: &str, base: Option<&Path>) -> LinkTarget {
    if let Some(anchor) = url.strip_prefix('#') {
        return LinkTarget::Here(decode(anchor));
    }
    // A scheme is a letter then letters, digits, `+`, `-` or `.` (RFC 3986),
    // and longer than one character, so `C:\x` stays a path.
    let has_scheme = url.split_once(':').is_some_and(|(scheme, _)| {
        scheme.len() > 1
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if has_scheme {
        return LinkTarget::Outside(url.to_owned());
    }
    let (file, anchor) = match url.split_once('#') {
        Some((f, a)) => (f, Some(decode(a))),
        None => (url, None),
    };
    // A query (`?v=2`) means nothing on disk.
    let file = file.split_once('?').map_or(file, |(f, _)| f);
    let dir = base.and_then(Path::parent).unwrap_or(Path::new("."));
    LinkTarget::Brief {
        path: dir.join(decode(file)),
        anchor,
    }
}

/// `%20` and the like, as markdown links write spaces and other characters
/// in paths; bytes that do not decode to UTF-8 are kept as written.
fn decode(part: &str) -> String {
    percent_encoding::percent_decode_str(part)
        .decode_utf8()
        .map_or_else(|_| part.to_owned(), std::borrow::Cow::into_owned)
}

/// Schemes the system opener may be handed: web pages and mail. Others
/// (`file:`, custom handlers) could run things the reader did not mean to.
fn opens_outside(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
}

impl BriefScreen {
    /// The links in the blocks on screen, in order, without repeats.
    fn links_on_screen(&self) -> Vec<(String, String)> {
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for pos in self.reader.visible_rows(&self.brief) {
            let Item::Block(b) = self.reader.items()[pos.item] else {
                continue;
            };
            if seen.contains(&b) {
                continue;
            }
            seen.push(b);
            let text = self.brief.block_text(b);
            let mut last_link = None;
            for span in self.brief.block_spans(b) {
                let Some(link) = span.link else { continue };
                let label = text.get(span.range()).unwrap_or_default();
                if last_link == Some(link) {
                    // One link split over styled spans: extend its label.
                    if let Some((l, _)) = out.last_mut() {
                        let l: &mut String = l;
                        l.push_str(label);
                    }
                    continue;
                }
                last_link = Some(link);
                out.push((label.to_owned(), self.brief.link_url(link).to_owned()));
            }
        }
        out
    }

    pub(super) fn list_links(&mut self, cx: &mut Shared) {
        let links = self.links_on_screen();
        if links.is_empty() {
            cx.say("no links on screen");
            return;
        }
        let items = links
            .into_iter()
            .enumerate()
            .map(|(i, (label, url))| {
                // A footnote shows its text: the list is one key away.
                let shown = match self.footnote_text(&url) {
                    Some(text) => format!("{} {text}", i + 1),
                    None => format!("{} {label} → {url}", i + 1),
                };
                PickItem {
                    label: sanitize_line(&shown),
                    value: url,
                }
            })
            .collect();
        let follow = cx.hint_in(Context::List, Command::Open);
        let outside = cx.hint_in(Context::List, Command::OpenOutside);
        let title = format!("Links · 1-9 or {follow} follows · {outside} opens outside");
        self.overlay = Overlay::Picker(Box::new(Picker::new(title, Purpose::Link, items)));
    }

    /// The text of the footnote a reference links to (`#^label`), which
    /// starts with its `[label]`.
    fn footnote_text(&self, url: &str) -> Option<&str> {
        if !url.starts_with("#^") {
            return None;
        }
        match self.brief.resolve_anchor(url)? {
            IdTarget::Block(b) => Some(self.brief.block_text(b)),
            IdTarget::Section(_) => None,
        }
    }

    /// Where the cursor is, to come back to with Backspace (`file`: None
    /// for a place in this brief).
    fn here(&self, file: Option<std::path::PathBuf>) -> Option<Place> {
        let block = self.current_block()?;
        let anchor = crate::notes::anchor_for(&self.brief, block);
        Some(Place {
            file,
            target: Target::Block(Box::new(anchor)),
        })
    }

    pub(super) fn follow_link(&mut self, url: &str, cx: &mut Shared) {
        match classify(url, self.source.as_deref()) {
            LinkTarget::Here(anchor) => match self.brief.resolve_anchor(&anchor) {
                Some(at) => {
                    if let Some(here) = self.here(None) {
                        cx.history.push(here);
                    }
                    self.go_to_id(at);
                }
                None => cx.error(format!(
                    "no heading or anchor #{} in this brief",
                    sanitize_line(&anchor)
                )),
            },
            LinkTarget::Outside(url) => {
                cx.push(Effect::Clipboard(sanitize_line(&url)));
                let key = cx.hint_in(Context::List, Command::OpenOutside);
                cx.say(format!(
                    "{} is outside brief: copied; {key} in the link list opens it",
                    sanitize_line(&url)
                ));
            }
            // Whether the file is there (and a brief, not a folder) is for
            // the loader to find out: the answer comes back as a message.
            LinkTarget::Brief { path, anchor } => cx.go(Nav::Open(LoadRequest {
                path,
                at: anchor.map(Target::Section),
                reload: false,
                back: self.here(self.source.clone()),
                attach: None,
            })),
        }
    }

    pub(super) fn open_outside(&mut self, url: &str, cx: &mut Shared) {
        match classify(url, self.source.as_deref()) {
            LinkTarget::Outside(url) if !opens_outside(&url) => {
                cx.error("only http, https and mailto links are opened outside brief");
            }
            LinkTarget::Outside(url) => {
                cx.push(Effect::OpenExternal(url.clone()));
                cx.say(format!("opening {}", sanitize_line(&url)));
            }
            _ => self.follow_link(url, cx),
        }
    }

    /// Shows where an anchor points: a heading's section, or a block (an
    /// HTML `id`, a footnote) with the cursor on it.
    fn go_to_id(&mut self, at: IdTarget) {
        match at {
            IdTarget::Section(s) => self.open_section(s),
            IdTarget::Block(b) => {
                if !self.reader.is_shown(b) {
                    self.clear_filter();
                }
                self.reader.jump_to(&self.brief, b);
                self.outline.select_section(self.brief.section_of(b));
            }
        }
    }

    /// Backspace: where the reader was before the last link followed; the
    /// library when there is nowhere to go back to.
    pub(super) fn go_back(&mut self, cx: &mut Shared) {
        let Some(place) = cx.history.pop() else {
            cx.go(Nav::Library);
            return;
        };
        match place.file {
            None => self.go_to_target(&place.target, cx),
            Some(path) => cx.go(Nav::Open(LoadRequest {
                path,
                at: Some(place.target),
                reload: false,
                back: None,
                attach: None,
            })),
        }
    }

    /// Puts the reader where a newly opened brief was asked to open.
    pub fn go_to_target(&mut self, target: &Target, cx: &mut Shared) {
        match target {
            Target::Section(anchor) => match self.brief.resolve_anchor(anchor) {
                Some(at) => self.go_to_id(at),
                None => cx.error(format!(
                    "no heading or anchor #{} in this brief",
                    sanitize_line(anchor)
                )),
            },
            Target::Address { section, block } => {
                match crate::cite::Address::resolve(&self.brief, *section, *block) {
                    Ok(b) => self.reader.jump_to(&self.brief, b),
                    Err(_) => {
                        cx.error("the note's paragraph moved; showing the brief from the top")
                    }
                }
            }
            Target::Match { block, query } => {
                self.reader.jump_to(&self.brief, *block);
                if !query.trim().is_empty() {
                    self.search.set_query(&self.brief, query);
                    self.search.current = self.search.first_from(*block);
                }
            }
            Target::Block(anchor) => {
                // Found as a note would be; a deleted block leaves the
                // reader where it was, as near as the brief now allows.
                let placed = crate::notes::anchor::place_anchor(&self.brief, anchor)
                    .block
                    .or_else(|| crate::notes::anchor::likely_block(&self.brief, anchor));
                let b = placed.unwrap_or_else(|| {
                    let section = (anchor.section_number as usize)
                        .saturating_sub(1)
                        .min(self.brief.sections.len().saturating_sub(1));
                    self.brief.sections.get(section).map_or(0, |s| {
                        (s.blocks.start + (anchor.block as usize).saturating_sub(1))
                            .min(s.blocks.end.saturating_sub(1).max(s.blocks.start))
                    })
                });
                self.reader.jump_to(&self.brief, b);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoded_paths_and_anchors_are_decoded() {
        let base = Path::new("/briefs/water.md");
        assert_eq!(
            classify("arctic%20copy.md#out%2Dlook", Some(base)),
            LinkTarget::Brief {
                path: PathBuf::from("/briefs/arctic copy.md"),
                anchor: Some("out-look".into()),
            }
        );
        assert_eq!(
            classify("#caf%C3%A9", Some(base)),
            LinkTarget::Here("café".into())
        );
        assert_eq!(
            classify("notes.md?v=2", Some(base)),
            LinkTarget::Brief {
                path: PathBuf::from("/briefs/notes.md"),
                anchor: None,
            }
        );
    }

    #[test]
    fn links_are_read_relative_to_the_brief() {
        let base = Path::new("/briefs/water.md");
        assert_eq!(
            classify("#key-judgments", Some(base)),
            LinkTarget::Here("key-judgments".into())
        );
        assert_eq!(
            classify("grain.md#options", Some(base)),
            LinkTarget::Brief {
                path: "/briefs/grain.md".into(),
                anchor: Some("options".into())
            }
        );
        assert_eq!(
            classify("https://example.org/x", Some(base)),
            LinkTarget::Outside("https://example.org/x".into())
        );
        assert_eq!(
            classify("mailto:a@b.c", None),
            LinkTarget::Outside("mailto:a@b.c".into())
        );
    }
}

#[cfg(test)]
mod reload_tests;
