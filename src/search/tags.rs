//! Which blocks carry which note tags, for `#tag` queries.
//!
//! Search does not read the notes store itself: the caller passes what it
//! has. [`NoteTags::from_store`] prepares the map for a whole library (it
//! loads only the briefs that have tagged notes, to place the notes on
//! them); after a save, [`NoteTags::replace_brief`] brings one brief up
//! to date.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::document::BlockId;
use crate::document::load::{LoadOptions, load_path};
use crate::notes::store::{NotesFile, Store};
use crate::notes::{normalize_tags, place_notes, tag_matches};

/// Note tags by brief (canonical path) and block.
#[derive(Debug, Clone, Default)]
pub struct NoteTags {
    by_brief: HashMap<PathBuf, HashMap<BlockId, Vec<String>>>,
}

impl NoteTags {
    pub fn new() -> NoteTags {
        NoteTags::default()
    }

    /// Records tags on a block. `brief` is the brief's canonical path (as
    /// [`crate::catalogue::Entry::canonical`] and the notes files record it).
    pub fn add(&mut self, brief: &Path, block: BlockId, tags: &[String]) {
        let tags = normalize_tags(tags.iter().map(String::as_str));
        if tags.is_empty() {
            return;
        }
        let slot = self
            .by_brief
            .entry(brief.to_path_buf())
            .or_default()
            .entry(block)
            .or_default();
        for t in tags {
            if !slot.contains(&t) {
                slot.push(t);
            }
        }
    }

    /// Replaces what is known of `brief` with what `fresh` knows of it
    /// (after its notes were saved again).
    pub fn replace_brief(&mut self, brief: &Path, mut fresh: NoteTags) {
        match fresh.by_brief.remove(brief) {
            Some(blocks) => self.by_brief.insert(brief.to_path_buf(), blocks),
            None => self.by_brief.remove(brief),
        };
    }

    /// The tags on a block.
    pub fn tags_of(&self, brief: &Path, block: BlockId) -> &[String] {
        self.by_brief
            .get(brief)
            .and_then(|b| b.get(&block))
            .map_or(&[], Vec::as_slice)
    }

    /// Every (brief, block) carrying `tag` or one of its children.
    pub fn blocks_with<'a>(
        &'a self,
        tag: &'a str,
    ) -> impl Iterator<Item = (&'a Path, BlockId)> + 'a {
        self.by_brief.iter().flat_map(move |(path, blocks)| {
            blocks
                .iter()
                .filter(move |(_, tags)| tags.iter().any(|t| tag_matches(t, tag)))
                .map(move |(&b, _)| (path.as_path(), b))
        })
    }

    /// The tags of every note in the store whose brief lies under the
    /// library folder `root` (canonical), placed on the brief as it is now.
    pub fn from_store(store: &Store, root: &Path, load: LoadOptions) -> NoteTags {
        let files = store.all().into_iter().flatten().map(|(_, f)| f);
        NoteTags::from_files(files, root, load)
    }

    /// As [`NoteTags::from_store`], from notes files already read. Briefs
    /// without tagged notes are not read; a brief that cannot be read is
    /// skipped.
    pub fn from_files(
        files: impl IntoIterator<Item = NotesFile>,
        root: &Path,
        load: LoadOptions,
    ) -> NoteTags {
        let mut out = NoteTags::new();
        for file in files {
            let canonical = Path::new(&file.path);
            if file.path.is_empty()
                || !canonical.starts_with(root)
                || file.notes.iter().all(|n| n.tags.is_empty())
            {
                continue;
            }
            let Ok(brief) = load_path(canonical, load) else {
                continue;
            };
            for (note, placed) in file.notes.iter().zip(place_notes(&brief, &file.notes)) {
                if let Some(block) = placed.block {
                    out.add(canonical, block, &note.tags);
                }
            }
        }
        out
    }
}
