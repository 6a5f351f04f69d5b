"""Where submitted activity files are kept: outside ``MEDIA_ROOT``, never served directly.

Activity data is internal (8.5): the file of a dataset is downloaded only through
``calculators_dataset_file``, which checks that the user may see the dataset. The location is
``settings.CEMS_PRIVATE_ROOT`` (``var/private`` by default); a web server must not serve it.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A file system storage without URLs: its files are only ever read by views."""

    def url(self, name):
        raise ValueError(f"{name} is private; it is served only through a view.")


def private_storage() -> FileSystemStorage:
    """The storage of activity files (a callable, so migrations do not record the path)."""
    return PrivateStorage(location=settings.CEMS_PRIVATE_ROOT)
