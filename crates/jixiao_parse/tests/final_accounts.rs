//! 部门决算: the nine tables and the claims of the 情况说明, read from a composed fixture
//! (`fixtures/final_accounts.txt`: an invented archive, figures that tie, the layout of a
//! published Guangdong final account — two-sided t1/t4/t6, a page break with a repeated header
//! and a misprinted `档次` row, empty t7/t8, a 12-column t9, and prose with every claim kind).

use jixiao_model::{Claim, Decimal, Document, Form, FormKind, Table, TableId, TableRow};

const FIXTURE: &str = include_str!("fixtures/final_accounts.txt");

fn doc() -> Document {
    jixiao_parse::parse_str("final_accounts.txt", FIXTURE)
}

fn form(doc: &Document) -> &Form {
    assert_eq!(doc.forms.len(), 1, "{:#?}", doc.warnings);
    &doc.forms[0]
}

/// 1-based number of the `n`-th line (0-based `n`) containing `needle`.
fn nth_line_of(needle: &str, n: usize) -> u32 {
    FIXTURE
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .nth(n)
        .map(|(i, _)| i as u32 + 1)
        .unwrap_or_else(|| panic!("`{needle}` not in the fixture"))
}

/// 1-based number of the line that is exactly `text`.
fn exact_line(text: &str) -> u32 {
    FIXTURE
        .lines()
        .position(|l| l == text)
        .map(|i| i as u32 + 1)
        .unwrap_or_else(|| panic!("no line `{text}`"))
}

fn line_of(needle: &str) -> u32 {
    nth_line_of(needle, 0)
}

fn d(s: &str) -> Decimal {
    jixiao_text::parse_decimal(s).unwrap()
}

fn table(f: &Form, id: TableId) -> &Table {
    f.table(id).unwrap_or_else(|| panic!("no {id}"))
}

fn row<'t>(t: &'t Table, side: Option<&str>, name: &str) -> &'t TableRow {
    t.rows
        .iter()
        .find(|r| r.name == name && r.side.as_deref() == side)
        .unwrap_or_else(|| panic!("{}: no row {name} ({side:?})", t.id))
}

fn by_code<'t>(t: &'t Table, code: &str) -> &'t TableRow {
    t.rows
        .iter()
        .find(|r| r.code.as_deref() == Some(code))
        .unwrap_or_else(|| panic!("{}: no row {code}", t.id))
}

fn side_count(t: &Table, side: &str) -> usize {
    t.rows
        .iter()
        .filter(|r| r.side.as_deref() == Some(side))
        .count()
}

fn v(r: &TableRow, col: usize) -> Decimal {
    r.values[col].unwrap_or_else(|| panic!("{} col {col} is blank", r.name))
}

#[test]
fn form_header_and_no_warnings() {
    let doc = doc();
    let f = form(&doc);
    assert_eq!(f.kind, FormKind::FinalAccounts);
    assert_eq!(f.year, Some(2024));
    assert_eq!(f.department.as_deref(), Some("安澜市档案馆"));
    assert_eq!(f.unit.as_deref(), Some("安澜市档案馆"));
    assert_eq!(f.line_start, line_of("2024年度安澜市档案馆部门决算"));
    assert_eq!(f.line_end, line_of("基本支出：本馆维持日常运转"));
    assert!(doc.warnings.is_empty(), "{:#?}", doc.warnings);
}

#[test]
fn nine_tables_found_by_title_not_by_toc() {
    let doc = doc();
    let f = form(&doc);
    let ids: Vec<TableId> = f.tables.iter().map(|t| t.id).collect();
    assert_eq!(ids, TableId::ALL);
    // The table of contents (`- 一、收入支出决算总表`) is not a table.
    assert_eq!(f.tables[0].line_start, exact_line("收入支出决算总表"));
    assert!(f.tables[0].line_start > line_of("- 一、收入支出决算总表"));
    assert!(f.tables.iter().all(|t| t.unit.as_deref() == Some("万元")));
    assert!(f.tables.iter().all(|t| !t.summarised));
    assert_eq!(
        table(f, TableId::Appropriation).alias,
        "财政拨款收入支出决算总表"
    );
    assert_eq!(
        table(f, TableId::BasicSpending).alias,
        "一般公共预算财政拨款基本支出决算明细表"
    );
    let t9 = table(f, TableId::SanGong);
    assert_eq!(t9.title, "财政拨款\"三公\"经费支出决算表");
    assert_eq!(t9.alias, "财政拨款三公经费支出决算表");
    assert_eq!(t9.line_start, exact_line("财政拨款\"三公\"经费支出决算表"));
    let counts: Vec<usize> = f.tables.iter().map(|t| t.rows.len()).collect();
    assert_eq!(counts, [26, 15, 15, 16, 15, 26, 1, 1, 1]);
}

#[test]
fn t1_is_split_into_income_and_spending_rows() {
    let doc = doc();
    let t1 = table(form(&doc), TableId::Summary);
    assert_eq!(t1.columns, ["决算数"]);
    assert_eq!(t1.side_columns["收入"], ["决算数"]);
    assert_eq!(t1.side_columns["支出"], ["决算数"]);
    assert_eq!((side_count(t1, "收入"), side_count(t1, "支出")), (12, 14));

    let first = row(t1, Some("收入"), "一、一般公共预算财政拨款收入");
    assert_eq!(first.row_no, Some(1));
    assert_eq!(first.values, [Some(d("1,250.40"))]);
    assert_eq!(first.raw, ["1,250.40"]);
    assert_eq!(first.line, line_of("一、一般公共预算财政拨款收入\t1\t"));
    let paired = row(t1, Some("支出"), "一、一般公共服务支出");
    assert_eq!((paired.row_no, paired.line), (Some(31), first.line));

    // `\t9\t\t九、卫生健康支出…`: a 行次 but no income item → only the spending row.
    let health = row(t1, Some("支出"), "九、卫生健康支出");
    assert_eq!(health.row_no, Some(39));
    assert_eq!(t1.rows.iter().filter(|r| r.line == health.line).count(), 1);

    // The rows tie: 本年收入合计 = lines 1–8; 总计 = 本年收入合计 + 结余 + 年初结转.
    let income: Decimal = t1
        .rows
        .iter()
        .filter(|r| r.side.as_deref() == Some("收入") && r.row_no.is_some_and(|n| n <= 8))
        .map(|r| v(r, 0))
        .sum();
    assert_eq!(income, v(row(t1, Some("收入"), "本年收入合计"), 0));
    let total_in = v(row(t1, Some("收入"), "总计"), 0);
    let total_out = v(row(t1, Some("支出"), "总计"), 0);
    assert_eq!(total_in, total_out);
    assert_eq!(total_in, d("1,298.00"));
    assert_eq!(
        total_in,
        v(row(t1, Some("收入"), "本年收入合计"), 0)
            + v(row(t1, Some("收入"), "使用非财政拨款结余(含专用结余)"), 0)
            + v(row(t1, Some("收入"), "年初结转和结余"), 0)
    );
    assert_eq!(t1.line_end, line_of("2. 金额由元折算为万元"));
}

#[test]
fn t2_continues_after_a_repeated_header_with_a_dangci_row() {
    let doc = doc();
    let t2 = table(form(&doc), TableId::Income);
    assert_eq!(
        t2.columns,
        [
            "本年收入合计",
            "财政拨款收入",
            "上级补助收入",
            "事业收入",
            "经营收入",
            "附属单位上缴收入",
            "其他收入"
        ]
    );
    assert!(t2.side_columns.is_empty());
    // `合计\t\t1,286.00…`: the name sits in the code column, the amounts still line up.
    let total = &t2.rows[0];
    assert_eq!((total.code.as_deref(), total.name.as_str()), (None, "合计"));
    assert_eq!(total.values[0], Some(d("1,286.00")));
    assert_eq!(total.values[6], Some(d("5.60")));
    assert_eq!(total.line, line_of("合计\t\t1,286.00"));

    let dangci = line_of("\t档次\t");
    let after = by_code(t2, "2080505");
    assert!(after.line > dangci);
    assert_eq!(after.name, "机关事业单位基本养老保险缴费支出");
    assert_eq!(after.values[1], Some(d("75.00")));
    assert_eq!(
        by_code(t2, "2210201").line,
        line_of("2210201\t住房公积金\t50.00\t50.00\t0.00\t0.00")
    );
    assert_eq!(
        t2.line_end,
        line_of("注：本表按功能分类列示本馆全年各项收入。")
    );

    // Every row: 栏1 = Σ 栏2–7; 合计 = Σ 类.
    for r in &t2.rows {
        let parts: Decimal = (1..7).map(|c| v(r, c)).sum();
        assert_eq!(v(r, 0), parts, "{}", r.name);
    }
    let classes: Decimal = t2
        .rows
        .iter()
        .filter(|r| r.code.as_ref().is_some_and(|c| c.len() == 3))
        .map(|r| v(r, 0))
        .sum();
    assert_eq!(classes, v(total, 0));
    let r = by_code(t2, "2012604");
    assert_eq!(
        r.raw,
        ["466.00", "430.40", "0.00", "30.00", "0.00", "0.00", "5.60"]
    );
}

#[test]
fn t3_and_t5_shifted_total_rows_and_identities() {
    let doc = doc();
    let f = form(&doc);
    let t3 = table(f, TableId::Expenditure);
    assert_eq!(t3.rows[0].name, "合计");
    assert_eq!(t3.rows[0].code, None);
    assert_eq!(t3.rows[0].line, line_of("\t合计\t1,290.00"));
    assert_eq!(
        t3.rows[0].values[..3],
        [Some(d("1,290.00")), Some(d("820.00")), Some(d("470.00"))]
    );
    assert!(t3.rows[1..].iter().all(|r| r
        .code
        .as_ref()
        .is_some_and(|c| matches!(c.len(), 3 | 5 | 7))));
    for r in &t3.rows {
        assert_eq!(
            v(r, 0),
            (1..6).map(|c| v(r, c)).sum::<Decimal>(),
            "{}",
            r.name
        );
    }

    let t5 = table(f, TableId::GeneralBudget);
    assert_eq!(t5.columns, ["本年支出合计", "基本支出", "项目支出"]);
    for r in &t5.rows {
        assert_eq!(v(r, 0), v(r, 1) + v(r, 2), "{}", r.name);
    }
    let t6 = table(f, TableId::BasicSpending);
    let staff = v(row(t6, Some("人员经费"), "人员经费合计"), 0);
    let office = v(row(t6, Some("公用经费"), "公用经费合计"), 0);
    assert_eq!(v(&t5.rows[0], 1), staff + office);
}

#[test]
fn t4_income_sub_lines_are_kept_and_blank_halves_dropped() {
    let doc = doc();
    let t4 = table(form(&doc), TableId::Appropriation);
    assert_eq!(t4.columns, ["金额"]);
    assert_eq!(
        t4.side_columns["支出"],
        [
            "合计",
            "一般公共预算财政拨款",
            "政府性基金预算财政拨款",
            "国有资本经营预算财政拨款"
        ]
    );
    assert_eq!((side_count(t4, "收入"), side_count(t4, "支出")), (9, 7));
    let sub = row(t4, Some("收入"), "一般公共预算财政拨款");
    assert_eq!(
        (sub.row_no, sub.values.as_slice()),
        (Some(29), &[Some(d("0.00"))][..])
    );
    // Its spending half (`\t61\t\t\t\t`) has no item: no row on that line for 支出.
    assert_eq!(t4.rows.iter().filter(|r| r.line == sub.line).count(), 1);
    let spend = row(t4, Some("支出"), "本年支出合计");
    assert_eq!(spend.values.len(), 4);
    assert_eq!(spend.row_no, Some(59));
    for r in t4.rows.iter().filter(|r| r.side.as_deref() == Some("支出")) {
        assert_eq!(v(r, 0), v(r, 1) + v(r, 2) + v(r, 3), "{}", r.name);
    }
    assert_eq!(v(row(t4, Some("收入"), "本年收入合计"), 0), v(spend, 1));
}

#[test]
fn t6_two_lanes_across_a_page_break() {
    let doc = doc();
    let t6 = table(form(&doc), TableId::BasicSpending);
    assert_eq!(t6.side_columns["人员经费"], ["金额"]);
    assert_eq!(t6.side_columns["公用经费"], ["金额"]);
    assert_eq!(
        (side_count(t6, "人员经费"), side_count(t6, "公用经费")),
        (12, 14)
    );
    let repeated = nth_line_of("经济分类科目编码\t科目名称\t金额", 1);
    let welfare = by_code(t6, "30229");
    assert!(welfare.line > repeated);
    assert_eq!(welfare.side.as_deref(), Some("公用经费"));
    assert_eq!(welfare.values, [Some(d("9.00"))]);
    // Lines with only the 公用经费 lane.
    let equipment = by_code(t6, "31002");
    assert_eq!(
        t6.rows.iter().filter(|r| r.line == equipment.line).count(),
        1
    );
    assert_eq!(
        row(t6, Some("公用经费"), "维修(护)费").code.as_deref(),
        Some("30213")
    );
    // Each lane ties: 合计 = Σ 类 (3-digit codes).
    for (side, total) in [("人员经费", "人员经费合计"), ("公用经费", "公用经费合计")]
    {
        let classes: Decimal = t6
            .rows
            .iter()
            .filter(|r| r.side.as_deref() == Some(side))
            .filter(|r| r.code.as_ref().is_some_and(|c| c.len() == 3))
            .map(|r| v(r, 0))
            .sum();
        let t = row(t6, Some(side), total);
        assert_eq!(classes, v(t, 0), "{side}");
        assert_eq!(t.code, None);
        assert_eq!(t.line, line_of("\t人员经费合计\t742.00"));
    }
}

#[test]
fn t7_t8_empty_statements_and_t9_twelve_columns() {
    let doc = doc();
    let f = form(&doc);
    let t7 = table(f, TableId::GovernmentFund);
    assert!(t7.empty_statement);
    assert_eq!(
        t7.empty_statement_line,
        Some(nth_line_of("本表本年度无发生额。", 0))
    );
    assert_eq!(t7.rows[0].name, "合计");
    assert!(t7.rows[0].values.iter().all(Option::is_none));
    assert_eq!(t7.rows[0].raw, ["", "", "", "", "", ""]);
    assert_eq!(t7.columns[2], "本年支出/小计");

    let t8 = table(f, TableId::StateCapital);
    assert!(t8.empty_statement);
    assert_eq!(
        t8.empty_statement_line,
        Some(nth_line_of("本表本年度无发生额。", 1))
    );
    assert_eq!(t8.line_end, nth_line_of("本表本年度无发生额。", 1));
    assert_eq!(
        t8.columns,
        ["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"]
    );
    assert_eq!(t8.rows[0].values, [Some(d("0.00")); 3]);
    assert_eq!(t8.rows[0].name, "合计");

    let t9 = table(f, TableId::SanGong);
    assert_eq!(t9.columns.len(), 12);
    assert_eq!(t9.columns[0], "预算数/合计");
    assert_eq!(t9.columns[1], "预算数/因公出国(境)费");
    assert_eq!(
        t9.columns[3],
        "预算数/公务用车购置及运行维护费/公务用车购置费"
    );
    assert_eq!(
        t9.columns[10],
        "决算数/公务用车购置及运行维护费/公务用车运行维护费"
    );
    assert_eq!(t9.columns[11], "决算数/公务接待费");
    let r = &t9.rows[0];
    assert_eq!(r.name, "");
    assert_eq!(r.line, line_of("10.00\t0.00\t6.00"));
    for half in [0, 6] {
        assert_eq!(v(r, half), v(r, half + 1) + v(r, half + 2) + v(r, half + 5));
        assert_eq!(v(r, half + 2), v(r, half + 3) + v(r, half + 4));
    }
    assert_eq!(v(r, 11), d("1.20"));
}

fn claims_of<'d>(doc: &'d Document, kind: &str) -> Vec<&'d Claim> {
    doc.claims.iter().filter(|c| c.kind == kind).collect()
}

#[test]
fn claims_of_every_kind() {
    let doc = doc();
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for k in [
        "yoy_change",
        "flat",
        "budget_change",
        "budget_completion",
        "share",
        "sum",
        "project_execution",
    ] {
        kinds.push((k, claims_of(&doc, k).len()));
    }
    assert_eq!(
        kinds,
        [
            ("yoy_change", 8),
            ("flat", 3),
            ("budget_change", 2),
            ("budget_completion", 3),
            ("share", 3),
            ("sum", 2),
            ("project_execution", 2)
        ]
    );
    assert_eq!(doc.claims.len(), 23);
    assert!(doc.claims.iter().all(|c| c.unit.as_deref() == Some("万元")));

    let yoy = &claims_of(&doc, "yoy_change")[0];
    assert_eq!(yoy.subject.as_deref(), Some("一般公共预算财政拨款收入"));
    assert_eq!(yoy.line, line_of("1. 一般公共预算财政拨款收入1,250.4万元"));
    assert_eq!(yoy.inputs["amount"], d("1,250.4"));
    assert_eq!(yoy.inputs["amount"].scale(), 1);
    assert_eq!(yoy.inputs["change"], d("50.4"));
    assert_eq!(yoy.stated["growth_pct"], d("4.2"));

    let down = claims_of(&doc, "yoy_change")[1];
    assert_eq!(down.subject.as_deref(), Some("事业收入"));
    assert_eq!(
        (down.inputs["change"], down.stated["growth_pct"]),
        (d("-6"), d("-16.7"))
    );
    let zero_base = claims_of(&doc, "yoy_change")[2];
    assert_eq!(zero_base.inputs["base_zero"], Decimal::ONE);
    assert!(zero_base.stated.is_empty());

    let flat = claims_of(&doc, "flat")[0];
    assert_eq!(flat.subject.as_deref(), Some("政府性基金预算财政拨款收入"));
    assert_eq!(
        (flat.inputs["amount"], flat.stated["change"]),
        (d("0"), Decimal::ZERO)
    );
}

#[test]
fn claims_across_wrapped_lines_sums_and_projects() {
    let doc = doc();
    let changes = claims_of(&doc, "budget_change");
    assert_eq!(changes[0].stated["growth_pct"], d("13.7"));
    assert_eq!(changes[0].inputs["change"], d("150.4"));
    // The sentence wraps mid-word over a blank line; the second figure keeps its own line.
    assert_eq!(
        changes[1].line,
        line_of("支出；政府性基金预算财政拨款支出0万元")
    );
    assert_eq!(changes[1].inputs["base_zero"], Decimal::ONE);

    let completion = claims_of(&doc, "budget_completion");
    assert_eq!(
        completion[0].subject.as_deref(),
        Some("“三公”经费财政拨款支出")
    );
    assert_eq!(completion[0].inputs["actual"], d("6"));
    assert_eq!(completion[0].inputs["budget"], d("10"));
    assert_eq!(completion[0].stated["completion_pct"], d("60"));
    assert_eq!(completion[1].subject.as_deref(), Some("因公出国（境）费"));
    assert_eq!(completion[1].inputs["base_zero"], Decimal::ONE);

    let shares = claims_of(&doc, "share");
    assert_eq!(
        shares[0].subject.as_deref(),
        Some("公务用车购置及运行维护费")
    );
    assert_eq!(
        (shares[0].inputs["amount"], shares[0].stated["share_pct"]),
        (d("4.8"), d("80"))
    );
    assert_eq!(shares[2].subject.as_deref(), Some("授予中小企业合同金额"));

    let sums = claims_of(&doc, "sum");
    assert_eq!(sums[0].subject.as_deref(), Some("财政拨款收入合计"));
    assert_eq!(sums[0].inputs.len(), 4);
    assert_eq!(sums[1].inputs["total"], d("120"));
    let parts: Decimal = ["part_1", "part_2", "part_3"]
        .iter()
        .map(|k| sums[1].inputs[*k])
        .sum();
    assert_eq!(parts, sums[1].inputs["total"]);

    let projects = claims_of(&doc, "project_execution");
    assert_eq!(projects[0].subject.as_deref(), Some("档案数字化加工"));
    assert_eq!(projects[0].inputs["adjustment"], d("30.4"));
    assert_eq!(projects[0].inputs["executed"], d("330.4"));
    let repair = projects[1];
    assert_eq!(repair.subject.as_deref(), Some("馆藏修复"));
    assert_eq!(repair.line, line_of("馆藏修复项目绩效自评情况"));
    assert_eq!(repair.inputs["budget"], d("200"));
    assert_eq!(repair.inputs["adjusted_budget"], d("140"));
    assert_eq!(repair.inputs["executed"], d("100"));
    assert_eq!(repair.stated["completion_pct"], d("71.43"));
    assert!(repair
        .text
        .starts_with("馆藏修复项目绩效自评情况：项目全年预算数为200万元"));
}

#[test]
fn json_contract_fields() {
    let doc = doc();
    let json = serde_json::to_value(&doc).unwrap();
    let t1 = &json["forms"][0]["tables"][0];
    assert_eq!(t1["id"], "t1");
    assert_eq!(t1["side_columns"]["收入"][0], "决算数");
    assert_eq!(t1["rows"][0]["side"], "收入");
    assert_eq!(t1["rows"][0]["row_no"], 1);
    let t7 = &json["forms"][0]["tables"][6];
    assert_eq!(t7["empty_statement"], true);
    assert!(t7["empty_statement_line"].is_u64());
    assert_eq!(json["claims"][0]["kind"], "yoy_change");
}
