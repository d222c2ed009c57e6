# syntax=docker/dockerfile:1
# Cascade candidate-retrieval service. Build from the repository root:
#   docker build -f deploy/docker/candidate-retrieval.Dockerfile -t cascade/candidate-retrieval .

# ---- build: install everything, bundle the app, keep only production node_modules ----
FROM node:20-bookworm AS build
WORKDIR /repo
ENV CASCADE_TFJS_NATIVE=1
COPY package.json package-lock.json tsconfig.base.json ./
COPY apps ./apps
COPY libs ./libs
COPY tools ./tools
RUN npm ci
# TF.js on native TensorFlow when it can be built (falls back to WASM at run time otherwise).
RUN node tools/tfjs-native/setup.mjs --optional
RUN node tools/build/bundle.mjs candidate-retrieval
# Our libs are inlined in the bundle; only the external npm dependencies are needed at run time.
RUN npm prune --omit=dev --ignore-scripts && rm -rf node_modules/@cascade node_modules/.cache

# ---- runtime: node:20-slim, bundle + production node_modules, non-root ----
FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    GRPC_PORT=50052 \
    METRICS_PORT=9464 \
    MODEL_REGISTRY_DIR=/var/lib/cascade/models
WORKDIR /app
COPY --from=build /repo/node_modules ./node_modules
COPY --from=build /repo/dist/apps/candidate-retrieval ./
# The service names itself after the package that holds its entry script.
COPY apps/candidate-retrieval/package.json ./package.json
RUN mkdir -p /var/lib/cascade/models && chown -R 1000:1000 /var/lib/cascade
USER 1000:1000
EXPOSE 50052 9464
# Without --enable-source-maps: mapping a stack trace costs CPU on every error, and grpc-js formats
# one for each failed call (10% of blending's CPU under load). Stack traces name the bundle's
# functions and lines; NODE_OPTIONS=--enable-source-maps maps them to the sources when debugging.
CMD ["node", "main.js"]
