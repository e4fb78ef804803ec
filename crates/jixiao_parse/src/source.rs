//! Decoding and lines.

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
}
