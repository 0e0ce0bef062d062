//! `content/services/<id>.toml`: one IT service of the catalogue, declared once.

use std::path::Path;

use crate::content::fields::Fields;
use crate::content::schema::declare_table;
use crate::content::spanned::Spanned;
use crate::content::toml_file;
use crate::diagnostics::Diagnostics;
use crate::vocab::Tier;

declare_table! {
    /// One IT service of the catalogue.
    pub struct Service as "service" in its own file {
        /// The service's name, as readers see it.
        name: String = required { example: "\"Stöd i arbetet med rekrytering\"" },
        /// The area it belongs to: an [[areas]] id in site.toml.
        area: Spanned<String> = required { example: "\"hr\"" },
        /// The IT system behind the service.
        system: Option<String> = optional { example: "\"…\"", absent: "not named" },
        /// base (bastjänst) or addon (tilläggstjänst).
        tier: Tier = required {
            example: "\"base\"",
            missing: "tier = \"base\" (bastjänst) or tier = \"addon\" (tilläggstjänst)",
        },
        /// Who delivers the system; its records name this supplier unless they say otherwise.
        supplier: Option<String> = optional { example: "\"…\"", absent: "not named" },
        /// A description shown on the service's page (Markdown; """ lets it span lines).
        description: Option<String> = optional { example: "\"\"\"…\"\"\"", absent: "none" },
        /// true when the service has left the catalogue: its history stays on the site.
        retired: bool = default(false) { example: "true", absent: "false" },
    }
}

/// Reads one service file.
pub fn read(id: &str, file: &Path, text: &str, diags: &mut Diagnostics) -> Option<Service> {
    let table = toml_file::parse(file, text, 0, diags)?;
    let mut f = Fields::new(file, &table, 0, 0..0, Service::DOC.keys, diags);
    let service = Service::from_fields(&mut f, id.to_string(), file.to_path_buf());
    f.finish();
    service
}
