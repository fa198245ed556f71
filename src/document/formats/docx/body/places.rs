//! Where a comment is in the body: the text its range covers and the
//! paragraph it starts in, found as the body is walked.

use quick_xml::events::BytesStart;

use super::Walker;
use crate::document::formats::docx::parts::attr;

/// The most comment places one part records (more than
/// [`crate::document::comments::MAX_IMPORTED`], which is applied later).
const MAX_PLACES: usize = 2 * crate::document::comments::MAX_IMPORTED;

impl Walker<'_, '_> {
    /// `w:commentRangeStart`, `w:commentRangeEnd` or `w:commentReference`.
    pub(super) fn comment_mark(&mut self, name: &str, e: &BytesStart) {
        let Some(id) = attr(e, "id") else { return };
        match name {
            "commentRangeEnd" => self.comment_ends(&id),
            _ => self.comment_begins(id, name == "commentReference"),
        }
    }

    /// A paragraph ends: a range still open is quoted to its end (a note
    /// is on one block), a lone reference quotes all of it.
    pub(super) fn close_comments(&mut self, plain: &str) {
        let paragraph = fold(plain);
        for (id, at) in std::mem::take(&mut self.open_comments) {
            let quote = fold(plain.get(at..).unwrap_or(plain));
            self.doc
                .comment_places
                .insert(id, (quote, paragraph.clone()));
        }
    }

    /// A comment's range begins here; a reference alone (a comment that
    /// marks no range) stands for its whole paragraph.
    fn comment_begins(&mut self, id: String, reference: bool) {
        let known = self.doc.comment_places.contains_key(&id)
            || self.open_comments.iter().any(|(open, _)| *open == id);
        if known || self.doc.comment_places.len() + self.open_comments.len() >= MAX_PLACES {
            return;
        }
        let at = match reference {
            true => 0,
            false => self.paras.last().map_or(0, |p| p.plain.len()),
        };
        self.open_comments.push((id, at));
    }

    fn comment_ends(&mut self, id: &str) {
        let Some(i) = self.open_comments.iter().position(|(open, _)| open == id) else {
            return;
        };
        let (id, at) = self.open_comments.remove(i);
        let plain = self.paras.last().map_or("", |p| p.plain.as_str());
        let quote = plain.get(at..).unwrap_or(plain);
        let place = (fold(quote), fold(plain));
        self.doc.comment_places.insert(id, place);
    }
}

/// Text on one line, white space folded.
pub(super) fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
