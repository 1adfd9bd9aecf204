//! Rendering results: the JSON report, the terminal table, files and HTML.

pub mod files;
pub mod html;
pub mod report;
pub mod side_by_side;
pub mod table;
