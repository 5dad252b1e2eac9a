"""A scripted OpenAI-compatible chat server on loopback, for tests, benchmarks and demos.

    with FakeLLM(mode="cited") as llm:          # http://127.0.0.1:<port>/v1
        settings = load_settings(env={"BAOGAO_LLM_BASE_URL": llm.base_url, "BAOGAO_LLM_MODEL": "fake"})
        ...
    python -m baogao.ask.fake_llm --port 8099 --mode cited      # run it by hand

It speaks the real protocol (POST /v1/chat/completions, GET /v1/models) so that the client,
the timeouts and the answer checks are exercised end to end. What it answers is scripted:

- ``cited``        a correct answer: the sentence of the given passages that best matches the
                   question, with its marker [n] (what a good model does);
- ``wrong_number`` the same sentence with its first number changed (a hallucinated figure);
- ``bogus_marker`` the same sentence cited as [9] (a passage that was never given);
- ``no_citation``  the same sentence without any marker;
- ``not_found``    报告中未提及。
- ``timeout``      waits ``delay`` seconds before answering (longer than the client's timeout);
- ``error``        HTTP 500;
- ``garbage``      HTTP 200 with a body that is not a chat completion.

``script`` maps a substring of the question to a mode, overriding ``mode`` for that question.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODES = ("cited", "wrong_number", "bogus_marker", "no_citation", "not_found", "timeout", "error", "garbage")

_PASSAGE = re.compile(r"^\[(\d+)\](?:（[^）]*）)?\s*(.*)$")
_SENT = re.compile(r"[^。！？；;\n]+[。！？；;]?")


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"\s+", "", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def parse_prompt(messages: list[dict]) -> tuple[str, list[str]]:
    """(question, passages) from the messages baogao sends."""
    user = next((m.get("content", "") for m in reversed(messages) if m.get("role") == "user"), "")
    passages: list[str] = []
    question = ""
    for line in str(user).split("\n"):
        m = _PASSAGE.match(line.strip())
        if m:
            passages.append(m.group(2))
        elif line.startswith("问题："):
            question = line[len("问题："):].strip()
    return question, passages


def best_sentence(question: str, passages: list[str]) -> tuple[int, str]:
    """(passage number, sentence) whose character bigrams overlap the question's most."""
    want = _bigrams(question)
    best = (1, passages[0].strip() if passages else "")
    best_score = -1.0
    for n, p in enumerate(passages, 1):
        for m in _SENT.finditer(p):
            s = m.group(0).strip()
            if len(s) < 4:
                continue
            score = len(want & _bigrams(s)) + (0.5 if re.search(r"\d", s) and re.search(r"多少|几", question) else 0)
            if score > best_score:
                best, best_score = (n, s), score
    return best


def _change_first_number(text: str, passages: list[str]) -> str:
    """A number that is in none of the passages (a hallucination the check must catch)."""
    m = re.search(r"\d+(?:\.\d+)?", text)
    if not m:
        return text + "增长了12345%"
    value = float(m.group(0)) * 3 + 7
    every = " ".join(passages)
    while True:
        wrong = str(int(value)) if "." not in m.group(0) else f"{value:.2f}"
        if wrong not in every:
            break
        value += 1
    return text[: m.start()] + wrong + text[m.end() :]


def scripted_answer(mode: str, question: str, passages: list[str]) -> str:
    if mode == "not_found" or not passages:
        return "报告中未提及。"
    n, sentence = best_sentence(question, passages)
    if mode == "wrong_number":
        return f"{_change_first_number(sentence, passages)} [{n}]"
    if mode == "bogus_marker":
        return f"{sentence} [9]"
    if mode == "no_citation":
        return sentence
    return f"{sentence} [{n}]"


class FakeLLM:
    def __init__(self, mode: str = "cited", *, script: dict[str, str] | None = None, delay: float = 5.0,
                 host: str = "127.0.0.1", port: int = 0, model: str = "fake-model") -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        self.mode = mode
        self.script = dict(script or {})
        self.delay = delay
        self.model = model
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((host, port), self._handler())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def mode_for(self, question: str) -> str:
        for key, mode in self.script.items():
            if key in question:
                return mode
        return self.mode

    def start(self) -> "FakeLLM":
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-llm", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "FakeLLM":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def _send(self, status: int, body: bytes, ctype: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/models"):
                    body = {"object": "list", "data": [{"id": fake.model, "object": "model"}]}
                    self._send(200, json.dumps(body).encode())
                else:
                    self._send(404, b'{"error": "not found"}')

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    self._send(404, b'{"error": "not found"}')
                    return
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    self._send(400, b'{"error": "bad json"}')
                    return
                with fake._lock:
                    fake.requests.append({"body": body, "headers": dict(self.headers)})
                question, passages = parse_prompt(body.get("messages") or [])
                mode = fake.mode_for(question)
                if mode == "timeout":
                    time.sleep(fake.delay)
                    mode = "cited"
                if mode == "error":
                    self._send(500, b'{"error": {"message": "internal error"}}')
                    return
                if mode == "garbage":
                    self._send(200, b'{"unexpected": true}')
                    return
                text = scripted_answer(mode, question, passages)
                resp = {
                    "id": "chatcmpl-fake",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": body.get("model") or fake.model,
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
                }
                self._send(200, json.dumps(resp, ensure_ascii=False).encode("utf-8"))

        return Handler


def main() -> None:  # pragma: no cover - a convenience for demos
    import argparse

    ap = argparse.ArgumentParser(description="A scripted OpenAI-compatible server on loopback.")
    ap.add_argument("--port", type=int, default=8099)
    ap.add_argument("--mode", default="cited", choices=MODES)
    args = ap.parse_args()
    llm = FakeLLM(args.mode, port=args.port).start()
    print(f"fake LLM ({args.mode}) on {llm.base_url}; Ctrl-C to stop")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        llm.stop()


if __name__ == "__main__":  # pragma: no cover
    main()
