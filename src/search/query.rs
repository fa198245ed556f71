//! The full-text query language:
//!
//! - `word`: blocks holding the word (every word must appear in the block);
//! - `"a phrase"`: the words in a row (punctuation between them is fine);
//! - `#tag`: blocks carrying a note with that tag (or a child tag);
//! - `-word`, `-"a phrase"`, `-#tag`: blocks without it;
//! - `word*`: any word starting with `word`.
//!
//! Case-insensitive unless a word or phrase has a capital (smart case).
//! A word with punctuation inside (`co-operation`) is a phrase of its
//! parts. [`Query::parse_incremental`] also treats the last word as a
//! prefix while it is still being typed.

use super::tokenize::words;
use crate::notes::normalize_tags;

/// One part of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub kind: ClauseKind,
    /// True for `-` clauses: blocks must not match.
    pub negated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClauseKind {
    /// Words that must appear in a row; one word for a plain word. Kept as
    /// typed: case matters when the query is case-sensitive.
    Text {
        words: Vec<String>,
        /// The last word matches any word it starts.
        prefix: bool,
    },
    /// A note tag, normalised (lower case, no `#`).
    Tag(String),
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Clause>,
    /// Smart case: true when a word or phrase has a capital.
    pub case_sensitive: bool,
}

impl Query {
    /// Parses a query as given in full (`brief search`).
    pub fn parse(text: &str) -> Query {
        let mut clauses = Vec::new();
        let mut rest = text;
        while let Some((clause, after)) = next_clause(rest) {
            clauses.extend(clause);
            rest = after;
        }
        let case_sensitive = clauses.iter().any(|c| match &c.kind {
            ClauseKind::Text { words, .. } => {
                words.iter().any(|w| w.chars().any(char::is_uppercase))
            }
            ClauseKind::Tag(_) => false,
        });
        Query {
            clauses,
            case_sensitive,
        }
    }

    /// Parses a query being typed: unless it ends with a space or a closing
    /// quote, its last plain word matches as a prefix, so results follow
    /// each keystroke instead of vanishing mid-word.
    pub fn parse_incremental(text: &str) -> Query {
        let mut query = Query::parse(text);
        let typing = text
            .chars()
            .last()
            .is_some_and(|c| !c.is_whitespace() && c != '"');
        if typing
            && let Some(Clause {
                kind: ClauseKind::Text { prefix, .. },
                negated: false,
            }) = query.clauses.last_mut()
        {
            *prefix = true;
        }
        query
    }

    /// True when nothing can match: no clause that selects blocks.
    pub fn is_empty(&self) -> bool {
        !self.clauses.iter().any(|c| !c.negated)
    }

    /// The words of the positive text clauses, for fuzzy title matching.
    pub fn plain_text(&self) -> String {
        let mut out: Vec<&str> = Vec::new();
        for c in self.clauses.iter().filter(|c| !c.negated) {
            if let ClauseKind::Text { words, .. } = &c.kind {
                out.extend(words.iter().map(String::as_str));
            }
        }
        out.join(" ")
    }
}

/// The next clause of `text` (None for one that has no words) and the
/// text after it; None at the end.
fn next_clause(text: &str) -> Option<(Option<Clause>, &str)> {
    let text = text.trim_start();
    if text.is_empty() {
        return None;
    }
    let (negated, body) = match text.strip_prefix('-') {
        Some(b) if !b.is_empty() && !b.starts_with(char::is_whitespace) => (true, b),
        _ => (false, text),
    };
    if let Some(inner) = body.strip_prefix('"') {
        // An unclosed quote runs to the end: the reader is still typing it.
        let (phrase, after) = inner.split_once('"').unwrap_or((inner, ""));
        return Some((text_clause(phrase, false, negated), after));
    }
    let end = body.find(char::is_whitespace).unwrap_or(body.len());
    let (word, after) = body.split_at(end);
    if let Some(tag) = word.strip_prefix('#')
        && let Some(tag) = normalize_tags([tag]).pop()
    {
        let clause = Clause {
            kind: ClauseKind::Tag(tag),
            negated,
        };
        return Some((Some(clause), after));
    }
    let (word, prefix) = match word.strip_suffix('*') {
        Some(w) => (w, true),
        None => (word, false),
    };
    Some((text_clause(word, prefix, negated), after))
}

fn text_clause(text: &str, prefix: bool, negated: bool) -> Option<Clause> {
    let words = words(text);
    (!words.is_empty()).then_some(Clause {
        kind: ClauseKind::Text { words, prefix },
        negated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(words: &[&str], prefix: bool, negated: bool) -> Clause {
        Clause {
            kind: ClauseKind::Text {
                words: words.iter().map(|w| w.to_string()).collect(),
                prefix,
            },
            negated,
        }
    }

    #[test]
    fn every_form_parses() {
        let q = Query::parse(r#"grain "export ban" #Food -russia -"black sea" corr* - "#);
        assert_eq!(
            q.clauses,
            [
                text(&["grain"], false, false),
                text(&["export", "ban"], false, false),
                Clause {
                    kind: ClauseKind::Tag("food".into()),
                    negated: false
                },
                text(&["russia"], false, true),
                text(&["black", "sea"], false, true),
                text(&["corr"], true, false),
            ]
        );
        assert!(!q.case_sensitive);
    }

    #[test]
    fn a_capital_makes_the_query_case_sensitive_but_a_tag_does_not() {
        assert!(Query::parse("EU levy").case_sensitive);
        assert!(!Query::parse("eu #Levy").case_sensitive);
    }

    #[test]
    fn punctuated_word_is_a_phrase_and_unclosed_quote_runs_to_the_end() {
        let q = Query::parse(r#"co-operation "black sea"#);
        assert_eq!(q.clauses[0], text(&["co", "operation"], false, false));
        let q = Query::parse(r#""black se"#);
        assert_eq!(q.clauses[0], text(&["black", "se"], false, false));
    }

    #[test]
    fn while_typing_the_last_word_is_a_prefix() {
        let q = Query::parse_incremental("grain corr");
        assert_eq!(q.clauses[1], text(&["corr"], true, false));
        let q = Query::parse_incremental("grain corr ");
        assert_eq!(q.clauses[1], text(&["corr"], false, false));
    }

    #[test]
    fn only_exclusions_match_nothing() {
        assert!(Query::parse("-grain").is_empty());
        assert!(Query::parse("").is_empty());
    }
}
