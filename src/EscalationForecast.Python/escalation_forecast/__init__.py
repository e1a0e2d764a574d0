"""A Python client of the EscalationForecast HTTP API: typed results, problems as exceptions, optional pandas frames."""
from .client import Client
from .errors import ProblemError, ProtocolError
from .frames import frame
from .models import (AppendResult, Attribution, Backtest, BacktestDay, BacktestScores, ChannelModel, Estimate, Event, Model, Page,
                     ReliabilityBin, Risk, RiskDriver, RiskModel, ScoreSummary, SeriesPoint, Theater)

__all__ = ["Client", "ProblemError", "ProtocolError", "frame", "AppendResult", "Attribution", "Backtest", "BacktestDay",
           "BacktestScores", "ChannelModel", "Estimate", "Event", "Model", "Page", "ReliabilityBin", "Risk",
           "RiskDriver", "RiskModel", "ScoreSummary", "SeriesPoint", "Theater"]
