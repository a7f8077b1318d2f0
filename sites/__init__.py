"""The public microsites: one static site per municipality, built with mkdocs from app data.

`sites.builder` (run by `flask --app wsgi sites build`) reads the public data, `sites.render`
turns it into a site with our own theme in `sites/theme/`. See sites/README.md.
"""
