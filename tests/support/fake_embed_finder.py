"""An offline stand-in for the oEmbed finder: tests must not need the network.

Answers like YouTube's oEmbed endpoint does for a video, for any www.youtube.com address;
every other address is "not found", as an unreachable provider would be.
"""

from urllib.parse import parse_qs, urlsplit

from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.base import EmbedFinder


class FakeYouTubeFinder(EmbedFinder):
    def __init__(self, **options):
        self.options = options

    def accept(self, url):
        return True

    def find_embed(self, url, max_width=None, max_height=None):
        parts = urlsplit(url)
        if parts.hostname != "www.youtube.com":
            raise EmbedNotFoundException(url)
        video_id = parse_qs(parts.query).get("v", ["unknown"])[0]
        return {
            "title": "Partnerships for the SDGs",
            "author_name": "Campaign",
            "provider_name": "YouTube",
            "type": "video",
            "thumbnail_url": f"https://i.ytimg.com/vi/{video_id}/hqdefault.jpg",
            "width": 560,
            "height": 315,
            "html": (
                f'<iframe width="560" height="315" '
                f'src="https://www.youtube-nocookie.com/embed/{video_id}" '
                'title="YouTube video player" frameborder="0" allowfullscreen></iframe>'
            ),
        }


embed_finder_class = FakeYouTubeFinder
