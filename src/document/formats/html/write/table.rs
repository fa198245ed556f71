//! Tables: rows and cells of the outermost table, written as a markdown
//! table with the first row as header; an inner table's cells are text
//! of the outer cell.

use super::{Effect, Writer};

#[derive(Default)]
pub(super) struct Table {
    pub(super) rows: Vec<Vec<String>>,
    /// The cells of the open cell's row are the last row.
    pub(super) in_cell: bool,
}

impl Writer {
    /// Table parts: rows and cells of the outer table; an inner table's
    /// cells are text of the outer cell.
    pub(super) fn open_in_table(&mut self, name: &str) -> Option<Effect> {
        let inner = self.inner_tables > 0;
        let table = self.table.as_mut()?;
        match name {
            "table" => {
                self.inner_tables += 1;
                Some(Effect::Table)
            }
            "tr" if !inner => {
                table.rows.push(Vec::new());
                table.in_cell = false;
                self.epoch += 1;
                Some(Effect::None)
            }
            "td" | "th" if !inner => {
                if table.rows.is_empty() {
                    table.rows.push(Vec::new());
                }
                if let Some(row) = table.rows.last_mut() {
                    row.push(String::new());
                }
                table.in_cell = true;
                self.epoch += 1;
                Some(Effect::Cell)
            }
            "td" | "th" | "tr" => {
                self.buf().push(' ');
                Some(Effect::None)
            }
            _ => None,
        }
    }

    pub(super) fn end_table(&mut self) {
        self.end_paragraph();
        let Some(table) = self.table.take() else {
            return;
        };
        let rows: Vec<Vec<String>> = table
            .rows
            .into_iter()
            .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
            .collect();
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        if cols == 0 {
            return;
        }
        let mut out = String::new();
        for (i, row) in rows.iter().enumerate() {
            out.push('|');
            for c in 0..cols {
                let cell = row.get(c).map_or("", String::as_str);
                let words: Vec<&str> = cell.split_whitespace().collect();
                out.push_str(&format!(" {} |", words.join(" ")));
            }
            out.push('\n');
            if i == 0 {
                out.push('|');
                out.push_str(&" --- |".repeat(cols));
                out.push('\n');
            }
        }
        self.emit(out.trim_end());
    }
}
