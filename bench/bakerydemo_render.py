"""Measure bakerydemo's pages inside one process, the way `bench/render.py` measures ours.

Run by `bench/bakerydemo.py` with bakerydemo's Python, in its checkout, with the settings of
`bench/bakerydemo_settings.py`; prints JSON. For each page compared with one of ours (home,
blog index, a blog page, search, the "about" standard page) it reports, with
`render.measure`, the queries of one request and the median render time of `--renders`
requests through Django's test client with every cache replaced by a dummy one.
"""

import sys

# This folder also holds bakerydemo.py, which would hide the bakerydemo package: look here
# last, after the checkout.
sys.path.append(sys.path.pop(0))

import argparse  # noqa: E402
import json  # noqa: E402

# After the path: our measuring functions.
import render  # noqa: E402

STATIC_FILE = "js/main.js"


def page_urls(search_term):
    """bakerydemo's pages compared with ours, under the names bench/bakerydemo.py pairs."""
    from bakerydemo.base.models import StandardPage
    from bakerydemo.blog.models import BlogIndexPage, BlogPage

    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page.specific
    blog_index = BlogIndexPage.objects.live().child_of(home).get()
    # The newest blog post, as ours is the newest insight.
    blog_page = (
        BlogPage.objects.live().child_of(blog_index).order_by("-date_published", "-pk").first()
    )
    about = StandardPage.objects.live().child_of(home).get(slug="about")
    return [
        ("home", home.url),
        ("blog index", blog_index.url),
        ("blog page", blog_page.url),
        ("search", f"/search/?q={search_term}"),
        ("standard page", about.url),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=30, help="renders per page")
    parser.add_argument(
        "--budget", type=float, default=10, help="seconds per page for renders (at least 3)"
    )
    parser.add_argument("--search-term", default="bread")
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.staticfiles.storage import staticfiles_storage

    pages = page_urls(args.search_term)
    report = {
        "pages": render.measure(max(args.renders, 1), args.budget, pages),
        "static_url": staticfiles_storage.url(STATIC_FILE),
        **render.setup_summary(),
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
