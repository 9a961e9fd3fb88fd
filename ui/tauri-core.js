// Tauri's `invoke`, for the generated bindings (bindings.js): the page has no bundler,
// so it reaches the API Tauri puts on `window` (withGlobalTauri) instead of the
// `@tauri-apps/api/core` package the generator names.

/**
 * @template T
 * @param {string} command
 * @param {Record<string, unknown>} [args]
 * @returns {Promise<T>}
 */
export function invoke(command, args) {
  const tauriInvoke = window.__TAURI__?.core?.invoke;
  if (typeof tauriInvoke !== "function") {
    return Promise.reject({ code: "Unknown", message: "The Tauri backend is not available.", hint: "" });
  }
  return tauriInvoke(command, args);
}
