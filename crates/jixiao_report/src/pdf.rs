//! PDF back-end: typst as a library. The template (`templates/*.typ`) is compiled in; the
//! report data is handed to it as `sys.inputs.data`; fonts are Noto Sans CJK found on
//! the system at run time (Debian's `fonts-noto-cjk`), embedded (subset) in the PDF. No file
//! or network access happens during typesetting, and the same input gives the same bytes.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Serialize;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Array, Bytes, Datetime, Dict, Str, Value};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

use crate::view::{DocView, SummaryView};
use crate::Error;

const REPORT: &str = include_str!("../templates/report.typ");
const SUMMARY: &str = include_str!("../templates/summary.typ");

/// Where CJK fonts are looked for (after `JIXIAO_FONT_DIR`).
const FONT_DIRS: &[&str] = &[
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/truetype/noto",
    "/usr/share/fonts/noto-cjk",
    "/usr/share/fonts/google-noto-cjk",
    "/usr/share/fonts/opentype/noto-cjk",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
];

/// Font files whose name says Noto Sans CJK (or Source Han Sans), in `dirs`.
pub fn find_cjk_fonts() -> Result<Vec<PathBuf>, Error> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(d) = std::env::var_os("JIXIAO_FONT_DIR") {
        dirs.push(PathBuf::from(d));
    }
    dirs.extend(FONT_DIRS.iter().map(PathBuf::from));
    let mut found = Vec::new();
    for d in &dirs {
        scan(d, 0, &mut found);
    }
    found.sort();
    found.dedup();
    if found.is_empty() {
        return Err(Error::MissingFont {
            searched: dirs
                .iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    Ok(found)
}

fn scan(dir: &Path, depth: u32, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() && depth < 3 {
            scan(&p, depth + 1, out);
            continue;
        }
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let ext_ok = [".ttc", ".otf", ".ttf"].iter().any(|x| name.ends_with(x));
        let cjk = name.starts_with("notosanscjk")
            || name.starts_with("notosanssc")
            || name.starts_with("sourcehansans");
        if ext_ok && cjk && !name.contains("thin") && !name.contains("light") {
            out.push(p);
        }
    }
}

/// Loaded fonts, shared by every report of a run.
pub struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

impl Fonts {
    /// Loads the CJK fonts found on the system.
    pub fn load() -> Result<Fonts, Error> {
        let mut fonts = Vec::new();
        for p in find_cjk_fonts()? {
            let data = std::fs::read(&p)
                .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", p.display())))?;
            fonts.extend(Font::iter(Bytes::new(data)));
        }
        if fonts.is_empty() {
            return Err(Error::MissingFont {
                searched: "font files found but none could be read".into(),
            });
        }
        let book = FontBook::from_fonts(&fonts);
        Ok(Fonts {
            book: LazyHash::new(book),
            fonts,
        })
    }

    /// The fonts of this process, loaded once.
    pub fn shared() -> Result<&'static Fonts, Error> {
        static FONTS: OnceLock<Result<Fonts, Error>> = OnceLock::new();
        match FONTS.get_or_init(Fonts::load) {
            Ok(f) => Ok(f),
            // The same error again, not wrapped in another layer of explanation.
            Err(e) => Err(match e {
                Error::MissingFont { searched } => Error::MissingFont {
                    searched: searched.clone(),
                },
                Error::Typeset(m) => Error::Typeset(m.clone()),
                Error::Io(io) => Error::Io(std::io::Error::new(io.kind(), io.to_string())),
            }),
        }
    }
}

struct ReportWorld<'a> {
    library: LazyHash<Library>,
    fonts: &'a Fonts,
    main: Source,
}

/// The report data as a typst value (`sys.inputs.data` in the template). Built directly, not
/// through JSON text: with serde_json's `arbitrary_precision` (on in this workspace) typst's
/// JSON reader would see numbers as maps.
fn to_typst(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::None,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(0.0)),
        },
        serde_json::Value::String(s) => Value::Str(s.as_str().into()),
        serde_json::Value::Array(a) => Value::Array(a.iter().map(to_typst).collect::<Array>()),
        serde_json::Value::Object(m) => Value::Dict(
            m.iter()
                .map(|(k, v)| (Str::from(k.as_str()), to_typst(v)))
                .collect::<Dict>(),
        ),
    }
}

fn file_id(path: &str) -> FileId {
    let vp = VirtualPath::new(path).expect("valid virtual path");
    FileId::new(RootedPath::new(VirtualRoot::Project, vp))
}

impl World for ReportWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

fn render<T: Serialize>(template: &str, data: &T, fonts: &Fonts) -> Result<Vec<u8>, Error> {
    let json = serde_json::to_value(data).map_err(|e| Error::Typeset(e.to_string()))?;
    let inputs: Dict = [(Str::from("data"), to_typst(&json))].into_iter().collect();
    let world = ReportWorld {
        library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
        fonts,
        main: Source::new(file_id("/main.typ"), template.to_string()),
    };
    let doc: PagedDocument = typst::compile(&world).output.map_err(|errs| {
        Error::Typeset(
            errs.iter()
                .map(|e| {
                    let at = world
                        .range(e.span)
                        .map(|r| template[..r.start.min(template.len())].lines().count())
                        .map_or(String::new(), |l| format!(" (template line {l})"));
                    format!("{}{at}", e.message)
                })
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default()).map_err(|errs| {
        Error::Typeset(
            errs.iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}

/// The report of one document as PDF.
pub fn pdf_document(v: &DocView, fonts: &Fonts) -> Result<Vec<u8>, Error> {
    render(REPORT, v, fonts)
}

/// The summary as PDF.
pub fn pdf_summary(v: &SummaryView, fonts: &Fonts) -> Result<Vec<u8>, Error> {
    render(SUMMARY, v, fonts)
}
