//! 部门决算 writer: the nine tables in the standard layout (title, `单位：` lines, header block
//! with its 栏次 row, rows, note, 本表本年度无发生额). Two-sided tables put the rows that share a
//! source line side by side again.

use jixiao_model::{Form, Table, TableId, TableRow};

use crate::{line, Style};

/// Header block (without the 栏次 row) and 栏次 row per standard table.
fn header(id: TableId) -> (&'static [&'static [&'static str]], &'static [&'static str]) {
    match id {
        TableId::Summary => (
            &[
                &["收入", "", "", "支出", "", ""],
                &["项目", "行次", "决算数", "项目", "行次", "决算数"],
            ],
            &["栏次", "", "1", "栏次", "", "2"],
        ),
        TableId::Income => (
            &[
                &[
                    "项目",
                    "",
                    "本年收入合计",
                    "财政拨款收入",
                    "上级补助收入",
                    "事业收入",
                    "经营收入",
                    "附属单位上缴收入",
                    "其他收入",
                ],
                &["功能分类科目编码", "科目名称", "", "", "", "", "", "", ""],
            ],
            &["栏次", "", "1", "2", "3", "4", "5", "6", "7"],
        ),
        TableId::Expenditure => (
            &[
                &[
                    "项目",
                    "",
                    "本年支出合计",
                    "基本支出",
                    "项目支出",
                    "上缴上级支出",
                    "经营支出",
                    "对附属单位补助支出",
                ],
                &["功能分类科目编码", "科目名称", "", "", "", "", "", ""],
            ],
            &["", "栏次", "1", "2", "3", "4", "5", "6"],
        ),
        TableId::Appropriation => (
            &[
                &["收入", "", "", "支出", "", "", "", "", ""],
                &[
                    "项目",
                    "行次",
                    "金额",
                    "项目",
                    "行次",
                    "合计",
                    "一般公共预算财政拨款",
                    "政府性基金预算财政拨款",
                    "国有资本经营预算财政拨款",
                ],
            ],
            &["栏次", "", "1", "栏次", "", "2", "3", "4", "5"],
        ),
        TableId::GeneralBudget => (
            &[
                &["项目", "", "本年支出合计", "基本支出", "项目支出"],
                &["功能分类科目编码", "科目名称", "", "", ""],
            ],
            &["", "栏次", "1", "2", "3"],
        ),
        TableId::BasicSpending => (
            &[
                &["人员经费", "", "", "公用经费", "", ""],
                &[
                    "经济分类科目编码",
                    "科目名称",
                    "金额",
                    "经济分类科目编码",
                    "科目名称",
                    "金额",
                ],
            ],
            &[],
        ),
        TableId::GovernmentFund => (
            &[
                &[
                    "项目",
                    "",
                    "年初结转和结余",
                    "本年收入",
                    "本年支出",
                    "",
                    "",
                    "年末结转和结余",
                ],
                &[
                    "功能分类科目编码",
                    "科目名称",
                    "",
                    "",
                    "小计",
                    "基本支出",
                    "项目支出",
                    "",
                ],
            ],
            &["", "栏次", "1", "2", "3", "4", "5", "6"],
        ),
        TableId::StateCapital => (
            &[
                &["项目", "", "本年支出", "", ""],
                &[
                    "功能分类科目编码",
                    "科目名称",
                    "小计",
                    "基本支出",
                    "项目支出",
                ],
            ],
            &["", "栏次", "1", "2", "3"],
        ),
        _ => (
            &[
                &["预算数", "", "", "", "", "", "决算数", "", "", "", "", ""],
                &[
                    "合计",
                    "因公出国(境)费",
                    "公务用车购置及运行维护费",
                    "",
                    "",
                    "公务接待费",
                    "合计",
                    "因公出国(境)费",
                    "公务用车购置及运行维护费",
                    "",
                    "",
                    "公务接待费",
                ],
                &[
                    "",
                    "",
                    "小计",
                    "公务用车购置费",
                    "公务用车运行维护费",
                    "",
                    "",
                    "",
                    "小计",
                    "公务用车购置费",
                    "公务用车运行维护费",
                    "",
                ],
            ],
            &[
                "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
            ],
        ),
    }
}

/// The cells of one side of a two-sided row: name, 行次 and values (t1/t4), or code, name and
/// amount (t6); empty cells when the side has no row.
fn side_cells(id: TableId, row: Option<&TableRow>, width: usize) -> Vec<String> {
    let mut cells = Vec::with_capacity(width);
    match row {
        Some(r) if id == TableId::BasicSpending => {
            cells.push(r.code.clone().unwrap_or_default());
            cells.push(r.name.clone());
            cells.extend(r.raw.iter().cloned());
        }
        Some(r) => {
            cells.push(r.name.clone());
            cells.push(r.row_no.map(|n| n.to_string()).unwrap_or_default());
            cells.extend(r.raw.iter().cloned());
        }
        None => {}
    }
    cells.resize(width, String::new());
    cells
}

fn render_table(t: &Table, unit_name: &str, out: &mut String) {
    line(out, &[&t.title]);
    out.push('\n');
    line(out, &[&format!("单位：{unit_name}")]);
    out.push('\n');
    line(
        out,
        &[&format!("单位：{}", t.unit.as_deref().unwrap_or("万元"))],
    );
    out.push('\n');
    if t.summarised {
        line(out, &["Table with columns summarised in the source"]);
        out.push('\n');
        return;
    }
    let (head, lanci) = header(t.id);
    for h in head {
        line(out, h);
    }
    if !lanci.is_empty() {
        line(out, lanci);
    }
    if let Some([left_side, _]) = t.id.sides() {
        let left_width = if t.id == TableId::BasicSpending {
            3
        } else {
            2 + t.side_columns.get(left_side).map_or(1, Vec::len)
        };
        let right_width = head.get(1).map_or(6, |h| h.len()) - left_width;
        // Rows sharing a source line sit side by side again.
        let mut i = 0;
        while i < t.rows.len() {
            let r = &t.rows[i];
            let next = t
                .rows
                .get(i + 1)
                .filter(|n| n.line == r.line && n.side != r.side);
            let (left, right) = if r.side.as_deref() == Some(left_side) {
                (Some(r), next)
            } else {
                (None, Some(r))
            };
            let mut cells = side_cells(t.id, left, left_width);
            cells.extend(side_cells(t.id, right, right_width));
            let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
            line(out, &refs);
            i += if next.is_some() && left.is_some() {
                2
            } else {
                1
            };
        }
    } else {
        for r in &t.rows {
            let mut cells: Vec<&str> = Vec::new();
            if t.id != TableId::SanGong {
                cells.push(r.code.as_deref().unwrap_or(""));
                cells.push(&r.name);
            }
            cells.extend(r.raw.iter().map(String::as_str));
            line(out, &cells);
        }
    }
    out.push('\n');
    line(out, &["注：本表反映本年度情况。"]);
    if t.empty_statement {
        line(out, &["本表本年度无发生额。"]);
    }
    out.push('\n');
}

pub(crate) fn render(form: &Form, _style: Style, out: &mut String) {
    let unit_name = form
        .unit
        .as_deref()
        .or(form.department.as_deref())
        .unwrap_or("");
    out.push('\n');
    line(
        out,
        &[&format!(
            "{}年度{}部门决算",
            form.year.unwrap_or(2024),
            unit_name
        )],
    );
    out.push('\n');
    line(
        out,
        &[&format!(
            "第二部分：{}{}年度部门决算表",
            unit_name,
            form.year.unwrap_or(2024)
        )],
    );
    out.push('\n');
    for t in &form.tables {
        render_table(t, unit_name, out);
    }
}
