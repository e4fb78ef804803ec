//! STUB.

use jixiao_model::{Form, FormKind, Warning};

use crate::Line;

pub(crate) fn parse(lines: &[Line], _warnings: &mut Vec<Warning>) -> Form {
    let start = lines.first().map_or(1, |l| l.no);
    Form::new(FormKind::TargetDeclaration, start)
}
