"""Password hashing with Argon2id (argon2-cffi), and the rules a new password must meet.

Strength is judged by zxcvbn (offline: its lists of common passwords, names and words
ship in the package), which catches what a length rule lets through: "password12",
"1234567890", a row of the keyboard, one character repeated, the person's own e-mail.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import gettext as _
from zxcvbn import zxcvbn

MIN_PASSWORD = 10
# zxcvbn's 0-4 scale; 3 is "safely unguessable" by an online attacker and more.
MIN_STRENGTH = 3
# zxcvbn's time grows with length; the first characters decide whether it is weak.
_JUDGED_LENGTH = 100

_hasher = PasswordHasher()
_dummy_hash: str | None = None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


def spend_a_check(password: str) -> None:
    """Take as long as checking a real password: a log-in for an address with no account
    (or one that has no password) must not answer sooner and so tell that it has none."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = hash_password("not a password anyone has")
    check_password(_dummy_hash, password)


def password_problem(password: str, *, email: str = "", name: str = "") -> str | None:
    """Why this password may not be used, in words for the person choosing it; None if
    it may."""
    if not (password or "").strip():
        return _("A password cannot be only spaces.")
    if len(password) < MIN_PASSWORD:
        return _("Use a password of at least %(n)s characters.", n=MIN_PASSWORD)
    personal = [part for part in (email, email.split("@")[0], name) if part]
    result = zxcvbn(password[:_JUDGED_LENGTH], user_inputs=personal)
    if result["score"] >= MIN_STRENGTH:
        return None
    patterns = {match.get("pattern") for match in result["sequence"]}
    dictionaries = {match.get("dictionary_name") for match in result["sequence"]}
    if "user_inputs" in dictionaries:
        return _("Do not use your name or e-mail address in your password.")
    if "repeat" in patterns:
        return _("This password repeats a character or a pattern (like “aaaa” or “abcabc”), "
                 "which is quick to guess. A few unrelated words work well.")
    if "passwords" in dictionaries:
        return _("This is one of the most common passwords, and among the first that "
                 "attackers try. A few unrelated words work well.")
    if patterns & {"sequence", "spatial"}:
        return _("This password is a sequence or a row of keys (like “12345” or “qwerty”), "
                 "which is quick to guess. A few unrelated words work well.")
    return _("This password is too easy to guess. Add another word or two: unrelated words "
             "are better than symbols or numbers.")
