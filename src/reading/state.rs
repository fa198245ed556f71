//! Reading state per brief: where the reader was, which sections they have
//! read, when, and enough of the version they read to say what changed.
//!
//! Stored as TOML in `<data>/state/` ([`super::StateStore`]).
//! A read section keeps its heading path and number (to find it again), a
//! hash of its text (to see it changed) and the text itself, deflated and
//! base64-encoded (to show a word diff): only read sections are kept, so a
//! brief never read costs nothing and a fully read 50 KB brief about 20 KB.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::diff::section_text;
use crate::document::sanitize::sanitize_line;
use crate::document::stats::text_stats;
use crate::document::{BlockId, Brief, SectionId};
use crate::fsio::canonical;
use crate::hash::{hex, text_hash};
use crate::notes::now_rfc3339;

/// The folder under the data folder that holds reading state.
pub const STATE_DIR: &str = "state";
/// The format this `brief` writes; newer files are read-only.
pub const STATE_VERSION: u32 = 1;
/// A stored section text never inflates beyond this.
const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

/// Where the reader was: the block, and what identifies it across edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The block's id when saved.
    pub block: u32,
    /// [`text_hash`] of the block's text, 16 hex digits.
    pub hash: String,
    /// Heading path of the block's section.
    #[serde(default)]
    pub section: Vec<String>,
    /// The block's number within its section, from 1.
    #[serde(default)]
    pub block_in_section: u32,
}

/// A section the reader has read (its end was on screen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadSection {
    /// The section's number as `brief outline` numbers it, when read.
    pub number: u32,
    /// Its heading path, when read.
    pub path: Vec<String>,
    /// [`text_hash`] of its text when read, 16 hex digits.
    pub hash: String,
    pub words: u32,
    /// RFC 3339, UTC.
    pub read_at: String,
    /// Its text when read, as is: short texts, where deflating saves
    /// nothing.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Its text when read, deflated then base64: everything else.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text_z: String,
}

impl ReadSection {
    /// The text the reader read, or None when the stored form is damaged.
    pub fn read_text(&self) -> Option<String> {
        if self.text_z.is_empty() {
            Some(self.text.clone())
        } else {
            unpack(&self.text_z)
        }
    }
}

/// Unread, partly read (percent of words, 1-99) or read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Progress {
    Unread,
    Partial(u8),
    Read,
}

impl Progress {
    /// 0-100, for sorting and display.
    pub fn percent(self) -> u8 {
        match self {
            Progress::Unread => 0,
            Progress::Partial(p) => p,
            Progress::Read => 100,
        }
    }

    fn of(read_words: u64, total_words: u64, read: usize, sections: usize) -> Progress {
        if read == 0 {
            Progress::Unread
        } else if read >= sections {
            Progress::Read
        } else {
            let pct = (read_words * 100).checked_div(total_words).unwrap_or(0);
            Progress::Partial(pct.clamp(1, 99) as u8)
        }
    }
}

/// The reading state of one brief, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingState {
    pub version: u32,
    /// The brief's canonical path.
    pub path: String,
    #[serde(default)]
    pub title: String,
    /// The brief's [`crate::hash::content_hash`] when last read.
    #[serde(default)]
    pub content_hash: String,
    /// RFC 3339, UTC.
    pub first_opened: String,
    /// RFC 3339, UTC.
    pub last_read: String,
    /// Words and sections (with text) in the brief when last read, for
    /// progress without loading it.
    #[serde(default)]
    pub words: u64,
    #[serde(default)]
    pub sections: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    #[serde(default)]
    pub read: Vec<ReadSection>,
}

impl ReadingState {
    /// The state of a brief opened for the first time, now.
    pub fn new(brief_path: &Path, brief: &Brief) -> ReadingState {
        let mut state = ReadingState::unread(brief_path);
        state.touch(brief);
        state
    }

    /// A state for a brief never opened, not yet measured: [`Self::touch`]
    /// fills in its words and hash (the reader does it on the first save,
    /// off the path to the first screen).
    pub fn unread(brief_path: &Path) -> ReadingState {
        let now = now_rfc3339();
        ReadingState {
            version: STATE_VERSION,
            path: canonical(brief_path).to_string_lossy().into_owned(),
            title: String::new(),
            content_hash: String::new(),
            first_opened: now.clone(),
            last_read: now,
            words: 0,
            sections: 0,
            position: None,
            read: Vec::new(),
        }
    }

    /// Records that the brief is being read now, as it is.
    pub fn touch(&mut self, brief: &Brief) {
        self.last_read = now_rfc3339();
        self.title = sanitize_line(&brief.title);
        // One pass: the stats' hash is the brief's content_hash.
        let (words, hash) = text_stats(brief);
        self.content_hash = hex(hash);
        self.words = words as u64;
        self.sections = counted_sections(brief).count() as u32;
    }

    /// True when the brief (by its current [`crate::hash::content_hash`], as the
    /// catalogue's `BriefInfo::content_hash` has it) is not the version
    /// last read: the library shows it as updated.
    pub fn is_updated(&self, content_hash: &str) -> bool {
        !self.content_hash.is_empty() && self.content_hash != content_hash
    }

    /// Remembers the block the reader is on; says whether it moved.
    pub fn set_position(&mut self, brief: &Brief, block: BlockId) -> bool {
        if block >= brief.blocks.len() {
            return false;
        }
        // The text too: after a reload the same number may hold other text.
        let hash = hex(text_hash(brief.block_text(block)));
        if let Some(p) = &self.position
            && p.block as usize == block
            && p.hash == hash
        {
            return false;
        }
        let section = brief.section_of(block);
        let first = brief.sections.get(section).map_or(0, |s| s.blocks.start);
        self.position = Some(Position {
            block: block as u32,
            hash,
            section: brief
                .heading_path(section)
                .into_iter()
                .map(str::to_owned)
                .collect(),
            block_in_section: (block - first + 1) as u32,
        });
        true
    }

    /// The block to reopen at: the same text nearest where it was, else
    /// the same place in the same section, else the same block number.
    pub fn position_in(&self, brief: &Brief) -> Option<BlockId> {
        let pos = self.position.as_ref()?;
        let n = brief.blocks.len();
        if n == 0 {
            return None;
        }
        let old = pos.block as usize;
        let hash = u64::from_str_radix(&pos.hash, 16).ok();
        let same = |b: usize| b < n && Some(text_hash(brief.block_text(b))) == hash;
        // Nearest first, outwards from where it was: an unchanged brief
        // costs one hash, not one per block.
        let same_text = (0..n.max(old + 1)).find_map(|d| {
            let below = old.checked_sub(d).filter(|&b| same(b));
            below.or_else(|| Some(old + d).filter(|&b| d > 0 && same(b)))
        });
        if same_text.is_some() {
            return same_text;
        }
        let in_section = (0..brief.sections.len())
            .filter(|&s| {
                brief.heading_path(s) == pos.section && !brief.sections[s].blocks.is_empty()
            })
            .min_by_key(|&s| brief.sections[s].blocks.start.abs_diff(old))
            .map(|s| {
                let r = &brief.sections[s].blocks;
                (r.start + pos.block_in_section.saturating_sub(1) as usize).min(r.end - 1)
            });
        in_section.or(Some(old.min(n - 1)))
    }

    /// Marks a section read, keeping its text as it is now. Returns false
    /// when nothing changed (it was read in this very version).
    pub fn mark_read(&mut self, brief: &Brief, section: SectionId) -> bool {
        if section >= brief.sections.len() {
            return false;
        }
        let text = section_text(brief, section);
        let hash = hex(text_hash(&text));
        let record = ReadSection {
            number: section as u32 + 1,
            path: brief
                .heading_path(section)
                .into_iter()
                .map(str::to_owned)
                .collect(),
            hash,
            words: text.split_whitespace().count() as u32,
            read_at: now_rfc3339(),
            text: String::new(),
            text_z: String::new(),
        };
        let record = with_text(record, text);
        let matched = self.assign(brief);
        match matched.iter().position(|m| *m == Some(section)) {
            Some(i) if self.read[i].hash == record.hash && self.read[i].number == record.number => {
                return false;
            }
            Some(i) => self.read[i] = record,
            None => self.read.push(record),
        }
        self.read.sort_by_key(|r| r.number);
        true
    }

    /// The sections of the brief the reader has read (in any version).
    pub fn read_sections(&self, brief: &Brief) -> Vec<SectionId> {
        let mut out: Vec<SectionId> = self.assign(brief).into_iter().flatten().collect();
        out.sort_unstable();
        out
    }

    /// Progress as of the last save, without the brief.
    pub fn progress(&self) -> Progress {
        let read_words: u64 = self.read.iter().map(|r| u64::from(r.words)).sum();
        Progress::of(
            read_words,
            self.words,
            self.read.len(),
            self.sections as usize,
        )
    }

    /// Progress on the brief as it is now.
    pub fn progress_on(&self, brief: &Brief) -> Progress {
        let read = self.read_sections(brief);
        let counted: Vec<SectionId> = counted_sections(brief).collect();
        let read: Vec<SectionId> = read.into_iter().filter(|s| counted.contains(s)).collect();
        let words = |s: SectionId| -> u64 {
            brief.sections[s]
                .blocks
                .clone()
                .map(|b| brief.block_text(b).split_whitespace().count() as u64)
                .sum()
        };
        let read_words: u64 = read.iter().map(|&s| words(s)).sum();
        let total: u64 = counted.iter().map(|&s| words(s)).sum();
        Progress::of(read_words, total, read.len(), counted.len())
    }

    /// For each read record, the section of the brief it is now (or None):
    /// the same heading path nearest the same number; failing that, the
    /// section at the same number if its text is unchanged (a renamed
    /// heading). Each section is claimed once.
    pub(crate) fn assign(&self, brief: &Brief) -> Vec<Option<SectionId>> {
        // Sections by heading path, built once: each record then looks up
        // its candidates instead of scanning every section.
        let mut by_path: HashMap<Vec<&str>, Vec<SectionId>> = HashMap::new();
        for s in 0..brief.sections.len() {
            by_path.entry(brief.heading_path(s)).or_default().push(s);
        }
        let mut taken = vec![false; brief.sections.len()];
        let mut out = Vec::with_capacity(self.read.len());
        for r in &self.read {
            let wanted = r.number.saturating_sub(1) as usize;
            let key: Vec<&str> = r.path.iter().map(String::as_str).collect();
            let by_path = by_path.get(&key).and_then(|candidates| {
                candidates
                    .iter()
                    .copied()
                    .filter(|&s| !taken[s])
                    .min_by_key(|&s| s.abs_diff(wanted))
            });
            let found = by_path.or_else(|| {
                (wanted < taken.len()
                    && !taken[wanted]
                    && hex(text_hash(&section_text(brief, wanted))) == r.hash)
                    .then_some(wanted)
            });
            if let Some(s) = found {
                taken[s] = true;
            }
            out.push(found);
        }
        out
    }
}

/// Sections that count for progress: those with text.
fn counted_sections(brief: &Brief) -> impl Iterator<Item = SectionId> + '_ {
    (0..brief.sections.len()).filter(|&s| !brief.sections[s].blocks.is_empty())
}

/// Stores a section's text in the smaller of its two forms.
fn with_text(mut record: ReadSection, text: String) -> ReadSection {
    let packed = pack(&text);
    if packed.len() < text.len() {
        record.text_z = packed;
    } else {
        record.text = text;
    }
    record
}

/// Deflate, then base64.
fn pack(text: &str) -> String {
    use base64::Engine;
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(text.as_bytes());
    let bytes = enc.finish().unwrap_or_default();
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The text [`pack`] made, or None when it is damaged.
fn unpack(packed: &str) -> Option<String> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(packed.trim())
        .ok()?;
    let mut out = String::new();
    flate2::read::DeflateDecoder::new(bytes.as_slice())
        .take(MAX_TEXT_BYTES)
        .read_to_string(&mut out)
        .ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> ReadSection {
        ReadSection {
            number: 1,
            path: Vec::new(),
            hash: String::new(),
            words: 0,
            read_at: String::new(),
            text: String::new(),
            text_z: String::new(),
        }
    }

    #[test]
    fn long_texts_are_deflated_and_short_ones_kept_as_is() {
        let long = "The corridor carried most of the region's grain. ".repeat(40);
        let r = with_text(record(), long.clone());
        assert!(r.text.is_empty() && r.text_z.len() < long.len() / 4);
        assert_eq!(r.read_text().as_deref(), Some(long.as_str()));
        let r = with_text(record(), "Short.".to_owned());
        assert_eq!((r.text.as_str(), r.text_z.as_str()), ("Short.", ""));
    }

    #[test]
    fn damaged_packed_text_reads_as_none() {
        let mut r = record();
        r.text_z = "not base64!".to_owned();
        assert_eq!(r.read_text(), None);
    }
}
