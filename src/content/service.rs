//! Reading `content/services/<id>.toml`.

use std::path::Path;

use crate::content::entities::Service;
use crate::content::fields::Fields;
use crate::content::toml_file;
use crate::diagnostics::Diagnostics;
use crate::vocab::Tier;

const FIELDS: &[&str] = &["name", "area", "system", "tier", "supplier", "description", "retired"];

/// Reads one service file.
pub fn read(id: &str, file: &Path, text: &str, diags: &mut Diagnostics) -> Option<Service> {
    let table = toml_file::parse(file, text, 0, diags)?;
    let mut f = Fields::new(file, &table, 0, 0..0, FIELDS, diags);
    let name = f.required_string("name", "name = \"Stöd i arbetet med rekrytering\"");
    let area = f.required_string("area", "area = \"hr\"");
    let system = f.string("system").map(|s| s.value);
    let tier_present = f.has("tier");
    let tier = f.choice("tier", &[("base", Tier::Base), ("addon", Tier::Addon)]);
    if !tier_present {
        f.missing("tier", "tier = \"base\" (bastjänst) or tier = \"addon\" (tilläggstjänst)");
    }
    let supplier = f.string("supplier").map(|s| s.value);
    let description = f.string("description").map(|s| s.value);
    let retired = f.boolean("retired").unwrap_or(false);
    f.finish();
    Some(Service {
        id: id.to_string(),
        file: file.to_path_buf(),
        name: name?.value,
        area: area?,
        system,
        tier: tier?.value,
        supplier,
        description,
        retired,
    })
}
