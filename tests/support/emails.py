"""Reading registration emails as a mail program does: their parts, the HTML checked
strictly, the calendar part with its method; and outbox rows written directly."""

import email
from html.parser import HTMLParser

from django.utils import timezone

from events.models import OrganiserMessage, Registration, RegistrationMessage
from events.registration.composing import compose

Kind = RegistrationMessage.Kind

# Elements without an end tag.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
# Elements a <p> cannot contain (a parser would close the paragraph before them).
NOT_IN_PARAGRAPH = {
    "address", "article", "aside", "blockquote", "div", "dl", "fieldset", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre",
    "section", "table", "ul",
}  # fmt: skip
ONCE = {"html", "head", "body", "title"}


class StrictHTML(HTMLParser):
    """Collects what a validator would object to: a missing doctype, tags closed out of
    order or never, a paragraph holding a block, repeated attributes, a second <body>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.stack, self.seen, self.doctype = [], [], {}, ""

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        names = [name for name, _value in attrs]
        if len(names) != len(set(names)):
            self.problems.append(f"repeated attribute on <{tag}>: {names}")
        if tag in NOT_IN_PARAGRAPH and "p" in self.stack:
            self.problems.append(f"<{tag}> inside <p>")
        self.seen[tag] = self.seen.get(tag, 0) + 1
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID:
            self.problems.append(f"<{tag}/> is not a void element")

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problems.append(f"</{tag}> closes a void element")
        elif not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else ''}>")
        else:
            self.stack.pop()


def html_problems(html):
    """What is wrong with `html` as an HTML document (an empty list if nothing)."""
    parser = StrictHTML()
    parser.feed(html)
    parser.close()
    problems = list(parser.problems)
    if parser.doctype.lower() != "doctype html":
        problems.append(f"doctype: {parser.doctype!r}")
    if parser.stack:
        problems.append(f"never closed: {parser.stack}")
    problems += [
        f"<{tag}> {parser.seen.get(tag, 0)} times" for tag in ONCE if parser.seen.get(tag) != 1
    ]
    return problems


def parsed(message):
    """The email as the receiving mail program parses it."""
    return email.message_from_bytes(message.message().as_bytes())


def parts(message, content_type):
    """The decoded parts of `message` with this content type, e.g. "text/html"."""
    return [part for part in parsed(message).walk() if part.get_content_type() == content_type]


def html_of(message):
    """The HTML part of an email, decoded."""
    [part] = parts(message, "text/html")
    return part.get_payload(decode=True).decode(part.get_content_charset())


def text_of(message):
    """The plain-text part of an email, decoded."""
    [part] = parts(message, "text/plain")
    return part.get_payload(decode=True).decode(part.get_content_charset())


def register_directly(event, language, name, email_address, status="confirmed"):
    """A registration written as the services would (without their emails)."""
    return Registration.objects.create(
        event_key=event.translation_key,
        page=event,
        language=language,
        name=name,
        email=email_address,
        status=status,
        consent_at=timezone.now(),
    )


def organiser_message(event, texts):
    """A message of the organisers, one {"subject", "body"} per language."""
    return OrganiserMessage.objects.create(event_key=event.translation_key, texts=texts)


def outbox_row(registration, kind, **fields):
    """One outbox message of `kind` for `registration`, not sent."""
    return RegistrationMessage.objects.create(registration=registration, kind=kind, **fields)


def every_kind(registration, organiser=None, previous_place="", kinds=None):
    """Outbox rows of every kind (or of `kinds`) for `registration` (a change notice naming
    the date and place as changed), composed; {kind: email}."""
    emails = {}
    for kind in kinds or Kind.values:
        fields = {}
        if kind == Kind.EVENT_CHANGED:
            fields["details"] = {
                "changed": ["when", "place"],
                "before": {"place": previous_place} if previous_place else {},
            }
        if kind == Kind.ORGANISER_MESSAGE:
            fields["organiser_message"] = organiser
        emails[kind] = compose(outbox_row(registration, kind, **fields))
    return emails
