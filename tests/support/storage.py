"""A stand-in for object storage (S3 and the like): files in memory, with a URL of their own
and, as on a bucket, no path on this machine."""

from django.core.files.storage import InMemoryStorage
from django.utils._os import safe_join


class BucketStorage(InMemoryStorage):
    def _relative_path(self, name):
        # InMemoryStorage finds its files through `path`, which a bucket does not have.
        return safe_join("/", name).lstrip("/")

    def path(self, name):
        raise NotImplementedError("Files in a bucket have no local path.")
