// What the site's scripts share on `window` (checked by tsc, see tsconfig.json; not served).

/** Material for MkDocs' observable of the page: emits on the first load and after each instant navigation. */
interface MaterialDocuments {
  subscribe(next: (document: Document) => void): unknown;
}

/** The worker and the form's download started by the self-scoring page's inline script (docs/zh/self-scoring.md, docs/en/self-scoring.md). */
interface SelfscoreBoot {
  worker: Worker;
  queue: Array<MessageEvent | ErrorEvent> | null;
  early: boolean;
  form?: Promise<Response>;
}

interface Window {
  document$?: MaterialDocuments;
  /** site.js: the site's root address, resolved once. */
  pingluSiteRoot(): string;
  /** site.js: run a classic script's function on every page. */
  pingluOnEveryPage(run: () => void): void;
  __selfscoreBoot?: SelfscoreBoot;
  /** engine/client.js: the engine is ready or has failed (offline.js waits for it before precaching). */
  __selfscoreEngineSettled?: boolean;
}
