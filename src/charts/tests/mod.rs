//! Unit tests of the chart drawing: each builds a chart and reads the SVG
//! back as a reader's software would.

use plotters::prelude::{
    Circle, Color, FontDesc, FontFamily, FontStyle, FontTransform, IntoDrawingArea, PathElement, Polygon, RGBColor,
    Rectangle, SVGBackend, Text,
};
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::bar::*;
use super::bars::*;
use super::canvas::*;
use super::layout::*;
use super::legend::*;
use super::palette::*;
use super::panels::*;
use super::range::*;
use super::scale::*;
use super::shapes::*;
use super::text::*;
use crate::text::number::NumberStyle;

mod bar;
mod helpers;
mod narrow;
mod range;
mod xml;

pub(super) fn series(name: &str, values: &[f64]) -> Series {
    Series { name: name.to_string(), values: values.to_vec(), counted: Vec::new() }
}

pub(super) fn chart(categories: &[&str], series: Vec<Series>) -> BarChart {
    BarChart {
        title: "Incidenter per kvartal".to_string(),
        description: "Antalet incidenter ökade.".to_string(),
        x_label: "Period".to_string(),
        y_label: "Antal incidenter".to_string(),
        categories: categories.iter().map(|c| c.to_string()).collect(),
        series,
        highlight: None,
        stacked: false,
        counted_note: None,
        number_style: NumberStyle::Swedish,
    }
}

/// Twelve series whose values and `counted` flags are shorter or longer
/// than the three categories, plain and stacked: drawing must not panic.
pub(super) fn ragged_charts() -> Vec<BarChart> {
    let many: Vec<Series> = (0..12)
        .map(|s| Series {
            name: format!("S{s}"),
            values: vec![f64::from(s); s as usize % 4],
            counted: vec![s % 2 == 0; 7],
        })
        .collect();
    [false, true]
        .into_iter()
        .map(|stacked| {
            let mut c = chart(&["A", "B", "C"], many.clone());
            c.stacked = stacked;
            c.counted_note = Some("n".to_string());
            c
        })
        .collect()
}

pub(super) fn year_on_year() -> BarChart {
    BarChart {
        highlight: Some(1),
        ..chart(&["Kvartal 1 2022", "Kvartal 1 2023"], vec![series("Incidenter", &[756.0, 1003.0])])
    }
}

pub(super) fn range(categories: &[&str], min: &[f64], median: &[f64], max: &[f64]) -> RangeChart {
    RangeChart {
        title: "Tid till åtgärd".to_string(),
        description: "Medianen är under tre timmar.".to_string(),
        x_label: "Tjänst".to_string(),
        y_label: "Timmar".to_string(),
        categories: categories.iter().map(|c| c.to_string()).collect(),
        min: min.to_vec(),
        median: median.to_vec(),
        max: max.to_vec(),
        labels: Vec::new(),
        number_style: NumberStyle::Swedish,
    }
}
