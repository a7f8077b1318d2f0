"""Lokaal Signaal: the application factory."""

from flask import Flask, g, has_request_context, request, session
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.middleware.proxy_fix import ProxyFix

from common.dutch import breakable, long_date, long_datetime
from webapp import access, cache
from webapp.assets import init_assets
from webapp.config import load_config
from webapp.database import first_row_before_transaction  # also registers engine events
from webapp.extensions import compress, csrf, db, htmx, login_manager, migrate
from webapp.forms import use_fast_html_params
from webapp.routing import MunicipalitySlugConverter

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)


def create_app(overrides: dict | None = None) -> Flask:
    app = Flask(__name__, static_folder=None, instance_relative_config=True)
    app.url_map.converters["slug"] = MunicipalitySlugConverter
    app.config.update(load_config(overrides))

    db.init_app(app)
    cache.init_app(app)
    migrate.init_app(app, db, render_as_batch=True, compare_type=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    compress.init_app(app)
    htmx.init_app(app)
    if app.config["PROXY_COUNT"]:
        # Behind a reverse proxy the client's address comes from X-Forwarded-For.
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    init_assets(app)
    use_fast_html_params()

    _register_blueprints(app)
    _register_request_hooks(app)
    _register_errors(app)
    _register_template_helpers(app)

    from webapp.cli import register_cli

    register_cli(app)
    return app


def _register_blueprints(app: Flask) -> None:
    """Import every module that adds routes, then register each domain's blueprint.

    A domain whose routes span several modules defines its blueprint in its `blueprint.py`, which
    each of those modules imports: no views module imports another to reach the blueprint.
    """
    from webapp import offline
    from webapp.actions import views as actions
    from webapp.admin import privacy as admin_privacy
    from webapp.admin import settings as admin_settings
    from webapp.admin import views as admin
    from webapp.auth import two_factor_views
    from webapp.auth import views as auth
    from webapp.branding import views as branding
    from webapp.cards import views as cards
    from webapp.followup import views as followup
    from webapp.mailprefs import views as mailprefs
    from webapp.main import views as main
    from webapp.meetings import attendance
    from webapp.meetings import views as meetings
    from webapp.network import organisations as identities
    from webapp.network import practice as learning
    from webapp.network import themes as vocabulary
    from webapp.network import views as network
    from webapp.partners import organisations
    from webapp.partners import views as partners
    from webapp.people import person as people_person
    from webapp.people import views as people
    from webapp.privacy import consent, mydata
    from webapp.privacy import register as privacy_register
    from webapp.privacy import views as privacy
    from webapp.processing import access_log, delivery, domains, handling, logbook
    from webapp.processing import views as processing
    from webapp.reports import views as reports
    from webapp.signals import views as signals
    from webapp.signup import views as signup

    # Every module that adds routes; blueprints register in the order they first appear here.
    route_modules = (
        main,
        auth,
        two_factor_views,
        signals,
        processing,
        handling,
        logbook,
        delivery,
        domains,
        cards,
        actions,
        meetings,
        attendance,
        privacy,
        mydata,
        consent,
        followup,
        mailprefs,
        reports,
        network,
        learning,
        partners,
        organisations,
        admin,
        admin_privacy,
        admin_settings,
        people,
        people_person,
        privacy_register,
        access_log,
        offline,
        signup,
        branding,
        vocabulary,
        identities,
    )
    blueprints = {module.bp.name: module.bp for module in route_modules}
    for blueprint in blueprints.values():
        app.register_blueprint(blueprint)


def _register_request_hooks(app: Flask) -> None:
    from sqlalchemy import bindparam
    from sqlalchemy.orm import contains_eager, joinedload

    from webapp import outbox
    from webapp.models import Municipality, SiteState, User

    login_manager.login_view = "auth.login"
    login_manager.login_message = "Meld je aan om deze pagina te bekijken."
    login_manager.login_message_category = "info"

    def session_user_id() -> int | None:
        """The user id flask-login keeps in the session ("id:generation"), not yet checked."""
        user_id, _, generation = str(session.get("_user_id") or "").partition(":")
        if not user_id.isdigit() or not generation.isdigit():
            return None
        return int(user_id)

    @login_manager.user_loader
    def load_user(session_id: str):
        user_id, _, generation = session_id.partition(":")
        if not user_id.isdigit() or not generation.isdigit():
            return None
        # The memberships in the same query: every page asks for the user's roles. On a
        # municipality's page `load_municipality` has read both already.
        user = db.session.get(User, int(user_id), options=[joinedload(User.memberships)])
        if user is None or user.session_generation != int(generation) or not user.active:
            return None
        return user

    # Built once: every municipality page runs one of them first.
    municipality_by_slug = (
        db.select(Municipality, SiteState.generation, SiteState.changed_at)
        .outerjoin(SiteState, SiteState.municipality_id == Municipality.id)
        .where(Municipality.slug == bindparam("slug"))
    )
    # With the signed-in user and their memberships in the same round trip: the user loader
    # then finds them in the session (it still checks them).
    municipality_and_user = (
        municipality_by_slug.add_columns(User)
        .outerjoin(User, User.id == bindparam("user_id"))
        .outerjoin(User.memberships)
        .options(contains_eager(User.memberships))
    )

    @app.url_value_preprocessor
    def load_municipality(endpoint, values):
        g.municipality = None
        g.data_version = None
        if values and "gemeente" in values:
            slug = values.pop("gemeente")
            # The municipality's data version in the same query, read before anything else of
            # the request: what webapp/fragments.py keeps is at least as new as this version.
            user_id = session_user_id()
            if user_id is None:
                row = first_row_before_transaction(municipality_by_slug, {"slug": slug})
            else:
                row = first_row_before_transaction(
                    municipality_and_user, {"slug": slug, "user_id": user_id}
                )
            if row is None:
                from flask import abort

                abort(404)
            g.municipality = row[0]
            if row[1] is not None:
                g.data_version = (row[1], row[2])
            if user_id is not None:
                g.read_user = row[3]  # held: the session keeps its objects by weak reference

    @app.url_defaults
    def add_municipality(endpoint, values):
        if "gemeente" in values or not g.get("municipality"):
            return
        if app.url_map.is_endpoint_expecting(endpoint, "gemeente"):
            values["gemeente"] = g.municipality.slug

    @app.before_request
    def authorize():
        if request.routing_exception is not None:
            return None  # no view will run: Flask answers 404, 405 or a slash redirect
        return access.enforce(request.endpoint, current_user, g.get("municipality"))

    @app.before_request
    def require_consent():
        # After the access policy: who may not act at all never reaches the acceptance page.
        if request.routing_exception is not None:
            return None
        from webapp.privacy import consent

        return consent.gate(request.endpoint)

    @app.teardown_appcontext
    def deliver_mail_in_tests(error):
        # Mail waits in the outbox for the worker; tests may deliver it at once (config).
        outbox.deliver_in_process()

    @app.after_request
    def security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if response.mimetype == "text/html":
            # Pages can hold personal data: never keep them in shared caches.
            headers.setdefault("Cache-Control", "no-store")
        return response


def _register_errors(app: Flask) -> None:
    from webapp.errors import render_error

    for status in (400, 401, 403, 404, 405, 413, 429, 500):
        app.register_error_handler(status, render_error)
    app.register_error_handler(CSRFError, render_error)
    from sqlalchemy.exc import InterfaceError, OperationalError

    from webapp.errors import render_database_away

    for unreachable in (OperationalError, InterfaceError):
        app.register_error_handler(unreachable, render_database_away)
    from webapp.kept_input import restore

    # After the access policy (registered before): a form posted back after a login.
    app.before_request(restore)


def _register_template_helpers(app: Flask) -> None:
    from common.personal_data import guard as privacy_guard
    from webapp import fragments, textdiff
    from webapp.content import privacy_statement, signal_criteria, statement_missing
    from webapp.models import Role, SignalStatus

    app.jinja_env.filters["date"] = long_date
    app.jinja_env.filters["datetime"] = long_datetime
    app.jinja_env.filters["breakable"] = breakable
    app.jinja_env.globals["text_changes"] = textdiff.words
    app.jinja_env.globals["rendered_changes"] = textdiff.rendered
    app.jinja_env.globals["Role"] = Role
    app.jinja_env.globals["SignalStatus"] = SignalStatus
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals["privacy_statement"] = privacy_statement
    app.jinja_env.globals["privacy_statement_missing"] = statement_missing
    app.jinja_env.globals["signal_criteria"] = signal_criteria
    app.jinja_env.globals["privacy_summary"] = privacy_guard.summary
    app.jinja_env.globals["cached_part"] = fragments.cached_part
    app.jinja_env.globals["unversioned_part"] = fragments.unversioned_part
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def inject_municipality():
        if not has_request_context():
            return {}  # mail rendered from the command line
        municipality = g.get("municipality")
        roles = access.roles_of(current_user, municipality)
        return {
            "municipality": municipality,
            "roles": roles,
            "reads_signals": bool(roles & access.SIGNAL_READERS),
            "invites": bool(roles & access.INVITERS),
            "processes": access.is_processor(current_user, municipality),
            "member": bool(roles & access.MEMBERS),
            # Who gets "Signaal geven" in the menu: the anonymous visitor and the signal readers;
            # an alderman or a network analyst would only read that the role gives none.
            "gives_signals": bool(roles & access.SIGNAL_READERS)
            or not roles & {Role.ALDERMAN, Role.NETWORK},
        }
