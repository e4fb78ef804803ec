//! Decoding and lines.

use std::borrow::Cow;
use std::fmt;

/// One physical line of the input, with its 1-based number.
#[derive(Clone, Copy, Debug)]
pub struct Line<'a> {
    /// 1-based line number in the file.
    pub no: u32,
    /// The line without its terminator (`\n` or `\r\n`).
    pub text: &'a str,
}

impl<'a> Line<'a> {
    /// The tab-separated cells of the line, verbatim.
    pub fn cells(&self) -> Cells<'a> {
        Cells {
            rest: Some(self.text),
        }
    }

    /// True when the line holds nothing but whitespace and tabs.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The non-empty cells, trimmed, with their 0-based cell index.
    pub fn filled(&self) -> Vec<(usize, &'a str)> {
        self.cells()
            .enumerate()
            .map(|(i, c)| (i, c.trim()))
            .filter(|(_, c)| !c.is_empty())
            .collect()
    }
}

/// The tab-separated cells of a line (a vectorised search for each tab).
#[derive(Clone, Debug)]
pub struct Cells<'a> {
    rest: Option<&'a str>,
}

impl<'a> Iterator for Cells<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match memchr::memchr(b'\t', rest.as_bytes()) {
            Some(i) => {
                self.rest = Some(&rest[i + 1..]);
                Some(&rest[..i])
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

/// Splits text into lines (handles `\n`, `\r\n`, a missing final newline).
pub fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::with_capacity(text.len() / 40 + 1);
    let mut start = 0;
    // SIMD search for line ends; `\n` never occurs inside a multi-byte UTF-8 sequence, so
    // every cut is on a char boundary.
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        let l = &text[start..end];
        out.push(Line {
            no: out.len() as u32 + 1,
            text: l.strip_suffix('\r').unwrap_or(l),
        });
        start = end + 1;
    }
    // The last line may have no newline.
    if start < text.len() {
        let l = &text[start..];
        out.push(Line {
            no: out.len() as u32 + 1,
            text: l.strip_suffix('\r').unwrap_or(l),
        });
    }
    out
}

/// The input could not be decoded as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// The file as named by the caller.
    pub file: String,
    /// Why the bytes are not text (with the offset of the first bad byte).
    pub message: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for DecodeError {}

/// Decodes bytes: UTF-8 (BOM stripped), UTF-16 with a BOM, else GB18030 (a superset of GBK and
/// GB2312). Input that is valid in none of them, or that holds NUL bytes (a binary file), is
/// rejected with an error naming the file and the first bad byte offset.
pub fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<Cow<'a, str>, DecodeError> {
    let err = |message: String| DecodeError {
        file: file.to_string(),
        message,
    };
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(Cow::Borrowed)
            .map_err(|e| err(format!("invalid UTF-8 at byte {}", e.valid_up_to() + 3)));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, had_errors) = enc.decode_with_bom_removal(bytes);
        if had_errors {
            return Err(err("invalid UTF-16 text".into()));
        }
        return Ok(Cow::Owned(text.into_owned()));
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(err(format!(
            "binary data (NUL byte at offset {pos}); expected a text file"
        )));
    }
    // SIMD validation first (the common case); the std error for the byte offset otherwise.
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Ok(Cow::Borrowed(s));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(utf8_err) => {
            let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
            if had_errors {
                Err(err(format!(
                    "neither UTF-8 (invalid byte at offset {}) nor GB18030/GBK text",
                    utf8_err.valid_up_to()
                )))
            } else {
                Ok(Cow::Owned(text.into_owned()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_without_final_newline() {
        let l = split_lines("a\r\nb\nc");
        assert_eq!(
            l.iter().map(|l| (l.no, l.text)).collect::<Vec<_>>(),
            [(1, "a"), (2, "b"), (3, "c")]
        );
        assert_eq!(split_lines("a\n").len(), 1);
    }

    #[test]
    fn gbk_is_decoded_and_garbage_rejected() {
        let (gbk, _, _) = encoding_rs::GBK.encode("项目名称\t测试");
        assert_eq!(decode("x.txt", &gbk).unwrap(), "项目名称\t测试");
        assert_eq!(decode("x.txt", "\u{feff}项目".as_bytes()).unwrap(), "项目");
        let e = decode("bad.txt", b"ab\x00cd").unwrap_err();
        assert!(e.to_string().starts_with("bad.txt: binary data"));
        let e = decode("bad.txt", b"\xff\xff\xff\x80").unwrap_err();
        assert!(e.to_string().contains("bad.txt"), "{e}");
    }
}
