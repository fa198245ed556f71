//! The status line's words: the message of the last action, problems found
//! at start-up, and which of the standing notices wins the line. Decided
//! here, in state; `ui::status` only draws what this says.

/// A line for the status bar until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// How a status text is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Quiet text (a search's count).
    Plain,
    /// The answer to what the reader just did.
    Message,
    /// Something is wrong or needs the reader.
    Error,
    /// Key hints: dropped whole, or shortened to the help key, when there
    /// is no room.
    Hints,
}

/// What the right side of the status line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub tone: Tone,
}

impl Notice {
    pub fn new(text: impl Into<String>, tone: Tone) -> Notice {
        Notice {
            text: text.into(),
            tone,
        }
    }
}

#[derive(Debug, Default)]
pub struct Status {
    pub message: Option<Message>,
    /// A problem found at start-up (theme, config): shown until the reader
    /// has seen a key, even if a brief opens meanwhile.
    pub notice: Option<String>,
    /// Saves have been pending long enough to say so.
    pub saving: bool,
}

impl Status {
    pub fn new(notice: Option<String>) -> Status {
        Status {
            message: notice.clone().map(|text| Message { text, error: true }),
            notice,
            saving: false,
        }
    }

    pub fn say(&mut self, text: String, error: bool) {
        self.message = Some(Message { text, error });
    }

    /// A key was pressed: the last message has been seen.
    pub fn seen(&mut self) {
        self.message = None;
        self.notice = None;
    }

    /// The message to show when a brief opens: its own warning first,
    /// else a start-up problem not yet seen.
    pub fn opened(&mut self, warning: Option<&String>) {
        let text = warning.cloned().or_else(|| self.notice.take());
        self.message = text.map(|text| Message { text, error: true });
    }

    /// The message as a notice, if there is one.
    pub fn message_notice(&self) -> Option<Notice> {
        self.message.as_ref().map(|m| {
            let tone = if m.error { Tone::Error } else { Tone::Message };
            Notice::new(format!(" {} ", m.text), tone)
        })
    }
}
