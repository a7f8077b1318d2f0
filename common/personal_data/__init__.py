"""The personal-data guard: finds personal data of citizens in a free text before another person
can read it. Pure Python and Flask-free, so the app, the microsite generator and the benches
share one guard."""
