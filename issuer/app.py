"""The FastAPI application factory: one router per module, so others can add theirs.

``create_app(settings)`` for tests and the CLI; ``app_from_environment`` is what each uvicorn
worker calls (``factory=True``) after the CLI has put the settings in the environment.
"""

import logging

from fastapi import FastAPI

from issuer.api import public, token, v2
from issuer.api.deps import AppState
from issuer.api.errors import install_error_handlers
from issuer.api.limits import BodySizeLimit
from issuer.db.engine import make_engine, session_factory
from issuer.db.lean import Connections
from issuer.endorsements import api as endorsement_api
from issuer.endorsements import routes as endorsement_routes
from issuer.service import pictures, sqlite_read, stored_async
from issuer.settings import Settings, build_settings
from issuer.sharing import routes as sharing_routes
from issuer.sharing import verify_page

ROUTERS = (
    public.router,  # first: a route is found by trying each in turn; public GETs are hot
    token.router,
    v2.router,
    endorsement_api.router,  # issue 9: endorsement requests (API)
    endorsement_routes.router,  # issue 9: the endorser's page, endorsement documents
    sharing_routes.api,  # issue 9: portfolios, privacy, erasure (API)
    sharing_routes.router,  # issue 9: published portfolios
    verify_page.router,  # issue 9: « Vérifier un badge »
)


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(
        title="DIVA — émetteur Open Badges",
        version="1.0",
        description="API d'émission au format Badgr v2 et documents Open Badges 2.0 / 3.0.",
        docs_url="/docs",
        redoc_url=None,
    )
    engine = make_engine(settings.database_url)
    pictures.use_cache(settings.data_dir)
    app.state.issuer = AppState(
        settings=settings, sessions=session_factory(engine), public_url=settings.public_url
    )
    app.state.engine = engine
    # The public GETs' one read, on the event loop: SQLite a local call, PostgreSQL asyncpg.
    reader = sqlite_read.SqliteReader if settings.is_sqlite else stored_async.AsyncReader
    app.state.stored_reader = reader(engine)
    # The issuing POST's statements on a driver connection (kept on SQLite: event loop only).
    app.state.issuing = Connections(engine, keep=settings.is_sqlite)
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    app.add_middleware(BodySizeLimit)
    return app


def app_from_environment() -> FastAPI:
    """For uvicorn's workers: settings from DIVA_ISSUER_* set by ``diva-issuer serve``."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    return create_app(build_settings())
