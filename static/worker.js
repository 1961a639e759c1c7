// Lede's parsing worker. The page (static/boot.js) compiles Lede's WebAssembly module once and
// sends it here with the address of its wasm-bindgen glue; this worker instantiates the same
// module and parses each text it is sent, so a long article never holds the page.
//
// Messages in: {init: {js, module}} once, then {id, request, empty} (request: postcard bytes;
// empty: set when the text is empty or blank).
// Messages out: {id, reply} (the document as postcard bytes, handed over without a copy; for a
// long text first {id, reply, partial: true}, the analysis of its first part) or
// {id, error} (the module stopped; the page then parses on its own thread and does not use
// this worker again).
// Nothing leaves the browser: the worker only ever answers the page that started it.

let ready = null;
// Set once a text has been asked for (the page's start-up request for its empty text, marked
// `empty`, does not count).
let asked = false;

self.onmessage = async (event) => {
  const data = event.data;
  if (data && data.init) {
    ready = (async () => {
      const glue = await import(data.init.js);
      await glue.default({ module_or_path: data.init.module });
      // Compile the parser now, before the reader's first paste needs it.
      glue.worker_warm();
      return glue;
    })();
    // A second later, unless a text came first (a shared link's article is asked for at
    // once), one longer parse gets the parser's optimised code compiled before the reader's
    // first paste (see worker_warm_long).
    ready.then((glue) => setTimeout(() => asked || glue.worker_warm_long(), 1000), () => {});
    return;
  }
  const { id, request } = data;
  if (!data.empty) asked = true;
  try {
    if (!ready) throw new Error('the worker was not started');
    const glue = await ready;
    // A long text's first part first, so the page shows results at once.
    const first = glue.worker_first_part(request);
    if (first.length > 0) self.postMessage({ id, reply: first, partial: true }, [first.buffer]);
    const reply = glue.worker_analyse(request);
    self.postMessage({ id, reply }, [reply.buffer]);
  } catch (e) {
    self.postMessage({ id, error: String(e && e.message ? e.message : e) });
    self.close();
  }
};
