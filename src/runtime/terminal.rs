//! The thread that reads terminal input, so the loop can wait on input
//! and workers at once. Resizes come clamped (see `crate::tui`).

use std::sync::mpsc::Sender;

use super::Wake;

pub(super) fn spawn_input(tx: Sender<Wake>) {
    std::thread::spawn(move || {
        loop {
            let wake = match crate::tui::read_event() {
                Ok(ev) => Wake::Input(ev),
                Err(e) => Wake::InputClosed(e),
            };
            let closed = matches!(wake, Wake::InputClosed(_));
            if tx.send(wake).is_err() || closed {
                return;
            }
        }
    });
}
