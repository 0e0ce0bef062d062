//! `content/services/<id>.toml`: one IT service of the catalogue, declared once.

use std::path::{Path, PathBuf};

use crate::content::fields::Fields;
use crate::content::schema::declare_table;
use crate::content::spanned::Spanned;
use crate::content::toml_file;
use crate::diagnostics::Diagnostics;
use crate::vocab::Tier;

declare_table! {
    /// One IT service of the catalogue.
    pub struct Service as "service" {
        @extra {
            /// Id from the file name.
            pub id: String,
            /// Source file, relative to the root.
            pub file: PathBuf,
        }
        /// Name shown to readers.
        name: String = required {
            example: "\"Stöd i arbetet med rekrytering\"",
            help: "The service's name, as readers see it.",
        },
        /// The area id this service belongs to.
        area: Spanned<String> = required {
            example: "\"hr\"",
            help: "The area it belongs to: an [[areas]] id in site.toml.",
        },
        /// The IT system behind the service.
        system: Option<String> = optional {
            example: "\"…\"",
            help: "The IT system behind the service.",
            absent: "not named",
        },
        /// Base or add-on.
        tier: Tier = required {
            example: "\"base\"",
            help: "base (bastjänst) or addon (tilläggstjänst).",
            missing: "tier = \"base\" (bastjänst) or tier = \"addon\" (tilläggstjänst)",
        },
        /// The supplier.
        supplier: Option<String> = optional {
            example: "\"…\"",
            help: "Who delivers the system; its records name this supplier unless they say otherwise.",
            absent: "not named",
        },
        /// Markdown description.
        description: Option<String> = optional {
            example: "\"\"\"…\"\"\"",
            help: "A description shown on the service's page (Markdown; \"\"\" lets it span lines).",
            absent: "none",
        },
        /// Still listed in history, not in the current catalogue.
        retired: bool = default(false) {
            example: "true",
            help: "true when the service has left the catalogue: its history stays on the site.",
            absent: "false",
        },
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
