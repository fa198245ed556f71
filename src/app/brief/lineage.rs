//! Notes that may be this brief's: found under a brief that was moved,
//! renamed or edited, or of which this one looks like a new version. The
//! reader is asked; yes reads the brief again with them attached.

use super::BriefScreen;
use super::overlay::{Confirm, ConfirmAction, Overlay};
use crate::app::msg::LoadRequest;
use crate::app::shared::{Nav, Shared};
use crate::document::load::display_path;
use crate::notes::store::{Offer, OfferKind};

impl BriefScreen {
    /// Asks about notes on offer, unless something else has the screen.
    pub(super) fn offer(&mut self, offer: Offer) {
        if !matches!(self.overlay, Overlay::None) {
            return;
        }
        let path = std::path::Path::new(&offer.brief);
        let was = display_path(path.file_name().map_or(path, std::path::Path::new));
        // Short enough for the status line: what yes does comes first.
        let question = match offer.kind {
            OfferKind::Moved => format!(
                "Take over {} note(s) of {was}, which is gone and looks like this brief?",
                offer.notes
            ),
            OfferKind::NewVersion => format!(
                "Copy {} note(s) from {was}? This looks like a new version of it",
                offer.notes
            ),
        };
        self.overlay = Overlay::Confirm(Confirm {
            question,
            on_yes: ConfirmAction::Attach(Box::new(offer)),
        });
    }

    /// Yes: read the brief again with the notes attached.
    pub(super) fn attach(&mut self, offer: Offer, cx: &mut Shared) {
        let Some(path) = self.source.clone() else {
            return;
        };
        cx.go(Nav::Open(LoadRequest {
            path,
            at: self.reload_target(),
            reload: true,
            back: None,
            attach: Some(Box::new(offer)),
        }));
    }
}
