from danvan.plans.tests.conftest import _urls, directory, people, published  # noqa: F401
