//! Batch import (`jixiao import`): published or collected documents become archived
//! documents of a unit. Each file is one transaction: all its forms or none, so a process
//! killed in the middle of a batch leaves every file either whole or absent.

use jixiao_store::{analyse, DocHead, Org, State, Store};

use crate::documents::prepare;
use crate::error::ApiError;

/// The content type of a file to import, by its name.
pub fn content_type_of(name: &str) -> &'static str {
    if name.to_ascii_lowercase().ends_with(".xlsx") {
        analyse::XLSX
    } else {
        // Every other input's format is detected from its bytes.
        "application/octet-stream"
    }
}

/// Imports one file for `unit` as archived documents; the user id `0` records the import
/// itself as the author (shown as `jixiao`).
pub async fn import_file(
    store: &dyn Store,
    unit: &Org,
    name: &str,
    bytes: Vec<u8>,
) -> Result<Vec<DocHead>, ApiError> {
    let (source, docs, _) = prepare(
        store,
        unit,
        name,
        content_type_of(name),
        bytes,
        State::Archived,
    )
    .await?;
    Ok(store
        .create_documents(&source, &docs, 0, crate::now_ms())
        .await?)
}
