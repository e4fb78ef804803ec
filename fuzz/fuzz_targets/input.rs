//! The input stage on any bytes: text layouts, the grid, HTML, DOCX XML, workbooks and
//! poppler's word boxes — an error or text, never a panic or a hang. (PDF bytes themselves go
//! to poppler, a subprocess; its output format is fuzzed here instead.)
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if jixiao_input::detect(data) != jixiao_input::Format::Pdf {
        let _ = jixiao_input::read("fuzz", data);
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = jixiao_input::layout::normalise(std::borrow::Cow::Borrowed(s));
        let _ = jixiao_input::html::page_text(s);
        let _ = jixiao_input::docx::document_text("fuzz.docx", s);
        if let Ok(pages) = jixiao_input::pdf::words_by_page("fuzz.pdf", s) {
            let _ = jixiao_input::pdf::from_pages(&pages);
        }
    }
});
