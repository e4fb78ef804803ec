//! Decoding text: UTF-8, UTF-16 with a BOM, GB18030/GBK.

use std::borrow::Cow;

use crate::InputError;

/// Decodes bytes: UTF-8 (BOM stripped), UTF-16 with a BOM, else GB18030 (a superset of GBK and
/// GB2312). Input that is valid in none of them, or that holds NUL bytes (a binary file), is
/// rejected with an error naming the file and the first bad byte offset.
pub fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<Cow<'a, str>, InputError> {
    let err = |message: String| InputError::new(file, message);
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
            "binary data (NUL byte at offset {pos}): not a PDF, XLSX, XLS, DOCX, HTML or text file"
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
