"""The application: API under /api, the web UI at /, static assets at /static, OpenAPI at
/api/openapi.json, interactive docs at /api/docs (Swagger UI from a registry package: no CDN, everything
here works offline)."""

from __future__ import annotations

from contextlib import asynccontextmanager

from ..config import Config, load_config
from ..errors import require
from ..store import Store, open_store


def create_app(store: Store | None = None, *, db: str | None = None, config: Config | None = None):
    """The FastAPI app over ``store`` (or the store at ``db``, or the configured one)."""
    require("fastapi", "serve")
    require("jinja2", "serve")
    from fastapi import FastAPI
    from fastapi.staticfiles import StaticFiles

    from ..web import STATIC_DIR
    from ..web.story_pages import router as story_pages_router
    from ..web.views import router as web_router
    from .errors import install_error_handlers
    from .export import ExportSuffix
    from .lean import install as install_lean
    from .limits import BodyLimit, SecurityHeaders
    from .openapi import install_openapi
    from .routes import router as api_router
    from .stories import router as stories_router

    config = config or load_config()
    owned = store is None
    store = store or open_store(db, config)

    @asynccontextmanager
    async def lifespan(app):
        from ..kb import load_kb

        load_kb()  # before the first request: names in searches and filters are looked up in it
        yield
        if owned:
            store.close()

    import veille

    app = FastAPI(title="veille", version=veille.__version__, lifespan=lifespan,
                  description="News pages in, structured and attributed knowledge out: articles, entities "
                              "(who said what), quotes, events and search over the store.",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    app.state.store, app.state.config = store, config
    install_error_handlers(app)
    install_openapi(app)
    app.include_router(api_router)
    install_lean(app, api_router.routes)  # the hot reads without FastAPI's per-request solving
    app.include_router(stories_router)
    app.include_router(web_router)
    app.include_router(story_pages_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(ExportSuffix)  # /api/quotes.csv is /api/quotes?format=csv
    app.add_middleware(BodyLimit, max_bytes=config.max_bytes)
    app.add_middleware(SecurityHeaders)
    return app
