use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};

declare_rule! {
    /// ## What it does
    /// Reports every region the reader could not understand (a warning of `jixiao parse`),
    /// with its line range.
    ///
    /// ## Why is this bad?
    /// Numbers in an unread region are checked by no rule; the reviewer must read it by hand.
    /// A table replaced by a prose summary in the source is reported here too.
    ///
    /// ## Example
    /// ```text
    /// Table with 4 columns: 预算计划安排 (900), …
    /// ```
    ///
    /// ## How to fix
    /// Re-extract the document's text, or fix the layout.
    pub struct UnreadRegion {
        code: "P001",
        severity: Warning,
        family: Structure,
        summary: "未能识别的文本区域",
        summary_en: "Region the reader did not understand",
        since: "0.1.0",
    }
}

impl Rule for UnreadRegion {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        let label = cx.doc.file.clone();
        let last = cx.lines.len() as u32;
        let mut u = cx.unit(&Self::META, label, 1, last.max(1));
        u.checked();
        for w in &cx.doc.warnings {
            u.report(
                &cx.doc.file,
                Report {
                    end_line: Some(w.line_end),
                    ..Report::at(w.line_start, w.message.clone())
                },
            );
        }
        cx.close(u);
    }
}
