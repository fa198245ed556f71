//! Reading a picture file: its size from the header (cheap, for the
//! layout), and the whole picture decoded and encoded for the terminal
//! (on the worker).

use std::fs::{self, File};
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use ratatui::layout::Size;
use ratatui_image::picker::Picker;
use ratatui_image::protocol::Protocol;
use ratatui_image::{FilterType, Resize};

use super::{MAX_ALLOC, MAX_BYTES, MAX_SIDE, Refusal};

/// A picture ready to draw at one size in cells, in the terminal's
/// graphics protocol (or half blocks).
#[derive(Clone)]
pub struct Decoded(pub Arc<Protocol>);

impl std::fmt::Debug for Decoded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let size = self.0.size();
        write!(f, "Decoded({}x{} cells)", size.width, size.height)
    }
}

impl PartialEq for Decoded {
    fn eq(&self, other: &Decoded) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Opens a picture file if it is a regular file no larger than
/// [`MAX_BYTES`]. Opened without blocking, so a fifo put there after the
/// check cannot hang the reader; checked again once open.
fn open_regular(path: &Path) -> Result<File, Refusal> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Refusal::Missing,
        _ => Refusal::Unreadable(e.to_string()),
    })?;
    check_meta(&meta)?;
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options
        .open(path)
        .map_err(|e| Refusal::Unreadable(e.to_string()))?;
    let meta = file
        .metadata()
        .map_err(|e| Refusal::Unreadable(e.to_string()))?;
    check_meta(&meta)?;
    Ok(file)
}

fn check_meta(meta: &fs::Metadata) -> Result<(), Refusal> {
    if !meta.is_file() {
        return Err(Refusal::NotAFile);
    }
    if meta.len() > MAX_BYTES {
        return Err(Refusal::TooLarge);
    }
    Ok(())
}

fn reader<R: std::io::BufRead + std::io::Seek>(r: R) -> Result<ImageReader<R>, Refusal> {
    let reader = ImageReader::new(r)
        .with_guessed_format()
        .map_err(|e| Refusal::Unreadable(e.to_string()))?;
    match reader.format() {
        Some(ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP) => {
            Ok(reader)
        }
        _ => Err(Refusal::Format),
    }
}

fn check_size(width: u32, height: u32) -> Result<(u32, u32), Refusal> {
    if width == 0 || height == 0 {
        return Err(Refusal::Damaged("no pixels".to_owned()));
    }
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(Refusal::TooManyPixels(width, height));
    }
    Ok((width, height))
}

/// A picture's size in pixels, read from its header only (a few hundred
/// bytes): what the layout reserves rows from before it is decoded.
pub fn measure(path: &Path) -> Result<(u32, u32), Refusal> {
    let file = open_regular(path)?;
    let (w, h) = reader(BufReader::new(file))?
        .into_dimensions()
        .map_err(|e| Refusal::Damaged(e.to_string()))?;
    check_size(w, h)
}

/// Decodes a picture whole, within [`MAX_SIDE`] and [`MAX_ALLOC`].
pub fn decode(path: &Path) -> Result<DynamicImage, Refusal> {
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Refusal::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(Refusal::TooLarge);
    }
    let mut reader = reader(std::io::Cursor::new(bytes))?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let image = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => Refusal::TooLargeToDecode,
        other => Refusal::Damaged(other.to_string()),
    })?;
    check_size(image.width(), image.height())?;
    Ok(image)
}

/// A decoded picture fitted into `cols` x `rows` cells (shrunk or grown,
/// keeping its shape) and encoded for the picker's protocol.
pub fn protocol(
    picker: &Picker,
    image: DynamicImage,
    cols: u16,
    rows: u16,
) -> Result<Decoded, Refusal> {
    picker
        // Scaled both ways (full screen grows a small picture); a triangle
        // filter rather than the default nearest pixel, so a chart shrunk
        // to a few cells keeps its thin lines.
        .new_protocol(
            image,
            Size::new(cols, rows),
            Resize::Scale(Some(FilterType::Triangle)),
        )
        .map(|p| Decoded(Arc::new(p)))
        .map_err(|e| Refusal::Damaged(e.to_string()))
}
