//! Acceptance tests over the real Guangdong scoresheets in `../shared/seeds`: 003 (Jiangmen,
//! one sheet, three levels) and the appendix of 004 (Zhuhai 2023 部门决算, 22 project sheets,
//! four levels, very messy). Skipped with a notice when the folder is absent. Every figure pinned
//! here was checked by hand against the source text; forms of other kinds (004's final
//! accounts) are filtered out.

use std::str::FromStr;

use jixiao_model::{Decimal, Document, Form, FormKind, Indicator, Op, ValueKind};

#[path = "support/seeds.rs"]
mod seeds;

fn seed(prefix: &str) -> Option<Document> {
    let path = seeds::find(prefix)?;
    let bytes = std::fs::read(&path).unwrap();
    Some(jixiao_parse::parse_bytes(&path.display().to_string(), &bytes).unwrap())
}

fn d(s: &str) -> Option<Decimal> {
    Some(Decimal::from_str(s).unwrap())
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

fn sheet<'a>(s: &[&'a Form], line_start: u32) -> &'a Form {
    s.iter()
        .find(|f| f.line_start == line_start)
        .unwrap_or_else(|| panic!("no scoresheet starting on line {line_start}"))
}

#[test]
fn seed_003_jiangmen_header() {
    let Some(doc) = seed("003_") else { return };
    assert_eq!(doc.forms.len(), 1);
    let f = &doc.forms[0];
    assert_eq!(f.kind, FormKind::EvaluationScoresheet);
    assert_eq!(
        f.line_start, 3,
        "附件4 followed by 填报单位名称 starts the form"
    );
    assert_eq!(f.project.as_deref(), Some("内外经贸发展与口岸建设管理费"));
    assert_eq!(f.year, Some(2023));
    assert_eq!(f.unit, None, "填报单位名称 left blank");
    let m = f.money.as_ref().unwrap();
    assert_eq!(m.line, 12);
    assert_eq!(m.unit.as_deref(), Some("万元"));
    assert_eq!(
        (m.evaluation_amount, m.planned, m.allocated, m.paid),
        (d("4149.88"), d("2903.24"), d("4162.37"), d("4149.88"))
    );
    assert_eq!((m.allocated_transfer, m.paid_transfer), (None, None));
    let field = |k: &str| f.field(k).map(|x| (x.value.as_str(), x.line));
    assert_eq!(field("contact"), Some(("唐嘉恒", 10)));
    assert_eq!(field("phone"), Some(("3501812", 10)));
    assert_eq!(field("email"), None);
    assert_eq!(field("basis"), Some(("局三方方案", 11)));
    assert_eq!(field("level"), Some(("一级", 11)));
    let goal = f.field("expected_goal").unwrap();
    assert_eq!(goal.line, 15);
    assert!(goal.value.starts_with("1、组织企业参加广交会"));
    assert!(goal.value.contains("完成进出口贸易总额目标任务1700亿元"));
    assert_eq!(field("goal_achieved"), None);
    assert_eq!(field("problems"), Some(("无。", 49)));
    assert_eq!(field("improvements"), Some(("无。", 50)));
    let fp = f.field("funds_performance").unwrap();
    assert_eq!(fp.line, 48);
    assert!(fp.value.contains("本专项2023年支出金额4149.88万元"));
    assert_eq!(field("expiring_funds"), None);
}

#[test]
fn seed_003_jiangmen_every_indicator() {
    let Some(doc) = seed("003_") else { return };
    let f = &doc.forms[0];
    // (line, level 2, leaf, level-2 weight, leaf weight, target, actual, score); level 1 is
    // 决策 (20) on lines 21-22, 产出 (40) on 23-37 and 效益 (40) after.
    type Row = (
        u32,
        &'static str,
        &'static str,
        Option<&'static str>,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    );
    let rows: [Row; 20] = [
        (
            21,
            "资金管理",
            "资金支出率",
            Some("12"),
            "12",
            "/",
            "/",
            "11.96",
        ),
        (22, "事项管理", "监管有效性", Some("8"), "8", "/", "/", "8"),
        (
            23,
            "数量指标",
            "举办、参加活动场次",
            None,
            "4",
            "24场",
            "25场",
            "4",
        ),
        (
            24,
            "数量指标",
            "“单一窗口”标准版功能申报量",
            None,
            "4",
            "70万票",
            "72.81万票",
            "4",
        ),
        (
            25,
            "数量指标",
            "服务公共服务平台注册企业",
            None,
            "4",
            "30家",
            "66家",
            "4",
        ),
        (
            26,
            "数量指标",
            "接转入境人员",
            None,
            "4",
            "15100人次",
            "0",
            "4",
        ),
        (
            27,
            "数量指标",
            "向广东省重要产品追溯平台报送数据数量",
            None,
            "4",
            "约40万条",
            "4199519条",
            "4",
        ),
        (
            28,
            "数量指标",
            "监测企业数量",
            None,
            "4",
            "53家",
            "69家",
            "4",
        ),
        (
            34,
            "质量指标",
            "平台正常运行率",
            None,
            "4",
            "100%",
            "100%",
            "4",
        ),
        (
            35,
            "质量指标",
            "入境人员接转错漏率",
            None,
            "4",
            "0人",
            "0人",
            "4",
        ),
        (
            36,
            "时效指标",
            "各项活动举办及工作开展及时率",
            None,
            "4",
            "100%",
            "100%",
            "4",
        ),
        (
            37,
            "成本指标",
            "预算成本控制率",
            None,
            "4",
            "100%",
            "100%",
            "4",
        ),
        (
            38,
            "经济效益指标",
            "进出口贸易总额",
            None,
            "5",
            "1700亿元",
            "1732亿元",
            "5",
        ),
        (
            39,
            "经济效益指标",
            "社会消费品零售总额",
            None,
            "5",
            "1387.59亿元",
            "1347.9亿元",
            "4.86",
        ),
        (
            40,
            "经济效益指标",
            "跨境电商进出口额",
            None,
            "5",
            "1亿元",
            "2.17亿元",
            "5",
        ),
        (
            41,
            "经济效益指标",
            "我市电子商务交易额",
            None,
            "5",
            "增长(待市政府工作任务出台后修正)",
            "299.43亿元",
            "5",
        ),
        (
            42,
            "经济效益指标",
            "口岸进出境集装箱",
            None,
            "5",
            "70万标箱",
            "76.18万标箱",
            "5",
        ),
        (
            43,
            "社会效益指标",
            "境外输入病例传播扩散例数",
            None,
            "5",
            "0人",
            "0人",
            "5",
        ),
        (
            44,
            "生态效益指标",
            "形成统计分析报告",
            None,
            "5",
            "26份",
            "26份",
            "5",
        ),
        (
            46,
            "满意度指标",
            "服务对象满意度",
            None,
            "5",
            "≥90%",
            "≥99.45%",
            "5",
        ),
    ];
    assert_eq!(f.indicators.len(), rows.len());
    for (i, r) in f.indicators.iter().zip(rows) {
        let (line, l2, leaf, w2, w, target, actual, score) = r;
        let l1 = match line {
            21..=22 => ("决策", "20"),
            23..=37 => ("产出", "40"),
            _ => ("效益", "40"),
        };
        assert_eq!(i.line, line);
        assert_eq!(i.path, [l1.0, l2, leaf], "line {line}");
        assert_eq!(
            i.path_weights,
            [d(l1.1), w2.and_then(d), d(w)],
            "line {line}"
        );
        assert_eq!(
            (i.target.raw.as_str(), i.actual.raw.as_str()),
            (target, actual),
            "line {line}"
        );
        assert_eq!((i.weight, i.score), (d(w), d(score)), "line {line}");
    }
    // Level weights: 20 + 40 + 40; leaf weights and scores add up to the 合计 row.
    let sum_w: Decimal = f.indicators.iter().filter_map(|i| i.weight).sum();
    let sum_s: Decimal = f.indicators.iter().filter_map(|i| i.score).sum();
    assert_eq!((Some(sum_w), Some(sum_s)), (d("100"), d("99.82")));
    let t = f.total.as_ref().unwrap();
    assert_eq!((t.weight, t.score, t.line), (d("100"), d("99.82"), 47));

    // Values, texts and shifted rows.
    let i = at(f, 21);
    assert_eq!(i.target.kind, ValueKind::Placeholder);
    assert!(i
        .standard
        .as_deref()
        .unwrap()
        .starts_with("主要依据“支付额/预算额度*100*指标权重”"));
    assert_eq!(
        i.evidence.as_deref(),
        Some("内外经贸发展与口岸建设管理经费预算指标结余汇总表")
    );
    let i = at(f, 25);
    assert!(
        i.standard.as_deref().unwrap().starts_with("1.定量指标"),
        "standard printed one column right"
    );
    assert!(i
        .evidence
        .as_deref()
        .unwrap()
        .starts_with("江门市跨境电商电子商务公共服务平台运行情况简报"));
    let i = at(f, 26);
    assert_eq!((i.actual.kind, i.actual.value), (ValueKind::Number, d("0")));
    assert!(i
        .note
        .as_deref()
        .unwrap()
        .starts_with("根据广东省陆路与航空口岸疫情防控工作专班"));
    assert!(i
        .evidence
        .as_deref()
        .unwrap()
        .starts_with("【停止接转通知】"));
    let i = at(f, 27);
    assert_eq!(
        (i.target.op, i.target.value, i.target.unit.as_deref()),
        (Some(Op::Approx), d("40"), Some("万条"))
    );
    assert_eq!(
        (i.actual.value, i.actual.unit.as_deref()),
        (d("4199519"), Some("条"))
    );
    let i = at(f, 41);
    assert_eq!(i.target.kind, ValueKind::Qualitative);
    // Line 43: the row sits one column right of its header after the level-2 name.
    let i = at(f, 43);
    assert!(i
        .note
        .as_deref()
        .unwrap()
        .contains("江门市于2023年1月1日起停止接转工作"));
    assert_eq!(at(f, 44).evidence.as_deref(), Some("统计分析报告"));
    let i = at(f, 46);
    assert_eq!(
        (i.actual.op, i.actual.value, i.actual.kind),
        (Some(Op::Ge), d("99.45"), ValueKind::Percent)
    );
    assert_eq!(i.evidence.as_deref(), Some("单一窗口企业满意度调查表"));

    // The empty 可持续影响指标 row is the only thing not read.
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    let w = &doc.warnings[0];
    assert_eq!((w.line_start, w.line_end), (45, 45));
    assert!(w.message.contains("可持续影响指标"));
}

/// (title line, project, indicators, 合计 (weight, score, line), planned, allocated, paid).
type Sheet = (
    u32,
    &'static str,
    usize,
    Option<(&'static str, &'static str, u32)>,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

const ZHUHAI: [Sheet; 22] = [
    (
        634,
        "2023年中小企业风险防范汇率风险保证金",
        0,
        None,
        Some("900"),
        Some("900"),
        Some("900"),
    ),
    (
        653,
        "博鳌亚洲论坛国际科技与创新论坛第三屆大会费用",
        23,
        Some(("100", "98.01", 693)),
        Some("638.25"),
        Some("638.25"),
        Some("638.25"),
    ),
    (
        701,
        "第七次疫情防控工作会议",
        19,
        Some(("100", "100", 734)),
        Some("932.84"),
        Some("932.84"),
        Some("932.84"),
    ),
    (
        738,
        "第七次疫情防控工作经验-湖北海关",
        18,
        Some(("100", "100", 774)),
        Some("209.23"),
        Some("209.23"),
        Some("209.23"),
    ),
    (
        776,
        "辅助人员补助经费-拱北海关",
        20,
        Some(("100", "100", 811)),
        Some("7672.5"),
        Some("7672.5"),
        Some("7672.5"),
    ),
    (
        814,
        "辅助人员补助经费-珠海边检总站",
        19,
        Some(("100", "100", 846)),
        Some("5411.25"),
        None,
        Some("5411.25"),
    ),
    (
        867,
        "港口口岸安检服务费",
        22,
        Some(("100", "100", 903)),
        None,
        Some("216"),
        Some("216"),
    ),
    (
        908,
        "港珠澳大桥珠海公路口岸安检服务经费",
        18,
        Some(("100", "99", 940)),
        Some("929"),
        Some("985.13"),
        Some("985.13"),
    ),
    (
        944,
        "港珠澳大桥珠海公路口岸运营管理费",
        22,
        Some(("100", "99", 979)),
        Some("6500"),
        Some("0"),
        Some("6500"),
    ),
    (
        983,
        "拱北口岸、横琴口岸“一站式”车辆检测系统升级改造项目",
        18,
        Some(("100", "100", 1016)),
        Some("148.59"),
        Some("148.59"),
        Some("4.017735"),
    ),
    (
        1020,
        "拱北口岸受理楼(建)建筑物重建应急抢险工程",
        0,
        None,
        None,
        None,
        None,
    ),
    (
        1029,
        "购买服务经费",
        18,
        None,
        Some("561.64"),
        Some("561.64"),
        Some("363.3"),
    ),
    (
        1063,
        "青茂口岸安检服务经费",
        17,
        Some(("100", "100", 1095)),
        Some("640"),
        Some("640"),
        Some("640"),
    ),
    (
        1099,
        "项目经费-拱北海关",
        20,
        Some(("100", "99", 1132)),
        Some("107"),
        None,
        Some("102.65"),
    ),
    (
        1136,
        "粤港澳大湾区服务贸易大会服务采购费用余款",
        15,
        None,
        Some("330"),
        Some("330"),
        Some("330"),
    ),
    (
        1170,
        "2023粤港澳大湾区服务贸易大会",
        12,
        Some(("100", "100", 1191)),
        Some("600"),
        None,
        Some("600"),
    ),
    (
        1195,
        "粤港物流跨境货车集中接驳站二期建设项目",
        20,
        Some(("100", "100", 1228)),
        Some("3418.76"),
        None,
        Some("3418.76"),
    ),
    (
        1232,
        "粤港跨境货运集中接驳站应急抢险工程",
        17,
        Some(("100", "100", 1266)),
        Some("566.26"),
        Some("566.26"),
        Some("566.26"),
    ),
    (
        1268,
        "珠海市内外经贸发展专项资金(商贸类对区奖励事项)",
        18,
        Some(("100", "90", 1300)),
        Some("8089.36"),
        Some("0"),
        Some("0"),
    ),
    (
        1302,
        "珠海市内外经贸发展专项资金(商务类保留市级执行事务)",
        21,
        None,
        Some("3409.33"),
        Some("3634.36"),
        Some("3634.36"),
    ),
    (
        1367,
        "珠海市内外经贸发展专项资金(直播电商发展奖励资金)",
        20,
        Some(("100", "100", 1401)),
        Some("4000"),
        Some("683.5443"),
        Some("683.5443"),
    ),
    (
        1403,
        "2024珠海精品年货嘉年华暨直播电商节活动经费",
        13,
        None,
        Some("560"),
        None,
        Some("560"),
    ),
];

#[test]
fn seed_004_zhuhai_one_form_per_project() {
    let Some(doc) = seed("004_") else { return };
    let s = sheets(&doc);
    let with_project: Vec<&Form> = s.iter().copied().filter(|f| f.project.is_some()).collect();
    assert_eq!(with_project.len(), ZHUHAI.len());
    // Line 1197 repeats the title of line 1195 with only a blank line between: one form,
    // starting at the first title.
    assert!(
        s.iter().all(|f| f.project.is_some()),
        "a form without a project"
    );
    for (f, e) in with_project.iter().zip(ZHUHAI) {
        let (line, project, n, total, planned, allocated, paid) = e;
        assert_eq!((f.line_start, f.project.as_deref()), (line, Some(project)));
        assert_eq!(f.indicators.len(), n, "{project}");
        let t = f.total.as_ref().map(|t| (t.weight, t.score, t.line));
        assert_eq!(t, total.map(|(w, s, l)| (d(w), d(s), l)), "{project}");
        let m = f
            .money
            .as_ref()
            .unwrap_or_else(|| panic!("{project}: no money"));
        assert_eq!(
            (m.planned, m.allocated, m.paid),
            (planned.and_then(d), allocated.and_then(d), paid.and_then(d)),
            "{project}"
        );
        let year = if line == 1136 { 2022 } else { 2023 };
        assert_eq!(f.year, Some(year), "{project}: 评价年度");
        // Every indicator lies inside its form, and every path is 1 to 4 levels deep.
        for i in &f.indicators {
            assert!(i.line > f.line_start && i.line <= f.line_end);
            assert!((1..=4).contains(&i.path.len()) && i.path.len() == i.path_weights.len());
        }
    }
}

#[test]
fn seed_004_zhuhai_cells() {
    let Some(doc) = seed("004_") else { return };
    let s = sheets(&doc);

    // 博鳌: four levels, a level-1 weight repeated in further columns before the names.
    let f = sheet(&s, 653);
    let m = f.money.as_ref().unwrap();
    assert_eq!(
        (m.unit.as_deref(), m.evaluation_amount, m.allocated_transfer),
        (Some("万元"), d("638.25"), d("0"))
    );
    assert_eq!(f.unit.as_deref(), Some("珠海市商务局"));
    assert_eq!(
        f.field("goal_achieved").map(|x| (x.value.as_str(), x.line)),
        Some(("是", 662))
    );
    let i = at(f, 668);
    assert_eq!(i.path, ["决策", "项目立项", "论证决策", "论证充分性"]);
    assert_eq!(i.path_weights, [d("20"), None, d("4"), d("4")]);
    let i = at(f, 669);
    assert_eq!(i.path, ["决策", "项目立项", "目标设置", "完整性"]);
    assert_eq!((i.weight, i.score), (d("2"), d("2")));
    let i = at(f, 686);
    assert_eq!(i.path, ["效益", "效率性", "完成质量", "项目验收合格率"]);
    assert_eq!(
        (i.target.op, i.target.value, i.target.kind),
        (Some(Op::Gt), d("90"), ValueKind::Percent)
    );
    assert_eq!(
        (i.actual.value, i.weight, i.score),
        (d("88"), d("5"), d("4.41"))
    );
    let i = at(f, 691);
    assert_eq!(i.path[3], "推动产业可持续发展");
    assert_eq!(i.target.raw, "举办产业可持续发展相关论坛活动");
    assert!(i.actual.raw.starts_with("大会共举办了"));
    let i = at(f, 692);
    assert_eq!(i.path, ["效益", "公平性", "满意度", "服务对象满意度"]);
    assert_eq!(
        (i.target.raw.as_str(), i.actual.raw.as_str(), i.score),
        ("满意", "较满意", d("3.6"))
    );

    // 港口口岸安检服务费: clean rows `name | weight | score`.
    let f = sheet(&s, 867);
    let i = at(f, 881);
    assert_eq!(i.path, ["决策", "项目立项", "论证决策"]);
    assert_eq!(i.path_weights, [d("20"), d("12"), d("4")]);
    let i = at(f, 893);
    assert_eq!(i.path, ["过程", "事项管理", "管理情况"]);
    assert_eq!((i.weight, i.score), (d("4"), d("2")));

    // 一站式: `/` in the value columns, no weight columns in the header.
    let f = sheet(&s, 983);
    let i = at(f, 998);
    assert_eq!(i.path, ["决策", "项目立项", "论证决策", "论证充分性"]);
    assert_eq!(
        (i.weight, i.score, i.actual.kind),
        (d("4"), d("4"), ValueKind::Placeholder)
    );

    // 2023 大湾区服务贸易大会: header and upper grid summarised, then real rows; a weight
    // printed before the leaf name and again after it.
    let f = sheet(&s, 1170);
    let m = f.money.as_ref().unwrap();
    assert_eq!(
        (m.evaluation_amount, m.unit.as_deref()),
        (d("600"), Some("万元"))
    );
    assert_eq!(f.unit, None, "the summary gives an English name");
    assert_eq!(f.field("contact").map(|x| x.value.as_str()), Some("张清华"));
    let i = at(f, 1180);
    assert_eq!(
        i.path,
        [
            "产出",
            "效率性",
            "数量指标",
            "分论坛、展览、晚宴、配套活动数量"
        ]
    );
    assert_eq!(i.path_weights, [d("30"), d("50"), d("8"), d("8")]);
    assert_eq!(
        (i.target.op, i.target.value, i.target.unit.as_deref()),
        (Some(Op::Ge), d("9"), Some("个"))
    );
    assert_eq!((i.actual.value, i.score), (d("9"), d("8")));
    let i = at(f, 1181);
    assert_eq!(
        (i.weight, i.score, i.actual.raw.as_str()),
        (d("7"), d("7"), "5个")
    );
    let i = at(f, 1187);
    assert_eq!(
        (i.target.raw.as_str(), i.actual.raw.as_str()),
        ("采购珠海本地服务商数量=3家", "8家")
    );

    // 商贸类对区奖励: transfer columns carry the money.
    let f = sheet(&s, 1268);
    let m = f.money.as_ref().unwrap();
    assert_eq!(
        (m.allocated_transfer, m.paid_transfer, m.evaluation_amount),
        (d("8089.36"), d("8089.36"), d("8700"))
    );
    let i = at(f, 1298);
    assert_eq!(i.path, ["效益", "效果性", "社会效益"]);
    assert_eq!((i.weight, i.score), (d("50"), d("40")));

    // Summarised header: figures from the parentheses.
    let f = sheet(&s, 634);
    let m = f.money.as_ref().unwrap();
    assert_eq!((m.evaluation_amount, m.paid_transfer), (d("900"), d("0")));
    assert_eq!(
        f.field("goal_achieved").map(|x| x.value.as_str()),
        Some("是")
    );
    let f = sheet(&s, 1020);
    assert_eq!(f.money.as_ref().unwrap().evaluation_amount, d("1980.38"));
}

#[test]
fn seed_004_zhuhai_warnings() {
    let Some(doc) = seed("004_") else { return };
    let has = |a: u32, b: u32, text: &str| {
        doc.warnings
            .iter()
            .any(|w| w.line_start == a && w.line_end == b && w.message.contains(text))
    };
    for line in [649, 1026, 1177] {
        assert!(
            has(
                line,
                line,
                "indicator grid replaced by a summary; scores not recoverable"
            ),
            "{line}"
        );
    }
    assert!(has(
        1022,
        1022,
        "not recoverable: 实施文件依据, 资金安排情况, 资金使用情况, 绩效目标情况"
    ));
    // Rows of a project whose title and header are missing, after 博鳌's 合计.
    assert!(has(695, 699, "indicator rows after the 合计 row"));
    // 评分标准 printed as a separate block after the 合计 row.
    assert!(has(847, 863, "text after the 合计 row"));
    assert!(has(
        684,
        684,
        "`产出` (weight 30) printed with no indicator rows"
    ));
    for line in [1059, 1166, 1365, 1427] {
        assert!(has(line, line, "no 合计 row"), "{line}");
    }
    for line in [1095, 1266] {
        assert!(has(line, line, "without a 合计 label"), "{line}");
    }
    // Every warning of the appendix lies inside a scoresheet.
    let s = sheets(&doc);
    for w in doc.warnings.iter().filter(|w| w.line_start >= 634) {
        assert!(
            s.iter()
                .any(|f| f.line_start <= w.line_start && w.line_end <= f.line_end),
            "{w:?}"
        );
    }
}
