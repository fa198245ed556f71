//! What the library list and its preview pane show about one brief, taken
//! from a loaded [`Brief`] once and then kept in the library's store.

use std::fs;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::document::date;
use crate::document::sanitize::sanitize_line;
use crate::document::stats::text_stats;
use crate::document::{BlockKind, Brief};
use crate::hash::hex;

/// Reading speed used for reading times, in words per minute.
pub const WORDS_PER_MINUTE: usize = 230;
/// A summary (front matter or first paragraph) is cut to about this many
/// characters, at a word boundary.
pub const SUMMARY_CHARS: usize = 300;

/// Size and modification time of a file: what the cache compares to know
/// a brief is unchanged without reading it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub size: u64,
    /// Seconds since the Unix epoch (negative before it).
    pub secs: i64,
    pub nanos: u32,
}

impl FileStamp {
    pub fn of(meta: &fs::Metadata) -> FileStamp {
        let (secs, nanos) = meta.modified().map_or((0, 0), split_time);
        FileStamp {
            size: meta.len(),
            secs,
            nanos,
        }
    }

    /// The modification day as `YYYY-MM-DD` in the local time zone.
    pub fn date(&self) -> String {
        jiff::Timestamp::from_second(self.secs)
            .map(|t| {
                t.to_zoned_datetime(jiff::tz::TimeZone::system())
                    .date()
                    .to_string()
            })
            .unwrap_or_default()
    }
}

fn split_time(t: SystemTime) -> (i64, u32) {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => (
            i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
            d.subsec_nanos(),
        ),
        Err(e) => {
            let d = e.duration();
            let secs = -i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
            match d.subsec_nanos() {
                0 => (secs, 0),
                n => (secs - 1, 1_000_000_000 - n),
            }
        }
    }
}

/// One line of a brief's outline, in `brief outline` order: the section
/// numbered `n` is `outline[n - 1]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutlineItem {
    pub title: String,
    /// 1-6 for headings; 0 for the text before the first heading.
    pub level: u8,
    /// Depth in the heading tree (0 at the top), for indentation.
    pub depth: u8,
    /// Blocks in the section, not counting subsections.
    pub blocks: u32,
}

/// What the list knows about a brief that loaded: every column, every
/// sort and the title search, kept in memory for the whole library. Every
/// string is sanitised (it comes from the document model, or is cleaned
/// here). The preview's longer parts are in [`Details`], read only for the
/// brief selected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BriefInfo {
    pub title: String,
    /// Front matter `date` as a day (`YYYY-MM-DD`) when it reads as one,
    /// else as written; the file's day when there is none.
    pub date: String,
    /// True when `date` is the file's modification day.
    pub date_from_file: bool,
    pub author: Option<String>,
    pub classification: Option<String>,
    pub tags: Vec<String>,
    /// Number of sections, as `brief outline` counts them.
    pub sections: u32,
    pub words: usize,
    /// `words` at [`WORDS_PER_MINUTE`], rounded up.
    pub reading_minutes: u32,
    /// [`crate::hash::content_hash`] of the brief, to tell a reader the brief changed
    /// since they last read it.
    pub content_hash: String,
}

/// What the preview shows of a brief beyond its [`BriefInfo`]: kept in the
/// library's store and read for one brief at a time
/// ([`crate::catalogue::Library::details`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Details {
    /// Front matter `summary`, else the first paragraph; cut to about
    /// [`SUMMARY_CHARS`] characters.
    pub summary: String,
    pub outline: Vec<OutlineItem>,
    /// Problems that did not stop the load (bad front matter, bad UTF-8).
    pub warnings: Vec<String>,
}

impl BriefInfo {
    pub fn from_brief(brief: &Brief, stamp: &FileStamp) -> BriefInfo {
        let meta = &brief.meta;
        let (date, date_from_file) = match meta.date.as_deref().map(str::trim) {
            Some(d) if !d.is_empty() => (date::normalize(d), false),
            _ => (stamp.date(), true),
        };
        let (words, hash) = text_stats(brief);
        BriefInfo {
            title: sanitize_line(&brief.title),
            date,
            date_from_file,
            author: meta.author.clone(),
            classification: meta.classification.clone(),
            tags: meta.tags.clone(),
            sections: u32::try_from(brief.sections.len()).unwrap_or(u32::MAX),
            words,
            reading_minutes: reading_minutes(words),
            content_hash: hex(hash),
        }
    }

    /// Number of sections, as `brief outline` counts them.
    pub fn sections(&self) -> usize {
        self.sections as usize
    }
}

impl Details {
    pub fn from_brief(brief: &Brief) -> Details {
        let summary = brief
            .meta
            .summary
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|s| cut(s, SUMMARY_CHARS))
            .unwrap_or_else(|| first_paragraph(brief));
        Details {
            summary,
            outline: outline(brief),
            warnings: brief.warnings.clone(),
        }
    }
}

/// Minutes to read `words` words, rounded up.
pub fn reading_minutes(words: usize) -> u32 {
    u32::try_from(words.div_ceil(WORDS_PER_MINUTE)).unwrap_or(u32::MAX)
}

fn outline(brief: &Brief) -> Vec<OutlineItem> {
    let mut depths: Vec<u8> = Vec::with_capacity(brief.sections.len());
    brief
        .sections
        .iter()
        .map(|s| {
            // Parents come before their children, so their depth is known.
            let depth = s
                .parent
                .and_then(|p| depths.get(p))
                .map_or(0, |d| d.saturating_add(1));
            depths.push(depth);
            OutlineItem {
                title: sanitize_line(&s.title),
                level: s.level,
                depth,
                blocks: u32::try_from(s.blocks.len()).unwrap_or(u32::MAX),
            }
        })
        .collect()
}

/// The first paragraph outside quotes and lists, else the first paragraph
/// at all, cut for a summary.
fn first_paragraph(brief: &Brief) -> String {
    let paragraphs = || {
        brief
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.kind == BlockKind::Paragraph)
    };
    paragraphs()
        .find(|(_, b)| b.quote_depth == 0 && b.list_depth == 0)
        .or_else(|| paragraphs().next())
        .map(|(id, _)| cut(brief.block_text(id), SUMMARY_CHARS))
        .unwrap_or_default()
}

/// `text` on one line with white space folded, cut at a word boundary
/// before `max` characters with an ellipsis when it was longer.
pub(crate) fn cut(text: &str, max: usize) -> String {
    crate::document::sanitize::cut_line(text, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_time_rounds_up() {
        assert_eq!(reading_minutes(0), 0);
        assert_eq!(reading_minutes(1), 1);
        assert_eq!(reading_minutes(230), 1);
        assert_eq!(reading_minutes(231), 2);
    }

    #[test]
    fn cut_stops_at_a_word_and_marks_the_cut() {
        assert_eq!(cut("one  two\nthree", 300), "one two three");
        assert_eq!(cut("alpha beta gamma delta", 14), "alpha beta…");
        assert_eq!(cut("ééééé", 3), "ééé…");
    }

    #[test]
    fn times_before_the_epoch_split_into_floor_seconds() {
        let t = UNIX_EPOCH - std::time::Duration::from_millis(1500);
        assert_eq!(split_time(t), (-2, 500_000_000));
    }
}
