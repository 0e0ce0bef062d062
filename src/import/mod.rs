//! `insyn import`: the period's figures and draft records from the export
//! of an incident-management system (ServiceNow, TOPdesk, Jira Service
//! Management …), so that nobody counts 1 003 incidents by hand.
//!
//! The steps, one module each:
//! [`source`] reads the file into rows of text (CSV of any delimiter and
//! encoding, or a spreadsheet); [`mapping`] reads `[import]` from
//! `site.toml` (with [`presets`] for the common systems) and finds its
//! columns in the header row; [`rows`] reads each row into a ticket of the
//! period ([`when`] reads its times); [`count`] makes the figures;
//! [`services`], [`mask`] and [`draft`] make a draft record for each new
//! major or personal-data incident; [`figures`] edits `period.toml` in
//! place; [`plan`](mod@plan) puts it together as a dry run and writes it on request;
//! [`report`] says what it found. [`site`] reads what the site already has.

pub mod count;
pub mod draft;
pub mod figures;
pub mod mapping;
pub mod mask;
pub mod plan;
pub mod presets;
pub mod report;
pub mod rows;
pub mod services;
pub mod site;
pub mod source;
pub mod when;

pub use plan::{Failure, Plan, Request, apply, plan};
