//! Whole-document reader: any bytes, decoded or rejected, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = jixiao_parse::parse_bytes("fuzz.txt", data);
});
