//! Images: the lead image of a story or actor and the images of Markdown bodies, checked
//! at load (the file is there and is an image), drawn at the widths pages ask for, and the
//! social card a shared link shows. See `docs/images.md`.
//!
//! A variant's file name carries the hash of everything its bytes are made from (the
//! source's bytes, the width, the format and the encoder settings), so pages can name it
//! before it is encoded and a rebuild finds it in the build cache instead of encoding again.

mod body;
mod card;
mod encode;
mod lead;
mod library;
mod path;
mod picture;
mod store;
mod text;

pub use body::{BodyImage, BodyImageFinder, body_images};
pub use card::{CARD_HEIGHT, CARD_WIDTH, CardText, draw_card};
pub use lead::LeadImage;
pub(crate) use lead::{LeadImageFrontMatter, lead_image};
pub use library::{ImageFormat, ImageLibrary, SourceImage, VARIANT_WIDTHS, Variant, probe};
pub use path::resolve_src;
pub use picture::{PictureRole, picture_html};
pub use store::VariantStore;
pub use text::{CardFont, wrap_lines};

/// The folder of the output that holds every image variant.
pub const OUTPUT_FOLDER: &str = "images";
