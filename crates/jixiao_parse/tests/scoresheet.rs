//! Guangdong 指标评分表 fixtures, composed in the two published layouts:
//! - `scoresheet_jiangmen.txt`: `附件3` + header, three indicator levels with 名称/权重 pairs, a
//!   page break that repeats the header block, shifted rows, `/` placeholders, a formula weight
//!   (`各项指标权重=40/指标总数`), a qualitative row, part of the grid replaced by an English
//!   summary, an empty level-2 row, the 合计 row and the prose after it;
//! - `scoresheet_zhuhai.txt`: two projects (one form each). The first has the compressed Zhuhai
//!   header, four levels, weights repeated in several columns or printed before the name, a
//!   `(个性指标)` row, `<p>` tags, `/` placeholders and a stray header figure; the second has its
//!   header and money block replaced by English summaries (figures read from the parentheses),
//!   its 评分标准 column before 评分依据, and text after the 合计 row.

use std::str::FromStr;

use jixiao_model::{Decimal, Document, Form, FormKind, Indicator, Op, ValueKind};

fn d(s: &str) -> Option<Decimal> {
    Some(Decimal::from_str(s).unwrap())
}

fn fixture(name: &str) -> Document {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    jixiao_parse::parse_str(name, &text)
}

fn sheets(doc: &Document) -> Vec<&Form> {
    doc.forms
        .iter()
        .filter(|f| f.kind == FormKind::EvaluationScoresheet)
        .collect()
}

fn at(f: &Form, line: u32) -> &Indicator {
    f.indicators
        .iter()
        .find(|i| i.line == line)
        .unwrap_or_else(|| panic!("no indicator on line {line}"))
}

fn weights(i: &Indicator) -> Vec<Option<Decimal>> {
    i.path_weights.clone()
}

#[test]
fn jiangmen_header_and_money() {
    let doc = fixture("scoresheet_jiangmen.txt");
    assert_eq!(doc.forms.len(), 1);
    let f = &doc.forms[0];
    assert_eq!(f.kind, FormKind::EvaluationScoresheet);
    assert_eq!(
        (f.line_start, f.line_end),
        (2, 40),
        "from 附件3 to the last prose line"
    );
    assert_eq!(f.project.as_deref(), Some("乡村文化活动推广经费"));
    assert_eq!(f.year, Some(2023));
    assert_eq!(f.unit.as_deref(), Some("示例市文化广电旅游局"));
    let m = f.money.as_ref().unwrap();
    assert_eq!(m.unit.as_deref(), Some("万元"));
    assert_eq!(m.line, 11);
    assert_eq!(
        (
            m.evaluation_amount,
            m.planned,
            m.allocated,
            m.allocated_transfer,
            m.paid,
            m.paid_transfer
        ),
        (
            d("286.40"),
            d("300.00"),
            d("290.00"),
            d("10.00"),
            d("286.40"),
            d("8.00")
        )
    );
    let field = |k: &str| f.field(k).map(|x| (x.value.as_str(), x.line));
    assert_eq!(field("contact"), Some(("陈晓明", 9)));
    assert_eq!(field("phone"), Some(("3100456", 9)));
    assert_eq!(field("email"), Some(("wenhua@example.org", 9)));
    assert_eq!(field("basis"), Some(("市文旅局年度工作方案", 10)));
    assert_eq!(field("level"), Some(("二级", 10)));
    // The goal text sits after the 是否如期实现 label; tags removed.
    let goal = f.field("expected_goal").unwrap();
    assert_eq!(goal.label, "预期总体目标");
    assert_eq!(goal.line, 14);
    assert!(
        goal.value.starts_with("1、举办乡村文化活动不少于30场"),
        "{}",
        goal.value
    );
    assert!(!goal.value.contains("<p>"));
    assert!(f.field("goal_achieved").is_none(), "nothing printed for it");
    // Prose after the grid; template hints in later columns are not part of the values.
    assert_eq!(field("problems"), Some(("个别设备供货延期。", 38)));
    assert_eq!(field("improvements"), Some(("加强供货合同履约管理。", 39)));
    let fp = f.field("funds_performance").unwrap();
    assert_eq!(fp.line, 37);
    assert!(fp.value.contains("支出286.40万元") && !fp.value.contains("含自评工作质量"));
    assert!(f.field("expiring_funds").is_none(), "到期资金 left blank");
}

#[test]
fn jiangmen_grid() {
    let doc = fixture("scoresheet_jiangmen.txt");
    let f = &doc.forms[0];
    let lines: Vec<u32> = f.indicators.iter().map(|i| i.line).collect();
    assert_eq!(lines, [20, 21, 22, 23, 24, 30, 31, 33, 35]);

    let i = at(f, 20);
    assert_eq!(i.path, ["决策", "资金管理", "资金支出率"]);
    assert_eq!(weights(i), [d("20"), d("12"), d("12")]);
    assert_eq!(
        (i.target.kind, i.actual.kind),
        (ValueKind::Placeholder, ValueKind::Placeholder)
    );
    assert_eq!((i.weight, i.score), (d("12"), d("11.64")));
    assert!(i
        .standard
        .as_deref()
        .unwrap()
        .starts_with("主要依据“支付额/预算额度"));
    assert_eq!(i.evidence.as_deref(), Some("资金支出明细表"));
    assert_eq!(i.note, None);

    // Level 1 inherited from the merged cell above.
    let i = at(f, 21);
    assert_eq!(i.path, ["决策", "事项管理", "监管有效性"]);
    assert_eq!(weights(i), [d("20"), d("8"), d("8")]);
    assert_eq!(i.score, d("8"));

    // A formula instead of a level-2 weight.
    let i = at(f, 22);
    assert_eq!(i.path, ["产出", "数量指标", "举办乡村文化活动场次"]);
    assert_eq!(weights(i), [d("40"), None, d("8")]);
    assert_eq!(
        (i.target.value, i.target.unit.as_deref()),
        (d("30"), Some("场"))
    );
    assert_eq!(
        (i.actual.value, i.actual.unit.as_deref()),
        (d("32"), Some("场"))
    );
    assert_eq!(i.evidence.as_deref(), Some("活动签到台账"));

    // Standard printed in the evidence column and evidence one column further: read by wording.
    let i = at(f, 23);
    assert_eq!(i.path, ["产出", "数量指标", "惠及群众人次"]);
    assert_eq!(
        (i.target.value, i.target.unit.as_deref()),
        (d("2"), Some("万人次"))
    );
    assert_eq!(
        (i.actual.value, i.actual.unit.as_deref()),
        (d("1.8"), Some("万人次"))
    );
    assert_eq!((i.weight, i.score), (d("8"), d("7.2")));
    assert!(i.standard.as_deref().unwrap().starts_with("1.定量指标"));
    assert_eq!(i.evidence.as_deref(), Some("群众参与统计表"));

    let i = at(f, 24);
    assert!(i.target.approx);
    assert_eq!(
        (i.target.op, i.target.value, i.target.unit.as_deref()),
        (Some(Op::Approx), d("12"), Some("套"))
    );
    assert_eq!(
        i.evidence.as_deref(),
        Some("设备验收单"),
        "one column right of 参考佐证材料"
    );

    // After the page break (repeated header block, lines 26-29): same grid.
    let i = at(f, 30);
    assert_eq!(i.path, ["产出", "质量指标", "活动验收合格率"]);
    assert_eq!(weights(i), [d("40"), None, d("8")]);
    assert_eq!(
        (i.target.op, i.target.value, i.target.kind),
        (Some(Op::Ge), d("95"), ValueKind::Percent)
    );
    assert_eq!(
        (i.actual.value, i.actual.kind),
        (d("100"), ValueKind::Percent)
    );

    // A row shifted one column right after its level-2 name.
    let i = at(f, 31);
    assert_eq!(i.path, ["产出", "时效指标", "设备更新完成时间"]);
    assert_eq!((i.weight, i.score), (d("8"), d("6")));
    assert_eq!(
        (i.target.kind, i.target.op, i.target.date.as_deref()),
        (ValueKind::Date, Some(Op::Le), Some("2023-10-31"))
    );
    assert_eq!(
        (i.actual.kind, i.actual.date.as_deref()),
        (ValueKind::Date, Some("2023-11-15"))
    );
    assert_eq!(i.note.as_deref(), Some("供货商延期交付, 已督促整改"));
    assert_eq!(i.evidence.as_deref(), Some("到货验收记录"));

    // Qualitative row.
    let i = at(f, 33);
    assert_eq!(i.path, ["效益", "社会效益指标", "群众文化参与度"]);
    assert_eq!(weights(i), [d("40"), None, d("10")]);
    assert_eq!(
        (i.target.kind, i.target.raw.as_str()),
        (ValueKind::Qualitative, "明显提高")
    );
    assert_eq!(
        (i.actual.kind, i.actual.raw.as_str()),
        (ValueKind::Qualitative, "有效提高")
    );
    assert_eq!(i.score, d("9"));

    let i = at(f, 35);
    assert_eq!(i.path, ["效益", "满意度指标", "服务对象满意度"]);
    assert_eq!((i.weight, i.score), (d("20"), d("20")));
    assert_eq!(
        (i.actual.value, i.actual.kind),
        (d("93.5"), ValueKind::Percent)
    );
    assert_eq!(i.evidence.as_deref(), Some("满意度调查表"));

    // 合计: | | 120 | | 100 | | 100 | | | 95.34 — the score is the last figure.
    let t = f.total.as_ref().unwrap();
    assert_eq!((t.weight, t.score, t.line), (d("100"), d("95.34"), 36));
    // Level-1 weights add up to 100; the summarised row's 9.5 is not among the indicators.
    let sum: Decimal = f.indicators.iter().filter_map(|i| i.score).sum();
    assert_eq!(sum, Decimal::from_str("85.84").unwrap());
}

#[test]
fn jiangmen_warnings() {
    let doc = fixture("scoresheet_jiangmen.txt");
    let w: Vec<(u32, u32, &str)> = doc
        .warnings
        .iter()
        .map(|w| (w.line_start, w.line_end, w.message.as_str()))
        .collect();
    assert_eq!(w.len(), 2, "{w:?}");
    assert_eq!((w[0].0, w[0].1), (32, 32));
    assert!(w[0]
        .2
        .contains("replaced by a summary; scores not recoverable"));
    assert_eq!((w[1].0, w[1].1), (34, 34));
    assert!(w[1].2.contains("可持续影响指标") && w[1].2.contains("no indicator rows"));
}

#[test]
fn zhuhai_one_form_per_project() {
    let doc = fixture("scoresheet_zhuhai.txt");
    let s = sheets(&doc);
    assert_eq!(s.len(), 2);
    assert_eq!((s[0].line_start, s[0].line_end), (1, 28));
    assert_eq!((s[1].line_start, s[1].line_end), (30, 50));
    assert_eq!(s[0].project.as_deref(), Some("口岸旅检通道维护经费"));
    assert_eq!(s[1].project.as_deref(), Some("跨境货车查验场地租赁(二期)"));
}

#[test]
fn zhuhai_header_fields() {
    let doc = fixture("scoresheet_zhuhai.txt");
    let f = sheets(&doc)[0];
    assert_eq!(f.year, Some(2023));
    assert_eq!(f.unit.as_deref(), Some("示例市口岸服务中心"));
    let m = f.money.as_ref().unwrap();
    assert_eq!(m.line, 7);
    assert_eq!(m.unit.as_deref(), Some("万元"));
    // 预算计划 450万元; 资金安排 | 预算下达 | 市本级 430万元 | 转移支付至市县 0; 实际支出 412.5万元.
    assert_eq!(
        (
            m.evaluation_amount,
            m.planned,
            m.allocated,
            m.allocated_transfer,
            m.paid,
            m.paid_transfer
        ),
        (d("412.5"), d("450"), d("430"), d("0"), d("412.5"), d("0"))
    );
    let field = |k: &str| f.field(k).map(|x| (x.value.as_str(), x.line));
    assert_eq!(field("phone"), Some(("0756-1234567", 5)));
    assert_eq!(field("basis"), Some(("市政府办公室文件呈批表PX2023001", 6)));
    assert_eq!(
        field("expected_goal"),
        Some(("保障旅检通道设备完好率不低于98%，全年旅客通关零事故。", 10))
    );
    assert_eq!(field("goal_achieved"), Some(("是", 10)));
}

#[test]
fn zhuhai_grid_four_levels() {
    let doc = fixture("scoresheet_zhuhai.txt");
    let f = sheets(&doc)[0];
    let lines: Vec<u32> = f.indicators.iter().map(|i| i.line).collect();
    assert_eq!(lines, (16..=27).collect::<Vec<_>>());

    let i = at(f, 16);
    assert_eq!(i.path, ["决策", "项目立项", "论证决策", "论证充分性"]);
    assert_eq!(weights(i), [d("20"), d("12"), d("4"), d("4")]);
    assert_eq!((i.weight, i.score), (d("4"), d("4")));
    assert_eq!(i.note.as_deref(), Some("1.可行性论证报告"));
    assert!(i.standard.as_deref().unwrap().ends_with("的得4分。"));
    assert_eq!(i.evidence.as_deref(), Some("1.可行性研究报告"));

    let i = at(f, 17);
    assert_eq!(i.path, ["决策", "项目立项", "目标设置", "完整性"]);
    assert_eq!(weights(i), [d("20"), d("12"), d("6"), d("2")]);
    // Weight printed three times: 2 | 2 | 2.
    let i = at(f, 18);
    assert_eq!(i.path[2..], ["目标设置", "合理性"]);
    assert_eq!((i.weight, i.score), (d("2"), d("2")));
    assert!(i.target.is_blank() && i.actual.is_blank());

    // Weight printed before the name: 2 | 资金到位及时性 | 2 | 2.
    let i = at(f, 20);
    assert_eq!(i.path, ["决策", "资金落实", "资金到位", "资金到位及时性"]);
    assert_eq!(weights(i), [d("20"), d("8"), d("5"), d("2")]);
    assert_eq!(i.score, d("2"));

    let i = at(f, 21);
    assert_eq!((i.weight, i.score), (d("6"), d("5.5")));
    assert_eq!(i.note.as_deref(), Some("支付412.5万元, 预算450万元"));

    let i = at(f, 22);
    assert_eq!(i.path, ["过程", "事项管理", "实施程序", "程序规范性"]);
    assert_eq!(
        (i.target.kind, i.actual.kind),
        (ValueKind::Placeholder, ValueKind::Placeholder)
    );

    let i = at(f, 23);
    assert_eq!(i.path, ["产出", "效率性", "完成进度", "设备巡检完成率"]);
    assert_eq!(weights(i), [d("30"), None, None, d("10")]);
    assert_eq!((i.target.op, i.target.value), (Some(Op::Ge), d("95")));
    assert_eq!(i.note.as_deref(), Some("巡检记录齐全"));
    assert_eq!(i.evidence.as_deref(), Some("巡检台账"));

    let i = at(f, 24);
    assert_eq!(i.score, d("9.8"));
    assert_eq!(i.note.as_deref(), Some("部分闸机故障维修延迟"));

    let i = at(f, 25);
    assert_eq!(
        (i.target.op, i.target.value),
        (Some(Op::Eq), d("0")),
        "零事故"
    );

    // `(个性指标)` row: kept, with nothing printed.
    let i = at(f, 26);
    assert_eq!(i.path, ["效益", "效果性", "可持续发展"]);
    assert_eq!((i.weight, i.score), (None, None));
    assert!(i.target.is_blank());

    let i = at(f, 27);
    assert_eq!(i.path, ["效益", "公平性", "满意度", "服务对象满意度"]);
    assert_eq!(
        (i.target.raw.as_str(), i.actual.raw.as_str()),
        ("满意", "较满意")
    );
    assert_eq!(i.actual.kind, ValueKind::Qualitative);
    assert_eq!(i.score, d("4.2"));
    assert_eq!(
        i.note.as_deref(),
        Some("问卷120份, 满意率84%"),
        "<p> removed"
    );

    let t = f.total.as_ref().unwrap();
    assert_eq!((t.weight, t.score, t.line), (d("100"), d("51.5"), 28));
}

#[test]
fn zhuhai_summarised_header_and_column_order() {
    let doc = fixture("scoresheet_zhuhai.txt");
    let f = sheets(&doc)[1];
    assert_eq!(f.year, Some(2023));
    assert_eq!(f.unit, None, "an English rendering is not the printed name");
    let m = f.money.as_ref().unwrap();
    assert_eq!(
        (
            m.evaluation_amount,
            m.planned,
            m.allocated,
            m.paid,
            m.paid_transfer
        ),
        (d("96.8"), d("100"), d("98.5"), d("96.8"), d("0"))
    );
    assert_eq!(m.allocated_transfer, None);
    assert_eq!(
        f.field("contact").map(|x| (x.value.as_str(), x.line)),
        Some(("周一鸣", 32))
    );
    assert_eq!(
        f.field("goal_achieved").map(|x| x.value.as_str()),
        Some("是")
    );

    assert_eq!(f.indicators.len(), 7);
    // 评分标准 | 评分依据 | 参考佐证材料 in this project.
    let i = at(f, 41);
    assert_eq!(
        (i.target.kind, i.actual.kind),
        (ValueKind::Placeholder, ValueKind::Placeholder)
    );
    assert_eq!(i.standard.as_deref(), Some("经过集体会议协商的, 得4分。"));
    assert_eq!(i.note.as_deref(), Some("已召开局务会审议"));
    assert_eq!(i.evidence.as_deref(), Some("会议纪要"));
    let i = at(f, 42);
    assert_eq!(i.path, ["决策", "项目立项", "目标设置", "完整性"]);
    assert_eq!(
        (i.note.as_deref(), i.evidence.as_deref()),
        (None, Some("目标申报表"))
    );
    let i = at(f, 43);
    assert_eq!(i.score, d("1.5"));
    assert_eq!(
        (i.note.as_deref(), i.evidence.as_deref()),
        (Some("部分指标与资金规模不匹配"), None)
    );

    let i = at(f, 44);
    assert_eq!(i.path, ["产出", "效率性", "数量指标", "查验车位数"]);
    assert_eq!(weights(i), [d("30"), d("50"), d("20"), d("10")]);
    assert_eq!(
        (i.target.value, i.target.unit.as_deref()),
        (d("60"), Some("个"))
    );
    let i = at(f, 45);
    assert_eq!(i.path[..3], ["产出", "效率性", "数量指标"]);
    assert_eq!(
        (i.actual.value, i.actual.unit.as_deref()),
        (d("312"), Some("天"))
    );
    let i = at(f, 46);
    assert_eq!(i.path, ["产出", "效果性", "社会效益", "查验效率"]);
    assert_eq!(weights(i), [d("30"), None, d("30"), d("30")]);
    assert_eq!(
        (i.target.kind, i.actual.raw.as_str()),
        (ValueKind::Qualitative, "基本达成预期指标")
    );
    assert_eq!(i.score, d("26"));
    assert!(i.standard.as_deref().unwrap().starts_with("定性指标"));
    assert_eq!(i.note.as_deref(), Some("车辆平均查验时长缩短"));

    let t = f.total.as_ref().unwrap();
    assert_eq!((t.weight, t.score, t.line), (d("100"), d("58.5"), 48));
    let sum: Decimal = f.indicators.iter().filter_map(|i| i.score).sum();
    assert_eq!(Some(sum), t.score);
}

#[test]
fn zhuhai_warnings() {
    let doc = fixture("scoresheet_zhuhai.txt");
    let w: Vec<(u32, &str)> = doc
        .warnings
        .iter()
        .map(|w| (w.line_start, w.message.as_str()))
        .collect();
    assert_eq!(w.len(), 5, "{w:?}");
    assert!(
        w[0].0 == 3 && w[0].1.contains("412.5"),
        "stray figure after 金额单位"
    );
    assert!(w[1].0 == 32 && w[1].1.ends_with("not recoverable: 实施文件依据"));
    assert!(w[2].0 == 35 && w[2].1.contains("read from its parentheses"));
    assert!(w[3].0 == 37 && w[3].1.contains("read from its parentheses"));
    assert!(w[4].0 == 50 && w[4].1.contains("after the 合计 row"));
}
