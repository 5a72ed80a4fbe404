"""The admin side of the content kernel, as staff meet it in Wagtail (not Django's admin):
roles and their permissions (`roles`), the translation status report (`translation_status`,
`views`), translators kept to their languages (`translator_limits`) and the accessibility
checker's rules (`checker`). The hooks that wire them are in `home/wagtail_hooks.py`."""
