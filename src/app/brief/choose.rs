//! The pickers' keys: moving through the list, typing to narrow it, and
//! what taking an entry does for each purpose (a note to edit or delete, a
//! tag to filter by or manage, a link to follow).

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::BriefScreen;
use super::navigate::list_step;
use super::overlay::Overlay;
use super::picker::Purpose;
use crate::app::popup_list_height;
use crate::app::prompt::PromptEvent;
use crate::app::shared::Shared;
use crate::keys::Command;

impl BriefScreen {
    pub(super) fn picker_command(&mut self, c: Command, cx: &mut Shared) {
        let rows = popup_list_height(cx.size);
        let Overlay::Picker(picker) = &mut self.overlay else {
            return;
        };
        if let Some(step) = list_step(c) {
            picker.step(step, rows);
            return;
        }
        let purpose = picker.purpose;
        let chosen = picker.chosen().map(|c| c.value.clone());
        match c {
            Command::Cancel => self.overlay = Overlay::None,
            Command::DeleteTag if purpose == Purpose::ManageTags => {
                if let Some(tag) = chosen {
                    self.ask_delete_tag(tag);
                }
            }
            Command::OpenOutside if purpose == Purpose::Link => {
                self.overlay = Overlay::None;
                if let Some(url) = chosen {
                    self.open_outside(&url, cx);
                }
            }
            Command::Open => {
                self.overlay = Overlay::None;
                if let Some(value) = chosen {
                    self.take(purpose, &value, cx);
                }
            }
            _ => {}
        }
    }

    /// A key typed into a picker's filter; in the link list, a digit with
    /// nothing typed yet follows that link.
    pub(super) fn picker_typed(&mut self, key: KeyEvent, cx: &mut Shared) {
        let Overlay::Picker(picker) = &mut self.overlay else {
            return;
        };
        if picker.purpose == Purpose::Link
            && picker.filter.value().is_empty()
            && let KeyCode::Char(c @ '1'..='9') = key.code
        {
            let n = c as usize - '1' as usize;
            let url = picker.rows().nth(n).map(|i| i.value.clone());
            self.overlay = Overlay::None;
            if let Some(url) = url {
                self.follow_link(&url, cx);
            }
            return;
        }
        if picker.filter.handle_key(key) == PromptEvent::Changed {
            picker.refilter();
        }
    }

    /// An entry was taken.
    fn take(&mut self, purpose: Purpose, value: &str, cx: &mut Shared) {
        match purpose {
            Purpose::TagFilter => self.apply_tag_filter(value, cx),
            Purpose::ManageTags => self.ask_rename_tag(value.to_owned()),
            Purpose::Link => self.follow_link(value, cx),
            Purpose::EditNote
            | Purpose::DeleteNote
            | Purpose::AttachNote
            | Purpose::ShareNote
            | Purpose::ReplyNote => {
                let Some(i) = self.notes.index_of(value) else {
                    return;
                };
                match purpose {
                    Purpose::EditNote => self.open_editor(i, cx),
                    Purpose::AttachNote => self.attach_to_cursor(i, cx),
                    Purpose::ShareNote => self.share_index(i, cx),
                    Purpose::ReplyNote => self.open_reply(i, cx),
                    _ => self.confirm_delete(i, cx),
                }
            }
        }
    }
}
