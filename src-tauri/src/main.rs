#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
fn main() {
    cognito_desk::mark_process_start();
    cognito_desk::run()
}
