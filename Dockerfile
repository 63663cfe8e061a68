# The dsr worker image. Build: docker build -t harmoniq/dsr .
FROM golang:1.26.8-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/dsr ./cmd/dsr

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates tzdata poppler-utils \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /var/lib/dsr dsr \
    && mkdir -p /var/lib/dsr/outbox && chown -R dsr /var/lib/dsr
COPY --from=build /out/dsr /usr/local/bin/dsr
USER dsr
ENV DSR_DATA_DIR=/var/lib/dsr OUTBOX_DIR=/var/lib/dsr/outbox
ENTRYPOINT ["dsr"]
CMD ["worker"]
