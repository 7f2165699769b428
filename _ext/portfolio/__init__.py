"""Local Sphinx extension for the portfolio: each module has one job."""


def setup(app):
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
