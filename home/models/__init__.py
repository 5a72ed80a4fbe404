"""The models every app shares: pages, partners, taxonomies, navigation and site settings."""

from .navigation import Footer, FooterLink, MainMenu, MainMenuItem
from .pages import HomePage, HomePagePartner, StandardPage
from .partners import Partner
from .people import Person
from .seo import CampaignPage, SiteSettings, anyone_may_open
from .site_texts import SiteTexts
from .taxonomies import Region, StakeholderGroup, SustainableDevelopmentGoal, Topic
from .workflows import ReviewTask

__all__ = [
    "CampaignPage",
    "Footer",
    "FooterLink",
    "HomePage",
    "HomePagePartner",
    "MainMenu",
    "MainMenuItem",
    "Partner",
    "Person",
    "Region",
    "ReviewTask",
    "SiteSettings",
    "SiteTexts",
    "StakeholderGroup",
    "StandardPage",
    "SustainableDevelopmentGoal",
    "Topic",
    "anyone_may_open",
]
