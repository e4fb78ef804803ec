//! XLSX and XLS workbooks (calamine): every sheet in workbook order, every row a line, every
//! cell a tab-separated cell. A merged cell keeps its value in its top-left cell and leaves the
//! others blank — the shape the text readers already know from PDF extraction. Several forms
//! on one sheet or one form per sheet both read, since the readers find forms by their
//! titles and headers, wherever they start. Sheets are separated by an empty line.
//!
//! Numbers are written as the shortest decimal that round-trips, after rounding away the
//! binary noise of formulas at ten decimals (`0.1 + 0.2` is written `0.3`); dates as
//! `YYYY-MM-DD`.

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{Data, Reader};

use crate::{zipped, Format, InputError, Source};

/// Reads every sheet of a workbook.
pub fn read<'a>(file: &str, bytes: &[u8], format: Format) -> Result<Source<'a>, InputError> {
    if format == Format::Xlsx {
        zipped::guard(file, bytes)?;
    }
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| InputError::new(file, format!("not a readable workbook: {e}")))?;
    let mut text = String::new();
    for (k, name) in book.sheet_names().into_iter().enumerate() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| InputError::new(file, format!("sheet {name}: cannot be read: {e}")))?;
        if k > 0 {
            text.push('\n');
        }
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|r| r.iter().map(cell_text).collect())
            .collect();
        crate::rows_to_text(&rows, &mut text);
    }
    Ok(Source {
        format,
        text: Cow::Owned(text),
        pages: Vec::new(),
        notices: Vec::new(),
    })
}

/// The text of one cell.
pub fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => {
            let serial = dt.as_f64();
            if dt.is_datetime() && serial >= 1.0 {
                date(serial)
            } else {
                number(serial)
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A float as a short decimal: rounded at ten decimals, trailing zeros dropped.
fn number(f: f64) -> String {
    if !f.is_finite() {
        return String::new();
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    let s = format!("{f:.10}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// An Excel serial date (days since 1899-12-30) as `YYYY-MM-DD`.
fn date(serial: f64) -> String {
    let days = serial.floor() as i64 - 25569; // days from 1970-01-01
                                              // Civil date from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_lose_binary_noise_only() {
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(1234.5), "1234.5");
        assert_eq!(number(100.0), "100");
        assert_eq!(number(-0.000_000_000_01), "0");
        assert_eq!(number(12.345_678_9), "12.3456789");
    }

    #[test]
    fn serial_dates() {
        assert_eq!(date(45_291.0), "2023-12-31");
        assert_eq!(date(1.0), "1899-12-31");
    }
}
