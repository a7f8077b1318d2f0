"""Pure helpers shared by the app (`webapp`) and the microsite generator (`sites`).

Nothing here imports Flask, the database or the app: the generator's worker processes import
these modules without loading the app (tests/sites/test_imports.py checks it).
"""
