//! The tag prompt in the status line: tags separated by commas or spaces,
//! `-name` removes one, Tab completes from tags used in any brief.

use super::BriefScreen;
use super::overlay::Overlay;
use crate::app::msg::Effect;
use crate::app::prompt::Prompt;
use crate::app::shared::Shared;
use crate::document::BlockId;
use crate::document::sanitize::sanitize_line;
use crate::keys::Command;
use crate::notes::edit_tags;

#[derive(Debug)]
pub struct TagPrompt {
    pub prompt: Prompt,
    pub block: BlockId,
    /// The notes on the block, whose tags together are the block's: new
    /// tags go on the first; a new tags-only note when there is none.
    pub notes: Vec<String>,
    /// The block's tags before this edit.
    pub current: Vec<String>,
    known: Vec<String>,
    /// Tags matching the word being typed, shown after a Tab.
    pub candidates: Vec<String>,
}

impl TagPrompt {
    pub fn new(
        block: BlockId,
        notes: Vec<String>,
        current: Vec<String>,
        mut known: Vec<String>,
    ) -> TagPrompt {
        known.sort();
        known.dedup();
        TagPrompt {
            prompt: Prompt::default(),
            block,
            notes,
            current,
            known,
            candidates: Vec::new(),
        }
    }

    /// More tags to complete from (every brief's, once read).
    pub fn add_known(&mut self, tags: impl IntoIterator<Item = String>) {
        self.known.extend(tags);
        self.known.sort();
        self.known.dedup();
    }

    /// Completes the word before the end of the text: fully when one tag
    /// fits, to the longest common prefix when several do.
    pub fn complete(&mut self) {
        let value = self.prompt.value().to_owned();
        let start = value.rfind([',', ' ']).map_or(0, |i| i + 1);
        let word = &value[start..];
        let (sign, stem) = match word.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", word),
        };
        let stem = stem.to_lowercase();
        let pool = if sign.is_empty() {
            &self.known
        } else {
            &self.current
        };
        let matches: Vec<String> = pool
            .iter()
            .filter(|t| t.starts_with(&stem))
            .cloned()
            .collect();
        self.candidates = matches.clone();
        let completed = match matches.as_slice() {
            [] => return,
            [one] => format!("{one} "),
            many => common_prefix(many),
        };
        if completed.trim_end().len() >= stem.len() {
            self.prompt
                .set_value(&format!("{}{sign}{completed}", &value[..start]));
        }
    }
}

fn common_prefix(words: &[String]) -> String {
    let first = &words[0];
    let mut end = first.len();
    for w in &words[1..] {
        end = end.min(
            first
                .bytes()
                .zip(w.bytes())
                .take_while(|(a, b)| a == b)
                .count(),
        );
    }
    while !first.is_char_boundary(end) {
        end -= 1;
    }
    first[..end].to_owned()
}

impl BriefScreen {
    /// `t`: the tags of the reader's paragraph (those of all its notes),
    /// or, from the notes pane, of the selected note alone.
    pub(super) fn tag_block(&mut self, cx: &mut Shared) {
        if !self.writable(cx) {
            return;
        }
        let (block, on) = match self.pane_note() {
            Some(i) => {
                let block = self.notes.placements.get(i).and_then(|p| p.block);
                (block.unwrap_or(self.reader.cursor), vec![i])
            }
            None => {
                let Some(block) = self.current_block() else {
                    cx.say("this brief has no paragraph to tag");
                    return;
                };
                (block, self.notes.on_block(block).to_vec())
            }
        };
        let mut ids = Vec::new();
        let mut current: Vec<String> = Vec::new();
        // Colleagues' notes keep their tags: tags here go on a note of
        // the reader's own.
        for i in on.into_iter().filter(|&i| !self.notes.is_team(i)) {
            let Some(n) = self.notes.notes.get(i) else {
                continue;
            };
            ids.push(n.id.clone());
            for t in &n.tags {
                if !current.contains(t) {
                    current.push(t.clone());
                }
            }
        }
        // Tags of other briefs complete too, once read (off this thread).
        if self.known_tags.is_none() {
            cx.push(Effect::LoadTags);
        }
        let mut known = self.known_tags.clone().unwrap_or_default();
        known.extend(self.notes.tag_counts().into_iter().map(|(t, _)| t));
        self.overlay = Overlay::Tags(Box::new(TagPrompt::new(block, ids, current, known)));
    }

    pub(super) fn tags_command(&mut self, c: Command, cx: &mut Shared) {
        let Overlay::Tags(tags) = &mut self.overlay else {
            return;
        };
        match c {
            Command::Complete => tags.complete(),
            Command::Cancel => self.overlay = Overlay::None,
            Command::Submit => {
                if let Overlay::Tags(tags) = std::mem::take(&mut self.overlay) {
                    self.save_tags(&tags, cx);
                }
            }
            _ => {}
        }
    }

    fn save_tags(&mut self, prompt: &TagPrompt, cx: &mut Shared) {
        let tags = edit_tags(&prompt.current, prompt.prompt.value());
        if tags == prompt.current {
            return;
        }
        let result = if prompt.notes.is_empty() {
            self.notes
                .add(
                    &self.brief,
                    prompt.block,
                    String::new(),
                    tags.clone(),
                    (None, None),
                )
                .map(|_| ())
        } else {
            self.notes.set_block_tags(&self.brief, &prompt.notes, &tags)
        };
        let result = result.map(|()| {
            if tags.is_empty() {
                return "tags removed".to_owned();
            }
            let list: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
            let unknown = self.unknown_tags(&tags, cx);
            if unknown.is_empty() {
                format!("tagged {}", list.join(" "))
            } else {
                let u: Vec<String> = unknown.iter().map(|t| format!("#{t}")).collect();
                format!(
                    "tagged {}; not in the tag vocabulary: {}",
                    list.join(" "),
                    u.join(" ")
                )
            }
        });
        self.changed(result.map(|m| sanitize_line(&m)), cx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn typed(p: &mut TagPrompt, s: &str) {
        for c in s.chars() {
            p.prompt
                .handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    #[test]
    fn tab_completes_a_unique_tag() {
        let mut p = TagPrompt::new(0, vec![], vec![], vec!["sanctions".into(), "uk".into()]);
        typed(&mut p, "uk, sa");
        p.complete();
        assert_eq!(p.prompt.value(), "uk, sanctions ");
    }

    #[test]
    fn tab_extends_to_the_common_prefix() {
        let mut p = TagPrompt::new(
            0,
            vec![],
            vec![],
            vec!["energy/grid".into(), "energy/oil".into()],
        );
        typed(&mut p, "en");
        p.complete();
        assert_eq!(p.prompt.value(), "energy/");
        assert_eq!(p.candidates.len(), 2);
    }

    #[test]
    fn tab_after_minus_completes_from_the_current_tags() {
        let mut p = TagPrompt::new(0, vec![], vec!["follow-up".into()], vec!["finance".into()]);
        typed(&mut p, "-fo");
        p.complete();
        assert_eq!(p.prompt.value(), "-follow-up ");
    }
}
