"""An upload kept between two tries of the upload form (8.5): the user does not choose the
file again when only another field (the period) was wrong.

Browsers cannot refill a file input, so the file waits in the private storage under a random
name; the form carries a signed token naming it, valid for its uploader for a day.
"""

import os
import uuid

from django.core import signing
from django.core.files.base import ContentFile

from calculators.storage import private_storage

SALT = "calculators.upload.kept"
#: Seconds a kept upload can be used.
MAX_AGE = 24 * 3600
FOLDER = "calculators/kept"


def upload_keep(*, user, filename: str, content: bytes) -> str:
    """Store ``content`` for ``user``; return the token that finds it again."""
    name = os.path.basename(filename)[:200] or "upload"
    path = private_storage().save(f"{FOLDER}/{uuid.uuid4().hex}/{name}", ContentFile(content))
    return signing.dumps({"path": path, "name": name, "user": user.pk}, salt=SALT)


def upload_kept(*, user, token: str) -> tuple[str, bytes] | None:
    """The kept file's name and content, or ``None`` when the token is not this user's,
    has expired, or its file is gone."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("user") != user.pk or not str(data.get("path", "")).startswith(FOLDER + "/"):
        return None
    storage = private_storage()
    if not storage.exists(data["path"]):
        return None
    with storage.open(data["path"], "rb") as handle:
        return data["name"], handle.read()


def upload_discard(*, token: str) -> None:
    """Delete a kept file once it was submitted (a bad or stale token is ignored)."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return
    path = str(data.get("path", ""))
    if path.startswith(FOLDER + "/"):
        private_storage().delete(path)
