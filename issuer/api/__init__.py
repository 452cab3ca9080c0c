"""HTTP routers: one module per group of routes, put together by ``issuer.app.create_app``."""
