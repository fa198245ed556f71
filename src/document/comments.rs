//! Comments a document brought with it (Word's review comments): plain
//! data that the notes layer turns into notes tagged `imported`. Every
//! string is already sanitised, and there are at most [`MAX_IMPORTED`].

/// The most comments one document brings; the rest are dropped with a
/// warning, so a hostile file cannot flood the notes file.
pub const MAX_IMPORTED: usize = 500;
/// The longest comment text kept, in characters.
pub const MAX_COMMENT_CHARS: usize = 4_000;

/// One comment, with the text it was made on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportedComment {
    /// The comment's id in its document (`w:id`): with its content, what
    /// names the note it becomes.
    pub id: String,
    pub author: String,
    /// As the document gives it (RFC 3339 in Word), or empty.
    pub date: String,
    pub text: String,
    /// The commented text (one line, white space folded), or the text of
    /// the paragraph it is on when it marks no range; empty when the
    /// document does not say where it is.
    pub quote: String,
    /// The whole paragraph the comment starts in, one line.
    pub paragraph: String,
}
