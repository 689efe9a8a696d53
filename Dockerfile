# The roledex binary with its content pack. Build: docker build -t roledex .
# The taxonomy releases the pack names (MITRE ATLAS, OWASP, NIST) are not part
# of the image: mount their directory at /reference-data (see docker-compose.yml).
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release -p roledex-api

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /app roledex && mkdir -p /data && chown roledex /data
WORKDIR /app
COPY --from=build /src/target/release/roledex /usr/local/bin/roledex
COPY content /app/content
USER roledex
ENV ROLEDEX_LISTEN=0.0.0.0:8080 \
    ROLEDEX_CONTENT_DIR=/app/content \
    ROLEDEX_REFERENCE_DATA=/reference-data \
    ROLEDEX_DATA_DIR=/data
EXPOSE 8080
ENTRYPOINT ["roledex"]
CMD ["serve"]
