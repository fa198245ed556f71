//! A small list popup to choose one thing: which note to edit or delete,
//! which tag to filter by. Typing narrows the list.

use super::prompt::Prompt;

/// What the chosen item will be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    EditNote,
    DeleteNote,
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
    pub selected: usize,
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
            selected: 0,
        }
    }

    pub fn refilter(&mut self) {
        let q = self.filter.value().to_lowercase();
        self.shown = (0..self.items.len())
            .filter(|&i| q.is_empty() || self.items[i].label.to_lowercase().contains(&q))
            .collect();
        self.selected = 0;
    }

    pub fn move_by(&mut self, delta: isize) {
        if self.shown.is_empty() {
            return;
        }
        let n = self.shown.len() as isize;
        self.selected = (self.selected as isize + delta).rem_euclid(n) as usize;
    }

    pub fn rows(&self) -> impl Iterator<Item = &PickItem> {
        self.shown.iter().map(|&i| &self.items[i])
    }

    pub fn chosen(&self) -> Option<&PickItem> {
        self.shown.get(self.selected).map(|&i| &self.items[i])
    }
}
