//! File-system calls that always name the path they failed on.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

fn io_error<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> Error + 'a {
    move |source| Error::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(io_error("cannot read", path))
}

pub fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, contents).map_err(io_error("cannot write", path))
}

/// Writes a file into a folder that exists, and returns the file's metadata as written
/// (read from the open file, not looked up again by path).
pub fn write_in_folder(path: &Path, contents: &[u8]) -> Result<std::fs::Metadata> {
    use std::io::Write;
    let mut file = std::fs::File::create(path).map_err(io_error("cannot write", path))?;
    file.write_all(contents)
        .and_then(|()| file.metadata())
        .map_err(io_error("cannot write", path))
}

pub fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).map_err(io_error("cannot create folder", path))
}

pub fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(io_error("cannot move", from))
}

pub fn remove_file(path: &Path) -> Result<()> {
    std::fs::remove_file(path).map_err(io_error("cannot remove", path))
}

pub fn remove_dir_all(path: &Path) -> Result<()> {
    std::fs::remove_dir_all(path).map_err(io_error("cannot remove", path))
}

/// Absolute form of a path that may not exist yet, without resolving symlinks.
pub fn absolute(path: &Path) -> Result<PathBuf> {
    std::path::absolute(path).map_err(io_error("cannot resolve", path))
}

pub fn open_lock_file(path: &Path) -> Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(io_error("cannot open the lock file", path))
}

/// Writes `contents` to a file beside `path` and renames it over `path`, flushed to disk
/// first: a reader sees the old file or the new one, never a part.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let mut file = std::fs::File::create(&partial).map_err(io_error("cannot write", &partial))?;
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(io_error("cannot write", &partial))?;
    rename(&partial, path)
}

/// The real location of a path that may not exist yet: its nearest existing ancestor with
/// symlinks and `..` resolved, then the rest with `.` and `..` applied by name. Two paths
/// naming the same folder compare equal this way, however they were written.
pub fn resolve(path: &Path) -> Result<PathBuf> {
    use std::path::Component;
    let absolute = absolute(path)?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    let canonical = loop {
        match std::fs::canonicalize(existing) {
            Ok(canonical) => break canonical,
            Err(_) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_owned());
                    existing = parent;
                }
                // `..` as the last component has no file name: canonicalize the parent.
                (Some(parent), None) => {
                    rest.push("..".into());
                    existing = parent;
                }
                _ => {
                    return Err(io_error("cannot resolve", path)(std::io::Error::from(
                        std::io::ErrorKind::NotFound,
                    )));
                }
            },
        }
    };
    let mut resolved = canonical;
    for name in rest.into_iter().rev() {
        match Path::new(&name).components().next() {
            Some(Component::ParentDir) => {
                resolved.pop();
            }
            Some(Component::CurDir) | None => {}
            _ => resolved.push(name),
        }
    }
    Ok(resolved)
}
