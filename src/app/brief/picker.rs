//! A small list popup to choose one thing: which note to edit or delete,
//! which tag to filter by. Typing narrows the list.

use crate::app::prompt::Prompt;
use crate::app::select::{Selection, Step};

/// What the chosen item will be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    EditNote,
    DeleteNote,
    AttachNote,
    ShareNote,
    ReplyNote,
    TagFilter,
    ManageTags,
    Link,
}

#[derive(Debug, Clone)]
pub struct PickItem {
    pub label: String,
    /// A note id or a tag.
    pub value: String,
}

#[derive(Debug)]
pub struct Picker {
    pub title: String,
    pub purpose: Purpose,
    items: Vec<PickItem>,
    pub filter: Prompt,
    /// Indexes into `items` that match the filter.
    pub shown: Vec<usize>,
    pub sel: Selection,
}

impl Picker {
    pub fn new(title: impl Into<String>, purpose: Purpose, items: Vec<PickItem>) -> Picker {
        let shown = (0..items.len()).collect();
        Picker {
            title: title.into(),
            purpose,
            items,
            filter: Prompt::default(),
            shown,
            sel: Selection::default(),
        }
    }

    /// New entries for the same list (every brief's tags, once read),
    /// keeping what was typed.
    pub fn replace_items(&mut self, items: Vec<PickItem>) {
        self.items = items;
        self.refilter();
    }

    pub fn refilter(&mut self) {
        let q = self.filter.value().to_lowercase();
        self.shown = (0..self.items.len())
            .filter(|&i| q.is_empty() || self.items[i].label.to_lowercase().contains(&q))
            .collect();
        self.sel.reset();
    }

    /// Moves the selection (round past either end) in a list `rows` tall.
    pub fn step(&mut self, step: Step, rows: usize) {
        self.sel.step(step, self.shown.len(), rows, true);
    }

    pub fn keep_in_view(&mut self, rows: usize) {
        self.sel.keep_in_view(self.shown.len(), rows);
    }

    pub fn rows(&self) -> impl Iterator<Item = &PickItem> {
        self.shown.iter().map(|&i| &self.items[i])
    }

    pub fn chosen(&self) -> Option<&PickItem> {
        self.shown.get(self.sel.selected).map(|&i| &self.items[i])
    }
}
