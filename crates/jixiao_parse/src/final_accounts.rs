//! 部门决算: the nine standard tables. STUB: to be implemented.

use jixiao_model::{Form, FormKind, Warning};

use crate::Line;

/// Index of the first line that is the title of one of the nine standard tables, if any.
pub(crate) fn first_table_title(lines: &[Line]) -> Option<usize> {
    lines
        .iter()
        .position(|l| l.text.trim() == "收入支出决算总表")
}

pub(crate) fn parse(lines: &[Line], warnings: &mut Vec<Warning>) -> Form {
    let start = lines.first().map_or(1, |l| l.no);
    let end = lines.last().map_or(start, |l| l.no);
    warnings.push(Warning::new(
        start,
        end,
        "final-accounts reader not implemented",
    ));
    let mut f = Form::new(FormKind::FinalAccounts, start);
    f.line_end = end;
    f
}
