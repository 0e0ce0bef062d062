//! The DCAT-AP-SE catalogue of the open data, `data/catalog.rdf`, in RDF/XML:
//! the form the Swedish national data portal harvests.
//!
//! One `dcat:Catalog` with one `dcat:Dataset` per export (records, periods,
//! services), each with a CSV and a JSON `dcat:Distribution`. Every node has
//! an IRI of its own derived from `base_url` (no blank nodes), so the
//! portal sees the same things from build to build: hash IRIs on the
//! downloads page (`…/data/#catalog`, `…/data/#records`,
//! `…/data/#records-csv`, `…/data/#contact`, `…/data/#temporal`). The
//! publisher is `http://dataportal.se/organisation/<publisher_id>` when
//! `publisher_id` is set, else `<base_url>#publisher`. Dates come from the
//! content (the latest record or period), never from the clock.

use super::exports::{self, DATASETS, Format};
use super::sink::OutputFile;
use super::xml::absolute_uri;
use crate::layout::UrlWords;
use crate::model::Site;
use crate::text::escape::{uri, xml as xml_escape};
use crate::theme::I18n;
use crate::time::Date;
use crate::vocab::Language;

const XSD_DATE: &str = "http://www.w3.org/2001/XMLSchema#date";
const XSD_NON_NEGATIVE_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#nonNegativeInteger";
const THEME_GOVE: &str = "http://publications.europa.eu/resource/authority/data-theme/GOVE";
const THEME_TAXONOMY: &str = "http://publications.europa.eu/resource/authority/data-theme";
// The EU Vocabularies' own labels of GOVE and title of its scheme (English
// only there), which DCAT-AP requires of every concept and concept scheme.
const THEME_GOVE_LABELS: [(&str, &str); 2] =
    [("sv", "Regeringen och den offentliga sektorn"), ("en", "Government and public sector")];
const THEME_TAXONOMY_TITLE_EN: &str = "Data theme";
const ACCESS_PUBLIC: &str = "http://publications.europa.eu/resource/authority/access-right/PUBLIC";
const IANA_MEDIA_TYPES: &str = "http://www.iana.org/assignments/media-types/";

/// The EU language authority IRI of the site's language.
fn language_iri(language: Language) -> &'static str {
    match language {
        Language::Sv => "http://publications.europa.eu/resource/authority/language/SWE",
        Language::En => "http://publications.europa.eu/resource/authority/language/ENG",
    }
}

/// The publisher's IRI: the data portal's organisation IRI when
/// `publisher_id` is set, else `<base_url>#publisher`.
pub fn publisher_iri(site: &Site) -> String {
    match &site.config.publisher_id {
        Some(id) => format!("http://dataportal.se/organisation/{id}"),
        None => absolute_uri(site, "#publisher"),
    }
}

/// The earliest and latest dates the content mentions: period starts and
/// ends, record dates and resolution dates.
pub fn content_dates(site: &Site) -> Option<(Date, Date)> {
    let dates = site
        .periods
        .iter()
        .flat_map(|p| [p.start.value, p.end.value])
        .chain(site.records.iter().map(|r| r.date.value.date))
        .chain(site.records.iter().filter_map(|r| r.resolved.as_ref().map(|m| m.value.date)));
    dates.fold(None, |acc, d| match acc {
        None => Some((d, d)),
        Some((lo, hi)) => Some((lo.min(d), hi.max(d))),
    })
}

/// Writes the catalogue; `exports` are the sizes of the files of [`exports::exports`].
pub fn catalog(site: &Site, i18n: &I18n, exports: &[exports::ExportSize]) -> OutputFile {
    let words = &i18n.url;
    let c = &site.config;
    let lang = c.language.code();
    let page_path = UrlWords::list(&words.data);
    let page = absolute_uri(site, &page_path);
    let homepage = absolute_uri(site, "");
    let node = |fragment: &str| absolute_uri(site, &format!("{page_path}#{fragment}"));
    let publisher = publisher_iri(site);
    let contact = node("contact");
    let temporal = node("temporal");
    let dates = content_dates(site);
    let literal =
        |element: &str, text: &str| format!("    <{element} xml:lang=\"{lang}\">{}</{element}>\n", xml_escape(text));
    let resource = |element: &str, iri: &str| format!("    <{element} rdf:resource=\"{}\"/>\n", xml_escape(iri));
    let typed = |element: &str, datatype: &str, value: &str| {
        format!("    <{element} rdf:datatype=\"{datatype}\">{}</{element}>\n", xml_escape(value))
    };
    let modified = dates.map(|(_, hi)| typed("dct:modified", XSD_DATE, &hi.to_string())).unwrap_or_default();
    let publisher_name = c.organisation.as_deref().unwrap_or(&c.title);

    let mut x = String::with_capacity(8192);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<rdf:RDF\n");
    x.push_str("  xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n");
    x.push_str("  xmlns:dcat=\"http://www.w3.org/ns/dcat#\"\n");
    x.push_str("  xmlns:dct=\"http://purl.org/dc/terms/\"\n");
    x.push_str("  xmlns:foaf=\"http://xmlns.com/foaf/0.1/\"\n");
    x.push_str("  xmlns:skos=\"http://www.w3.org/2004/02/skos/core#\"\n");
    x.push_str("  xmlns:vcard=\"http://www.w3.org/2006/vcard/ns#\">\n");

    x.push_str(&format!("  <dcat:Catalog rdf:about=\"{}\">\n", xml_escape(&node("catalog"))));
    x.push_str(&literal("dct:title", &c.title));
    x.push_str(&literal("dct:description", &i18n.fill("data_catalog_description", &[("site", &c.title)])));
    x.push_str(&resource("dct:publisher", &publisher));
    x.push_str(&resource("dct:language", language_iri(c.language)));
    x.push_str(&modified);
    x.push_str(&resource("foaf:homepage", &homepage));
    x.push_str(&resource("dcat:themeTaxonomy", THEME_TAXONOMY));
    for d in DATASETS {
        x.push_str(&resource("dcat:dataset", &node(d.key())));
    }
    x.push_str("  </dcat:Catalog>\n");

    let keywords: Vec<&str> = i18n.get("data_keywords").split(',').map(str::trim).filter(|k| !k.is_empty()).collect();
    for d in DATASETS {
        let name = i18n.get(&format!("data_{}_title", d.key())).to_string();
        x.push_str(&format!("  <dcat:Dataset rdf:about=\"{}\">\n", xml_escape(&node(d.key()))));
        x.push_str(&literal("dct:title", &i18n.fill("data_dataset_title", &[("dataset", &name), ("site", &c.title)])));
        x.push_str(&literal("dct:description", i18n.get(&format!("data_{}_description", d.key()))));
        for k in &keywords {
            x.push_str(&literal("dcat:keyword", k));
        }
        x.push_str(&resource("dcat:theme", THEME_GOVE));
        x.push_str(&resource("dct:publisher", &publisher));
        x.push_str(&resource("dcat:contactPoint", &contact));
        x.push_str(&resource("dct:language", language_iri(c.language)));
        x.push_str(&resource("dct:accessRights", ACCESS_PUBLIC));
        if dates.is_some() {
            x.push_str(&resource("dct:temporal", &temporal));
        }
        x.push_str(&modified);
        x.push_str(&resource("dcat:landingPage", &page));
        for f in Format::ALL {
            x.push_str(&resource("dcat:distribution", &node(&format!("{}-{}", d.key(), f.extension()))));
        }
        x.push_str("  </dcat:Dataset>\n");

        for f in Format::ALL {
            let path = exports::export_path(words, d.key(), f);
            x.push_str(&format!(
                "  <dcat:Distribution rdf:about=\"{}\">\n",
                xml_escape(&node(&format!("{}-{}", d.key(), f.extension())))
            ));
            x.push_str(&literal("dct:title", &format!("{name} ({})", f.label())));
            x.push_str(&resource("dcat:accessURL", &page));
            x.push_str(&resource("dcat:downloadURL", &absolute_uri(site, &path)));
            x.push_str(&resource("dct:format", f.eu_file_type()));
            x.push_str(&resource("dcat:mediaType", &format!("{IANA_MEDIA_TYPES}{}", f.media_type())));
            x.push_str(&resource("dct:license", c.licence.iri()));
            if let Some(file) = exports.iter().find(|e| e.path == path) {
                x.push_str(&typed("dcat:byteSize", XSD_NON_NEGATIVE_INTEGER, &file.bytes.to_string()));
            }
            x.push_str("  </dcat:Distribution>\n");
        }
    }

    x.push_str(&format!("  <foaf:Agent rdf:about=\"{}\">\n", xml_escape(&publisher)));
    x.push_str(&literal("foaf:name", publisher_name));
    x.push_str("  </foaf:Agent>\n");

    x.push_str(&format!("  <vcard:Kind rdf:about=\"{}\">\n", xml_escape(&contact)));
    x.push_str(&literal("vcard:fn", publisher_name));
    if let Some(url) = &c.contact_url {
        x.push_str(&resource("vcard:hasURL", &uri(url)));
    }
    x.push_str("  </vcard:Kind>\n");

    if let Some((lo, hi)) = dates {
        x.push_str(&format!("  <dct:PeriodOfTime rdf:about=\"{}\">\n", xml_escape(&temporal)));
        x.push_str(&typed("dcat:startDate", XSD_DATE, &lo.to_string()));
        x.push_str(&typed("dcat:endDate", XSD_DATE, &hi.to_string()));
        x.push_str("  </dct:PeriodOfTime>\n");
    }

    // The classes of the IRIs used above, as DCAT-AP's range shapes expect them.
    for document in [&homepage, &page] {
        x.push_str(&format!("  <foaf:Document rdf:about=\"{}\"/>\n", xml_escape(document)));
    }
    x.push_str(&format!("  <dct:LicenseDocument rdf:about=\"{}\"/>\n", c.licence.iri()));
    for f in Format::ALL {
        x.push_str(&format!("  <dct:MediaTypeOrExtent rdf:about=\"{}\"/>\n", f.eu_file_type()));
        x.push_str(&format!("  <dct:MediaType rdf:about=\"{IANA_MEDIA_TYPES}{}\"/>\n", f.media_type()));
    }
    x.push_str(&format!("  <dct:LinguisticSystem rdf:about=\"{}\"/>\n", language_iri(c.language)));
    x.push_str(&format!("  <dct:RightsStatement rdf:about=\"{ACCESS_PUBLIC}\"/>\n"));
    x.push_str(&format!("  <skos:Concept rdf:about=\"{THEME_GOVE}\">\n"));
    for (lang, label) in THEME_GOVE_LABELS {
        x.push_str(&format!("    <skos:prefLabel xml:lang=\"{lang}\">{label}</skos:prefLabel>\n"));
    }
    x.push_str("  </skos:Concept>\n");
    x.push_str(&format!("  <skos:ConceptScheme rdf:about=\"{THEME_TAXONOMY}\">\n"));
    x.push_str(&format!("    <dct:title xml:lang=\"en\">{THEME_TAXONOMY_TITLE_EN}</dct:title>\n"));
    x.push_str("  </skos:ConceptScheme>\n");
    x.push_str("</rdf:RDF>\n");
    OutputFile { path: exports::catalog_path(words), bytes: x.into_bytes() }
}
