"""Security of every site of ours: headers and Content-Security-Policy (`headers`), two-factor
authentication for staff (`two_factor`), the sign-in lockout page (`lockout`)."""
