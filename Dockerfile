# The application image: app servers (gunicorn), the task worker and the scheduler all run
# it with different commands (see compose.yaml). Production settings; configuration comes
# from the environment at run time.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    PATH="/app/.venv/bin:$PATH" \
    DJANGO_SETTINGS_MODULE=campaign_site.settings.production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media

# gettext: compilemessages needs msgfmt.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/* \
    && pip install --no-cache-dir uv==0.13.9

WORKDIR /app

# Dependencies first, exactly as locked, so code changes reuse this layer.
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-dev --no-cache

COPY . .

# Translations and static files are part of the image. Production settings refuse to load
# without a secret key, hosts and a shared cache; these values exist only in this build step
# (nothing connects to the cache while building).
RUN export SECRET_KEY=image-build-only-not-a-secret-0123456789abcdefghijklmnop \
        ALLOWED_HOSTS=build.invalid \
        REDIS_URL=redis://build.invalid:6379/0 \
    && (cd campaign_site && python ../manage.py compilemessages --verbosity 0) \
    && python manage.py collectstatic --noinput --verbosity 0

RUN useradd --system --uid 10001 --no-create-home --home-dir /nonexistent app \
    && mkdir -p /app/media \
    && chown app /app/media
USER app

# Inside the container, loopback is the container's own: the proxy, another container, must
# reach the app on the container network. That network is private to the compose project;
# do not publish this port to the outside (the proxy is the only way in).
ENV GUNICORN_BIND=0.0.0.0:8000
EXPOSE 8000
# gunicorn reads gunicorn.conf.py from the working directory.
CMD ["gunicorn"]
