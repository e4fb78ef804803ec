//! The reader never panics, whatever the input, and never drops a region silently.

use proptest::prelude::*;

/// Lines built from the tokens real documents are made of, so that the generator reaches deep
/// into every reader rather than bouncing off the first title check.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("财政项目支出绩效自评表".to_string()),
        Just("财政项目支出绩效目标表".to_string()),
        Just("2023年项目绩效自评指标评分表".to_string()),
        Just("收入支出决算总表".to_string()),
        Just("财政拨款收入支出决算总表".to_string()),
        Just("一般公共预算财政拨款基本支出决算明细表".to_string()),
        Just("财政拨款“三公”经费支出决算表".to_string()),
        Just("单位：万元".to_string()),
        Just("栏次".to_string()),
        Just("档次".to_string()),
        Just("项目资金 (万元)".to_string()),
        Just("年度资金总额:".to_string()),
        Just("一级指标".to_string()),
        Just("一级目标".to_string()),
        Just("总分".to_string()),
        Just("合计".to_string()),
        Just("评分等级".to_string()),
        Just("基本情况".to_string()),
        Just("附件4".to_string()),
        Just("≥30.00(亿美元)".to_string()),
        Just("<=4月30日".to_string()),
        Just("比上年决算数增加15,970.4万元，增长22.8%".to_string()),
        Just("项目全年预算数为500万元，执行数为394.86万元，完成预算的100%".to_string()),
        Just("-".to_string()),
        Just("/".to_string()),
        Just("".to_string()),
        "[0-9]{1,7}(\\.[0-9]{1,2})?",
        "20[0-9]{5}",
        "\\PC{0,12}",
    ]
}

fn line() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..9).prop_map(|cells| cells.join("\t"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn structured_noise_never_panics(lines in prop::collection::vec(line(), 0..60)) {
        let text = lines.join("\n");
        let doc = jixiao_parse::parse_str("noise.txt", &text);
        let n = text.lines().count() as u32;
        for w in &doc.warnings {
            prop_assert!(w.line_start >= 1 && w.line_start <= w.line_end && w.line_end <= n.max(1));
        }
        for f in &doc.forms {
            prop_assert!(f.line_start >= 1 && f.line_start <= n);
            for i in &f.indicators {
                prop_assert!(i.line >= f.line_start && i.line <= n);
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = jixiao_parse::parse_bytes("bytes.txt", &bytes);
    }
}

#[test]
fn text_outside_any_form_is_a_warning() {
    let doc = jixiao_parse::parse_str("x.txt", "一些说明文字\n\n更多文字\n\n\n\n另一段\n");
    assert!(doc.forms.is_empty());
    let spans: Vec<(u32, u32)> = doc
        .warnings
        .iter()
        .map(|w| (w.line_start, w.line_end))
        .collect();
    assert_eq!(spans, [(1, 3), (7, 7)]);
}

/// Found by `cargo fuzz run parse`: a full-width digit inside a number in prose made the claim
/// reader slice inside a character.
#[test]
fn fuzz_full_width_digit_in_prose_number() {
    let text = "86.88!8%8５.68#0.8y!8.76!8%\"8５3,3333年8５333333年度333333333333339!8.76[!";
    let _ = jixiao_parse::parse_str("fuzz.txt", text);
    let _ = jixiao_parse::parse_str("fuzz.txt", "比上年决算数增加8５3,3333万元，增长１２．５%");
}
