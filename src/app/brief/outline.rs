//! Outline-pane state: the heading tree with folding, a selection and a
//! scroll offset. The visible rows are recomputed only when a fold changes,
//! so moving through the outline costs the same on any brief.

use crate::app::select::{Selection, Step};
use crate::document::{Brief, SectionId};

#[derive(Debug, Clone)]
pub struct Outline {
    depth: Vec<u16>,
    has_children: Vec<bool>,
    folded: Vec<bool>,
    parent: Vec<Option<SectionId>>,
    /// Sections not hidden under a folded ancestor, in order.
    rows: Vec<SectionId>,
    /// The selected row (an index into `rows`) and the first row shown.
    pub sel: Selection,
}

impl Outline {
    pub fn new(brief: &Brief) -> Outline {
        let n = brief.sections.len();
        let mut depth = vec![0u16; n];
        let mut has_children = vec![false; n];
        let parent: Vec<Option<SectionId>> = brief.sections.iter().map(|s| s.parent).collect();
        for (i, p) in parent.iter().enumerate() {
            if let Some(p) = *p {
                // Parents come before their children.
                depth[i] = depth[p].saturating_add(1);
                has_children[p] = true;
            }
        }
        let mut outline = Outline {
            depth,
            has_children,
            folded: vec![false; n],
            parent,
            rows: Vec::new(),
            sel: Selection::default(),
        };
        outline.rebuild_rows();
        outline
    }

    fn rebuild_rows(&mut self) {
        let selected = self.selected_section();
        self.rows.clear();
        let mut hidden_below: Option<u16> = None;
        for s in 0..self.depth.len() {
            let d = self.depth[s];
            if let Some(h) = hidden_below {
                if d > h {
                    continue;
                }
                hidden_below = None;
            }
            self.rows.push(s);
            if self.folded[s] {
                hidden_below = Some(d);
            }
        }
        if let Some(s) = selected {
            self.select_section(s);
        }
    }

    pub fn rows(&self) -> &[SectionId] {
        &self.rows
    }

    pub fn depth(&self, s: SectionId) -> usize {
        self.depth.get(s).map_or(0, |&d| usize::from(d))
    }

    pub fn has_children(&self, s: SectionId) -> bool {
        self.has_children.get(s).copied().unwrap_or(false)
    }

    pub fn is_folded(&self, s: SectionId) -> bool {
        self.folded.get(s).copied().unwrap_or(false)
    }

    pub fn selected_section(&self) -> Option<SectionId> {
        self.rows.get(self.sel.selected).copied()
    }

    /// The row showing a section, or its nearest visible ancestor when it
    /// is folded away.
    pub fn row_of(&self, mut s: SectionId) -> Option<usize> {
        loop {
            if let Ok(row) = self.rows.binary_search(&s) {
                return Some(row);
            }
            s = self.parent.get(s).copied().flatten()?;
        }
    }

    pub fn select_section(&mut self, s: SectionId) {
        if let Some(row) = self.row_of(s)
            && row != self.sel.selected
        {
            self.sel.select(row);
        }
    }

    /// Moves the selection in a pane `height` rows tall.
    pub fn step(&mut self, step: Step, height: usize) {
        self.sel.step(step, self.rows.len(), height, false);
    }

    /// Folds the selected section, or moves to its parent when there is
    /// nothing to fold.
    pub fn fold(&mut self) {
        let Some(s) = self.selected_section() else {
            return;
        };
        if self.has_children[s] && !self.folded[s] {
            self.folded[s] = true;
            self.rebuild_rows();
        } else if let Some(p) = self.parent[s] {
            self.select_section(p);
        }
    }

    /// Unfolds the selected section, or moves to its first child when it is
    /// already open.
    pub fn unfold(&mut self) {
        let Some(s) = self.selected_section() else {
            return;
        };
        if self.folded[s] {
            self.folded[s] = false;
            self.rebuild_rows();
        } else if self.has_children[s] {
            self.sel.step(Step::By(1), self.rows.len(), 1, false);
        }
    }

    /// Keeps the selected row within a pane `height` rows tall.
    pub fn keep_in_view(&mut self, height: usize) {
        self.sel.keep_in_view(self.rows.len(), height);
    }

    /// Scrolls the pane without moving the selection.
    pub fn scroll(&mut self, delta: isize, height: usize) {
        self.sel.scroll(delta, self.rows.len(), height);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    fn tree() -> Brief {
        parse("# A\n## A1\n### A1a\n## A2\n# B\n## B1\n", "t")
    }

    #[test]
    fn the_wheel_scrolls_away_from_the_selection_until_it_moves() {
        let md: String = (0..40).map(|i| format!("## S{i}\n\nText.\n\n")).collect();
        let b = parse(&md, "t");
        let mut o = Outline::new(&b);
        o.keep_in_view(10);
        o.scroll(15, 10);
        o.keep_in_view(10);
        assert_eq!(
            o.sel.offset, 15,
            "the scroll stays while the selection is still"
        );
        o.step(Step::By(1), 10);
        o.keep_in_view(10);
        assert_eq!(o.sel.offset, 1, "a moved selection comes back into view");
    }

    #[test]
    fn folding_hides_descendants_and_keeps_the_selection() {
        let brief = tree();
        let mut o = Outline::new(&brief);
        assert_eq!(o.rows(), [0, 1, 2, 3, 4, 5]);
        o.fold();
        assert_eq!(o.rows(), [0, 4, 5]);
        assert_eq!(o.selected_section(), Some(0));
        o.unfold();
        assert_eq!(o.rows().len(), 6);
    }

    #[test]
    fn fold_on_a_leaf_goes_to_the_parent() {
        let brief = tree();
        let mut o = Outline::new(&brief);
        o.select_section(2);
        o.fold();
        assert_eq!(o.selected_section(), Some(1));
    }

    #[test]
    fn hidden_section_maps_to_its_visible_ancestor() {
        let brief = tree();
        let mut o = Outline::new(&brief);
        o.fold();
        assert_eq!(o.row_of(2), Some(0));
    }

    #[test]
    fn selection_stays_in_view() {
        let brief = tree();
        let mut o = Outline::new(&brief);
        o.step(Step::Last, 2);
        o.keep_in_view(2);
        assert_eq!(o.sel.offset, 4);
    }
}
