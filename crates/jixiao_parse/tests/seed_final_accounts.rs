//! Acceptance test over a real published 部门决算 (seed 004: a Zhuhai bureau, 2023), when the
//! shared seeds are present next to the checkout. Every count and cell pinned here was checked
//! by hand against the source text, table by table.

use jixiao_model::{Claim, Decimal, Document, Form, FormKind, Table, TableId, TableRow};

#[path = "support/seeds.rs"]
mod seeds;

fn seed() -> Option<Document> {
    seeds::parse("004_", "004_35ac3d5a6e62b8b0.txt")
}

fn d(s: &str) -> Decimal {
    jixiao_text::parse_decimal(s).unwrap()
}

fn fa(doc: &Document) -> &Form {
    let f = &doc.forms[0];
    assert_eq!(f.kind, FormKind::FinalAccounts);
    f
}

fn table(f: &Form, id: TableId) -> &Table {
    f.table(id).unwrap_or_else(|| panic!("no {id}"))
}

fn at_line(t: &Table, line: u32) -> Vec<&TableRow> {
    t.rows.iter().filter(|r| r.line == line).collect()
}

fn side_count(t: &Table, side: &str) -> usize {
    t.rows
        .iter()
        .filter(|r| r.side.as_deref() == Some(side))
        .count()
}

fn claims<'d>(doc: &'d Document, kind: &str) -> Vec<&'d Claim> {
    doc.claims.iter().filter(|c| c.kind == kind).collect()
}

#[test]
fn seed_004_form_and_tables() {
    let Some(doc) = seed() else { return };
    let f = fa(&doc);
    assert_eq!(f.year, Some(2023));
    assert_eq!(f.department.as_deref(), Some("珠海市商务局（本级）"));
    assert_eq!(f.unit.as_deref(), Some("珠海市商务局（本级）"));
    assert_eq!((f.line_start, f.line_end), (3, 630));
    // The scoresheets of the appendix are separate forms.
    assert!(doc.forms[1..]
        .iter()
        .all(|f| f.kind == FormKind::EvaluationScoresheet));
    // No warning inside the final account.
    assert!(
        doc.warnings.iter().all(|w| w.line_start > 632),
        "{:#?}",
        doc.warnings
    );

    let ids: Vec<TableId> = f.tables.iter().map(|t| t.id).collect();
    assert_eq!(ids, TableId::ALL);
    let starts: Vec<u32> = f.tables.iter().map(|t| t.line_start).collect();
    assert_eq!(starts, [79, 127, 175, 223, 271, 319, 391, 405, 419]);
    let ends: Vec<u32> = f.tables.iter().map(|t| t.line_end).collect();
    assert_eq!(ends, [125, 173, 221, 269, 317, 389, 403, 417, 431]);
    let rows: Vec<usize> = f.tables.iter().map(|t| t.rows.len()).collect();
    assert_eq!(rows, [42, 32, 32, 38, 32, 83, 1, 1, 1]);
    assert!(f.tables.iter().all(|t| t.unit.as_deref() == Some("万元")));
    assert_eq!(
        table(f, TableId::BasicSpending).alias,
        "一般公共预算财政拨款基本支出决算明细表"
    );
    assert_eq!(
        table(f, TableId::SanGong).alias,
        "财政拨款三公经费支出决算表"
    );
}

#[test]
fn seed_004_t1_t4_sides() {
    let Some(doc) = seed() else { return };
    let f = fa(&doc);
    let t1 = table(f, TableId::Summary);
    assert_eq!((side_count(t1, "收入"), side_count(t1, "支出")), (12, 30));
    let l88 = at_line(t1, 88);
    assert_eq!(l88.len(), 2);
    assert_eq!(
        (l88[0].side.as_deref(), l88[0].name.as_str(), l88[0].row_no),
        (Some("收入"), "一、一般公共预算财政拨款收入", Some(1))
    );
    assert_eq!(l88[0].values, [Some(d("86,005.03"))]);
    assert_eq!(
        (l88[1].row_no, l88[1].values[0]),
        (Some(31), Some(d("58,918.22")))
    );
    // Line 96 `\t9\t\t九、卫生健康支出\t39\t3,109.23`: spending only.
    let l96 = at_line(t1, 96);
    assert_eq!(l96.len(), 1);
    assert_eq!(
        (l96[0].side.as_deref(), l96[0].row_no),
        (Some("支出"), Some(39))
    );
    // After the page break (repeated header, lines 109–111).
    let l112 = at_line(t1, 112);
    assert_eq!(l112[0].name, "二十一、国有资本经营预算支出");
    let totals = at_line(t1, 121);
    assert_eq!(totals.len(), 2);
    assert_eq!(totals[0].values, totals[1].values);
    assert_eq!(totals[0].values[0], Some(d("86,257.73")));

    let t4 = table(f, TableId::Appropriation);
    assert_eq!((side_count(t4, "收入"), side_count(t4, "支出")), (9, 29));
    assert_eq!(
        t4.side_columns["支出"],
        [
            "合计",
            "一般公共预算财政拨款",
            "政府性基金预算财政拨款",
            "国有资本经营预算财政拨款"
        ]
    );
    let l264 = at_line(t4, 264);
    assert_eq!(l264.len(), 1);
    assert_eq!(
        (l264[0].name.as_str(), l264[0].row_no, l264[0].values[0]),
        ("一般公共预算财政拨款", Some(29), Some(d("0.00")))
    );
    let l262 = at_line(t4, 262);
    assert_eq!(l262[1].name, "本年支出合计");
    assert_eq!(l262[1].values[1], Some(d("86,005.03")));
}

#[test]
fn seed_004_coded_tables() {
    let Some(doc) = seed() else { return };
    let f = fa(&doc);
    let t2 = table(f, TableId::Income);
    assert_eq!(t2.columns.len(), 7);
    assert_eq!(t2.columns[0], "本年收入合计");
    assert_eq!(t2.columns[6], "其他收入");
    let total = &t2.rows[0];
    assert_eq!(
        (total.name.as_str(), total.code.as_deref(), total.line),
        ("合计", None, 136)
    );
    assert_eq!(total.values[1], Some(d("86,005.03")));
    assert_eq!(total.values[6], Some(d("209.65")));
    // First row after the page break with the misprinted 档次 row (line 162).
    let l163 = at_line(t2, 163);
    assert_eq!(l163[0].code.as_deref(), Some("2100410"));
    assert_eq!(l163[0].values[0], Some(d("2,931.25")));
    assert_eq!(at_line(t2, 144)[0].raw[0], "39,914.26");

    let t3 = table(f, TableId::Expenditure);
    assert_eq!(t3.rows[0].name, "合计");
    assert_eq!(t3.rows[0].line, 184);
    assert_eq!(t3.rows[0].values[1], Some(d("6,138.49")));
    assert_eq!(at_line(t3, 192)[0].values[2], Some(d("39,933.14")));

    let t5 = table(f, TableId::GeneralBudget);
    assert_eq!(t5.columns, ["本年支出合计", "基本支出", "项目支出"]);
    assert_eq!(t5.rows[0].values[2], Some(d("79,866.54")));
    assert_eq!(at_line(t5, 308)[0].code.as_deref(), Some("21011"));

    let t6 = table(f, TableId::BasicSpending);
    assert_eq!(
        (side_count(t6, "人员经费"), side_count(t6, "公用经费")),
        (28, 55)
    );
    let l387 = at_line(t6, 387);
    assert_eq!(l387.len(), 2);
    assert_eq!(
        (l387[0].name.as_str(), l387[0].values[0]),
        ("人员经费合计", Some(d("5,665.82")))
    );
    assert_eq!(
        (l387[1].name.as_str(), l387[1].values[0]),
        ("公用经费合计", Some(d("472.67")))
    );
    assert_eq!(l387[1].side.as_deref(), Some("公用经费"));
    // `\t\t\t30299\t其他商品和服务支出\t58.53`: 公用经费 only.
    let l357 = at_line(t6, 357);
    assert_eq!(l357.len(), 1);
    assert_eq!(
        (l357[0].code.as_deref(), l357[0].side.as_deref()),
        (Some("30299"), Some("公用经费"))
    );
    assert_eq!(at_line(t6, 338)[1].name, "因公出国(境)费用");

    for id in [TableId::GovernmentFund, TableId::StateCapital] {
        let t = table(f, id);
        assert!(t.empty_statement, "{id}");
        assert_eq!(t.rows[0].name, "合计");
        assert!(t.rows[0].values.iter().all(|v| *v == Some(Decimal::ZERO)));
    }
    assert_eq!(
        table(f, TableId::GovernmentFund).empty_statement_line,
        Some(403)
    );
    assert_eq!(
        table(f, TableId::StateCapital).empty_statement_line,
        Some(417)
    );
    assert_eq!(table(f, TableId::GovernmentFund).columns.len(), 6);

    let t9 = table(f, TableId::SanGong);
    assert_eq!(t9.columns.len(), 12);
    assert_eq!(t9.columns[2], "预算数/公务用车购置及运行维护费/小计");
    assert_eq!(t9.columns[7], "决算数/因公出国(境)费");
    let r = &t9.rows[0];
    assert_eq!(r.line, 429);
    assert_eq!(r.values.len(), 12);
    assert_eq!(
        (r.values[0], r.values[6], r.values[7], r.values[11]),
        (
            Some(d("99.28")),
            Some(d("89.53")),
            Some(d("85.67")),
            Some(d("3.86"))
        )
    );
}

#[test]
fn seed_004_claims() {
    let Some(doc) = seed() else { return };
    let count = |k: &str| claims(&doc, k).len();
    assert_eq!(count("yoy_change"), 15);
    assert_eq!(count("flat"), 9);
    assert_eq!(count("budget_change"), 3);
    assert_eq!(count("budget_completion"), 6);
    assert_eq!(count("share"), 9);
    assert_eq!(count("sum"), 3);
    assert_eq!(count("project_execution"), 22);
    assert_eq!(doc.claims.len(), 67);

    let yoy = claims(&doc, "yoy_change")[0];
    assert_eq!(yoy.line, 441);
    assert_eq!(yoy.subject.as_deref(), Some("一般公共预算财政拨款收入"));
    assert_eq!(yoy.inputs["amount"], d("86,005.03"));
    assert_eq!(yoy.inputs["change"], d("15,970.4"));
    assert_eq!(yoy.stated["growth_pct"], d("22.8"));
    let basic = claims(&doc, "yoy_change")[2];
    assert_eq!(basic.subject.as_deref(), Some("基本支出"));
    assert_eq!(
        (basic.inputs["change"], basic.stated["growth_pct"]),
        (d("-327.69"), d("-5.1"))
    );

    let sangong = claims(&doc, "budget_completion")[0];
    assert_eq!(sangong.line, 487);
    assert_eq!(sangong.inputs["actual"], d("89.53"));
    assert_eq!(sangong.inputs["budget"], d("99.28"));
    assert_eq!(sangong.stated["completion_pct"], d("90.2"));
    assert_eq!(
        claims(&doc, "budget_completion")[2].inputs["base_zero"],
        Decimal::ONE
    );

    let shares: Vec<(Option<&str>, Decimal)> = claims(&doc, "share")[..3]
        .iter()
        .map(|c| (c.subject.as_deref(), c.stated["share_pct"]))
        .collect();
    assert_eq!(
        shares,
        [
            (Some("因公出国（境）费"), d("95.7")),
            (Some("公务用车购置及运行维护费"), d("0")),
            (Some("公务接待费"), d("4.3"))
        ]
    );
    assert!(claims(&doc, "share")[..3].iter().all(|c| c.line == 495));

    // The wrapped sentence (lines 479 / 481): the second change keeps line 481.
    let changes = claims(&doc, "budget_change");
    assert_eq!((changes[0].line, changes[1].line), (479, 481));
    assert_eq!(changes[0].stated["growth_pct"], d("31.2"));
    assert_eq!(changes[1].inputs["base_zero"], Decimal::ONE);

    let procurement = claims(&doc, "sum")[2];
    assert_eq!(procurement.inputs["total"], d("7,636.12"));
    assert_eq!(procurement.inputs["part_3"], d("7,519.39"));

    let check = claims(&doc, "project_execution")
        .into_iter()
        .find(|c| c.subject.as_deref() == Some("查验配套服务费"))
        .unwrap();
    assert_eq!(check.line, 555);
    assert_eq!(check.inputs["budget"], d("500"));
    assert_eq!(check.inputs["executed"], d("394.86"));
    assert_eq!(check.stated["completion_pct"], d("100"));
    let live = claims(&doc, "project_execution")[2];
    assert_eq!(live.inputs["adjusted_budget"], d("1243.54"));
    assert_eq!(live.stated["completion_pct"], d("86.47"));
    let down = claims(&doc, "project_execution")[1];
    assert_eq!(down.inputs["adjustment"], d("-610.64"));
}
