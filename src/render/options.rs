//! Options that change what is rendered, not what is loaded.

/// Options that change what is rendered, not what is loaded.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// A script URL added to every page (only the preview server sets it).
    pub live_reload_script: Option<String>,
}
