"""The settings `bench/bakerydemo.py` runs Wagtail's bakerydemo with: its own production
settings, unchanged (DEBUG off, WhiteNoise, its cache: local memory without REDIS_URL), except
that its files (uploaded media, collected static files) live in the folder named by
BAKERYDEMO_FILES (under `.bench/`) instead of inside the bakerydemo checkout.

Imported by bakerydemo's Python with the checkout and this folder on PYTHONPATH; never by ours.
"""

import os

from bakerydemo.settings.production import *  # noqa: F403

MEDIA_ROOT = os.path.join(os.environ["BAKERYDEMO_FILES"], "media")
STATIC_ROOT = os.path.join(os.environ["BAKERYDEMO_FILES"], "static")
