#![no_main]
// What the input means and what must hold: cognito_desk_core::fuzzing::otpauth.
libfuzzer_sys::fuzz_target!(|data: &[u8]| cognito_desk_core::fuzzing::otpauth(data));
