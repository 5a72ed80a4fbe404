"""Template tags showing staff which registration emails may not have arrived."""

from django import template

from ..registration.delivery import event_problems, problem_in_words, why_not_again

register = template.Library()

# The desk lists this many at most; the filter finds every registration concerned.
LISTED = 50


@register.simple_tag
def delivery_problem(message):
    """What happened to `message`, in words, if it may not have arrived ("" otherwise)."""
    return problem_in_words(message)


@register.simple_tag
def not_sent_again(message):
    """Why `message` may no longer be sent again ("" when it may)."""
    return why_not_again(message)


@register.inclusion_tag("events/admin/desk_delivery_problems.html", takes_context=True)
def delivery_problems(context, event):
    """The desk's list of emails about `event` that may not have arrived, each with what
    happened and, for who may change registrations, a button to send it again (or why it
    no longer applies)."""
    request = context["request"]
    found = event_problems(event.translation_key)
    emails = list(found[:LISTED])
    for email in emails:
        email.in_words = problem_in_words(email)
        email.not_again = why_not_again(email)
    total = len(emails) if len(emails) < LISTED else found.count()
    return {
        "event": event,
        "emails": emails,
        "total": total,
        "more": total > len(emails),
        "can_resend": request.user.has_perm("events.change_registration"),
        "csrf_token": context.get("csrf_token"),
        "query": context.get("list_query", ""),
    }
