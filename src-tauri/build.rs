//! Builds the Tauri context from the workspace-root `tauri.conf.json`.

fn main() {
    if let Err(e) =
        tauri_build::try_build(tauri_build::Attributes::new().config_path("../tauri.conf.json"))
    {
        // Missing UI assets are the usual cause: say how to build them.
        panic!("tauri build failed: {e:#}\n(hint: build the UI first with `npm --prefix ui ci && npm --prefix ui run build`)");
    }
}
