"""The public read model: what anyone may read (scopes), the site snapshot and its guard.

The public microsites (sites/) read the app only through this package; the access policy
(webapp/access/) imports its scopes.
"""
