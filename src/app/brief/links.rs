//! Links: `f` lists the links on screen; a link to another brief opens it
//! (at its `#heading`), Backspace comes back. Nothing outside brief is
//! opened unless the reader asks with a key.

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::picker::{PickItem, Picker, Purpose};
use super::reader::Item;
use super::{App, Effect, Overlay, Target};
use crate::document::sanitize::sanitize_line;

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

impl App {
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

    pub(super) fn list_links(&mut self) {
        let links = self.links_on_screen();
        if links.is_empty() {
            self.say("no links on screen");
            return;
        }
        let items = links
            .into_iter()
            .enumerate()
            .map(|(i, (label, url))| PickItem {
                label: sanitize_line(&format!("{} {label} → {url}", i + 1)),
                value: url,
            })
            .collect();
        self.overlay = Overlay::Picker(Box::new(Picker::new(
            "Links · 1-9 or Enter follows · Ctrl-o opens outside",
            Purpose::Link,
            items,
        )));
    }

    /// Keys the link list handles itself: a digit follows that link,
    /// Ctrl-o opens the selected one with the system's opener.
    pub(super) fn link_picker_key(&mut self, key: &KeyEvent) -> bool {
        let Overlay::Picker(picker) = &self.overlay else {
            return false;
        };
        let chosen = match key.code {
            KeyCode::Char(c @ '1'..='9') if picker.filter.value().is_empty() => {
                let n = c as usize - '1' as usize;
                picker.rows().nth(n).map(|i| (i.value.clone(), false))
            }
            KeyCode::Char('o') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                picker.chosen().map(|i| (i.value.clone(), true))
            }
            _ => return false,
        };
        self.overlay = Overlay::None;
        match chosen {
            Some((url, true)) => self.open_outside(&url),
            Some((url, false)) => self.follow_link(&url),
            None => {}
        }
        true
    }

    pub(super) fn follow_link(&mut self, url: &str) {
        match classify(url, self.source.as_deref()) {
            LinkTarget::Here(anchor) => match self.brief.section_by_slug(&anchor) {
                Some(s) => {
                    if let Some(block) = self.current_block() {
                        let here = crate::notes::anchor_for(&self.brief, block);
                        self.history.push((None, Target::Block(Box::new(here))));
                    }
                    self.open_section(s);
                }
                None => self.error(&format!(
                    "no heading #{} in this brief",
                    sanitize_line(&anchor)
                )),
            },
            LinkTarget::Outside(url) => {
                self.effects.push(Effect::Clipboard(url.clone()));
                self.say(&format!(
                    "{} is outside brief: copied; Ctrl-o in the link list opens it",
                    sanitize_line(&url)
                ));
            }
            LinkTarget::Brief { path, anchor } => {
                if path.is_dir() {
                    let shown = crate::document::load::display_path(&path);
                    self.error(&format!(
                        "{shown} is a folder, not a brief: open it as a library with brief {shown}"
                    ));
                    return;
                }
                if !path.is_file() {
                    let shown = crate::document::load::display_path(&path);
                    self.error(&format!("link target not found: {shown}"));
                    return;
                }
                if let (Some(here), Some(block)) = (self.source.clone(), self.current_block()) {
                    let anchor = crate::notes::anchor_for(&self.brief, block);
                    self.history
                        .push((Some(here), Target::Block(Box::new(anchor))));
                }
                self.start_loading(&path);
                if let Some(Effect::Load { at, .. }) = self.effects.last_mut() {
                    *at = anchor.map(Target::Section);
                }
            }
        }
    }

    fn open_outside(&mut self, url: &str) {
        match classify(url, self.source.as_deref()) {
            LinkTarget::Outside(url) if !opens_outside(&url) => {
                self.error("only http, https and mailto links are opened outside brief");
            }
            LinkTarget::Outside(url) => {
                self.effects.push(Effect::OpenExternal(url.clone()));
                self.say(&format!("opening {}", sanitize_line(&url)));
            }
            _ => self.follow_link(url),
        }
    }

    /// Backspace: where the reader was before the last link followed.
    pub(super) fn go_back(&mut self) {
        let Some((path, target)) = self.history.pop() else {
            if self.library.is_some() {
                self.open_library();
            } else {
                self.say("nothing to go back to");
            }
            return;
        };
        let Some(path) = path else {
            self.go_to_target(&target);
            return;
        };
        self.start_loading(&path);
        if let Some(Effect::Load { at, .. }) = self.effects.last_mut() {
            *at = Some(target);
        }
    }

    /// Puts the reader where a newly opened brief was asked to open.
    pub fn go_to_target(&mut self, target: &Target) {
        match target {
            Target::Section(anchor) => match self.brief.section_by_slug(anchor) {
                Some(s) => self.open_section(s),
                None => self.error(&format!(
                    "no heading #{} in this brief",
                    sanitize_line(anchor)
                )),
            },
            Target::Address { section, block } => {
                match crate::cite::Address::resolve(&self.brief, *section, *block) {
                    Ok(b) => self.reader.jump_to(&self.brief, b),
                    Err(_) => {
                        self.error("the note's paragraph moved; showing the brief from the top")
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
mod reload_tests {
    use crate::app::App;
    use crate::document::parse;
    use crate::keys::Action;

    fn app(text: &str) -> App {
        let mut app = App::new(parse(text, "t"));
        app.update(Action::Resize {
            width: 100,
            height: 30,
        });
        app
    }

    /// Reloads `v1` with the cursor on `block` as `v2`; the block the
    /// cursor lands on.
    fn after_reload(v1: &str, block: usize, v2: &str) -> String {
        let mut before = app(v1);
        before.reader.set_cursor(&before.brief, block);
        let target = before.reload_target().expect("a block under the cursor");
        let mut after = app(v2);
        after.go_to_target(&target);
        after.brief.block_text(after.reader.cursor).to_owned()
    }

    #[test]
    fn a_reload_keeps_the_cursor_on_its_block_when_it_was_edited_and_blocks_came_above() {
        let v1 = "## Carve-outs\n\nKarosta's leadership has hinted at a waiver.\n\n\
                  ## Who loses\n\nDunevia has the most to lose from a closed corridor.\n\n\
                  The rest follows.\n";
        let v2 = v1
            .replace(
                "a waiver.\n\n",
                "a waiver.\n\nA new paragraph on the carve-outs.\n\n",
            )
            .replace("the most to lose", "by far the most to lose");
        let landed = after_reload(v1, 1, &v2);
        assert!(
            landed.starts_with("Dunevia has by far"),
            "cursor on: {landed}"
        );
    }

    #[test]
    fn a_reload_keeps_the_cursor_on_a_heavily_reworded_block() {
        let v1 = "## Background\n\nAn opening paragraph.\n\n\
                  The national response centre states that the median time from detection \
                  to first notification is now 61 hours, well above the target.\n";
        let v2 = v1
            .replace(
                "An opening paragraph.\n\n",
                "An opening paragraph.\n\nZebra crossing.\n\n",
            )
            .replace(
                "The national response centre states that the median time from detection \
                 to first notification",
                "According to the centre, median detection-to-notification time",
            );
        let landed = after_reload(v1, 1, &v2);
        assert!(
            landed.starts_with("According to the centre"),
            "cursor on: {landed}"
        );
    }

    #[test]
    fn back_after_a_heading_link_returns_to_the_paragraph_in_the_same_brief() {
        let mut app = app("## One\n\nFirst.\n\nSee [two](#two).\n\n## Two\n\nSecond.\n");
        app.reader.set_cursor(&app.brief, 1);
        app.follow_link("#two");
        assert_eq!(app.reader.cursor, 2);
        app.go_back();
        assert_eq!(app.reader.cursor, 1, "back on the paragraph with the link");
        assert!(app.effects.is_empty(), "nothing reloaded");
    }
}
