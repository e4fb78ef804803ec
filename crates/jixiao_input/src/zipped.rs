//! Zip containers (xlsx, docx): what kind they are, and a guard against zip bombs that runs
//! before anything is inflated.

use std::io::{Cursor, Read};

use crate::{InputError, MAX_INFLATED};

/// What a zip container holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Xlsx,
    Docx,
}

/// The kind of an Office Open XML container, by its entry names.
pub(crate) fn kind(bytes: &[u8]) -> Option<Kind> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut found = None;
    for name in archive.file_names_raw() {
        if name == b"word/document.xml" {
            return Some(Kind::Docx);
        }
        if name == b"xl/workbook.xml" || name == b"xl/workbook.bin" {
            found = Some(Kind::Xlsx);
        }
    }
    found
}

/// Refuses an archive whose entries declare more than [`MAX_INFLATED`] bytes in all, or a
/// compression ratio no office file has (over 200 : 1 on an entry larger than 1 MiB).
pub(crate) fn guard(file: &str, bytes: &[u8]) -> Result<(), InputError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| InputError::new(file, format!("not a readable zip container: {e}")))?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| InputError::new(file, format!("damaged zip entry {i}: {e}")))?;
        let size = entry.size();
        total = total.saturating_add(size);
        if size > (1 << 20) && size / entry.compressed_size().max(1) > 200 {
            return Err(InputError::new(
                file,
                format!(
                    "zip entry {} would inflate {} bytes to {} (ratio over 200:1): refused as a zip bomb",
                    String::from_utf8_lossy(entry.name_raw()),
                    entry.compressed_size(),
                    size
                ),
            ));
        }
    }
    if total > MAX_INFLATED {
        return Err(InputError::new(
            file,
            format!("the zip's entries would inflate to {total} bytes, more than the {MAX_INFLATED} allowed: refused"),
        ));
    }
    Ok(())
}

/// Reads one entry fully, never more than [`MAX_INFLATED`] bytes whatever its header claims.
pub(crate) fn entry(file: &str, bytes: &[u8], name: &str) -> Result<Vec<u8>, InputError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| InputError::new(file, format!("not a readable zip container: {e}")))?;
    let entry = archive
        .by_name(name)
        .map_err(|_| InputError::new(file, format!("the container has no {name}")))?;
    let mut out = Vec::new();
    entry
        .take(MAX_INFLATED + 1)
        .read_to_end(&mut out)
        .map_err(|e| InputError::new(file, format!("cannot inflate {name}: {e}")))?;
    if out.len() as u64 > MAX_INFLATED {
        return Err(InputError::new(
            file,
            format!("{name} inflates beyond {MAX_INFLATED} bytes: refused"),
        ));
    }
    Ok(out)
}
