// The only module that talks to the Rust backend. Every function returns the
// command's result or throws a normalised AppError {code, message, hint, fields?},
// so views never need to care what shape a rejection had.

/** Turn anything a rejected invoke (or our own code) may throw into an AppError. */
export function normaliseError(e) {
  if (e && typeof e === "object" && typeof e.code === "string" && e.code !== "") {
    const err = {
      code: e.code,
      message: typeof e.message === "string" ? e.message : "",
      hint: typeof e.hint === "string" ? e.hint : "",
    };
    if (Array.isArray(e.fields)) err.fields = e.fields;
    return err;
  }
  // Error instances stringify as "Error: ..."; keep just the message for them.
  const message = e instanceof Error ? e.message : String(e);
  return { code: "Unknown", message, hint: "" };
}

async function call(command, args) {
  const invoke = window.__TAURI__?.core?.invoke;
  if (typeof invoke !== "function") {
    throw { code: "Unknown", message: "The Tauri backend is not available.", hint: "" };
  }
  try {
    return await invoke(command, args);
  } catch (e) {
    throw normaliseError(e);
  }
}

export const appInfo = () => call("app_info");
export const listProfiles = () => call("list_profiles");
export const validateProfile = (input) => call("validate_profile", { input });
export const saveProfile = (input) => call("save_profile", { input });
export const deleteProfile = (id) => call("delete_profile", { id });
export const selectProfile = (id) => call("select_profile", { id });
export const resetProfilesFile = () => call("reset_profiles_file");
export const signIn = (profileId, username, password) =>
  call("sign_in", { profileId, username, password });
export const answerTotp = (code) => call("answer_totp", { code });
export const cancelSignIn = () => call("cancel_sign_in");
export const currentSession = () => call("current_session");
export const signOut = () => call("sign_out");
export const answerMfaSetup = (code, deviceName) => call("answer_mfa_setup", { code, deviceName });
export const answerNewPassword = (newPassword) => call("answer_new_password", { newPassword });
export const mfaStatus = () => call("mfa_status");
export const beginTotpEnrollment = () => call("begin_totp_enrollment");
export const verifyTotpEnrollment = (code, deviceName) =>
  call("verify_totp_enrollment", { code, deviceName });
export const cancelTotpEnrollment = () => call("cancel_totp_enrollment");
export const setTotpPreference = (enabled, preferred) =>
  call("set_totp_preference", { enabled, preferred });
/** `what` is "secret" or "uri"; the backend writes the clipboard. */
export const copyEnrollmentText = (what) => call("copy_enrollment_text", { what });
export const openOtpauthUri = () => call("open_otpauth_uri");
