"""An OpenAI-compatible chat client (vLLM, Ollama, llama.cpp's server, a hosted API).

The model gets the question and numbered passages [1]..[n] and is told to answer only from
them and to cite them as [n]. Endpoint failures raise ``LLMError`` so the caller falls back to
the offline answer with a visible note.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from baogao.config import Settings
from baogao.errors import BaogaoError

SYSTEM_PROMPT = (
    "你是政府工作报告问答助手。只根据用户给出的编号段落回答问题，不要使用段落以外的知识。"
    "回答要简短（一到三句话），用中文。每一句都要用方括号标注所依据段落的编号，例如 [1] 或 [2]。"
    "答案中的每个数字都必须原样出现在所引用的段落中。"
    "如果段落中没有答案，只回答：报告中未提及。"
)


class LLMError(BaogaoError):
    """The model endpoint failed (timeout, HTTP error, malformed response)."""

    http_status = 502


@dataclass
class Completion:
    text: str
    model: str | None
    seconds: float


def chat_url(base_url: str) -> str:
    base = base_url.rstrip("/")
    if base.endswith("/chat/completions"):
        return base
    if base.endswith("/v1"):
        return base + "/chat/completions"
    return base + "/v1/chat/completions"


def build_messages(question: str, passages: list[str], labels: list[str] | None = None) -> list[dict]:
    lines = []
    for i, p in enumerate(passages, 1):
        label = f"（{labels[i - 1]}）" if labels and labels[i - 1] else ""
        lines.append(f"[{i}]{label} {p.strip()}")
    user = "段落：\n" + "\n\n".join(lines) + f"\n\n问题：{question}\n请根据以上段落回答，并用 [编号] 标注引用。"
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def complete(settings: Settings, messages: list[dict], *, client: httpx.Client | None = None) -> Completion:
    import time

    if not settings.llm_enabled:
        raise LLMError("未配置大模型 (BAOGAO_LLM_BASE_URL / BAOGAO_LLM_MODEL)")
    headers = {"Content-Type": "application/json"}
    if settings.llm_api_key:
        headers["Authorization"] = f"Bearer {settings.llm_api_key}"
    body = {"model": settings.llm_model, "messages": messages, "temperature": 0, "max_tokens": 512, "stream": False}
    started = time.perf_counter()
    own = client is None
    client = client or httpx.Client(timeout=httpx.Timeout(settings.llm_timeout, connect=min(settings.llm_timeout, 10.0)))
    try:
        resp = client.post(chat_url(settings.llm_base_url or ""), json=body, headers=headers)
    except httpx.TimeoutException as exc:
        raise LLMError(f"大模型接口超时（{settings.llm_timeout:g} 秒）") from exc
    except httpx.HTTPError as exc:
        raise LLMError(f"大模型接口无法连接: {type(exc).__name__}") from exc
    finally:
        if own:
            client.close()
    if resp.status_code != 200:
        raise LLMError(f"大模型接口返回 HTTP {resp.status_code}")
    try:
        data = resp.json()
        text = data["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise LLMError("大模型接口返回的内容无法解析") from exc
    if not isinstance(text, str) or not text.strip():
        raise LLMError("大模型返回了空回答")
    return Completion(text.strip(), data.get("model"), time.perf_counter() - started)
