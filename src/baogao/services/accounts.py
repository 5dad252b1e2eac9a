"""Accounts: registration, password login with rate limiting, and server-side sessions.

Everything lives in the database, so several stateless app workers share users, sessions and
the login rate limit. Session cookies carry a random token; only its SHA-256 is stored, so a
leaked database does not hand out live sessions.

Rate limit: more than ``MAX_FAILURES`` failed logins for one username, or from one client key
(the IP address the web layer passes), within ``WINDOW`` -> ``RateLimited`` *before* the
password is looked at. A successful login clears that username's failures.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from baogao.errors import AuthError, Conflict, InvalidQuery, NotFound, RateLimited
from baogao.notes.schema import LoginAttempt, User, UserSession
from baogao.store.schema import utcnow

USERNAME_RE = re.compile(r"[A-Za-z0-9_\-\u3400-\u4dbf\u4e00-\u9fff]{3,32}")
MIN_PASSWORD, MAX_PASSWORD = 8, 1024  # an upper bound so nobody makes us hash megabytes
MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
SESSION_LIFETIME = timedelta(days=14)

RATE_LIMITED = "登录尝试过多，请 15 分钟后再试"
BAD_LOGIN = "用户名或密码错误"

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# verified against when the username does not exist, so both failures take the same time
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def _key(username: str) -> str:
    return username.strip().casefold()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def user_dict(user: User) -> dict:
    return {"id": user.id, "username": user.username, "created_at": user.created_at.isoformat(timespec="seconds")}


def validate_username(username: str) -> str:
    name = (username or "").strip()
    if not USERNAME_RE.fullmatch(name):
        raise InvalidQuery("用户名须为 3–32 个字符，只能包含字母、数字、汉字、下划线或连字符")
    return name


def validate_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise InvalidQuery(f"密码至少 {MIN_PASSWORD} 个字符")
    if len(password) > MAX_PASSWORD:
        raise InvalidQuery(f"密码不能超过 {MAX_PASSWORD} 个字符")
    return password


def register(session: Session, username: str, password: str) -> dict:
    """Create an account. InvalidQuery for a bad name/password, Conflict for a taken name."""
    name = validate_username(username)
    validate_password(password)
    key = _key(name)
    if session.scalar(select(User.id).where(User.username_key == key)) is not None:
        raise Conflict("用户名已被使用")
    user = User(username=name, username_key=key, password_hash=_hasher.hash(password), created_at=utcnow())
    try:
        with session.begin_nested():  # two workers registering the same name at once
            session.add(user)
            session.flush()
    except IntegrityError as exc:
        raise Conflict("用户名已被使用") from exc
    return user_dict(user)


def _failures(session: Session, key: str) -> int:
    since = utcnow() - WINDOW
    return session.scalar(
        select(func.count()).select_from(LoginAttempt).where(LoginAttempt.key == key, LoginAttempt.at > since)
    ) or 0


def authenticate(session: Session, username: str, password: str, *, client_key: str | None) -> dict:
    """Check a login. Returns the user dict, or raises RateLimited / AuthError.

    A failed attempt is committed before AuthError is raised (the caller's ``db.session()``
    rolls back on the exception, and the failure must still count). Call it in a session of
    its own, with nothing else pending.
    """
    name_key = "user:" + _key(username or "")[:100]
    keys = [name_key] + ([f"client:{client_key[:180]}"] if client_key else [])
    session.execute(delete(LoginAttempt).where(LoginAttempt.at <= utcnow() - WINDOW))
    if any(_failures(session, k) >= MAX_FAILURES for k in keys):
        raise RateLimited(RATE_LIMITED)
    user = session.scalar(select(User).where(User.username_key == _key(username or "")))
    ok = False
    try:
        ok = _hasher.verify(user.password_hash if user else _DUMMY_HASH, password or "") and user is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if not ok:
        now = utcnow()
        session.add_all(LoginAttempt(key=k, at=now) for k in keys)
        session.commit()
        raise AuthError(BAD_LOGIN)
    assert user is not None
    session.execute(delete(LoginAttempt).where(LoginAttempt.key == name_key))
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user_dict(user)


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("用户不存在")
    return user


def get_user(session: Session, user_id: int) -> dict:
    return user_dict(_user(session, user_id))


def change_password(session: Session, user_id: int, old: str, new: str) -> None:
    """Replace the password (the old one must be right) and end every session of the user.

    The web layer should then create a fresh session for the browser that made the change.
    """
    user = _user(session, user_id)
    try:
        _hasher.verify(user.password_hash, old or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError) as exc:
        raise AuthError("原密码错误") from exc
    validate_password(new)
    user.password_hash = _hasher.hash(new)
    end_all_sessions(session, user_id)


def create_session(session: Session, user_id: int, *, lifetime: timedelta = SESSION_LIFETIME) -> tuple[str, str]:
    """A new login session -> (token for the cookie, CSRF secret for forms/headers)."""
    _user(session, user_id)
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = utcnow()
    session.execute(delete(UserSession).where(UserSession.user_id == user_id, UserSession.expires_at <= now))
    session.add(UserSession(token_hash=_token_hash(token), user_id=user_id, created_at=now,
                            expires_at=now + lifetime, csrf_secret=csrf))
    session.flush()
    return token, csrf


def user_for_session(session: Session, token: str | None) -> dict | None:
    """The logged-in user for a cookie token, or None (unknown, ended or expired).

    The dict is the user dict plus ``csrf_secret`` and ``session_expires_at``.
    """
    if not token or len(token) > 200:
        return None
    row = session.get(UserSession, _token_hash(token))
    if row is None or row.expires_at <= utcnow():
        return None
    user = session.get(User, row.user_id)
    if user is None:
        return None
    out = user_dict(user)
    out["csrf_secret"] = row.csrf_secret
    out["session_expires_at"] = row.expires_at.isoformat(timespec="seconds")
    return out


def check_csrf(session: Session, token: str | None, csrf: str | None) -> bool:
    """True when ``csrf`` is the CSRF secret of the live session ``token`` (constant-time)."""
    user = user_for_session(session, token)
    if user is None or not csrf:
        return False
    return secrets.compare_digest(user["csrf_secret"].encode(), csrf.encode())


def end_session(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(UserSession).where(UserSession.token_hash == _token_hash(token)))


def end_all_sessions(session: Session, user_id: int) -> None:
    session.execute(delete(UserSession).where(UserSession.user_id == user_id))
