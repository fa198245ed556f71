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

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::super::{Context, walk};
    use crate::document::formats::docx::parts::{Numbering, Styles};

    fn places(body: &str) -> HashMap<String, (String, String)> {
        let (styles, numbering, links) = (Styles::default(), Numbering::default(), HashMap::new());
        let cx = Context {
            styles: &styles,
            numbering: &numbering,
            links: &links,
        };
        walk(&format!("<w:body>{body}</w:body>"), &cx).comment_places
    }

    fn run(text: &str) -> String {
        format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
    }

    #[test]
    fn a_range_quotes_the_text_it_covers_in_its_paragraph() {
        let got = places(&format!(
            "<w:p>{}<w:commentRangeStart w:id=\"4\"/>{}<w:commentRangeEnd w:id=\"4\"/>\
             <w:r><w:commentReference w:id=\"4\"/></w:r></w:p>",
            run("Before "),
            run("the  words")
        ));
        assert_eq!(
            got["4"],
            ("the words".to_owned(), "Before the words".to_owned())
        );
    }

    #[test]
    fn a_range_past_its_paragraph_is_quoted_to_the_paragraphs_end() {
        let got = places(&format!(
            "<w:p>{}<w:commentRangeStart w:id=\"1\"/>{}</w:p><w:p>{}\
             <w:commentRangeEnd w:id=\"1\"/></w:p>",
            run("One. "),
            run("Two."),
            run("Three.")
        ));
        assert_eq!(got["1"].0, "Two.");
    }

    #[test]
    fn a_reference_without_a_range_stands_for_its_paragraph() {
        let got = places(&format!(
            "<w:p>{}<w:r><w:commentReference w:id=\"9\"/></w:r></w:p>",
            run("All of it.")
        ));
        assert_eq!(got["9"].0, "All of it.");
    }
}
