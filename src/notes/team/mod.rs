//! Team notes: notes shared through a folder the team already syncs (a git
//! repository, a shared drive, Syncthing). No server: each analyst writes
//! one file per brief, `<team>/<brief key>/<author slug>.toml`, so two
//! authors never write the same file and the sync tool never has to merge.
//!
//! The brief key comes from the brief's identity (its front-matter `id`,
//! else its title and section titles), never its path: the same brief kept
//! at different paths on different machines finds the same notes.
//!
//! A colleague's file is untrusted input: [`file`] reads it leniently
//! (conflict markers, truncation, caps on size and count, odd ids) and
//! sanitises every string; [`folder`] never writes outside the team folder.

pub mod author;
pub mod file;
pub mod folder;
pub mod rows;

use std::path::PathBuf;

use crate::hash::fnv1a;
use crate::notes::store::Header;

pub use folder::{Published, TeamNotes, publish, read_brief};

/// `[team]` in config.toml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    /// The shared folder.
    pub folder: PathBuf,
    /// The name notes are signed with.
    pub author: String,
    /// New notes are shared as they are made.
    pub share_new: bool,
}

/// The folder of one brief's shared notes inside the team folder: a slug
/// and a hash of what identifies the brief. Only ASCII letters, digits and
/// `-`: never a path of its own.
pub fn brief_key(header: &Header) -> String {
    let (label, key) = if header.id.trim().is_empty() {
        let mut key = format!("title:{}", header.title.trim());
        for s in &header.sections {
            key.push('\n');
            key.push_str(s.trim());
        }
        (header.title.as_str(), key)
    } else {
        (header.id.as_str(), format!("id:{}", header.id.trim()))
    };
    let slug = crate::notes::store::slug(label);
    format!("{}-{:08x}", cut(&slug, 40), fnv1a(key.as_bytes()) >> 32)
}

/// The file name stem an author's notes go under.
pub fn author_slug(author: &str) -> String {
    let slug = crate::notes::store::slug(author);
    let slug = if slug == "brief" && !author.trim().eq_ignore_ascii_case("brief") {
        // A name with no ASCII letters: told apart by its hash.
        format!("author-{:08x}", fnv1a(author.trim().as_bytes()) >> 32)
    } else {
        slug
    };
    cut(&slug, 40).to_owned()
}

/// Up to two initials: "Dana Smith" is "DS", "dana" is "D".
pub fn initials(author: &str) -> String {
    let clean = crate::document::sanitize::sanitize_line(author);
    let out: String = clean
        .split(|c: char| c.is_whitespace() || c == '.' || c == '-' || c == '_')
        .filter_map(|w| w.chars().next().filter(|c| c.is_alphanumeric()))
        .flat_map(char::to_uppercase)
        .take(2)
        .collect();
    if out.is_empty() { "?".to_owned() } else { out }
}

/// Whether a note's author is `name` (ignoring case; `@dana` finds "Dana
/// Smith" by first name or the whole name).
pub fn author_matches(author: &str, name: &str) -> bool {
    let name = name.trim().trim_start_matches('@').to_lowercase();
    if name.is_empty() {
        return true;
    }
    let author = author.to_lowercase();
    author == name
        || author_slug(&author) == author_slug(&name)
        || author.split_whitespace().any(|w| w == name)
}

fn cut(s: &str, max: usize) -> &str {
    let s = &s[..s.len().min(max)];
    s.trim_end_matches('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(id: &str, title: &str, sections: &[&str]) -> Header {
        Header {
            id: id.into(),
            title: title.into(),
            sections: sections.iter().map(|s| (*s).to_owned()).collect(),
            path: "/somewhere/else.md".into(),
            ..Header::default()
        }
    }

    #[test]
    fn the_key_ignores_the_path_and_is_a_plain_name() {
        let a = header("", "Grain corridor: options", &["Summary", "Risks"]);
        let mut b = a.clone();
        b.path = "/other/machine/copy.md".into();
        assert_eq!(brief_key(&a), brief_key(&b));
        let key = brief_key(&a);
        assert!(key.starts_with("grain-corridor-options-"), "{key}");
        assert!(key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    }

    #[test]
    fn the_front_matter_id_wins_and_hostile_text_makes_no_path() {
        let a = header("../../etc/passwd", "A", &[]);
        let key = brief_key(&a);
        assert!(!key.contains('/') && !key.contains(".."), "{key}");
        assert_ne!(brief_key(&a), brief_key(&header("other", "A", &[])));
    }

    #[test]
    fn authors_have_slugs_and_initials() {
        assert_eq!(author_slug("Dana Smith"), "dana-smith");
        assert_eq!(author_slug("../x"), "x");
        assert!(author_slug("دانا").starts_with("author-"));
        assert_eq!(initials("Dana Smith"), "DS");
        assert_eq!(initials("bo"), "B");
        assert_eq!(initials("\u{1b}[31m"), "?");
        assert_eq!(initials("Dana \u{1b}[31mReyes"), "D");
        assert!(author_matches("Dana Smith", "@dana"));
        assert!(author_matches("Dana Smith", "dana-smith"));
        assert!(!author_matches("Dana Smith", "bo"));
    }
}
