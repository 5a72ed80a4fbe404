"""Reading calendar files the way a strict RFC 5545 / RFC 7986 parser does.

`icalendar` forgives a lot (bare LF, overlong lines, missing time zones); calendar programs
and validators do not. `strict_calendar` checks the file's lines and structure itself, then
parses it with `icalendar` and refuses anything it had to repair.
"""

import re

from icalendar import Calendar

# RFC 5545 3.1: name *(";" param) ":" value; names are IANA or X- tokens, parameter values
# are quoted strings or text without control characters, DQUOTE, ";", ":" or ",".
NAME = r"[A-Za-z0-9-]+"
PARAM_VALUE = r'(?:"[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x08\x0a-\x1f\x7f]*)'
PARAM = rf"{NAME}={PARAM_VALUE}(?:,{PARAM_VALUE})*"
CONTENT_LINE = re.compile(rf"({NAME})((?:;{PARAM})*):([^\x00-\x08\x0a-\x1f\x7f]*)")
TZID_PARAM = re.compile(r';TZID=("[^"]*"|[^;:,]*)', re.IGNORECASE)
UTC_DATE_TIME = re.compile(r"\d{8}T\d{6}Z")
DURATION = re.compile(r"P(?:\d+W|(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)")
# Properties that a component must have exactly once (RFC 5545 3.6, 3.6.1, 3.6.5).
REQUIRED = {
    "VCALENDAR": ("PRODID", "VERSION"),
    "VEVENT": ("UID", "DTSTAMP", "DTSTART"),
    "VTIMEZONE": ("TZID",),
    "STANDARD": ("DTSTART", "TZOFFSETFROM", "TZOFFSETTO"),
    "DAYLIGHT": ("DTSTART", "TZOFFSETFROM", "TZOFFSETTO"),
}


DATES = ("DTSTART", "DTEND")


def _value_type(params):
    found = re.search(r";VALUE=([A-Za-z-]+)", params, re.IGNORECASE)
    return found[1].upper() if found else "DATE-TIME"


def _physical_lines(data):
    assert data.endswith(b"\r\n"), "the file must end with CRLF"
    lines = data[:-2].split(b"\r\n")
    for number, line in enumerate(lines, 1):
        assert b"\r" not in line and b"\n" not in line, f"line {number}: bare CR or LF"
        assert len(line) <= 75, f"line {number} is {len(line)} octets long (at most 75)"
        line.decode("utf-8")  # a fold never splits a character
    return lines


def _content_lines(data):
    """The unfolded content lines as (name, parameters, value)."""
    unfolded = []
    for line in _physical_lines(data):
        if line[:1] in (b" ", b"\t"):
            assert unfolded, "the file starts with a continuation line"
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    parsed = []
    for line in unfolded:
        text = line.decode("utf-8")
        match = CONTENT_LINE.fullmatch(text)
        assert match, f"not a valid content line: {text!r}"
        parsed.append((match[1].upper(), match[2], match[3]))
    return parsed


def _components(lines):
    """Nest the content lines into (name, properties, children), checking BEGIN/END."""
    root = ("", [], [])
    stack = [root]
    for name, params, value in lines:
        if name == "BEGIN":
            component = (value.upper(), [], [])
            stack[-1][2].append(component)
            stack.append(component)
        elif name == "END":
            assert len(stack) > 1 and stack[-1][0] == value.upper(), f"unexpected END:{value}"
            stack.pop()
        else:
            assert len(stack) > 1, f"{name} outside any component"
            stack[-1][1].append((name, params, value))
    assert len(stack) == 1, f"{stack[-1][0]} is never ended"
    assert [child[0] for child in root[2]] == ["VCALENDAR"], "one VCALENDAR per file"
    return root[2][0]


def _walk(component):
    yield component
    for child in component[2]:
        yield from _walk(child)


def _check_component(component, tzids_defined, tzids_used):
    name, properties, children = component
    names = [property_name for property_name, _params, _value in properties]
    for required in REQUIRED.get(name, ()):
        assert names.count(required) == 1, f"{name} needs exactly one {required}"
    for property_name, params, value in properties:
        tzids_used.update(tzid.strip('"') for tzid in TZID_PARAM.findall(params))
        if property_name in ("DTSTAMP", "LAST-MODIFIED", "CREATED"):
            assert UTC_DATE_TIME.fullmatch(value), f"{property_name} must be UTC: {value}"
        if property_name == "REFRESH-INTERVAL":
            # RFC 7986 5.7: VALUE=DURATION is required, the duration positive.
            assert ";VALUE=DURATION" in params.upper(), "REFRESH-INTERVAL needs VALUE=DURATION"
            assert DURATION.fullmatch(value) and re.search(r"[1-9]", value), value
    if name == "VCALENDAR":
        version = [value for prop, _params, value in properties if prop == "VERSION"]
        assert version == ["2.0"], version
    if name == "VEVENT":
        assert not ("DTEND" in names and "DURATION" in names), "DTEND and DURATION"
        value_types = {
            prop: _value_type(params) for prop, params, _value in properties if prop in DATES
        }
        if len(value_types) == 2:
            # A date start needs a date end (RFC 5545 3.6.1).
            assert value_types["DTSTART"] == value_types["DTEND"], value_types
    if name == "VTIMEZONE":
        tzid = next(value for prop, _params, value in properties if prop == "TZID")
        tzids_defined.add(tzid)
        assert any(child[0] in ("STANDARD", "DAYLIGHT") for child in children), tzid


def strict_calendar(data):
    """Parse an iCalendar file, failing on anything a strict RFC 5545 parser refuses:
    line endings, folding, content-line syntax, nesting, required properties, a VTIMEZONE
    for every TZID used, UTC stamps, and RFC 7986's REFRESH-INTERVAL form.

    Returns the `icalendar.Calendar`.
    """
    calendar_component = _components(_content_lines(data))
    tzids_defined, tzids_used = set(), set()
    for component in _walk(calendar_component):
        _check_component(component, tzids_defined, tzids_used)
    assert tzids_used <= tzids_defined, f"no VTIMEZONE for {tzids_used - tzids_defined}"
    calendar = Calendar.from_ical(data)
    for component in calendar.walk():
        assert not component.errors, f"{component.name}: {component.errors}"
    return calendar


def offset_by_vtimezone(data, tzid, local):
    """The UTC offset the file's own VTIMEZONE `tzid` gives the local time `local`, read as
    programs that trust the file (Outlook) do: the latest STANDARD or DAYLIGHT onset
    (DTSTART, RDATE, RRULE) at or before `local` decides."""
    from dateutil.rrule import rrulestr

    onsets = []
    calendar = Calendar.from_ical(data)
    [zone] = [tz for tz in calendar.walk("VTIMEZONE") if str(tz["TZID"]) == tzid]
    for observance in zone.subcomponents:
        start = observance.decoded("DTSTART")
        moments = [start]
        rdates = observance.get("RDATE", [])
        for rdate in rdates if isinstance(rdates, list) else [rdates]:
            moments += [period.dt for period in rdate.dts]
        if "RRULE" in observance:
            rule = observance["RRULE"].to_ical().decode()
            moments += rrulestr(rule, dtstart=start).between(start, local, inc=True)
        offset = observance.decoded("TZOFFSETTO")
        onsets += [(moment, offset) for moment in moments if moment <= local]
    return max(onsets)[1]
