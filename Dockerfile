# One image for the worker and the HTTP API (they differ only in their command).
FROM python:3.11.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
# Pango and a font for the letters as PDF (WeasyPrint)
RUN apt-get update -q && apt-get install -y -q --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY nareis ./nareis
COPY brieven ./brieven
COPY workflows ./workflows
COPY activities ./activities
COPY client ./client
COPY cli ./cli
COPY worker ./worker
COPY api ./api
# The worker imports the code from /app, and with PYTHONDONTWRITEBYTECODE it would never write
# a .pyc: the workflow sandbox would then compile the workflow module from source for every
# new or evicted case (a tenth of the worker's CPU in the profile). Compiled once, here.
RUN pip install --no-cache-dir . && python -m compileall -q /app && useradd --system --uid 10001 nareis
USER nareis
CMD ["python", "-m", "worker"]
