# syntax=docker/dockerfile:1
# The Bulwark GitHub App (dist/app-server.js, Probot inside), with helm and kubectl for Helm charts and Kustomize
# overlays. Not built in this project's CI; see the README's "GitHub App" section.
#
#   docker build -t bulwark-app .
#   docker run -p 3000:3000 -e APP_ID=... -e PRIVATE_KEY="$(cat key.pem)" -e WEBHOOK_SECRET=... bulwark-app
#   docker compose up --build --scale worker=2       # with Redis: one intake, two workers

FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# The grammar package's native build is not needed: only its .wasm file is used, copied into dist/.
RUN npm ci --no-audit --no-fund --ignore-scripts && npm rebuild esbuild
COPY . .
RUN node scripts/build.mjs

FROM node:20-bookworm-slim AS tools
ARG TARGETARCH=amd64
ARG HELM_VERSION=v4.0.0
ARG KUBECTL_VERSION=v1.33.0
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/*
WORKDIR /tools
RUN curl -fsSLO "https://get.helm.sh/helm-${HELM_VERSION}-linux-${TARGETARCH}.tar.gz" \
 && curl -fsSL "https://get.helm.sh/helm-${HELM_VERSION}-linux-${TARGETARCH}.tar.gz.sha256sum" | sha256sum -c - \
 && tar -xzf "helm-${HELM_VERSION}-linux-${TARGETARCH}.tar.gz" --strip-components=1 "linux-${TARGETARCH}/helm" \
 && curl -fsSLO "https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/${TARGETARCH}/kubectl" \
 && echo "$(curl -fsSL "https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/${TARGETARCH}/kubectl.sha256")  kubectl" | sha256sum -c - \
 && chmod 0755 helm kubectl

FROM node:20-bookworm-slim
# helm and kustomize run inside bubblewrap (no network, only their temporary folder); util-linux (unshare,
# prlimit) is part of the base image. The container must allow user namespaces (see README, "Security model").
RUN apt-get update && apt-get install -y --no-install-recommends bubblewrap && rm -rf /var/lib/apt/lists/*
# Probot listens on localhost unless told otherwise.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=tools /tools/helm /tools/kubectl /usr/local/bin/
COPY --from=build /src/dist ./dist
COPY app.yml ./
USER node
EXPOSE 3000
# The App reads APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH), WEBHOOK_SECRET, GHE_HOST, REDIS_URL, PORT, LOG_LEVEL;
# Bulwark reads BULWARK_ROLE (intake, worker or both) and the other BULWARK_* settings (README, "GitHub App").
# docker-compose.yml runs this image as one intake and several workers sharing Redis.
CMD ["node", "dist/app-server.js"]
