//! Whether a security key is plugged in and may be opened, asked before a ceremony
//! starts: authenticator-rs waits silently for a key until the timeout and skips a
//! device it cannot open, so without this a missing key and a missing udev rule would
//! both look like a key nobody touches.
//!
//! Linux lists HID devices under /sys/class/hidraw; a FIDO key is the one whose report
//! descriptor declares the FIDO Alliance usage page (0xF1D0, CTAP 2.1 section 11.2.8.1).

use crate::error::{Code, Error, Result};
use std::path::{Path, PathBuf};

/// The FIDO Alliance's HID usage page.
const FIDO_USAGE_PAGE: u32 = 0xF1D0;

/// A folder standing in for `/` when looking for keys (`sys/class/hidraw`, `dev`): the
/// GUI tests list a FIDO device there that no key answers for, to show the window's
/// wait for a touch and its Stop. authenticator-rs itself still looks only at the real
/// devices.
pub const HID_ROOT_ENV: &str = "COGNITO_DESK_HID_ROOT";

/// Where the kernel lists HID devices and where their device files are.
pub struct HidTree {
    pub sysfs: PathBuf,
    pub dev: PathBuf,
}

impl HidTree {
    /// The system's, or the stand-in named by [`HID_ROOT_ENV`].
    pub fn system() -> Self {
        let root = std::env::var_os(HID_ROOT_ENV)
            .filter(|r| !r.is_empty())
            .map_or_else(|| PathBuf::from("/"), PathBuf::from);
        Self {
            sysfs: root.join("sys/class/hidraw"),
            dev: root.join("dev"),
        }
    }

    /// The FIDO keys' device files; none plugged in, or none this user may open, is an
    /// error naming the fix.
    pub fn usable_keys(&self) -> Result<Vec<PathBuf>> {
        let opened = self.fido_devices().into_iter().map(|key| {
            let result = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(&key)
                .map(drop);
            (key, result)
        });
        sort_out(opened.collect())
    }

    fn fido_devices(&self) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(&self.sysfs) else {
            return Vec::new();
        };
        let mut found: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| {
                std::fs::read(e.path().join("device/report_descriptor"))
                    .is_ok_and(|d| declares_fido(&d))
            })
            .map(|e| self.dev.join(e.file_name()))
            .collect();
        found.sort();
        found
    }
}

/// The keys that opened; when none did, a refused one names the udev rule as the fix
/// (a device that vanished between the listing and the opening counts as none).
fn sort_out(opened: Vec<(PathBuf, std::io::Result<()>)>) -> Result<Vec<PathBuf>> {
    let mut refused = None;
    let mut usable = Vec::new();
    for (key, result) in opened {
        match result {
            Ok(()) => usable.push(key),
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => refused = Some(key),
            Err(_) => {}
        }
    }
    match (usable.is_empty(), refused) {
        (false, _) => Ok(usable),
        (true, Some(path)) => Err(no_access(&path)),
        (true, None) => Err(no_key()),
    }
}

/// Whether a HID report descriptor declares the FIDO usage page: its items are walked
/// (HID 1.11 section 6.2.2.2: a prefix byte with size, type and tag) until a Usage Page.
pub fn declares_fido(descriptor: &[u8]) -> bool {
    let mut at = 0;
    while let Some(&prefix) = descriptor.get(at) {
        if prefix == 0xFE {
            // A long item: its data size is the next byte.
            let size = descriptor.get(at + 1).copied().unwrap_or(0) as usize;
            at += 3 + size;
            continue;
        }
        let size = [0, 1, 2, 4][(prefix & 0x03) as usize];
        let is_usage_page = prefix & 0xFC == 0x04; // global item, tag 0
        let Some(data) = descriptor.get(at + 1..at + 1 + size) else {
            return false;
        };
        if is_usage_page {
            let value = data
                .iter()
                .rev()
                .fold(0u32, |v, b| (v << 8) | u32::from(*b));
            if value == FIDO_USAGE_PAGE {
                return true;
            }
        }
        at += 1 + size;
    }
    false
}

fn no_key() -> Error {
    Error::new(
        Code::SecurityKeyNotFound,
        "No security key is plugged in.",
        "Plug the key into a USB port and try again, or choose another way to sign in.",
    )
}

fn no_access(path: &Path) -> Error {
    Error::new(
        Code::SecurityKeyNoAccess,
        format!(
            "A security key is plugged in, but this user may not open {}.",
            path.display()
        ),
        "Linux gives a security key to the user at the desktop through udev rules (systemd's 60-fido-id.rules; Debian and Ubuntu: also the libfido2-1 package). Over SSH or in a container, add a rule for the key's hidraw device; then unplug the key and plug it in again.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A YubiKey's FIDO interface: Usage Page 0xF1D0 (06 D0 F1), Usage 1, a collection.
    const FIDO_DESCRIPTOR: &[u8] = &[
        0x06, 0xD0, 0xF1, 0x09, 0x01, 0xA1, 0x01, 0x09, 0x20, 0x15, 0x00, 0x26, 0xFF, 0x00, 0x75,
        0x08, 0x95, 0x40, 0x81, 0x02, 0x09, 0x21, 0x91, 0x02, 0xC0,
    ];
    /// A keyboard: Generic Desktop (05 01), Usage Keyboard.
    const KEYBOARD_DESCRIPTOR: &[u8] = &[0x05, 0x01, 0x09, 0x06, 0xA1, 0x01, 0xC0];

    #[test]
    fn the_fido_usage_page_is_found_and_other_devices_are_not_keys() {
        assert!(declares_fido(FIDO_DESCRIPTOR));
        assert!(!declares_fido(KEYBOARD_DESCRIPTOR));
        assert!(!declares_fido(&[0x06, 0xD0]), "a cut-off item is no key");
        assert!(!declares_fido(&[]));
        // A long item before the page is stepped over.
        let mut with_long_item = vec![0xFE, 0x02, 0x10, 0xAA, 0xBB];
        with_long_item.extend_from_slice(FIDO_DESCRIPTOR);
        assert!(declares_fido(&with_long_item));
    }

    fn tree(devices: &[(&str, &[u8])]) -> (tempfile::TempDir, HidTree) {
        let root = tempfile::tempdir().unwrap();
        let sysfs = root.path().join("sys");
        let dev = root.path().join("dev");
        std::fs::create_dir_all(&dev).unwrap();
        for (name, descriptor) in devices {
            let device = sysfs.join(name).join("device");
            std::fs::create_dir_all(&device).unwrap();
            std::fs::write(device.join("report_descriptor"), descriptor).unwrap();
        }
        (root, HidTree { sysfs, dev })
    }

    #[test]
    fn no_hid_devices_or_only_a_keyboard_is_no_security_key() {
        let (_root, empty) = tree(&[]);
        assert_eq!(
            empty.usable_keys().unwrap_err().code,
            Code::SecurityKeyNotFound
        );
        let (_root, keyboard) = tree(&[("hidraw0", KEYBOARD_DESCRIPTOR)]);
        assert_eq!(
            keyboard.usable_keys().unwrap_err().code,
            Code::SecurityKeyNotFound
        );
    }

    #[test]
    fn a_key_whose_device_file_opens_is_usable() {
        let (_root, tree) = tree(&[
            ("hidraw0", KEYBOARD_DESCRIPTOR),
            ("hidraw3", FIDO_DESCRIPTOR),
        ]);
        std::fs::write(tree.dev.join("hidraw3"), b"").unwrap();
        assert_eq!(tree.usable_keys().unwrap(), [tree.dev.join("hidraw3")]);
    }

    /// Tests run as root here, who opens any device file: the refusal is given.
    #[test]
    fn a_key_this_user_may_not_open_names_the_device_and_the_udev_rule() {
        let denied = || Err(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        let e = sort_out(vec![(PathBuf::from("/dev/hidraw3"), denied())]).unwrap_err();
        assert_eq!(e.code, Code::SecurityKeyNoAccess);
        assert!(e.message.contains("/dev/hidraw3"), "{}", e.message);
        assert!(e.hint.contains("udev"), "{}", e.hint);
        // Another key that opens is used instead.
        let both = vec![
            (PathBuf::from("/dev/hidraw3"), denied()),
            (PathBuf::from("/dev/hidraw4"), Ok(())),
        ];
        assert_eq!(sort_out(both).unwrap(), [PathBuf::from("/dev/hidraw4")]);
        let gone = vec![(
            PathBuf::from("/dev/hidraw5"),
            Err(std::io::Error::from(std::io::ErrorKind::NotFound)),
        )];
        assert_eq!(sort_out(gone).unwrap_err().code, Code::SecurityKeyNotFound);
    }
}
