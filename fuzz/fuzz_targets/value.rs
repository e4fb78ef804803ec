//! Value lexer and text folding on any UTF-8.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let v = jixiao_text::parse_value(s);
        assert_eq!(v.raw, s.trim());
        let _ = jixiao_text::fold_label(s);
        let _ = jixiao_text::parse_decimal(s);
    }
});
