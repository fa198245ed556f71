//! The tag prompt in the status line: tags separated by commas or spaces,
//! `-name` removes one, Tab completes from tags used in any brief.

use crate::app::prompt::Prompt;
use crate::document::BlockId;

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
