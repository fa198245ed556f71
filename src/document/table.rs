//! Tables: one block whose text joins cells with " | " and rows with
//! newlines, so search and quotes read well, while the cell ranges let the
//! layout draw a grid.

use std::ops::Range;

use pulldown_cmark::Alignment;

use super::build::Builder;
use super::{Align, BlockKind, Inline, Table};

/// A table being read: its rows so far and where the open cell began.
pub(super) struct TableCapture {
    aligns: Vec<Align>,
    rows: Vec<Vec<Range<u32>>>,
    /// Column spans of each row's cells (HTML `colspan`); empty while every
    /// cell spans one column.
    spans: Vec<Vec<u16>>,
    header_rows: usize,
    cell_start: usize,
}

impl Builder<'_> {
    pub(super) fn table_start(&mut self, aligns: &[Alignment], offset: usize) {
        self.open_block(BlockKind::Paragraph, offset);
        self.begin_table(aligns.iter().map(|a| convert_align(*a)).collect());
    }

    /// Starts capturing a table into the open block.
    pub(super) fn begin_table(&mut self, aligns: Vec<Align>) {
        self.table = Some(TableCapture {
            aligns,
            rows: Vec::new(),
            spans: Vec::new(),
            header_rows: 0,
            cell_start: 0,
        });
    }

    pub(super) fn table_row(&mut self) {
        let Some(t) = &mut self.table else { return };
        let first = t.rows.is_empty();
        t.rows.push(Vec::new());
        if !first {
            self.push_styled("\n", Inline::empty());
        }
    }

    pub(super) fn table_head_end(&mut self) {
        if let Some(t) = &mut self.table {
            t.header_rows = t.rows.len();
        }
    }

    pub(super) fn table_cell_start(&mut self) {
        let Some(t) = &self.table else { return };
        if t.rows.last().is_some_and(|r| !r.is_empty()) {
            self.push_styled(" | ", Inline::empty());
        }
        let start = self.block_len();
        if let Some(t) = &mut self.table {
            t.cell_start = start;
        }
    }

    pub(super) fn table_cell_end(&mut self) {
        self.table_cell_end_spanning(1);
    }

    /// Ends a cell that covers `span` columns.
    pub(super) fn table_cell_end_spanning(&mut self, span: u16) {
        let end = self.block_len();
        if let Some(t) = &mut self.table {
            let start = t.cell_start.min(end) as u32;
            let r = t.rows.len().saturating_sub(1);
            if let Some(row) = t.rows.get_mut(r) {
                row.push(start..end as u32);
                if span > 1 && t.spans.len() <= r {
                    // The rows so far spanned one column a cell.
                    t.spans.resize_with(r + 1, Vec::new);
                }
                if let Some(spans) = t.spans.get_mut(r) {
                    spans.resize(row.len() - 1, 1);
                    spans.push(span.max(1));
                }
            }
        }
    }

    pub(super) fn table_end(&mut self) {
        if let Some(t) = self.table.take()
            && let Some(open) = &mut self.open
        {
            let mut spans = t.spans;
            if !spans.is_empty() {
                spans.resize_with(t.rows.len(), Vec::new);
                for (s, row) in spans.iter_mut().zip(&t.rows) {
                    s.resize(row.len(), 1);
                }
            }
            open.kind = BlockKind::Table(Box::new(Table {
                aligns: t.aligns,
                header_rows: t.header_rows,
                rows: t.rows,
                spans,
            }));
        }
        self.flush();
    }

    /// Bytes in the open block so far.
    fn block_len(&self) -> usize {
        self.open
            .as_ref()
            .map_or(0, |o| self.brief.text.len() - o.text_start)
    }
}

fn convert_align(a: Alignment) -> Align {
    match a {
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
        Alignment::Left | Alignment::None => Align::Left,
    }
}
