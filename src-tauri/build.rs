//! Builds the Tauri context from `tauri.conf.json` (in this folder, where
//! the Tauri CLI looks for it; the workspace root links to it).

fn main() {
    if let Err(e) = tauri_build::try_build(tauri_build::Attributes::new()) {
        // Missing UI assets are the usual cause: say how to build them.
        panic!("tauri build failed: {e:#}\n(hint: build the UI first with `npm --prefix ui ci && npm --prefix ui run build`)");
    }
}
