// What Tauri puts on `window` (app.withGlobalTauri), as far as the window's code uses it.
interface TauriGlobal {
  core: { invoke<T>(command: string, args?: Record<string, unknown>): Promise<T> };
  event: {
    listen(event: string, handler: (event: { payload?: unknown }) => void): Promise<() => void>;
  };
  window: { getCurrentWindow(): { setTitle(title: string): Promise<void> } };
}

interface Window {
  __TAURI__?: TauriGlobal;
}

// The window's code finds its own elements by id and class and knows which kind each
// is (an input, a template, a button); the type check is about the data that crosses
// from Rust, not the DOM, so elements found by selector are not narrowed by hand at
// each of several hundred call sites.
interface Document {
  getElementById(elementId: string): any;
}
interface ParentNode {
  querySelector(selectors: string): any;
  querySelectorAll(selectors: string): NodeListOf<any>;
}
