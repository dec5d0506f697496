"""When the self-scoring page asks calc (docs/assets/javascripts/selfscore/scheduler.js), run under Node on the
file the site ships, with a slow stand-in for the worker: a unit typing fast never queues a call per keystroke
and never sees the answer for what it had typed before."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

SCHEDULER = Path(__file__).resolve().parent.parent / "docs" / "assets" / "javascripts" / "selfscore" / "scheduler.js"

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="needs node")

# A worker that answers each call after 20 ms with the data it was sent; the page's data is `typed`.
HARNESS = """
const { scoreScheduler } = await import(%s);
const log = { sent: [], drawn: [], loading: 0, failed: [] };
let typed = { value: "" };
let engineReady = %s;
const rescore = scoreScheduler({
  data: () => typed,
  ready: () => engineReady,
  score: (sent) => new Promise((resolve, reject) => {
    log.sent.push(JSON.parse(sent).value);
    setTimeout(() => (JSON.parse(sent).value === "boom" ? reject(new Error("worker gone")) : resolve(sent)), 20);
  }),
  whileLoading: () => { log.loading += 1; },
  draw: (answer) => log.drawn.push(answer.value),
  fail: (error) => log.failed.push(String(error.message)),
});
const pause = (ms) => new Promise((r) => setTimeout(r, ms));
%s
await pause(100);
process.stdout.write(JSON.stringify(log));
"""


def run(script: str, ready: bool = True) -> dict:
    program = HARNESS % (json.dumps(SCHEDULER.as_uri()), "true" if ready else "false", script)
    proc = subprocess.run(["node", "--input-type=module", "-e", program], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_keys_typed_during_a_call_are_scored_together_once_it_returns():
    log = run("""
for (const value of ["8", "85", "85.", "85.5"]) { typed = { value }; rescore(); await pause(1); }
""")
    assert log["sent"] == ["8", "85.5"]  # the first key, then everything typed while it was scored
    assert log["drawn"] == ["85.5"]  # the answer for "8" came back stale and was not drawn


def test_a_pause_between_keys_scores_each():
    log = run("""
typed = { value: "9" }; rescore(); await pause(40);
typed = { value: "90" }; rescore(); await pause(40);
""")
    assert log["sent"] == ["9", "90"] and log["drawn"] == ["9", "90"]


def test_before_the_engine_is_ready_the_known_answer_stands_in():
    log = run(
        """
typed = { value: "1" }; rescore(); rescore();
engineReady = true; rescore(); await pause(40);
""",
        ready=False,
    )
    assert log["loading"] == 2 and log["sent"] == ["1"] and log["drawn"] == ["1"]


def test_a_failed_call_is_reported_and_the_next_change_is_scored():
    log = run("""
typed = { value: "boom" }; rescore(); await pause(40);
typed = { value: "7" }; rescore(); await pause(40);
""")
    assert log["failed"] == ["worker gone"] and log["drawn"] == ["7"]
