//! The picture worker: one thread that decodes pictures and encodes them
//! for the terminal, so a large or damaged picture never holds up a key.
//! The newest job waiting goes first: after a fast scroll the pictures now
//! on screen are decoded before those scrolled past. Answers go back as
//! [`Msg::Picture`].

use std::sync::mpsc::{self, Sender};

use ratatui_image::picker::Picker;

use super::{Runner, Wake};
use crate::app::msg::PictureJob;
use crate::app::{App, Msg};
use crate::images;

/// The way to the worker; dropping it ends the thread after its job.
pub struct Worker {
    jobs: Sender<PictureJob>,
}

impl Worker {
    /// Starts the worker with the terminal's `picker`; `answer` takes
    /// each result to the event loop.
    pub fn spawn(picker: Picker, answer: impl Fn(Msg) + Send + 'static) -> Worker {
        let (jobs, rx) = mpsc::channel::<PictureJob>();
        std::thread::spawn(move || {
            while let Ok(job) = rx.recv() {
                let mut waiting = vec![job];
                while let Some(job) = waiting.pop() {
                    let result = run(&picker, &job);
                    answer(Msg::Picture { job, result });
                    waiting.extend(rx.try_iter());
                }
            }
        });
        Worker { jobs }
    }

    pub fn submit(&self, job: PictureJob) {
        let _ = self.jobs.send(job);
    }
}

/// Decodes and encodes one picture; the error is what the reader is told.
pub fn run(picker: &Picker, job: &PictureJob) -> Result<images::Decoded, String> {
    let image = images::decode(&job.file).map_err(|e| e.to_string())?;
    images::protocol(picker, image, job.cols, job.rows).map_err(|e| e.to_string())
}

impl Runner {
    /// Asks the terminal what pictures it can show (when pictures are
    /// on) and starts the picture worker with the answer.
    pub(super) fn start_pictures(&self, app: &mut App) -> Worker {
        let picker = if app.shared().settings.images {
            crate::tui::graphics::detect()
        } else {
            crate::tui::graphics::halfblocks()
        };
        let font = picker.font_size();
        app.update(Msg::CellSize(font.width, font.height));
        let tx = self.tx.clone();
        Worker::spawn(picker, move |msg| {
            let _ = tx.send(Wake::App(msg));
        })
    }
}
