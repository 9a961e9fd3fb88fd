//! A stand-in for where Linux lists USB security keys (`COGNITO_DESK_HID_ROOT`): an
//! empty one is a machine without a key; [`list_a_key`] adds a FIDO device (its report
//! descriptor declares the FIDO usage page) that no key answers for, so the app starts a
//! ceremony and authenticator-rs waits for a touch that never comes.

use std::path::Path;

/// The variable the app reads (`cognito_desk_core::passkey::security_key::HID_ROOT_ENV`).
pub use cognito_desk_core::passkey::security_key::HID_ROOT_ENV;

/// Usage Page 0xF1D0 (FIDO Alliance), Usage 1 (CTAPHID), an application collection.
const FIDO_REPORT_DESCRIPTOR: &[u8] = &[0x06, 0xD0, 0xF1, 0x09, 0x01, 0xA1, 0x01, 0xC0];

/// An empty root: no HID device at all.
pub fn no_keys(root: &Path) {
    std::fs::create_dir_all(root.join("sys/class/hidraw")).expect("hid root");
    std::fs::create_dir_all(root.join("dev")).expect("hid root");
}

/// Lists `hidraw7` as a FIDO device with a device file that opens.
pub fn list_a_key(root: &Path) {
    no_keys(root);
    let device = root.join("sys/class/hidraw/hidraw7/device");
    std::fs::create_dir_all(&device).expect("hid root");
    std::fs::write(device.join("report_descriptor"), FIDO_REPORT_DESCRIPTOR).expect("hid root");
    std::fs::write(root.join("dev/hidraw7"), b"").expect("hid root");
}
