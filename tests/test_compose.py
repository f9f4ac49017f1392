"""docker-compose.yml is checked by reading it: no Docker engine runs here (issue 3 §6)."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
DIENSTEN = COMPOSE["services"]


def test_elke_dienst_van_het_ontwerp_is_er() -> None:
    assert {"postgresql", "temporal", "temporal-ui", "worker", "api"} <= set(DIENSTEN)


def test_images_zijn_op_versie_vastgepind() -> None:
    for naam, dienst in DIENSTEN.items():
        image = dienst.get("image")
        if image is None:
            assert "build" in dienst, naam
            continue
        assert ":" in image and not image.endswith(":latest"), f"{naam}: {image}"


def test_temporal_draait_op_postgresql_met_schema_setup() -> None:
    temporal = DIENSTEN["temporal"]
    assert temporal["image"].startswith("temporalio/auto-setup:")
    assert temporal["environment"]["DB"].startswith("postgres")
    assert temporal["environment"]["POSTGRES_SEEDS"] == "postgresql"
    assert temporal["depends_on"]["postgresql"]["condition"] == "service_healthy"


def test_worker_en_api_krijgen_de_omgeving_van_het_contract() -> None:
    for naam in ("worker", "api"):
        omgeving = DIENSTEN[naam]["environment"]
        for variabele in (
            "TEMPORAL_ADDRESS",
            "TEMPORAL_NAMESPACE",
            "NAREIS_TASK_QUEUE",
            "NAREIS_DATABASE_URL",
            "NAREIS_CODEC_KEY",
            "NAREIS_REGISTER_KEY",
        ):
            assert variabele in omgeving, f"{naam} mist {variabele}"
        assert omgeving["TEMPORAL_ADDRESS"] == "temporal:7233"
        assert "@postgresql:5432/" in omgeving["NAREIS_DATABASE_URL"]
    assert "NAREIS_API_TOKENS" in DIENSTEN["api"]["environment"]
    # CONTRACT.md: the keys are optional (without one the register is stored unencrypted, with a warning)
    for naam in ("worker", "api"):
        for sleutel in ("NAREIS_REGISTER_KEY", "NAREIS_CODEC_KEY"):
            assert ":?" not in DIENSTEN[naam]["environment"][sleutel]


def test_worker_is_schaalbaar() -> None:
    worker = DIENSTEN["worker"]
    assert "container_name" not in worker and "ports" not in worker  # --scale worker=N
    assert worker["command"] == ["python", "-m", "worker"]


def test_poorten_en_volumes() -> None:
    assert "7233:7233" in DIENSTEN["temporal"]["ports"]
    assert "8233:8080" in DIENSTEN["temporal-ui"]["ports"]
    assert "8000:8000" in DIENSTEN["api"]["ports"]
    assert "postgres-data" in COMPOSE["volumes"]
    assert any(str(v).startswith("postgres-data:") for v in DIENSTEN["postgresql"]["volumes"])


def test_gezondheidscontroles() -> None:
    for naam in ("postgresql", "temporal", "api"):
        assert "healthcheck" in DIENSTEN[naam], naam


def test_dockerfile_installeert_het_pakket() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install" in dockerfile and "COPY pyproject.toml" in dockerfile
    for map_ in ("nareis", "brieven", "workflows", "activities", "client", "cli", "worker", "api"):
        assert f"COPY {map_} " in dockerfile


def test_dockerfile_vertaalt_de_code_na_de_laatste_copy() -> None:
    """Without .pyc (PYTHONDONTWRITEBYTECODE) the sandbox compiles the workflow module per case."""
    regels = (ROOT / "Dockerfile").read_text().splitlines()
    vertalen = [i for i, r in enumerate(regels) if "python -m compileall -q /app" in r]
    kopieren = [i for i, r in enumerate(regels) if r.startswith("COPY ")]
    assert vertalen and vertalen[0] > max(kopieren)


def test_temporal_ui_is_alleen_lezen() -> None:
    """Issue #17 item 11: the UI's own setting switches every write action off."""
    assert DIENSTEN["temporal-ui"]["environment"]["TEMPORAL_DISABLE_WRITE_ACTIONS"] == "true"
