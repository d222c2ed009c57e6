# syntax=docker/dockerfile:1
# Cascade feature service. Build from the repository root:
#   docker build -f deploy/docker/feature.Dockerfile -t cascade/feature .

# ---- build: install everything, bundle the app, keep only production node_modules ----
FROM node:20-bookworm AS build
WORKDIR /repo
ENV CASCADE_TFJS_NATIVE=0
COPY package.json package-lock.json tsconfig.base.json ./
COPY apps ./apps
COPY libs ./libs
COPY tools ./tools
RUN npm ci
# This service runs no model: the native TensorFlow step is skipped.
RUN node tools/build/bundle.mjs feature
# Our libs are inlined in the bundle; only the external npm dependencies are needed at run time.
RUN npm prune --omit=dev --omit=optional --ignore-scripts && rm -rf node_modules/@cascade node_modules/.cache

# ---- runtime: node:20-slim, bundle + production node_modules, non-root ----
FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    GRPC_PORT=50054 \
    METRICS_PORT=9464
WORKDIR /app
COPY --from=build /repo/node_modules ./node_modules
COPY --from=build /repo/dist/apps/feature ./
# The service names itself after the package that holds its entry script.
COPY apps/feature/package.json ./package.json
USER 1000:1000
EXPOSE 50054 9464
# Without --enable-source-maps: mapping a stack trace costs CPU on every error, and grpc-js formats
# one for each failed call (10% of blending's CPU under load). Stack traces name the bundle's
# functions and lines; NODE_OPTIONS=--enable-source-maps maps them to the sources when debugging.
CMD ["node", "main.js"]
