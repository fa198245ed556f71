//! A passage's text, read back from its brief's file when a result is
//! shown: the index keeps no copy of the text (that would double its
//! size), only each block's first line and a 12-bit hash of its text.
//!
//! The lines from a block's first line to the next block's are parsed on
//! their own, which costs microseconds; when what they give is not the
//! block (its text depends on what is around it: a reference link, a
//! nested list) or the file changed since it was indexed, the hash says
//! so and the whole brief is parsed once.

use std::path::Path;

use crate::document::load::{LoadOptions, read_bytes, to_markdown};
use crate::document::{Brief, parse};
use crate::hash::bytes_hash;

/// The hash of a block's text the index keeps, to check a block read back.
pub fn check_of(text: &str) -> u64 {
    bytes_hash(text.as_bytes()) & 0xfff
}

/// Where a block is in its brief's file, as the index knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockAt {
    pub block: usize,
    /// Its first line (from 1).
    pub line: usize,
    /// The next block's first line, if the brief has one.
    pub next_line: Option<usize>,
    pub check: u64,
}

/// One brief's file, read once for all its passages.
pub struct SourceText {
    /// The text as the loader parses it (line endings made LF), or None
    /// when it cannot be read.
    text: Option<String>,
    /// Byte offset of each line's start, as far as found.
    lines: Vec<usize>,
    /// The whole brief, parsed when a block read on its own did not check.
    whole: Option<Brief>,
}

impl SourceText {
    pub fn read(path: &Path) -> SourceText {
        // The markdown the loader parsed: a Word or plain-text file's
        // blocks are at lines of its conversion, not of its bytes.
        let converted = read_bytes(path, LoadOptions::default())
            .ok()
            .and_then(|bytes| to_markdown(bytes, path).ok());
        let text = converted.map(|converted| {
            let text = converted.markdown;
            let text = match text.strip_prefix('\u{feff}') {
                Some(rest) => rest.to_owned(),
                None => text,
            };
            if text.contains('\r') {
                text.replace("\r\n", "\n").replace('\r', "\n")
            } else {
                text
            }
        });
        SourceText {
            text,
            lines: vec![0],
            whole: None,
        }
    }

    /// Byte offset of the start of a line (from 1), finding line starts
    /// only as far as asked.
    fn line_start(&mut self, line: usize) -> Option<usize> {
        let text = self.text.as_deref()?;
        while self.lines.len() < line {
            let from = *self.lines.last()?;
            let next = text.get(from..)?.find('\n')?;
            self.lines.push(from + next + 1);
        }
        self.lines.get(line.checked_sub(1)?).copied()
    }

    /// The text of a block: from its own lines when they check, else from
    /// the whole brief; None when the file cannot be read or no longer has
    /// the block.
    pub fn block(&mut self, at: BlockAt) -> Option<String> {
        let start = self.line_start(at.line)?;
        let end = at
            .next_line
            .filter(|&n| n > at.line)
            .and_then(|n| self.line_start(n));
        let text = self.text.as_deref()?;
        let part = parse(&text[start..end.unwrap_or(text.len())], "");
        if let Some(first) = (!part.blocks.is_empty()).then(|| part.block_text(0))
            && check_of(first) == at.check
        {
            return Some(first.to_owned());
        }
        self.block_by_id(at.block)
    }

    /// The text of a block found by its id alone: the whole brief is
    /// parsed.
    pub fn block_by_id(&mut self, block: usize) -> Option<String> {
        let text = self.text.as_deref()?;
        let whole = self.whole.get_or_insert_with(|| parse(text, ""));
        (block < whole.blocks.len()).then(|| whole.block_text(block).to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks_read_back(markdown: &str) -> (usize, usize) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("b.md");
        std::fs::write(&path, markdown).expect("write");
        let brief = parse(markdown, "");
        let mut alone = 0;
        for b in 0..brief.blocks.len() {
            let at = BlockAt {
                block: b,
                line: brief.blocks[b].line as usize,
                next_line: brief.blocks.get(b + 1).map(|n| n.line as usize),
                check: check_of(brief.block_text(b)),
            };
            let mut source = SourceText::read(&path);
            assert_eq!(source.block(at).as_deref(), Some(brief.block_text(b)));
            alone += usize::from(source.whole.is_none());
        }
        (alone, brief.blocks.len())
    }

    #[test]
    fn every_block_reads_back_as_the_loader_makes_it() {
        let text = "---\ntitle: T\n---\n# T\n\nA *plain* paragraph\nover two lines.\n\n\
                    - one\n- two\n  - nested [link][r]\n\n> quoted\n\n## S\n\n| a | b |\n|---|---|\n\
                    | 1 | 2 |\n\n```\ncode\n\nmore\n```\n\n[r]: http://x\n";
        let (alone, all) = blocks_read_back(text);
        assert!(
            alone >= 4,
            "most blocks read on their own ({alone} of {all})"
        );
    }

    #[test]
    fn crlf_files_read_back_too() {
        blocks_read_back("# T\r\n\r\nFirst.\r\n\r\nSecond\r\nline.\r\n");
    }

    #[test]
    fn a_file_that_changed_gives_its_current_block() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("b.md");
        std::fs::write(&path, "# T\n\nNew text.\n").expect("write");
        let mut source = SourceText::read(&path);
        let at = BlockAt {
            block: 0,
            line: 3,
            next_line: None,
            check: check_of("Old text."),
        };
        assert_eq!(source.block(at).as_deref(), Some("New text."));
    }
}
