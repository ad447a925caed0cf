"""Smoke tests that run on every platform (no GPU needed)."""

import importlib
import importlib.util

import pytest


def test_package_imports():
    mod = importlib.import_module("llm_server")
    assert isinstance(mod.__version__, str)


def test_env_defaults(monkeypatch):
    from llm_server import envs

    monkeypatch.delenv("LLM_SERVER_PORT", raising=False)
    monkeypatch.delenv("LLM_SERVER_TARGET_DEVICE", raising=False)
    assert envs.LLM_SERVER_PORT == 8000
    assert envs.LLM_SERVER_TARGET_DEVICE == "cuda"


def test_env_override(monkeypatch):
    from llm_server import envs

    monkeypatch.setenv("LLM_SERVER_PORT", "9001")
    assert envs.LLM_SERVER_PORT == 9001


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="torch not installed")
def test_torch_is_usable():
    import torch

    x = torch.ones(4)
    assert float(x.sum()) == 4.0
