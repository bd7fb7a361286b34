"""`make browser-test`: the lessons as a learner first sees them, in a real browser.

Serves a fresh copy of the course (the files git tracks, no progress yet) the way `make lab`
does (`course lab`, here with --no-browser and a free port) and drives Debian's headless
Chromium through its chromedriver (selenium). It checks that:

- the address `course lab` prints opens lesson 00, and exercises/ is in reach: the contents
  API lists it and the file browser opens it; a JupyterLab terminal finds `course` on PATH;
- every lesson, opened WITHOUT running it: each stored picture (graph, plot, player frame)
  shows as an image that has loaded (nonzero natural size), fits the output area (no wider,
  nothing scrolled off), is not shrunk so far to fit that its text is too small to read
  (MIN_SCALE), and no picture's source shows as text (``cluster_legend``...);
- saving an unchanged lesson leaves its file byte for byte as it was;
- after Run All on each lesson that stores a draw_backward player (no error, no stderr), every
  player's next button changes its frame.

Screenshots go to build/browser/ (ignored by git); the summary ends with "N passed, M failed"
and the exit code is 1 if anything failed. Needs `apt-get install chromium chromium-driver`.

    $ make browser-test
    $ .venv/bin/python tests/browser/check_lessons.py 04 05     # only lessons 04 and 05
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import websocket
from selenium import webdriver
from selenium.common.exceptions import (
    ElementNotInteractableException,
    StaleElementReferenceException,
    TimeoutException,
    WebDriverException,
)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent  # the environment `make lab` sets up
OUT = ROOT / "build" / "browser"
sys.path.insert(0, str(ROOT / "tests"))  # the helpers tests/ shares: lab_server
import lab_server  # noqa: E402
from lab_server import LabServer  # noqa: E402

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
# Without the network flags Chromium keeps calling home, which a closed network answers slowly.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage",
         "--window-size=1280,1200")  # a laptop's width: the output area is about 830 px
# How far a picture may be shrunk to fit the output area before its labels get too small to
# read. The widest drawings (lessons 03 and 10, about 1,020 px) show at 79-80% and read well;
# a graph much wider than that would shrink its labels past reading, and should be drawn
# top to bottom instead (rankdir="TB").
MIN_SCALE = 0.75
# A stored draw_backward player: its frames (minigrad/viz/player.py).
PLAYER_MARK = 'class="mgv-frame"'
# What a picture's DOT or SVG source looks like when it shows as text instead of a picture.
# (An SVG's text keeps its <title>s: cluster names and edges such as "n0->out0".)
SOURCE_AS_TEXT = re.compile(r"cluster_\w+|\bdigraph\b|\b\w+->\w+\b")


@dataclass
class Summary:
    results: list[tuple[bool, str, str]] = field(default_factory=list)

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        self.results.append((ok, name, detail))
        print(f"{'PASS' if ok else 'FAIL'}  {name}" + (f": {detail}" if detail else ""),
              flush=True)
        return ok

    def report(self) -> int:
        failed = [r for r in self.results if not r[0]]
        print(f"\nscreenshots: {OUT.relative_to(ROOT)}/")
        for _, name, detail in failed:
            print(f"  failed: {name}: {detail}")
        print(f"{len(self.results) - len(failed)} passed, {len(failed)} failed")
        return 1 if failed else 0


# --- the course and its server --------------------------------------------------------------

def fresh_copy(dest: Path) -> Path:
    """The files git tracks, as they are in the working tree: a clone without progress."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                             check=True).stdout.decode().split("\0")
    for name in filter(None, tracked):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


def page(lab: LabServer, path: str) -> str:
    """The JupyterLab address that opens ``path`` (or just the file browser) afresh."""
    tree = f"/tree/{quote(path)}" if path else ""
    return f"{lab.base}/lab{tree}?reset&token={lab.token}"


@contextlib.contextmanager
def course_lab(course: Path, scratch: Path) -> Iterator[LabServer]:
    """`course lab --no-browser --port N` in ``course``, until the block ends."""
    env = {**os.environ,
           # Fresh JupyterLab state: no layout or settings carried over from earlier sessions.
           "JUPYTERLAB_WORKSPACES_DIR": str(scratch / "workspaces"),
           "JUPYTERLAB_SETTINGS_DIR": str(scratch / "settings")}
    with lab_server.course_lab(course, env, OUT / "jupyterlab.log") as lab:
        yield lab


def terminal_finds(lab: LabServer, program: str) -> str:
    """What `command -v program` prints in a new JupyterLab terminal."""
    name = lab.api("terminals", method="POST")["name"]
    ws = websocket.create_connection(
        f"ws://{urlsplit(lab.base).netloc}/terminals/websocket/{name}?token={lab.token}",
        timeout=20)
    try:
        ws.send(json.dumps(["stdin", f"command -v {program} || echo NOT-FOUND\r"]))
        seen, deadline = "", time.monotonic() + 20
        while time.monotonic() < deadline:
            message = json.loads(ws.recv())
            if message[0] == "stdout":
                seen += message[1]
                screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", seen)  # colours, modes
                for line in re.split(r"[\r\n]+", screen):
                    if line == "NOT-FOUND" or line.endswith(f"/{program}"):
                        return line
    except websocket.WebSocketTimeoutException:
        pass
    finally:
        ws.close()
        lab.api(f"terminals/{name}", method="DELETE")
    return "no answer"


# --- the browser ----------------------------------------------------------------------------

def chromium(profile: Path) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))


def wait_for(driver: webdriver.Chrome, condition: Callable[[], object], seconds: float,
             what: str) -> object:
    try:
        return WebDriverWait(driver, seconds, poll_frequency=0.25).until(lambda _: condition())
    except TimeoutException:
        raise TimeoutException(f"timed out after {seconds:.0f} s waiting for {what}") from None


_ACTIVE_NOTEBOOK = """
const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
if (!panel) return null;
const tab = document.querySelector('.lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current');
return {title: tab ? tab.innerText.trim() : '',
        cells: panel.querySelectorAll('.jp-Notebook .jp-Cell').length,
        dirty: !!tab && tab.classList.contains('jp-mod-dirty')};
"""


def open_notebook(driver: webdriver.Chrome, lab: LabServer, path: str, cells: int) -> None:
    driver.get(page(lab, path))
    name = Path(path).name
    wait_for(driver, lambda: (state := driver.execute_script(_ACTIVE_NOTEBOOK))
             and state["title"] == name and state["cells"] == cells, 90, f"{path} to show")


def dismiss_news_question(driver: webdriver.Chrome) -> None:
    """Answer "No" to JupyterLab's question about fetching Jupyter news (it covers outputs)."""
    def answer() -> bool:
        shown = [b for b in driver.find_elements(By.XPATH, "//button[normalize-space()='No']")
                 if b.is_displayed()]
        if shown:
            shown[0].click()
        return bool(shown)
    with contextlib.suppress(TimeoutException):
        wait_for(driver, answer, 15, "the news question")


def kernel_idle(lab: LabServer, path: str) -> bool:
    return any(s["path"] == path and s["kernel"]["execution_state"] == "idle"
               for s in lab.api("sessions"))


def close_sessions(lab: LabServer) -> None:
    for session in lab.api("sessions"):
        lab.api(f"sessions/{session['id']}", method="DELETE")


# Measures cell `index`'s outputs after scrolling each into view (content-visibility skips
# off-screen cells): its images, whether anything overflows, and the text it shows.
_MEASURE_OUTPUTS = """
const [index, done] = [arguments[0], arguments[arguments.length - 1]];
const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
const scroller = panel.querySelector('.jp-WindowedPanel-outer');
const cell = panel.querySelectorAll('.jp-Notebook .jp-Cell')[index];
const children = [...cell.querySelectorAll('.jp-OutputArea-child')];
(async () => {
  const measured = [];
  for (const child of children) {
    child.scrollIntoView({block: 'start'});
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    const output = child.querySelector('.jp-OutputArea-output');
    const images = [...output.querySelectorAll('img')];
    await Promise.all(images.map(img => img.decode().catch(() => null)));
    const area = output.getBoundingClientRect();
    const right = Math.min(area.right, scroller.getBoundingClientRect().right);
    measured.push({
      text: output.innerText,
      clientWidth: output.clientWidth, scrollWidth: output.scrollWidth,
      areaWidth: Math.round(right - area.left),
      images: images.map(img => {
        const r = img.getBoundingClientRect();
        return {natural: [img.naturalWidth, img.naturalHeight], shown: r.width > 0,
                width: Math.round(r.width), height: Math.round(r.height),
                overhang: Math.round(r.right - right)};
      }),
    });
  }
  done(measured);
})();
"""


def picture_mimes(output: dict) -> list[str]:
    """The stored representations of ``output`` that are pictures."""
    data = output.get("data", {})
    mimes = [m for m in data if m.startswith("image/")]
    html = "".join(data.get("text/html", ""))
    return mimes + (["text/html"] if "<img" in html or "<svg" in html else [])


def check_pictures(driver: webdriver.Chrome, summary: Summary, lesson: str, nb: dict) -> None:
    for index, cell in enumerate(nb["cells"]):
        stored = cell.get("outputs", [])
        if not any(picture_mimes(o) for o in stored):
            continue
        where = f"{lesson} cell {index}"
        shown = driver.execute_async_script(_MEASURE_OUTPUTS, index)
        if len(shown) != len(stored):
            summary.check(f"{where} outputs", False,
                          f"{len(stored)} stored, {len(shown)} shown")
            continue
        for number, (output, seen) in enumerate(zip(stored, shown)):
            if not (mimes := picture_mimes(output)):
                continue
            name = f"{where} output {number} ({', '.join(mimes)})"
            _screenshot_output(driver, index, number, OUT / f"{Path(lesson).stem}-cell{index:02d}"
                               f"-out{number}.png")
            images = seen["images"]
            visible = [i for i in images if i["shown"]]
            problems = []
            if not visible:
                problems.append("no image shows"
                                + (f"; shows text: {_excerpt(seen['text'])}" if seen["text"]
                                   else ""))
            problems += [f"an image did not load ({i['width']}x{i['height']} px box)"
                         for i in images if 0 in i["natural"]]
            problems += [f"an image is shown at {i['width'] / i['natural'][0]:.0%} of its "
                         f"{i['natural'][0]} px: its text is too small to read" for i in visible
                         if i["natural"][0] and i["width"] < MIN_SCALE * i["natural"][0]]
            problems += [f"an image is {i['width']} px wide, {i['overhang']} px past the "
                         f"{seen['areaWidth']} px output area" for i in visible
                         if i["overhang"] > 1]
            if seen["scrollWidth"] > seen["clientWidth"] + 1:
                problems.append(f"the output scrolls sideways ({seen['scrollWidth']} px in "
                                f"{seen['clientWidth']} px)")
            if SOURCE_AS_TEXT.search(seen["text"]):
                problems.append(f"picture source shows as text: {_excerpt(seen['text'])}")
            sizes = ", ".join(f"{i['width']}x{i['height']}" for i in visible)
            summary.check(name, not problems,
                          "; ".join(problems) or f"{len(visible)} image(s) shown: {sizes} px "
                          f"in {seen['areaWidth']} px")


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return repr(flat[:120] + ("..." if len(flat) > 120 else ""))


def _output_element(driver: webdriver.Chrome, cell: int, output: int) -> WebElement:
    panel = driver.find_element(By.CSS_SELECTOR, ".jp-NotebookPanel:not(.lm-mod-hidden)")
    cells = panel.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell")
    return cells[cell].find_elements(By.CSS_SELECTOR, ".jp-OutputArea-output")[output]


def _screenshot_output(driver: webdriver.Chrome, cell: int, output: int, path: Path) -> None:
    element = _output_element(driver, cell, output)
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", element)
    with contextlib.suppress(WebDriverException):  # an empty box cannot be photographed
        element.screenshot(str(path))


def check_save_keeps_file(driver: webdriver.Chrome, lab: LabServer, summary: Summary, course: Path,
                          path: str) -> None:
    """Ctrl+S on the unchanged lesson, once its kernel is up (it rewrites kernel metadata)."""
    file = course / path
    before, mtime = file.read_bytes(), file.stat().st_mtime_ns
    wait_for(driver, lambda: kernel_idle(lab, path), 90, f"{path}'s kernel")
    time.sleep(1)  # the kernel's info reply updates the notebook's metadata
    dirty = driver.execute_script(_ACTIVE_NOTEBOOK)["dirty"]
    summary.check(f"{path}: opens without unsaved changes", not dirty,
                  "its tab shows the unsaved-changes mark" if dirty else "")
    notebook = driver.find_element(By.CSS_SELECTOR, ".jp-NotebookPanel:not(.lm-mod-hidden) "
                                   ".jp-Notebook")
    notebook.click()
    ActionChains(driver).key_down(Keys.CONTROL).send_keys("s").key_up(Keys.CONTROL).perform()
    wait_for(driver, lambda: file.stat().st_mtime_ns != mtime, 30, f"{path} to be saved")
    after = _written(file)
    summary.check(f"{path}: opening and saving leaves the file unchanged", after == before,
                  "" if after == before else _first_difference(before, after))
    file.write_bytes(before)


def _written(file: Path, deadline: float = 30) -> bytes:
    """The notebook once JupyterLab has finished writing it. jupyter_server's "atomic" save
    writes the file in place (a copy of the old one kept aside for errors), so a read just
    after its mtime changed can find it half written: on a loaded machine, '815 lines became
    0'. Wait for JSON that stays the same for a moment."""
    end, last = time.monotonic() + deadline, None
    while time.monotonic() < end:
        data = file.read_bytes()
        with contextlib.suppress(ValueError):
            if data == last and json.loads(data):
                return data
        last = data
        time.sleep(0.5)
    return file.read_bytes()


def _first_difference(before: bytes, after: bytes) -> str:
    old, new = before.decode().splitlines(), after.decode().splitlines()
    for number, (a, b) in enumerate(zip(old, new), 1):
        if a != b:
            return f"line {number}: {a.strip()!r} became {b.strip()!r}"
    return f"{len(old)} lines became {len(new)}"


# --- the checks -----------------------------------------------------------------------------

def check_start(driver: webdriver.Chrome, lab: LabServer, summary: Summary) -> None:
    start = urlsplit(lab.url).path
    summary.check("a fresh clone opens lesson 00", start == "/lab/tree/notebooks/"
                  "00_start_here.ipynb", f"course lab opens {start}")
    driver.get(lab.url)
    dismiss_news_question(driver)
    title = wait_for(driver, lambda: (state := driver.execute_script(_ACTIVE_NOTEBOOK))
                     and state["cells"] and state["title"], 90, "the first page")
    with contextlib.suppress(TimeoutException):  # the picture is worth having all the same
        wait_for(driver, lambda: kernel_idle(lab, start.removeprefix("/lab/tree/")), 90,
                 "the first lesson's kernel")
    driver.save_screenshot(str(OUT / "start.png"))
    summary.check("the first page shows lesson 00", title == "00_start_here.ipynb",
                  f"active tab: {title}")


def check_exercises_in_reach(driver: webdriver.Chrome, lab: LabServer, summary: Summary) -> None:
    listed = [item["name"] for item in lab.api("contents/exercises")["content"]]
    summary.check("the contents API lists exercises/", "ex01_requires_grad.py" in listed,
                  f"{len(listed)} files")
    driver.get(page(lab, ""))
    names = ".jp-DirListing-item .jp-DirListing-itemText"

    def listed(name: str) -> WebElement | None:
        # In one script: the listing re-renders while it loads, staling elements found earlier.
        return driver.execute_script(
            "return [...document.querySelectorAll(arguments[0])].find(e => e.innerText === "
            "arguments[1] && e.getBoundingClientRect().height > 0) || null", names, name)

    def open_folder() -> bool:
        with contextlib.suppress(StaleElementReferenceException, ElementNotInteractableException):
            if folder := listed("exercises"):
                ActionChains(driver).double_click(folder).perform()
                return True
        return False

    wait_for(driver, open_folder, 60, "exercises/ in the file browser")
    found = wait_for(driver, lambda: listed("ex01_requires_grad.py"), 30,
                     "the file browser to open exercises/")
    driver.save_screenshot(str(OUT / "exercises.png"))
    summary.check("the file browser opens exercises/", bool(found))


def check_terminal_path(lab: LabServer, summary: Summary) -> None:
    found = terminal_finds(lab, "course")
    summary.check("a JupyterLab terminal finds `course`", found == str(BIN / "course"), found)


def lessons(course: Path, only: tuple[str, ...] = ()) -> list[Path]:
    """The lesson notebooks, or those whose names start with one of ``only`` ("05")."""
    return [nb for nb in sorted((course / "notebooks").glob("[0-9][0-9]_*.ipynb"))
            if not only or nb.name.startswith(only)]


def check_lessons(driver: webdriver.Chrome, lab: LabServer, summary: Summary, course: Path,
                  only: tuple[str, ...] = ()) -> None:
    for notebook in lessons(course, only):
        path = notebook.relative_to(course).as_posix()
        nb = json.loads(notebook.read_text())
        open_notebook(driver, lab, path, len(nb["cells"]))
        driver.save_screenshot(str(OUT / f"{notebook.stem}.png"))
        shown_text = driver.execute_script(
            "return document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)').innerText")
        wall = re.search(r"cluster_\w+", shown_text)  # a lesson's prose never says this
        summary.check(f"{path}: no picture source shown as text", not wall,
                      f"shows {wall[0]!r}" if wall else "")
        check_pictures(driver, summary, notebook.name, nb)
        check_save_keeps_file(driver, lab, summary, course, path)
        close_sessions(lab)


_PLAYER_STATE = """
const output = arguments[0];
const visible = [...output.querySelectorAll('img, svg')].filter(
    e => e.getBoundingClientRect().height > 0 && !e.closest('button'));
return visible.map(e => e.tagName === 'IMG' ? e.src : e.outerHTML).join('\\n');
"""


def stored_players(nb: dict) -> int:
    """How many draw_backward players a notebook's stored outputs hold."""
    return sum(PLAYER_MARK in "".join(o.get("data", {}).get("text/html", ""))
               for c in nb["cells"] for o in c.get("outputs", []))


def player_lessons(course: Path, only: tuple[str, ...] = ()) -> list[str]:
    """The lessons whose stored outputs hold a draw_backward player."""
    return [nb.relative_to(course).as_posix() for nb in lessons(course, only)
            if stored_players(json.loads(nb.read_text(encoding="utf-8")))]


def check_players_after_run_all(driver: webdriver.Chrome, lab: LabServer, summary: Summary,
                                course: Path, only: tuple[str, ...] = ()) -> None:
    players = player_lessons(course, only)
    if not only:  # (03_backward's and 05_accumulation's, at least)
        summary.check("the lessons store draw_backward players", len(players) >= 2,
                      ", ".join(players))
    for path in players:
        check_player_after_run_all(driver, lab, summary, course, path)
        close_sessions(lab)


def check_player_after_run_all(driver: webdriver.Chrome, lab: LabServer, summary: Summary,
                               course: Path, path: str) -> None:
    nb = json.loads((course / path).read_text())
    stored = stored_players(nb)
    open_notebook(driver, lab, path, len(nb["cells"]))
    wait_for(driver, lambda: kernel_idle(lab, path), 90, f"{path}'s kernel")
    driver.find_element(By.XPATH, "//div[contains(@class,'lm-MenuBar-itemLabel')]"
                                  "[text()='Run']").click()
    driver.find_element(By.XPATH, "//li[contains(@class,'lm-Menu-item')][.//div[contains("
                                  "@class,'lm-Menu-itemLabel')][text()='Run All Cells']]").click()
    prompts = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt"
    code_cells = sum(c["cell_type"] == "code" for c in nb["cells"])
    wait_for(driver, lambda: (texts := [e.get_attribute("textContent") for e in
                                        driver.find_elements(By.CSS_SELECTOR, prompts)])
             and len(texts) == code_cells and all(re.fullmatch(r"\[\d+\]:", t.strip())
                                                  for t in texts)
             and kernel_idle(lab, path), 240, "Run All to finish")
    errors = driver.find_elements(
        By.CSS_SELECTOR, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output"
        "[data-mime-type='application/vnd.jupyter.stderr']")
    summary.check(f"{path}: Run All shows no error or stderr", not errors,
                  _excerpt(errors[0].text) if errors else "")
    players = [b.find_element(By.XPATH, "./ancestor::div[contains(@class,"
                                        "'jp-OutputArea-output')]")
               for b in driver.find_elements(By.CSS_SELECTOR, ".jp-NotebookPanel:not("
                                             ".lm-mod-hidden) .jp-OutputArea-output button")
               if "next" in b.text.lower()]
    if not summary.check(f"{path}: a player with a next button after Run All for each of its "
                         f"{stored} stored", len(players) == stored > 0,
                         f"{len(players)} found"):
        return
    for number, player in enumerate(players):
        driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", player)
        before = driver.execute_script(_PLAYER_STATE, player)
        shot = f"player-{Path(path).stem}-{number}"
        player.screenshot(str(OUT / f"{shot}-step0.png"))
        next(b for b in player.find_elements(By.TAG_NAME, "button")
             if "next" in b.text.lower()).click()
        time.sleep(0.5)
        after = driver.execute_script(_PLAYER_STATE, player)
        player.screenshot(str(OUT / f"{shot}-step1.png"))
        summary.check(f"{path}: player {number}'s next button changes the frame",
                      bool(before) and after != before,
                      "no frame visible" if not before else "")


def main(only: tuple[str, ...] = ()) -> int:
    for program in (CHROMIUM, CHROMEDRIVER):
        if not program.exists():
            print(f"browser-test: {program} is missing: apt-get install chromium "
                  "chromium-driver", file=sys.stderr)
            return 2
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    summary = Summary()
    with tempfile.TemporaryDirectory(prefix="browser-test-") as scratch_name:
        scratch = Path(scratch_name)
        course = fresh_copy(scratch / "course")
        with course_lab(course, scratch) as lab:
            driver = chromium(scratch / "profile")
            try:
                steps = {
                    "the start page": lambda: check_start(driver, lab, summary),
                    "exercises/ in reach": lambda: check_exercises_in_reach(driver, lab, summary),
                    "a terminal's PATH": lambda: check_terminal_path(lab, summary),
                    "the stored lessons": lambda: check_lessons(driver, lab, summary, course, only),
                    "the players after Run All": lambda: check_players_after_run_all(
                        driver, lab, summary, course, only),
                }
                for number, (step, run) in enumerate(steps.items()):
                    try:
                        run()
                    except (WebDriverException, OSError, RuntimeError) as e:
                        driver.save_screenshot(str(OUT / f"error-{number}.png"))
                        summary.check(f"{step}: checked to the end", False,
                                      f"{type(e).__name__}: {str(e).splitlines()[0]} "
                                      f"(screenshot error-{number}.png)")
            finally:
                driver.quit()
    return summary.report()


if __name__ == "__main__":
    sys.exit(main(tuple(sys.argv[1:])))
