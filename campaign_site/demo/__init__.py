"""The demo site, built from the campaign's own German announcement.

German is the source. English and French go in as translations of the German strings through
wagtail-localize (the same path a translator's PO file import takes), so the demo exercises
the real translation machinery.
"""

from .builder import DEMO_PASSWORD, DEMO_USERNAME, DemoContentError, build_demo_site

__all__ = ["DEMO_PASSWORD", "DEMO_USERNAME", "DemoContentError", "build_demo_site"]
