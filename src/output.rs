//! Writing to the terminal without ever panicking (`println!` panics on a closed pipe), and the paths
//! shown to the user.

use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// Prints `snag: warning: MESSAGE` on standard error.
pub(crate) fn warning(message: &str) {
    let _ = writeln!(io::stderr().lock(), "snag: warning: {message}");
}

/// Prints `snag: MESSAGE` on standard error (information, not a problem).
pub(crate) fn note(message: &str) {
    let _ = writeln!(io::stderr().lock(), "snag: {message}");
}

/// Replaces `path`'s contents with `contents` atomically: written to a temporary file in the same folder
/// (with the original's permissions), flushed to disk, then renamed over the original. A reader sees the
/// old file or the new one, never a partial write; on any error the original is untouched. A file the
/// user may not write is an error, not replaced.
pub(crate) fn write_atomically(path: &std::path::Path, contents: &[u8]) -> io::Result<()> {
    // Renaming over a file needs only the folder's permission: a file the user may not write (read-only,
    // or another user's) is refused, as writing it in place would be.
    if let Ok(metadata) = std::fs::metadata(path) {
        if metadata.permissions().readonly() {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "the file is read-only",
            ));
        }
        std::fs::OpenOptions::new().write(true).open(path)?;
    }
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = folder.join(format!(".{name}.snag-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(contents)?;
        file.sync_all()?;
        if let Ok(metadata) = std::fs::metadata(path) {
            std::fs::set_permissions(&temporary, metadata.permissions())?;
        }
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// Prints a block of text on standard error.
pub(crate) fn note_block(text: &str) {
    let _ = writeln!(io::stderr().lock(), "{text}");
}

/// Prints `snag: error: MESSAGE` on standard error.
pub(crate) fn error(message: &str) {
    let _ = writeln!(io::stderr().lock(), "snag: error: {message}");
}

/// Writes `text` to standard output. A closed pipe (`snag check | head`) is not an error: the reader has
/// seen enough. Any other failure is reported and returns `false`.
pub(crate) fn stdout(text: &[u8]) -> bool {
    let mut out = io::stdout().lock();
    match out.write_all(text).and_then(|()| out.flush()) {
        Ok(()) => true,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => true,
        Err(e) => {
            error(&format!("cannot write to standard output: {e}"));
            false
        }
    }
}

/// The path as the user should see it: as walked, without a leading `./`, and relative to `cwd` when it
/// is an absolute path below it.
pub(crate) fn display_path(path: &Path, cwd: &Path) -> String {
    let relative = if path.is_absolute() {
        relative_to(path, cwd).unwrap_or_else(|| path.to_path_buf())
    } else {
        path.to_path_buf()
    };
    let mut components = relative.components().peekable();
    while components.peek() == Some(&Component::CurDir) {
        components.next();
    }
    let cleaned: PathBuf = components.collect();
    if cleaned.as_os_str().is_empty() {
        return ".".to_string();
    }
    cleaned.to_string_lossy().into_owned()
}

/// [`display_path`] relative to the current folder: how a label in another file names it.
pub(crate) fn shown_path(path: &Path) -> String {
    display_path(path, &std::env::current_dir().unwrap_or_default())
}

/// `path` relative to `cwd` (both absolute), climbing with `..` out of `cwd` to the folder they share;
/// `None` when they share only the file system's root.
fn relative_to(path: &Path, cwd: &Path) -> Option<PathBuf> {
    if let Ok(below) = path.strip_prefix(cwd) {
        return Some(below.to_path_buf());
    }
    let shared = path
        .components()
        .zip(cwd.components())
        .take_while(|(a, b)| a == b)
        .count();
    // The root itself (and a Windows prefix) is not a shared folder worth climbing to.
    let root_components = path
        .components()
        .take_while(|c| !matches!(c, Component::Normal(_)))
        .count();
    if shared <= root_components {
        return None;
    }
    let mut relative: PathBuf = cwd
        .components()
        .skip(shared)
        .map(|_| Component::ParentDir)
        .collect();
    relative.extend(path.components().skip(shared));
    Some(relative)
}

/// `1 file`, `2 files`.
pub(crate) fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_drop_dot_slash_and_the_cwd() {
        let cwd = Path::new("/home/u/proj");
        assert_eq!(display_path(Path::new("./src/a.js"), cwd), "src/a.js");
        assert_eq!(display_path(Path::new("././a.py"), cwd), "a.py");
        assert_eq!(
            display_path(Path::new("/home/u/proj/src/a.js"), cwd),
            "src/a.js"
        );
        assert_eq!(
            display_path(Path::new("/elsewhere/a.js"), cwd),
            "/elsewhere/a.js"
        );
        assert_eq!(
            display_path(Path::new("../other/a.js"), cwd),
            "../other/a.js"
        );
        assert_eq!(display_path(Path::new("src/a.js"), cwd), "src/a.js");
    }

    #[test]
    fn counts_pluralise() {
        assert_eq!(count(1, "file", "files"), "1 file");
        assert_eq!(count(0, "file", "files"), "0 files");
    }
}
