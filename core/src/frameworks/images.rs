//! Image processing: sharp, jimp, Pillow.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

use super::calls::{Argument, ImagePipeline};

/// sharp's and Jimp's pipelines.
pub const JS_PIPELINES: &[ImagePipeline] = &[
    ImagePipeline {
        library: "sharp",
        roots: &["sharp()"],
        buffer_outputs: &["toBuffer"],
        file_outputs: &["toFile"],
    },
    ImagePipeline {
        library: "Jimp",
        roots: &[
            "jimp.read()",
            "jimp.Jimp.read()",
            "jimp.default.read()",
            "jimp()",
            "jimp.Jimp()",
            "jimp.create()",
        ],
        buffer_outputs: &["getBuffer", "getBufferAsync", "getBase64", "getBase64Async"],
        file_outputs: &["write", "writeAsync"],
    },
];

/// Pillow: what an image comes from (`Image.open(...)`, `Image.new(...)`, `ImageOps` functions).
pub const PILLOW_ROOTS: &[&str] = &["PIL.Image.open()", "PIL.Image.new()", "PIL.ImageOps"];
/// Pillow's name in messages.
pub const PILLOW_LIBRARY: &str = "Pillow";
/// The method that encodes and writes a Pillow image.
pub const PILLOW_OUTPUT: &str = "save";
/// The file or buffer `save` writes to.
pub const PILLOW_FP: Argument = Argument {
    position: 0,
    keyword: "fp",
};

/// The modules the Python image APIs above are imported from.
pub const PYTHON_MODULES: &[&str] = &["PIL"];
