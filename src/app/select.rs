//! One selectable, scrolling list: a selection and the first row shown.
//! The outline, the library, the notes pane, the jump popup and the pickers
//! all move and scroll through this, so the rules are written once: the
//! selection stays inside the list, the view follows the selection, and a
//! page is one screen less one row of context.

/// How a list's selection should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    By(isize),
    /// One screen down (positive) or up (negative), keeping a row of
    /// context.
    Pages(isize),
    First,
    Last,
}

/// A selection in a list of `len` rows shown `rows` at a time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Selection {
    pub selected: usize,
    /// The first row shown.
    pub offset: usize,
    /// The wheel moved the view away from the selection: it stays there
    /// until the selection moves.
    detached: bool,
}

impl Selection {
    /// Moves the selection, clamped to the list (`wrap`: past either end
    /// comes round to the other, as popups do).
    pub fn step(&mut self, step: Step, len: usize, rows: usize, wrap: bool) {
        if len == 0 {
            *self = Selection::default();
            return;
        }
        let page = rows.saturating_sub(1).max(1) as isize;
        let target = match step {
            Step::By(d) => self.selected as isize + d,
            Step::Pages(p) => self.selected as isize + p.saturating_mul(page),
            Step::First => 0,
            Step::Last => len as isize - 1,
        };
        let last = len as isize - 1;
        self.detached = false;
        self.selected = if wrap && matches!(step, Step::By(_)) {
            target.rem_euclid(len as isize) as usize
        } else {
            target.clamp(0, last) as usize
        };
        self.keep_in_view(len, rows);
    }

    /// Puts the selection on a row; the next `keep_in_view` brings it
    /// into view.
    pub fn select(&mut self, row: usize) {
        self.selected = row;
        self.detached = false;
    }

    /// Back to the first row.
    pub fn reset(&mut self) {
        *self = Selection::default();
    }

    /// Scrolls so that the selection is shown (unless the wheel moved the
    /// view away and the selection has not moved since), and no further
    /// than needed to fill the view.
    pub fn keep_in_view(&mut self, len: usize, rows: usize) {
        let rows = rows.max(1);
        self.selected = self.selected.min(len.saturating_sub(1));
        if !self.detached {
            if self.selected < self.offset {
                self.offset = self.selected;
            } else if self.selected >= self.offset + rows {
                self.offset = self.selected + 1 - rows;
            }
        }
        self.offset = self.offset.min(len.saturating_sub(rows));
    }

    /// Moves the view without moving the selection (the mouse wheel).
    pub fn scroll(&mut self, delta: isize, len: usize, rows: usize) {
        let max = len.saturating_sub(rows.max(1));
        self.offset = self.offset.saturating_add_signed(delta).min(max);
        self.detached = true;
    }

    /// Scrolls a list whose entries take `heights` rows each so that the
    /// selected entry is whole in `rows` rows (when it fits), and no
    /// further than needed to fill them.
    pub fn keep_in_view_sized(&mut self, heights: &[usize], rows: usize) {
        self.keep_in_view_by(heights.len(), |i| heights[i], rows);
    }

    /// [`Selection::keep_in_view_sized`] with entry `i` taking `height(i)`
    /// rows: only the entries that can be on screen are looked at, so a
    /// long list costs no more than a short one.
    pub fn keep_in_view_by(&mut self, len: usize, height: impl Fn(usize) -> usize, rows: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
        if len == 0 {
            self.offset = 0;
            return;
        }
        if !self.detached {
            self.offset = self
                .offset
                .min(self.selected)
                .max(first_fitting(self.selected + 1, &height, rows).min(self.selected));
        }
        // No further than needed to fill the view.
        self.offset = self.offset.min(first_fitting(len, &height, rows));
    }

    /// Moves the selection of a list whose entries take `heights` rows
    /// each, shown in `rows` rows: a page is the entries that fit.
    pub fn step_sized(&mut self, step: Step, heights: &[usize], rows: usize) {
        self.step_by(step, heights.len(), |i| heights[i], rows);
    }

    /// [`Selection::step_sized`] with entry `i` taking `height(i)` rows.
    pub fn step_by(
        &mut self,
        step: Step,
        len: usize,
        height: impl Fn(usize) -> usize,
        rows: usize,
    ) {
        let shown = fitting_by(len, &height, self.offset, rows);
        // The view scrolls as little as it can (below); only the
        // selection is taken from the step.
        let offset = self.offset;
        self.step(step, len, shown, false);
        self.offset = offset;
        self.keep_in_view_by(len, height, rows);
    }

    /// The row under a screen row of the list, if there is one.
    pub fn row_at(&self, screen_row: usize, len: usize) -> Option<usize> {
        let row = self.offset + screen_row;
        (row < len).then_some(row)
    }
}

/// How many entries from `offset` fit whole in `rows` rows (at least one).
pub fn fitting(heights: &[usize], offset: usize, rows: usize) -> usize {
    fitting_by(heights.len(), |i| heights[i], offset, rows)
}

/// [`fitting`] with entry `i` taking `height(i)` rows.
fn fitting_by(len: usize, height: impl Fn(usize) -> usize, offset: usize, rows: usize) -> usize {
    let mut used = 0;
    let mut n = 0;
    for i in offset..len {
        used += height(i);
        if used > rows {
            break;
        }
        n += 1;
    }
    n.max(1)
}

/// The first entry from which the entries up to `end` (excluded) fit in
/// `rows` rows: the view's top that shows entry `end - 1` last. At most
/// `end - 1`, so that the last entry is shown even when it is too tall.
fn first_fitting(end: usize, height: impl Fn(usize) -> usize, rows: usize) -> usize {
    let mut used = 0;
    let mut first = end;
    while first > 0 {
        used += height(first - 1);
        if used > rows {
            break;
        }
        first -= 1;
    }
    first.min(end.saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_past_the_end_stops_at_the_last_row() {
        let mut s = Selection::default();
        s.step(Step::By(5), 3, 10, false);
        assert_eq!(s.selected, 2);
        s.step(Step::By(-9), 3, 10, false);
        assert_eq!(s.selected, 0);
    }

    #[test]
    fn popups_wrap_around() {
        let mut s = Selection::default();
        s.step(Step::By(-1), 3, 10, true);
        assert_eq!(s.selected, 2);
        s.step(Step::By(1), 3, 10, true);
        assert_eq!(s.selected, 0);
    }

    #[test]
    fn the_view_follows_the_selection_down_and_up() {
        let mut s = Selection::default();
        s.step(Step::By(7), 20, 5, false);
        assert_eq!((s.selected, s.offset), (7, 3));
        s.step(Step::By(-6), 20, 5, false);
        assert_eq!((s.selected, s.offset), (1, 1));
    }

    #[test]
    fn a_page_keeps_one_row_of_context() {
        let mut s = Selection::default();
        s.step(Step::Pages(1), 100, 10, false);
        assert_eq!(s.selected, 9);
        s.step(Step::Last, 100, 10, false);
        assert_eq!((s.selected, s.offset), (99, 90));
    }

    #[test]
    fn a_shrinking_list_pulls_the_selection_and_view_back() {
        let mut s = Selection {
            selected: 50,
            offset: 45,
            detached: false,
        };
        s.keep_in_view(10, 5);
        assert_eq!((s.selected, s.offset), (9, 5));
        s.keep_in_view(0, 5);
        assert_eq!((s.selected, s.offset), (0, 0));
    }

    #[test]
    fn the_wheel_scrolls_without_moving_the_selection() {
        let mut s = Selection::default();
        s.scroll(3, 20, 5);
        assert_eq!((s.selected, s.offset), (0, 3));
        s.scroll(100, 20, 5);
        assert_eq!(s.offset, 15);
        assert_eq!(s.row_at(2, 20), Some(17));
        assert_eq!(s.row_at(9, 20), None);
        s.keep_in_view(20, 5);
        assert_eq!(s.offset, 15, "the view stays where the wheel left it");
        s.step(Step::By(1), 20, 5, false);
        assert_eq!((s.selected, s.offset), (1, 1), "until the selection moves");
    }

    #[test]
    fn entries_of_two_rows_scroll_so_the_selected_one_shows_whole() {
        // Two one-row entries, then entries of two rows, in seven rows.
        let heights = [1, 1, 2, 2, 2, 2, 2];
        let mut s = Selection::default();
        s.step_sized(Step::By(3), &heights, 7);
        assert_eq!((s.selected, s.offset), (3, 0), "1+1+2+2 rows fit");
        s.step_sized(Step::By(1), &heights, 7);
        assert_eq!((s.selected, s.offset), (4, 1), "1+2+2+2 rows fit");
        s.step_sized(Step::Last, &heights, 7);
        assert_eq!((s.selected, s.offset), (6, 4));
        assert_eq!(fitting(&heights, s.offset, 7), 3);
        s.step_sized(Step::First, &heights, 7);
        assert_eq!((s.selected, s.offset), (0, 0));
    }

    /// The view's top as first written: scanning whole sums from the top.
    fn naive_keep(s: &mut Selection, heights: &[usize], rows: usize) {
        s.selected = s.selected.min(heights.len().saturating_sub(1));
        let fits = |from: usize, to: usize| heights[from..to].iter().sum::<usize>() <= rows;
        if !s.detached {
            s.offset = s.offset.min(s.selected);
            while s.offset < s.selected && !fits(s.offset, s.selected + 1) {
                s.offset += 1;
            }
        }
        s.offset = s.offset.min(heights.len().saturating_sub(1));
        while s.offset > 0 && fits(s.offset - 1, heights.len()) {
            s.offset -= 1;
        }
    }

    #[test]
    fn keeping_in_view_looks_only_near_the_screen_and_agrees_with_whole_sums() {
        // Every list of up to six entries of heights 1 to 3, every
        // selection, offset and view height.
        for len in 1..=6usize {
            for code in 0..3usize.pow(len as u32) {
                let heights: Vec<usize> = (0..len)
                    .map(|i| code / 3usize.pow(i as u32) % 3 + 1)
                    .collect();
                for rows in 1..=7 {
                    for selected in 0..len {
                        for offset in 0..len {
                            for detached in [false, true] {
                                let start = Selection {
                                    selected,
                                    offset,
                                    detached,
                                };
                                let (mut fast, mut slow) = (start, start);
                                fast.keep_in_view_sized(&heights, rows);
                                naive_keep(&mut slow, &heights, rows);
                                assert_eq!(fast, slow, "{heights:?} in {rows} rows from {start:?}");
                            }
                        }
                    }
                }
            }
        }
    }
}
