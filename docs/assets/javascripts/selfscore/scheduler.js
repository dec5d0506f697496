// @ts-check
/*
 * When the self-scoring page asks calc for a score. Every change rescores at once (calc answers in a few
 * ms); changes that arrive while a call is under way are scored together, once, when it returns, and only
 * the answer for the newest data is drawn: the page never queues stale calls nor draws a stale answer.
 * Before the engine is ready, `whileLoading` stands in (the page draws a known answer, if it has one).
 */

/**
 * @param {object} options
 * @param {() => unknown} options.data  the work as it is now (sent as JSON)
 * @param {() => boolean} options.ready  whether the engine can be called
 * @param {(sent: string) => Promise<string>} options.score  one call to calc: its answer as JSON text
 * @param {() => void} options.whileLoading  called instead while the engine is not ready
 * @param {(answer: any, sent: string, text: string) => void} options.draw  the answer for the newest data
 * @param {(error: unknown) => void} options.fail  a call that failed
 * @returns {() => Promise<void>}  rescore: call it on every change
 */
export function scoreScheduler({ data, ready, score, whileLoading, draw, fail }) {
  let scoring = false; // a call is under way
  let again = false; // something changed meanwhile: score once more when it returns

  async function rescore() {
    if (!ready()) {
      whileLoading();
      return;
    }
    if (scoring) {
      again = true;
      return;
    }
    scoring = true;
    again = false;
    const sent = JSON.stringify(data());
    let text;
    let answer;
    try {
      text = await score(sent);
      answer = JSON.parse(text);
    } catch (err) {
      fail(err);
      return;
    } finally {
      scoring = false;
      if (again) Promise.resolve().then(rescore);
    }
    if (again) return; // a newer state is being scored: draw that one
    draw(answer, sent, text);
  }
  return rescore;
}
