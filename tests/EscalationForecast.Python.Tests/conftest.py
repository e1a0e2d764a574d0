"""The client under test, from the checkout, against the service named by ESCALATION_FORECAST_URL (with its API key)."""
import csv
import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src" / "EscalationForecast.Python"))

from escalation_forecast import Client  # noqa: E402

MILITIA = "iraq-us-militia"


@pytest.fixture(scope="session")
def client() -> Client:
    if not os.environ.get("ESCALATION_FORECAST_URL"):
        pytest.fail("Set ESCALATION_FORECAST_URL to a running service loaded with the sample data")
    return Client()


@pytest.fixture(scope="session")
def writer() -> Client:
    """A client with a key that may write (the test service configures one)."""
    return Client(api_key=os.environ["ESCALATION_FORECAST_TEST_WRITE_KEY"])


@pytest.fixture(scope="session")
def militia_rows() -> list[dict]:
    """The sample file the service loaded into the militia theater, for what the answers must agree with."""
    path = ROOT / "src" / "EscalationForecast.Api" / "Samples" / "us-militia-iraq-2019-2021.csv"
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
