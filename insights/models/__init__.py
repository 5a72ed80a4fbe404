"""Insights: the index, the articles (news, learnings, partnership examples, interviews, the
study) and what they link to: authors, events, other insights, documents."""

from ..choices import InsightType
from .index import InsightIndexPage
from .links import (
    InsightPageAuthor,
    InsightPageDocument,
    InsightPageEvent,
    InsightPageRelatedInsight,
)
from .pages import InsightPage

__all__ = [
    "InsightIndexPage",
    "InsightPage",
    "InsightPageAuthor",
    "InsightPageDocument",
    "InsightPageEvent",
    "InsightPageRelatedInsight",
    "InsightType",
]
