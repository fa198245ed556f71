//! Pictures of the open brief: which picture blocks can be drawn (their
//! file measured by the loader), the ones decoded so far at each size in
//! cells, the ones that failed, and the picture shown full screen. Asking
//! for a decode is an effect; the answer comes back as a message, so
//! scrolling never waits for a picture.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::PathBuf;

use super::BriefScreen;
use crate::app::brief::reader::Item;
use crate::app::msg::{Effect, PictureFile, PictureJob};
use crate::app::shared::Shared;
use crate::document::{BlockId, Brief};
use crate::images::Decoded;

/// Decoded pictures kept; past this the oldest decoded goes (each is at
/// most a screenful of cells, or its encoding: a sixel or kitty picture of
/// a full screen can be a few MB).
const KEEP: usize = 32;
/// Items past the bottom of the screen whose pictures are decoded ahead.
const AHEAD: usize = 8;

/// A picture's file and size in pixels, or why it is not drawn.
type Found = Result<(PathBuf, (u32, u32)), String>;

#[derive(Debug, Default)]
pub struct Pictures {
    /// Pictures are drawn (`I` and `images` in config.toml).
    pub on: bool,
    files: HashMap<BlockId, Found>,
    drawn: HashMap<(BlockId, u16, u16), Decoded>,
    /// The keys of `drawn`, oldest first.
    order: VecDeque<(BlockId, u16, u16)>,
    asked: HashSet<(BlockId, u16, u16)>,
    failed: HashMap<BlockId, String>,
    /// The picture shown full screen (`v`), until the next key.
    pub full: Option<BlockId>,
}

impl Pictures {
    pub fn new(brief: &Brief, files: Vec<PictureFile>, on: bool) -> Pictures {
        // Pictures in lists and quotes keep their alt line.
        let top_level = |b: BlockId| {
            brief
                .blocks
                .get(b)
                .is_some_and(|b| b.list_depth == 0 && b.quote_depth == 0)
        };
        Pictures {
            on,
            files: files
                .into_iter()
                .filter(|f| top_level(f.block))
                .map(|f| (f.block, f.found))
                .collect(),
            ..Pictures::default()
        }
    }

    /// The pictures the reader draws, with their size in pixels.
    pub fn sizes(&self) -> HashMap<BlockId, (u32, u32)> {
        if !self.on {
            return HashMap::new();
        }
        self.files
            .iter()
            .filter_map(|(b, f)| f.as_ref().ok().map(|(_, size)| (*b, *size)))
            .collect()
    }

    /// A block's picture decoded for `cols` x `rows` cells.
    pub fn drawn(&self, block: BlockId, cols: u16, rows: u16) -> Option<&Decoded> {
        self.drawn.get(&(block, cols, rows))
    }

    /// Why a block's picture is not drawn: refused by the loader or not
    /// decoded.
    pub fn problem(&self, block: BlockId) -> Option<&str> {
        match self.files.get(&block)? {
            Err(why) => Some(why),
            Ok(_) => self.failed.get(&block).map(String::as_str),
        }
    }

    /// True when the block is a picture that can be drawn.
    pub fn drawable(&self, block: BlockId) -> bool {
        matches!(self.files.get(&block), Some(Ok(_))) && !self.failed.contains_key(&block)
    }

    /// The size in pixels of a block's picture.
    pub fn size(&self, block: BlockId) -> Option<(u32, u32)> {
        self.files.get(&block)?.as_ref().ok().map(|(_, s)| *s)
    }

    /// The job that decodes a block's picture for a size, unless it is
    /// decoded, asked for, or failed already.
    fn want(&mut self, block: BlockId, cols: u16, rows: u16) -> Option<PictureJob> {
        let key = (block, cols, rows);
        if self.drawn.contains_key(&key)
            || self.asked.contains(&key)
            || self.failed.contains_key(&block)
        {
            return None;
        }
        let Some(Ok((file, _))) = self.files.get(&block) else {
            return None;
        };
        self.asked.insert(key);
        Some(PictureJob {
            block,
            file: file.clone(),
            cols,
            rows,
        })
    }

    /// A decode finished. An answer for another brief's file is dropped.
    pub fn answer(&mut self, job: PictureJob, result: Result<Decoded, String>) {
        let key = (job.block, job.cols, job.rows);
        self.asked.remove(&key);
        match self.files.get(&job.block) {
            Some(Ok((file, _))) if *file == job.file => {}
            _ => return,
        }
        match result {
            Ok(decoded) => {
                if self.drawn.insert(key, decoded).is_none() {
                    self.order.push_back(key);
                }
                while self.order.len() > KEEP {
                    if let Some(old) = self.order.pop_front() {
                        self.drawn.remove(&old);
                    }
                }
            }
            Err(why) => {
                self.failed.insert(job.block, why);
            }
        }
    }
}

impl BriefScreen {
    /// Asks for the pictures on screen (and a few items below it) at the
    /// size they are laid out at, and the full-screen one.
    pub(crate) fn ask_pictures(&mut self, cx: &mut Shared) {
        // `v` shows a picture even while pictures in the text are off.
        if let Some(b) = self.pictures.full
            && let Some((cols, rows)) = self.full_cells(b, cx)
            && let Some(job) = self.pictures.want(b, cols, rows)
        {
            cx.push(Effect::Picture(job));
        }
        if !self.pictures.on {
            return;
        }
        let rows = self.reader.visible_rows(&self.brief);
        let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
            return;
        };
        let last = (last.item + AHEAD).min(self.reader.items().len().saturating_sub(1));
        // From the bottom up: the worker takes the newest job first, so the
        // picture at the top of the screen is decoded first.
        for item in (first.item..=last).rev() {
            let Some(Item::Block(b)) = self.reader.items().get(item).copied() else {
                continue;
            };
            if let Some((cols, rows)) = self.reader.picture_cells(b)
                && let Some(job) = self.pictures.want(b, cols, rows)
            {
                cx.push(Effect::Picture(job));
            }
        }
    }

    /// The cells the full-screen picture of a block fills: the screen
    /// less its last row (which says how to leave).
    pub fn full_cells(&self, block: BlockId, cx: &Shared) -> Option<(u16, u16)> {
        let px = self.pictures.size(block)?;
        let rows = cx.size.height.saturating_sub(1).max(1);
        Some(crate::layout::filling_cells(
            px,
            cx.cell_px,
            usize::from(cx.size.width.max(1)),
            rows,
        ))
    }

    /// `I`: pictures drawn, or their alt lines.
    pub(super) fn toggle_pictures(&mut self, cx: &mut Shared) {
        self.pictures.on = !self.pictures.on;
        self.lay_out_pictures(cx);
        cx.say(if self.pictures.on {
            "pictures shown"
        } else {
            "pictures as [image: alt] lines"
        });
    }

    /// `v`: the picture under the cursor, full screen.
    pub(super) fn view_picture(&mut self, cx: &mut Shared) {
        let block = self.reader.cursor;
        if self.pictures.drawable(block) {
            self.pictures.full = Some(block);
        } else if let Some(why) = self.pictures.problem(block) {
            cx.say(format!("this picture cannot be shown: {why}"));
        } else {
            cx.say("no picture here (v shows the picture under the cursor)");
        }
    }

    /// The reader lays pictures out again (toggled, cell size known).
    pub(crate) fn lay_out_pictures(&mut self, cx: &Shared) {
        self.reader
            .set_pictures(&self.brief, self.pictures.sizes(), cx.cell_px);
    }
}
