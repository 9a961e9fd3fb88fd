fn main() {
    // The window's files are embedded at compile time: a change to any of them must
    // rebuild the app, or a test drives yesterday's UI.
    println!("cargo:rerun-if-changed=ui");
    println!("cargo:rerun-if-changed=tauri.conf.json");
    println!("cargo:rerun-if-changed=capabilities");
    tauri_build::build()
}
